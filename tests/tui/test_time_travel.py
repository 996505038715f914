"""Vis status pr. …: Overblik as it stood at a snapshot, edits refused, Esc back to now."""

import asyncio

from tracker.domain.money import format_mio
from tracker.services import Parat
from tui.app import create_app
from tui.dialogs.as_of import AsOfDialog
from tui.dialogs.new_hypothesis import NewHypothesisDialog
from tui.screens.dashboard import DashboardScreen
from tui.screens.detail import DetailScreen
from tui.widgets.keybar import KeyBar
from tui.widgets.progress import ProgressBars
from tui.widgets.topbar import TopBar

from .conftest import open_detail, settle, static_text


def _plain(widget: object) -> str:
    return widget.render().plain  # type: ignore[attr-defined]


def test_a_shows_the_status_at_a_snapshot_and_esc_returns_to_now(later_parat: Parat) -> None:
    app = create_app(later_parat, poll_seconds=None)
    meeting = later_parat.resolve_moment("Chefgruppemøde marts")
    then, now = later_parat.status(meeting).totals, later_parat.status().totals
    assert then.weighted_kr != now.weighted_kr
    before = later_parat.last_change()

    async def run() -> None:
        async with app.run_test(size=(160, 50)) as pilot:
            await settle(pilot)
            assert "Tilbage til nu" not in _plain(app.screen.query_one(KeyBar))
            await pilot.press("a")
            await settle(pilot)
            assert isinstance(app.screen, AsOfDialog)
            await pilot.press(*"Chefgruppemøde marts", "enter")
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, DashboardScreen)
            assert app.past == "12.03.2018 10:00 – Chefgruppemøde marts"
            assert "Status pr. 12.03.2018 10:00" in _plain(screen.query_one(TopBar))
            assert "Status pr. 12.03.2018 10:00 – Chefgruppemøde marts" in static_text(
                screen.query_one("#past-banner")
            )
            assert format_mio(then.weighted_kr) in _plain(screen.query_one(ProgressBars))
            assert "Tilbage til nu" in _plain(screen.query_one(KeyBar))

            # Editing is disabled while looking at the past.
            await pilot.press("n")
            await settle(pilot)
            assert not isinstance(app.screen, NewHypothesisDialog)
            assert any("fortiden kan ikke redigeres" in str(n.message) for n in app._notifications)
            await pilot.press("2")
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
            assert not isinstance(app.screen, DetailScreen)
            await pilot.press("1")
            await settle(pilot)

            await pilot.press("escape")
            await settle(pilot)
            assert app.past is None and app.as_of is None
            assert not app.query_one("#past-banner").display
            assert format_mio(now.weighted_kr) in _plain(app.screen.query_one(ProgressBars))
            assert "Status pr." not in _plain(app.screen.query_one(TopBar))

            # A bad date is shown in the dialog, which stays open.
            await pilot.press("a")
            await settle(pilot)
            await pilot.press(*"31.02.2018", "enter")
            await settle(pilot)
            assert isinstance(app.screen, AsOfDialog)
            error = str(app.screen.query_one("#as-of-error").render())
            assert "'31.02.2018' er ikke en gyldig dato" in error  # Danish, not the CLI's line

    asyncio.run(run())
    assert later_parat.last_change() == before


def test_a_on_a_hypothesis_with_unsaved_edits_keeps_them(app) -> None:  # type: ignore[no-untyped-def]
    from textual.widgets import Input

    async def run() -> None:
        async with app.run_test(size=(160, 50)) as pilot:
            await settle(pilot)
            screen = await open_detail(pilot, "H04")
            screen.query_one("#title", Input).value = "Ny titel"
            await pilot.pause()
            assert screen.dirty_fields() == ["title"]
            app.set_focus(None)
            await pilot.press("a")
            await settle(pilot)
            assert app.screen is screen and not isinstance(app.screen, AsOfDialog)
            assert screen.query_one("#title", Input).value == "Ny titel"

    asyncio.run(run())
