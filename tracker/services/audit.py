"""The audit log as a feature: reading it (``parat history``) and undoing a change.

Undo never edits or deletes the log: it writes the inverse change as new events
(so the undo is itself in the history, and can be undone). It refuses when a value
has changed since the event, because reverting then would overwrite someone else's
later change; the check is made under the rows' locks, in the transaction that
writes, so no change can slip in between.

One undo is one command, like the change it reverts: all its events carry one
moment (so that undoing the undo finds them all again) and each hypothesis takes one
version step, however many of its values go back.
"""

import dataclasses
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from db import history, queries, reverts
from db.models import Event
from tracker.errors import InvalidInput, NotFound, ParatError, StaleVersion
from tracker.services import hypotheses
from tracker.services.context import ChangeContext
from tracker.services.programme import get_programme
from tracker.services.undo_values import current_value, revert_frame
from tracker.services.views import EventView

__all__ = ["UNDOABLE", "UndoConflict", "audit_log", "undo"]

#: Actions that have an inverse. Adding a hypothesis is undone by dropping it (it
#: stays in the history); adding a bucket or a snapshot, or creating the programme,
#: has no inverse.
UNDOABLE = frozenset(
    {"hypothesis.add", "hypothesis.set", "figure.set", "programme.set", "bucket.set"}
)
_ON_HYPOTHESIS = ("hypothesis.add", "hypothesis.set", "figure.set")
_ON_FRAME = ("programme.set", "bucket.set")
_CANNOT = {
    "snapshot.add": "adding a snapshot cannot be undone",
    "bucket.add": "adding a bucket cannot be undone",
    "programme.create": "creating the programme cannot be undone",
}

Cell = tuple[int, str, int]
"""(hypothesis id, kind, year) of a figure."""


class UndoConflict(StaleVersion):
    """The value has changed since the event that is to be undone (exit 3, like any
    other change that came too late)."""

    def __init__(self, message: str, *, danish: str, code: str) -> None:
        self.code, self.expected, self.actual = code, None, None
        ParatError.__init__(self, message, danish=danish)


def audit_log(
    session: Session,
    *,
    code: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    actor: str | None = None,
    limit: int | None = None,
) -> list[EventView]:
    """Events newest first, optionally of one hypothesis, between two moments, by one
    actor."""
    prog = get_programme(session)
    assert prog.id is not None
    hypothesis_id = None
    if code:
        hypothesis_id = hypotheses.find_hypothesis(session, prog.id, code).id
    rows = history.event_rows(
        session.connection(),
        programme_id=prog.id,
        hypothesis_id=hypothesis_id,
        since=since,
        until=until,
        actor=actor,
        limit=limit,
    )
    return [EventView.of(r) for r in rows]


def _shown(e: Any, value: str | None) -> str:
    if value is None:
        return "empty"
    if (e.action == "figure.set" or e.field == "target_kr") and value.lstrip("-").isdigit():
        from tracker.domain.money import format_kr

        return format_kr(int(value))
    return value


def _targets(session: Session, programme_id: int, actor: str, event_id: int | None) -> list[Any]:
    """The events to revert, newest first: one, or the actor's last command."""
    conn = session.connection()
    if event_id is not None:
        event = history.event_row(conn, event_id)
        if event is None or event.programme_id != programme_id:
            raise NotFound(f"no event #{event_id} (see `parat history`)")
        return [event]
    last = history.last_change(conn, programme_id, actor)
    if last is None:
        raise NotFound(f"{actor} has made no changes to undo")
    return history.command_events(conn, last)


def _lock(session: Session, targets: list[Any]) -> None:
    """Lock every row the undo will check and write, before checking anything."""
    if any(e.action in _ON_FRAME for e in targets):
        get_programme(session, for_update=True)
    ids = [e.hypothesis_id for e in targets if e.action in _ON_HYPOTHESIS]
    reverts.lock_hypotheses(session.connection(), ids)
    # What this session read before the locks may be older than what they guard.
    session.expire_all()


def _conflict(session: Session, e: Any, now_value: str | None) -> UndoConflict:
    # The programme's events name it as it was called then: matched by its id.
    same_subject = e.action != "programme.set"
    later = history.later_change(session.connection(), e, same_subject=same_subject)
    by = f" by {later.actor} (event #{later.id})" if later else ""
    return UndoConflict(
        f"cannot undo event #{e.id}: {e.subject} {e.field} has changed since{by} "
        f"(now {_shown(e, now_value)}, the event set {_shown(e, e.new_value)}); "
        "undo or change that first",
        danish=f"Hændelse #{e.id} kan ikke fortrydes: {e.subject} {e.field} er ændret "
        "siden. Fortryd eller ret den ændring først.",
        code=e.subject,
    )


def _current_figures(session: Session, figure_events: list[Any]) -> dict[Cell, int]:
    if not figure_events:
        return {}
    years = [int(e.field.split(".")[1]) for e in figure_events]
    rows = queries.current_figures(
        session.connection(),
        first_year=min(years),
        last_year=max(years),
        hypothesis_ids=[e.hypothesis_id for e in figure_events],
    )
    return {(hid, kind, year): amount for hid, kind, year, amount in rows}


