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
