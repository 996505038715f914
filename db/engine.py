"""Engine and session set-up for SQLite (default) and PostgreSQL.

SQLite runs in WAL mode with a busy timeout and foreign keys on. Python's sqlite3
driver is put in autocommit mode so that SQLAlchemy's ``begin`` event can emit the
BEGIN itself: ``BEGIN IMMEDIATE`` for writers (a deferred transaction that reads and
then writes fails at once with "database is locked" when another writer came first),
plain ``BEGIN`` for readers.

A read-only engine opens the file with ``mode=ro`` and sets no journal mode. WAL needs
the ``-shm`` file beside the database; on a read-only folder or mount, where it does
not exist and cannot be created, the file is opened ``immutable=1`` instead: SQLite
then takes no locks and reads no ``-shm``, so such a connection does not see what a
writer commits after it opened (nobody can write through a read-only mount anyway).
"""

import contextlib
import os
import sqlite3
from collections.abc import Callable, Iterator
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
    "discard_new_sqlite_file",
    "existing_sqlite_file",
    "first_missing_folder",
    "make_engine",
    "memory_copy",
    "missing_sqlite_file",
    "read_session",
    "unwritable_sqlite_location",
    "write_session",
]

BUSY_TIMEOUT_MS = 30_000
ENV_URL = "PARAT_DATABASE_URL"


def default_database_path() -> Path:
    """The user's own database: ``parat.db`` in the platform's data folder."""
    from platformdirs import user_data_path

    return user_data_path("parat", appauthor=False) / "parat.db"


def database_url(target: str | os.PathLike[str] | None = None) -> str:
    """Resolve ``--db PATH|URL``, else ``PARAT_DATABASE_URL``, else the default file.

    A path or URL that cannot work is refused here with :class:`DatabaseLocationError`,
    before a driver or the file system sees it (see :func:`check_location`).
    """
    chosen = os.fspath(target) if target is not None else os.environ.get(ENV_URL) or None
    if chosen is None:
        return f"sqlite:///{default_database_path()}"
    if "\x00" in chosen:
        raise DatabaseLocationError(
            "the database path or URL contains a NUL character",
            "Databasens sti eller URL indeholder et NUL-tegn.",
        )
    if "://" in chosen:
        check_location(chosen)
        return chosen
    _check_path(chosen)
    return f"sqlite:///{Path(chosen).expanduser().resolve()}"


#: The longest name of one file or folder, and of a whole path, in bytes (Linux's
#: NAME_MAX and PATH_MAX; most file systems of other systems allow no more).
NAME_MAX, PATH_MAX = 255, 4096


def _check_path(path: str) -> None:
    if "\x00" in path:
        raise DatabaseLocationError(
            "the database path contains a NUL character", "Databasens sti indeholder et NUL-tegn."
        )
    too_long = [part for part in Path(path).parts if len(os.fsencode(part)) > NAME_MAX]
    if too_long or len(os.fsencode(path)) >= PATH_MAX:
        raise DatabaseLocationError(
            f"the database path is longer than the file system allows (at most {NAME_MAX} "
            f"bytes a name, {PATH_MAX} in all)",
            f"Databasens sti er længere, end filsystemet tillader (højst {NAME_MAX} byte pr. "
            f"navn og {PATH_MAX} i alt).",
        )


def check_location(url: str) -> None:
    """Refuse a database URL that cannot work, in one line that does not repeat it (it
    may hold a password): one that does not parse, a SQLite path with a NUL or too long
    a name, a SQLite query string (the driver would silently ignore it)."""
    try:
        sa_url = sa.make_url(url)
        sa_url.get_backend_name()
    except (sa.exc.ArgumentError, ValueError) as error:
        if isinstance(error, ValueError):
            reason, grund = (
                "its host or port is malformed",
                "dens vært eller port er forkert skrevet",
            )
        else:
            reason = "it is not of the form driver://user@host/database or sqlite:///PATH"
            grund = "den har ikke formen driver://bruger@vært/database eller sqlite:///STI"
        raise DatabaseLocationError(
            f"cannot use this database URL (check --db or PARAT_DATABASE_URL): {reason}",
            f"Databasens URL kan ikke bruges (tjek --db eller PARAT_DATABASE_URL): {grund}.",
        ) from None
    if sa_url.get_backend_name() != "sqlite":
        return
    if sa_url.query:
        names = ", ".join(sorted(sa_url.query))
        raise DatabaseLocationError(
            f"a SQLite database URL takes no query arguments here ({names}); "
            "use --read-only to only read",
            f"En SQLite-databases URL tager ingen forespørgselsparametre her ({names}): "
            "brug --read-only for kun at læse.",
        )
    if sa_url.database and sa_url.database != ":memory:":
        _check_path(sa_url.database)


def first_missing_folder(path: Path) -> Path | None:
    """The outermost folder on the way to ``path`` that does not exist yet (the first
    one creating the file would make), or ``None`` when its folder exists."""
    missing = None
    for folder in path.parents:
        if folder.exists():
            break
        missing = folder
    return missing


