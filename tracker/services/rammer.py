"""Use cases on the rammer (bevillingsområder): add one, change it, list them.

A ramme's key never changes (its events and records are filed under it); its name,
udvalg and whether it is inside the serviceramme are attributes, each change an
event, so a past follow-up shows the rammer as they stood then.
"""

import json
import re
from datetime import datetime
from typing import Any

from sqlmodel import Session, select

from db import budget as store
from db.models import Ramme
from tracker.errors import AlreadyExists, InvalidInput, NotFound
from tracker.report.budget import RammeView
from tracker.services.context import ChangeContext
from tracker.services.events import record_event
from tracker.services.programme import get_programme
from tracker.services.validation import check_text

__all__ = [
    "add_ramme",
    "check_ramme_key",
    "find_ramme",
    "list_rammer",
    "ramme_view",
    "rammer_at",
    "set_ramme",
]

_KEY = re.compile(r"^[a-z0-9æøå][a-z0-9æøå_.\-]{0,31}$")


def check_ramme_key(key: str) -> str:
    """A ramme key: lower-case letters (æøå too), digits, ``_ . -``; at most 32."""
    key = key.strip().lower()
    if not _KEY.match(key):
        raise InvalidInput(
            f"invalid ramme key {key!r}: use a-z, æøå, digits, '.', '-' or '_' (at most 32)",
            danish=f"Ugyldig rammenøgle {key!r}: brug a-z, æøå, cifre, '.', '-' eller '_' "
            "(højst 32 tegn).",
        )
    return key


def ramme_view(r: Ramme | store.RammeRow) -> RammeView:
    return RammeView(r.key, r.name, r.udvalg, r.serviceramme, r.created_at, r.updated_at)


def _known(session: Session, programme_id: int) -> str:
    keys = session.exec(select(Ramme.key).where(Ramme.programme_id == programme_id))
    return ", ".join(sorted(keys)) or "none yet: parat ramme add"


def find_ramme(session: Session, programme_id: int, key: str) -> Ramme:
    """The ramme with ``key`` (its key, in any case), or :class:`NotFound`."""
    wanted = key.strip().lower()
    ramme = session.exec(
        select(Ramme).where(Ramme.programme_id == programme_id, Ramme.key == wanted)
    ).first()
    if ramme is None:
        known = _known(session, programme_id)
        raise NotFound(
            f"unknown ramme {key.strip()!r} (known: {known})",
            danish=f"Rammen {key.strip()!r} findes ikke (kendte rammer: {known}).",
        )
    return ramme


def add_ramme(
    session: Session,
    ctx: ChangeContext,
    key: str,
    *,
    name: str,
    udvalg: str = "",
    serviceramme: bool = True,
    note: str = "",
) -> RammeView:
    """Add a ramme; its event holds what it was created with."""
    programme = get_programme(session, for_update=True)
    assert programme.id is not None
    key = check_ramme_key(key)
    name = check_text(name, "name", required=True)
    udvalg = check_text(udvalg, "udvalg")
    note = check_text(note, "note", max_len=2000)
    exists = session.exec(
        select(Ramme.id).where(Ramme.programme_id == programme.id, Ramme.key == key)
    ).first()
    if exists is not None:
        raise AlreadyExists(
            f"ramme {key} exists already (change it with `parat ramme set`)",
            danish=f"Rammen {key} findes allerede (ret den med `parat ramme set`).",
        )
    now = ctx.now()
    ramme = Ramme(
        programme_id=programme.id,
        key=key,
        name=name,
        udvalg=udvalg,
        serviceramme=bool(serviceramme),
        created_at=now,
        updated_at=now,
    )
    session.add(ramme)
    values = {"name": name, "udvalg": udvalg, "serviceramme": bool(serviceramme)}
    record_event(
        session,
        ctx,
        now,
        programme_id=programme.id,
        action="ramme.add",
        subject=key,
        new=json.dumps(values, ensure_ascii=False),
        note=note,
    )
    session.flush()
    return ramme_view(ramme)


def _stored(value: object) -> str:
    """An attribute's value as an event holds it (``true``/``false`` for the flag)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def set_ramme(
    session: Session,
    ctx: ChangeContext,
    key: str,
    *,
    name: str | None = None,
    udvalg: str | None = None,
    serviceramme: bool | None = None,
    note: str = "",
) -> tuple[RammeView, int]:
    """Change a ramme's name, udvalg or serviceramme; one event per changed value.
    Returns the ramme and how many values changed."""
    programme = get_programme(session, for_update=True)
    assert programme.id is not None
    if name is None and udvalg is None and serviceramme is None:
        raise InvalidInput(
            "nothing to change: give --name, --udvalg or --serviceramme/--ikke-serviceramme",
            danish="Intet at ændre: angiv mindst én værdi.",
        )
    ramme = find_ramme(session, programme.id, key)
    note = check_text(note, "note", max_len=2000)
    changes: dict[str, tuple[object, object]] = {}
    if name is not None:
        changes["name"] = (ramme.name, check_text(name, "name", required=True))
    if udvalg is not None:
        changes["udvalg"] = (ramme.udvalg, check_text(udvalg, "udvalg"))
    if serviceramme is not None:
        changes["serviceramme"] = (ramme.serviceramme, bool(serviceramme))
    now = ctx.now()
    changed = 0
    for field, (old, new) in changes.items():
        if old == new:
            continue
        changed += 1
        setattr(ramme, field, new)
        record_event(
            session,
            ctx,
            now,
            programme_id=programme.id,
            action="ramme.set",
            subject=ramme.key,
            field=field,
            old=_stored(old),
            new=_stored(new),
            note=note,
        )
    if changed:
        ramme.updated_at = now
        session.add(ramme)
        session.flush()
    return ramme_view(ramme), changed


def list_rammer(session: Session) -> list[RammeView]:
    """Every ramme of the programme, by key."""
    programme = get_programme(session)
    assert programme.id is not None
    return [ramme_view(r) for r in store.ramme_rows(session.connection(), programme.id)]


def rammer_at(session: Session, programme_id: int, as_of: datetime) -> list[store.RammeRow]:
    """The rammer as they stood at ``as_of``: those added by then, their name, udvalg
    and serviceramme as the later events had them (the old value of the first)."""
    conn = session.connection()
    rows = store.ramme_rows(conn, programme_id, created_until=as_of)
    if not any(r.updated_at > as_of for r in rows):
        return rows
    first: dict[tuple[str, str], str | None] = {}
    for e in store.ramme_events_after(conn, programme_id, as_of):
        if e.action == "ramme.set":
            first.setdefault((e.subject, e.field), e.old_value)
    past = []
    for r in rows:
        values: dict[str, Any] = {
            "name": r.name,
            "udvalg": r.udvalg,
            "serviceramme": r.serviceramme,
        }
        for field in values:
            old = first.get((r.key, field), _NONE)
            if old is _NONE:
                continue
            values[field] = (old == "true") if field == "serviceramme" else (old or "")
        past.append(r._replace(**values))
    return past


_NONE: object = object()
