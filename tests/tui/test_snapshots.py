"""Snapshots of the three main screens at 80×24 and 160×50, on the sample programme
with the fixed clock. Update with ``pytest --snapshot-update`` and look at the SVGs."""

import pytest
from textual.pilot import Pilot

from tracker.services import Parat
from tui.app import ParatApp, create_app

from .conftest import settle

SIZES = [(80, 24), (160, 50)]


async def _dashboard(pilot: Pilot[None]) -> None:
    await settle(pilot)


async def _table(pilot: Pilot[None]) -> None:
    await settle(pilot)
    await pilot.press("2")
    await settle(pilot)


async def _detail(pilot: Pilot[None]) -> None:
    await _table(pilot)
    await pilot.press("down", "down", "down", "enter")  # H04
    await settle(pilot)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize(
    "screen", [_dashboard, _table, _detail], ids=["dashboard", "table", "detail"]
)
def test_screen(snap_compare, app: ParatApp, screen, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app, terminal_size=size, run_before=screen)


async def _since(pilot: Pilot[None]) -> None:
    await settle(pilot)
    await pilot.press("3")
    await settle(pilot)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_siden_sidst(snap_compare, later_parat: Parat, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """A snapshot, then a stage move, a figure and a new hypothesis an hour later."""
    app = create_app(later_parat, poll_seconds=None)
    assert snap_compare(app, terminal_size=size, run_before=_since)
