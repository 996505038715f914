"""The write guard's locks: how a writer holds a hypothesis until its commit.

Every writer of a hypothesis (an edit, a figure, an import, an undo) takes the same
lock, the same way, before it reads what its write depends on, so that a value read
for a decision is still the value when it is written:

- PostgreSQL: ``SELECT … FOR NO KEY UPDATE`` of the hypothesis rows, in id order (so
  two writers of several hypotheses never wait for each other in a circle). ``NO KEY``
  leaves other transactions free to add figures and events that reference the rows.
- SQLite: nothing more to take. Its writers begin ``IMMEDIATE`` (:mod:`db.engine`) and
  hold the whole database from their first statement.

And one lock for the order of writers (:func:`hold_writers`): on SQLite the write lock
already puts every writer in a line; on PostgreSQL a transaction-scoped advisory lock
per schema does the same, so that two writers of *different* hypotheses are stamped in
the order they commit (row locks alone let the one stamped later commit first, and a
moment between their stamps would show a state that never existed) and a write dated
``--at`` checks "not earlier than the newest change" against a newest change that
cannot move until it commits.
"""

from collections.abc import Iterable
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from db.models import Hypothesis

__all__ = ["for_write", "hold_writers", "lock_hypotheses"]

_H = Hypothesis.__table__  # type: ignore[attr-defined]
#: The advisory lock's first key: "PARA" in ASCII; the second is the schema's hash,
#: so programmes in different schemas of one database do not wait for each other.
_WRITERS_KEY = 0x50415241
#: Ids per ``IN (…)`` list: well below every engine's limit of bound parameters.
_CHUNK = 5000

Q = TypeVar("Q", bound=Any)


def for_write(query: Q) -> Q:
    """``query`` (a select of hypothesis rows) taking the writer's lock on them."""
    return query.with_for_update(key_share=True)


def _chunks(ids: Iterable[int]) -> list[list[int]]:
    ordered = sorted(set(ids))
    return [ordered[i : i + _CHUNK] for i in range(0, len(ordered), _CHUNK)]


def lock_hypotheses(conn: Connection, ids: Iterable[int]) -> None:
    """Lock the hypotheses ``ids`` until the commit, in id order (PostgreSQL; on
    SQLite the writer holds the database already)."""
    if conn.dialect.name == "sqlite":
        return
    for chunk in _chunks(ids):
        query = sa.select(_H.c.id).where(_H.c.id.in_(chunk)).order_by(_H.c.id)
        conn.execute(for_write(query)).all()


def hold_writers(conn: Connection) -> None:
    """Wait until no other writer of this programme is between its first statement and
    its commit, and hold that place until this transaction ends (PostgreSQL; SQLite's
    ``BEGIN IMMEDIATE`` has done it already)."""
    if conn.dialect.name == "sqlite":
        return
    conn.execute(
        sa.select(
            sa.func.pg_advisory_xact_lock(_WRITERS_KEY, sa.func.hashtext(sa.func.current_schema()))
        )
    ).all()
