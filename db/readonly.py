"""Read-only engines, for viewers (``parat --read-only``).

The connection itself refuses writes: a SQLite file is opened ``mode=ro`` (and
``immutable=1`` on a read-only folder or mount, see :mod:`db.engine`) with
``PRAGMA query_only``; PostgreSQL sets ``default_transaction_read_only``. A write
session (``parat_write``) is refused before it begins on PostgreSQL; on SQLite its
``BEGIN IMMEDIATE`` is already refused by ``query_only``. Either way nothing is written, and
:mod:`tracker.services.dberrors` turns what was raised into one clear line.
"""

from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

from db.engine import make_engine, missing_sqlite_file

__all__ = ["ReadOnlyDatabase", "make_read_only_engine"]


class ReadOnlyDatabase(RuntimeError):
    """A write was begun on a read-only engine, or there is nothing to read;
    ``str(error)`` in English, :attr:`danish` in Danish."""

    def __init__(self, message: str, danish: str) -> None:
        super().__init__(message)
        self.danish = danish


def make_read_only_engine(url: str) -> Engine:
    """An engine on ``url`` whose connections may only read."""
    backend = sa.make_url(url).get_backend_name()
    missing = missing_sqlite_file(url)
    if missing is not None:
        # Opening would create the file: a viewer must not.
        raise ReadOnlyDatabase(
            f"this connection is read-only and {missing} does not exist",
            f"Forbindelsen er skrivebeskyttet, og {missing} findes ikke.",
        )
    engine = make_engine(url, read_only=True)

    @event.listens_for(engine, "connect")
    def _read_only(dbapi_connection: Any, _record: Any) -> None:
        if backend == "sqlite":
            dbapi_connection.execute("PRAGMA query_only = ON")
        elif backend == "postgresql":
            autocommit = dbapi_connection.autocommit
            dbapi_connection.autocommit = True
            with dbapi_connection.cursor() as cursor:
                cursor.execute("SET default_transaction_read_only = on")
            dbapi_connection.autocommit = autocommit

    @event.listens_for(engine, "begin")
    def _refuse_writes(conn: Connection) -> None:
        if conn.get_execution_options().get("parat_write", False):
            raise ReadOnlyDatabase(
                "this connection is read-only", "Forbindelsen er skrivebeskyttet."
            )

    return engine
