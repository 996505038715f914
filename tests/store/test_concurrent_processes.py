"""No lost updates with real concurrency, on SQLite and on PostgreSQL.

Eight writer processes update the same two hypotheses (figures and owner) through the
CLI with ``--expect-version`` read just before; see :mod:`tests.concurrent_writers`
for what is checked afterwards.
"""

from pathlib import Path

import pytest

from tests.concurrent_writers import check, prepare, run_load

WRITERS = 8
ROUNDS = 15


@pytest.mark.slow
def test_concurrent_writers_lose_no_update(store_url: str, tmp_path: Path) -> None:
    initial = prepare(store_url)
    result = run_load(store_url, tmp_path / "load", writers=WRITERS, rounds=ROUNDS)
    counts = check(store_url, result, initial)
    assert counts["attempts"] == WRITERS * ROUNDS
    # The test only means something if writers really collided, and some got through.
    assert counts["refused"] > 0, counts
    assert counts["succeeded"] > 0, counts


@pytest.mark.slow
def test_simultaneous_first_opens_and_inits_make_one_programme(store_url: str) -> None:
    """Six `parat init` at once on an empty store: the schema is created once, one
    programme is made, the others are told it exists (no traceback, no duplicate)."""
    import subprocess
    import sys

    import sqlalchemy as sa

    from db.engine import make_engine

    code = "import sys; from tracker.cli import main; sys.argv = ['parat', *sys.argv[1:]]; main()"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", code, "--db", store_url, "--actor", f"p{i}", "init"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(6)
    ]
    results = [(p.wait(timeout=120), p.stdout.read(), p.stderr.read()) for p in procs]  # type: ignore[union-attr]
    assert sorted(rc for rc, _, _ in results) == [0, 1, 1, 1, 1, 1], results
    for rc, _out, err in results:
        if rc:
            assert err.strip().splitlines() == [
                "parat: this database already holds a programme (see `parat programme show`)"
            ]
    engine = make_engine(store_url)
    try:
        with engine.connect() as conn:
            assert conn.execute(sa.text("SELECT count(*) FROM programme")).scalar_one() == 1
            assert conn.execute(sa.text("SELECT count(*) FROM bucket")).scalar_one() == 3
    finally:
        engine.dispose()


def test_a_refused_first_open_leaves_a_file_another_process_is_writing(tmp_path: Path) -> None:
    """A call that created a new SQLite file and was then refused removes the file,
    but not while another process has it open: that one may be writing the
    programme into it (two first `parat init` at once), and its work must stay."""
    import sqlite3
    import subprocess
    import sys

    code = "import sys; from tracker.cli import main; sys.argv = ['parat', *sys.argv[1:]]; main()"

    def refused_call(db: Path) -> subprocess.CompletedProcess[str]:
        # `status` on a new file: the schema is made, then there is no programme
        return subprocess.run(
            [sys.executable, "-c", code, "--db", str(db), "status"],
            capture_output=True,
            text=True,
            timeout=120,
        )

    alone = tmp_path / "alone.db"
    result = refused_call(alone)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert not alone.exists(), "a refused call leaves no file behind"

    # The race itself: this call found no file and made it, another process opened
    # it at the same moment and is writing its programme (two first `init` at once).
    from db.engine import discard_new_sqlite_file

    shared = tmp_path / "shared.db"
    other = sqlite3.connect(shared, isolation_level=None)
    try:
        other.execute("PRAGMA journal_mode = WAL")
        other.execute("CREATE TABLE programme (id INTEGER PRIMARY KEY)")
        other.execute("BEGIN IMMEDIATE")
        other.execute("INSERT INTO programme VALUES (1)")  # not committed yet
        discard_new_sqlite_file(shared)
        assert shared.exists(), "the file was removed under another process's feet"
        other.execute("COMMIT")
    finally:
        other.close()
    assert sqlite3.connect(shared).execute("SELECT id FROM programme").fetchall() == [(1,)]
