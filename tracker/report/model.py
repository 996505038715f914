"""What an export renders: the status plus the few things a summary needs besides it.

Built once (by the services' ``Parat.report()``, or by hand from a ``Status``) and
handed to every renderer. Plain frozen values, stdlib only, so the UI and scripts can
build one without a database.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from tracker.domain.diff import Diff
from tracker.domain.status import Status
from tracker.report.views import EventView

__all__ = ["ExportMeta", "HypothesisDetails", "Report"]


@dataclass(frozen=True, slots=True)
class HypothesisDetails:
    """What the CSV and the spreadsheet show besides a hypothesis's status row."""

    code: str
    description: str = ""
    """Description (beskrivelse), free text."""
    confidence_pct: int | None = None
    """The confidence override as stored (``None``: the stage weight applies)."""
    potential: Mapping[int, int] = field(default_factory=dict)
    """Gain potential (gevinstpotentiale) per year, kroner; years without a figure absent."""
    realised: Mapping[int, int] = field(default_factory=dict)
    """Realised gain (realiseret gevinst) per year, kroner."""
    investment: Mapping[int, int] = field(default_factory=dict)
    """Investment (investering) per year, kroner."""


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
    details: Mapping[str, HypothesisDetails] = field(default_factory=dict)
    """Per hypothesis code; hypotheses without details export blank per-year cells."""
    history: tuple[EventView, ...] = ()
    """Audit log entries, newest first (the spreadsheet's Historik sheet)."""
    history_truncated: bool = False
    """True when older entries were left out (see ``HISTORY_LIMIT``)."""
    diff: Diff | None = None
    """What moved since an earlier moment ("Siden sidst"), when asked for."""
