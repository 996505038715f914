"""Use cases on overlaps (dobbelttælling): add, change, drop and list them.

An overlap is recorded like a figure: every add, change or drop is a new record
dated with the change's moment (:class:`db.models.OverlapRecord`), so the overlaps
at a past moment are the latest record per name at or before it. Every change also
writes its audit events: ``overlap.add`` (the new state), ``overlap.set`` (one per
changed field: ``members``, ``amount_kr``, ``note``) and ``overlap.drop`` (the state
it ended). Undo writes the inverse as new records and events.
"""

import json
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, select

from db import history
from db.models import Hypothesis, OverlapRecord
from db.undo import EventRow
from tracker.domain.overlaps import Overlap
from tracker.errors import AlreadyExists, InvalidInput, NotFound
from tracker.report import OverlapView
from tracker.services.context import ChangeContext
from tracker.services.events import event_values, record_events
from tracker.services.programme import get_programme
from tracker.services.validation import Amount, check_code, check_text, to_kroner

__all__ = [
    "ACTIONS",
    "add_overlap",
    "drop_overlap",
    "list_overlaps",
    "overlap_facts",
    "overlap_value",
    "repeated_overlap",
    "revert_overlaps",
    "set_overlap",
]

#: The audit log's actions on overlaps.
ACTIONS = ("overlap.add", "overlap.set", "overlap.drop")
_FIELDS = ("members", "amount_kr", "note")
Members = str | Sequence[str]


def _view(row: Any) -> OverlapView:
    return OverlapView(
        name=row.name,
        members=_codes(row.members),
        amount_kr=row.amount_kr,
        note=row.note,
        updated_at=row.recorded_at,
        actor=row.actor,
    )


def _codes(text: str) -> tuple[str, ...]:
    return tuple(code for code in text.split(",") if code)


def _state(members: str, amount_kr: int, note: str) -> str:
    """An overlap's whole state as the log keeps it (``overlap.add``, ``overlap.drop``)."""
    state = {"members": members, "amount_kr": amount_kr, "note": note}
    return json.dumps(state, ensure_ascii=False, sort_keys=True)


def _live(session: Session, programme_id: int) -> dict[str, Any]:
    """name → latest record of every overlap that is not dropped."""
    rows = history.overlaps_at(session.connection(), programme_id)
    return {r.name: r for r in rows if not r.dropped}


def _find(session: Session, programme_id: int, name: str) -> Any:
    found = _live(session, programme_id).get(name.strip())
    if found is None:
        raise NotFound(
            f"there is no overlap named {name.strip()!r} (see `parat overlap list`)",
            danish=f"Der er ingen dobbelttælling med navnet {name.strip()!r}.",
        )
    return found


def _members(session: Session, programme_id: int, members: Members) -> str:
    """The members as stored (``H03,H04``): two or more known codes, each once."""
    items = members.split(",") if isinstance(members, str) else list(members)
    try:
        codes = [check_code(code) for code in items if str(code).strip()]
    except InvalidInput as error:
        raise InvalidInput(
            f"--members: {error.headline}", danish=f"--members: {error.danish}"
        ) from None
    if len(codes) < 2:
        raise InvalidInput(
            "--members: name two or more hypotheses, e.g. H03,H04",
            danish="--members: en dobbelttælling skal have mindst to hypoteser, fx H03,H04.",
        )
    twice = sorted({code for code in codes if codes.count(code) > 1})
    if twice:
        raise InvalidInput(
            f"--members: {', '.join(twice)} is named twice",
            danish=f"--members: {', '.join(twice)} er nævnt to gange.",
        )
    known = set(
        session.exec(
            select(Hypothesis.code).where(
                Hypothesis.programme_id == programme_id,
                Hypothesis.code.in_(codes),  # type: ignore[attr-defined]
            )
        )
    )
    unknown = [code for code in codes if code not in known]
    if unknown:
        raise NotFound(
            f"--members: unknown hypothesis {', '.join(unknown)}",
            danish=f"--members: hypotesen {', '.join(unknown)} findes ikke.",
        )
    return ",".join(codes)


def _amount(amount: Amount) -> int:
    try:
        kr = to_kroner(amount, "amount")
    except InvalidInput as error:
        raise InvalidInput(f"--{error.headline}", danish=f"--amount: {error.danish}") from None
    if kr <= 0:
        raise InvalidInput(
            f"--amount: the amount counted twice must be above 0 (got {kr} kr.)",
            danish="--amount: beløbet, der tælles dobbelt, skal være over 0.",
        )
    return kr


def _write(
    session: Session,
    ctx: ChangeContext,
    programme_id: int,
    name: str,
    state: tuple[str, int, str],
    events: Iterable[dict[str, Any]],
    *,
    dropped: bool = False,
) -> OverlapRecord:
    members, amount_kr, note = state
    record = OverlapRecord(
        programme_id=programme_id,
        name=name,
        members=members,
        amount_kr=amount_kr,
        note=note,
        dropped=dropped,
        recorded_at=ctx.now(),
        actor=ctx.actor,
        source=ctx.source,
    )
    session.add(record)
    record_events(session, list(events))
    session.flush()
    return record


