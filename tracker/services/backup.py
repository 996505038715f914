"""Backing up and restoring a SQLite database while it is in use.

A live SQLite file is never copied byte for byte: its ``-wal`` file holds the newest
commits. ``sqlite3.Connection.backup`` (SQLite's online backup API) takes a
consistent copy while others keep reading and writing. A restore checks the file
first (integrity, schema revision, a programme present), refuses to overwrite a
database that holds data unless forced, and then keeps a copy of what it replaced.

PostgreSQL has its own tools for this (``pg_dump``/``pg_restore``); Parat only says so.
"""

import errno
import os
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa

from db.engine import BUSY_TIMEOUT_MS
from tracker.errors import AlreadyExists, InvalidInput, NotFound, file_error, shown_path
from tracker.io.files import check_input_file, output_target, replace_into
from tracker.report.moments import local_time
from tracker.services.progress import COPY, Progress

__all__ = ["BackupInfo", "backup_sqlite", "restore_sqlite", "sqlite_path"]

PG_BACKUP_HINT = (
    "parat backup copies a SQLite file; this database is on PostgreSQL: back it up with "
    "pg_dump, e.g. `pg_dump -Fc -f parat.dump DBNAME` (see the README)"
)
PG_RESTORE_HINT = (
    "parat restore writes a SQLite file; this database is on PostgreSQL: restore a "
    "pg_dump file with pg_restore, e.g. `pg_restore --clean -d DBNAME parat.dump` "
    "(see the README)"
)
#: The hints in Danish, by their English text.
_HINTS_DA = {
    PG_BACKUP_HINT: "parat backup kopierer en SQLite-fil, og denne database ligger på "
    "PostgreSQL: tag en sikkerhedskopi med pg_dump, fx `pg_dump -Fc -f parat.dump DBNAVN` "
    "(se README).",
    PG_RESTORE_HINT: "parat restore skriver en SQLite-fil, og denne database ligger på "
    "PostgreSQL: genskab en pg_dump-fil med pg_restore, fx "
    "`pg_restore --clean -d DBNAVN parat.dump` (se README).",
}


@dataclass(frozen=True, slots=True)
class BackupInfo:
    """What a backup or restored file holds."""

    path: Path
    """The file written."""
    revision: str
    """Its schema revision (Alembic)."""
    programme: str
    """The programme's name."""
    hypotheses: int
    """How many hypotheses it holds."""
    events: int
    """How many events its audit log holds."""
    replaced: Path | None = None
    """Restore only: the copy kept of the database that was overwritten."""


def sqlite_path(url: str, hint: str) -> Path:
    """The file behind a SQLite URL; PostgreSQL (or anything else) gets ``hint``."""
    sa_url = sa.make_url(url)
    if sa_url.get_backend_name() != "sqlite":
        raise InvalidInput(hint, danish=_HINTS_DA.get(hint, hint))
    if not sa_url.database or sa_url.database == ":memory:":
        raise InvalidInput(
            "an in-memory database cannot be backed up or restored",
            danish="En database i hukommelsen kan ikke sikkerhedskopieres eller genskabes.",
        )
    return Path(sa_url.database)


def _connect(path: Path, *, read_only: bool) -> sqlite3.Connection:
    if read_only:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    else:
        conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


def _tables(conn: sqlite3.Connection) -> set[str]:
    rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    return {name for (name,) in rows}


