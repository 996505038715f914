"""Storing a form's edits through the services, field by field (run in a worker).

Each edit goes with the version the form read last (``expect_version``), so a change
the form has not read is never overwritten unseen. Whether such a change is a
*conflict* is decided per field, like a three-way merge: an edit conflicts only when
its own field's stored value is no longer the one the edit began at. Someone else's
change to another field (the owner, another year's figure) is kept, and the edit is
stored on top of it. No widgets here: the detail screen's worker calls :func:`store`
and turns the outcome into a message.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from tracker.errors import ParatError, ReadOnlyError, StaleVersion
from tracker.report import HypothesisDetail, HypothesisView
from tracker.services import Parat
from tui.access import error_text
from tui.edits import Edit, field_values

__all__ = ["HISTORY_LIMIT", "Conflict", "Refused", "Start", "Stored", "store"]

#: How many history events a fresh read of the hypothesis carries.
HISTORY_LIMIT = 200
#: How often an edit is tried again over others' changes to other fields, at most.
_MERGE_TRIES = 3

Start = tuple[str, int]
"""The stored value a field's edit began at, and the version it was read in."""


@dataclass(frozen=True, slots=True)
class Stored:
    """Every edit is stored; ``detail`` is the hypothesis as it now is."""

    detail: HypothesisDetail
    changed: int
    """How many values changed (an edit to the value already stored changes none)."""
    version: int
    """The version the last write produced."""


@dataclass(frozen=True, slots=True)
class Conflict:
    """Someone else changed the field of ``edits[0]`` since the edit began."""

    edits: list[Edit]
    """That edit and those after it: none of them is stored."""
    current: HypothesisDetail
    expected: int
    """The version the edit was made against."""


@dataclass(frozen=True, slots=True)
class Refused:
    """The services refused an edit (a bad value, read-only)."""

    field: str
    text: str
    changed: int
    """How many values the edits before it changed (those are stored)."""


def store(
    parat: Parat,
    code: str,
    edits: list[Edit],
    *,
    version: int,
    starts: Mapping[str, Start] | None,
    known: Mapping[str, str],
    years: Iterable[int],
    wrote: Callable[[int], None] = lambda version: None,
) -> Stored | Conflict | Refused:
    """Store ``edits`` of hypothesis ``code`` in order over ``version``. ``starts``
    gives where each edit began (``None``: overwrite deliberately, any newer version
    is a conflict); ``known`` the stored values the form read with ``version``.
    ``wrote(version)`` hears of each version written, as soon as it is."""
    years = tuple(years)
    changed = 0
    for i, edit in enumerate(edits):
        start = starts.get(edit.field) if starts is not None else None
        if start is not None and known.get(edit.field) != start[0]:
            # The form has read another's change to this very field already.
            return Conflict(edits[i:], parat.hypothesis(code, events=HISTORY_LIMIT), start[1])
        outcome = _store_one(parat, code, edits[i:], start, version, years)
        if isinstance(outcome, Conflict):
            return outcome
        if isinstance(outcome, str):
            return Refused(edit.field, outcome, changed)
        view, n = outcome
        version, changed = view.version, changed + n
        wrote(version)
    return Stored(parat.hypothesis(code, events=HISTORY_LIMIT), changed, version)


def _store_one(
    parat: Parat,
    code: str,
    edits: list[Edit],
    start: Start | None,
    version: int,
    years: tuple[int, ...],
) -> tuple[HypothesisView, int] | Conflict | str:
    """Store ``edits[0]``: the view and the count, the conflict, or the refusal's text."""
    edit = edits[0]
    for _ in range(_MERGE_TRIES):
        try:
            return edit.call(parat, version)
        except StaleVersion:
            current = parat.hypothesis(code, events=HISTORY_LIMIT)
            stored = field_values(current, years).get(edit.field)
            if start is None or stored != start[0] or current.hypothesis.version == version:
                return Conflict(edits, current, start[1] if start is not None else version)
            version = current.hypothesis.version  # only other fields changed: keep them
        except ReadOnlyError as error:
            return error_text(error)
        except ParatError as error:
            text = error_text(error)
            return text if text.startswith(edit.label) else f"{edit.label}: {text}"
    # Others keep writing to the hypothesis: let the user choose.
    return Conflict(edits, parat.hypothesis(code, events=HISTORY_LIMIT), version)
