"""Database errors that users meet on a shared store, turned into :class:`ParatError`.

Two engines, one set of messages: a write on a read-only connection (``--read-only``,
a SELECT-only PostgreSQL role, SQLite's ``query_only``) becomes
:class:`ReadOnlyError`; a serialization failure or deadlock on PostgreSQL is worth a
retry of the whole transaction, and when retries run out it is reported like a stale
version (someone else changed the same thing at the same time).
"""

from sqlalchemy.exc import DBAPIError

from db.readonly import ReadOnlyDatabase
from tracker.errors import ParatError, ReadOnlyError, StaleVersion

__all__ = ["NO_PRIVILEGE", "READ_ONLY", "is_retryable", "sqlstate", "user_error"]

#: The words every refused write starts with, whatever refused it.
READ_ONLY = "this connection is read-only"

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
    """The user-facing error for a database error, or ``None`` when it is a bug."""
    if isinstance(error, ReadOnlyDatabase):
        return ReadOnlyError(f"{READ_ONLY}; nothing was changed")
    if not isinstance(error, DBAPIError):
        return None
    state = sqlstate(error)
    if state == READ_ONLY_TRANSACTION:
        return ReadOnlyError(f"{READ_ONLY} (the server refused the write); nothing was changed")
    if state == NO_PRIVILEGE:
        return ReadOnlyError(
            f"{READ_ONLY}: this database role may only read ({_first_line(error)}); "
            "nothing was changed"
        )
    if state in RETRYABLE:
        return StaleVersion(code or "the hypothesis", None, None)
    if "readonly database" in _first_line(error):
        # SQLite: PRAGMA query_only, or a file the user may not write.
        return ReadOnlyError(f"{READ_ONLY} ({_first_line(error)}); nothing was changed")
    return None
