"""Time travel, import, diff and undo on PostgreSQL (the SQL differs from SQLite's).

Runs when ``PARAT_TEST_DATABASE_URL`` points at a server where the user may create
databases (the ``pg_server`` fixture: skipped without it, a failure in CI); a database
of its own is created and dropped.
"""

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

import tracker
from tests.conftest import PgServer

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_url(pg_server: PgServer) -> Iterator[str]:
    with pg_server.database() as url:
        yield url


def test_history_features_on_postgres(pg_url: str, tmp_path: Path) -> None:
    clock = {"now": datetime(2018, 1, 5, 10, tzinfo=UTC)}
    with tracker.open(pg_url, actor="pg", clock=lambda: clock["now"]) as p:
        p.create_programme()
        p.add_hypothesis("H01", title="A")
        p.set_figure("H01", 2018, potential="10")
        clock["now"] = datetime(2018, 2, 1, 10, tzinfo=UTC)
        p.set_stage("H01", "decided")
        p.set_figure("H01", 2018, potential="12")
        p.add_snapshot("feb")
        clock["now"] = datetime(2018, 3, 1, 10, tzinfo=UTC)
        path = tmp_path / "pg.csv"
        path.write_text("code;title;potential_2018;stage\nH01;;9;\nH02;Ny;5;qualified\n")
        assert p.import_file(path, dry_run=True).summary.figure_changes == 2
        assert [h.code for h in p.status().hypotheses] == ["H01"]
        assert p.import_file(path).summary.added == ["H02"]

        feb = p.status(p.resolve_moment("feb"))
        assert [(h.code, h.stage.value, h.pipeline_kr) for h in feb.hypotheses] == [
            ("H01", "decided", 12_000_000)
        ]
        now = {h.code: h for h in p.status().hypotheses}
        assert now["H01"].baseline_kr == 12_000_000 and now["H01"].slippage_kr == -3_000_000
        d = p.diff(p.resolve_moment("feb"))
        assert d.added == ("H02",)
        assert [(f.code, f.old_kr, f.new_kr) for f in d.figure_changes] == [
            ("H01", 12_000_000, 9_000_000),
            ("H02", None, 5_000_000),
        ]
        clock["now"] = datetime(2018, 3, 2, 10, tzinfo=UTC)
        p.undo()
        after = {h.code: h for h in p.status().hypotheses}
        assert after["H01"].pipeline_kr == 12_000_000 and after["H02"].stage.value == "dropped"
