"""A full disk: the database and the output files on a small tmpfs that runs out of
space in the middle of the write. An import, an export and a backup that meet ENOSPC
each end in one line on stderr and exit 1, the database stays exactly as it was and
can be read, and no partial file is left behind.

Needs to mount a tmpfs (root, or a container allowed to mount): skipped with the
reason otherwise. The mount is always unmounted at the end.
"""

import errno
import hashlib
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

SIZE = "32m"
#: What is left free before the write: enough to start, far too little to finish.
MARGIN = 48 * 1024


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Path]:
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a tmpfs needs root (and the mount command)")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={SIZE},mode=0755", "tmpfs", str(mount_point)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"this machine does not let us mount a tmpfs: {done.stderr.strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", str(mount_point)], check=False)
        if os.path.ismount(mount_point):
            subprocess.run(["umount", "-l", str(mount_point)], check=False)


def fill(disk: Path, leave: int = MARGIN) -> Path:
    """Fill ``disk`` up to ``leave`` free bytes with a filler file (written unbuffered,
    in ever smaller pieces, so that it is full to the byte)."""
    filler = disk / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        for size in (1 << 20, 1 << 12, 1):
            piece = b"\0" * size
            try:
                while True:
                    os.write(fd, piece)
            except OSError as error:
                assert error.errno == errno.ENOSPC
        if leave:
            os.ftruncate(fd, max(os.fstat(fd).st_size - leave, 0))
    finally:
        os.close(fd)
    return filler


def state(db: Path) -> str:
    digest = hashlib.sha256()
    with closing(sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
            for row in conn.execute(f'SELECT * FROM "{table}" ORDER BY 1'):
                digest.update(repr(row).encode())
    return digest.hexdigest()


@pytest.fixture
def full_db(disk: Path, programme: Path) -> Path:
    """The test programme on the small disk (checkpointed: one file)."""
    db = disk / "parat.db"
    shutil.copyfile(programme, db)
    return db


def one_line_refusal(result: Any) -> str:
    assert result.exit_code == 1, (result.exit_code, result.stdout, result.stderr)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("parat: "), result.stderr
    return lines[0]


def test_an_import_that_fills_the_disk_writes_nothing(
    full_db: Path, disk: Path, tmp_path: Path, cli: Callable[..., Any]
) -> None:
    big = tmp_path / "mange.csv"  # on the ordinary disk: only the database is short of space
    rows = "".join(f"N{i:05d};Ny hypotese {i} {'x' * 60};{i % 9},5\n" for i in range(20_000))
    big.write_text("code;title;potential_2018\n" + rows, encoding="utf-8")
    before = state(full_db)
    filler = fill(disk)
    line = one_line_refusal(cli("import", str(big), db=full_db))
    assert "full" in line or "space" in line, line
    assert state(full_db) == before
    read = cli("status", db=full_db)  # still readable, with the disk still full
    assert read.exit_code == 0 and read.stderr == "", read.stderr
    filler.unlink()
    assert state(full_db) == before
    done = cli("import", str(big), db=full_db)  # with room, the same import goes in whole
    assert done.exit_code == 0, done.stderr


def test_an_export_to_a_full_disk_leaves_no_file(
    full_db: Path, disk: Path, cli: Callable[..., Any]
) -> None:
    before = state(full_db)
    # Someone else has the database open (its -shm stays): else the export's own
    # close removes the -shm and frees the pages the export then fits in.
    with closing(sqlite3.connect(full_db)) as other:
        other.execute("SELECT count(*) FROM hypothesis").fetchone()
        filler = fill(disk, leave=0)
        out = disk / "status.html"
        one_line_refusal(cli("export", "-f", "html", "-o", str(out), db=full_db))
        left = sorted(p.name for p in disk.iterdir() if not p.name.startswith("parat.db"))
        assert left == ["filler"]  # no status.html, no temporary file
    filler.unlink()
    assert state(full_db) == before


def test_a_backup_to_a_full_disk_leaves_no_file(
    full_db: Path, disk: Path, tmp_path: Path, cli: Callable[..., Any]
) -> None:
    # The database elsewhere; the disk holds only the backup, which does not fit.
    db = tmp_path / "parat.db"
    shutil.copyfile(full_db, db)
    full_db.unlink()
    before = state(db)
    fill(disk, leave=8 * 1024)
    line = one_line_refusal(cli("backup", str(disk / "kopi.db"), db=db))
    assert "kopi.db" in line
    assert sorted(p.name for p in disk.iterdir()) == ["filler"]
    assert state(db) == before
