"""The workbench keeps faith: while one field is being edited, everything else follows
the database; the edited field is marked while unsaved and while invalid; the
screen's letter keys are never typed into a field; the new-hypothesis dialog starts
in the code and suggests the areas and owners in use."""

import asyncio
from pathlib import Path

from textual.widgets import Input, Label

from tracker.services import Parat
from tui.app import ParatApp, create_app
from tui.dialogs.new_hypothesis import NewHypothesisDialog
from tui.screens.detail import DetailScreen
from tui.widgets.keybar import KeyBar

from .conftest import open_detail, other_process, settle, until


def _notices(app: ParatApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


def _bar(screen: DetailScreen) -> str:
    return screen.query_one(KeyBar).render().plain  # type: ignore[union-attr]


def _value(screen: DetailScreen, field: str) -> str:
    return screen.query_one(f"#{field}", Input).value


def test_others_changes_to_other_fields_appear_while_a_cell_is_edited(
    ui_parat: Parat, demo_db: Path
) -> None:
    """Another process changes the owner and another year's figure while the target
    year's potential is being typed: both appear within the poll, a notice says what
    changed, the typed text stays; saving it then keeps the other's changes."""

    async def run() -> None:
        app = create_app(ui_parat, poll_seconds=0.2)
        async with app.run_test(size=(160, 50)) as pilot:
            await settle(pilot)
            screen = await open_detail(pilot, "H04")
            await pilot.press("t", "end", "comma", "5")  # 11 → 11,5, not saved
            assert _value(screen, "fig-potential-2018") == "11,5"
            assert screen.dirty_fields() == ["fig-potential-2018"]

            other_process(demo_db, "hypothesis", "set", "H04", "--owner", "Kim Holm")
            other_process(demo_db, "figure", "set", "H04", "2017", "--potential", "9")
            await until(
                pilot,
                lambda: (
                    _value(screen, "owner") == "Kim Holm"
                    and _value(screen, "fig-potential-2017") == "9"
                ),
                seconds=5,
            )
            assert _value(screen, "fig-potential-2018") == "11,5"  # left alone
            assert screen.focused is screen.query_one("#fig-potential-2018")
            assert screen.query_one("#fig-potential-2018").has_class("-unsaved")
            assert not screen.query_one("#owner").has_class("-unsaved")
            # One notice per fresh read (the two writes may be read apart): together
            # they name both fields and keep the edit.
            notices = [n for n in _notices(app) if n.startswith("H04 er ændret af en anden: ")]
            assert notices, _notices(app)
            assert all("Din ændring af 2018 Potentiale er bevaret" in n for n in notices)
            said = " ".join(notices)
            assert "Ansvarlig" in said and "2017 Potentiale" in said

            await pilot.press("enter")  # no conflict: nobody else touched this figure
            await settle(pilot)
            assert isinstance(app.screen, DetailScreen)
            stored = ui_parat.hypothesis("H04")
            assert stored.figures[2018]["potential"] == 11_500_000
            assert stored.figures[2017]["potential"] == 9_000_000
            assert stored.hypothesis.owner == "Kim Holm"
            assert not screen.query_one("#fig-potential-2018").has_class("-unsaved")

    asyncio.run(run())


def test_a_change_to_the_field_being_edited_is_announced_and_saving_asks(
    ui_parat: Parat, demo_db: Path
) -> None:
    async def run() -> None:
        app = create_app(ui_parat, poll_seconds=0.2)
        async with app.run_test(size=(160, 50)) as pilot:
            await settle(pilot)
            screen = await open_detail(pilot, "H04")
            await pilot.press("t", "end", "comma", "5")
            other_process(demo_db, "figure", "set", "H04", "2018", "--potential", "8")
            other_process(demo_db, "hypothesis", "set", "H04", "--area", "Sundhed")
            await until(pilot, lambda: _value(screen, "area") == "Sundhed", seconds=5)
            assert _value(screen, "fig-potential-2018") == "11,5"
            assert any(
                "En anden har også ændret 2018 Potentiale, som du redigerer (nu 8,0 mio. kr.)" in n
                for n in _notices(app)
            ), _notices(app)
            await pilot.press("enter")
            await settle(pilot)
            dialog = app.screen
            assert type(dialog).__name__ == "ConflictDialog"
            assert (dialog.mine, dialog.theirs) == ("11,5 mio. kr.", "8,0 mio. kr.")  # type: ignore[attr-defined]
            assert ui_parat.hypothesis("H04").figures[2018]["potential"] == 8_000_000

    asyncio.run(run())


def test_screen_letters_never_reach_a_cell(app: ParatApp, ui_parat: Parat) -> None:
    """In a cell the key bar offers only keys that work there (t and f would be typed,
    and "29t" is an amount); outside it, t and f move the focus and type nothing."""

    async def run() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            screen = await open_detail(pilot, "H04")
            before = ui_parat.hypothesis("H04")
            assert " t Tal" in _bar(screen) and " f Felter" in _bar(screen)

            await pilot.press("t")  # to the target year's potential
            cell = screen.query_one("#fig-potential-2018", Input)
            assert screen.focused is cell and cell.value == "11"
            await pilot.pause()
            bar = _bar(screen)
            assert "esc Forlad feltet" in bar and "^s Gem alt" in bar
            for gone in (" t Tal", " f Felter", " d Forkast", " n Ny", " q Afslut", "? Hjælp"):
                assert gone not in bar, (gone, bar)
            assert "f1 Hjælp" in bar  # help's other key works in a field

            await pilot.press("escape")  # leave the field: the letters work again
            await pilot.pause()
            assert screen.focused is None and " f Felter" in _bar(screen)
            await pilot.press("f")
            assert screen.focused is screen.query_one("#title")
            await pilot.press("escape", "t")
            assert screen.focused is cell
            await pilot.press("escape", "f", "escape", "t", "escape")
            await settle(pilot)
            assert cell.value == "11" and _value(screen, "title") == before.hypothesis.title
            assert screen.dirty_fields() == []
            assert ui_parat.hypothesis("H04") == before

    asyncio.run(run())


def test_an_unsaved_cell_and_an_invalid_one_are_marked(app: ParatApp, ui_parat: Parat) -> None:
    async def run() -> None:
        async with app.run_test(size=(160, 50)) as pilot:
            await settle(pilot)
            screen = await open_detail(pilot, "H04")
            cell = screen.query_one("#fig-potential-2018", Input)
            error = screen.query_one("#figures-error", Label)
            await pilot.press("t", "end", "comma")  # "11," is not an amount yet
            assert cell.has_class("-unsaved") and cell.has_class("-invalid")
            assert "mangler cifre efter kommaet" in str(error.render())
            await pilot.press("5")  # "11,5": valid, still unsaved
            assert cell.has_class("-unsaved") and not cell.has_class("-invalid")
            assert str(error.render()) == ""
            await pilot.press("comma", "escape")  # invalid again; the marks stay on leaving
            await pilot.pause()
            assert screen.focused is None
            assert cell.has_class("-unsaved") and cell.has_class("-invalid")
            # The marks are drawn: a coloured bar at the left edge of the cell.
            assert cell.styles.border_left[0] != "" and cell.styles.text_style.bold
            await pilot.press("t", "end", "backspace")  # back to "11,5"
            await pilot.press("enter")
            await settle(pilot)
            assert ui_parat.hypothesis("H04").figures[2018]["potential"] == 11_500_000
            assert not cell.has_class("-unsaved") and not cell.has_class("-invalid")
            assert cell.styles.border_left[0] == ""

    asyncio.run(run())


def test_the_new_hypothesis_dialog_starts_in_the_code_and_suggests(
    app: ParatApp, ui_parat: Parat
) -> None:
    async def run() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("n")
            await pilot.pause()
            dialog = app.screen
            assert isinstance(dialog, NewHypothesisDialog)
            code = dialog.query_one("#new-code", Input)
            assert dialog.focused is code and code.value == "H17"
            assert code.selected_text == "H17"  # typing replaces the proposal
            await pilot.press(*"H30", "tab", *"Ny idé", "tab")
            assert code.value == "H30"
            assert dialog.query_one("#new-title", Input).value == "Ny idé"

            area = dialog.query_one("#new-area", Input)
            await pilot.press(*"æld")
            await until(pilot, lambda: area._suggestion == "Ældre og sundhed")
            await pilot.press("right")  # takes the suggestion, spelt as in use
            assert area.value == "Ældre og sundhed"
            await pilot.press("tab", *"lone")
            owner = dialog.query_one("#new-owner", Input)
            await until(pilot, lambda: owner._suggestion == "Lone Bech")
            await pilot.press("right", "enter")
            await settle(pilot)
            stored = ui_parat.hypothesis("H30").hypothesis
            assert (stored.title, stored.area, stored.owner) == (
                "Ny idé",
                "Ældre og sundhed",
                "Lone Bech",
            )

    asyncio.run(run())
