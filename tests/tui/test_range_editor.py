"""Ranges edited in the UI (key ``m`` on a hypothesis): the minimum and maximum per
year, stored as ``parat figure set --low --high`` stores them, in one transaction; a
refused range (minimum above the potential, one side missing, an unreadable amount)
keeps the dialog open with the reason and changes nothing."""

import asyncio
import json
from collections.abc import Callable
from typing import Any

import pytest
from textual.widgets import Input, Label

from tracker.services import Parat
from tui.app import ParatApp
from tui.dialogs.range_editor import RangeDialog
from tui.screens.detail import DetailScreen

from .conftest import open_detail, settle


@pytest.fixture(autouse=True)
def _danish(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARAT_LANG", "da")


async def _open(pilot, code: str) -> RangeDialog:  # type: ignore[no-untyped-def]
    screen = await open_detail(pilot, code)
    screen.set_focus(None)  # a letter key acts once no field has the focus
    await pilot.press("m")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, RangeDialog)
    return dialog


def _figures(cli: Callable[..., Any], code: str) -> dict[str, Any]:
    result = cli("hypothesis", "show", code, "--json")
    assert result.exit_code == 0, result.stdout
    return {str(f["year"]): f for f in json.loads(result.stdout)["figures"]}


def _set(dialog: RangeDialog, year: int, low: str, high: str) -> None:
    dialog.query_one(f"#range-low-{year}", Input).value = low
    dialog.query_one(f"#range-high-{year}", Input).value = high


def test_a_range_is_saved_and_shown(app: ParatApp, cli: Callable[..., Any]) -> None:
    async def run() -> None:
        async with app.run_test(size=(160, 50)) as pilot:
            dialog = await _open(pilot, "H04")
            assert dialog.query_one("#range-low-2018", Input).value == ""
            _set(dialog, 2018, "8", "13,5")
            _set(dialog, 2017, "7", "9")
            await pilot.click("#ok")
            await settle(pilot)
            assert isinstance(app.screen, DetailScreen)
            # the detail shows the new range under the grid
            text = str(app.screen.query_one("#range").render())
            assert "8,0" in text and "13,5" in text, text

    asyncio.run(run())
    figures = _figures(cli, "H04")
    assert (figures["2018"]["low_kr"], figures["2018"]["high_kr"]) == (8_000_000, 13_500_000)
    assert (figures["2017"]["low_kr"], figures["2017"]["high_kr"]) == (7_000_000, 9_000_000)
    history = json.loads(cli("history", "H04", "--json", "--limit", "4").stdout)
    assert {(e["field"], e["source"]) for e in history} == {
        ("low.2018", "tui"), ("high.2018", "tui"), ("low.2017", "tui"), ("high.2017", "tui")
    }  # fmt: skip


@pytest.mark.parametrize(
    ("low", "high", "says"),
    [
        ("12", "13", "minimum"),  # above the potential 11
        ("8", "", "giv både minimum og maksimum"),
        ("mange", "13", "mange"),
    ],
)
def test_a_refused_range_keeps_the_dialog_and_the_data(
    app: ParatApp, ui_parat: Parat, cli: Callable[..., Any], low: str, high: str, says: str
) -> None:
    before = _figures(cli, "H04")

    async def run() -> None:
        async with app.run_test(size=(160, 50)) as pilot:
            dialog = await _open(pilot, "H04")
            _set(dialog, 2017, "7", "9")  # a good year beside the bad one: neither is kept
            _set(dialog, 2018, low, high)
            await pilot.click("#ok")
            await settle(pilot)
            assert app.screen is dialog
            error = str(dialog.query_one("#range-error", Label).render())
            assert says in error.lower(), error

    asyncio.run(run())
    assert _figures(cli, "H04") == before
