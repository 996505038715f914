"""Read queries over the dated records: the store as it stood at a past moment.

Figures are append-only records and every attribute change is an event, so a past
state is the current row corrected by the events that came after the moment. These
queries fetch only what that needs (the attribute events around a moment, the latest
figure record per key), using the covering figure index and ``ix_event_action_at``.
"""

from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from db.models import Event, Figure, Hypothesis, OverlapRecord, Snapshot

__all__ = [
    "ATTRIBUTE_ACTIONS",
    "added_events",
    "as_moment",
    "attribute_events_after",
    "baseline_amounts",
    "current_amounts",
    "event_rows",
    "figure_authors",
    "figures_at",
    "initial_stages",
    "last_attribute_change",
    "overlap_authors",
    "overlaps_at",
    "programme_value_at",
    "snapshot_rows",
]

#: Events that change an attribute of the programme, a bucket or a hypothesis
#: (figure changes are figure records, read from the figure table).
ATTRIBUTE_ACTIONS = ("programme.set", "bucket.add", "bucket.set", "hypothesis.set")

_E = Event.__table__  # type: ignore[attr-defined]
_F = Figure.__table__  # type: ignore[attr-defined]
_S = Snapshot.__table__  # type: ignore[attr-defined]
_O = OverlapRecord.__table__  # type: ignore[attr-defined]
_CHUNK = 5000
#: Says in the query what ``ix_event_action_at`` holds (it leaves the figure events
#: out), so that the planner may use that partial index: SQLite needs the very term.
_NOT_FIGURES = sa.text("event.action <> 'figure.set'")


def attribute_events_after(conn: Connection, after: datetime) -> list[sa.Row[Any]]:
    """Attribute events later than ``after``, oldest first (action, programme,
    hypothesis, subject, field, old and new value, at, actor, note, decision).

    An event's ``subject`` is a name as it stood then (the programme's can change):
    whose history an event belongs to is told by the programme and hypothesis ids.
    """
    query = (
        sa.select(
            _E.c.action,
            _E.c.programme_id,
            _E.c.hypothesis_id,
            _E.c.subject,
            _E.c.field,
            _E.c.old_value,
            _E.c.new_value,
            _E.c.at,
            _E.c.actor,
            _E.c.note,
            _E.c.decision,
        )
        .where(_NOT_FIGURES, _E.c.action.in_(ATTRIBUTE_ACTIONS), _E.c.at > after)
        .order_by(_E.c.at, _E.c.id)
    )
    return list(conn.execute(query))


def programme_value_at(conn: Connection, field: str, as_of: datetime) -> tuple[bool, str | None]:
    """Whether the programme's ``field`` changed after ``as_of``, and if so its value
    then (the old value of the first ``programme.set`` of it after the moment)."""
    query = (
        sa.select(_E.c.old_value)
        .where(
            _NOT_FIGURES,
            _E.c.action == "programme.set",
            _E.c.field == field,
            _E.c.at > as_of,
        )
        .order_by(_E.c.at, _E.c.id)
        .limit(1)
    )
    row = conn.execute(query).first()
    return (False, None) if row is None else (True, row.old_value)


def added_events(conn: Connection, after: datetime, until: datetime) -> list[sa.Row[Any]]:
    """The events that added a hypothesis later than ``after``, up to ``until``
    (hypothesis, at, actor, note, decision), oldest first."""
    query = (
        sa.select(_E.c.hypothesis_id, _E.c.at, _E.c.actor, _E.c.note, _E.c.decision)
        .where(_NOT_FIGURES, _E.c.action == "hypothesis.add", _E.c.at > after, _E.c.at <= until)
        .order_by(_E.c.at, _E.c.id)
    )
    return list(conn.execute(query))


def last_attribute_change(conn: Connection, until: datetime) -> dict[int, datetime]:
    """hypothesis id → moment of its last ``hypothesis.set`` event at or before ``until``."""
    query = (
        sa.select(_E.c.hypothesis_id, sa.func.max(_E.c.at))
        .where(_NOT_FIGURES, _E.c.action == "hypothesis.set", _E.c.at <= until)
        .group_by(_E.c.hypothesis_id)
    )
    return {hid: _aware(at) for hid, at in conn.execute(query)}


def initial_stages(conn: Connection, until: datetime) -> dict[int, str | None]:
    """hypothesis id → the stage it had before its first stage move at or before
    ``until`` (hypotheses without such a move are left out)."""
    query = (
        sa.select(_E.c.hypothesis_id, _E.c.old_value)
        .where(
            _NOT_FIGURES,
            _E.c.action == "hypothesis.set",
            _E.c.field == "stage",
            _E.c.at <= until,
        )
        .order_by(_E.c.at.desc(), _E.c.id.desc())
    )
    # Newest first, so the oldest move of each hypothesis is written last and stays.
    return dict(conn.execute(query).all())


