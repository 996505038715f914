"""The benefit type (gevinsttype) in the UI: chosen in the detail form and in the new
hypothesis dialog, stored through the same service as ``parat hypothesis set --type``,
and the gains that do not count shown beside the target on the dashboard."""

import asyncio
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Select

from tracker.services import Parat
from tui.app import ParatApp
from tui.dialogs.conflict import ConflictDialog
from tui.fmt import mio_short
from tui.screens.dashboard import DashboardScreen
from tui.screens.detail import DetailScreen
from tui.widgets.other_benefits import OtherBenefits

from .conftest import other_process, settle


@pytest.fixture(autouse=True)
def _danish(monkeypatch: pytest.MonkeyPatch) -> None:
    """The screens as a Danish user reads them (the default language)."""
    monkeypatch.setenv("PARAT_LANG", "da")


def _stored_type(cli: Callable[..., Any], code: str) -> str:
    """The benefit type as the CLI reads it back from the file."""
    result = cli("hypothesis", "show", code, "--json")
    assert result.exit_code == 0, result.stdout
    return str(json.loads(result.stdout)["benefit_type"])


async def _open(pilot, code: str) -> DetailScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    pilot.app.open_hypothesis(code)
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, DetailScreen) and screen.code == code
    return screen


def test_changing_the_type_in_the_detail_form_saves_it(
    app: ParatApp, ui_parat: Parat, cli: Callable[..., Any]
) -> None:
    async def run() -> None:
        async with app.run_test(size=(160, 50)) as pilot:
            screen = await _open(pilot, "H04")
            select = screen.query_one("#benefit_type", Select)
            assert select.value == "kontant"
            before = ui_parat.hypothesis("H04").hypothesis.version
            await pilot.click("#benefit_type")
            await pilot.press("down", "enter")  # Kontant -> Undgåede udgifter
            await settle(pilot)
            h = ui_parat.hypothesis("H04", events=1)
            assert h.hypothesis.benefit_type.value == "undgaaet"
            assert h.hypothesis.version == before + 1
            assert (h.events[0].field, h.events[0].source) == ("benefit_type", "tui")
            assert select.value == "undgaaet" and not select.has_class("-unsaved")
            # it no longer counts toward the target: the dashboard shows it beside it
            await pilot.press("escape", "1")
            await settle(pilot)
            assert isinstance(app.screen, DashboardScreen)
            others = app.screen.query_one(OtherBenefits)
            assert others.display
            assert others.border_title == "Øvrige gevinster (tæller ikke med i målet)"
            text = others.render().plain  # type: ignore[union-attr]
            assert "Undgåede udgifter: 1 hypotese (H04)" in text
            row = ui_parat.status().other_benefits
            weighted = next(o.weighted_kr for o in row if o.benefit_type.value == "undgaaet")
            assert weighted > 0 and f"vægtet {mio_short(weighted)}" in text

    asyncio.run(run())
    assert _stored_type(cli, "H04") == "undgaaet"


def test_a_type_changed_by_another_is_a_conflict_not_overwritten(
    app: ParatApp, demo_db: Path, cli: Callable[..., Any]
) -> None:
    async def run() -> None:
        async with app.run_test(size=(160, 50)) as pilot:
            screen = await _open(pilot, "H04")
            # the form read kontant; a colleague makes it frigjort tid meanwhile
            other_process(demo_db, "hypothesis", "set", "H04", "--type", "frigjort_tid")
            screen.query_one("#benefit_type", Select).value = "kvalitativ"
            await settle(pilot)
            assert isinstance(app.screen, ConflictDialog)
            assert _stored_type(cli, "H04") == "frigjort_tid"  # nothing overwritten

    asyncio.run(run())


def test_a_new_hypothesis_gets_the_type_chosen(
    app: ParatApp, ui_parat: Parat, cli: Callable[..., Any]
) -> None:
    async def run() -> None:
        async with app.run_test(size=(160, 50)) as pilot:
            await settle(pilot)
            await pilot.press("n")
            await pilot.pause()
            dialog = app.screen
            assert dialog.query_one("#new-benefit_type", Select).value == "kontant"
            dialog.query_one("#new-benefit_type", Select).value = "frigjort_tid"
            await pilot.click("#new-title")
            await pilot.press(*"Færre kørsler")
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, DetailScreen) and app.screen.code == "H17"
            assert app.screen.query_one("#benefit_type", Select).value == "frigjort_tid"

    asyncio.run(run())
    assert _stored_type(cli, "H17") == "frigjort_tid"
    assert ui_parat.hypothesis("H17").hypothesis.title == "Færre kørsler"


def test_without_other_types_the_dashboard_shows_no_other_benefits(app: ParatApp) -> None:
    async def run() -> None:
        async with app.run_test(size=(160, 50)) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, DashboardScreen)
            assert not app.screen.query_one(OtherBenefits).display

    asyncio.run(run())
