"""The write guard's locks: how a writer holds a hypothesis until its commit.

Every writer of a hypothesis (an edit, a figure, an import, an undo) takes the same
lock, the same way, before it reads what its write depends on, so that a value read
for a decision is still the value when it is written:

- PostgreSQL: ``SELECT … FOR NO KEY UPDATE`` of the hypothesis rows, in id order (so
  two writers of several hypotheses never wait for each other in a circle). ``NO KEY``
  leaves other transactions free to add figures and events that reference the rows.
- SQLite: nothing more to take. Its writers begin ``IMMEDIATE`` (:mod:`db.engine`) and
  hold the whole database from their first statement.
"""

from collections.abc import Iterable
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from db.models import Hypothesis

__all__ = ["for_write", "lock_hypotheses"]

_H = Hypothesis.__table__  # type: ignore[attr-defined]
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
