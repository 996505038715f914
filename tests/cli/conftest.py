"""Helpers for the CLI tests: a dump of the whole database, and the refused-call check."""

import json
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.conftest import FIXED_NOW
from tracker.cli import app


def dump(path: Path) -> list[str]:
    """Every table's schema and rows, as SQL text (reads the WAL too)."""
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def rows(path: Path, sql: str, *params: object) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def no_traceback(result: Any) -> None:
    assert "Traceback" not in result.stdout
    assert "Traceback" not in result.stderr
    # a user error ends in typer.Exit/SystemExit, never in an uncaught exception
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )


Refuse = Callable[..., Any]


@pytest.fixture
def refuse(cli: Callable[..., Any], db_path: Path) -> Refuse:
    """Run a call that must be refused: exit code, one line on stderr, nothing changed.

    Returns the result so a test can check what the line says.
    """

    def run(*args: str, code: int = 1) -> Any:
        before = dump(db_path) if db_path.exists() else None
        result = cli(*args)
        assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
        no_traceback(result)
        lines = result.stderr.splitlines()  # usage errors (2) are one line too
        assert len(lines) == 1, result.stderr
        assert lines[0].startswith("parat: ")
        assert result.stdout == ""
        if before is not None:
            assert dump(db_path) == before
        return result

    return run


@pytest.fixture
def ok(cli: Callable[..., Any]) -> Callable[..., Any]:
    """Run a call that must succeed, and return its result."""

    def run(*args: str) -> Any:
        result = cli(*args)
        assert result.exit_code == 0, (result.stdout, result.stderr, result.exception)
        assert result.stderr == ""
        return result

    return run


@pytest.fixture
def ok_json(ok: Callable[..., Any]) -> Callable[..., Any]:
    def run(*args: str) -> Any:
        return json.loads(ok(*args).stdout)

    return run


#: The calls that build the small programme most CLI tests start from.
PROGRAMME_CALLS: tuple[tuple[str, ...], ...] = (
    ("init",),
    ("hypothesis", "add", "H01", "--title", "Digital post", "--area", "Administration",
     "--owner", "Anna", "--stage", "quantified", "--bucket", "driftsbalance"),
    ("hypothesis", "add", "H02", "--title", "Færre vikarer", "--area", "Skole", "--owner", "Bo"),
    ("hypothesis", "add", "H03", "--title", "Energi", "--area", "Ejendomme"),
    ("figure", "set", "H01", "2018", "--potential", "4,5", "--investment", "0,5"),
)  # fmt: skip


@pytest.fixture(scope="session")
def programme_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built once through the CLI, with the tests' clock and actor; copied per test."""
    path = tmp_path_factory.mktemp("template") / "parat.db"
    runner = CliRunner()
    with pytest.MonkeyPatch.context() as env:
        env.delenv("PARAT_DATABASE_URL", raising=False)
        env.setenv("PARAT_ACTOR", "tester")
        env.setenv("PARAT_LANG", "en")
        env.setenv("PARAT_NOW", FIXED_NOW.isoformat())
        for call in PROGRAMME_CALLS:
            result = runner.invoke(app, ["--db", str(path), *call])
            assert result.exit_code == 0, result.stderr
    assert not path.with_name(path.name + "-wal").exists()  # checkpointed on close
    return path


@pytest.fixture
def programme(programme_template: Path, db_path: Path) -> Path:
    """A database with the default programme, three hypotheses and H01's 2018 figures."""
    shutil.copyfile(programme_template, db_path)
    return db_path
