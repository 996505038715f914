"""The database itself, for the people who run it: upgrade, describe, back up, restore.

These use cases work on a database rather than on a programme, so they take the
``--db`` choice (a path, a URL or ``None`` for the default) and open the store
themselves; like every service they go through its door, and raise only
:class:`tracker.errors.ParatError`.
"""

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.services.store import Store, translated

if TYPE_CHECKING:
    from tracker.services.backup import BackupInfo

__all__ = [
    "DatabaseInfo",
    "backup_database",
    "database_info",
    "restore_database",
    "upgrade_database",
]

Target = str | os.PathLike[str] | None


@dataclass(frozen=True, slots=True)
class DatabaseInfo:
    """Which database is in use, and its schema."""

    url: str
    """Its URL, any password hidden."""
    revision: str | None
    """The stored schema revision (``None``: empty, no Parat schema yet)."""
    newest: str
    """The newest revision this version of Parat knows."""


def upgrade_database(db: Target = None) -> str:
    """Apply the schema migrations (creating a new SQLite file); returns the revision."""
    with Store.open(db, upgrade=False) as store:
        return store.upgrade()


def database_info(db: Target = None) -> DatabaseInfo:
    """Describe the database without changing it (a missing file is :class:`NotFound`)."""
    from db.schema import HEAD

    with Store.open(db, upgrade=False, create=False) as store:
        return DatabaseInfo(url=store.url, revision=store.revision(), newest=HEAD)


def backup_database(db: Target, target: Path, *, force: bool = False) -> "BackupInfo":
    """Copy the live SQLite database into ``target`` (see :mod:`tracker.services.backup`)."""
    from db.engine import database_url
    from tracker.services.backup import backup_sqlite

    with translated():
        return backup_sqlite(database_url(db), target, force=force)


def restore_database(db: Target, source: Path, *, force: bool = False) -> "BackupInfo":
    """Put the backup ``source`` in place of the database, and bring its schema up to
    date (a backup made by an older version)."""
    from db.engine import database_url
    from tracker.services.backup import restore_sqlite

    with translated():
        url = database_url(db)
        info = restore_sqlite(url, source, force=force)
    Store.open(url).close()
    return info
