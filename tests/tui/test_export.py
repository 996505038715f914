"""Eksportér status from the UI: a real file whose figures are the status's."""

import asyncio
from pathlib import Path

import pytest
from openpyxl import load_workbook
from textual.widgets import Button, Input, Label, Select

from tracker.services import Parat
from tui.app import ParatApp
from tui.dialogs.export import ExportDialog

from .conftest import palette_offers, settle, until


def _overview_figures(path: Path) -> dict[str, int]:
    """The headline ("Nøgletal") of the Overblik sheet: the first row for each label."""
    sheet = load_workbook(path, read_only=True)["Overblik"]
    figures: dict[str, int] = {}
    for a, b, *_ in sheet.iter_rows(values_only=True):
        if isinstance(a, str) and isinstance(b, int | float):
            figures.setdefault(a, int(b))
    return figures


def test_e_on_the_dashboard_writes_the_spreadsheet_with_the_status_figures(
    app: ParatApp, ui_parat: Parat, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)

    async def run() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await pilot.press("e")
            await settle(pilot)
            dialog = app.screen
            assert isinstance(dialog, ExportDialog)
            # The default: a spreadsheet named for the status date, in the current folder.
            assert dialog.query_one("#path", Input).value == "parat-status-2018-03-12.xlsx"
            await pilot.press("enter")
            await settle(pilot)
            assert not isinstance(app.screen, ExportDialog)
            assert any("parat-status-2018-03-12.xlsx" in str(n.message) for n in app._notifications)

    asyncio.run(run())
    totals = ui_parat.status().totals
    figures = _overview_figures(tmp_path / "parat-status-2018-03-12.xlsx")
    assert figures["Vægtet"] == totals.weighted_kr
    assert figures["Pipeline"] == totals.pipeline_kr
    assert figures["Besluttet"] == totals.decided_kr
    assert figures["Realiseret"] == totals.realised_kr
    assert figures["Mangler"] == totals.gap_kr


def test_the_palette_exports_json_and_a_bad_folder_is_shown_in_the_dialog(
    app: ParatApp, ui_parat: Parat, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    monkeypatch.chdir(tmp_path)

    async def run() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+p")
            await pilot.press(*"Eksportér status")
            await until(pilot, lambda: palette_offers(app, "Eksportér status"))
            await pilot.press("enter")
            await until(pilot, lambda: isinstance(app.screen, ExportDialog))
            await settle(pilot)
            dialog = app.screen
            assert isinstance(dialog, ExportDialog)
            # Format: xlsx -> json (two down in the list); the file's extension follows.
            await pilot.click("#format")
            await until(pilot, lambda: dialog.query_one("#format", Select).expanded)
            await pilot.press("down", "down", "enter")
            path = dialog.query_one("#path", Input)
            await until(pilot, lambda: path.value.endswith(".json"))
            assert path.value == "parat-status-2018-03-12.json"

            path.value = "findes-ikke/status.json"
            await pilot.click("#ok")
            await settle(pilot)
            assert app.screen is dialog
            error = str(dialog.query_one("#export-error", Label).render())
            assert "findes ikke" in error and "findes-ikke" in error

            # Textual's Button ignores a click while its press effect (0.2 s) lasts: a
            # second click sooner would be dropped, as a user's double click is.
            ok = dialog.query_one("#ok", Button)
            await until(pilot, lambda: not ok.has_class("-active"))
            path.value = "status.json"
            await pilot.click("#ok")
            await settle(pilot)
            await until(pilot, lambda: app.screen is not dialog)

    asyncio.run(run())
    assert not (tmp_path / "findes-ikke").exists()
    data = json.loads((tmp_path / "status.json").read_text(encoding="utf-8"))
    totals = ui_parat.status().totals
    assert data["totals"]["weighted_kr"] == totals.weighted_kr
    assert data["totals"]["gap_kr"] == totals.gap_kr
