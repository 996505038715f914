"""Undo of an import works in bulk: the statements it runs do not grow with the
number of cells, and one version step per hypothesis whatever their number.

On both engines, through the Python API on a real store.
"""

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

import tracker
from tests.storeutil import rows
from tracker.errors import InvalidInput
from tracker.services import Parat

KINDS = ("potential", "realised", "investment")
YEARS = (2015, 2016, 2017, 2018)


@pytest.fixture
def p(store_url: str) -> Iterator[Parat]:
    now = [datetime(2018, 3, 1, 9, tzinfo=UTC)]

    def clock() -> datetime:
        now[0] += timedelta(seconds=1)
        return now[0]

    with tracker.open(store_url, actor="anna", clock=clock) as parat:
        parat.create_programme()
        yield parat


def import_cells(p: Parat, tmp_path: Path, hypotheses: int, start: int = 1) -> int:
    """Add hypotheses and import 12 figure cells for each; returns the cells."""
    columns = [f"{kind}_{year}" for kind in KINDS for year in YEARS]
    lines = ["code;title;" + ";".join(columns)]
    for i in range(start, start + hypotheses):
        lines.append(f"H{i:04d};Hypotese {i};" + ";".join(f"{i},{k}" for k in range(12)))
    path = tmp_path / f"tal{start}.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    p.import_file(path)
    return hypotheses * len(columns)


def statements_of_undo(p: Parat) -> tuple[int, list[Any]]:
    count = [0]

    def seen(*_args: Any) -> None:
        count[0] += 1

    event.listen(p.engine, "before_cursor_execute", seen)
    try:
        undone = p.undo()
    finally:
        event.remove(p.engine, "before_cursor_execute", seen)
    return count[0], undone


def test_undo_runs_as_many_statements_for_600_cells_as_for_12(
    p: Parat, tmp_path: Path, store_url: str
) -> None:
    import_cells(p, tmp_path, 1)
    small, undone_small = statements_of_undo(p)
    assert len(undone_small) == 12 + 1  # the cells, and the hypothesis dropped
    cells = import_cells(p, tmp_path, 50, start=2)
    large, undone_large = statements_of_undo(p)
    assert len(undone_large) == cells + 50
    # Each hypothesis it adds is dropped through the ordinary use case (a few
    # statements each); the cells cost nothing per cell.
    per_added = (large - small) / 49
    assert per_added <= 12, (small, large)
    versions = rows(store_url, "SELECT DISTINCT version FROM hypothesis WHERE code <> 'H0001'")
    assert versions == [(2,)]  # created with 0: one step for the import, one for the undo


def test_undo_of_figures_only_is_a_constant_number_of_statements(
    p: Parat, tmp_path: Path, store_url: str
) -> None:
    import_cells(p, tmp_path, 60)
    figures = tmp_path / "kun-tal.csv"
    for hypotheses, name in ((1, "one"), (60, "sixty")):
        lines = ["code;potential_2018;realised_2017"]
        lines += [f"H{i:04d};9,{i:02d};8" for i in range(1, hypotheses + 1)]
        figures.write_text("\n".join(lines) + "\n", encoding="utf-8")
        p.import_file(figures)
        before = rows(store_url, "SELECT version FROM hypothesis ORDER BY id")
        count, undone = statements_of_undo(p)
        assert len(undone) == 2 * hypotheses
        after = rows(store_url, "SELECT version FROM hypothesis ORDER BY id")
        steps = [a[0] - b[0] for a, b in zip(after, before, strict=True)]
        assert steps == [1] * hypotheses + [0] * (60 - hypotheses)
        if name == "one":
            one = count
    assert count == one


def test_two_commands_of_one_moment_on_one_figure_are_undone_one_at_a_time(
    store_url: str,
) -> None:
    moment = datetime(2018, 3, 1, 9, tzinfo=UTC)
    with tracker.open(store_url, actor="bo", clock=lambda: moment) as setup:
        setup.create_programme()
        setup.add_hypothesis("H01", title="Indkøb")
    with tracker.open(store_url, actor="anna", clock=lambda: moment) as p:
        p.set_figure("H01", 2018, potential="5")
        p.set_figure("H01", 2018, potential="7")
        with pytest.raises(InvalidInput, match="undo them one at a time"):
            p.undo()
        assert p.hypothesis("H01").figures[2018]["potential"] == 7_000_000
        newest = p.history(limit=1)[0]
        p.undo(newest.id)
        assert p.hypothesis("H01").figures[2018]["potential"] == 5_000_000
