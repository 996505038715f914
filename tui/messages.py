"""Messages that workers post back to the UI thread (small, plain dataclasses)."""

from dataclasses import dataclass
from datetime import datetime

from textual.message import Message

from tracker.domain.risk import Risk
from tracker.domain.status import Status
from tracker.report import HypothesisDetail

__all__ = [
    "DataChanged",
    "DetailLoaded",
    "RiskLoaded",
    "SaveFailed",
    "Saved",
    "StaleConflict",
    "StatusLoaded",
]


@dataclass
class StatusLoaded(Message):
    """A fresh status computed by :meth:`tracker.Parat.status`."""

    status: Status
    seen: int = 0
    """The newest event's id when the status was read (see :class:`DataChanged`)."""
    as_of: datetime | None = None
    """The past moment it was computed for (``None``: now)."""
    past: str | None = None
    """How that moment is named on screen ("Status pr. …")."""


@dataclass
class RiskLoaded(Message):
    """How sure we are, computed by :meth:`tracker.Parat.risk` for the status shown."""

    risk: Risk
    as_of: datetime | None = None
    """The past moment it was computed for (``None``: now)."""


@dataclass
class DataChanged(Message):
    """Something changed in the database since the status was read (another user,
    a script, or this app): the app reads the status again."""

    latest: int | None = None
    """The newest event's id, when the poll noticed another's change (the hypothesis
    on show is read again too); ``None`` when a screen of this app made the change
    (that screen shows it already)."""


@dataclass
class DetailLoaded(Message):
    """One hypothesis with its figures and history."""

    detail: HypothesisDetail


@dataclass
class Saved(Message):
    """Edits were stored; ``detail`` is the hypothesis as it now is."""

    detail: HypothesisDetail
    changed: int
    version: int
    """The version our own last write produced."""
    noted: str = ""
    """The figures' note that went with the edits, if any."""


@dataclass
class SaveFailed(Message):
    """An edit was refused (bad value); ``field`` names the input it came from."""

    field: str
    text: str


@dataclass
class StaleConflict(Message):
    """Someone else changed the hypothesis first; ``current`` is its state now."""

    field: str
    mine: str
    current: HypothesisDetail
    expected_version: int