def discard_new_sqlite_file(path: Path, new_folder: Path | None = None) -> None:
    """Remove the SQLite file ``path`` that a refused call created, with its ``-wal``,
    ``-shm`` and ``-journal`` files and the folders it made from ``new_folder`` down,
    unless it holds a programme (something was written to it, so it stays). Best
    effort: whatever cannot be removed stays."""
    try:
        with contextlib.closing(
            sqlite3.connect(f"{path.resolve().as_uri()}?mode=rw", uri=True, timeout=0)
        ) as conn:
            tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master")}
            if "programme" in tables and conn.execute("SELECT 1 FROM programme").fetchone():
                return
            # Another process that opened the new file at the same moment (two first
            # `parat init` at once) may be writing its programme into it right now:
            # leaving WAL mode needs the file to itself, so it says whether we are alone.
            if conn.execute("PRAGMA journal_mode = DELETE").fetchone() != ("delete",):
                return
    except (sqlite3.Error, OSError, ValueError):
        return  # not what this call created, or not ours alone: leave it alone
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(OSError):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    if new_folder is None:
        return
    folder = path.parent
    while True:
        try:
            folder.rmdir()
        except OSError:
            return
        if folder == new_folder:
            return
        folder = folder.parent


def _sqlite_file(url: str) -> Path | None:
    """The file a SQLite URL names (``None``: in memory, not SQLite, or malformed)."""
    try:
        sa_url = sa.make_url(url)
    except (sa.exc.ArgumentError, ValueError):
        return None  # make_engine says what is wrong with it
    database = sa_url.database
    if sa_url.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return None
    return Path(database)


def existing_sqlite_file(url: str) -> Path | None:
    """The SQLite file ``url`` names when something exists under that name (a file,
    or a folder, a pipe… that the caller should refuse), else ``None``."""
    path = _sqlite_file(url)
    return path if path is not None and (path.exists() or path.is_symlink()) else None


def missing_sqlite_file(url: str) -> Path | None:
    """The SQLite file ``url`` names when it does not exist yet (opening would create
    it), else ``None`` (it exists, is in memory, or the URL is not SQLite)."""
    path = _sqlite_file(url)
    return None if path is None or path.exists() else path


def unwritable_sqlite_location(url: str) -> Path | None:
    """The existing SQLite file named by ``url``, or its folder, when this process may
    not write it (a read-only folder or mount, an immutable file), else ``None``."""
    path = _sqlite_file(url)
    if path is None or not path.exists():
        return None
    # WAL writes the -wal and -shm files beside the database: the folder must be
    # writable too.
    for place in (path, path.parent):
        if not os.access(place, os.W_OK):
            return place
    return None


def _read_only_uri(path: Path) -> str:
    """The URI that opens ``path`` read-only: ``mode=ro``, plus ``immutable=1`` when
    a WAL database cannot be read otherwise (no ``-shm`` and none can be made)."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    probe = sqlite3.connect(uri, uri=True)
    try:
        probe.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as error:
        # Anything else (not a database, corrupt) is reported by the real connection.
        if getattr(error, "sqlite_errorcode", None) == sqlite3.SQLITE_CANTOPEN:
            return f"{uri}&immutable=1"
    finally:
        probe.close()
    return uri


def _read_only_creator(path: Path) -> Callable[[], sqlite3.Connection]:
    uri = _read_only_uri(path)

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(
            uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
        )

    return connect


def _sqlite_setup(engine: Engine, *, read_only: bool = False) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        if not read_only:  # a reader takes the file's journal mode as it is
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        write = conn.get_execution_options().get("parat_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


class DatabaseLocationError(ValueError):
    """The chosen database path or URL cannot be used; the message says why
    (``str(error)`` in English, :attr:`danish` in Danish)."""

    def __init__(self, message: str, danish: str) -> None:
        super().__init__(message)
        self.danish = danish


def make_engine(url: str, *, read_only: bool = False) -> Engine:
    """Create the engine for ``url``, creating the SQLite file's folder when needed.

    ``read_only`` opens an existing SQLite file read-only (see the module docstring)
    and creates nothing; on other engines it changes nothing here.

    An unreadable URL, a missing driver or a folder that cannot be created raise
    :class:`DatabaseLocationError` (the URL itself is not repeated: it may hold a
    password).
    """
    try:
        sa_url = sa.make_url(url)
        if sa_url.get_backend_name() == "sqlite":
            database = sa_url.database
            on_file = bool(database) and database != ":memory:"
            if read_only and on_file:
                # The URL stays the file's own, for the pool and for whoever shows it.
                creator = _read_only_creator(Path(str(database)))
                engine = sa.create_engine(sa_url, creator=creator)
            else:
                if on_file:
                    Path(str(database)).parent.mkdir(parents=True, exist_ok=True)
                engine = sa.create_engine(sa_url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
            _sqlite_setup(engine, read_only=read_only)
            return engine
        return sa.create_engine(sa_url, pool_pre_ping=True)
    except OSError as error:
        where = f" {error.filename}" if error.filename else ""
        raise DatabaseLocationError(
            f"cannot create the database folder{where}: {error.strerror or error}",
            f"Databasens mappe{where} kan ikke oprettes: {error.strerror or error}.",
        ) from None
    except (sa.exc.ArgumentError, ValueError, ImportError) as error:
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise DatabaseLocationError(
            f"cannot use this database URL (check --db or PARAT_DATABASE_URL): {reason}",
            f"Databasens URL kan ikke bruges (tjek --db eller PARAT_DATABASE_URL): {reason}.",
        ) from None


def memory_copy(engine: Engine) -> Engine:
    """A writable in-memory copy of the SQLite database behind ``engine``, taken with
    SQLite's backup API: a scratch for work that must be applied to be measured (a
    dry run on a read-only file). It costs the size of the database in memory."""
    from sqlalchemy.pool import StaticPool

    target = sqlite3.connect(":memory:", check_same_thread=False)
    source = engine.raw_connection()
    try:
        source.driver_connection.backup(target)  # type: ignore[union-attr]
    except BaseException:
        target.close()
        raise
    finally:
        source.close()
    copy = sa.create_engine("sqlite://", creator=lambda: target, poolclass=StaticPool)
    _sqlite_setup(copy)
    return copy


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
