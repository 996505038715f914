"""Siden sidst in the UI: the same moves as ``parat diff`` since a snapshot or a date."""

import asyncio

from textual.widgets import Input, Select

from tracker.services import Parat
from tui.app import create_app
from tui.screens.since import SinceScreen
from tui.widgets.diff_view import DiffFigures, DiffMoves
from tui.widgets.topbar import TopBar

from .conftest import settle, static_text


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
            moves = static_text(screen.query_one(DiffMoves))
            assert "H04" in moves and "Besluttet → Kvantificeret" in moves
            assert "Mangler budgetaftale" in moves and "anna" in moves
            assert "Nye hypoteser: H17" in moves
            figure = next(f for f in expected.figure_changes if f.code == "H01")
            assert figure.new_kr == 20_000_000
            assert "H01" in moves and "12,0" in moves and "20,0" in moves
            figures = static_text(screen.query_one(DiffFigures))
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
            assert "Programmet fandtes ikke endnu pr. 01.01.2017 (det blev oprettet" in error
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
