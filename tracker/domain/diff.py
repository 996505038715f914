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

__all__ = ["Diff", "FigureChange", "StageMove", "ignored_earmarks", "total_changes"]


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


def total_changes(d: Diff) -> list[tuple[str, int, int]]:
    """The headline measures before and now, with their Danish labels, in the order
    every "Siden sidst" view shows them: (label, before kr, now kr)."""
    b, a = d.before.totals, d.after.totals
    return [
        (da.PIPELINE, b.pipeline_kr, a.pipeline_kr),
        (da.WEIGHTED, b.weighted_kr, a.weighted_kr),
        (da.DECIDED, b.decided_kr, a.decided_kr),
        (da.REALISED, b.realised_kr, a.realised_kr),
        (da.GAP_EXPLAINED, b.gap_kr, a.gap_kr),
        (da.BASELINE_EXPLAINED, b.baseline_kr, a.baseline_kr),
        (da.SLIPPAGE_EXPLAINED, b.slippage_kr, a.slippage_kr),
    ]


def ignored_earmarks(d: Diff) -> list[str]:
    """Codes whose earmark (bucket) was set or changed between the two moments while
    the programme follows the waterfall rule, which ignores earmarks."""
    if d.after.programme.allocation is not Allocation.WATERFALL:
        return []
    was = {h.code: h.bucket for h in d.before.hypotheses}
    return [h.code for h in d.after.hypotheses if h.bucket and was.get(h.code) != h.bucket]
