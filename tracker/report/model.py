"""What an export renders: the status plus the few things a summary needs besides it.

Built once (by the services' ``Parat.report()``, or by hand from a ``Status``) and
handed to every renderer. Plain frozen values, stdlib only, so the UI and scripts can
build one without a database.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from tracker.domain.diff import Diff
from tracker.domain.status import Status
from tracker.report.views import EventView, HypothesisDetail

if TYPE_CHECKING:  # a status call loads nothing of the budget's or the risk's
    from tracker.domain.budget import BudgetFollowUp
    from tracker.domain.risk import Risk

__all__ = ["ExportMeta", "Report"]


@dataclass(frozen=True, slots=True)
class ExportMeta:
    """Who made the export, when, and with which version of Parat."""

    generated_at: datetime
    generated_by: str
    tool_version: str


@dataclass(frozen=True, slots=True)
class Report:
    """Everything one export renders; computed once, rendered once per format."""

    status: Status
    meta: ExportMeta
    details: Mapping[str, HypothesisDetail] = field(default_factory=dict)
    """Per hypothesis code: description, confidence and figures per year (for the CSV
    and the spreadsheet); hypotheses without details export blank cells there."""
    history: tuple[EventView, ...] = ()
    """Audit log entries, newest first (the spreadsheet's Historik sheet)."""
    history_truncated: bool = False
    """True when older entries were left out (see ``HISTORY_LIMIT``)."""
    diff: Diff | None = None
    """What moved since an earlier moment ("Siden sidst"), when asked for."""
    risk: "Risk | None" = None
    """How sure we are ("Hvor sikre er vi?", with its draws and seed), when asked for:
    computed for the same moment as the status."""
    budget: "BudgetFollowUp | None" = None
    """The budget follow-up (budgetopfølgning) of the moment's year, when the programme
    has rammer."""
