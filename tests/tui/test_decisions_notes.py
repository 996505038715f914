"""Decisions and notes where the work happens: a stage move in the UI names the
decision it rests on (the note dialog), which then shows in the history and in Siden
sidst; a figure edited in the grid takes a note into the history."""

import asyncio

from textual.widgets import Input, Label

from tracker.services import Parat
from tui.app import create_app
from tui.dialogs.note import NoteDialog
from tui.screens.since import SinceScreen
from tui.widgets.diff_view import DiffMoves
from tui.widgets.history import HistoryTable
from tui.widgets.hypothesis_table import HypothesisTable

from .conftest import open_detail, settle, static_text

DECISION = "Chefgruppemøde 2, 12.03.2018"


def test_a_stage_move_names_its_decision(later_parat: Parat) -> None:
    """H05 (kvalificeret) to besluttet on its own screen: the dialog starts in the
    decision; the decision is kept with the move and shown in the history and in
    Siden sidst."""
    app = create_app(later_parat, poll_seconds=None)

    async def run() -> None:
        async with app.run_test(size=(160, 50)) as pilot:
            await settle(pilot)
            screen = await open_detail(pilot, "H05")
            await pilot.click("#stage")
            await pilot.press("down", "down", "enter")  # kvalificeret → besluttet
            await pilot.pause()
            dialog = app.screen
            assert isinstance(dialog, NoteDialog)
            assert dialog.focused is dialog.query_one("#decision", Input)
            await pilot.press(*DECISION)
            await pilot.press("enter")
            await settle(pilot)
            assert app.screen is screen
            event = later_parat.hypothesis("H05", events=1).events[0]
            assert (event.field, event.new_value, event.decision, event.note) == (
                "stage",
                "decided",
                DECISION,
                "",
            )
            history = screen.query_one(HistoryTable)
            assert [str(c.label) for c in history.columns.values()][6:] == ["Beslutning", "Note"]
            assert [str(c) for c in history.get_row_at(0)][6] == DECISION

            await pilot.press("escape")  # back to the table, then Siden sidst
            await pilot.press("3")
            await settle(pilot)
            assert isinstance(app.screen, SinceScreen)
            moves = static_text(app.screen.query_one(DiffMoves))
            assert f"Beslutning: {DECISION}" in moves

    asyncio.run(run())


def test_a_drop_needs_its_note_and_may_name_a_decision(later_parat: Parat) -> None:
    """From the table: `d` on H13 asks why (required) and for the decision."""
    app = create_app(later_parat, poll_seconds=None)

    async def run() -> None:
        async with app.run_test(size=(160, 50)) as pilot:
            await settle(pilot)
            await pilot.press("2")
            await settle(pilot)
            await pilot.press("slash", *"inklusion", "enter")  # search, back to the table
            assert [h.code for h in app.screen.query_one(HypothesisTable).rows] == ["H13"]
            await pilot.press("d")
            await pilot.pause()
            dialog = app.screen
            assert isinstance(dialog, NoteDialog)
            await pilot.press("tab", *"Byrådet 08.10.2015, pkt. 12", "enter")
            await pilot.pause()
            assert app.screen is dialog  # no note yet: nothing is saved
            assert "påkrævet" in str(dialog.query_one("#note-error", Label).render())
            assert later_parat.hypothesis("H13").hypothesis.stage.value == "identified"
            await pilot.press(*"Indgår i H08", "enter")
            await settle(pilot)
            event = later_parat.hypothesis("H13", events=1).events[0]
            assert (event.new_value, event.note, event.decision) == (
                "dropped",
                "Indgår i H08",
                "Byrådet 08.10.2015, pkt. 12",
            )

    asyncio.run(run())


def test_a_figure_edited_in_the_grid_takes_the_note(later_parat: Parat) -> None:
    """The note below the grid goes with the figures saved next, as `figure set
    --note` does, and is emptied once it is in the history; Enter in the note saves
    the changed figures."""
    app = create_app(later_parat, poll_seconds=None)

    async def run() -> None:
        async with app.run_test(size=(160, 50)) as pilot:
            await settle(pilot)
            screen = await open_detail(pilot, "H04")
            note = screen.query_one("#figure-note", Input)
            # The note first, then Enter in the cell.
            note.value = "Budgetopfølgning 2"
            cell = screen.query_one("#fig-potential-2018", Input)
            cell.focus()
            cell.value = "12,5"
            await pilot.press("enter")
            await settle(pilot)
            detail = later_parat.hypothesis("H04", events=1)
            assert detail.figures[2018]["potential"] == 12_500_000
            event = detail.events[0]
            assert (event.field, event.new_value, event.note) == (
                "potential.2018",
                "12500000",
                "Budgetopfølgning 2",
            )
            assert note.value == ""
            assert "Budgetopfølgning 2" in [str(c) for c in screen.query_one(
                HistoryTable).get_row_at(0)]  # fmt: skip

            # Two cells changed, then Enter in the note saves both with it.
            screen.query_one("#fig-realised-2016", Input).value = "4,3"
            screen.query_one("#fig-investment-2017", Input).value = "0,5"
            note.focus()
            await pilot.press(*"Regnskab 2016", "enter")
            await settle(pilot)
            events = later_parat.hypothesis("H04", events=2).events
            assert {(e.field, e.note) for e in events} == {
                ("realised.2016", "Regnskab 2016"),
                ("investment.2017", "Regnskab 2016"),
            }
            assert note.value == ""
            assert not screen.dirty_fields()

            # With nothing changed, Enter in the note saves nothing and says so.
            await pilot.press(*"Ingen tal", "enter")
            await settle(pilot)
            assert later_parat.hypothesis("H04", events=1).events[0].note == "Regnskab 2016"
            assert note.value == "Ingen tal"

    asyncio.run(run())
