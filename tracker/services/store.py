"""The one door to the database: every service call reaches the store through it.

A :class:`Store` opens the engine (read-only or not) from a path or URL, checks the
schema (or brings it up to date), and runs work in one of two shapes: a read in a
short session, or a write in one transaction. Around both it keeps the rules that
must not depend on the caller remembering them:

- a read-only store refuses a write before it touches the database;
- a PostgreSQL serialization failure or deadlock re-runs the whole transaction
  after a short, jittered pause (the work re-reads what it needs, so a re-run is safe);
- every database error is translated once, by
  :func:`tracker.services.dberrors.user_error`, into a :class:`ParatError`;
- a change (:meth:`Store.change`) gets the moment of its transaction: one moment per
  attempt, read inside the transaction (never before it begins), so that the events
  of one command share it and moments follow the order of the commits.

Front ends never see an engine, a session or a driver's exception.
"""

import random
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TypeVar, cast

from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session

from db.engine import (
    database_url,
    discard_new_sqlite_file,
    existing_sqlite_file,
    first_missing_folder,
    make_engine,
    missing_sqlite_file,
    read_session,
    unwritable_sqlite_location,
    write_session,
)
from db.locks import hold_writers
from tracker.errors import (
    InvalidInput,
    NotFound,
    ParatError,
    ReadOnlyError,
    UnusableDatabase,
)
from tracker.io.files import check_input_file
from tracker.services.context import ChangeContext
from tracker.services.dberrors import (
    NO_PRIVILEGE,
    READ_ONLY,
    READ_ONLY_DA,
    is_retryable,
    sqlstate,
    user_error,
)

if TYPE_CHECKING:
    import os

__all__ = ["WRITE_ATTEMPTS", "Store", "no_database", "translated"]

T = TypeVar("T")

#: How often a transaction is tried when PostgreSQL reports a serialization failure
#: or a deadlock.
WRITE_ATTEMPTS = 5


def _raise_for_user(error: Exception, code: str = "") -> NoReturn:
    user = user_error(error, code)
    if user is None:
        raise error
    # A driver's error that has no line of its own keeps its cause, for whoever debugs.
    raise user from (error if isinstance(user, UnusableDatabase) else None)


@contextmanager
def translated(code: str = "") -> Iterator[None]:
    """Turn a database error raised inside into its :class:`ParatError` (bugs pass)."""
    try:
        yield
    except ParatError:
        raise
    except Exception as error:
        _raise_for_user(error, code)


@contextmanager
def _migrating() -> Iterator[None]:
    """A role that may write data but not change the schema is told who may."""
    from db.schema import HEAD

    with translated():
        try:
            yield
        except DBAPIError as error:
            if sqlstate(error) != NO_PRIVILEGE:
                raise
            raise UnusableDatabase(
                f"the database needs its schema created or upgraded to revision {HEAD}, "
                "and this database role may not do that: the owner must run `parat db upgrade`",
                danish=f"Databasens skema skal oprettes eller opgraderes til version {HEAD}, og "
                "denne databaserolle må ikke gøre det: ejeren skal køre `parat db upgrade`.",
            ) from None


def no_database(path: "os.PathLike[str] | str") -> NotFound:
    """The error for a command that needs a database where there is none."""
    return NotFound(
        f"there is no database at {path}: create one with `parat init` or `parat demo`",
        danish=f"Der er ingen database i {path}. Opret en med `parat init` eller `parat demo`.",
    )


class _Discard(Exception):
    """Leaves a write transaction so that it rolls back, carrying the work's result."""

    def __init__(self, result: object) -> None:
        self.result = result


