"""Shared fixtures: a real SQLite file per test, a fixed clock, the CLI runner."""

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

import tracker
from tracker.cli import app
from tracker.services import Parat

#: The fixed clock of the tests: the morning of a chief group meeting.
FIXED_NOW = datetime(2018, 3, 12, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test reads the developer's database, actor or locale."""
    monkeypatch.delenv("PARAT_DATABASE_URL", raising=False)
    monkeypatch.setenv("PARAT_ACTOR", "tester")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("PARAT_NOW", FIXED_NOW.isoformat())


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
