"""What moved between two moments ("Siden sidst"): the shape shared by the CLI's
``parat diff``, the UI's view and the exports' section.

The values are computed by ``tracker.services`` from the dated figures and events;
this module only holds the plain result.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from tracker.domain import labels as da
from tracker.domain.overlaps import Overlap
from tracker.domain.stages import Stage
from tracker.domain.status import Allocation, Status

__all__ = [
    "TOTAL_MEASURES",
    "BudgetChange",
    "CutChange",
    "Diff",
    "FigureChange",
    "OverlapChange",
    "StageMove",
    "ValidationChange",
    "ignored_earmarks",
    "measure_changes",
    "overlap_changes",
    "total_changes",
]


@dataclass(frozen=True, slots=True)
class StageMove:
    """A hypothesis whose stage differs between the two moments."""

    code: str
    title: str
    old_stage: Stage | None
    """``None`` when the hypothesis did not exist at the first moment."""
    new_stage: Stage | None
    at: datetime | None
    """When the last move happened (None if unknown)."""
    actor: str
    note: str
    decision: str = ""
    """The decision the move rests on (beslutning: "Chefgruppemøde 2, 12.03.2018"),
    or empty."""


@dataclass(frozen=True, slots=True)
class FigureChange:
    """A figure (kind, year) whose amount differs between the two moments."""

    code: str
    title: str
    kind: str
    """potential, realised or investment."""
    year: int
    old_kr: int | None
    """``None`` when there was no figure at the first moment."""
    new_kr: int | None
    at: datetime | None
    actor: str


@dataclass(frozen=True, slots=True)
class OverlapChange:
    """An overlap (dobbelttælling) added, changed or dropped between the two moments."""

    name: str
    before: Overlap | None
    """As it stood at the first moment; ``None`` when it did not stand then."""
    after: Overlap | None
    """As it stands at the second; ``None`` when it was dropped in between."""
    at: datetime | None
    """When it was last changed in between (None if unknown)."""
    actor: str


@dataclass(frozen=True, slots=True)
class ValidationChange:
    """A validation (approved or rejected) recorded between the two moments."""

    code: str
    title: str
    year: int
    approved: bool
    amount_kr: int
    """The realised amount it was given for."""
    reference: str
    """Sag/dokument."""
    note: str
    at: datetime
    actor: str
    standing: bool
    """Whether the figure it was given for still stood at the second moment (a later
    change of the figure loses the validation)."""


@dataclass(frozen=True, slots=True)
class BudgetChange:
    """A ramme's budget figure (kind, year) that differs between the two moments."""

    ramme: str
    """The ramme's key."""
    name: str
    kind: str
    """original, supplementary, carried, actual or forecast."""
    year: int
    old_kr: int | None
    """``None`` when it was not given at the first moment (or cleared)."""
    new_kr: int | None
    at: datetime | None
    actor: str


@dataclass(frozen=True, slots=True)
class CutChange:
    """A cut (udmøntning) of a hypothesis, ramme and year that differs between the
    two moments: new, changed or withdrawn."""

    code: str
    title: str
    ramme: str
    year: int
    old_kr: int | None
    """``None``: no cut stood at the first moment."""
    new_kr: int | None
    """``None``: withdrawn by the second moment."""
    decision: str
    """The decision of the cut as it stands (or stood, when withdrawn)."""
    at: datetime | None
    actor: str


@dataclass(frozen=True, slots=True)
class Diff:
    """The programme at two moments and what changed between them."""

    since: datetime
    until: datetime
    since_label: str
    """How the user named the first moment: a snapshot name or a date."""
    until_label: str
    before: Status
    after: Status
    stage_moves: tuple[StageMove, ...]
    figure_changes: tuple[FigureChange, ...]
    added: tuple[str, ...]
    """Codes of hypotheses that exist at ``until`` but not at ``since``."""
    dropped: tuple[str, ...]
    """Codes that moved to the dropped stage between the two moments."""
    overlap_changes: tuple[OverlapChange, ...] = ()
    """Overlaps added, changed or dropped between the two moments, by name."""
    validations: tuple[ValidationChange, ...] = ()
    """Validations of realised figures recorded between the two moments, oldest first."""
    budget_changes: tuple[BudgetChange, ...] = ()
    """The rammer's budget figures that changed, by ramme, year and kind."""
    cut_changes: tuple[CutChange, ...] = ()
    """The cuts that were made, changed or withdrawn, by hypothesis, year and ramme."""


#: The headline measures of every "Siden sidst" view, in its order, with the Danish
#: label each is shown by (the totals' ``*_kr`` fields).
TOTAL_MEASURES: dict[str, str] = {
    "pipeline": da.PIPELINE,
    "weighted": da.WEIGHTED,
    "decided": da.DECIDED,
    "budgeted": da.BUDGETED,
    "realised": da.REALISED,
    "validated": da.VALIDATED,
    "gap": da.GAP_EXPLAINED,
    "baseline": da.BASELINE_EXPLAINED,
    "slippage": da.SLIPPAGE_EXPLAINED,
    "overlap": f"{da.OVERLAP} ({da.PIPELINE.lower()})",
    "overlap_weighted": f"{da.OVERLAP} ({da.WEIGHTED.lower()})",
}


def measure_changes(d: Diff) -> list[tuple[str, int, int]]:
    """The headline measures before and now: (measure key, before kr, now kr). The
    measures are netto; udmøntet is among them once either moment has rammer, and
    what the overlaps take off pipeline and weighted once either has overlaps."""
    b, a = d.before.totals, d.after.totals
    budgeted = d.before.programme.has_rammer or d.after.programme.has_rammer
    overlaps = bool(d.before.overlaps or d.after.overlaps)
    shown = {"budgeted": budgeted, "overlap": overlaps, "overlap_weighted": overlaps}
    return [
        (key, getattr(b, f"{key}_kr"), getattr(a, f"{key}_kr"))
        for key in TOTAL_MEASURES
        if shown.get(key, True)
    ]


def total_changes(d: Diff) -> list[tuple[str, int, int]]:
    """The headline measures before and now, with their Danish labels, in the order
    every "Siden sidst" view shows them: (label, before kr, now kr)."""
    return [(TOTAL_MEASURES[key], old, new) for key, old, new in measure_changes(d)]


def overlap_changes(
    before: Sequence[Overlap],
    after: Sequence[Overlap],
    author: Callable[[str], tuple[datetime | None, str]] | None = None,
) -> tuple[OverlapChange, ...]:
    """The overlaps that differ between two moments (added, changed, dropped), by
    name; ``author`` says who changed one last, and when."""
    old = {o.name: o for o in before}
    new = {o.name: o for o in after}
    changes = []
    for name in sorted(old.keys() | new.keys(), key=str.casefold):
        was, now = old.get(name), new.get(name)
        if was != now:
            at, actor = author(name) if author else (None, "")
            changes.append(OverlapChange(name, was, now, at, actor))
    return tuple(changes)


def ignored_earmarks(d: Diff) -> list[str]:
    """Codes whose earmark (bucket) was set or changed between the two moments while
    the programme follows the waterfall rule, which ignores earmarks."""
    if d.after.programme.allocation is not Allocation.WATERFALL:
        return []
    was = {h.code: h.bucket for h in d.before.hypotheses}
    return [h.code for h in d.after.hypotheses if h.bucket and was.get(h.code) != h.bucket]
