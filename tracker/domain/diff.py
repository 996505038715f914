"""What moved between two moments ("Siden sidst"): the shape shared by the CLI's
``parat diff``, the UI's view and the exports' section.

The values are computed by ``tracker.services`` from the dated figures and events;
this module only holds the plain result.
"""

from dataclasses import dataclass
from datetime import datetime

from tracker.domain import labels as da
from tracker.domain.stages import Stage
from tracker.domain.status import Allocation, Status

__all__ = [
    "TOTAL_MEASURES",
    "Diff",
    "FigureChange",
    "StageMove",
    "ignored_earmarks",
    "measure_changes",
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


#: The headline measures of every "Siden sidst" view, in its order, with the Danish
#: label each is shown by (the totals' ``*_kr`` fields).
TOTAL_MEASURES: dict[str, str] = {
    "pipeline": da.PIPELINE,
    "weighted": da.WEIGHTED,
    "decided": da.DECIDED,
    "realised": da.REALISED,
    "gap": da.GAP_EXPLAINED,
    "baseline": da.BASELINE_EXPLAINED,
    "slippage": da.SLIPPAGE_EXPLAINED,
}


def measure_changes(d: Diff) -> list[tuple[str, int, int]]:
    """The headline measures before and now: (measure key, before kr, now kr)."""
    b, a = d.before.totals, d.after.totals
    return [(key, getattr(b, f"{key}_kr"), getattr(a, f"{key}_kr")) for key in TOTAL_MEASURES]


def total_changes(d: Diff) -> list[tuple[str, int, int]]:
    """The headline measures before and now, with their Danish labels, in the order
    every "Siden sidst" view shows them: (label, before kr, now kr)."""
    return [(TOTAL_MEASURES[key], old, new) for key, old, new in measure_changes(d)]


def ignored_earmarks(d: Diff) -> list[str]:
    """Codes whose earmark (bucket) was set or changed between the two moments while
    the programme follows the waterfall rule, which ignores earmarks."""
    if d.after.programme.allocation is not Allocation.WATERFALL:
        return []
    was = {h.code: h.bucket for h in d.before.hypotheses}
    return [h.code for h in d.after.hypotheses if h.bucket and was.get(h.code) != h.bucket]
