"""Viewers on a read-only folder or mount: SQLite's WAL cannot make its ``-shm`` file
there, yet ``parat status`` and ``parat --read-only status`` read the same figures as
on a writable copy, a write is refused in one line, and the file stays byte for byte
as it was.

The folder is made read-only for real: ``chattr +i`` (immutable folder and file) or a
read-only bind mount. Either needs root and a file system that allows it; a way that
does not work here is skipped with the reason.
"""

import hashlib
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

Cli = Callable[..., Any]
READS = [["status"], ["status", "--json"], ["hypothesis", "list"], ["export", "--format", "md"]]
WRITES = [
    ["hypothesis", "set", "H01", "--owner", "Ny ejer"],
    ["figure", "set", "H01", "2018", "--potential", "9"],
]


def _run(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, capture_output=True, text=True, check=False)


def _immutable(folder: Path, *, files_too: bool = True) -> Iterator[Path]:
    files = [folder, *(folder.iterdir() if files_too else ())]
    done = _run("chattr", "+i", *map(str, files))
    if done.returncode != 0:
        pytest.skip(f"chattr +i does not work here: {done.stderr.strip()}")
    try:
        yield folder
    finally:
        _run("chattr", "-i", *map(str, files))


def _bind_mount(folder: Path) -> Iterator[Path]:
    view = folder.with_name("view")
    view.mkdir()
    done = _run("mount", "--bind", "-o", "ro", str(folder), str(view))
    if done.returncode != 0:
        pytest.skip(f"a read-only bind mount does not work here: {done.stderr.strip()}")
    try:
        if _run("touch", str(view / "probe")).returncode == 0:
            pytest.skip("the bind mount came up writable (the kernel ignored -o ro)")
        yield view
    finally:
        _run("umount", str(view))


def _immutable_folder(folder: Path) -> Iterator[Path]:
    """Only the folder: the file itself stays writable, but no -shm can be made."""
    yield from _immutable(folder, files_too=False)


WAYS = {"chattr": _immutable, "chattr-folder": _immutable_folder, "bind-mount": _bind_mount}


@pytest.fixture
def writable(cli: Cli, tmp_path: Path) -> Path:
    """A demo database in a folder of its own (checkpointed: no -wal, no -shm)."""
    folder = tmp_path / "data"
    folder.mkdir()
    db = folder / "parat.db"
    result = cli("demo", "--no-tui", db=db)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in folder.iterdir()) == ["parat.db"]
    return db


@pytest.fixture(params=sorted(WAYS))
def read_only_db(request: pytest.FixtureRequest, writable: Path) -> Iterator[Path]:
    """The same database, in a folder this process may not write."""
    copy = writable.parent.with_name("ro") / writable.name
    copy.parent.mkdir()
    shutil.copyfile(writable, copy)
    for folder in WAYS[request.param](copy.parent):
        yield folder / copy.name


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("read_only", [False, True], ids=["plain", "--read-only"])
def test_a_read_only_folder_reads_like_a_writable_one(
    cli: Cli, writable: Path, read_only_db: Path, read_only: bool
) -> None:
    flag = ["--read-only"] if read_only else []
    before = _digest(read_only_db)
    csv = writable.parent / "tal.csv"
    csv.write_text("code;title;potential_2018\nH01;Indkøb;4,5\nH99;Ny;1\n", encoding="utf-8")
    for command in [*READS, ["import", str(csv), "--dry-run"]]:
        expected = cli(*command, db=writable)
        assert expected.exit_code == 0, expected.output
        result = cli(*flag, *command, db=read_only_db)
        assert (result.exit_code, result.stderr) == (0, ""), (command, result.output)
        assert result.stdout == expected.stdout, command
    file_writable = _run("test", "-w", str(read_only_db)).returncode == 0
    blocked = read_only_db.parent if file_writable else read_only_db
    why = "opened read-only" if read_only else f"{blocked} is not writable"
    for command in WRITES:
        result = cli(*flag, *command, db=read_only_db)
        assert (result.exit_code, result.stdout) == (1, ""), command
        assert result.stderr == (
            f"parat: this connection is read-only ({why}); nothing was changed\n"
        ), command
    assert _digest(read_only_db) == before
    assert sorted(p.name for p in read_only_db.parent.iterdir()) == ["parat.db"]
