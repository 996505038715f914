"""The golden files hold on PostgreSQL too: the hard-case programme built through the
CLI in a PostgreSQL database exports byte for byte what it exports from SQLite, and
"Siden sidst", the history and the diff read the same from both engines."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.conftest import PgServer
from tests.exports.conftest import CASES, GOLDEN, STEPS
from tracker.cli import app

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def hard_pg(pg_server: PgServer) -> Iterator[str]:
    """The hard-case programme in a PostgreSQL database of its own (read-only here)."""
    runner = CliRunner()
    with pg_server.database() as url, pytest.MonkeyPatch.context() as mp:
        mp.setenv("PARAT_ACTOR", "tester")
        mp.delenv("PARAT_DATABASE_URL", raising=False)
        for now, argv in STEPS:
            mp.setenv("PARAT_NOW", now)
            result = runner.invoke(app, ["--db", url, *argv])
            assert result.exit_code == 0, (argv, result.output)
        yield url


@pytest.mark.parametrize("name", sorted(CASES))
def test_export_from_postgresql_matches_golden_file(name: str, cli: Any, hard_pg: str) -> None:
    result = cli("export", *CASES[name], db=hard_pg)
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == (GOLDEN / name).read_bytes(), f"{name} differs on PostgreSQL"


@pytest.mark.parametrize(
    "args",
    [
        ("export", "-f", "md", "--since", "2018-02-01"),
        ("export", "-f", "json", "--as-of", "2018-02-01"),
        ("history", "--json"),
        ("history", "H01"),
        ("diff", "--since", "2018-01-15", "--json"),
        ("hypothesis", "list", "--json"),
    ],
    ids=lambda args: "-".join(a.strip("-") for a in args[:3]),
)
def test_the_same_on_both_engines(
    args: tuple[str, ...], cli: Any, hard_db: Path, hard_pg: str
) -> None:
    on_sqlite = cli(*args, db=hard_db)
    on_postgresql = cli(*args, db=hard_pg)
    assert on_sqlite.exit_code == on_postgresql.exit_code == 0, on_postgresql.output
    assert on_postgresql.stdout == on_sqlite.stdout
    assert len(on_sqlite.stdout) > 100
