"""Helpers for the adversarial tests: what a user can hand Parat that it must refuse
in one line, writing nothing (the database file byte for byte as it was), and the
real ``parat`` in a process of its own where a mistake would hang rather than fail.
The CLI tests' fixtures (a programme to start from, ``refuse``, ``ok``) come along:
the adversarial tests run the same real interfaces."""

import os
import resource
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.cli.conftest import (  # noqa: F401  (fixtures, for the tests here)
    no_traceback,
    ok,
    ok_json,
    programme,
    programme_template,
    refuse,
)

__all__ = ["Refused", "in_process"]

Refused = Callable[..., Any]


#: The address space the process may use: a regression that reads /dev/zero into
#: memory stops at this with a MemoryError instead of taking the machine's memory.
MEMORY_LIMIT = 1 << 30


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def in_process(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """``parat ARGS…`` in a process of its own, killed after ``timeout`` seconds (a
    call that would wait for ever fails the test instead of hanging it), with at most
    :data:`MEMORY_LIMIT` of memory."""
    return subprocess.run(
        [sys.executable, "-c", "from tracker.cli import main; main()", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PARAT_ACTOR": "tester"},
        timeout=timeout,
        stdin=subprocess.DEVNULL,
        preexec_fn=_limit_memory,
    )


@pytest.fixture
def refused(cli: Callable[..., Any], programme: Path) -> Refused:  # noqa: F811
    """Run ``parat --db PROGRAMME ARGS…`` (CliRunner): exit 1, one line on stderr that
    holds every ``says`` fragment, nothing on stdout, the database file unchanged to
    the byte. Returns the line."""

    def run(*args: str, says: tuple[str, ...] = ()) -> str:
        before = programme.read_bytes()
        result = cli(*args)
        no_traceback(result)
        assert result.exit_code == 1, (result.exit_code, result.stdout, result.stderr)
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("parat: "), result.stderr
        assert result.stdout == ""
        for fragment in says:
            assert fragment in lines[0], (fragment, lines[0])
        assert programme.read_bytes() == before
        return lines[0]

    return run


@pytest.fixture
def import_refused(cli: Callable[..., Any], programme: Path) -> Refused:  # noqa: F811
    """``parat import FILE`` refused for problems in its rows: exit 1, the line
    ``parat: NAME: N error(s), nothing was imported`` and one line per problem
    (``row R…``), the database file unchanged to the byte. Returns the problems."""

    def run(file: Path, *extra: str, problems: int = 1) -> list[str]:
        before = programme.read_bytes()
        result = cli("import", str(file), *extra)
        no_traceback(result)
        assert result.exit_code == 1, (result.exit_code, result.stdout, result.stderr)
        assert result.stdout == ""
        lines = result.stderr.splitlines()
        s = "s" if problems != 1 else ""
        assert lines[0] == f"parat: {file.name}: {problems} error{s}, nothing was imported"
        assert len(lines) == 1 + problems, result.stderr
        assert programme.read_bytes() == before
        return [line.strip() for line in lines[1:]]

    return run
