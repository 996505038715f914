"""The store's side of undo: a command's events, row locks, bulk reverts.

An undo of a large import writes as much as the import did. Its figure events never
leave the database: they are checked against the current figures, and reverted
(a new figure record and event each), by a few statements over the event table
itself. The other events are few and come back as plain tuples, straight from the
driver.
"""

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any, NamedTuple

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from db.locks import lock_hypotheses
from db.models import Event, Figure, Hypothesis
from db.types import UTCDateTime

__all__ = [
    "Command",
    "EventRow",
    "bump_versions",
    "command_events",
    "event_row",
    "events_after",
    "figure_conflict",
    "figure_hypotheses",
    "last_change",
    "later_change",
    "lock_hypotheses",
    "repeated_figure",
    "revert_figures",
]

_E = Event.__table__  # type: ignore[attr-defined]
_F = Figure.__table__  # type: ignore[attr-defined]
_H = Hypothesis.__table__  # type: ignore[attr-defined]
#: Ids per ``IN (…)`` list: well below every engine's limit of bound parameters.
_CHUNK = 5000
#: Naming a moment changes no data: it is no one's "last change".
_CHANGES = _E.c.action != "snapshot.add"


class EventRow(NamedTuple):
    """An event as stored (``at`` an aware UTC moment)."""

    id: int
    programme_id: int
    at: datetime
    actor: str
    source: str
    action: str
    hypothesis_id: int | None
    subject: str
    field: str
    old_value: str | None
    new_value: str | None
    note: str


_COLUMNS = [_E.c[name] for name in EventRow._fields]


def _events(conn: Connection, query: sa.Select[Any]) -> list[EventRow]:
    result = conn.execute(query)
    raw = result.cursor.fetchall() if result.cursor is not None else []
    result.close()
    moments: dict[Any, datetime] = {}  # a command's events share one moment
    rows = []
    for r in raw:
        at = moments.get(r[2])
        if at is None:
            at = moments[r[2]] = _aware(r[2])
        rows.append(EventRow(r[0], r[1], at, *r[3:]))
    return rows


def _aware(raw: Any) -> datetime:
    # Raw from the driver: the stored text on SQLite, a naive UTC datetime elsewhere.
    moment = datetime.fromisoformat(raw) if isinstance(raw, str) else raw
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def last_change(conn: Connection, programme_id: int, actor: str) -> EventRow | None:
    """The actor's newest event that changed data, or ``None``."""
    query = (
        sa.select(*_COLUMNS)
        .where(_E.c.programme_id == programme_id, _E.c.actor == actor, _CHANGES)
        .order_by(_E.c.id.desc())
        .limit(1)
    )
    return next(iter(_events(conn, query)), None)


def event_row(conn: Connection, event_id: int) -> EventRow | None:
    return next(iter(_events(conn, sa.select(*_COLUMNS).where(_E.c.id == event_id))), None)


def events_after(conn: Connection, event_id: int, *, at: datetime, actor: str) -> list[EventRow]:
    """The events after ``event_id`` written by ``actor`` at ``at``, oldest first (not
    those another writer has committed since)."""
    query = sa.select(*_COLUMNS).where(_E.c.id > event_id, _E.c.at == at, _E.c.actor == actor)
    return _events(conn, query.order_by(_E.c.id))


def later_change(conn: Connection, e: EventRow, *, same_subject: bool) -> EventRow | None:
    """The newest event after ``e`` of the same action and field (and subject)."""
    query = sa.select(*_COLUMNS).where(
        _E.c.programme_id == e.programme_id,
        _E.c.action == e.action,
        _E.c.field == e.field,
        _E.c.id > e.id,
    )
    if same_subject:
        query = query.where(_E.c.subject == e.subject)
    return next(iter(_events(conn, query.order_by(_E.c.id.desc()).limit(1))), None)


def _chunks(ids: Iterable[int]) -> list[list[int]]:
    ordered = sorted(set(ids))
    return [ordered[i : i + _CHUNK] for i in range(0, len(ordered), _CHUNK)]


class Command(NamedTuple):
    """The events an undo reverts: event ``anchor`` alone, or (``whole``) every event
    of the command that wrote it: one actor, source and moment, none newer than it."""

    anchor: int
    whole: bool


def _targets(command: Command, *conditions: Any) -> tuple[Any, sa.Select[Any]]:
    """The event alias and a query over the command's events (with ``conditions``)."""
    e, last = _E.alias("e"), _E.alias("l")
    same = [e.c.id == last.c.id]
    if command.whole:
        same = [
            e.c.programme_id == last.c.programme_id,
            e.c.at == last.c.at,
            e.c.actor == last.c.actor,
            e.c.source == last.c.source,
            e.c.id <= last.c.id,  # never the undo's own new events
            e.c.action != "snapshot.add",
        ]
    query = sa.select().select_from(e.join(last, sa.and_(last.c.id == command.anchor, *same)))
    return e, query.where(*conditions)


