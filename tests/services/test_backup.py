"""``parat backup`` / ``parat restore``: online SQLite backups, checked restores."""

import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from tests.storeutil import dump_store

WRITER = """
import sys, time
from pathlib import Path
import tracker
url, stop = sys.argv[1], Path(sys.argv[2])
with tracker.open(url, actor="writer") as p:
    for i in range(100_000):
        if stop.exists():
            break
        p.set_figure("H01", 2018, potential=1_000 + i, note=f"write {i}")
"""


def _url(path: Path) -> str:
    return f"sqlite:///{path}"


@pytest.fixture
def demo_db(cli, db_path: Path) -> Path:
    assert cli("demo", "--no-tui").exit_code == 0
    return db_path


def test_backup_while_another_process_writes(cli, demo_db: Path, tmp_path: Path) -> None:
    stop = tmp_path / "stop"
    writer = subprocess.Popen([sys.executable, "-c", WRITER, _url(demo_db), str(stop)])
    try:
        time.sleep(1.5)  # the writer is importing and starting to write
        copies = []
        for n in range(3):
            copy = tmp_path / f"copy{n}.db"
            result = cli("backup", str(copy))
            assert result.exit_code == 0, result.output
            assert "integrity ok" in result.stdout
            copies.append(copy)
            time.sleep(0.3)
        assert writer.poll() is None, "the writer stopped early: the backup did not run in use"
    finally:
        stop.touch()
        writer.wait(timeout=60)
    assert writer.returncode == 0
    written = []
    for copy in copies:
        assert not Path(f"{copy}-wal").exists()  # one self-contained file
        with closing(sqlite3.connect(copy)) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            events = conn.execute("SELECT count(*) FROM event WHERE actor = 'writer'").fetchone()[0]
            figures = conn.execute("SELECT count(*) FROM figure WHERE actor = 'writer'").fetchone()[
                0
            ]
            version = conn.execute("SELECT version FROM hypothesis WHERE code = 'H01'").fetchone()
        # A consistent moment: each write's figure and event are both there or both not.
        assert events == figures
        written.append(events)
    assert written == sorted(written) and written[-1] > 0 and version[0] > 1


def test_restore_into_a_new_database(cli, demo_db: Path, tmp_path: Path) -> None:
    backup = tmp_path / "backup.db"
    assert cli("backup", str(backup)).exit_code == 0
    target = tmp_path / "restored.db"
    result = cli("restore", str(backup), db=target)
    assert result.exit_code == 0, result.output
    assert "16 hypotheses" in result.stdout
    assert dump_store(_url(target)) == dump_store(_url(demo_db))


def test_restore_refuses_a_database_with_data_unless_forced(
    cli, demo_db: Path, tmp_path: Path
) -> None:
    backup = tmp_path / "backup.db"
    assert cli("backup", str(backup)).exit_code == 0
    assert cli("hypothesis", "set", "H01", "--owner", "Efter backup").exit_code == 0
    current = dump_store(_url(demo_db))

    result = cli("restore", str(backup))
    assert result.exit_code == 1
    assert "holds data already; give --force" in result.stderr
    assert dump_store(_url(demo_db)) == current

    result = cli("restore", str(backup), "--force")
    assert result.exit_code == 0, result.output
    kept = list(tmp_path.glob("parat.replaced-*.db"))
    assert len(kept) == 1 and str(kept[0]) in result.stdout
    assert dump_store(_url(kept[0])) == current
    assert dump_store(_url(demo_db)) == dump_store(_url(backup))


def test_backup_refuses_to_overwrite(cli, demo_db: Path, tmp_path: Path) -> None:
    backup = tmp_path / "backup.db"
    backup.write_text("mine")
    result = cli("backup", str(backup))
    assert result.exit_code == 1
    assert "exists already" in result.stderr
    assert backup.read_text() == "mine"
    assert cli("backup", str(backup), "--force").exit_code == 0
    assert dump_store(_url(backup)) == dump_store(_url(demo_db))


def _make(path: Path, sql: str) -> Path:
    with closing(sqlite3.connect(path)) as conn:
        conn.executescript(sql)
    return path


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("junk", "not a SQLite database"),
        ("other", "not a Parat database"),
        ("empty-parat", "holds no programme"),
        ("newer", "schema revision 9999 is unknown"),
        ("damaged", "the file is damaged"),
    ],
)
def test_restore_checks_the_file_first(
    cli, demo_db: Path, tmp_path: Path, kind: str, message: str
) -> None:
    source = tmp_path / f"{kind}.db"
    if kind == "junk":
        source.write_bytes(b"this is not a database" * 100)
    elif kind == "other":
        _make(source, "CREATE TABLE t (x); INSERT INTO t VALUES (1);")
    else:
        assert cli("backup", str(source)).exit_code == 0
        if kind == "empty-parat":
            _make(
                source,
                "DELETE FROM figure; DELETE FROM event; DELETE FROM hypothesis;"
                "DELETE FROM bucket; DELETE FROM stage_weight; DELETE FROM programme;",
            )
        elif kind == "newer":
            _make(source, "UPDATE alembic_version SET version_num = '9999';")
        elif kind == "damaged":
            data = bytearray(source.read_bytes())
            page = 4096
            data[3 * page : 5 * page] = b"\xff" * (2 * page)
            source.write_bytes(bytes(data))
    target = tmp_path / "target.db"
    result = cli("restore", str(source), db=target)
    assert result.exit_code == 1, result.output
    assert str(source) in result.stderr
    assert message in result.stderr.replace(str(source), "")
    assert len(result.stderr.strip().splitlines()) == 1
    assert not target.exists() or target.stat().st_size == 0


def test_restore_is_a_write(cli, demo_db: Path, tmp_path: Path) -> None:
    backup = tmp_path / "backup.db"
    assert cli("backup", str(backup)).exit_code == 0
    assert cli("--read-only", "backup", str(tmp_path / "viewer.db")).exit_code == 0
    result = cli("--read-only", "restore", str(backup), "--force")
    assert result.exit_code == 1
    assert result.stderr.startswith("parat: this connection is read-only")


@pytest.mark.postgres
def test_postgresql_backup_points_to_pg_dump(pg_server, runner, tmp_path: Path) -> None:
    from tracker.cli import app

    with pg_server.database() as url:
        for command in (["backup", str(tmp_path / "b.db")], ["restore", str(tmp_path / "b.db")]):
            result = runner.invoke(app, ["--db", url, *command])
            assert result.exit_code == 1
            lines = result.stderr.strip().splitlines()
            assert len(lines) == 1
            assert "PostgreSQL" in lines[0]
            assert ("pg_dump" if command[0] == "backup" else "pg_restore") in lines[0]
        assert not (tmp_path / "b.db").exists()