def figures_at(
    conn: Connection,
    *,
    first_year: int,
    last_year: int,
    as_of: datetime,
    with_moment: bool = False,
    kinds: Sequence[str] | None = None,
) -> Iterator[tuple[int, str, int, int, Any]]:
    """(hypothesis, kind, year, amount_kr, recorded_at) of the latest record per key
    recorded at or before ``as_of`` (of the ``kinds`` named, else of every kind): one
    pass over the covering index.

    ``recorded_at`` is fetched only ``with_moment`` (else ``None``), and then raw (the
    stored text on SQLite): comparable within one database, turned into a moment by
    :func:`as_moment` only where needed (converting 100,000s of them costs more than
    the query).
    """
    conditions = [_F.c.year >= first_year, _F.c.year <= last_year, _F.c.recorded_at <= as_of]
    if kinds is not None:
        conditions.append(_F.c.kind.in_(kinds))
    keys = (_F.c.hypothesis_id, _F.c.kind, _F.c.year)
    # Raw (no type processing): the stored text on SQLite.
    columns = [*keys, _F.c.amount_kr]
    if with_moment:
        columns.append(sa.type_coerce(_F.c.recorded_at, sa.String()).label("moment"))
    if conn.dialect.name == "sqlite":
        # SQLite returns the bare columns of the row that holds max(id).
        query = sa.select(*columns, sa.func.max(_F.c.id)).where(*conditions).group_by(*keys)
    elif conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import distinct_on

        query = (
            sa.select(*columns)
            .where(*conditions)
            .ext(distinct_on(*keys))
            .order_by(*(k.desc() for k in keys), _F.c.id.desc())
        )
    else:
        latest = sa.select(sa.func.max(_F.c.id)).where(*conditions).group_by(*keys)
        query = sa.select(*columns).where(_F.c.id.in_(latest))
    if with_moment:
        for row in conn.execute(query):
            yield row[0], row[1], row[2], row[3], row[4]
    else:
        for row in conn.execute(query):
            yield row[0], row[1], row[2], row[3], None


def as_moment(raw: Any) -> datetime:
    """A raw ``recorded_at`` from :func:`figures_at` as an aware UTC moment."""
    return _aware(raw)


def current_amounts(
    conn: Connection,
    *,
    first_year: int,
    last_year: int,
    as_of: datetime,
    kinds: Sequence[str] | None = None,
) -> dict[tuple[int, str, int], int]:
    """(hypothesis, kind, year) → amount_kr of the latest record at or before ``as_of``
    (of the ``kinds`` named, else of every kind).

    For batch work over the whole programme: on SQLite the query goes straight to the
    driver (SQLAlchemy's row objects would cost twice the query for 100,000s of rows).
    """
    if conn.dialect.name != "sqlite":
        return {
            (hid, kind, year): amount
            for hid, kind, year, amount, _ in figures_at(
                conn, first_year=first_year, last_year=last_year, as_of=as_of, kinds=kinds
            )
        }
    moment_type = _F.c.recorded_at.type
    to_db = moment_type.dialect_impl(conn.dialect).bind_processor(conn.dialect)
    of_kinds = "" if kinds is None else f" AND kind IN ({', '.join('?' * len(kinds))})"
    result = conn.exec_driver_sql(
        "SELECT hypothesis_id, kind, year, amount_kr, max(id) FROM figure"
        f" WHERE year >= ? AND year <= ? AND recorded_at <= ?{of_kinds}"
        " GROUP BY hypothesis_id, kind, year",
        (first_year, last_year, to_db(as_of) if to_db else as_of, *(kinds or ())),
    )
    rows = result.cursor.fetchall() if result.cursor is not None else []
    result.close()
    return {(hid, kind, year): amount for hid, kind, year, amount, _ in rows}


