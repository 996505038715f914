"""Read queries over the rammer, their budget figures and the cuts (udmøntning).

Budget figures and cuts are append-only records like the hypotheses' figures: the
current value per key is the latest record at or before a moment, read in one pass
over a covering index. A record without an amount is a cleared figure or a
withdrawn cut.
"""

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any, NamedTuple

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from db.models import BudgetCut, BudgetFigure, Event, Ramme

__all__ = [
    "CutRow",
    "RammeRow",
    "budget_amounts",
    "budget_records",
    "current_cuts",
    "cut_sums",
    "ramme_events_after",
    "ramme_rows",
]

_R = Ramme.__table__  # type: ignore[attr-defined]
_BF = BudgetFigure.__table__  # type: ignore[attr-defined]
_C = BudgetCut.__table__  # type: ignore[attr-defined]
_E = Event.__table__  # type: ignore[attr-defined]


class RammeRow(NamedTuple):
    """A ramme as stored."""

    id: int
    key: str
    name: str
    udvalg: str
    serviceramme: bool
    created_at: datetime
    updated_at: datetime


class CutRow(NamedTuple):
    """A current cut: the latest record of its (hypothesis, ramme, year), if it has an
    amount."""

    hypothesis_id: int
    ramme_id: int
    year: int
    amount_kr: int
    decision: str
    recorded_at: datetime
    actor: str
    note: str


def ramme_rows(
    conn: Connection, programme_id: int, *, created_until: datetime | None = None
) -> list[RammeRow]:
    """The programme's rammer by key; with ``created_until``, those that existed then."""
    query = (
        sa.select(
            _R.c.id,
            _R.c.key,
            _R.c.name,
            _R.c.udvalg,
            _R.c.serviceramme,
            _R.c.created_at,
            _R.c.updated_at,
        )
        .where(_R.c.programme_id == programme_id)
        .order_by(_R.c.key)
    )
    if created_until is not None:
        query = query.where(_R.c.created_at <= created_until)
    return [RammeRow._make(row) for row in conn.execute(query)]


def _latest(
    table: sa.Table,
    keys: tuple[Any, ...],
    columns: Iterable[Any],
    conditions: list[sa.ColumnElement[bool]],
    dialect: str,
) -> sa.Select[Any]:
    """The latest record (highest id) per ``keys`` among those matching: SQLite's bare
    columns of the max(id) row, PostgreSQL's DISTINCT ON, else a self-join."""
    selected = [*keys, *columns]
    if dialect == "sqlite":
        return sa.select(*selected, sa.func.max(table.c.id)).where(*conditions).group_by(*keys)
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import distinct_on

        return (
            sa.select(*selected)
            .where(*conditions)
            .ext(distinct_on(*keys))
            .order_by(*(k.desc() for k in keys), table.c.id.desc())
        )
    latest = sa.select(sa.func.max(table.c.id)).where(*conditions).group_by(*keys)
    return sa.select(*selected).where(table.c.id.in_(latest))


def budget_amounts(
    conn: Connection,
    *,
    as_of: datetime | None,
    years: Iterable[int] | None = None,
    ramme_ids: Iterable[int] | None = None,
) -> dict[tuple[int, str, int], int | None]:
    """(ramme, kind, year) → the latest amount recorded at or before ``as_of`` (``None``:
    the latest of all), an amount of ``None`` when the figure was cleared."""
    conditions: list[sa.ColumnElement[bool]] = []
    if as_of is not None:
        conditions.append(_BF.c.recorded_at <= as_of)
    if years is not None:
        conditions.append(_BF.c.year.in_(list(years)))
    if ramme_ids is not None:
        conditions.append(_BF.c.ramme_id.in_(list(ramme_ids)))
    keys = (_BF.c.ramme_id, _BF.c.kind, _BF.c.year)
    query = _latest(_BF, keys, [_BF.c.amount_kr], conditions, conn.dialect.name)
    return {(row[0], row[1], row[2]): row[3] for row in conn.execute(query)}


