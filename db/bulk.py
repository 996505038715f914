"""Bulk writes for a batch import: figure records and their events in a few statements.

An import of 100,000 cells must not build 200,000 ORM objects, nor pay SQLAlchemy's
per-row parameter processing (it would cost more than the inserts). So the rows go
straight to the driver (``executemany``), with every moment converted once by its
column's own type, so that it is stored exactly as the ORM stores it. The column
lists come from the table definitions.

Two paths: on SQLite the checked cells go to a temporary table and SQLite itself
compares them with the current records and writes the changed ones and their events
(:func:`insert_changed_figures_sqlite`); elsewhere the caller compares and passes the
changes (:func:`insert_figure_changes`).
"""

import operator
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from db.models import Bucket, Event, Figure, Hypothesis

__all__ = [
    "CELL_COLUMNS",
    "EVENT_COLUMNS",
    "FIGURE_COLUMNS",
    "Cell",
    "FigureChange",
    "NewHypothesis",
    "bucket_keys",
    "bump_versions",
    "figure_changed_sql",
    "hypothesis_ids",
    "insert_changed_figures_sqlite",
    "insert_figure_changes",
    "insert_hypotheses",
]

_B = Bucket.__table__  # type: ignore[attr-defined]
_E = Event.__table__  # type: ignore[attr-defined]
_F = Figure.__table__  # type: ignore[attr-defined]
_H = Hypothesis.__table__  # type: ignore[attr-defined]


def _written(table: sa.Table) -> tuple[str, ...]:
    """The columns an insert gives a value: all but the generated primary key."""
    return tuple(c.name for c in table.columns if not c.primary_key)


#: A figure record's columns, in the order of the rows :func:`insert_figure_changes`
#: writes.
FIGURE_COLUMNS = _written(_F)
#: An event's columns, likewise.
EVENT_COLUMNS = _written(_E)
#: A hypothesis row's columns, likewise.
HYPOTHESIS_COLUMNS = _written(_H)
#: The checked cell of an import: what a figure record takes from the file.
CELL_COLUMNS = ("hypothesis_id", "year", "kind", "amount_kr", "note")

#: (hypothesis_id, year, kind, amount_kr, note): a cell, as :data:`CELL_COLUMNS`.
Cell = tuple[int, int, str, int, str]
#: (hypothesis_id, code, kind, year, old_kr, new_kr, note): a figure that changes;
#: ``old_kr`` is ``None`` when there was no record.
FigureChange = tuple[int, str, str, int, int | None, int, str]

# The cells of one import; a temporary table is part of the transaction, so a
# rollback removes it too. ``seq`` (SQLite's rowid) keeps the file's order.
_CELL = sa.Table(
    "parat_import_cell",
    sa.MetaData(),
    sa.Column("seq", sa.Integer, primary_key=True),
    *(sa.Column(name, _F.c[name].type) for name in CELL_COLUMNS),
    prefixes=["TEMPORARY"],
    schema="temp",
)


def bucket_keys(conn: Connection, programme_id: int) -> dict[str, int]:
    """Bucket key → id, ordered by key."""
    query = sa.select(_B.c.key, _B.c.id).where(_B.c.programme_id == programme_id)
    return {key: bid for key, bid in conn.execute(query.order_by(_B.c.key))}


def hypothesis_ids(conn: Connection, programme_id: int) -> dict[str, Any]:
    """code → a row with the hypothesis's ``id``, ``code`` and ``version`` only."""
    query = sa.select(_H.c.id, _H.c.code, _H.c.version).where(_H.c.programme_id == programme_id)
    return {row.code: row for row in conn.execute(query)}


def _to_db(conn: Connection, moment: datetime) -> Any:
    """``moment`` as the figure's moment column binds it (the driver's value)."""
    moment_type = _F.c.recorded_at.type
    process = moment_type.dialect_impl(conn.dialect).bind_processor(conn.dialect)
    return process(moment) if process else moment


def _mark(conn: Connection) -> str:
    return "?" if conn.dialect.paramstyle == "qmark" else "%s"


