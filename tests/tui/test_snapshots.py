"""Snapshots of every screen and dialog at 80×24 and 160×50, on the sample programme
with the fixed clock. Update with ``pytest --snapshot-update`` and look at the SVGs."""

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

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


async def _steady(pilot: Pilot[None]) -> None:
    """Stop the cursors blinking, so that a focused field looks the same every time."""
    for screen in pilot.app.screen_stack:
        for field in screen.query(Input):
            field.cursor_blink = False
    await pilot.pause()


async def _grouped(pilot: Pilot[None]) -> None:
    await _table(pilot)
    await pilot.press("o")
    await settle(pilot)


async def _editing(pilot: Pilot[None]) -> None:
    """H04 with the target year's potential changed (unsaved) and the year before's
    made invalid, the focus still in it: the marks and the key bar of a field."""
    await _detail(pilot)
    await pilot.press("t", "end", "comma", "5", "up", "end", "comma")
    await _steady(pilot)


async def _help(pilot: Pilot[None]) -> None:
    await settle(pilot)
    await pilot.press("question_mark")
    await settle(pilot)


async def _new_hypothesis(pilot: Pilot[None]) -> None:
    """The dialog with a title typed and an area begun: the area in use is suggested."""
    await settle(pilot)
    await pilot.press("n")
    await pilot.pause()
    await pilot.press("tab", *"Ny idé", "tab", *"Æld")
    await settle(pilot)
    await _steady(pilot)


async def _export(pilot: Pilot[None]) -> None:
    await settle(pilot)
    await pilot.press("e")
    await settle(pilot)
    await _steady(pilot)


async def _as_of(pilot: Pilot[None]) -> None:
    await settle(pilot)
    await pilot.press("a")
    await settle(pilot)
    await _steady(pilot)


async def _drop(pilot: Pilot[None]) -> None:
    await _detail(pilot)
    await pilot.press("d")
    await settle(pilot)
    await _steady(pilot)


async def _discard(pilot: Pilot[None]) -> None:
    await _detail(pilot)
    await pilot.press("t", "end", "comma", "5", "escape", "escape")
    await settle(pilot)


async def _conflict(pilot: Pilot[None]) -> None:
    """Someone else stored 6 for the figure typed as 4,5 (the app does not poll here)."""
    await _detail(pilot)
    app = pilot.app
    assert isinstance(app, ParatApp)
    app.parat.set_figure("H04", 2018, potential="6")
    await pilot.press("t", *"4,5", "enter")
    await settle(pilot)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize(
    "screen",
    [_grouped, _editing, _help, _new_hypothesis, _as_of, _drop, _discard, _conflict],
    ids=[
        "grouped",
        "editing",
        "help",
        "new_hypothesis",
        "as_of",
        "drop",
        "discard",
        "conflict",
    ],
)
def test_more(snap_compare, app: ParatApp, screen, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app, terminal_size=size, run_before=screen)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_export_dialog(
    snap_compare,  # type: ignore[no-untyped-def]
    app: ParatApp,
    size: tuple[int, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The dialog names the folder the file goes to: the same one on every machine."""
    monkeypatch.chdir("/")
    assert snap_compare(app, terminal_size=size, run_before=_export)


async def _since(pilot: Pilot[None]) -> None:
    await settle(pilot)
    await pilot.press("3")
    await settle(pilot)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_siden_sidst(snap_compare, later_parat: Parat, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """A snapshot, then a stage move, a figure and a new hypothesis an hour later."""
    app = create_app(later_parat, poll_seconds=None)
    assert snap_compare(app, terminal_size=size, run_before=_since)
