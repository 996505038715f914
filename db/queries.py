"""Read queries that the status needs, written for speed on both engines.

Aggregation stays in SQL: only the current amount per (hypothesis, kind, year) is
fetched, never every figure record.
"""

from collections.abc import Iterator
from datetime import datetime
from typing import Any, NamedTuple

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from db.models import Bucket, Figure, Hypothesis, Programme, Ramme, StageWeight

__all__ = [
    "HypothesisRow",
    "bucket_rows",
    "current_figures",
    "figure_matrix",
    "has_rammer",
    "hypothesis_rows",
    "programme_row",
    "stage_weights",
]


def programme_row(conn: Connection) -> sa.Row[Any] | None:
    """The programme (one per database), or ``None`` before ``parat init``."""
    t = Programme.__table__  # type: ignore[attr-defined]
    return conn.execute(sa.select(t).order_by(t.c.id).limit(1)).first()


def has_rammer(conn: Connection, programme_id: int, until: datetime) -> bool:
    """Whether the programme had a ramme (budgetramme) at ``until``: only then are
    the cuts read (``db.budget``)."""
    t = Ramme.__table__  # type: ignore[attr-defined]
    query = sa.select(t.c.id).where(t.c.programme_id == programme_id, t.c.created_at <= until)
    return conn.execute(query.limit(1)).first() is not None


def stage_weights(conn: Connection, programme_id: int) -> dict[str, int]:
    t = StageWeight.__table__  # type: ignore[attr-defined]
    rows = conn.execute(
        sa.select(t.c.stage, t.c.weight_pct).where(t.c.programme_id == programme_id)
    )
    return {stage: pct for stage, pct in rows}


def bucket_rows(conn: Connection, programme_id: int) -> list[sa.Row[Any]]:
    t = Bucket.__table__  # type: ignore[attr-defined]
    query = sa.select(t).where(t.c.programme_id == programme_id).order_by(t.c.priority, t.c.key)
    return list(conn.execute(query))


class HypothesisRow(NamedTuple):
    """A row of the hypothesis table as a plain tuple, its bucket's key for the id."""

    id: int
    code: str
    title: str
    area: str
    owner: str
    description: str
    stage: str
    bucket: str | None
    confidence_pct: int | None
    version: int
    created_at: datetime
    updated_at: datetime
    benefit_type: str


def hypothesis_rows(
    conn: Connection, programme_id: int, *, created_until: datetime | None = None
) -> list[HypothesisRow]:
    """Every hypothesis with its bucket key, ordered by code; with ``created_until``,
    only those that existed then.

    Plain tuples, not SQLAlchemy rows: reading a row's field by name is slow, and the
    status reads a dozen fields of every hypothesis.
    """
    h = Hypothesis.__table__  # type: ignore[attr-defined]
    b = Bucket.__table__  # type: ignore[attr-defined]
    query = (
        sa.select(
            h.c.id,
            h.c.code,
            h.c.title,
            h.c.area,
            h.c.owner,
            h.c.description,
            h.c.stage,
            b.c.key.label("bucket"),
            h.c.confidence_pct,
            h.c.version,
            h.c.created_at,
            h.c.updated_at,
            h.c.benefit_type,
        )
        .select_from(h.outerjoin(b, h.c.bucket_id == b.c.id))
        .where(h.c.programme_id == programme_id)
        .order_by(h.c.code)
    )
    if created_until is not None:
        query = query.where(h.c.created_at <= created_until)
    return [HypothesisRow._make(row) for row in conn.execute(query)]


def _latest(f: sa.Table, conditions: list[sa.ColumnElement[bool]], dialect: str) -> sa.Select[Any]:
    """The latest record per (hypothesis, kind, year) among those matching."""
    keys = (f.c.hypothesis_id, f.c.kind, f.c.year)
    if dialect == "sqlite":
        # SQLite returns the bare columns of the row that holds max(id): one pass over
        # the covering index, no self-join.
        return (
            sa.select(*keys, f.c.amount_kr, sa.func.max(f.c.id).label("latest_id"))
            .where(*conditions)
            .group_by(*keys)
        )
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import distinct_on

        # Descending on every key: PostgreSQL walks the covering index backward
        # instead of sorting (which spilled to disk on 600,000 records).
        return (
            sa.select(*keys, f.c.amount_kr)
            .where(*conditions)
            .ext(distinct_on(*keys))
            .order_by(*(k.desc() for k in keys), f.c.id.desc())
        )
    latest = sa.select(sa.func.max(f.c.id)).where(*conditions).group_by(*keys)
    return sa.select(*keys, f.c.amount_kr).where(f.c.id.in_(latest))


def _conditions(
    f: sa.Table, first_year: int, last_year: int, as_of: datetime | None
) -> list[sa.ColumnElement[bool]]:
    conditions = [f.c.year >= first_year, f.c.year <= last_year]
    if as_of is not None:
        conditions.append(f.c.recorded_at <= as_of)
    return conditions


def figure_matrix(
    conn: Connection,
    *,
    first_year: int,
    last_year: int,
    kinds: tuple[str, ...],
    as_of: datetime | None = None,
) -> dict[int, dict[str, dict[int, int]]]:
    """hypothesis id → kind → year → current kroner, pivoted in SQL.

    One row per hypothesis comes back instead of one per figure: the database does
    the grouping, Python only files the values. Kinds a hypothesis has no figure of
    are left out (most hypotheses have neither realised gains nor investments).
    """
    f = Figure.__table__  # type: ignore[attr-defined]
    latest = _latest(f, _conditions(f, first_year, last_year, as_of), conn.dialect.name)
    cur = latest.subquery("cur")
    cells = [(kind, year) for kind in kinds for year in range(first_year, last_year + 1)]
    columns = [
        sa.func.max(sa.case((sa.and_(cur.c.kind == kind, cur.c.year == year), cur.c.amount_kr)))
        for kind, year in cells
    ]
    query = sa.select(cur.c.hypothesis_id, *columns).group_by(cur.c.hypothesis_id)
    years = range(first_year, last_year + 1)
    width = len(years)
    spans = [(kind, 1 + k * width, 1 + (k + 1) * width) for k, kind in enumerate(kinds)]
    result: dict[int, dict[str, dict[int, int]]] = {}
    for row in conn.execute(query).all():
        per_kind: dict[str, dict[int, int]] = {}
        for kind, start, stop in spans:
            amounts = row[start:stop]
            if amounts.count(None) != width:  # a kind never recorded stays out
                per_kind[kind] = {
                    year: amount
                    for year, amount in zip(years, amounts, strict=True)
                    if amount is not None
                }
        result[row[0]] = per_kind
    return result


def current_figures(
    conn: Connection,
    *,
    first_year: int,
    last_year: int,
    as_of: datetime | None = None,
    hypothesis_id: int | None = None,
) -> Iterator[tuple[int, str, int, int]]:
    """(hypothesis_id, kind, year, amount_kr) of the latest record per key.

    With ``as_of``, records made after that moment are ignored, so a past status is
    computed from the records that existed then.
    """
    f = Figure.__table__  # type: ignore[attr-defined]
    conditions = _conditions(f, first_year, last_year, as_of)
    if hypothesis_id is not None:
        conditions.append(f.c.hypothesis_id == hypothesis_id)
    query = _latest(f, conditions, conn.dialect.name)
    for row in conn.execute(query).all():
        yield row[0], row[1], row[2], row[3]
