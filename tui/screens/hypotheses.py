"""Hypoteser: the table of all hypotheses, with search, filters, sorting and grouping
by area."""

from dataclasses import replace
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Input, Static

from tracker.domain.stages import Stage
from tracker.domain.status import Status
from tracker.i18n import N_, _
from tracker.report import HypothesisView, words
from tracker.report.words import stage_name
from tui.dialogs.note import StageNote, stage_dialog
from tui.fmt import count
from tui.messages import DataChanged
from tui.protocol import parat_ui
from tui.startup import fit_breakpoints
from tui.widgets.filter_bar import FilterBar, Filters
from tui.widgets.hypothesis_table import COLUMNS, HypothesisTable
from tui.widgets.keybar import KeyBar
from tui.widgets.topbar import TopBar

__all__ = ["HypothesesScreen"]


class HypothesesScreen(Screen[None]):
    """The secretariat's list; Enter opens a hypothesis."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "search", N_("Search"), id="hypotheses.search"),
        Binding("escape", "clear", N_("Clear"), id="hypotheses.clear"),
        Binding("d", "drop", N_("Drop"), id="hypotheses.drop"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._haystack: dict[str, str] = {}
        self._filters = Filters()

    def compose(self) -> ComposeResult:
        fit_breakpoints(self)
        yield TopBar("hypoteser")
        yield FilterBar()
        yield HypothesisTable(id="table")
        yield Static("", id="table-info")
        yield KeyBar()

    def on_mount(self) -> None:
        self.watch(self.app, "status", self._show)
        self.query_one(HypothesisTable).focus()

    @property
    def current_code(self) -> str | None:
        return self.query_one(HypothesisTable).current_code

    def _show(self, status: Status | None) -> None:
        self.query_one(TopBar).status = status
        if status is None:
            return
        self._haystack = {
            h.code: f"{h.code} {h.title} {h.area} {h.owner}".casefold() for h in status.hypotheses
        }
        self.query_one(FilterBar).update_options(status)
        table = self.query_one(HypothesisTable)
        table.set_filter(self._filters.predicate(self._haystack))
        table.set_data(status.hypotheses)
        self._info()

    def on_filter_bar_changed(self, event: FilterBar.Changed) -> None:
        old, new = self._filters, event.filters
        # Typing more letters can only drop rows: test only those shown.
        narrowing = (
            replace(old, text="") == replace(new, text="")
            and new.text.casefold().startswith(old.text.casefold())
            and len(new.text.split()) >= len(old.text.split())
        )
        self._filters = new
        self.refresh_bindings()
        table = self.query_one(HypothesisTable)
        table.set_filter(new.predicate(self._haystack), narrowing=narrowing)
        self._info()

    def _info(self) -> None:
        """What the table shows: how many rows, the order, the grouping, the unit, and
        the columns a narrow window hides (in a shorter form then)."""
        table = self.query_one(HypothesisTable)
        total = len(self._haystack)
        label = next(_(c.label) for c in COLUMNS if c.key == table.sort_key)
        hidden = [c for c in table.hidden_columns() if not (table.grouped and c == _(words.AREA))]
        shown = " " + _("Showing {shown} of {total}").format(
            shown=count(len(table.rows)), total=count(total)
        )
        if hidden:
            arrow = "▼" if table.sort_reverse else "▲"
            hidden_text = _("hidden: {columns}").format(columns=", ".join(hidden))
            parts = [shown, f"{label} {arrow}", _("mio. kr."), hidden_text]
            if table.grouped:
                parts.insert(2, _("by area"))
        else:
            order = _("descending") if table.sort_reverse else _("ascending")
            parts = [
                shown,
                _("sorted by {column} ({order})").format(column=label, order=order),
                _("amounts in mio. kr. for the target year"),
            ]
            if table.grouped:
                parts.insert(2, _("grouped by area with subtotals"))
        self.query_one("#table-info", Static).update(" · ".join(parts))

    def on_hypothesis_table_opened(self, event: HypothesisTable.Opened) -> None:
        parat_ui(self.app).open_hypothesis(event.code)

    def on_hypothesis_table_sorted(self) -> None:
        self._info()

    def on_hypothesis_table_arranged(self) -> None:
        self._info()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear":  # offered only when there is something to clear
            search = self.query_one("#search", Input)
            return search.has_focus or self._filters != Filters()
        return True

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_clear(self) -> None:
        search = self.query_one("#search", Input)
        if search.has_focus and search.value:
            self.query_one(HypothesisTable).focus()
            return
        self.query_one(FilterBar).clear()
        self.query_one(HypothesisTable).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one(HypothesisTable).focus()

    def action_drop(self) -> None:
        self.request_stage(Stage.DROPPED)

    def request_stage(self, stage: Stage) -> None:
        """Move the hypothesis under the cursor to ``stage``, asking for the note (which
        a move backward or to dropped needs) and the decision the move rests on."""
        code = self.current_code
        ui = parat_ui(self.app)
        row = ui.row(code) if code is not None else None
        if code is None or row is None or ui.refuse_write():
            return
        if row.stage is stage:
            self.notify(
                _("{code} is already {stage}.").format(code=code, stage=stage_name(stage).lower())
            )
            return

        def saved(view: HypothesisView) -> None:
            self.notify(
                _("{code} is now {stage}.").format(
                    code=view.code, stage=stage_name(view.stage).lower()
                )
            )
            self.post_message(DataChanged())

        def save(answer: StageNote | None) -> None:
            if answer is None:
                return
            ui.call_service(
                lambda p: p.set_stage(
                    code,
                    stage,
                    note=answer.note,
                    decision=answer.decision,
                    expect_version=row.version,
                ),
                saved,
            )

        self.app.push_screen(stage_dialog(code, row.stage, stage), save)
