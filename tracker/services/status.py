"""Compute the status from the store: SQL fetches the values standing at the moment,
the domain adds up."""

from datetime import datetime

from sqlmodel import Session

from tracker.domain.status import Status, compute_status
from tracker.services.timetravel import load_moment

__all__ = ["load_status"]


def load_status(session: Session, as_of: datetime) -> Status:
    """The status of the programme exactly as it stood at ``as_of``: figures recorded
    up to that moment, attributes and frame as the events had left them."""
    moment = load_moment(session, as_of)
    return compute_status(moment.programme, moment.hypotheses, as_of)
