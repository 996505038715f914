"""Named moments (a chief group meeting) and reading moments given by the user."""

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, select

from db import history
from db.models import Snapshot
from db.undo import EventRow
from tracker.errors import AlreadyExists, InvalidInput, NotFound
from tracker.report.moments import show_moment
from tracker.services.context import ChangeContext
from tracker.services.events import record_event
from tracker.services.moments import HINT, HINT_DA, as_utc, parse_moment
from tracker.services.programme import get_programme
from tracker.services.validation import check_text

__all__ = [
    "SnapshotView",
    "add_snapshot",
    "delete_snapshot",
    "list_snapshots",
    "rename_snapshot",
    "resolve_moment",
    "revert_snapshots",
]


@dataclass(frozen=True, slots=True)
class SnapshotView:
    """A named moment (øjebliksbillede), e.g. a chief group meeting."""

    name: str
    at: datetime
    actor: str
    created_at: datetime


def add_snapshot(
    session: Session,
    ctx: ChangeContext,
    name: str,
    at: datetime | str | None = None,
    *,
    note: str = "",
) -> SnapshotView:
    """Name a moment (default: now). Names are unique; a moment in the future, or
    before the programme existed, is refused."""
    programme = get_programme(session)
    assert programme.id is not None
    name = check_text(name, "snapshot name", required=True)
    now = ctx.now()
    if isinstance(at, str):
        parsed = parse_moment(at)
        if parsed is None:
            raise InvalidInput(
                f"--at {at!r} is not a date or time (2018-03-12 or 12.03.2018)",
                danish=f"--at {at!r} er hverken en dato eller et tidspunkt "
                "(skriv 2018-03-12 eller 12.03.2018).",
            )
        at = parsed
    moment = now if at is None else at
    if moment > now:
        raise InvalidInput(
            "a snapshot cannot name a moment in the future",
            danish="Et øjebliksbillede kan ikke ligge i fremtiden.",
        )
    if as_utc(moment) < as_utc(programme.created_at):
        # Every status before the programme existed would fail: there is nothing to name.
        raise InvalidInput(
            f"--at {show_moment(moment)} is before the programme was created "
            f"({show_moment(programme.created_at)}): a snapshot names a moment it existed",
            danish="Øjebliksbilledet ligger før programmet blev oprettet.",
        )
    _refuse_taken(session, programme.id, name)
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
        note=note,
    )
    session.flush()
    return _view(snap)


def _find(session: Session, programme_id: int, name: str) -> Snapshot:
    snap = session.exec(
        select(Snapshot).where(Snapshot.programme_id == programme_id, Snapshot.name == name)
    ).first()
    if snap is None:
        raise NotFound(
            f"there is no snapshot named {name!r} (see `parat snapshot list`)",
            danish=f"Der er intet øjebliksbillede med navnet {name!r}.",
        )
    return snap


def _refuse_taken(session: Session, programme_id: int, name: str) -> None:
    exists = session.exec(
        select(Snapshot.id).where(Snapshot.programme_id == programme_id, Snapshot.name == name)
    ).first()
    if exists is not None:
        raise AlreadyExists(
            f"a snapshot named {name!r} exists already",
            danish=f"Der findes allerede et øjebliksbillede med navnet {name!r}.",
        )


def rename_snapshot(
    session: Session, ctx: ChangeContext, old: str, new: str, *, note: str = ""
) -> SnapshotView:
    """Give a snapshot another name (unique too); the moment it names stays."""
    programme = get_programme(session)
    assert programme.id is not None
    snap = _find(session, programme.id, old.strip())
    new = check_text(new, "snapshot name", required=True)
    if new == snap.name:
        raise InvalidInput(
            f"the snapshot is called {new!r} already",
            danish=f"Øjebliksbilledet hedder allerede {new!r}.",
        )
    _refuse_taken(session, programme.id, new)
    old_name, snap.name = snap.name, new
    session.add(snap)
    record_event(
        session,
        ctx,
        ctx.now(),
        programme_id=programme.id,
        action="snapshot.rename",
        subject=new,
        field="name",
        old=old_name,
        new=new,
        note=note,
    )
    session.flush()
    return _view(snap)


def delete_snapshot(session: Session, ctx: ChangeContext, name: str, *, note: str = "") -> None:
    """Forget a named moment; the changes it named stay (undo brings the name back)."""
    programme = get_programme(session)
    assert programme.id is not None
    snap = _find(session, programme.id, name.strip())
    record_event(
        session,
        ctx,
        ctx.now(),
        programme_id=programme.id,
        action="snapshot.delete",
        subject=snap.name,
        field="at",
        old=snap.at.isoformat(),
        note=note,
    )
    session.delete(snap)
    session.flush()


def revert_snapshots(session: Session, ctx: ChangeContext, events: list[EventRow]) -> None:
    """The inverse of snapshot events, for undo: delete what was added, rename back,
    name again what was deleted (each refused if the name is taken or gone since)."""
    for e in events:
        note = f"undo of event #{e.id}"
        if e.action == "snapshot.add":
            delete_snapshot(session, ctx, e.subject, note=note)
        elif e.action == "snapshot.rename":
            rename_snapshot(session, ctx, e.new_value or e.subject, e.old_value or "", note=note)
        else:
            assert e.old_value is not None
            add_snapshot(session, ctx, e.subject, datetime.fromisoformat(e.old_value), note=note)


def _view(snap: Snapshot) -> SnapshotView:
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
