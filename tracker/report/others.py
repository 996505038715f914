"""The gains that do not count toward the target (øvrige gevinster) as rows of display
text, shared by ``parat status`` and the exports, so both show the same thing."""

from collections.abc import Callable

from tracker.domain.benefits import BenefitType
from tracker.domain.status import Status
from tracker.report.words import benefit_name

__all__ = ["other_benefit_rows"]


def other_benefit_rows(
    s: Status,
    amount: Callable[[int], str] | None = None,
    name: Callable[[BenefitType], str] | None = None,
) -> list[tuple[str, str, str, str, str]]:
    """Per non-counting benefit type that some hypothesis has: (label, count, pipeline,
    weighted, the hypotheses' codes); empty when every hypothesis counts.

    ``amount`` formats kroner (default: the programme's display, with its unit);
    ``name`` names a benefit type (default: in the reader's language)."""
    shown = amount or s.programme.display.amount
    codes: dict[str, list[str]] = {}
    for h in s.hypotheses:
        if not h.counts:
            codes.setdefault(h.benefit_type.value, []).append(h.code)
    return [
        (
            (name or benefit_name)(o.benefit_type),
            str(o.count),
            shown(o.pipeline_kr),
            shown(o.weighted_kr),
            ", ".join(codes.get(o.benefit_type.value, [])),
        )
        for o in s.other_benefits
        if o.count
    ]