def command_events(conn: Connection, command: Command, *, figures: bool) -> list[EventRow]:
    """The command's figure events, or its other events, newest first."""
    e, query = _targets(command)
    is_figure = e.c.action == "figure.set"
    query = query.add_columns(*(e.c[name] for name in EventRow._fields))
    return _events(conn, query.where(is_figure if figures else ~is_figure).order_by(e.c.id.desc()))


def _cell(conn: Connection, e: Any) -> tuple[Any, Any]:
    """The kind and the year of a figure event, from its field (``potential.2018``)."""
    if conn.dialect.name == "postgresql":
        kind, year = sa.func.split_part(e.c.field, ".", 1), sa.func.split_part(e.c.field, ".", 2)
    else:
        dot = sa.func.instr(e.c.field, ".")
        kind, year = sa.func.substr(e.c.field, 1, dot - 1), sa.func.substr(e.c.field, dot + 1)
    return kind, sa.cast(year, sa.Integer)


def _earlier_kr(e: Any) -> Any:
    """The amount a figure event replaced: a figure that did not exist counts as 0."""
    return sa.cast(sa.func.coalesce(e.c.old_value, "0"), sa.BigInteger)


def _changed(e: Any) -> Any:
    return _earlier_kr(e) != sa.cast(e.c.new_value, sa.BigInteger)


def figure_hypotheses(conn: Connection, command: Command) -> list[int]:
    """The hypotheses whose figures the command's undo writes, by id."""
    e, query = _targets(command)
    query = query.add_columns(e.c.hypothesis_id).where(e.c.action == "figure.set", _changed(e))
    return sorted({hid for (hid,) in conn.execute(query.distinct())})


def repeated_figure(conn: Connection, command: Command) -> tuple[str, str] | None:
    """(subject, field) of a figure that two of the command's events changed, if any
    (possible only when two commands got the very same moment)."""
    e, query = _targets(command)
    query = (
        query.add_columns(e.c.subject, e.c.field)
        .where(e.c.action == "figure.set")
        .group_by(e.c.hypothesis_id, e.c.subject, e.c.field)
        .having(sa.func.count() > 1)
        .limit(1)
    )
    row = conn.execute(query).first()
    return None if row is None else (row[0], row[1])


def figure_conflict(conn: Connection, command: Command) -> tuple[int, int | None] | None:
    """(event id, amount now) of the newest figure event whose figure no longer holds
    the amount the event set, or ``None`` when every one does."""
    e, query = _targets(command)
    kind, year = _cell(conn, e)
    now = (
        sa.select(_F.c.amount_kr)
        .where(_F.c.hypothesis_id == e.c.hypothesis_id, _F.c.kind == kind, _F.c.year == year)
        .order_by(_F.c.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    shown = sa.func.coalesce(sa.cast(now, sa.String), "")
    query = (
        query.add_columns(e.c.id, now)
        .where(e.c.action == "figure.set", shown != sa.func.coalesce(e.c.new_value, ""))
        .order_by(e.c.id.desc())
        .limit(1)
    )
    row = conn.execute(query).first()
    return None if row is None else (row[0], row[1])


def revert_figures(
    conn: Connection, command: Command, *, programme_id: int, at: datetime, actor: str, source: str
) -> int:
    """Write each figure event's earlier amount as a new record, and an event telling
    of it (``undo of event #N``), newest first, in two ``INSERT … SELECT``; returns how
    many. The figures must hold what the events set (see :func:`figure_conflict`)."""
    e, query = _targets(command)
    kind, year = _cell(conn, e)
    moment = sa.literal(at, UTCDateTime())
    figures = query.add_columns(
        e.c.hypothesis_id,
        year,
        kind,
        _earlier_kr(e),
        moment,
        sa.literal(actor),
        sa.literal(source),
        sa.literal("undo of event #") + sa.cast(e.c.id, sa.String),
    )
    figures = figures.where(e.c.action == "figure.set", _changed(e)).order_by(e.c.id.desc())
    columns = ["hypothesis_id", "year", "kind", "amount_kr", "recorded_at", "actor", "source"]
    count = conn.execute(sa.insert(_F).from_select([*columns, "note"], figures)).rowcount
    events = query.add_columns(
        sa.literal(programme_id),
        moment,
        sa.literal(actor),
        sa.literal(source),
        sa.literal("figure.set"),
        e.c.hypothesis_id,
        e.c.subject,
        e.c.field,
        e.c.new_value,
        sa.cast(_earlier_kr(e), sa.String),
        sa.literal("undo of event #") + sa.cast(e.c.id, sa.String),
    )
    events = events.where(e.c.action == "figure.set", _changed(e)).order_by(e.c.id.desc())
    names = [*EventRow._fields[1:], "recorded_at"]
    conn.execute(sa.insert(_E).from_select(names, events.add_columns(moment)))
    return int(count)


def bump_versions(conn: Connection, ids: Iterable[int], at: datetime) -> None:
    """One version step (and ``updated_at``) for each hypothesis, a few statements."""
    for chunk in _chunks(ids):
        query = sa.update(_H).where(_H.c.id.in_(chunk))
        conn.execute(query.values(version=_H.c.version + 1, updated_at=at))
