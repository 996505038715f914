"""A hypothesis's range (trepunktsestimat) for the target year and what it adds to the
expected value (forventet værdi), as the detail screen shows it under the figures.

The expected value is computed as ``parat risk`` computes it, from the same row of
the status: weight × (minimum + 4 × potential + maksimum) / 6, rounded half up.
"""

from collections.abc import Mapping

from tracker.domain.risk import expected_amount
from tracker.domain.risk_inputs import risk_hypothesis
from tracker.domain.status import HypothesisContribution
from tracker.i18n import _
from tui.fmt import mio

__all__ = ["range_line"]


def range_line(row: HypothesisContribution, year: int, figures: Mapping[str, int]) -> str:
    """``Spænd i 2018: minimum 3,0 mio. kr. · mest sandsynlig 4,5 mio. kr. · …``."""
    if not row.counts:
        return _(
            "[b]Range in {year}[/b]: the benefit type does not count toward the target"
        ).format(year=year)
    has_potential = "potential" in figures
    h = risk_hypothesis(row, has_potential, figures.get("low"), figures.get("high"))
    if not has_potential:
        spread = _("no potential, and so no range")
    elif not h.has_range:
        spread = _("no range (minimum = maximum = the potential)")
    else:
        spread = _("minimum {low} · most likely {likely} · maximum {high}").format(
            low=mio(h.low_kr), likely=mio(h.likely_kr), high=mio(h.high_kr)
        )
    return _(
        "[b]Range in {year}[/b]: {spread} · contribution to the expected value "
        "[b]{expected}[/b] (weight {weight} % × "
        "(minimum + 4 × most likely + maximum) / 6)"
    ).format(year=year, spread=spread, expected=mio(expected_amount(h)), weight=row.weight_pct)
