"""Helpers for store-level tests on both engines."""

from typing import Any

import sqlalchemy as sa
from sqlmodel import SQLModel

import db.models  # noqa: F401  (registers the tables)
from db.engine import make_engine


def dump_store(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every Parat table, in primary-key order: "the data, unchanged"."""
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return {
                table.name: [
                    tuple(row)
                    for row in conn.execute(sa.select(table).order_by(*table.primary_key.columns))
                ]
                for table in SQLModel.metadata.sorted_tables
            }
    finally:
        engine.dispose()


def count_events(url: str) -> int:
    return len(dump_store(url)["event"])


def rows(url: str, sql: str, **params: Any) -> list[tuple[Any, ...]]:
    """The rows of one SQL query (named ``:params``) on either engine."""
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return [tuple(row) for row in conn.execute(sa.text(sql), params)]
    finally:
        engine.dispose()


def counts(url: str, *tables: str) -> tuple[int, ...]:
    """How many rows each of ``tables`` holds."""
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return tuple(
                conn.execute(sa.select(sa.func.count()).select_from(sa.table(t))).scalar_one()
                for t in tables
            )
    finally:
        engine.dispose()
