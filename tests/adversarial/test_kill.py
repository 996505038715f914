"""SIGKILL a real ``parat`` in the middle of its writes: the database is always exactly
as before the command or exactly as after it, never in between, and passes SQLite's
integrity check.

Three writers, each killed many times at delays spread over its whole run (measured
first, in the same run): a large import, the undo of that import, and a loop of
``figure set`` calls (each its own command: the state is then the one after some
number of whole commands). On SQLite files; the import also on PostgreSQL.

``PARAT_KILL_RUNS`` sets how many kills per writer (default 6).
"""

import hashlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import FIXED_NOW

RUNS = int(os.environ.get("PARAT_KILL_RUNS", "6"))
HYPOTHESES = 1_500
TABLES = ("programme", "bucket", "stage_weight", "hypothesis", "figure", "event", "snapshot")

pytestmark = pytest.mark.slow


def parat_command(*args: str) -> list[str]:
    """The installed ``parat`` console script (what a user runs), else the same entry."""
    script = Path(sys.executable).with_name("parat")
    if script.exists():
        return [str(script), *args]
    return [sys.executable, "-c", "from tracker.cli import main; main()", *args]


def _env() -> dict[str, str]:
    return {**os.environ, "PARAT_ACTOR": "killer", "PARAT_NOW": FIXED_NOW.isoformat()}


def run_parat(db: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        parat_command("--db", db, *args), env=_env(), capture_output=True, text=True, check=False
    )


def fingerprint(db: Path) -> str:
    """Every row of every table, hashed (the WAL is read too: it holds commits)."""
    digest = hashlib.sha256()
    with closing(sqlite3.connect(db)) as conn:
        for table in TABLES:
            for row in conn.execute(f"SELECT * FROM {table} ORDER BY 1"):
                digest.update(repr(row).encode())
    return digest.hexdigest()


def integrity(db: Path) -> str:
    with closing(sqlite3.connect(db)) as conn:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])