def _cut_query(conn: Connection, conditions: list[sa.ColumnElement[bool]]) -> sa.Select[Any]:
    keys = (_C.c.hypothesis_id, _C.c.ramme_id, _C.c.year)
    columns = [_C.c.amount_kr, _C.c.decision, _C.c.recorded_at, _C.c.actor, _C.c.note]
    return _latest(_C, keys, columns, conditions, conn.dialect.name)


def current_cuts(
    conn: Connection,
    *,
    as_of: datetime | None,
    hypothesis_id: int | None = None,
    ramme_id: int | None = None,
    year: int | None = None,
    withdrawn: bool = False,
) -> list[CutRow]:
    """The cuts standing at ``as_of`` (``None``: the latest records), of one
    hypothesis, ramme or year or all, by hypothesis, ramme and year; ``withdrawn``
    keeps the withdrawn ones too (amount 0)."""
    conditions: list[sa.ColumnElement[bool]] = []
    if as_of is not None:
        conditions.append(_C.c.recorded_at <= as_of)
    for column, value in ((_C.c.hypothesis_id, hypothesis_id), (_C.c.ramme_id, ramme_id),
                          (_C.c.year, year)):  # fmt: skip
        if value is not None:
            conditions.append(column == value)
    rows = []
    for r in conn.execute(_cut_query(conn, conditions)):
        if r[3] is None and not withdrawn:
            continue
        rows.append(CutRow(r[0], r[1], r[2], r[3] or 0, r[4], _aware(r[5]), r[6], r[7]))
    rows.sort(key=lambda c: (c.hypothesis_id, c.ramme_id, c.year))
    return rows


def cut_sums(
    conn: Connection, *, first_year: int, last_year: int, as_of: datetime
) -> tuple[dict[int, dict[int, int]], dict[int, datetime]]:
    """hypothesis id → year → the sum of its cuts standing at ``as_of`` (over every
    ramme), and hypothesis id → the moment of its last cut record up to then."""
    conditions = [_C.c.recorded_at <= as_of, _C.c.year >= first_year, _C.c.year <= last_year]
    sums: dict[int, dict[int, int]] = {}
    last: dict[int, datetime] = {}
    for hid, _ramme, year, amount, _decision, at, *_ in conn.execute(_cut_query(conn, conditions)):
        moment = _aware(at)
        if hid not in last or moment > last[hid]:
            last[hid] = moment
        if amount is not None:
            per_year = sums.setdefault(hid, {})
            per_year[year] = per_year.get(year, 0) + amount
    return sums, last


def ramme_events_after(conn: Connection, programme_id: int, after: datetime) -> list[Any]:
    """The ramme events later than ``after``, oldest first (action, subject, field,
    old value)."""
    query = (
        sa.select(_E.c.action, _E.c.subject, _E.c.field, _E.c.old_value)
        .where(
            _E.c.programme_id == programme_id,
            _E.c.action.in_(("ramme.add", "ramme.set")),
            _E.c.at > after,
        )
        .order_by(_E.c.at, _E.c.id)
    )
    return list(conn.execute(query))


def _aware(moment: Any) -> datetime:
    # Typed columns read back aware; through an aggregate SQLite hands back text.
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def budget_records(
    conn: Connection, *, as_of: datetime
) -> dict[tuple[int, str, int], tuple[int | None, datetime, str]]:
    """(ramme, kind, year) → (amount, when, who) of the latest record at or before
    ``as_of`` (the amount ``None`` for a cleared figure)."""
    keys = (_BF.c.ramme_id, _BF.c.kind, _BF.c.year)
    columns = [_BF.c.amount_kr, _BF.c.recorded_at, _BF.c.actor]
    query = _latest(_BF, keys, columns, [_BF.c.recorded_at <= as_of], conn.dialect.name)
    return {(r[0], r[1], r[2]): (r[3], _aware(r[4]), r[5]) for r in conn.execute(query)}
