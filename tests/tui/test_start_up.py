"""Start-up: the first paint is the right layout with the figures in it, Overblik is a
mode like the others once started, and start-up and reloads keep the garbage collector
as they found it: the first status is frozen once (it stays on screen), later reloads
freeze nothing (a freeze also keeps the garbage of that moment, so one per reload grew
the process)."""

import asyncio
import gc

import pytest

from tests.tui.conftest import settle
from tracker.services import Parat
from tui.app import ParatApp
from tui.screens.dashboard import DashboardScreen
from tui.widgets.progress import ProgressBars
from tui.widgets.trajectory import TrajectoryChart


def test_the_first_paint_is_the_wide_layout_with_the_figures(
    app: ParatApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each panel is drawn once at start-up, as it stays: not "Indlæser …" first, not
    the narrow layout first (Textual sets the breakpoint class after its first paint)."""
    drawn: list[tuple[str, bool, bool]] = []
    for panel in (ProgressBars, TrajectoryChart):

        def render(self, _original=panel.render):  # type: ignore[no-untyped-def]
            drawn.append(
                (type(self).__name__, self.status is not None, self.screen.has_class("-wide"))
            )
            return _original(self)

        monkeypatch.setattr(panel, "render", render)

    async def run() -> None:
        async with app.run_test(size=(160, 50)) as pilot:
            await settle(pilot)
            assert app.status is not None

    asyncio.run(run())
    assert {name for name, _, _ in drawn} == {"ProgressBars", "TrajectoryChart"}
    assert all(has_status and wide for _, has_status, wide in drawn), drawn


def test_overblik_comes_back_after_another_screen(app: ParatApp) -> None:
    async def run() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            first = app.screen
            assert isinstance(first, DashboardScreen)
            await pilot.press("2")
            await pilot.pause()
            assert app.current_mode == "hypoteser"
            await pilot.press("1")
            await pilot.pause()
            assert app.screen is first
            assert app.current_mode == "overblik"
            await pilot.press("3")
            await pilot.pause()
            await pilot.click("TopBar", offset=(10, 0))  # the "1 Overblik" tab
            await pilot.pause()
            assert app.screen is first

    asyncio.run(run())


def test_reloads_freeze_nothing_and_leave_the_collector_on(app: ParatApp) -> None:
    async def run() -> int:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            assert app.status is not None
            assert gc.isenabled()
            frozen = gc.get_freeze_count()
            for _ in range(3):
                await app.load_status().wait()
                await settle(pilot)
            assert gc.isenabled()
            return gc.get_freeze_count() - frozen

    assert asyncio.run(run()) <= 0  # frozen objects may be freed, none are added


def test_a_status_read_leaves_a_disabled_collector_off(ui_parat: Parat) -> None:
    gc.disable()
    try:
        status = ui_parat.status()
        assert not gc.isenabled()
    finally:
        gc.enable()
    assert status.totals.target_kr == 125_000_000
