"""What a database error means to a user: the door's one translation table.

:class:`tracker.services.store.Store` is the only caller of :func:`user_error`: every
exception that comes out of the store (SQLAlchemy's, the driver's, or ``db``'s own)
passes through it once and leaves as a :class:`ParatError`, or, when it is a bug, as
it was raised.

Two engines, one set of messages: a write on a read-only connection (``--read-only``,
a SELECT-only PostgreSQL role, a SQLite file the user may not write) becomes
:class:`ReadOnlyError`; a serialization failure or deadlock on PostgreSQL is worth a
retry of the whole transaction, and when retries run out it is reported like a stale
version (someone else changed the same thing at the same time); a location, a file
or a schema that cannot be used becomes :class:`UnusableDatabase`.
"""

from sqlalchemy.exc import DatabaseError, DBAPIError, IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from db.engine import DatabaseLocationError
from db.readonly import ReadOnlyDatabase
from db.schema import SchemaError
from tracker.errors import (
    AlreadyExists,
    ParatError,
    ReadOnlyError,
    StaleVersion,
    UnusableDatabase,
    file_error,
)

__all__ = ["NO_PRIVILEGE", "READ_ONLY", "READ_ONLY_DA", "is_retryable", "sqlstate", "user_error"]

#: The words every refused write starts with, whatever refused it.
READ_ONLY = "this connection is read-only"
#: The same in Danish.
READ_ONLY_DA = "Forbindelsen er skrivebeskyttet"

#: serialization_failure, deadlock_detected: the transaction may simply be run again.
RETRYABLE = frozenset({"40001", "40P01"})
#: read_only_sql_transaction (default_transaction_read_only = on).
READ_ONLY_TRANSACTION = "25006"
#: insufficient_privilege (a role with SELECT only).
NO_PRIVILEGE = "42501"


def sqlstate(error: BaseException) -> str | None:
    """The SQLSTATE of a PostgreSQL error (``None`` for other engines)."""
    orig = getattr(error, "orig", None)
    return getattr(orig, "sqlstate", None)


def _first_line(error: DBAPIError) -> str:
    text = str(error.orig if error.orig is not None else error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def is_retryable(error: BaseException) -> bool:
    """True for a PostgreSQL serialization failure or deadlock."""
    return isinstance(error, DBAPIError) and sqlstate(error) in RETRYABLE


def user_error(error: BaseException, code: str = "") -> ParatError | None:
    """The user-facing error for a database error, or ``None`` when it is a bug.

    ``code`` names what was being changed (a hypothesis code, a bucket key) for the
    lines that say what conflicted.
    """
    if isinstance(error, ReadOnlyDatabase):
        # db's own line says more than the bare refusal when there is more to say
        # (a viewer pointed at a file that does not exist).
        text = str(error)
        if text == READ_ONLY:
            return ReadOnlyError(
                f"{READ_ONLY}; nothing was changed", danish=f"{READ_ONLY_DA}. Intet er ændret."
            )
        return ReadOnlyError(text, danish=error.danish)
    if isinstance(error, StaleDataError):
        # Another writer updated the same row between our read and our write: the
        # version column caught it.
        return StaleVersion(code or "the hypothesis", None, None)
    if isinstance(error, SchemaError | DatabaseLocationError):
        return UnusableDatabase(str(error), danish=error.danish)
    if isinstance(error, IntegrityError):
        return AlreadyExists(
            f"{code or 'the value'} exists already or conflicts: {error.orig}",
            danish=f"{code or 'Værdien'} findes allerede eller er i konflikt med en "
            "anden ændring. Intet er ændret.",
        )
    if isinstance(error, OSError):
        # The file system refused the database's file or folder (too long a name, no
        # access, a full disk): the line names it.
        return file_error(error, "the database", "databasen")
    if not isinstance(error, DBAPIError):
        return None
    state = sqlstate(error)
    if state == READ_ONLY_TRANSACTION:
        return ReadOnlyError(
            f"{READ_ONLY} (the server refused the write); nothing was changed",
            danish=f"{READ_ONLY_DA} (serveren afviste skrivningen). Intet er ændret.",
        )
    if state == NO_PRIVILEGE:
        return ReadOnlyError(
            f"{READ_ONLY}: this database role may only read ({_first_line(error)}); "
            "nothing was changed",
            danish=f"{READ_ONLY_DA}: denne databaserolle må kun læse ({_first_line(error)}). "
            "Intet er ændret.",
        )
    if state in RETRYABLE:
        return StaleVersion(code or "the hypothesis", None, None)
    if "readonly database" in _first_line(error):
        # SQLite: PRAGMA query_only, or a file the user may not write.
        return ReadOnlyError(
            f"{READ_ONLY} ({_first_line(error)}); nothing was changed",
            danish=f"{READ_ONLY_DA} ({_first_line(error)}). Intet er ændret.",
        )
    if isinstance(error, DatabaseError):
        # A file that is not a database, a folder, a server that refuses the
        # connection: one line, whatever the engine.
        return UnusableDatabase(
            f"database error: {_first_line(error)}",
            danish=f"Databasefejl: {_first_line(error)}.",
        )
    return None
