"""Shared fixtures: a real SQLite file per test, a fixed clock, the CLI runner."""

import os
import secrets
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy.pool import NullPool
from typer.testing import CliRunner

import tracker
from tracker.cli import app
from tracker.services import Parat

#: The fixed clock of the tests: the morning of a chief group meeting.
FIXED_NOW = datetime(2018, 3, 12, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test reads the developer's database, actor, configuration or locale.

    The suites written before Parat spoke Danish assert its English lines: they run
    in English, explicitly; tests of the Danish default unset PARAT_LANG themselves
    (tests/cli/test_languages.py)."""
    for name in ("PARAT_CONFIG", "PARAT_DISPLAY", "PARAT_DECIMALS", "PARAT_THEME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("PARAT_LANG", "en")
    monkeypatch.delenv("PARAT_DATABASE_URL", raising=False)
    monkeypatch.delenv("PARAT_READ_ONLY", raising=False)
    monkeypatch.setenv("PARAT_ACTOR", "tester")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("PARAT_NOW", FIXED_NOW.isoformat())


@pytest.fixture(autouse=True)
def _language_of_the_environment() -> Iterator[None]:
    """An in-process ``--lang`` (the CLI runner) chooses the language for the rest of
    the process: each test starts from ``PARAT_LANG`` again."""
    from tracker.i18n import set_language

    set_language(None)
    yield
    set_language(None)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "parat.db"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def cli(runner: CliRunner, db_path: Path) -> Callable[..., object]:
    """Run ``parat --db <tmp file> ARGS…`` through the real Typer app."""

    def run(*args: str, db: Path | str | None = None):  # type: ignore[no-untyped-def]
        return runner.invoke(app, ["--db", str(db or db_path), *args])

    return run


@pytest.fixture
def parat(db_path: Path) -> Iterator[Parat]:
    """The Python API on a fresh SQLite file, with the fixed clock."""
    with tracker.open(str(db_path), actor="tester", clock=lambda: FIXED_NOW) as p:
        yield p


# -- stores on both engines: a SQLite file | a PostgreSQL database ---------------
#
# Store-level tests take ``store_url`` (or ``store`` / ``store_cli``) and run twice:
# ``[sqlite]`` on a file in tmp_path, ``[postgresql]`` on an empty database of its own
# on the server named by PARAT_TEST_DATABASE_URL (wiped after the test and reused by a
# later one; all are dropped at the end of the run).
# Without that variable the PostgreSQL half is skipped (the summary says why); with
# CI set, a missing or unreachable server fails the run instead.

PG_ENV = "PARAT_TEST_DATABASE_URL"


class PgServer:
    """The PostgreSQL server the tests may create databases (and roles) on."""

    def __init__(self, url: str) -> None:
        import sqlalchemy as sa

        self.url = sa.make_url(url)
        self.admin = sa.create_engine(self.url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
        # DROP DATABASE waits for a checkpoint (~0.8 s here): done in the background,
        # one at a time, while the next tests run; ``close()`` waits for the last one.
        self._dropper = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pg-drop")
        self._drops: list[Future[None]] = []
        self._free: list[str] = []  # empty databases to reuse (see empty_database)
        # The migrations create the role that may validate when it is missing: a run
        # that found none leaves none (see close).
        self._had_validator_role: bool | None = None

    def url_for(self, database: str, user: str | None = None) -> str:
        url = self.url.set(database=database)
        if user is not None:
            url = url.set(username=user, password=None)
        return url.render_as_string(hide_password=False)

    @contextmanager
    def database(self, template: str | None = None) -> Iterator[str]:
        """A new database with a random name; dropped (forcefully) at the end.

        Empty, or a copy of the database at URL ``template`` (which nobody may be
        connected to while it is copied).
        """
        name = f"parat_pgtest_{secrets.token_hex(6)}"
        copy = ""
        if template is not None:
            import sqlalchemy as sa

            copy = f' TEMPLATE "{sa.make_url(template).database}"'
        with self.admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"{copy}')
        try:
            yield self.url_for(name)
        finally:
            self._drops.append(self._dropper.submit(self._drop, name))

    @contextmanager
    def empty_database(self) -> Iterator[str]:
        """An empty database for one test, reused: creating and dropping one per test
        costs about a second, wiping a used one (its ``public`` schema made anew, as
        in a new database) some 50 ms. Nothing outside ``public`` may be left behind:
        tests that need more (roles, database settings) take :meth:`database`."""
        name = self._free.pop() if self._free else None
        if name is None:
            name = f"parat_pgtest_{secrets.token_hex(6)}"
            with self.admin.connect() as conn:
                conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        url = self.url_for(name)
        try:
            yield url
        finally:
            try:
                self._wipe(url)
            except Exception:
                self._drops.append(self._dropper.submit(self._drop, name))
                raise
            self._free.append(name)

    def _wipe(self, url: str) -> None:
        import sqlalchemy as sa

        engine = sa.create_engine(url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
        try:
            with engine.connect() as conn:
                conn.exec_driver_sql(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
                conn.exec_driver_sql(
                    "DROP SCHEMA public CASCADE;"
                    " CREATE SCHEMA public AUTHORIZATION pg_database_owner;"
                    " GRANT USAGE ON SCHEMA public TO PUBLIC"
                )
        finally:
            engine.dispose()

    def _drop(self, name: str) -> None:
        with self.admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def note_roles(self) -> None:
        """Remember whether the cluster has the validator role before any test runs."""
        with self.admin.connect() as conn:
            found = conn.exec_driver_sql(
                "SELECT 1 FROM pg_roles WHERE rolname = 'parat_validator'"
            ).first()
        self._had_validator_role = found is not None

    def close(self) -> None:
        """Drop the reusable databases; wait for the drops (an error in one is raised);
        drop the validator role when the run made it."""
        while self._free:
            self._drops.append(self._dropper.submit(self._drop, self._free.pop()))
        self._dropper.shutdown(wait=True)
        for drop in self._drops:
            drop.result()
        if self._had_validator_role is False:
            from sqlalchemy.exc import DBAPIError

            # a database outside this run may use it: then it stays
            with self.admin.connect() as conn, suppress(DBAPIError):
                conn.exec_driver_sql("DROP ROLE IF EXISTS parat_validator")
        self.admin.dispose()

    @contextmanager
    def select_only_role(self, database_url: str) -> Iterator[str]:
        """A login role that may only SELECT in ``database_url``; yields its URL."""
        import sqlalchemy as sa

        role = f"parat_viewer_{secrets.token_hex(5)}"
        database = sa.make_url(database_url).database
        assert database is not None
        with self.admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE ROLE "{role}" LOGIN')
        owner = sa.create_engine(database_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
        try:
            with owner.connect() as conn:
                conn.exec_driver_sql(f'GRANT SELECT ON ALL TABLES IN SCHEMA public TO "{role}"')
            yield self.url_for(database, user=role)
        finally:
            with owner.connect() as conn:
                conn.exec_driver_sql(f'DROP OWNED BY "{role}"')
            owner.dispose()
            with self.admin.connect() as conn:
                conn.exec_driver_sql(f'DROP ROLE IF EXISTS "{role}"')


def _pg_unavailable(reason: str) -> None:
    message = f"PostgreSQL: {reason}"
    if os.environ.get("CI"):
        pytest.fail(f"{message} (CI must run the PostgreSQL half)", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """The test server from PARAT_TEST_DATABASE_URL (skip without it; fail in CI)."""
    from sqlalchemy.exc import OperationalError

    url = os.environ.get(PG_ENV, "").strip()
    if not url:
        _pg_unavailable(f"{PG_ENV} not set")
    server = PgServer(url)
    reason = ""
    try:
        with server.admin.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
    except OperationalError as error:
        reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
    if reason:
        _pg_unavailable(f"server at {PG_ENV} unreachable ({reason})")
    server.note_roles()
    yield server
    server.close()


ENGINES = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(params=ENGINES)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty store, once per engine: a SQLite file, or an empty PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    server: PgServer = request.getfixturevalue("pg_server")
    with server.empty_database() as url:
        yield url


@pytest.fixture
def store(store_url: str) -> Iterator[Parat]:
    """The Python API on ``store_url`` (both engines), with the fixed clock."""
    with tracker.open(store_url, actor="tester", clock=lambda: FIXED_NOW) as p:
        yield p


@pytest.fixture
def store_cli(runner: CliRunner, store_url: str) -> Callable[..., object]:
    """Run ``parat --db <store_url> ARGS…`` (both engines) through the real Typer app."""

    def run(*args: str, read_only: bool = False):  # type: ignore[no-untyped-def]
        options = ["--read-only"] if read_only else []
        return runner.invoke(app, ["--db", store_url, *options, *args])

    return run
