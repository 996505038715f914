"""Messages that workers post back to the UI thread (small, plain dataclasses)."""

from dataclasses import dataclass

from textual.message import Message

from tracker.domain.status import Status
from tracker.services.views import HypothesisDetail

__all__ = ["DetailLoaded", "SaveFailed", "Saved", "StaleConflict", "StatusLoaded", "WorkFailed"]


@dataclass
class StatusLoaded(Message):
    """A fresh status computed by :meth:`tracker.Parat.status`."""

    status: Status


@dataclass
class WorkFailed(Message):
    """A database call refused or failed; ``text`` is the line to show."""

    text: str


@dataclass
class DetailLoaded(Message):
    """One hypothesis with its figures and history."""

    detail: HypothesisDetail


@dataclass
class Saved(Message):
    """Edits were stored; ``detail`` is the hypothesis as it now is."""

    detail: HypothesisDetail
    changed: int


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