def _insert_many(
    conn: Connection, table: sa.Table, columns: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    """``executemany`` of ``rows`` (values in the order of ``columns``) into ``table``."""
    marks = ", ".join([_mark(conn)] * len(columns))
    name = f"{table.schema}.{table.name}" if table.schema else table.name
    conn.exec_driver_sql(f"INSERT INTO {name} ({', '.join(columns)}) VALUES ({marks})", rows)


#: The kinds for which a first 0 is a change (``tracker.domain.rules.ZERO_IS_A_VALUE``;
#: db imports nothing from tracker, a test holds the two equal).
ZERO_IS_A_VALUE = ("low", "high")


def figure_changed_sql(old: Any, new: Any, kind: Any) -> sa.ColumnElement[bool]:
    """SQL for "recording ``new`` over the current amount ``old`` (NULL: no record) of
    a ``kind`` figure is a change": the rule of
    :func:`tracker.domain.rules.figure_changed`, which a test holds equal to this; a 0
    where there is no record is no change, except for a range's low or high."""
    first_zero = sa.and_(new == 0, kind.not_in(ZERO_IS_A_VALUE))
    return sa.func.coalesce(old, sa.case((first_zero, 0))).is_distinct_from(new)


def _current(target: Any, last: Any, at: Any, column: Any) -> Any:
    """The current record's ``column`` for ``target``'s (hypothesis, kind, year): the
    latest (by id) recorded at or before ``at``, among the ids up to ``last``."""
    p = _F.alias("p")
    return (
        sa.select(column(p))
        .where(
            p.c.hypothesis_id == target.c.hypothesis_id,
            p.c.kind == target.c.kind,
            p.c.year == target.c.year,
            p.c.id <= last,
            p.c.recorded_at <= at,
        )
        .order_by(p.c.id.desc())
        .limit(1)
        .scalar_subquery()
    )


def _insert_from(table: sa.Table, values: dict[str, Any], query: sa.Select[Any]) -> sa.Insert:
    """``INSERT INTO table (…) SELECT …`` with a value for every written column."""
    columns = _written(table)
    if set(values) != set(columns):
        raise ValueError(f"{table.name}: values for {sorted(values)}, columns {sorted(columns)}")
    return sa.insert(table).from_select(
        list(columns), query.add_columns(*(values[c] for c in columns))
    )


def insert_changed_figures_sqlite(
    conn: Connection,
    cells: Sequence[Cell],
    *,
    programme_id: int,
    now: datetime,
    actor: str,
    source: str,
    action: str,
    recorded: datetime | None = None,
) -> tuple[int, set[int]]:
    """SQLite: write the cells that change a figure, and an event for each.

    The cells go to a temporary table in one ``executemany``; SQLite compares them
    with the current records and inserts the changed ones, then their events, in two
    ``INSERT … SELECT`` (no per-cell work in Python). The write transaction began
    IMMEDIATE, so the figure rows after the last id read before are this import's.
    Returns the number of records written and the ids of their hypotheses.
    """
    if len(cells) > 10_000:
        # A large batch touches many index pages: a bigger page cache (64 MiB) for
        # this connection keeps them in memory instead of spilling them mid-way.
        conn.exec_driver_sql("PRAGMA cache_size = -65536")
    last_id = conn.execute(sa.select(sa.func.coalesce(sa.func.max(_F.c.id), 0))).scalar_one()
    conn.execute(sa.schema.DropTable(_CELL, if_exists=True))
    conn.execute(sa.schema.CreateTable(_CELL))
    _insert_many(conn, _CELL, CELL_COLUMNS, cells)
    last: sa.BindParameter[int] = sa.bindparam("last", last_id)
    at = sa.bindparam("at", now, type_=_F.c.recorded_at.type)
    c = _CELL.alias("c")
    current = _current(c, last, at, lambda p: p.c.amount_kr)
    figures = _insert_from(
        _F,
        {
            **{name: c.c[name] for name in CELL_COLUMNS},
            "recorded_at": at,
            "actor": sa.literal(actor),
            "source": sa.literal(source),
        },
        sa.select().where(figure_changed_sql(current, c.c.amount_kr, c.c.kind)).order_by(c.c.seq),
    )
    count = conn.execute(figures).rowcount
    conn.execute(sa.schema.DropTable(_CELL))
    if not count:
        return 0, set()
    # One event per new record, in the same order; old value = the record it replaced.
    f = _F.alias("f")
    events = _insert_from(
        _E,
        {
            "programme_id": sa.literal(programme_id),
            "at": f.c.recorded_at,
            "recorded_at": sa.literal(recorded or now, _E.c.recorded_at.type),
            "actor": f.c.actor,
            "source": f.c.source,
            "action": sa.literal(action),
            "hypothesis_id": f.c.hypothesis_id,
            "subject": _H.c.code,
            "field": f.c.kind + "." + sa.cast(f.c.year, sa.Text),
            "old_value": _current(f, last, at, lambda p: sa.cast(p.c.amount_kr, sa.Text)),
            "new_value": sa.cast(f.c.amount_kr, sa.Text),
            "note": f.c.note,
            "decision": sa.literal(""),
        },
        sa.select()
        .select_from(f.join(_H, _H.c.id == f.c.hypothesis_id))
        .where(f.c.id > last)
        .order_by(f.c.id),
    )
    conn.execute(events)
    changed = conn.execute(sa.select(_F.c.hypothesis_id).distinct().where(_F.c.id > last))
    return count, set(changed.scalars())


_figure_values = operator.itemgetter(*FIGURE_COLUMNS)
_event_values = operator.itemgetter(*EVENT_COLUMNS)


def insert_figure_changes(
    conn: Connection,
    changes: Sequence[FigureChange],
    *,
    programme_id: int,
    now: datetime,
    actor: str,
    source: str,
    action: str,
    recorded: datetime | None = None,
) -> None:
    """Write ``changes`` (compared by the caller) as figure records and their events,
    one ``executemany`` each."""
    if not changes:
        return
    stamp = _to_db(conn, now)
    recorded_stamp = stamp if recorded is None else _to_db(conn, recorded)
    figure_rows = []
    event_rows = []
    for hid, code, kind, year, old, kr, note in changes:
        figure_rows.append(
            _figure_values(
                {
                    "hypothesis_id": hid,
                    "year": year,
                    "kind": kind,
                    "amount_kr": kr,
                    "recorded_at": stamp,
                    "actor": actor,
                    "source": source,
                    "note": note,
                }
            )
        )
        event_rows.append(
            _event_values(
                {
                    "programme_id": programme_id,
                    "at": stamp,
                    "recorded_at": recorded_stamp,
                    "actor": actor,
                    "source": source,
                    "action": action,
                    "hypothesis_id": hid,
                    "subject": code,
                    "field": f"{kind}.{year}",
                    "old_value": None if old is None else str(old),
                    "new_value": str(kr),
                    "note": note,
                    "decision": "",
                }
            )
        )
    _insert_many(conn, _F, FIGURE_COLUMNS, figure_rows)
    _insert_many(conn, _E, EVENT_COLUMNS, event_rows)


def bump_versions(
    conn: Connection,
    ids: Sequence[int],
    now: datetime,
    *,
    versions: Mapping[int, int] | None = None,
) -> int:
    """A figure change is a change of its hypothesis: one version bump each, and
    ``updated_at`` = ``now``. With ``versions`` (id → the version the caller read),
    a row is bumped only from that version. Returns the number of rows bumped (fewer
    than ``ids``: someone else's change came first)."""
    if not ids:
        return 0
    stamp, mark = _to_db(conn, now), _mark(conn)
    sql = f"UPDATE hypothesis SET version = version + 1, updated_at = {mark} WHERE id = {mark}"
    if versions is None:
        result = conn.exec_driver_sql(sql, [(stamp, hid) for hid in ids])
    else:
        result = conn.exec_driver_sql(
            f"{sql} AND version = {mark}", [(stamp, hid, versions[hid]) for hid in ids]
        )
    return result.rowcount


#: A new hypothesis, checked by the caller: its columns (as :data:`HYPOTHESIS_COLUMNS`
#: names them, without ``programme_id``, ``version`` and the moments), then its event's
#: ``new_value``, ``note`` and ``decision``.
NewHypothesis = tuple[str, str, str, str, str, str, int | None, int | None, str, str, str, str]

_NEW_HYPOTHESIS_COLUMNS = (
    "code",
    "title",
    "area",
    "owner",
    "description",
    "stage",
    "bucket_id",
    "confidence_pct",
    "benefit_type",
)


def insert_hypotheses(
    conn: Connection,
    hypotheses: Sequence[NewHypothesis],
    *,
    programme_id: int,
    now: datetime,
    actor: str,
    source: str,
    action: str,
    recorded: datetime | None = None,
) -> dict[str, int]:
    """Add ``hypotheses`` (version 1, created and updated ``now``) and one ``action``
    event each, in their order: one ``executemany`` each, the new ids read back in one
    query; the events were really written ``recorded`` (default ``now``). Returns
    code → id of the hypotheses added."""
    if not hypotheses:
        return {}
    stamp = _to_db(conn, now)
    recorded_stamp = stamp if recorded is None else _to_db(conn, recorded)
    last_id = conn.execute(sa.select(sa.func.coalesce(sa.func.max(_H.c.id), 0))).scalar_one()
    fixed = {"programme_id": programme_id, "version": 1, "created_at": stamp, "updated_at": stamp}
    hypothesis_values = operator.itemgetter(*HYPOTHESIS_COLUMNS)
    rows = [
        hypothesis_values({**fixed, **dict(zip(_NEW_HYPOTHESIS_COLUMNS, new, strict=False))})
        for new in hypotheses
    ]
    _insert_many(conn, _H, HYPOTHESIS_COLUMNS, rows)
    # Only this transaction adds these codes (they are unique per programme); ids above
    # the last one read may also be another writer's on PostgreSQL, so match the codes.
    query = sa.select(_H.c.code, _H.c.id).where(
        _H.c.programme_id == programme_id, _H.c.id > last_id
    )
    added = {code: hid for code, hid in conn.execute(query)}
    events = []
    for new in hypotheses:
        code, new_value, note, decision = new[0], new[9], new[10], new[11]
        events.append(
            _event_values(
                {
                    "programme_id": programme_id,
                    "at": stamp,
                    "recorded_at": recorded_stamp,
                    "actor": actor,
                    "source": source,
                    "action": action,
                    "hypothesis_id": added[code],
                    "subject": code,
                    "field": "",
                    "old_value": None,
                    "new_value": new_value,
                    "note": note,
                    "decision": decision,
                }
            )
        )
    _insert_many(conn, _E, EVENT_COLUMNS, events)
    return {new[0]: added[new[0]] for new in hypotheses}
