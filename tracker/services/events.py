"""Writing to the append-only audit log; every service change goes through here."""

from datetime import datetime

from sqlmodel import Session

from db.models import Event
from tracker.services.context import ChangeContext

__all__ = ["record_event"]


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
) -> Event:
    """Add one event to the session's transaction (committed with the change)."""
    event = Event(
        programme_id=programme_id,
        at=at,
        recorded_at=ctx.recorded(),
        actor=ctx.actor,
        source=ctx.source,
        action=action,
        hypothesis_id=hypothesis_id,
        subject=subject,
        field=field,
        old_value=None if old is None else str(old),
        new_value=None if new is None else str(new),
        note=note,
    )
    session.add(event)
    return event
