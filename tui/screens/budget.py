"""Budget: from decision to budget and accounts (the content of ``parat budget report``
and ``parat budget cuts``).

The follow-up per ramme for a year (the programme's target year; ``[`` and ``]``
step it), with the sign note under it; the cuts per hypothesis; and what is decided
but not udmøntet for the target year (the status's own warnings, so the screen and
``parat status`` never disagree). While the UI shows the past, so does this screen.
"""

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Label, Static

from tracker.domain.budget import BudgetFollowUp
from tracker.domain.money import Display
from tracker.domain.status import Status
from tracker.errors import ParatError
from tracker.i18n import N_, _
from tracker.report import words as w
from tracker.report.budget import (
    BUDGET_FOLLOW_UP,
    COLUMNS,
    CUTS_NOTE,
    SHORT_COLUMNS,
    SIGN_NOTE,
    CutView,
    budget_rows,
    table_decimals,
)
from tracker.report.words import warning_sentence
from tui.access import error_text
from tui.protocol import parat_ui
from tui.startup import fit_breakpoints
from tui.widgets.keybar import KeyBar
from tui.widgets.topbar import TopBar

__all__ = ["BudgetScreen", "undecided_text"]


@dataclass(frozen=True, slots=True)
class _Loaded:
    follow_up: BudgetFollowUp
    cuts: list[CutView]
    display: Display


def undecided_text(status: Status | None) -> str:
    """The decided gains with nothing udmøntet for the target year, one a line."""
    if status is None:
        return _("Loading …")
    if not status.programme.has_rammer:
        return _("No rammer yet: create them with `parat ramme add` to follow the implementation.")
    lines = [
        f"▲ {warning_sentence(x)}" for x in status.warnings if x.code == "decided-not-budgeted"
    ]
    return "\n".join(lines) or _("Everything decided is implemented ✓")


class BudgetScreen(Screen[None]):
    """The finance department's view: budget follow-up and udmøntning."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left_square_bracket", "year(-1)", N_("Previous year"), id="budget.previous_year"),
        Binding("right_square_bracket", "year(1)", N_("Next year"), id="budget.next_year"),
        Binding("j,down", "scroll(1)", N_("Scroll"), show=False, id="budget.down"),
        Binding("k,up", "scroll(-1)", N_("Scroll up"), show=False, id="budget.up"),
    ]
    AUTO_FOCUS = None

    def __init__(self) -> None:
        super().__init__()
        self.year: int | None = None
        """The budget year shown (``None``: the programme's target year then)."""
        self.loaded: _Loaded | None = None

    def compose(self) -> ComposeResult:
        fit_breakpoints(self)
        yield TopBar("budget")
        yield Static(_("Loading …"), id="budget-head")
        yield Label("", id="budget-error", classes="error")
        with VerticalScroll(id="budget-body"):
            with VerticalScroll(id="budget-follow-up", classes="panel"):
                yield DataTable(id="budget-table", cursor_type="row", zebra_stripes=True)
                yield Static(_(SIGN_NOTE), id="budget-note")
            with VerticalScroll(id="budget-cuts", classes="panel"):
                yield DataTable(id="cuts-table", cursor_type="row", zebra_stripes=True)
            yield Static("", id="budget-undecided", classes="panel")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#budget-follow-up").border_title = _(BUDGET_FOLLOW_UP)
        self.query_one("#budget-cuts").border_title = _("Cuts per hypothesis")
        self.query_one("#budget-undecided").border_title = _("Decided, but not implemented")
        follow = self.query_one("#budget-table", DataTable)
        follow.add_column(_(w.RAMME), key="ramme")
        for key, _signed in COLUMNS:
            follow.add_column(_(SHORT_COLUMNS[key]), key=key)
        cuts = self.query_one("#cuts-table", DataTable)
        for label, key in ((w.CODE, "code"), (w.RAMME, "ramme"), (w.YEAR, "year"),
                           (w.AMOUNT, "amount"), (w.DECISION, "decision")):  # fmt: skip
            cuts.add_column(_(label), key=key)
        self.watch(self.app, "status", self._status_changed)

    def _status_changed(self, status: Status | None) -> None:
        self.query_one(TopBar).status = status
        self.query_one("#budget-undecided", Static).update(undecided_text(status))
        if status is not None:
            self._load(self._year(status))

    def _year(self, status: Status) -> int:
        return self.year if self.year is not None else status.programme.target_year

    def action_year(self, step: int) -> None:
        status = parat_ui(self.app).status
        if status is None:
            return
        self.year = self._year(status) + step
        self._load(self.year)

    def action_scroll(self, delta: int) -> None:
        self.query_one("#budget-body", VerticalScroll).scroll_relative(y=delta, animate=False)

    @work(thread=True, exclusive=True, group="budget-load")
    def _load(self, year: int) -> None:
        ui = parat_ui(self.app)
        parat, as_of = ui.parat, ui.as_of
        try:
            follow_up = parat.budget_report(year, as_of)
            loaded = _Loaded(follow_up, parat.cuts(as_of=as_of), parat.programme().display)
        except ParatError as error:
            self.app.call_from_thread(self._error, error_text(error))
            return
        self.app.call_from_thread(self._show, loaded)

    def _show(self, loaded: _Loaded) -> None:
        self.loaded = loaded
        self._error("")
        f, shown = loaded.follow_up, loaded.display
        decimals = table_decimals(f, shown)
        self.query_one("#budget-head", Static).update(
            f"[b]{_(BUDGET_FOLLOW_UP)} {f.year}[/b] · "
            + _("{count} rammer · amounts in {unit} · [dim]\\[ ] changes year[/dim]").format(
                count=len(f.lines), unit=shown.suffix
            )
        )
        table = self.query_one("#budget-table", DataTable)
        table.clear()
        for i, row in enumerate(budget_rows(f, shown, decimals)):
            label = row.label if row.kind == "line" else f"[b]{row.label}[/b]"
            indent = {"group": "  ", "line": "    ", "subtotal": "  "}.get(row.kind, "")
            cells = [Text(c, justify="right") for c in row.cells or ("",) * len(COLUMNS)]
            table.add_row(indent + label, *cells, key=f"row-{i}")
        note = _(SIGN_NOTE) + (f" {_(CUTS_NOTE)}" if f.totals.cuts_kr else "")
        self.query_one("#budget-note", Static).update(note if f.lines else "")
        cuts = self.query_one("#cuts-table", DataTable)
        cuts.clear()
        for c in loaded.cuts:
            amount = shown.number(c.amount_kr, shown.change_decimals(None, c.amount_kr))
            cuts.add_row(c.code, c.ramme, str(c.year), Text(amount, justify="right"), c.decision)
        if not loaded.cuts:
            cuts.add_row(_(w.NO_CUTS), "", "", "", "")

    def _error(self, text: str) -> None:
        label = self.query_one("#budget-error", Label)
        label.update(f"✖ {text}" if text else "")
        label.display = bool(text)
