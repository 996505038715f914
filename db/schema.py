"""Bring a database to the newest schema, importing Alembic only when needed.

Importing Alembic costs as much as the rest of a CLI call: the stored revision is
compared with :data:`HEAD` first, and Alembic is loaded only to upgrade.
"""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import OperationalError, ProgrammingError

__all__ = ["HEAD", "SchemaError", "current_revision", "downgrade", "ensure_schema", "upgrade"]

#: The newest migration's revision; a test keeps it equal to Alembic's head.
HEAD = "0010"

MIGRATIONS = Path(__file__).parent / "migrations"


class SchemaError(RuntimeError):
    """The database's schema cannot be used by this version of Parat; ``str(error)``
    in English, :attr:`danish` in Danish."""

    def __init__(self, message: str, danish: str) -> None:
        super().__init__(message)
        self.danish = danish


def current_revision(conn: Connection) -> str | None:
    """The revision stored in ``alembic_version``, or ``None`` for a new database."""
    # A plain SELECT is cheaper than reflecting the schema on every CLI call.
    try:
        with conn.begin_nested() if conn.in_transaction() else conn.begin():
            return conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
    except (OperationalError, ProgrammingError):
        return None


def alembic_config(conn: Connection | None = None, url: str | None = None):  # type: ignore[no-untyped-def]
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if url:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    if conn is not None:
        config.attributes["connection"] = conn
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply the migrations up to ``revision`` in one locked transaction.

    On SQLite the foreign keys are off while they run: a migration that changes a
    column copies the table (SQLite's way), and the old copy of a table that others
    refer to cannot be dropped while they are enforced. Every reference is checked
    before the commit (SQLite's own procedure for such changes).
    """
    from alembic import command

    _migrate(engine, lambda conn: command.upgrade(alembic_config(conn), revision))


def downgrade(engine: Engine, revision: str) -> None:
    """Take the schema back to ``revision`` (for tests of upgrades from old databases)."""
    from alembic import command

    _migrate(engine, lambda conn: command.downgrade(alembic_config(conn), revision))


def _migrate(engine: Engine, run: Callable[[Connection], None]) -> None:
    with engine.execution_options(parat_write=True).connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        raw: Any = conn.connection.driver_connection
        if sqlite:  # outside a transaction: SQLite ignores the PRAGMA inside one
            raw.execute("PRAGMA foreign_keys = OFF")
        try:
            with conn.begin():
                if not sqlite:
                    # Two processes opening a new database at once must not both migrate.
                    conn.execute(sa.text("SELECT pg_advisory_xact_lock(7270)"))
                _check_known(current_revision(conn))
                run(conn)
                if sqlite and conn.exec_driver_sql("PRAGMA foreign_key_check").first():
                    raise SchemaError(
                        "a migration left a reference to a missing row",
                        "En migrering efterlod en henvisning til en række, der mangler.",
                    )
        finally:
            if sqlite:
                raw.execute("PRAGMA foreign_keys = ON")


def _check_known(revision: str | None) -> None:
    known = {p.name.split("_", 1)[0] for p in (MIGRATIONS / "versions").glob("*.py")}
    if revision is not None and revision not in known:
        raise SchemaError(
            f"the database has schema revision {revision}, newer than this version of parat",
            f"Databasen har skemaversion {revision}, som er nyere end denne version af parat.",
        )


def ensure_schema(engine: Engine) -> None:
    """Upgrade the database to :data:`HEAD` when it is behind; refuse a newer one."""
    with engine.connect() as conn:
        revision = current_revision(conn)
    if revision == HEAD:
        return
    _check_known(revision)
    upgrade(engine)
