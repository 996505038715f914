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
