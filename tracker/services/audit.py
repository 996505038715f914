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

from db import history
from db import undo as store
from db.models import Event, Hypothesis
from db.undo import EventRow
from tracker.errors import InvalidInput, NotFound, ParatError, StaleVersion
from tracker.report import EventView
from tracker.services import hypotheses
from tracker.services.context import ChangeContext
from tracker.services.overlaps import ACTIONS as _ON_OVERLAP
from tracker.services.overlaps import repeated_overlap, revert_overlaps
from tracker.services.programme import get_programme
from tracker.services.snapshots import revert_snapshots
from tracker.services.undo_budget import (
    ON_BUDGET,
    ON_CUT,
    current_budget_value,
    repeated_budget,
    revert_budget,
)
from tracker.services.undo_values import current_value, revert_frame

__all__ = ["UNDOABLE", "UndoConflict", "audit_log", "undo"]

_ON_HYPOTHESIS = ("hypothesis.add", "hypothesis.set", "figure.set")
_ON_FRAME = ("programme.set", "bucket.set")
_ON_SNAPSHOT = ("snapshot.add", "snapshot.rename", "snapshot.delete")
#: Actions that have an inverse. Adding a hypothesis is undone by dropping it (it
#: stays in the history), adding an overlap by dropping it, dropping one by adding
#: it again, a cut by the cut it replaced (or its withdrawal); adding a bucket or a
#: ramme, or creating the programme, has no inverse.
UNDOABLE = frozenset(
    {*_ON_HYPOTHESIS, *_ON_FRAME, *_ON_SNAPSHOT, *_ON_OVERLAP, *ON_BUDGET, *ON_CUT}
)
_CANNOT = {
    "bucket.add": ("adding a bucket cannot be undone", "en ny pulje kan ikke fortrydes"),
    "programme.create": (
        "creating the programme cannot be undone",
        "oprettelsen af programmet kan ikke fortrydes",
    ),
    "ramme.add": ("adding a ramme cannot be undone", "en oprettet ramme kan ikke fortrydes"),
    "ramme.set": (
        "a ramme's change cannot be undone: change it back with `parat ramme set`",
        "en ændring af en ramme kan ikke fortrydes: ret den tilbage med `parat ramme set`",
    ),
    "figure.validate": (
        "a validation cannot be undone: record a new verdict instead "
        "(parat figure validate … --approve or --reject)",
        "en validering kan ikke fortrydes: afgiv en ny afgørelse i stedet "
        "(parat figure validate … --approve eller --reject)",
    ),
}


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


def _shown(e: EventRow, value: str | None) -> str:
    if value is None:
        return "empty"
    if e.action in ("overlap.add", "overlap.drop"):
        from tracker.domain.overlaps import describe_state

        return describe_state(value)
    money = e.action in ("figure.set", *ON_BUDGET, *ON_CUT) or e.field in ("target_kr", "amount_kr")
    if money and value.lstrip("-").isdigit():
        from tracker.domain.money import format_kr

        return format_kr(int(value))
    return value


def _command(
    session: Session, programme_id: int, actor: str, event_id: int | None
) -> store.Command:
    """The events to revert: one, or the actor's last command."""
    conn = session.connection()
    if event_id is not None:
        event = store.event_row(conn, event_id)
        if event is None or event.programme_id != programme_id:
            raise NotFound(
                f"no event #{event_id} (see `parat history`)",
                danish=f"Hændelse #{event_id} findes ikke (se `parat history`).",
            )
        return store.Command(event_id, whole=False)
    last = store.last_change(conn, programme_id, actor)
    if last is None:
        raise NotFound(
            f"{actor} has made no changes to undo",
            danish=f"{actor} har ingen ændringer at fortryde.",
        )
    return store.Command(last.id, whole=True)


def _with_hypothesis_ids(
    session: Session, programme_id: int, events: list[EventRow]
) -> list[EventRow]:
    if all(e.hypothesis_id is not None for e in events if e.action in _ON_HYPOTHESIS):
        return events
    # Every writer records the id; an event without one is matched by its code.
    query = select(Hypothesis.code, Hypothesis.id).where(Hypothesis.programme_id == programme_id)
    ids = dict(session.exec(query).all())
    return [
        e._replace(hypothesis_id=ids.get(e.subject)) if e.hypothesis_id is None else e
        for e in events
    ]


def _hid(e: EventRow) -> int:
    """The hypothesis of a hypothesis or figure event."""
    if e.hypothesis_id is None:
        raise NotFound(
            f"event #{e.id}: hypothesis {e.subject!r} no longer exists",
            danish=f"Hændelse #{e.id}: hypotesen {e.subject!r} findes ikke længere.",
        )
    return e.hypothesis_id


def _lock(session: Session, others: list[EventRow], figure_ids: list[int]) -> None:
    """Lock every row the undo will check and write, before checking anything."""
    if any(e.action in _ON_FRAME for e in others):
        get_programme(session, for_update=True)
    if any(e.action in ON_BUDGET for e in others):
        get_programme(session, for_update=True)
    ids = [_hid(e) for e in others if e.action in (*_ON_HYPOTHESIS, *ON_CUT)]
    store.lock_hypotheses(session.connection(), [*ids, *figure_ids])
    # What this session read before the locks may be older than what they guard.
    session.expire_all()


