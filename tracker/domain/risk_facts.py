"""The input of the risk arithmetic: the counting hypotheses with their ranges, the
overlaps between them, and how they are laid out in the simulation's totals. Plain,
checked values shared by :mod:`tracker.domain.risk` and :mod:`tracker.domain.risk_sim`.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from tracker.domain.rules import is_whole_percent
from tracker.domain.status import Allocation, BucketFacts

__all__ = ["Layout", "OverlapFacts", "RiskFacts", "RiskHypothesis", "layout_of"]


@dataclass(frozen=True, slots=True)
class RiskHypothesis:
    """One counting hypothesis as the simulation sees it (target year only)."""

    code: str
    """Unique code, e.g. ``H04``."""
    weight_pct: int
    """Probability that it comes true, in whole percent: its weight (vægt), the
    confidence override or else the stage weight; 0 when dropped."""
    low_kr: int
    """Minimum of the range (minimum), kroner."""
    likely_kr: int
    """Most likely gain (mest sandsynlig): the potential itself, kroner."""
    high_kr: int
    """Maximum of the range (maksimum), kroner; equal to low and likely without a range."""
    bucket: str | None = None
    """Key of the bucket it is earmarked to (øremærket pulje), if any."""

    def __post_init__(self) -> None:
        if not is_whole_percent(self.weight_pct):
            raise ValueError(f"{self.code}: weight {self.weight_pct!r} is not a whole 0-100 %")
        amounts = (self.low_kr, self.likely_kr, self.high_kr)
        if not all(isinstance(a, int) and not isinstance(a, bool) for a in amounts):
            raise ValueError(f"{self.code}: low, likely and high must be whole kroner")
        if not self.low_kr <= self.likely_kr <= self.high_kr:
            raise ValueError(
                f"{self.code}: the range needs low <= likely <= high, "
                f"got {self.low_kr}, {self.likely_kr}, {self.high_kr}"
            )

    @property
    def has_range(self) -> bool:
        """Whether low and high differ (else the gain is exactly the likely figure)."""
        return self.low_kr < self.high_kr


@dataclass(frozen=True, slots=True)
class OverlapFacts:
    """An overlap (dobbelttælling): an amount that several hypotheses both claim."""

    members: tuple[str, ...]
    """Codes of the hypotheses that claim it; the first one's bucket carries the
    deduction in earmarked mode."""
    amount_kr: int
    """The amount counted twice in the target year (overlap), kroner, not negative."""

    def __post_init__(self) -> None:
        if len(self.members) < 2 or len(set(self.members)) != len(self.members):
            raise ValueError(f"overlap {self.members!r}: needs two or more distinct members")
        if not isinstance(self.amount_kr, int) or isinstance(self.amount_kr, bool):
            raise ValueError(f"overlap {self.members!r}: the amount must be whole kroner")
        if self.amount_kr < 0:
            raise ValueError(f"overlap {self.members!r}: the amount cannot be negative")


@dataclass(frozen=True, slots=True)
class RiskFacts:
    """The simulation's input: the target, the counting hypotheses and their overlaps.

    Only hypotheses of a benefit type that counts toward the target belong here; every
    member of an overlap must be one of them (leave out an overlap with a member that
    does not count: nothing is counted twice toward the target then).
    """

    target_kr: int
    """The programme's target (mål), kroner."""
    hypotheses: Sequence[RiskHypothesis]
    """The counting hypotheses, each code once."""
    overlaps: Sequence[OverlapFacts] = ()
    """The overlaps between them."""
    allocation: Allocation = Allocation.WATERFALL
    """Waterfall or earmarked buckets (puljer)."""
    buckets: Sequence[BucketFacts] = ()
    """The buckets, in any order."""


@dataclass(frozen=True, slots=True)
class Layout:
    """Where each hypothesis and overlap goes: its slot, a separate total in the draws
    (waterfall: one, the programme's; earmarked: one per bucket, then the unassigned)."""

    buckets: list[BucketFacts]
    """The buckets in priority order (slot i is bucket i in earmarked mode)."""
    hypothesis_slots: list[int]
    """Each hypothesis's slot, in the order of the facts."""
    overlap_members: list[list[int]]
    """Each overlap's members as positions among the hypotheses."""
    overlap_slots: list[int]
    """Each overlap's slot: that of its first member."""
    n_slots: int
    """Number of slots: 1 in waterfall mode, buckets + 1 in earmarked mode."""


def layout_of(facts: RiskFacts) -> Layout:
    """Check the facts (each code once, overlaps among the hypotheses) and lay them out."""
    index: dict[str, int] = {}
    for i, h in enumerate(facts.hypotheses):
        if h.code in index:
            raise ValueError(f"hypothesis {h.code} is given twice")
        index[h.code] = i
    for o in facts.overlaps:
        unknown = [m for m in o.members if m not in index]
        if unknown:
            raise ValueError(
                f"overlap {o.members!r}: {', '.join(unknown)} not among the hypotheses"
            )
    buckets = sorted(facts.buckets, key=lambda b: (b.priority, b.key))
    if facts.allocation is Allocation.WATERFALL:
        slot_of: dict[str | None, int] = {}
        n_slots = 1
    else:
        slot_of = {b.key: i for i, b in enumerate(buckets)}
        n_slots = len(buckets) + 1
    slots = [slot_of.get(h.bucket, n_slots - 1) for h in facts.hypotheses]
    return Layout(
        buckets=buckets,
        hypothesis_slots=slots,
        overlap_members=[[index[m] for m in o.members] for o in facts.overlaps],
        overlap_slots=[slots[index[o.members[0]]] for o in facts.overlaps],
        n_slots=n_slots,
    )
