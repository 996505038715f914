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


def test_the_meeting_pack_since_the_last_snapshot_and_no_silent_overwrite(
    later_parat: Parat, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The newest snapshot is chosen at the start: Enter makes the meeting pack, its
    Siden sidst sheet first; exporting again to the same file asks before replacing it."""
    import io

    from tui.app import create_app
    from tui.dialogs.confirm import ConfirmDialog

    monkeypatch.chdir(tmp_path)
    later_parat.add_snapshot("Chefgruppemøde januar", "2018-01-20")
    app = create_app(later_parat, poll_seconds=None)
    target = tmp_path / "parat-status-2018-03-12.xlsx"
    first = b""

    async def run() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await pilot.press("e")
            await settle(pilot)
            dialog = app.screen
            assert isinstance(dialog, ExportDialog)
            since = dialog.query_one("#since", Select)
            # the newest snapshot (the last meeting), not the older one or none
            assert since.value == "Chefgruppemøde marts"
            assert dialog.since() == "Chefgruppemøde marts"
            await pilot.press("enter")
            await settle(pilot)
            assert not isinstance(app.screen, ExportDialog)
            assert target.exists()
            nonlocal first
            first = target.read_bytes()

            # The same file again: asked first, and "no" leaves the file as it was.
            await pilot.press("e")
            await settle(pilot)
            dialog = app.screen
            assert isinstance(dialog, ExportDialog)
            dialog.query_one("#since", Select).value = ""  # no Siden sidst this time
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, ConfirmDialog)
            assert "findes allerede" in str(app.screen.query_one(".question", Label).render())
            await pilot.press("n")
            await settle(pilot)
            assert app.screen is dialog
            assert target.read_bytes() == first
            # asked again, and "yes" replaces it
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, ConfirmDialog)
            await pilot.press("j")
            await settle(pilot)
            await until(pilot, lambda: not isinstance(app.screen, ExportDialog))

    asyncio.run(run())
    pack = load_workbook(io.BytesIO(first))
    assert pack.sheetnames[0] == "Siden sidst"
    assert pack["Siden sidst"]["A1"].value == (
        "Siden Chefgruppemøde marts (12.03.2018 kl. 10:00) til 12.03.2018"
    )
    moves = [r for r in pack["Siden sidst"].iter_rows(values_only=True) if r[0] == "H04"]
    assert moves and moves[0][2:4] == ("Besluttet", "Kvantificeret")
    # the second export, confirmed, replaced it: no Siden sidst this time
    book = load_workbook(target, read_only=True)
    assert book.sheetnames[0] == "Overblik" and "Siden sidst" not in book.sheetnames


def test_the_pack_written_from_the_dialog_starts_with_siden_sidst(
    later_parat: Parat, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Siden sidst since the snapshot, as md: the heading names the meeting and its own
    time, and the moves since then are listed (H04 back to Kvantificeret)."""
    from tui.app import create_app

    monkeypatch.chdir(tmp_path)
    app = create_app(later_parat, poll_seconds=None)

    async def run() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await pilot.press("e")
            await settle(pilot)
            dialog = app.screen
            assert isinstance(dialog, ExportDialog)
            dialog.query_one("#format", Select).value = "md"
            path = dialog.query_one("#path", Input)
            await until(pilot, lambda: path.value.endswith(".md"))
            await pilot.press("enter")
            await settle(pilot)
            await until(pilot, lambda: not isinstance(app.screen, ExportDialog))

    asyncio.run(run())
    md = (tmp_path / "parat-status-2018-03-12.md").read_text(encoding="utf-8")
    heading = "## Siden Chefgruppemøde marts (12.03.2018 kl. 10:00) til 12.03.2018\n"
    assert heading in md
    assert md.index(heading) < md.index("## Overblik")
    section = md[md.index(heading) : md.index("## Overblik")]
    assert "| H04 |" in section and "Kvantificeret" in section
    assert "Mangler budgetaftale" in section
