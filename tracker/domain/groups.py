"""Hypotheses grouped by area (område/udvalg), as a chief group reads them: each
area with its hypotheses and the sums of its target-year measures.

Pure: the sums are of the hypotheses' own contributions, so the subtotals of all
areas add up to the programme's totals.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from tracker.domain.labels import NO_AREA
from tracker.domain.status_values import HypothesisContribution

__all__ = ["NO_AREA", "AreaGroup", "by_area", "danish_key"]


# Danish alphabetical order ends with æ, ø, å (Unicode puts å before æ).
_DANISH_TAIL = str.maketrans({"æ": "{", "ø": "|", "å": "}"})


def danish_key(text: str) -> str:
    """A sort key in Danish alphabetical order (æ, ø, å after z), case-blind."""
    return text.casefold().translate(_DANISH_TAIL)


@dataclass(frozen=True, slots=True)
class AreaGroup:
    """One area and its hypotheses, in the order given, with their sums."""

    area: str
    """The area as written, or :data:`NO_AREA`."""
    hypotheses: tuple[HypothesisContribution, ...]
    pipeline_kr: int
    weighted_kr: int
    decided_kr: int
    realised_kr: int
    investment_kr: int
    validated_kr: int = 0


def by_area(hypotheses: Sequence[HypothesisContribution]) -> tuple[AreaGroup, ...]:
    """The hypotheses grouped by area, areas in Danish order, those without one last."""
    groups: dict[str, list[HypothesisContribution]] = {}
    for h in hypotheses:
        groups.setdefault(h.area.strip(), []).append(h)
    order = sorted(groups, key=lambda a: (a == "", danish_key(a)))
    return tuple(
        AreaGroup(
            area or NO_AREA,
            tuple(groups[area]),
            sum(h.pipeline_kr for h in groups[area]),
            sum(h.weighted_kr for h in groups[area]),
            sum(h.decided_kr for h in groups[area]),
            sum(h.realised_kr for h in groups[area]),
            sum(h.investment_kr for h in groups[area]),
            sum(h.validated_kr for h in groups[area]),
        )
        for area in order
    )
