"""Overlaps edited from the dashboard (key ``o``): added, changed and dropped through
the overlap services, as ``parat overlap add/set/drop`` store them; a refused value
keeps the dialog open with the reason and changes nothing."""

import asyncio
import json
from collections.abc import Callable
from typing import Any

import pytest
from textual.widgets import Button, Input, Label, Select

from tracker.services import Parat
from tui.app import ParatApp
from tui.dialogs.overlap import OverlapDialog
from tui.screens.dashboard import DashboardScreen
from tui.widgets.overlaps import OverlapTable

from .conftest import settle


@pytest.fixture(autouse=True)
def _danish(monkeypatch: pytest.MonkeyPatch) -> None:
    """The screens as a Danish user reads them (the default language)."""
    monkeypatch.setenv("PARAT_LANG", "da")


def _listed(cli: Callable[..., Any]) -> list[dict[str, Any]]:
    result = cli("overlap", "list", "--json")
    assert result.exit_code == 0, result.stdout
    return list(json.loads(result.stdout))


async def _open(pilot) -> OverlapDialog:  # type: ignore[no-untyped-def]
    await settle(pilot)
    assert isinstance(pilot.app.screen, DashboardScreen)
    await pilot.press("o")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, OverlapDialog)
    return dialog


def _fill(dialog: OverlapDialog, **values: str) -> None:
    for key, value in values.items():
        dialog.query_one(f"#overlap-{key}", Input).value = value


def test_add_change_and_drop_an_overlap(
    app: ParatApp, ui_parat: Parat, cli: Callable[..., Any]
) -> None:
    before = [o.name for o in ui_parat.overlaps()]

    async def run() -> None:
        async with app.run_test(size=(160, 50)) as pilot:
            dialog = await _open(pilot)
            _fill(dialog, name="Fælles timer", members="H01, H04", amount="1,5", note="samme")
            await pilot.click("#ok")
            await settle(pilot)
            assert isinstance(app.screen, DashboardScreen)
            (added,) = [o for o in ui_parat.overlaps() if o.name == "Fælles timer"]
            assert (added.members, added.amount_kr) == (("H01", "H04"), 1_500_000)
            assert added.note == "samme"
            assert app.screen.query_one(OverlapTable).display  # the panel shows it now

            # change it: choosing it fills in what it holds
            dialog = await _open(pilot)
            dialog.query_one("#overlap-choice", Select).value = "Fælles timer"
            await pilot.pause()
            assert dialog.query_one("#overlap-members", Input).value == "H01, H04"
            assert dialog.query_one("#overlap-amount", Input).value == "1,5"
            assert dialog.query_one("#overlap-name", Input).disabled
            _fill(dialog, amount="2")
            await pilot.click("#ok")
            await settle(pilot)
            (changed,) = [o for o in ui_parat.overlaps() if o.name == "Fælles timer"]
            assert changed.amount_kr == 2_000_000

            # drop it
            dialog = await _open(pilot)
            assert dialog.query_one("#overlap-drop", Button).disabled  # nothing chosen yet
            dialog.query_one("#overlap-choice", Select).value = "Fælles timer"
            await pilot.pause()
            await pilot.click("#overlap-drop")
            await settle(pilot)
            assert isinstance(app.screen, DashboardScreen)

    asyncio.run(run())
    assert [o["name"] for o in _listed(cli)] == before
    log = json.loads(cli("history", "--json", "--limit", "3").stdout)
    assert [e["source"] for e in log] == ["tui", "tui", "tui"]


def test_a_refused_overlap_keeps_the_dialog_and_changes_nothing(
    app: ParatApp, ui_parat: Parat
) -> None:
    async def run() -> None:
        async with app.run_test(size=(160, 50)) as pilot:
            before = ui_parat.overlaps()
            dialog = await _open(pilot)
            _fill(dialog, name="Forkert", members="H01, H99", amount="1")
            await pilot.click("#ok")
            await settle(pilot)
            assert app.screen is dialog
            error = str(dialog.query_one("#overlap-error", Label).render())
            assert "H99" in error
            _fill(dialog, members="H01, H04", amount="mange")
            await pilot.click("#ok")
            await settle(pilot)
            assert app.screen is dialog and "mange" in str(
                dialog.query_one("#overlap-error", Label).render()
            )
            _fill(dialog, amount="")
            await pilot.click("#ok")
            await settle(pilot)
            assert "skal udfyldes" in str(dialog.query_one("#overlap-error", Label).render())
            assert ui_parat.overlaps() == before
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, DashboardScreen)

    asyncio.run(run())
