"""Ranges of a potential (trepunktsestimat): minimum ≤ mest sandsynlig ≤ maksimum.

A potential may carry a ``low`` and a ``high`` figure per year, recorded like every
other figure; without them the range is the potential itself. Pure: values in, a
:class:`RuleError` out.
"""

from tracker.domain.money import format_mio
from tracker.domain.rules import RuleError

__all__ = ["RANGE_KINDS", "check_range", "range_of"]

#: The figure kinds of a range: minimum and maksimum around the potential.
RANGE_KINDS: tuple[str, ...] = ("low", "high")


def check_range(potential: int | None, low: int | None, high: int | None) -> None:
    """Refuse a range without a potential, or one where low ≤ potential ≤ high fails.

    A missing side is the potential itself (a range may be one-sided)."""
    if potential is None:
        if low is not None or high is not None:
            raise RuleError(
                "a range (--low/--high) needs a potential for the same year",
                "Et spænd (minimum/maksimum) kræver et potentiale for samme år.",
            )
        return
    if low is not None and low > potential:
        raise RuleError(
            f"the low figure {format_mio(low)} is above the potential {format_mio(potential)}",
            f"Minimum {format_mio(low)} er over potentialet {format_mio(potential)}.",
        )
    if high is not None and high < potential:
        raise RuleError(
            f"the high figure {format_mio(high)} is below the potential {format_mio(potential)}",
            f"Maksimum {format_mio(high)} er under potentialet {format_mio(potential)}.",
        )


def range_of(potential: int, low: int | None, high: int | None) -> tuple[int, int, int]:
    """(low, likely, high) in kroner: a missing side is the potential itself."""
    return (
        potential if low is None else min(low, potential),
        potential,
        potential if high is None else max(high, potential),
    )
