"""Engine and session set-up for SQLite (default) and PostgreSQL.

SQLite runs in WAL mode with a busy timeout and foreign keys on. Python's sqlite3
driver is put in autocommit mode so that SQLAlchemy's ``begin`` event can emit the
BEGIN itself: ``BEGIN IMMEDIATE`` for writers (a deferred transaction that reads and
then writes fails at once with "database is locked" when another writer came first),
plain ``BEGIN`` for readers.
"""

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine
from sqlmodel import Session

__all__ = [
    "BUSY_TIMEOUT_MS",
    "DatabaseLocationError",
    "database_url",
    "default_database_path",
    "make_engine",
    "missing_sqlite_file",
    "read_session",
    "write_session",
]

BUSY_TIMEOUT_MS = 30_000
ENV_URL = "PARAT_DATABASE_URL"


def default_database_path() -> Path:
    """The user's own database: ``parat.db`` in the platform's data folder."""
    from platformdirs import user_data_path

    return user_data_path("parat", appauthor=False) / "parat.db"


def database_url(target: str | os.PathLike[str] | None = None) -> str:
    """Resolve ``--db PATH|URL``, else ``PARAT_DATABASE_URL``, else the default file."""
    chosen = os.fspath(target) if target is not None else os.environ.get(ENV_URL) or None
    if chosen is None:
        return f"sqlite:///{default_database_path()}"
    if "://" in chosen:
        return chosen
    return f"sqlite:///{Path(chosen).expanduser().resolve()}"


def missing_sqlite_file(url: str) -> Path | None:
    """The SQLite file ``url`` names when it does not exist yet (opening would create
    it), else ``None`` (it exists, is in memory, or the URL is not SQLite)."""
    try:
        sa_url = sa.make_url(url)
    except (sa.exc.ArgumentError, ValueError):
        return None  # make_engine says what is wrong with it
    database = sa_url.database
    if sa_url.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return None
    path = Path(database)
    return None if path.exists() else path


def _sqlite_setup(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        write = conn.get_execution_options().get("parat_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


class DatabaseLocationError(ValueError):
    """The chosen database path or URL cannot be used; the message says why."""


def make_engine(url: str) -> Engine:
    """Create the engine for ``url``, creating the SQLite file's folder when needed.

    An unreadable URL, a missing driver or a folder that cannot be created raise
    :class:`DatabaseLocationError` (the URL itself is not repeated: it may hold a
    password).
    """
    try:
        sa_url = sa.make_url(url)
        if sa_url.get_backend_name() == "sqlite":
            database = sa_url.database
            if database and database != ":memory:":
                Path(database).parent.mkdir(parents=True, exist_ok=True)
            engine = sa.create_engine(sa_url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
            _sqlite_setup(engine)
            return engine
        return sa.create_engine(sa_url, pool_pre_ping=True)
    except OSError as error:
        where = f" {error.filename}" if error.filename else ""
        raise DatabaseLocationError(
            f"cannot create the database folder{where}: {error.strerror or error}"
        ) from None
    except (sa.exc.ArgumentError, ValueError, ImportError) as error:
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise DatabaseLocationError(
            f"cannot use this database URL (check --db or PARAT_DATABASE_URL): {reason}"
        ) from None


@contextmanager
def write_session(engine: Engine) -> Iterator[Session]:
    """One write transaction: commits on success, rolls back on any exception."""
    with Session(engine.execution_options(parat_write=True)) as session, session.begin():
        yield session


@contextmanager
def read_session(engine: Engine) -> Iterator[Session]:
    """A read-only unit of work (rolled back at the end)."""
    with Session(engine) as session:
        yield session
