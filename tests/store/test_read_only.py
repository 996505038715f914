"""Viewers: ``parat --read-only`` and a SELECT-only PostgreSQL role read everything
and are refused every write with one clear line, before any data is touched."""

import json

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

import tracker
from db.engine import write_session
from db.readonly import ReadOnlyDatabase
from tests.storeutil import dump_store
from tracker.cli import app
from tracker.errors import ReadOnlyError
from tracker.services.dberrors import user_error

READS = [
    ["status"],
    ["status", "--json"],
    ["hypothesis", "list"],
    ["hypothesis", "list", "--json"],
    ["hypothesis", "show", "H04"],
    ["hypothesis", "show", "H04", "--json"],
    ["programme", "show"],
    ["programme", "show", "--json"],
    ["bucket", "list"],
    ["db", "info"],
    ["export", "--format", "md"],
    ["export", "--format", "html"],
    ["export", "--format", "csv"],
    ["export", "--format", "csv", "--csv-dialect", "excel-us"],
    ["export", "--format", "json"],
    ["export", "--format", "md", "--as-of", "2018-01-01", "--since", "2017-12-01"],
]
#: Binary exports go to a file (the database is only read).
FILE_EXPORTS = {"xlsx": b"PK\x03\x04", "pdf": b"%PDF-"}

WRITES = [
    ["hypothesis", "set", "H04", "--owner", "Ny ejer"],
    ["hypothesis", "set", "H04", "--stage", "realised", "--expect-version", "1"],
    ["hypothesis", "add", "H99", "--title", "Ny"],
    ["hypothesis", "drop", "H04", "--note", "nej"],
    ["figure", "set", "H04", "2018", "--potential", "9"],
    ["programme", "set", "--target", "130"],
    ["bucket", "set", "politisk", "--target", "40"],
    ["init"],
    ["demo", "--no-tui"],
    ["db", "upgrade"],
]


@pytest.fixture
def demo_store(store_cli) -> None:
    result = store_cli("demo", "--no-tui")
    assert result.exit_code == 0, result.output


def _assert_refused(result, what: list[str]) -> None:  # type: ignore[no-untyped-def]
    assert result.exit_code == 1, (what, result.output)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, (what, result.stderr)
    # `demo` and `init` on a filled database may say that first; nothing is written.
    if what[0] not in ("demo", "init"):
        assert lines[0].startswith("parat: this connection is read-only"), (what, lines)


@pytest.mark.usefixtures("demo_store")
def test_read_only_reads_everything_and_writes_nothing(store_cli, store_url: str) -> None:
    normal = {tuple(c): store_cli(*c).stdout for c in READS}
    before = dump_store(store_url)
    for command in READS:
        result = store_cli(*command, read_only=True)
        assert result.exit_code == 0, (command, result.output)
        assert result.stdout == normal[tuple(command)]
    for command in WRITES:
        _assert_refused(store_cli(*command, read_only=True), command)
    assert dump_store(store_url) == before


@pytest.mark.usefixtures("demo_store")
def test_read_only_exports_xlsx_and_pdf_to_a_file(store_cli, store_url: str, tmp_path) -> None:
    before = dump_store(store_url)
    for fmt, magic in FILE_EXPORTS.items():
        target = tmp_path / f"status.{fmt}"
        result = store_cli("export", "--format", fmt, "--output", str(target), read_only=True)
        assert result.exit_code == 0, (fmt, result.output)
        assert target.read_bytes().startswith(magic)
    assert dump_store(store_url) == before


def test_read_only_python_api_refuses_before_touching(store_url: str, store) -> None:
    store.create_programme()
    store.add_hypothesis("H01", title="Indkøb")
    before = dump_store(store_url)
    with tracker.open(store_url, read_only=True) as viewer:
        assert viewer.hypothesis("H01").hypothesis.title == "Indkøb"
        with pytest.raises(ReadOnlyError, match="this connection is read-only"):
            viewer.set_figure("H01", 2018, potential="1")
        # Even a session begun past the service layer is refused when it begins:
        # PostgreSQL by the engine, SQLite by query_only refusing BEGIN IMMEDIATE.
        with (
            pytest.raises((ReadOnlyDatabase, sa.exc.OperationalError)) as begun,
            write_session(viewer.engine) as session,
        ):
            session.execute(sa.text("UPDATE hypothesis SET owner = 'x'"))
        assert isinstance(user_error(begun.value), ReadOnlyError)
        if "postgresql" in store_url:
            assert isinstance(begun.value, ReadOnlyDatabase)
        else:
            assert "BEGIN IMMEDIATE" in str(begun.value)
        # And the connection itself is read-only (query_only / default_transaction_read_only).
        with pytest.raises(sa.exc.DBAPIError) as refused, viewer.engine.connect() as conn:
            conn.execute(sa.text("UPDATE hypothesis SET owner = 'x'"))
        translated = user_error(refused.value)
        assert isinstance(translated, ReadOnlyError)
        assert str(translated).startswith("this connection is read-only")
    assert dump_store(store_url) == before


def test_read_only_on_a_database_without_schema_says_so(store_cli) -> None:
    # SQLite: the file does not exist; PostgreSQL: an empty database.
    result = store_cli("status", read_only=True)
    assert result.exit_code == 1
    assert result.stderr.startswith("parat: this connection is read-only")
    assert len(result.stderr.strip().splitlines()) == 1


def test_the_environment_variable_turns_read_only_on(store_cli, monkeypatch) -> None:
    assert store_cli("init").exit_code == 0
    monkeypatch.setenv("PARAT_READ_ONLY", "1")
    _assert_refused(store_cli("hypothesis", "add", "H01", "--title", "X"), ["hypothesis"])
    assert store_cli("status").exit_code == 0


@pytest.mark.postgres
def test_a_select_only_role_reads_and_is_refused_clearly(pg_server) -> None:
    runner = CliRunner()
    with pg_server.database() as owner_url:
        assert runner.invoke(app, ["--db", owner_url, "demo", "--no-tui"]).exit_code == 0
        normal = {tuple(c): runner.invoke(app, ["--db", owner_url, *c]).stdout for c in READS}
        before = dump_store(owner_url)
        with pg_server.select_only_role(owner_url) as viewer_url:
            for command in READS:
                if command == ["db", "info"]:
                    continue  # names the role in the URL
                result = runner.invoke(app, ["--db", viewer_url, *command])
                assert result.exit_code == 0, (command, result.output)
                assert result.stdout == normal[tuple(command)]
            # Without --read-only: the server refuses; the user reads the same line.
            for command in WRITES:
                result = runner.invoke(app, ["--db", viewer_url, *command])
                if command == ["db", "upgrade"]:
                    assert result.exit_code == 0  # nothing to do: already at the newest
                    continue
                _assert_refused(result, command)
                if command[0] not in ("demo", "init"):
                    assert "this database role may only read" in result.stderr, result.stderr
                    assert "permission denied" in result.stderr
            shown = runner.invoke(app, ["--db", viewer_url, "status", "--json"]).stdout
            assert json.loads(shown)["programme"]["target_kr"] == 125_000_000
        assert dump_store(owner_url) == before