def _conflict(session: Session, e: EventRow, now_value: str | None) -> UndoConflict:
    # The programme's events name it as it was called then: matched by its id.
    same_subject = e.action != "programme.set"
    later = store.later_change(session.connection(), e, same_subject=same_subject)
    by = f" by {later.actor} (event #{later.id})" if later else ""
    what = f"{e.subject} {e.field}" if e.field else e.subject
    return UndoConflict(
        f"cannot undo event #{e.id}: {what} has changed since{by} "
        f"(now {_shown(e, now_value)}, the event set {_shown(e, e.new_value)}); "
        "undo or change that first",
        danish=f"Hændelse #{e.id} kan ikke fortrydes: {what} er ændret "
        "siden. Fortryd eller ret den ændring først.",
        code=e.subject,
    )


def _check(
    session: Session, programme_id: int, command: store.Command, others: list[EventRow]
) -> None:
    conn = session.connection()
    repeated = store.repeated_figure(conn, command)
    if repeated is not None:
        raise InvalidInput(
            f"two events of that moment changed {repeated[0]} {repeated[1]}: "
            "undo them one at a time (`parat undo EVENT_ID`, see `parat history`)",
            danish=f"To hændelser fra samme øjeblik ændrede {repeated[0]} {repeated[1]}: "
            "fortryd dem én ad gangen (`parat undo HÆNDELSES_ID`, se `parat history`).",
        )
    overlap = repeated_overlap([e for e in others if e.action in _ON_OVERLAP])
    if overlap is not None:
        raise InvalidInput(
            f"events of that moment changed the overlap {overlap!r} more than once: "
            "undo them one at a time (`parat undo EVENT_ID`, see `parat history`)",
            danish=f"Hændelserne fra det tidspunkt ændrede dobbelttællingen {overlap!r} mere "
            "end én gang: fortryd dem én ad gangen (`parat undo HÆNDELSE`, se `parat history`).",
        )
    budget = repeated_budget([e for e in others if e.action in (*ON_BUDGET, *ON_CUT)])
    if budget is not None:
        raise InvalidInput(
            f"events of that moment changed {budget} more than once: "
            "undo them one at a time (`parat undo EVENT_ID`, see `parat history`)",
            danish=f"Hændelserne fra det tidspunkt ændrede {budget} mere end én gang: "
            "fortryd dem én ad gangen (`parat undo HÆNDELSE`, se `parat history`).",
        )
    for e in others:
        if e.action == "hypothesis.add" or e.action in _ON_SNAPSHOT:
            continue  # no earlier value: the inverse refuses a name taken or gone
        if e.action in (*ON_BUDGET, *ON_CUT):
            now_value = current_budget_value(session, programme_id, e)
        else:
            now_value = current_value(session, e)
        if now_value != e.new_value:
            raise _conflict(session, e, now_value)
    conflict = store.figure_conflict(conn, command)
    if conflict is not None:
        event, amount = conflict
        row = store.event_row(conn, event)
        assert row is not None
        raise _conflict(session, row, None if amount is None else str(amount))


def _revert_hypotheses(session: Session, ctx: ChangeContext, targets: list[EventRow]) -> set[int]:
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
        hid = _hid(e)
        codes[hid] = e.subject
        changes.setdefault(hid, {})[field] = value
        notes.setdefault(hid, {})[field] = f"undo of event #{e.id}"
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


def _last_event_id(session: Session) -> int:
    return session.exec(select(Event.id).order_by(col(Event.id).desc()).limit(1)).first() or 0


def undo(session: Session, ctx: ChangeContext, event_id: int | None = None) -> list[EventView]:
    """Revert one event, or (by default) the actor's own last change: every event the
    actor wrote in that one command (same moment and source). Returns the new events."""
    prog = get_programme(session)
    assert prog.id is not None
    programme_id = prog.id
    conn = session.connection()
    command = _command(session, programme_id, ctx.actor, event_id)
    # The figure events (an import's thousands) stay in the database: they are
    # checked and reverted there. The others are few, and go through the use cases.
    others = store.command_events(conn, command, figures=False)
    for e in others:
        if e.action not in UNDOABLE:
            what, hvad = _CANNOT.get(
                e.action, (f"{e.action} cannot be undone", f"{e.action} kan ikke fortrydes")
            )
            raise InvalidInput(f"event #{e.id}: {what}", danish=f"Hændelse #{e.id}: {hvad}.")
    others = _with_hypothesis_ids(session, programme_id, others)
    figure_ids = store.figure_hypotheses(conn, command)
    _lock(session, others, figure_ids)
    _check(session, programme_id, command, others)

    now = ctx.now()
    one_moment = dataclasses.replace(ctx, clock=lambda: now)
    first_new = _last_event_id(session)
    moved = _revert_hypotheses(session, one_moment, others)
    revert_frame(session, one_moment, [e for e in others if e.action in _ON_FRAME])
    revert_snapshots(session, one_moment, [e for e in others if e.action in _ON_SNAPSHOT])
    revert_overlaps(session, one_moment, [e for e in others if e.action in _ON_OVERLAP])
    on_budget = [e for e in others if e.action in (*ON_BUDGET, *ON_CUT)]
    moved |= revert_budget(session, one_moment, programme_id, on_budget)
    conn = session.connection()
    written = store.revert_figures(
        conn, command, programme_id=programme_id, at=now, actor=ctx.actor, source=ctx.source
    )
    if written:
        # One version step per hypothesis: those updated above have had theirs.
        store.bump_versions(conn, [hid for hid in figure_ids if hid not in moved], now)
    return [EventView.of(r) for r in store.events_after(conn, first_new, at=now, actor=ctx.actor)]