def _describe(conn: sqlite3.Connection, path: Path) -> BackupInfo:
    """Check a Parat SQLite database; raise InvalidInput naming the file otherwise."""
    from db.schema import MIGRATIONS

    try:
        check = conn.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.DatabaseError as error:
        if "not a database" in str(error):
            raise InvalidInput(
                f"{path}: not a SQLite database", danish=f"{path}: ikke en SQLite-database."
            ) from None
        raise InvalidInput(
            f"{path}: the file is damaged ({error})",
            danish=f"{path}: filen er beskadiget ({error}).",
        ) from None
    if check != "ok":
        raise InvalidInput(
            f"{path}: the file is damaged (integrity_check: {check})",
            danish=f"{path}: filen er beskadiget (integrity_check: {check}).",
        )
    tables = _tables(conn)
    if "alembic_version" not in tables or "programme" not in tables:
        raise InvalidInput(
            f"{path}: not a Parat database (no schema revision)",
            danish=f"{path}: ikke en Parat-database (ingen skemaversion).",
        )
    revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    known = {p.name.split("_", 1)[0] for p in (MIGRATIONS / "versions").glob("*.py")}
    if revision is None or revision[0] not in known:
        found = revision[0] if revision else "none"
        raise InvalidInput(
            f"{path}: schema revision {found} is unknown to this version of parat",
            danish=f"{path}: skemaversion {found} er ukendt for denne version af parat.",
        )
    programme = conn.execute("SELECT name FROM programme ORDER BY id LIMIT 1").fetchone()
    if programme is None:
        raise InvalidInput(
            f"{path}: holds no programme", danish=f"{path}: indeholder intet program."
        )
    (hypotheses,) = conn.execute("SELECT count(*) FROM hypothesis").fetchone()
    (events,) = conn.execute("SELECT count(*) FROM event").fetchone()
    return BackupInfo(path, revision[0], programme[0], hypotheses, events)


#: Pages copied per step when progress is shown (about 1 MB of 4 KiB pages).
_STEP_PAGES = 256


def _copy(source: sqlite3.Connection, target_path: Path, progress: Progress | None = None) -> None:
    """Online backup of ``source`` into a new self-contained file (no -wal beside it).

    Without ``progress`` it is one step; with it, steps of :data:`_STEP_PAGES` pages
    (a write in between makes SQLite restart the copy, so it is still consistent)."""
    with closing(sqlite3.connect(target_path)) as target:
        if progress is None:
            source.backup(target)
        else:
            source.backup(
                target,
                pages=_STEP_PAGES,
                progress=lambda _status, remaining, total: progress(COPY, total - remaining, total),
            )
        target.execute("PRAGMA journal_mode = DELETE")


def backup_sqlite(
    url: str, target: Path, *, force: bool = False, progress: Progress | None = None
) -> BackupInfo:
    """Copy the live database at ``url`` into ``target`` and check the copy.

    What the file system refuses about ``target`` (a folder, a folder that is a file,
    too long a name, no access, a full disk) is :class:`FileProblem` naming it.
    """
    source_path = sqlite_path(url, PG_BACKUP_HINT)
    if not source_path.exists():
        raise NotFound(
            f"{source_path}: no such database", danish=f"{source_path}: databasen findes ikke."
        )
    # A folder or a named pipe given as the database: SQLite would fail deep inside
    # its copy (or wait for a writer for ever).
    check_input_file(source_path, label="--db")
    try:
        return _backup(source_path, target, force=force, progress=progress)
    except OSError as error:
        raise file_error(error, "the backup file", "sikkerhedskopien") from None
    except sqlite3.DatabaseError as error:
        raise _not_a_database(source_path, error) from None


def _not_a_database(path: Path, error: sqlite3.Error) -> InvalidInput:
    return InvalidInput(
        f"{shown_path(path)} cannot be read as a Parat database ({error})",
        danish=f"{shown_path(path)} kan ikke læses som en Parat-database ({error}).",
    )


def _backup(
    source_path: Path, target: Path, *, force: bool, progress: Progress | None
) -> BackupInfo:
    # A link is followed (the backup goes where it points); a folder, device or pipe
    # is refused before anything else, --force or not: it is never replaced.
    target = output_target(target.expanduser(), label="backup").resolve()
    if target == source_path.resolve():
        raise InvalidInput(
            "the backup file must not be the database itself",
            danish="Sikkerhedskopien må ikke være selve databasen.",
        )
    if target.exists() and not force:
        raise AlreadyExists(
            f"{shown_path(target)} exists already; choose another name or give --force",
            danish=f"{shown_path(target)} findes allerede: vælg et andet navn, eller giv --force.",
        )
    folder = next((f for f in target.parents if f.exists()), None)
    if folder is not None and not folder.is_dir():
        raise OSError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(folder))
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    try:
        partial.unlink(missing_ok=True)
        try:
            with closing(_connect(source_path, read_only=True)) as source:
                _copy_to_file(source, partial, target, progress)
            with closing(_connect(partial, read_only=True)) as copy:
                info = _describe(copy, target)
            replace_into(partial, target, label="backup")
        finally:
            partial.unlink(missing_ok=True)
    except OSError as error:
        # The user named the backup file, not the partial one it is written through.
        raise OSError(error.errno, error.strerror, str(target)) from None
    return info