def _check(session: Session, targets: list[Any], figures_now: dict[Cell, int]) -> None:
    for e in targets:
        if e.action == "hypothesis.add":
            continue  # dropping it needs no earlier value
        if e.action == "figure.set":
            kind, year = e.field.split(".")
            amount = figures_now.get((e.hypothesis_id, kind, int(year)))
            now_value = None if amount is None else str(amount)
        else:
            now_value = current_value(session, e)
        if now_value != e.new_value:
            raise _conflict(session, e, now_value)


def _revert_hypotheses(session: Session, ctx: ChangeContext, targets: list[Any]) -> set[int]:
    """Put back the attributes, one update (one version step) per hypothesis; returns
    the ids of the hypotheses whose version moved."""
    changes: dict[int, dict[str, Any]] = {}
    notes: dict[int, dict[str, str]] = {}
    codes: dict[int, str] = {}
    for e in targets:  # newest first: the oldest event's earlier value is kept
        if e.action == "hypothesis.add":
            field, value = "stage", "dropped"
        elif e.action == "hypothesis.set":
            field, value = e.field, _attribute(e.field, e.old_value)
        else:
            continue
        codes[e.hypothesis_id] = e.subject
        changes.setdefault(e.hypothesis_id, {})[field] = value
        notes.setdefault(e.hypothesis_id, {})[field] = f"undo of event #{e.id}"
    moved: set[int] = set()
    for hid, values in changes.items():
        first_new = _last_event_id(session)
        by_field = notes[hid]
        _, changed = hypotheses.update_hypothesis(
            session, ctx, codes[hid], note=next(iter(by_field.values())), **values
        )
        if changed:
            moved.add(hid)
        # One update writes one note on all its events: each gets its own instead.
        for new in session.exec(
            select(Event).where(col(Event.id) > first_new, Event.hypothesis_id == hid)
        ):
            new.note = by_field.get(new.field, new.note)
            session.add(new)
    session.flush()
    return moved


def _attribute(field: str, old: str | None) -> Any:
    if field == "confidence_pct":
        return None if old is None else int(old)
    if field in ("title", "area", "owner", "description"):
        return old or ""
    return old


def _revert_figures(
    session: Session,
    ctx: ChangeContext,
    programme_id: int,
    figure_events: list[Any],
    figures_now: dict[Cell, int],
    moved: set[int],
) -> None:
    """Write each figure's earlier amount in bulk (a figure cannot be deleted: one
    that did not exist goes back to 0 kr.); one version step per hypothesis that has
    not had its step yet."""
    state = dict(figures_now)
    records: list[reverts.FigureRecord] = []
    for e in figure_events:  # newest first: the oldest event's earlier value is kept
        kind, year_text = e.field.split(".")
        cell = (e.hypothesis_id, kind, int(year_text))
        amount, was = int(e.old_value or 0), state.get(cell)
        if was == amount or (was is None and amount == 0):
            continue  # an unchanged value writes nothing
        old = None if was is None else str(was)
        note = f"undo of event #{e.id}"
        records.append((cell[0], cell[2], kind, amount, note, e.subject, e.field, old))
        state[cell] = amount
    if not records:
        return
    conn, now = session.connection(), ctx.now()
    reverts.insert_figures(
        conn, records, programme_id=programme_id, at=now, actor=ctx.actor, source=ctx.source
    )
    reverts.bump_versions(conn, sorted({r[0] for r in records} - moved), now)


def _last_event_id(session: Session) -> int:
    return session.exec(select(Event.id).order_by(col(Event.id).desc()).limit(1)).first() or 0


def undo(session: Session, ctx: ChangeContext, event_id: int | None = None) -> list[EventView]:
    """Revert one event, or (by default) the actor's own last change: every event the
    actor wrote in that one command (same moment and source). Returns the new events."""
    prog = get_programme(session)
    assert prog.id is not None
    programme_id = prog.id
    targets = _targets(session, programme_id, ctx.actor, event_id)
    for e in targets:
        if e.action not in UNDOABLE:
            what = _CANNOT.get(e.action, f"{e.action} cannot be undone")
            raise InvalidInput(f"event #{e.id}: {what}")
    _lock(session, targets)
    figure_events = [e for e in targets if e.action == "figure.set"]
    figures_now = _current_figures(session, figure_events)
    _check(session, targets, figures_now)

    now = ctx.now()
    one_moment = dataclasses.replace(ctx, clock=lambda: now)
    first_new = _last_event_id(session)
    moved = _revert_hypotheses(session, one_moment, targets)
    revert_frame(session, one_moment, [e for e in targets if e.action in _ON_FRAME])
    _revert_figures(session, one_moment, programme_id, figure_events, figures_now, moved)
    return [EventView.of(r) for r in history.events_after(session.connection(), first_new)]
