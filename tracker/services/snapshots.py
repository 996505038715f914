"""Named moments (a chief group meeting) and reading moments given by the user."""

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, select

from db import history
from db.models import Snapshot
from tracker.errors import AlreadyExists, InvalidInput, NotFound
from tracker.services.context import ChangeContext
from tracker.services.events import record_event
from tracker.services.moments import HINT, HINT_DA, parse_moment
from tracker.services.programme import get_programme
from tracker.services.validation import check_text

__all__ = ["SnapshotView", "add_snapshot", "list_snapshots", "resolve_moment"]


@dataclass(frozen=True, slots=True)
class SnapshotView:
    """A named moment (øjebliksbillede), e.g. a chief group meeting."""

    name: str
    at: datetime
    actor: str
    created_at: datetime


def add_snapshot(
    session: Session, ctx: ChangeContext, name: str, at: datetime | str | None = None
) -> SnapshotView:
    """Name a moment (default: now). Names are unique; a moment in the future is refused."""
    programme = get_programme(session)
    assert programme.id is not None
    name = check_text(name, "snapshot name", required=True)
    now = ctx.now()
    if isinstance(at, str):
        parsed = parse_moment(at)
        if parsed is None:
            raise InvalidInput(f"--at {at!r} is not a date or time (2018-03-12 or 12.03.2018)")
        at = parsed
    moment = now if at is None else at
    if moment > now:
        raise InvalidInput("a snapshot cannot name a moment in the future")
    exists = session.exec(
        select(Snapshot.id).where(Snapshot.programme_id == programme.id, Snapshot.name == name)
    ).first()
    if exists is not None:
        raise AlreadyExists(f"a snapshot named {name!r} exists already")
    snap = Snapshot(
        programme_id=programme.id, name=name, at=moment, actor=ctx.actor, created_at=now
    )
    session.add(snap)
    record_event(
        session,
        ctx,
        now,
        programme_id=programme.id,
        action="snapshot.add",
        subject=name,
        new=moment.isoformat(),
    )
    session.flush()
    return SnapshotView(name=snap.name, at=snap.at, actor=snap.actor, created_at=snap.created_at)


def list_snapshots(session: Session) -> list[SnapshotView]:
    programme = get_programme(session)
    assert programme.id is not None
    return [
        SnapshotView(name=r.name, at=r.at, actor=r.actor, created_at=r.created_at)
        for r in history.snapshot_rows(session.connection(), programme.id)
    ]


def resolve_moment(session: Session, text: str) -> datetime:
    """A snapshot's moment, else a date or time (see :mod:`tracker.services.moments`)."""
    if not text or not text.strip():
        raise InvalidInput(
            f"a moment is required: {HINT}", danish=f"Mangler et tidspunkt: {HINT_DA}."
        )
    programme = get_programme(session)
    snap = session.exec(
        select(Snapshot).where(Snapshot.programme_id == programme.id, Snapshot.name == text.strip())
    ).first()
    if snap is not None:
        return snap.at
    moment = parse_moment(text)
    if moment is None:
        known = [s.name for s in list_snapshots(session)]
        listed = f" (snapshots: {', '.join(known)})" if known else " (there are no snapshots yet)"
        listed_da = f" (øjebliksbilleder: {', '.join(known)})" if known else " (der er ingen endnu)"
        raise NotFound(
            f"unknown snapshot or date {text.strip()!r}: {HINT}{listed}",
            danish=f"Kender ikke øjebliksbilledet eller datoen {text.strip()!r}: "
            f"{HINT_DA}{listed_da}.",
        )
    return moment
