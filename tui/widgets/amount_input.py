"""An input for amounts that sits at the right edge, as numbers do in a table.

Textual's ``Input`` ignores ``text-align``; this one honours ``text-align: right``
(set in app.tcss), while typing, selecting and clicking work as in any input. A value
longer than the field scrolls as usual.
"""

from rich.segment import Segment
from textual.geometry import Offset
from textual.strip import Strip

from tui.widgets.inputs import OrderedInput

__all__ = ["AmountInput"]


class AmountInput(OrderedInput):
    """An ``Input`` that honours ``text-align: right``."""

    def _pad(self) -> int:
        """Blank cells before the text: the room the text (and cursor) leave free."""
        if self.styles.text_align not in ("right", "end") or self.scroll_offset.x:
            return 0
        return max(0, self.scrollable_content_region.width - self.content_width)

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        pad = self._pad() if y == 0 else 0
        if not pad:
            return strip
        width = strip.cell_length
        blank = Segment(" " * pad, self.rich_style)
        return Strip([blank, *strip], width + pad).crop(0, width)

    def _cell_offset_to_index(self, offset: int) -> int:
        # A click lands on the shifted text: take the padding off first.
        return super()._cell_offset_to_index(offset - self._pad())

    @property
    def cursor_screen_offset(self) -> Offset:
        return super().cursor_screen_offset + Offset(self._pad(), 0)
