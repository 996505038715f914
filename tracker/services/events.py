"""Writing to the append-only audit log; every service change goes through here."""

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session

from db.models import Event
from tracker.services.context import ChangeContext

__all__ = ["event_values", "record_event", "record_events"]


def event_values(
    ctx: ChangeContext,
    at: datetime,
    *,
    programme_id: int,
    action: str,
    subject: str = "",
    hypothesis_id: int | None = None,
    field: str = "",
    old: object = None,
    new: object = None,
    note: str = "",
    decision: str = "",
) -> dict[str, Any]:
    """The columns of one event: the one place that stamps who, when and from where."""
    return {
        "programme_id": programme_id,
        "at": at,
        "recorded_at": ctx.recorded(),
        "actor": ctx.actor,
        "source": ctx.source,
        "action": action,
        "hypothesis_id": hypothesis_id,
        "subject": subject,
        "field": field,
        "old_value": None if old is None else str(old),
        "new_value": None if new is None else str(new),
        "note": note,
        "decision": decision,
    }


def record_events(session: Session, rows: Sequence[dict[str, Any]]) -> None:
    """Insert events made by :func:`event_values` in one statement, without an ORM
    object each (a figure change writes its events this way: the per-object cost was
    a third of a ``parat batch`` line)."""
    if rows:
        session.execute(sa.insert(Event.__table__), list(rows))  # type: ignore[attr-defined]


def record_event(
    session: Session,
    ctx: ChangeContext,
    at: datetime,
    *,
    programme_id: int,
    action: str,
    subject: str = "",
    hypothesis_id: int | None = None,
    field: str = "",
    old: object = None,
    new: object = None,
    note: str = "",
    decision: str = "",
) -> Event:
    """Add one event to the session's transaction (committed with the change)."""
    event = Event(
        **event_values(
            ctx,
            at,
            programme_id=programme_id,
            action=action,
            subject=subject,
            hypothesis_id=hypothesis_id,
            field=field,
            old=old,
            new=new,
            note=note,
            decision=decision,
        )
    )
    session.add(event)
    return event
