"""The moment a write is dated, and the rule that moments do not go backwards.

A write dated by an explicit moment (``--at``, loading an earlier meeting's state)
must not be earlier than anything already recorded: figures are read as "the latest
record at or before a moment", so a change slipped in before a later one, or before
a named moment, would silently rewrite a past that has been reported. The check
runs inside the writing transaction, after its lock is held, so no write can come
in between.
"""

from datetime import UTC, datetime

import sqlalchemy as sa
from sqlmodel import Session

from db.models import Event, Snapshot
from tracker.errors import InvalidInput
from tracker.report.moments import show_moment
from tracker.services.context import ChangeContext
from tracker.services.moments import as_utc, parse_moment

__all__ = ["check_moment", "explicit_moment", "newest_moment"]


def explicit_moment(value: datetime | str | None) -> datetime | None:
    """``--at``'s moment (a date means the end of that day, see
    :mod:`tracker.services.moments`), as aware UTC; ``None`` when not given."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return as_utc(value)
    moment = parse_moment(value)
    if moment is None:
        raise InvalidInput(
            f"--at {value.strip()!r} is not a date or time (2018-03-12, 12.03.2018 or "
            "2018-03-12T10:00)",
            danish=f"{value.strip()!r} er ikke en dato eller et tidspunkt.",
        )
    return moment


def newest_moment(session: Session) -> datetime | None:
    """The newest moment the database knows: a change, or a named moment."""
    conn = session.connection()
    events, snapshots = Event.__table__, Snapshot.__table__  # type: ignore[attr-defined]
    # Naming, renaming or deleting a snapshot changes no figure: its event is dated
    # when it was done, the moment it names is the snapshot's own.
    changes = sa.select(sa.func.max(events.c.at)).where(~events.c.action.startswith("snapshot."))
    moments = [
        conn.execute(changes).scalar_one_or_none(),
        conn.execute(sa.select(sa.func.max(snapshots.c.at))).scalar_one_or_none(),
    ]
    known = [_stored(m) for m in moments if m is not None]
    return max(known) if known else None


def _stored(moment: datetime | str) -> datetime:
    # The column type reads moments back aware; a driver that hands the aggregate
    # back raw gives the stored naive UTC (or, on SQLite, its text).
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def check_moment(session: Session, ctx: ChangeContext) -> None:
    """Refuse a write dated in the future, or before the newest recorded moment."""
    if ctx.at is None:
        return
    at = as_utc(ctx.at)
    if at > as_utc(ctx.recorded()):
        raise InvalidInput(
            f"--at {_shown(at)} is in the future: a change cannot be dated later than now",
            danish="Et tidspunkt i fremtiden kan ikke bruges.",
        )
    newest = newest_moment(session)
    if newest is not None and at < newest:
        raise InvalidInput(
            f"--at {_shown(at)} is earlier than the newest change or snapshot "
            f"({_shown(newest)}): load earlier states in order, oldest first; nothing was written",
            danish=f"Tidspunktet {_shown(at)} ligger før den seneste ændring ({_shown(newest)}).",
        )


def _shown(moment: datetime) -> str:
    return show_moment(moment)