class Store:
    """One open database, and the only way to run work on it."""

    def __init__(
        self,
        engine: Engine,
        *,
        read_only: bool = False,
        why: str = "opened read-only",
        why_da: str = "åbnet skrivebeskyttet",
    ) -> None:
        self._created: tuple[Path, Path | None] | None = None
        self.engine = engine
        """The engine behind the door (only tests and benchmarks reach past it)."""
        self.read_only = read_only
        """Every write is refused before it begins."""
        self.why = why
        """Why the store is read-only, for the line that refuses a write."""
        self.why_da = why_da
        """The same in Danish."""

    @classmethod
    def open(
        cls,
        db: "str | os.PathLike[str] | None" = None,
        *,
        read_only: bool = False,
        upgrade: bool = True,
        create: bool = True,
    ) -> "Store":
        """Open ``db`` (a path or URL; default: ``PARAT_DATABASE_URL`` or the user's file).

        The schema is brought up to date unless ``upgrade=False``; read-only, it must
        be up to date already. ``create=False`` refuses a SQLite file that does not
        exist with :class:`NotFound` instead of creating it (and its folders); a
        read-only store never creates one. A SQLite file whose file or folder may not
        be written (a read-only mount) is opened read-only, so that it can be read.

        A SQLite file this call creates is removed again when the call fails (the
        store is left by an exception) and it holds no programme: a refused call
        leaves no trace (see :meth:`__exit__`).
        """
        with translated():
            url = database_url(db)
        existing = existing_sqlite_file(url)
        if existing is not None:
            # A folder or a named pipe: SQLite would fail with "disk I/O error" (or,
            # read-only, wait for a writer for ever).
            try:
                check_input_file(existing, label="--db")
            except InvalidInput as error:
                raise UnusableDatabase(error.headline, danish=error.danish) from None
        why, why_da = "opened read-only", "åbnet skrivebeskyttet"
        blocked = None if read_only else unwritable_sqlite_location(url)
        if blocked is not None:
            read_only, why, why_da = (
                True,
                f"{blocked} is not writable",
                f"{blocked} kan ikke skrives",
            )
        missing = missing_sqlite_file(url)
        if missing is not None and read_only:
            raise ReadOnlyError(
                f"{READ_ONLY} and {missing} does not exist",
                danish=f"{READ_ONLY_DA}, og {missing} findes ikke.",
            )
        if missing is not None and not create:
            raise no_database(missing)
        new_folder = None if missing is None else first_missing_folder(missing)
        with translated():
            if read_only:
                from db.readonly import make_read_only_engine

                engine = make_read_only_engine(url)
            else:
                engine = make_engine(url)
        store = cls(engine, read_only=read_only, why=why, why_da=why_da)
        if missing is not None:
            store._created = (missing, new_folder)
        try:
            if read_only:
                store.require_schema()
            elif upgrade:
                store.ensure_schema()
        except BaseException:
            store.__exit__(*sys.exc_info())
            raise
        return store

    def close(self) -> None:
        """Close every connection of the engine."""
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, exc_type: object, *_exc: object) -> None:
        self.close()
        if exc_type is not None and self._created is not None:
            discard_new_sqlite_file(*self._created)

    @property
    def url(self) -> str:
        """The database's URL, any password hidden."""
        return self.engine.url.render_as_string(hide_password=True)

    # -- schema -----------------------------------------------------------------
    def revision(self) -> str | None:
        """The stored schema revision (``None``: no Parat schema yet)."""
        from db.schema import current_revision

        with translated(), self.engine.connect() as conn:
            return current_revision(conn)

    def ensure_schema(self) -> None:
        """Upgrade when behind the newest schema; refuse one newer than this version."""
        from db.schema import ensure_schema

        with _migrating():
            ensure_schema(self.engine)

    def upgrade(self) -> str:
        """Apply the migrations up to the newest; returns that revision."""
        from db.schema import HEAD
        from db.schema import upgrade as run_upgrade

        self._refuse_if_read_only()
        with _migrating():
            run_upgrade(self.engine)
        return HEAD

    def require_schema(self) -> None:
        """A viewer cannot upgrade: the schema must be the newest already."""
        from db.schema import HEAD

        revision = self.revision()
        if revision != HEAD:
            found = "no Parat schema" if revision is None else f"schema revision {revision}"
            fundet = "intet Parat-skema" if revision is None else f"skemaversion {revision}"
            raise ReadOnlyError(
                f"{READ_ONLY} and the database has {found}, not {HEAD}: "
                "someone who may write must run `parat db upgrade` first",
                danish=f"{READ_ONLY_DA}, og databasen har {fundet}, ikke {HEAD}: en, der må "
                "skrive, skal først køre `parat db upgrade`.",
            )

    # -- work -------------------------------------------------------------------
    def read(self, work: Callable[[Session], T]) -> T:
        """Run ``work`` in a short session that writes nothing."""
        return self._run(work, "", write=False, commit=False)

    def write(self, work: Callable[[Session], T], *, code: str = "", commit: bool = True) -> T:
        """Run ``work`` in one write transaction, retried on a serialization failure.

        With ``commit=False`` the work is applied and flushed (so that a conflict or a
        broken constraint is refused as in a real write), then rolled back: a dry run.
        ``code`` names what is changed, for the conflict lines.
        """
        self._refuse_if_read_only()
        return self._run(work, code, write=True, commit=commit)

    def change(
        self,
        work: Callable[[Session, ChangeContext], T],
        context: ChangeContext,
        *,
        code: str = "",
        commit: bool = True,
    ) -> T:
        """A write (see :meth:`write`) that changes data on behalf of ``context``.

        Each attempt gives ``work`` a context whose moment is read once, inside the
        transaction, once no other writer of the programme can commit before this one:
        SQLite's ``BEGIN IMMEDIATE`` (the write lock) or PostgreSQL's advisory lock has
        been taken before the work starts, and the work takes the guard's row locks
        before it asks for the moment (:func:`tracker.services.guard.hold`). So moments
        follow commit order across all hypotheses. A re-run reads a new moment.
        """

        def attempt(session: Session) -> T:
            # Begins the transaction and waits for this programme's other writers:
            # SQLite's write lock, PostgreSQL's advisory lock (db.locks.hold_writers).
            hold_writers(session.connection())
            return work(session, context.for_transaction())

        return self.write(attempt, code=code, commit=commit)

    def _refuse_if_read_only(self) -> None:
        if self.read_only:
            raise ReadOnlyError(
                f"{READ_ONLY} ({self.why}); nothing was changed",
                danish=f"{READ_ONLY_DA} ({self.why_da}). Intet er ændret.",
            )

    def _run(self, work: Callable[[Session], T], code: str, *, write: bool, commit: bool) -> T:
        for attempt in range(1, WRITE_ATTEMPTS + 1):
            try:
                return self._once(work, write=write, commit=commit)
            except ParatError:
                raise
            except Exception as error:
                if attempt == WRITE_ATTEMPTS or not is_retryable(error):
                    _raise_for_user(error, code)
            time.sleep(random.uniform(0.005, 0.05) * attempt)
        raise AssertionError("unreachable")  # pragma: no cover

    def _once(self, work: Callable[[Session], T], *, write: bool, commit: bool) -> T:
        if not write:
            with read_session(self.engine) as session:
                return work(session)
        try:
            with write_session(self.engine) as session:
                result = work(session)
                if commit:
                    return result
                session.flush()
                raise _Discard(result)
        except _Discard as discarded:
            return cast(T, discarded.result)
