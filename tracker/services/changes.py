"""Noticing change cheaply: the newest event's id moves with every change.

A front end that shows data for a long time (the terminal UI) polls this to learn
that another user or a script changed something, without reloading everything.
"""

from sqlalchemy import func
from sqlmodel import Session, select

from db.models import Event

__all__ = ["last_event_id"]


def last_event_id(session: Session) -> int:
    """The id of the newest event, 0 when there is none."""
    return session.exec(select(func.max(Event.id))).one() or 0
