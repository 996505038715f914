"""The Budget screen (4): the follow-up per ramme with the sign note, the cuts per
hypothesis, what is decided but not udmøntet; Pilot and snapshots at 80×24 and
160×50 on the sample programme with rammer, figures and cuts."""

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Static

import tracker
from tests.conftest import FIXED_NOW
from tracker.services import Parat
from tui.app import create_app
from tui.screens.budget import BudgetScreen

from .conftest import settle

SIZES = [(80, 24), (160, 50)]


def add_budget(parat: Parat) -> None:
    """Two rammer (one outside the serviceramme), their 2018 budget, two cuts."""
    parat.add_ramme("kd", name="Kommunaldirektøren", udvalg="Økonomiudvalget")
    parat.add_ramme("bolig", name="Boligstøtte", udvalg="Social", serviceramme=False)
    parat.set_budget("kd", 2018, original="46,6", supplementary="-31,571", actual="18,66")
    parat.set_budget("bolig", 2018, original="-12", forecast="-12,029")
    decided = [h for h in parat.status().hypotheses if h.decided_kr > 0]
    parat.cut(decided[0].code, "kd", 2018, "2", decision="Byrådet 08.10.2015, pkt. 12")
    parat.cut(decided[1].code, "bolig", 2017, "0,5", decision="Byrådet 08.10.2015, pkt. 12")


@pytest.fixture
def budget_parat(demo_db: Path) -> Iterator[Parat]:
    with tracker.open(str(demo_db), actor="tester", clock=lambda: FIXED_NOW) as parat:
        add_budget(parat)
    with tracker.open(str(demo_db), actor="tester", source="tui") as parat:
        yield parat


async def _budget(pilot: Pilot[None]) -> None:
    await settle(pilot)
    await pilot.press("4")
    await settle(pilot)


def test_the_budget_screen_shows_follow_up_cuts_and_what_is_not_udmoentet(
    budget_parat: Parat,
) -> None:
    app = create_app(budget_parat, poll_seconds=None)

    async def run() -> None:
        async with app.run_test(size=(160, 50)) as pilot:
            await _budget(pilot)
            screen = app.screen
            assert isinstance(screen, BudgetScreen)
            table = screen.query_one("#budget-table", DataTable)
            labels = [str(table.get_row_at(i)[0]).strip() for i in range(table.row_count)]
            assert labels == [
                "[b]Inden for servicerammen[/b]", "[b]Økonomiudvalget[/b]", "Kommunaldirektøren",
                "[b]I alt inden for servicerammen[/b]", "[b]Uden for servicerammen[/b]",
                "[b]Social[/b]", "Boligstøtte", "[b]I alt uden for servicerammen[/b]",
                "[b]I alt[/b]",
            ]  # fmt: skip
            total = [str(c) for c in table.get_row_at(table.row_count - 1)[1:]]
            # the sums of the lines: 46,6 − 12; a cut shows as a minus
            assert total == ["34,600", "-31,571", "", "3,029", "18,660", "-12,029", "+3,602",
                             "-27,969", "-2,000"]  # fmt: skip
            note = str(screen.query_one("#budget-note", Static).render())
            assert note.startswith("Minus angiver mindreforbrug, plus merforbrug.")
            cuts = screen.query_one("#cuts-table", DataTable)
            assert cuts.row_count == 2
            undecided = str(screen.query_one("#budget-undecided", Static).render())
            assert "men intet er udmøntet for 2018" in undecided
            # another year: 2017 has no figures, only the cut on bolig
            await pilot.press("left_square_bracket")
            await settle(pilot)
            assert screen.loaded is not None and screen.loaded.follow_up.year == 2017
            assert screen.loaded.follow_up.totals.cuts_kr == 500_000

    asyncio.run(run())


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_budget_snapshot(snap_compare, budget_parat: Parat, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    app = create_app(budget_parat, poll_seconds=None)
    assert snap_compare(app, terminal_size=size, run_before=_budget)
