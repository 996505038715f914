"""The figure grid shows amounts at the right edge, as the hypotheses table does, and
editing them still works (typing, clicking, saving)."""

import asyncio

from textual.widgets import Label

from tracker.services import Parat
from tui.app import ParatApp
from tui.widgets.amount_input import AmountInput

from .conftest import open_detail, settle


def _line(widget: AmountInput) -> str:
    """What the field shows (Input renders one cell more than its width)."""
    return widget.render_line(0).crop(0, widget.scrollable_content_region.width).text


def test_amounts_are_right_aligned_and_still_editable(app: ParatApp, ui_parat: Parat) -> None:
    async def run() -> None:
        async with app.run_test(size=(160, 50)) as pilot:
            await settle(pilot)
            screen = await open_detail(pilot, "H04")
            field = screen.query_one("#fig-potential-2018", AmountInput)
            assert field.value == "11"
            width = field.scrollable_content_region.width
            # "11" ends one cell before the edge (the cursor's cell), blanks before it
            assert _line(field) == "11".rjust(width - 1) + " "
            head = screen.query_one("#figure-grid .grid-money", Label)
            assert head.styles.text_align == "right"

            # A click on the last digit puts the cursor there; typing edits the value.
            await pilot.click(field, offset=(width - 2, 0))
            assert field.has_focus and field.cursor_position == 1
            await pilot.press("end", "comma", "5")
            assert field.value == "11,5"
            assert _line(field).rstrip().endswith("11,5")
            await pilot.press("enter")
            await settle(pilot)
            assert ui_parat.hypothesis("H04").figures[2018]["potential"] == 11_500_000
            screen.set_focus(None)
            await pilot.pause()
            assert _line(field) == "11,5".rjust(width - 1) + " "

    asyncio.run(run())