def _copy_to_file(
    source: sqlite3.Connection, partial: Path, target: Path, progress: Progress | None
) -> None:
    """:func:`_copy`, with SQLite's errors on the new file said as the system's."""
    try:
        _copy(source, partial, progress)
    except sqlite3.Error as error:
        code = (getattr(error, "sqlite_errorcode", None) or 0) & 0xFF  # the primary code
        if code == sqlite3.SQLITE_FULL:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(target)) from None
        if code == sqlite3.SQLITE_CANTOPEN:
            raise OSError(errno.EACCES, "cannot create the file", str(target)) from None
        if code in (sqlite3.SQLITE_IOERR, sqlite3.SQLITE_READONLY):
            raise OSError(errno.EIO, str(error), str(target)) from None
        raise


def _holds_data(path: Path) -> bool:
    if not path.exists() or path.stat().st_size == 0:
        return False
    try:
        return _holds_parat_data(path)
    except sqlite3.DatabaseError as error:
        # Not a database at all: never replaced, whatever --force says.
        raise _not_a_database(path, error) from None


def _holds_parat_data(path: Path) -> bool:
    with closing(_connect(path, read_only=True)) as conn:
        tables = _tables(conn)
        if not tables:
            return False
        if "programme" in tables and tables <= _PARAT_TABLES:
            (programmes,) = conn.execute("SELECT count(*) FROM programme").fetchone()
            return bool(programmes)
        return True


_PARAT_TABLES = {
    "alembic_version",
    "programme",
    "stage_weight",
    "bucket",
    "hypothesis",
    "figure",
    "event",
    "snapshot",
    "overlap",
    "validation",
}


def restore_sqlite(
    url: str, source: Path, *, force: bool = False, now: datetime | None = None
) -> BackupInfo:
    """Put the backup ``source`` in place of the database at ``url``.

    The backup is checked first. A target that holds data is only overwritten with
    ``force``, and then a copy of it is kept beside it (``….replaced-<time>.db``).
    """
    # The database file is written as any user-named output: through a link to where
    # it points, never over a device, a pipe or a folder.
    target = output_target(sqlite_path(url, PG_RESTORE_HINT), label="restore").resolve()
    source = source.expanduser()
    if not source.exists():  # a loop of links too
        raise NotFound(f"{source}: no such file", danish=f"{source}: filen findes ikke.")
    # stat before SQLite opens it: a named pipe would wait for a writer for ever.
    source = check_input_file(source, label="restore").resolve()
    if source == target:
        raise InvalidInput(
            "the backup file is the database itself",
            danish="Sikkerhedskopien er selve databasen.",
        )
    with closing(_connect(source, read_only=True)) as conn:
        info = _describe(conn, source)
    replaced: Path | None = None
    if _holds_data(target):
        if not force:
            raise AlreadyExists(
                f"{target} holds data already; give --force to replace it (a copy of it is kept)",
                danish=f"{target} indeholder allerede data: giv --force for at erstatte den "
                "(en kopi af den gemmes).",
            )
        # Copenhagen time, like every moment a person reads (a naive ``now`` is taken as such).
        stamp = (now or local_time(datetime.now(UTC))).strftime("%Y%m%dT%H%M%S")
        replaced = target.with_name(f"{target.stem}.replaced-{stamp}{target.suffix or '.db'}")
        with closing(_connect(target, read_only=True)) as current:
            _copy(current, replaced)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with (
            closing(_connect(source, read_only=True)) as src,
            closing(_connect(target, read_only=False)) as dst,
        ):
            src.backup(dst)
    except sqlite3.OperationalError as error:
        # A read-only folder or mount, a full disk: said of the file the user names.
        raise InvalidInput(
            f"cannot write the database {shown_path(target)}: {error}",
            danish=f"Databasen {shown_path(target)} kan ikke skrives: {error}.",
        ) from None
    return BackupInfo(target, info.revision, info.programme, info.hypotheses, info.events, replaced)
