"""Double counting (dobbelttælling): a gain that two or more hypotheses both claim,
and what it takes off each measure. Pure: plain values in and out.

An overlap names its members (hypothesis codes, in the order given), the amount
counted twice in the target year and a note. Netto = brutto − overlaps, where an
overlap is deducted when all its members come true. The rules, measure by measure:

- **Who counts.** An overlap is counted over its *counted* members: those of a
  benefit type that counts toward the target and not dropped. A member of another
  type is in no total, and a dropped one adds 0, so the gain is not counted twice
  through it. With fewer than two counted members an overlap deducts nothing (it
  stays on the list, marked as not counting); with two or more, it deducts its whole
  amount over them.
- **Pipeline**: the amount, once the overlap counts.
- **Weighted**: the amount × the lowest weight among the counted members, rounded
  half up (the chance that all of them come true when they move together).
- **Decided**: the amount, when every counted member is decided or later.
- **Realised**: when every counted member has a realised figure above 0 for the
  target year, the amount, but never more than the smallest of those realised
  figures: a gain harvested only in part cannot have been counted twice in full.
- **Validated**: as realised, over the members' validated figures.
- **Buckets.** Waterfall: deducted from the totals before the buckets fill (the
  buckets fill with netto). Earmarked: deducted from the bucket of its first counted
  member (ikke fordelt when that member has no earmark).

The overlap is an amount of the target year: the trajectory's target-year row is
netto like the totals; other years, the stages and each hypothesis's own row stay
brutto.
"""

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from tracker.domain.money import format_mio, weighted_amount

__all__ = [
    "ABOVE_POTENTIAL",
    "MemberFacts",
    "Overlap",
    "OverlapStatus",
    "count_overlap",
    "describe_state",
    "member_codes",
    "overlap_warnings",
]

#: The stable code of the warning for an overlap above its smallest member's potential.
ABOVE_POTENTIAL = "overlap-above-member-potential"


@dataclass(frozen=True, slots=True)
class Overlap:
    """An overlap (dobbelttælling) as recorded."""

    name: str
    """Its name, unique in the programme (e.g. ``Hjemmeplejens timer``)."""
    members: tuple[str, ...]
    """Codes of the hypotheses that claim the gain, in the order given (the first
    counted one's earmark carries it in earmarked mode)."""
    amount_kr: int
    """The amount counted twice in the target year, kroner (above 0)."""
    note: str = ""
    """Why (note), e.g. which hours both claim."""


@dataclass(frozen=True, slots=True)
class MemberFacts:
    """What the overlap arithmetic reads of one counted member (counting type, not
    dropped), for the target year."""

    weight_pct: int
    """Its weight: the confidence override, else the stage weight."""
    pipeline_kr: int
    """Its target-year potential, kroner."""
    decided: bool
    """Whether it is decided or later."""
    realised_kr: int
    """Its target-year realised figure, kroner (0 when none)."""
    bucket: str | None
    """The bucket it is earmarked to, if any."""
    validated_kr: int = 0
    """Its target-year realised figure as validated, kroner (0 when none)."""


@dataclass(frozen=True, slots=True)
class OverlapStatus:
    """An overlap as the status shows it: what it takes off each measure."""

    name: str
    members: tuple[str, ...]
    """Every member, as recorded."""
    amount_kr: int
    """The amount counted twice (brutto), kroner."""
    note: str
    counted: tuple[str, ...]
    """The members it is counted over (counting type, not dropped), in order."""
    weight_pct: int
    """The lowest weight among the counted members; 0 when the overlap does not count."""
    pipeline_kr: int
    """Taken off the pipeline: the amount, or 0 with fewer than two counted members."""
    weighted_kr: int
    """Taken off the weighted total: amount × the lowest weight, rounded half up."""
    decided_kr: int
    """Taken off decided: the amount when every counted member is decided or later."""
    realised_kr: int
    """Taken off realised: the amount, at most the smallest realised figure, when
    every counted member has realised something in the target year."""
    bucket: str | None
    """The bucket that carries it in earmarked mode: its first counted member's."""
    validated_kr: int = 0
    """Taken off validated, by the rule for realised over the validated figures."""

    @property
    def counts(self) -> bool:
        """Whether it deducts anything (two or more counted members)."""
        return len(self.counted) >= 2


def member_codes(overlaps: Iterable[Overlap]) -> frozenset[str]:
    """Every code some overlap names."""
    return frozenset(code for o in overlaps for code in o.members)


def count_overlap(overlap: Overlap, counted: Mapping[str, MemberFacts]) -> OverlapStatus:
    """What ``overlap`` takes off each measure; ``counted`` holds the facts of the
    hypotheses that count (counting type, not dropped) by code: a member not in it
    does not count."""
    codes = tuple(code for code in overlap.members if code in counted)
    facts = [counted[code] for code in codes]
    amount = overlap.amount_kr
    if len(facts) < 2:
        return OverlapStatus(
            overlap.name, overlap.members, amount, overlap.note, codes, 0, 0, 0, 0, 0, None
        )
    weight = min(f.weight_pct for f in facts)
    decided = amount if all(f.decided for f in facts) else 0
    harvested = min(f.realised_kr for f in facts)
    realised = min(amount, harvested) if harvested > 0 else 0
    confirmed = min(f.validated_kr for f in facts)
    validated = min(amount, confirmed) if confirmed > 0 else 0
    return OverlapStatus(
        overlap.name,
        overlap.members,
        amount,
        overlap.note,
        codes,
        weight,
        amount,
        weighted_amount(amount, weight),
        decided,
        realised,
        facts[0].bucket,
        validated,
    )


def overlap_warnings(
    overlaps: Sequence[OverlapStatus], counted: Mapping[str, MemberFacts], year: int
) -> list[tuple[str, str | None, str, str]]:
    """(code, hypothesis, Danish message, English message) for each counting overlap
    whose amount is above the target-year potential of its smallest counted member:
    more than that member can have claimed twice, so one of the figures is likely
    wrong."""
    found: list[tuple[str, str | None, str, str]] = []
    for o in overlaps:
        if not o.counts:
            continue
        smallest = min(o.counted, key=lambda code: counted[code].pipeline_kr)
        potential = counted[smallest].pipeline_kr
        if o.amount_kr > potential:
            found.append(
                (
                    ABOVE_POTENTIAL,
                    smallest,
                    f"Dobbelttællingen «{o.name}» ({format_mio(o.amount_kr)}) er større end "
                    f"potentialet for {smallest} ({format_mio(potential)} i {year})",
                    f"The overlap «{o.name}» ({format_mio(o.amount_kr)}) is larger than "
                    f"the potential of {smallest} ({format_mio(potential)} in {year})",
                )
            )
    return found


def describe_state(text: str | None) -> str:
    """An overlap's state as the audit log keeps it (``{"members": "H03,H04",
    "amount_kr": 2000000, "note": …}``) in one Danish line: ``H03, H04 · 2,0 mio. kr. ·
    note``; text that is no such state is returned as it is."""
    try:
        state = json.loads(text or "")
        members = ", ".join(str(state["members"]).split(","))
        parts = [members, format_mio(int(state["amount_kr"])), str(state.get("note") or "")]
    except (ValueError, TypeError, KeyError, AttributeError):
        return text or ""
    return " · ".join(part for part in parts if part)
