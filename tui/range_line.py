"""A hypothesis's range (trepunktsestimat) for the target year and what it adds to the
expected value (forventet værdi), as the detail screen shows it under the figures.

The expected value is computed as ``parat risk`` computes it, from the same row of
the status: weight × (minimum + 4 × potential + maksimum) / 6, rounded half up.
"""

from collections.abc import Mapping

from tracker.domain import labels as da
from tracker.domain.risk import expected_amount
from tracker.domain.risk_inputs import risk_hypothesis
from tracker.domain.status import HypothesisContribution
from tui.fmt import mio

__all__ = ["range_line"]


def range_line(row: HypothesisContribution, year: int, figures: Mapping[str, int]) -> str:
    """``Spænd i 2018: minimum 3,0 mio. kr. · mest sandsynlig 4,5 mio. kr. · …``."""
    if not row.counts:
        return f"[b]Spænd i {year}[/b]: gevinsttypen tæller ikke med i målet"
    has_potential = "potential" in figures
    h = risk_hypothesis(row, has_potential, figures.get("low"), figures.get("high"))
    if not has_potential:
        spread = "intet potentiale, og så intet spænd"
    elif not h.has_range:
        spread = "intet spænd (minimum = maksimum = potentialet)"
    else:
        spread = (
            f"minimum {mio(h.low_kr)} · mest sandsynlig {mio(h.likely_kr)} · "
            f"maksimum {mio(h.high_kr)}"
        )
    return (
        f"[b]Spænd i {year}[/b]: {spread} · bidrag til {da.EXPECTED.lower()} "
        f"[b]{mio(expected_amount(h))}[/b] (vægt {row.weight_pct} % × "
        "(minimum + 4 × mest sandsynlig + maksimum) / 6)"
    )