def add_overlap(
    session: Session,
    ctx: ChangeContext,
    name: str,
    *,
    members: Members,
    amount: Amount,
    note: str = "",
    why: str = "",
) -> OverlapView:
    """Record a new overlap: a name not in use, two or more of the programme's
    hypotheses, an amount above 0 (a bare number is mio. kr.). ``why`` goes with the
    event (the overlap's own note is ``note``)."""
    programme = get_programme(session)
    assert programme.id is not None
    name = check_text(name, "name", required=True)
    stored = _members(session, programme.id, members)
    kr = _amount(amount)
    note = check_text(note, "note", max_len=2000)
    if name in _live(session, programme.id):
        raise AlreadyExists(
            f"an overlap named {name!r} exists already (change it with `parat overlap set`)",
            danish=f"Der er allerede en dobbelttælling med navnet {name!r}.",
        )
    now = ctx.now()
    event = event_values(
        ctx,
        now,
        programme_id=programme.id,
        action="overlap.add",
        subject=name,
        new=_state(stored, kr, note),
        note=why,
    )
    return _view(_write(session, ctx, programme.id, name, (stored, kr, note), [event]))


def set_overlap(
    session: Session,
    ctx: ChangeContext,
    name: str,
    *,
    members: Members | None = None,
    amount: Amount | None = None,
    note: str | None = None,
    why: str = "",
) -> tuple[OverlapView, int]:
    """Change an overlap's members, amount or note; returns it and how many of them
    changed (a value equal to the current one writes nothing). ``why`` goes with the
    events (the overlap's own note is ``note``)."""
    programme = get_programme(session)
    assert programme.id is not None
    row = _find(session, programme.id, name)
    new: dict[str, Any] = {
        "members": row.members if members is None else _members(session, programme.id, members),
        "amount_kr": row.amount_kr if amount is None else _amount(amount),
        "note": row.note if note is None else check_text(note, "note", max_len=2000),
    }
    old: dict[str, Any] = {"members": row.members, "amount_kr": row.amount_kr, "note": row.note}
    changed = [f for f in _FIELDS if new[f] != old[f]]
    if not changed:
        return _view(row), 0
    now = ctx.now()
    events = [
        event_values(
            ctx,
            now,
            programme_id=programme.id,
            action="overlap.set",
            subject=row.name,
            field=f,
            old=old[f],
            new=new[f],
            note=why,
        )
        for f in changed
    ]
    state = (new["members"], new["amount_kr"], new["note"])
    return _view(_write(session, ctx, programme.id, row.name, state, events)), len(changed)


def drop_overlap(session: Session, ctx: ChangeContext, name: str, *, why: str = "") -> OverlapView:
    """End an overlap (it stays in the history, and undo brings it back)."""
    programme = get_programme(session)
    assert programme.id is not None
    row = _find(session, programme.id, name)
    state = (row.members, row.amount_kr, row.note)
    event = event_values(
        ctx,
        ctx.now(),
        programme_id=programme.id,
        action="overlap.drop",
        subject=row.name,
        old=_state(*state),
        note=why,
    )
    _write(session, ctx, programme.id, row.name, state, [event], dropped=True)
    return _view(row)


def list_overlaps(session: Session) -> list[OverlapView]:
    """The overlaps that stand now, by name."""
    programme = get_programme(session)
    assert programme.id is not None
    return [_view(r) for r in _live(session, programme.id).values()]


def overlap_facts(conn: sa.Connection, programme_id: int, as_of: datetime) -> tuple[Overlap, ...]:
    """The overlaps that stood at ``as_of``, as the status arithmetic reads them."""
    return tuple(
        Overlap(r.name, _codes(r.members), r.amount_kr, r.note)
        for r in history.overlaps_at(conn, programme_id, as_of)
        if not r.dropped
    )


# -- undo ------------------------------------------------------------------------
def overlap_value(session: Session, e: EventRow) -> str | None:
    """What the overlap of ``e`` holds now, written as the event wrote it: the field
    of an ``overlap.set``, the whole state of an ``overlap.add`` or ``overlap.drop``;
    ``None`` when no overlap of that name stands."""
    programme = get_programme(session)
    assert programme.id is not None
    row = _live(session, programme.id).get(e.subject)
    if row is None:
        return None
    if e.action == "overlap.set":
        return str(getattr(row, e.field))
    return _state(row.members, row.amount_kr, row.note)


def repeated_overlap(events: Sequence[EventRow]) -> str | None:
    """The name of an overlap that the events change more than once (added or dropped
    and changed, or one field changed twice), if any: possible only when several
    commands share one moment (``parat batch --atomic``), and then undone one at a
    time, so that each step is checked against what it left."""
    seen: dict[str, set[str]] = {}
    for e in events:
        field = e.field if e.action == "overlap.set" else ""  # "": the whole overlap
        done = seen.setdefault(e.subject, set())
        if field in done or "" in done or (field == "" and done):
            return e.subject
        done.add(field)
    return None


def revert_overlaps(session: Session, ctx: ChangeContext, events: Sequence[EventRow]) -> None:
    """Write the inverse of overlap events (newest first): drop what was added, put
    back what was changed (one record per overlap), add again what was dropped. The
    caller has checked that each overlap still holds what its event left."""
    changes: dict[str, dict[str, str | None]] = {}
    notes: dict[str, str] = {}
    for e in events:
        note = f"undo of event #{e.id}"
        if e.action == "overlap.add":
            drop_overlap(session, ctx, e.subject, why=note)
        elif e.action == "overlap.drop":
            state = json.loads(e.old_value or "{}")
            add_overlap(
                session,
                ctx,
                e.subject,
                members=state["members"],
                amount=int(state["amount_kr"]),
                note=state["note"],
                why=note,
            )
        else:  # newest first: the oldest event's earlier value is the one kept
            changes.setdefault(e.subject, {})[e.field] = e.old_value
            notes[e.subject] = note
    for name, values in changes.items():
        amount = values.get("amount_kr")
        set_overlap(
            session,
            ctx,
            name,
            members=values.get("members"),
            amount=None if amount is None else int(amount),
            note=values.get("note"),
            why=notes[name],
        )
