"""The Hypoteser table at 80 columns shows every amount whole (the scrollbar takes its
own cell), names the columns it hides, and groups by area with subtotals on a key."""

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest

import tracker
from tests.conftest import FIXED_NOW
from tracker.domain.groups import by_area
from tracker.services import Parat
from tui.app import create_app
from tui.fmt import mio_short
from tui.widgets.hypothesis_columns import GroupLine
from tui.widgets.hypothesis_table import HypothesisTable
from tui.widgets.keybar import KeyBar

from .conftest import settle


@pytest.fixture
def parat_22(demo_db: Path) -> Iterator[Parat]:
    """The sample and six more hypotheses, each with 1,1 mio. kr. realised: 22 rows,
    more than 80×24 shows, so the table has a scrollbar."""
    with tracker.open(str(demo_db), actor="tester", clock=lambda: FIXED_NOW) as parat:
        for n in range(17, 23):
            parat.add_hypothesis(f"H{n}", title=f"Ekstra hypotese {n}", area="Teknik og miljø")
            parat.set_figure(f"H{n}", 2018, potential="2,5", realised="1,1")
    with tracker.open(str(demo_db), actor="tester", source="tui") as parat:
        yield parat


def _lines(table: HypothesisTable) -> list[str]:
    return [table.render_line(y).text for y in range(table.size.height)]


def test_every_amount_is_whole_at_80_columns(parat_22: Parat) -> None:
    async def run() -> None:
        app = create_app(parat_22, poll_seconds=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("2")
            await settle(pilot)
            table = app.screen.query_one(HypothesisTable)
            assert table.show_vertical_scrollbar
            width = table.scrollable_content_region.width
            lines = _lines(table)
            assert all(len(line) == width for line in lines)
            assert lines[0].rstrip().endswith("Potentiale   Vægtet Realiseret")
            h17 = next(line for line in lines if line.startswith(" H17"))
            assert h17.rstrip().endswith("2,5      0,3        1,1")
            info = str(app.screen.query_one("#table-info").render())
            assert "skjult: Område, Ansvarlig, Ændret" in info
            bar = app.screen.query_one(KeyBar).render().plain  # type: ignore[union-attr]
            assert len(bar) <= 80 and "o Grupér" in bar and "? Hjælp" in bar

    asyncio.run(run())


def test_o_groups_the_table_by_area_with_subtotals(parat_22: Parat) -> None:
    async def run() -> None:
        app = create_app(parat_22, poll_seconds=None)
        async with app.run_test(size=(160, 50)) as pilot:
            await settle(pilot)
            await pilot.press("2")
            await settle(pilot)
            table = app.screen.query_one(HypothesisTable)
            await pilot.press("o")
            await pilot.pause()
            status = app.status
            assert status is not None and table.grouped
            groups = by_area(sorted(status.hypotheses, key=lambda h: int(h.code[1:])))
            assert [h.code for h in table.rows] == [h.code for g in groups for h in g.hypotheses]
            lines = _lines(table)
            heading = next(line for line in lines if line.startswith(" Teknik og miljø (7)"))
            group = next(g for g in groups if g.area == "Teknik og miljø")
            sums = (mio_short(group.pipeline_kr), mio_short(group.weighted_kr))
            assert heading.split()[-3:-1] == list(sums)
            assert heading.split()[-1] == mio_short(group.realised_kr) == "6,6"
            total = next(line for line in lines if line.startswith(" I alt (22)"))
            assert total.split()[-3:] == [
                mio_short(sum(h.pipeline_kr for h in status.hypotheses)),
                mio_short(sum(h.weighted_kr for h in status.hypotheses)),
                mio_short(sum(h.realised_kr for h in status.hypotheses)),
            ]
            info = str(app.screen.query_one("#table-info").render())
            assert "grupperet efter område med subtotaler" in info

            # The cursor moves over hypotheses only, and Enter opens the one under it.
            await pilot.press("home", "down")
            assert table.current_code == groups[0].hypotheses[1].code
            lines_shown = table._lines or []
            assert sum(isinstance(line, GroupLine) for line in lines_shown) == len(groups) + 1

            # Filtering keeps the grouping; the subtotals are of the rows shown.
            await pilot.press("slash", *"ekstra", "enter")
            await pilot.pause()
            assert [h.code for h in table.rows] == [f"H{n}" for n in range(17, 23)]
            assert _lines(table)[1].split()[-1] == "6,6"  # 6 × 1,1

            await pilot.press("escape", "escape", "o")  # leave the search, clear, ungroup
            await pilot.pause()
            assert not table.grouped and table._lines is None
            assert [h.code for h in table.rows][:3] == ["H01", "H02", "H03"]

    asyncio.run(run())
