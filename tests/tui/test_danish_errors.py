"""A refusal from the services reaches the Danish UI in Danish (the CLI keeps its
English lines: see tests/cli)."""

import asyncio

from textual.widgets import Input, Label

from tracker.services import Parat
from tui.app import ParatApp
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.new_hypothesis import NewHypothesisDialog

from .conftest import open_detail, settle


def _text(widget: Label) -> str:
    return str(widget.render())


def test_service_refusals_are_danish(app: ParatApp, ui_parat: Parat) -> None:
    async def run() -> None:
        async with app.run_test(size=(160, 50)) as pilot:
            await settle(pilot)

            # A code that exists already: the dialog comes back with the reason.
            await pilot.press("n")
            await pilot.pause()
            assert isinstance(app.screen, NewHypothesisDialog)
            app.screen.query_one("#new-code", Input).value = "H04"
            await pilot.press("tab", *"Endnu en rehabilitering", "enter")
            await settle(pilot)
            assert isinstance(app.screen, NewHypothesisDialog)
            error = _text(app.screen.query_one("#new-error", Label))
            assert error == "Hypotesen H04 findes allerede: vælg en anden kode."
            await pilot.press("escape")
            await settle(pilot)

            # An empty title, refused by the services' check, next to the field.
            screen = await open_detail(pilot, "H04")
            screen.query_one("#title", Input).value = "   "
            screen.query_one("#title", Input).focus()
            await pilot.press("enter")
            await settle(pilot)
            assert _text(screen.query_one("#fields-error", Label)) == "✖ Titel må ikke være tom."
            assert ui_parat.hypothesis("H04").hypothesis.title.startswith("Rehabilitering")
            screen.query_one("#title", Input).value = screen.loaded["title"]
            await pilot.press("escape")
            await settle(pilot)

            # A moment before the programme existed: said in Danish, and the UI does not
            # offer to create a programme that is there.
            app.view_moment("01.01.2010", ui_parat.resolve_moment("01.01.2010"))
            await settle(pilot)
            assert not isinstance(app.screen, ConfirmDialog)
            messages = [str(n.message) for n in app._notifications]
            assert any(
                m.startswith("Programmet fandtes ikke endnu pr. 01.01.2010") for m in messages
            )
            assert not any("did not exist" in m for m in messages)

    asyncio.run(run())
