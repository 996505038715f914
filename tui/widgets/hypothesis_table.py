"""A virtual table of hypotheses: only the rows on screen are ever rendered.

The built-in ``DataTable`` builds every row before its first paint (about 70 µs a
row); this widget keeps the rows as plain status values and renders the visible
lines on demand (Textual's line API), so 10,000 rows filter, sort and scroll as
fast as sixteen. Grouped by area (key ``o``), each area's heading carries its
subtotals and the last line the total of the rows shown.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tracker.domain.codes import code_key
from tracker.domain.status import HypothesisContribution
from tracker.i18n import N_, _
from tui.fmt import mio_short
from tui.widgets.hypothesis_columns import COLUMNS, Column, GroupLine, fit, grouped, layout

__all__ = ["COLUMNS", "Column", "HypothesisTable"]

_INDEX = {c.key: i for i, c in enumerate(COLUMNS)}


class HypothesisTable(ScrollView, can_focus=True):
    """Hypotheses as rows; sortable by any column (key ``s`` or a click on its header),
    grouped by area or not (key ``o``)."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "hypothesis-table--header",
        "hypothesis-table--cursor",
        "hypothesis-table--sorted",
        "hypothesis-table--dim",
        "hypothesis-table--group",
        "hypothesis-table--total",
    }
    DEFAULT_CSS = """
    HypothesisTable { height: 1fr; overflow-x: hidden; scrollbar-size-vertical: 1; }
    HypothesisTable > .hypothesis-table--header { text-style: bold; color: $text-accent; }
    HypothesisTable > .hypothesis-table--sorted { text-style: bold underline; color: $text-accent; }
    HypothesisTable > .hypothesis-table--cursor { background: $surface-lighten-2; }
    HypothesisTable:focus > .hypothesis-table--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: bold;
    }
    HypothesisTable > .hypothesis-table--dim { color: $text-muted; }
    HypothesisTable > .hypothesis-table--group { text-style: bold; background: $boost; }
    HypothesisTable > .hypothesis-table--total { text-style: bold; color: $text-accent; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", N_("Open"), id="table.open"),
        Binding("s", "sort_next", N_("Sort"), id="table.sort"),
        Binding("S", "sort_reverse", N_("Reverse"), id="table.reverse"),
        Binding("o", "toggle_groups", N_("Group"), id="table.group"),
        Binding("up,k", "move(-1)", N_("Up"), show=False, id="table.up"),
        Binding("down,j", "move(1)", N_("Down"), show=False, id="table.down"),
        Binding("pageup", "page(-1)", N_("Page up"), show=False, id="table.pageup"),
        Binding("pagedown", "page(1)", N_("Page down"), show=False, id="table.pagedown"),
        Binding("home,g", "jump(0)", N_("First"), show=False, id="table.first"),
        Binding("end,G", "jump(-1)", N_("Last"), show=False, id="table.last"),
    ]

    cursor: reactive[int] = reactive(0, always_update=True)
    """The row under the cursor (an index into :attr:`rows`)."""

    @dataclass
    class Opened(Message):
        """The user chose a hypothesis (Enter, double click)."""

        code: str

    class Sorted(Message):
        """The sort order changed."""

    class Arranged(Message):
        """The grouping or the columns shown changed (the width)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._all: list[HypothesisContribution] = []
        self._sorted: list[HypothesisContribution] = []
        self.rows: list[HypothesisContribution] = []
        """The rows shown, in the order shown."""
        self._shown: list[HypothesisContribution] = []
        """The rows the filter keeps, in sort order (before grouping)."""
        self._filter: Callable[[HypothesisContribution], bool] | None = None
        self.sort_key = "code"
        self.sort_reverse = False
        self.grouped = False
        """Grouped by area, with each area's subtotals and the total."""
        self._lines: list[int | GroupLine] | None = None
        """Grouped: what each line shows (a row's index or a group line)."""
        self._line_of: list[int] = []
        """Grouped: the line of each row."""
        self._layout: list[tuple[Column, int]] = []
        self._hidden: list[str] = []
        """The columns hidden at the width last laid out."""
        self._cells: dict[str, tuple[str, ...]] = {}
        """Formatted cells per code: Danish number formatting is the costly part."""

    # -- data ------------------------------------------------------------------
    def set_data(self, rows: Sequence[HypothesisContribution]) -> None:
        """Replace all rows (the status's hypotheses), keeping sort, filter and cursor."""
        current = self.current_code
        self._all = list(rows)
        self._cells.clear()
        self._resort()
        self._refilter(keep=current)

    def set_filter(
        self, predicate: Callable[[HypothesisContribution], bool] | None, *, narrowing: bool = False
    ) -> None:
        """Show the rows that ``predicate`` keeps. ``narrowing`` says it keeps no row the
        previous filter dropped (more letters typed), so only the shown rows are tested."""
        current = self.current_code
        self._filter = predicate
        self._refilter(keep=current, narrowing=narrowing)

    def sort_by(self, key: str, reverse: bool | None = None) -> None:
        current = self.current_code
        if reverse is None:
            reverse = not self.sort_reverse if key == self.sort_key else False
        self.sort_key, self.sort_reverse = key, reverse
        self._resort()
        self._refilter(keep=current)
        self.post_message(self.Sorted())

    def group(self, on: bool) -> None:
        """Group the rows by area (``True``) or show them as one list."""
        current = self.current_code
        self.grouped = on
        self._refilter(keep=current)
        self.post_message(self.Arranged())

    def _resort(self) -> None:
        column = next(c for c in COLUMNS if c.key == self.sort_key)
        # Stable secondary order by code keeps equal values in a predictable order.
        ordered = sorted(self._all, key=lambda h: code_key(h.code))
        self._sorted = sorted(ordered, key=column.sort, reverse=self.sort_reverse)

    def _refilter(self, keep: str | None, narrowing: bool = False) -> None:
        pred = self._filter
        source = self._shown if narrowing else self._sorted
        self._shown = self._sorted if pred is None else [h for h in source if pred(h)]
        if self.grouped:
            self.rows, self._lines = grouped(self._shown)
            self._line_of = [i for i, line in enumerate(self._lines) if isinstance(line, int)]
        else:
            self.rows, self._lines, self._line_of = self._shown, None, []
        index = 0
        if keep is not None:
            index = next((i for i, h in enumerate(self.rows) if h.code == keep), 0)
        self.virtual_size = Size(self._width, self._line_count + 1)
        self.cursor = index
        self.refresh()

    @property
    def _line_count(self) -> int:
        return len(self._lines) if self._lines is not None else len(self.rows)

    def _line(self, row: int) -> int:
        """The line that shows row ``row``."""
        return self._line_of[row] if self._lines is not None and self._line_of else row

    @property
    def current_code(self) -> str | None:
        if 0 <= self.cursor < len(self.rows):
            return self.rows[self.cursor].code
        return None

    def select_code(self, code: str) -> None:
        for i, h in enumerate(self.rows):
            if h.code == code:
                self.cursor = i
                return

    # -- layout and rendering -----------------------------------------------------
    @property
    def _width(self) -> int:
        """The cells left for the columns: the vertical scrollbar takes its own."""
        return self.scrollable_content_region.width

    def on_resize(self, event: events.Resize) -> None:
        self._layout = []
        self.virtual_size = Size(self._width, self._line_count + 1)
        self.watch_cursor(self.cursor)
        hidden = self.hidden_columns()
        if hidden != self._hidden:
            self._hidden = hidden
            self.post_message(self.Arranged())

    def _columns(self, width: int) -> list[tuple[Column, int]]:
        if self._layout and sum(w for _, w in self._layout) + len(self._layout) == width:
            return self._layout
        self._layout = layout(width)
        return self._layout

    def hidden_columns(self) -> list[str]:
        """The labels of the columns that gave way to the width (none when wide)."""
        shown = {c.key for c, _ in self._columns(self._width)} if self._width else None
        return [_(c.label) for c in COLUMNS if shown is not None and c.key not in shown]

    def column_at(self, x: int) -> str | None:
        position = 0
        for column, w in self._columns(self._width):
            if position <= x < position + w + 1:
                return column.key
            position += w + 1
        return None

    def render_line(self, y: int) -> Strip:
        width = self._width
        base = self.rich_style
        if y == 0:
            return self._header(width, base)
        index = self.scroll_offset.y + y - 1
        if index >= self._line_count:
            if index == 0:
                dim = self.get_component_rich_style("hypothesis-table--dim")
                text = " " + _("No hypothesis matches the filter.")
                return Strip([Segment(fit(text, width), base + dim)], width)
            return Strip.blank(width, base)
        line = self._lines[index] if self._lines is not None else index
        if isinstance(line, GroupLine):
            return self._group_line(line, width, base)
        row = self.rows[line]
        style = base
        if line == self.cursor:
            style = base + self.get_component_rich_style("hypothesis-table--cursor")
        cells = self._cells.get(row.code)
        if cells is None:
            cells = self._cells[row.code] = tuple(c.value(row) for c in COLUMNS)
        index_of = _INDEX
        text = "".join(
            " " + fit(cells[index_of[column.key]], w, column.numeric)
            for column, w in self._columns(width)
        )
        return Strip([Segment(text, style)], width).adjust_cell_length(width, style)

    def _group_line(self, line: GroupLine, width: int, base: Style) -> Strip:
        """An area's heading (or the total): the label across the columns before the
        amounts, the sums under the amounts."""
        part = "hypothesis-table--total" if line.total else "hypothesis-table--group"
        style = base + self.get_component_rich_style(part)
        columns = self._columns(width)
        first = next((i for i, (c, _) in enumerate(columns) if c.numeric), len(columns))
        span = sum(w for _, w in columns[:first]) + first - 1
        text = " " + fit(line.label, span)
        for column, w in columns[first:]:
            shown = mio_short(line.sums[column.amount]) if column.numeric else ""
            text += " " + fit(shown, w, column.numeric)
        return Strip([Segment(text, style)], width).adjust_cell_length(width, style)

    def _header(self, width: int, base: Style) -> Strip:
        header = base + self.get_component_rich_style("hypothesis-table--header")
        sorted_style = base + self.get_component_rich_style("hypothesis-table--sorted")
        segments = []
        for column, w in self._columns(width):
            label = _(column.label)
            if column.key == self.sort_key:
                label += " ▼" if self.sort_reverse else " ▲"
            style = sorted_style if column.key == self.sort_key else header
            segments.append(Segment(" ", header))
            segments.append(Segment(fit(label, w, column.numeric), style))
        return Strip(segments, width).adjust_cell_length(width, header)

    # -- cursor and keys ---------------------------------------------------------
    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self.rows) - 1)) if self.rows else 0

    def watch_cursor(self, value: int) -> None:
        body = max(1, self.size.height - 1)
        top = self.scroll_offset.y
        line = self._line(value)
        if self._lines is not None and line > 0 and isinstance(self._lines[line - 1], GroupLine):
            first = line - 1  # the area's heading stays in view with its first row
        else:
            first = line
        if first < top:
            self.scroll_to(y=first, animate=False, immediate=True)
        elif line >= top + body:
            self.scroll_to(y=line - body + 1, animate=False, immediate=True)
        self.refresh()

    def action_move(self, delta: int) -> None:
        self.cursor += delta

    def action_page(self, direction: int) -> None:
        self.cursor += direction * max(1, self.size.height - 2)

    def action_jump(self, where: int) -> None:
        self.cursor = 0 if where == 0 else len(self.rows) - 1

    def action_open(self) -> None:
        if self.current_code is not None:
            self.post_message(self.Opened(self.current_code))

    def action_sort_next(self) -> None:
        keys = [c.key for c, _ in self._columns(self._width)]
        position = keys.index(self.sort_key) if self.sort_key in keys else -1
        self.sort_by(keys[(position + 1) % len(keys)], reverse=False)

    def action_sort_reverse(self) -> None:
        self.sort_by(self.sort_key, reverse=not self.sort_reverse)

    def action_toggle_groups(self) -> None:
        self.group(not self.grouped)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        if offset.y == 0:
            key = self.column_at(offset.x)
            if key is not None:
                self.sort_by(key)
            return
        index = self.scroll_offset.y + offset.y - 1
        if index >= self._line_count:
            return
        line = self._lines[index] if self._lines is not None else index
        if isinstance(line, int):
            already = line == self.cursor
            self.cursor = line
            if already or event.chain >= 2:
                self.action_open()