def kill_after(command: list[str], delay: float) -> int:
    """Start ``command``, SIGKILL it after ``delay`` seconds; its return code."""
    proc = subprocess.Popen(
        command, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        proc.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    return proc.returncode


def timed(action: Callable[[], Any]) -> float:
    started = time.monotonic()
    action()
    return time.monotonic() - started


def delays(full: float) -> list[float]:
    """``RUNS`` delays spread from the start-up to just past the end of a whole run."""
    return [0.15 + full * 1.05 * i / max(RUNS - 1, 1) for i in range(RUNS)]


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A large programme, its import file, and its state after the import and after
    the undo (each made by a whole, unkilled run)."""
    from benchmarks.bench_import import write_csv
    from benchmarks.large_programme import build

    root = tmp_path_factory.mktemp("kill")
    before = root / "before.db"
    build(before, hypotheses=HYPOTHESES, revisions=1)
    csv_path = root / "tal.csv"
    write_csv(csv_path, HYPOTHESES)
    imported = root / "imported.db"
    shutil.copyfile(before, imported)
    done = run_parat(str(imported), "import", str(csv_path))
    assert done.returncode == 0, done.stderr
    undone = root / "undone.db"
    shutil.copyfile(imported, undone)
    done = run_parat(str(undone), "undo")
    assert done.returncode == 0, done.stderr
    return {"before": before, "imported": imported, "undone": undone, "csv": csv_path}


def _kill_many(
    tmp_path: Path, start: Path, end: Path, args: tuple[str, ...]
) -> tuple[int, int, int]:
    """Kill ``parat ARGS`` on copies of ``start`` at spread delays; each copy must be
    ``start`` or ``end`` exactly. Returns (killed, found as before, found as after)."""
    states = {fingerprint(start): "before", fingerprint(end): "after"}
    assert len(states) == 2
    work = tmp_path / "work.db"

    def fresh() -> None:
        for suffix in ("-wal", "-shm", "-journal"):
            Path(f"{work}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(start, work)

    fresh()
    full = timed(lambda: run_parat(str(work), *args))
    seen = {"before": 0, "after": 0}
    killed = 0
    for delay in delays(full):
        fresh()
        code = kill_after(parat_command("--db", str(work), *args), delay)
        killed += code == -signal.SIGKILL
        assert integrity(work) == "ok", (delay, code)
        state = states.get(fingerprint(work))
        assert state is not None, f"killed after {delay:.2f} s: a state between before and after"
        seen[state] += 1
    return killed, seen["before"], seen["after"]


def test_a_killed_import_leaves_before_or_after(large: dict[str, Path], tmp_path: Path) -> None:
    killed, before, after = _kill_many(
        tmp_path, large["before"], large["imported"], ("import", str(large["csv"]))
    )
    assert killed >= RUNS // 2, (killed, before, after)  # most kills landed mid-run
    print(f"\nimport: {killed} killed of {RUNS}; before {before}, after {after}")


def test_a_killed_undo_of_an_import_leaves_before_or_after(
    large: dict[str, Path], tmp_path: Path
) -> None:
    killed, before, after = _kill_many(tmp_path, large["imported"], large["undone"], ("undo",))
    assert killed >= RUNS // 2, (killed, before, after)
    print(f"\nundo: {killed} killed of {RUNS}; before {before}, after {after}")


LOOP = """
import sys
from tracker.cli import app
db = sys.argv[1]
for k in range(1, 10_000):
    try:
        # k thousand kroner: a plausible amount for as many commands as any run
        # gets through (k mio. kr. passes the target, and is refused, near k = 125)
        app(["--db", db, "figure", "set", "G00001", "2018", "--potential", f"{k} tkr"])
    except SystemExit as done:
        if done.code:
            raise
"""


def test_a_killed_loop_of_figure_sets_leaves_whole_commands(
    large: dict[str, Path], tmp_path: Path
) -> None:
    """``figure set`` after ``figure set`` in one process, killed: the figure says how
    many commands committed (k tkr. after the k-th), and exactly k figure rows,
    k events and k version steps were added: no command half-written."""
    work = tmp_path / "loop.db"

    def counts() -> tuple[int, int, int, int]:
        with closing(sqlite3.connect(work)) as conn:
            (hid, version) = conn.execute(
                "SELECT id, version FROM hypothesis WHERE code = 'G00001'"
            ).fetchone()
            (rows,) = conn.execute(
                "SELECT count(*) FROM figure WHERE hypothesis_id = ?", (hid,)
            ).fetchone()
            (events,) = conn.execute(
                "SELECT count(*) FROM event WHERE action = 'figure.set' AND subject = 'G00001'"
            ).fetchone()
            current = conn.execute(
                "SELECT amount_kr FROM figure WHERE hypothesis_id = ? AND year = 2018"
                " AND kind = 'potential' ORDER BY id DESC LIMIT 1",
                (hid,),
            ).fetchone()
        return version, rows, events, current[0] if current else 0

    committed = []
    for i in range(RUNS):
        for suffix in ("-wal", "-shm"):
            Path(f"{work}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(large["before"], work)
        version0, rows0, events0, amount0 = counts()
        code = kill_after([sys.executable, "-c", LOOP, str(work)], 1.2 + 0.45 * i)
        assert code == -signal.SIGKILL, "the loop ended by itself"
        assert integrity(work) == "ok"
        version, rows, events, amount = counts()
        k = 0 if amount == amount0 else amount // 1_000  # the k-th set writes k tkr.
        assert k == 0 or amount == k * 1_000, amount
        assert (version - version0, rows - rows0, events - events0) == (k, k, k), (i, k)
        committed.append(k)
    assert max(committed) > 0, committed  # the loop got to write before it was killed
    print(f"\nfigure set loop: commands committed when killed: {committed}")


@pytest.mark.postgres
def test_a_killed_import_on_postgresql_leaves_before_or_after(
    request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    """The import on PostgreSQL, killed at spread delays (fewer runs: a database per
    run costs a second to make)."""
    import sqlalchemy as sa

    server = request.getfixturevalue("pg_server")
    csv_path = tmp_path / "tal.csv"
    lines = ["code;potential_2018;realised_2017"]
    lines += [f"P{i:04d};{i % 50},5;{i % 7}" for i in range(1, 1_501)]
    adds = tmp_path / "add.csv"
    adds.write_text(
        "code;title\n" + "".join(f"P{i:04d};Hypotese {i}\n" for i in range(1, 1_501)),
        encoding="utf-8",
    )
    csv_path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    def pg_fingerprint(url: str) -> str:
        engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
        digest = hashlib.sha256()
        try:
            with engine.connect() as conn:
                for table in TABLES:
                    for row in conn.exec_driver_sql(f"SELECT * FROM {table} ORDER BY 1"):
                        digest.update(repr(tuple(row)).encode())
        finally:
            engine.dispose()
        return digest.hexdigest()

    with server.database() as template:
        for call in (("init",), ("import", str(adds))):
            done = run_parat(template, *call)
            assert done.returncode == 0, done.stderr
        before = pg_fingerprint(template)
        with server.database(template=template) as whole:
            full = timed(lambda: run_parat(whole, "import", str(csv_path)))
            after = pg_fingerprint(whole)
        assert before != after
        runs = max(RUNS // 2, 2)
        found = []
        for i in range(runs):
            delay = 0.15 + full * 1.05 * i / (runs - 1)
            with server.database(template=template) as url:
                kill_after(parat_command("--db", url, "import", str(csv_path)), delay)
                state = pg_fingerprint(url)
                assert state in (before, after), f"killed after {delay:.2f} s: in between"
                found.append("before" if state == before else "after")
    print(f"\npostgresql import: {found}")
