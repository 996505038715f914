"""Siden sidst in the UI: the same moves as ``parat diff`` since a snapshot or a date."""

import asyncio
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from textual.widgets import Input, Select

import tracker
from tests.conftest import FIXED_NOW
from tracker.services import Parat
from tui.app import create_app
from tui.screens.since import SinceScreen
from tui.widgets.diff_view import DiffFigures, DiffMoves
from tui.widgets.topbar import TopBar

from .conftest import settle

LATER = FIXED_NOW + timedelta(hours=1)


def _plain(widget: object) -> str:
    from rich.console import Console

    console = Console(width=200, record=True)
    console.print(widget.content)  # type: ignore[attr-defined]
    return console.export_text()


@pytest.fixture
def moved_db(demo_db: Path) -> Path:
    """The sample at the meeting (snapshot), then H04 back to quantified and a new H17
    potential, an hour later."""
    with tracker.open(str(demo_db), actor="tester", clock=lambda: FIXED_NOW) as parat:
        parat.add_snapshot("Chefgruppemøde marts")
    with tracker.open(str(demo_db), actor="anna", clock=lambda: LATER) as parat:
        parat.set_stage("H04", "quantified", note="Mangler budgetaftale")
        parat.set_figure("H01", 2018, potential="20")
        parat.add_hypothesis("H17", title="Ny idé")
    return demo_db


@pytest.fixture
def later_parat(moved_db: Path) -> Iterator[Parat]:
    with tracker.open(
        str(moved_db), actor="tester", source="tui", clock=lambda: LATER + timedelta(hours=1)
    ) as parat:
        yield parat


def test_siden_sidst_shows_the_moves_since_the_newest_snapshot(later_parat: Parat) -> None:
    app = create_app(later_parat, poll_seconds=None)
    expected = later_parat.diff(later_parat.resolve_moment("Chefgruppemøde marts"))

    async def run() -> None:
        async with app.run_test(size=(160, 50)) as pilot:
            await settle(pilot)
            await pilot.press("3")
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, SinceScreen)
            assert "3 Siden sidst" in screen.query_one(TopBar).render().plain  # type: ignore[union-attr]
            assert screen.query_one("#since-snapshot", Select).value == "Chefgruppemøde marts"
            moves = _plain(screen.query_one(DiffMoves))
            assert "H04" in moves and "Besluttet → Kvantificeret" in moves
            assert "Mangler budgetaftale" in moves and "anna" in moves
            assert "Nye hypoteser: H17" in moves
            figure = next(f for f in expected.figure_changes if f.code == "H01")
            assert figure.new_kr == 20_000_000
            assert "H01" in moves and "20,0 mio. kr." in moves
            figures = _plain(screen.query_one(DiffFigures))
            b, a = expected.before.totals, expected.after.totals
            assert b.weighted_kr != a.weighted_kr
            from tracker.domain.money import format_mio

            row = next(line for line in figures.splitlines() if line.startswith("Vægtet"))
            assert format_mio(b.weighted_kr) in row and format_mio(a.weighted_kr) in row

            # A date instead: before the programme existed is a clear error, not a crash.
            await pilot.press("slash")
            await pilot.press(*"01.01.2017", "enter")
            await settle(pilot)
            error = str(screen.query_one("#since-error").render())
            assert "did not exist" in error
            # A time after the changes (11:30 in Copenhagen = 10:30 UTC): nothing moved since.
            date = screen.query_one("#since-date", Input)
            date.value = ""
            await pilot.press("slash")
            await pilot.press(*"12.03.2018 11:30", "enter")
            await settle(pilot)
            assert screen.diff is not None and screen.diff.stage_moves == ()
            assert str(screen.query_one("#since-error").render()) == ""

    asyncio.run(run())


def test_without_snapshots_the_default_is_30_days_ago(app) -> None:  # type: ignore[no-untyped-def]
    async def run() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("3")
            await settle(pilot)
            screen = app.screen
            assert screen.query_one("#since-date", Input).value == "10.02.2018"
            assert screen.since == "10.02.2018"

    asyncio.run(run())
