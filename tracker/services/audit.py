"""The audit log as a feature: reading it (``parat history``) and undoing a change.

Undo never edits or deletes the log: it writes the inverse change as new events
through the ordinary use cases (so the undo is itself in the history, and can be
undone). It refuses when the value has changed since the event, because reverting
then would overwrite someone else's later change.
"""

from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from db import history
from db.models import Bucket, Event, Programme, StageWeight
from tracker.errors import ExitCode, InvalidInput, NotFound, ParatError
from tracker.services import figures, hypotheses, programme
from tracker.services.context import ChangeContext
from tracker.services.programme import get_programme
from tracker.services.views import EventView

__all__ = ["UNDOABLE", "UndoConflict", "audit_log", "undo"]

#: Actions that have an inverse. Adding a hypothesis is undone by dropping it (it
#: stays in the history); adding a bucket or a snapshot, or creating the programme,
#: has no inverse.
UNDOABLE = frozenset(
    {"hypothesis.add", "hypothesis.set", "figure.set", "programme.set", "bucket.set"}
)


class UndoConflict(ParatError):
    """The value has changed since the event that is to be undone."""

    exit_code = ExitCode.STALE


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


def _current_value(session: Session, e: Event) -> str | None:
    """The value the event's field holds now, as the log writes it."""
    prog = get_programme(session)
    assert prog.id is not None
    if e.action == "hypothesis.set":
        h = hypotheses.find_hypothesis(session, prog.id, e.subject)
        if e.field == "bucket":
            value: object = hypotheses._bucket_key(session, h.bucket_id)
        else:
            value = getattr(h, e.field)
    elif e.action == "figure.set":
        h = hypotheses.find_hypothesis(session, prog.id, e.subject)
        kind, year = e.field.split(".")
        value = (
            figures.figures_by_year(session, h, int(year), int(year)).get(int(year), {}).get(kind)
        )
    elif e.action == "programme.set":
        if e.field.startswith("weight."):
            row = session.get(StageWeight, (prog.id, e.field.removeprefix("weight.")))
            value = row.weight_pct if row else None
        else:
            value = getattr(session.get(Programme, prog.id), e.field)
    else:  # bucket.set
        bucket = session.exec(
            select(Bucket).where(Bucket.programme_id == prog.id, Bucket.key == e.subject)
        ).first()
        if bucket is None:
            raise NotFound(f"bucket {e.subject!r} no longer exists")
        value = getattr(bucket, e.field)
    return None if value is None else str(value)


def _shown(e: Event, value: str | None) -> str:
    if value is None:
        return "empty"
    if (e.action == "figure.set" or e.field == "target_kr") and value.lstrip("-").isdigit():
        from tracker.domain.money import format_kr

        return format_kr(int(value))
    return value


def _revert(session: Session, ctx: ChangeContext, e: Event) -> None:
    note = f"undo of event #{e.id}"
    old = e.old_value
    if e.action == "hypothesis.add":
        hypotheses.update_hypothesis(session, ctx, e.subject, stage="dropped", note=note)
    elif e.action == "hypothesis.set":
        value: object = old
        if e.field == "confidence_pct":
            value = None if old is None else int(old)
        elif e.field in ("title", "area", "owner", "description"):
            value = old or ""
        changes: dict[str, Any] = {e.field: value}
        hypotheses.update_hypothesis(session, ctx, e.subject, note=note, **changes)
    elif e.action == "figure.set":
        kind, year = e.field.split(".")
        # A figure cannot be deleted: a figure that did not exist goes back to 0 kr.
        figures.set_figures(session, ctx, e.subject, int(year), {kind: int(old or 0)}, note=note)
    elif e.action == "programme.set":
        if old is None:
            raise InvalidInput(f"event #{e.id} has no earlier value to go back to")
        if e.field.startswith("weight."):
            programme.set_programme(
                session, ctx, weights={e.field.removeprefix("weight."): int(old)}, note=note
            )
        elif e.field == "target_kr":
            programme.set_programme(session, ctx, target=int(old), note=note)
        elif e.field == "target_year":
            programme.set_programme(session, ctx, target_year=int(old), note=note)
        elif e.field == "first_year":
            programme.set_programme(session, ctx, first_year=int(old), note=note)
        elif e.field == "allocation":
            programme.set_programme(session, ctx, allocation=old, note=note)
        else:
            programme.set_programme(session, ctx, name=old, note=note)
    else:  # bucket.set
        if old is None:
            raise InvalidInput(f"event #{e.id} has no earlier value to go back to")
        if e.field == "name":
            programme.set_bucket(session, ctx, e.subject, name=old, note=note)
        elif e.field == "target_kr":
            programme.set_bucket(session, ctx, e.subject, target=int(old), note=note)
        else:
            programme.set_bucket(session, ctx, e.subject, priority=int(old), note=note)


def undo(session: Session, ctx: ChangeContext, event_id: int | None = None) -> list[EventView]:
    """Revert one event, or (by default) the actor's own last change: every event the
    actor wrote in that one command (same moment and source). Returns the new events."""
    prog = get_programme(session)
    assert prog.id is not None
    if event_id is not None:
        event = session.get(Event, event_id)
        if event is None or event.programme_id != prog.id:
            raise NotFound(f"no event #{event_id} (see `parat history`)")
        targets = [event]
    else:
        last = session.exec(
            select(Event)
            .where(
                Event.programme_id == prog.id,
                Event.actor == ctx.actor,
                Event.action != "snapshot.add",  # naming a moment changes no data
            )
            .order_by(col(Event.id).desc())
            .limit(1)
        ).first()
        if last is None:
            raise NotFound(f"{ctx.actor} has made no changes to undo")
        targets = list(
            session.exec(
                select(Event)
                .where(
                    Event.programme_id == prog.id,
                    Event.actor == ctx.actor,
                    Event.source == last.source,
                    Event.at == last.at,
                    Event.action != "snapshot.add",
                )
                .order_by(col(Event.id).desc())
            )
        )
    for e in targets:
        if e.action not in UNDOABLE:
            what = {
                "snapshot.add": "adding a snapshot cannot be undone",
                "bucket.add": "adding a bucket cannot be undone",
                "programme.create": "creating the programme cannot be undone",
            }.get(e.action, f"{e.action} cannot be undone")
            raise InvalidInput(f"event #{e.id}: {what}")
        if e.action == "hypothesis.add":
            continue  # dropping it needs no earlier value
        now_value = _current_value(session, e)
        if now_value != e.new_value:
            # The programme's events name it as it was called then: matched by its id.
            same_owner = () if e.action == "programme.set" else (Event.subject == e.subject,)
            later = session.exec(
                select(Event)
                .where(
                    Event.programme_id == prog.id,
                    Event.action == e.action,
                    *same_owner,
                    Event.field == e.field,
                    col(Event.id) > e.id,
                )
                .order_by(col(Event.id).desc())
                .limit(1)
            ).first()
            by = f" by {later.actor} (event #{later.id})" if later else ""
            raise UndoConflict(
                f"cannot undo event #{e.id}: {e.subject} {e.field} has changed since{by} "
                f"(now {_shown(e, now_value)}, the event set {_shown(e, e.new_value)}); "
                "undo or change that first"
            )
    first_new = session.exec(select(Event.id).order_by(col(Event.id).desc()).limit(1)).first()
    for e in targets:
        _revert(session, ctx, e)
    session.flush()
    new = session.exec(
        select(Event).where(col(Event.id) > (first_new or 0)).order_by(col(Event.id))
    )
    return [EventView.of(e) for e in new]