def baseline_amounts(
    conn: Connection,
    decided_stages: Sequence[str],
    initially_decided: Sequence[int],
    year: int,
    until: datetime,
) -> dict[int, int]:
    """hypothesis id → its ``year`` potential when it first reached a decided stage.

    The decision moment is the first stage event to one of ``decided_stages`` (or the
    creation, for ``initially_decided`` hypotheses); the amount is the potential
    standing at that moment, else the first one recorded after it (up to
    ``until``). All in one query: index seeks per decided hypothesis.
    """
    h = Hypothesis.__table__  # type: ignore[attr-defined]
    moves = sa.select(_E.c.hypothesis_id.label("hid"), _E.c.at.label("at")).where(
        _NOT_FIGURES,
        _E.c.action == "hypothesis.set",
        _E.c.field == "stage",
        _E.c.new_value.in_(list(decided_stages)),
        _E.c.at <= until,
    )
    created = sa.select(h.c.id.label("hid"), h.c.created_at.label("at")).where(
        h.c.id.in_(list(initially_decided))
    )
    union = sa.union_all(moves, created).subquery("u")
    d = (
        sa.select(union.c.hid, sa.func.min(union.c.at).label("at"))
        .group_by(union.c.hid)
        .subquery("d")
    )
    same = (_F.c.hypothesis_id == d.c.hid, _F.c.kind == "potential", _F.c.year == year)
    before = (
        sa.select(_F.c.amount_kr)
        .where(*same, _F.c.recorded_at <= d.c.at)
        .order_by(_F.c.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    after = (
        sa.select(_F.c.amount_kr)
        .where(*same, _F.c.recorded_at > d.c.at, _F.c.recorded_at <= until)
        .order_by(_F.c.id)
        .limit(1)
        .scalar_subquery()
    )
    result: dict[int, int] = {}
    for hid, amount_before, amount_after in conn.execute(sa.select(d.c.hid, before, after)):
        amount = amount_before if amount_before is not None else amount_after
        if amount is not None:
            result[hid] = amount
    return result


def figure_authors(
    conn: Connection, since: datetime, until: datetime
) -> dict[tuple[int, str, int], tuple[datetime, str]]:
    """(hypothesis, kind, year) → (when, who) of the last record in ``(since, until]``."""
    keys = (_F.c.hypothesis_id, _F.c.kind, _F.c.year)
    window = (_F.c.recorded_at > since, _F.c.recorded_at <= until)
    if conn.dialect.name == "sqlite":
        # The bare columns come from the row with max(id): one row per key.
        query = sa.select(*keys, _F.c.recorded_at, _F.c.actor, sa.func.max(_F.c.id))
        query = query.where(*window).group_by(*keys)
    elif conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import distinct_on

        query = (
            sa.select(*keys, _F.c.recorded_at, _F.c.actor)
            .where(*window)
            .ext(distinct_on(*keys))
            .order_by(*(k.desc() for k in keys), _F.c.id.desc())
        )
    else:
        query = sa.select(*keys, _F.c.recorded_at, _F.c.actor).where(*window).order_by(_F.c.id)
    return {(row[0], row[1], row[2]): (_aware(row[3]), row[4]) for row in conn.execute(query).all()}


def event_rows(
    conn: Connection,
    *,
    programme_id: int,
    hypothesis_id: int | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    actor: str | None = None,
    limit: int | None = None,
) -> list[sa.Row[Any]]:
    """The audit log, newest first, filtered (``since`` < at <= ``until``)."""
    query = sa.select(_E).where(_E.c.programme_id == programme_id)
    if hypothesis_id is not None:
        query = query.where(_E.c.hypothesis_id == hypothesis_id)
    if since is not None:
        query = query.where(_E.c.at > since)
    if until is not None:
        query = query.where(_E.c.at <= until)
    if actor is not None:
        query = query.where(sa.func.lower(_E.c.actor) == actor.strip().lower())
    query = query.order_by(_E.c.id.desc())
    if limit:
        query = query.limit(limit)
    return list(conn.execute(query))


def overlaps_at(
    conn: Connection, programme_id: int, as_of: datetime | None = None
) -> list[sa.Row[Any]]:
    """The latest record of each overlap name recorded at or before ``as_of`` (all of
    them without it), by name; dropped ones included (``dropped`` says so)."""
    latest = sa.select(sa.func.max(_O.c.id)).where(_O.c.programme_id == programme_id)
    if as_of is not None:
        latest = latest.where(_O.c.recorded_at <= as_of)
    query = sa.select(_O).where(_O.c.id.in_(latest.group_by(_O.c.name))).order_by(_O.c.name)
    return list(conn.execute(query))


def overlap_authors(
    conn: Connection, programme_id: int, since: datetime, until: datetime
) -> dict[str, tuple[datetime, str]]:
    """name → (when, who) of the last overlap record in ``(since, until]``."""
    query = (
        sa.select(_O.c.name, _O.c.recorded_at, _O.c.actor)
        .where(
            _O.c.programme_id == programme_id,
            _O.c.recorded_at > since,
            _O.c.recorded_at <= until,
        )
        .order_by(_O.c.id)
    )
    return {name: (_aware(at), actor) for name, at, actor in conn.execute(query)}


def snapshot_rows(conn: Connection, programme_id: int) -> list[sa.Row[Any]]:
    query = sa.select(_S).where(_S.c.programme_id == programme_id).order_by(_S.c.at, _S.c.id)
    return list(conn.execute(query))


def _aware(moment: datetime) -> datetime:
    # Through Core with a typed column the value is already aware; through bare
    # aggregates (max) SQLite hands back naive UTC or even text.
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    if moment.tzinfo is None:
        from datetime import UTC

        return moment.replace(tzinfo=UTC)
    return moment
