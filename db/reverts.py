"""Bulk writes of an undo: row locks, figure records with their events, version steps.

An undo of a large import writes as many figure records and events as the import
did, so it writes them as the import does: a few ``executemany`` statements with the
moment converted once by the column's own type (no ORM objects, no per-row parameter
processing).
"""

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from db.models import Figure, Hypothesis

__all__ = ["FigureRecord", "bump_versions", "insert_figures", "lock_hypotheses"]

_H = Hypothesis.__table__  # type: ignore[attr-defined]
_CHUNK = 5000

#: (hypothesis_id, year, kind, amount_kr, note, subject, field, old_value): one figure
#: record and the event that tells of it.
FigureRecord = tuple[int, int, str, int, str, str, str, str | None]


def _chunks(ids: Sequence[int]) -> list[list[int]]:
    ordered = sorted(set(ids))
    return [ordered[i : i + _CHUNK] for i in range(0, len(ordered), _CHUNK)]


def lock_hypotheses(conn: Connection, ids: Sequence[int]) -> None:
    """Lock the hypotheses' rows until the commit, in id order (so two lockers never
    wait for each other in a circle).

    PostgreSQL: ``FOR NO KEY UPDATE``, the lock every writer of a hypothesis takes, so
    a value checked under it cannot move before the commit. SQLite needs none: its
    writers begin ``IMMEDIATE`` and so hold the whole database already.
    """
    if conn.dialect.name == "sqlite":
        return
    for chunk in _chunks(ids):
        query = (
            sa.select(_H.c.id)
            .where(_H.c.id.in_(chunk))
            .order_by(_H.c.id)
            .with_for_update(key_share=True)
        )
        conn.execute(query).all()


def _stamp(conn: Connection, moment: datetime) -> Any:
    moment_type = Figure.__table__.c.recorded_at.type  # type: ignore[attr-defined]
    to_db = moment_type.dialect_impl(conn.dialect).bind_processor(conn.dialect)
    return to_db(moment) if to_db else moment


def insert_figures(
    conn: Connection,
    records: Sequence[FigureRecord],
    *,
    programme_id: int,
    at: datetime,
    actor: str,
    source: str,
) -> None:
    """Write the figure records, then one ``figure.set`` event each, in that order."""
    if not records:
        return
    stamp = _stamp(conn, at)
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    conn.exec_driver_sql(
        "INSERT INTO figure (hypothesis_id, year, kind, amount_kr, recorded_at, actor,"
        f" source, note) VALUES ({', '.join([mark] * 8)})",
        [
            (hid, year, kind, kr, stamp, actor, source, note)
            for hid, year, kind, kr, note, *_ in records
        ],
    )
    conn.exec_driver_sql(
        "INSERT INTO event (programme_id, at, actor, source, action, hypothesis_id, subject,"
        f" field, old_value, new_value, note) VALUES ({', '.join([mark] * 11)})",
        [
            (
                programme_id,
                stamp,
                actor,
                source,
                "figure.set",
                hid,
                subject,
                field,
                old,
                str(kr),
                note,
            )
            for hid, _year, _kind, kr, note, subject, field, old in records
        ],
    )


def bump_versions(conn: Connection, ids: Sequence[int], at: datetime) -> None:
    """One version step (and ``updated_at``) for each hypothesis, a few statements in all."""
    for chunk in _chunks(ids):
        conn.execute(
            sa.update(_H).where(_H.c.id.in_(chunk)).values(version=_H.c.version + 1, updated_at=at)
        )
