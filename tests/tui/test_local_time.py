"""Times on screen are Copenhagen time although the machine runs in UTC (see the
autouse fixture in conftest): the history, the "Ændret" column, the top bar."""

import asyncio
from datetime import UTC, datetime
from pathlib import Path

import tracker
from tui.app import create_app
from tui.widgets.history import HistoryTable
from tui.widgets.hypothesis_table import HypothesisTable
from tui.widgets.topbar import TopBar

from .conftest import open_detail, settle

#: Late on a summer evening in UTC is already the next day in Copenhagen (UTC+2).
SUMMER_NIGHT = datetime(2017, 6, 30, 22, 30, tzinfo=UTC)


def test_history_table_and_top_bar_show_copenhagen_time(demo_db: Path) -> None:
    asyncio.run(_run(demo_db))


async def _run(demo_db: Path) -> None:
    with tracker.open(str(demo_db), actor="nat", clock=lambda: SUMMER_NIGHT) as night:
        night.set_figure("H07", 2016, investment="0,1")
    with tracker.open(str(demo_db), actor="tester", source="tui") as parat:
        app = create_app(parat, poll_seconds=None)
        async with app.run_test(size=(160, 50)) as pilot:
            await settle(pilot)
            # the clock of the tests: 12.03.2018 09:00 UTC, 10:00 in Copenhagen (winter)
            assert "pr. 12.03.2018" in app.screen.query_one(TopBar).render().plain  # type: ignore[attr-defined]
            await pilot.press("2")
            await settle(pilot)
            table = app.screen.query_one(HypothesisTable)
            y = 1 + [h.code for h in table.rows].index("H07")
            assert "01.07.2017" in table.render_line(y).text
            history = (await open_detail(pilot, "H04")).query_one(HistoryTable)
            times = {history.get_cell_at((row, 0)) for row in range(history.row_count)}
            # the demo wrote H04's events at 09:00 UTC in winter
            assert times == {"20.02.2018 10:00", "27.12.2017 10:00", "12.11.2017 10:00"}
            app.pop_screen()
            app.open_hypothesis("H07")
            await settle(pilot)
            history = app.screen.query_one(HistoryTable)
            assert history.get_cell_at((0, 0)) == "01.07.2017 00:30"
