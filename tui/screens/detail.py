"""One hypothesis: its fields and its figures edited in place, and its history.

The form (loading, what the user changed, saving it) is
:class:`tui.screens.detail_form.DetailForm`. This screen lays it out and holds its
conversations: the note a stage move needs, the conflict when someone else saved
first, and the question before unsaved edits are left behind.
"""

from typing import ClassVar

from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Vertical, VerticalScroll
from textual.widgets import Input, Select, Static, TextArea

from tracker.domain.stages import Stage
from tracker.i18n import N_, _
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.conflict import ConflictChoice, ConflictDialog
from tui.dialogs.note import StageNote, stage_dialog
from tui.edits import Edit, field_label, shown_value
from tui.messages import DataChanged, StaleConflict
from tui.screens.detail_form import DetailForm
from tui.startup import fit_breakpoints
from tui.widgets.history import HistoryTable
from tui.widgets.hypothesis_form import FieldsPanel, FiguresPanel
from tui.widgets.keybar import KeyBar
from tui.widgets.topbar import TopBar

__all__ = ["DetailScreen", "Edit"]


class DetailScreen(DetailForm):
    """Fields, figures (years × kinds), the hypothesis's contribution, and history."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Esc leaves a field first (the key bar says so), then the screen.
        Binding("escape", "leave_field", N_("Leave the field"), id="detail.leave"),
        Binding("escape", "back", N_("Back"), id="detail.back"),
        Binding("ctrl+s", "save_all", N_("Save all"), id="detail.save"),
        Binding("d", "drop", N_("Drop"), id="detail.drop"),
        Binding("t", "figures", N_("Figures"), id="detail.figures"),
        Binding("f", "fields", N_("Fields"), id="detail.fields"),
        Binding("m", "ranges", N_("Range"), id="detail.range"),
        # Before the focused input (whose scrolling takes the arrows otherwise); passed
        # on to it outside the figure grid.
        Binding("up", "move(-1)", N_("Field up"), show=False, id="detail.up", priority=True),
        Binding("down", "move(1)", N_("Field down"), show=False, id="detail.down", priority=True),
    ]

    # No field has the focus at first, so the screen's keys (d, t, f, Esc) work at
    # once; Tab enters the fields.
    AUTO_FOCUS = None

    @property
    def current_code(self) -> str:
        return self.code

    # -- layout --------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        fit_breakpoints(self)
        yield TopBar("hypoteser")
        yield Static(self.code, id="detail-head")
        with VerticalScroll(id="detail-body"):
            with Grid(id="detail-top"):
                yield FieldsPanel(self._bucket_options(), id="fields")
                yield FiguresPanel(self._years(), id="figures")
            with Vertical(id="history", classes="panel") as panel:
                panel.border_title = _("History (newest first)")
                yield HistoryTable(id="history-table")
        yield KeyBar()

    def on_mount(self) -> None:
        self.watch(self.app, "status", self._show_status)
        if self.ui.write_block() is not None:
            # Read-only (or the past): the fields show the values but take no edits.
            for widget in self.query("#fields Input, #fields Select, #fields TextArea"):
                widget.disabled = True
            for widget in self.query("#figures Input"):
                widget.disabled = True
        self.load()

    def request_stage(self, stage: Stage, answer: StageNote | None = None) -> None:
        """Move to ``stage``; asks first for the note (which a move backward or to
        dropped needs) and the decision the move rests on."""
        if self.detail is None or self.ui.refuse_write():
            return
        old = self.detail.hypothesis.stage
        select = self.query_one("#stage", Select)
        if select.value != stage.value:
            with select.prevent(Select.Changed):
                select.value = stage.value
        if stage is old:
            return
        if answer is None:

            def answered(answer: StageNote | None) -> None:
                if answer is not None:
                    self.request_stage(stage, answer)
                else:
                    with select.prevent(Select.Changed):
                        select.value = old.value
                    select.remove_class("-unsaved")

            self.app.push_screen(stage_dialog(self.code, old, stage), answered)
            return
        code, note, decision = self.code, answer.note, answer.decision
        self._save(
            [
                Edit(
                    "stage",
                    "Fase",
                    stage.label,
                    lambda p, v: p.update_hypothesis(
                        code, stage=stage, note=note, decision=decision, expect_version=v
                    ),
                )
            ]
        )

    def action_move(self, delta: int) -> None:
        """In the figure grid the arrows move like in a spreadsheet: to the same kind in
        the year above or below."""
        focused = self.focused
        field = focused.id or "" if focused is not None else ""
        if not field.startswith("fig-") or self.app.screen is not self:
            raise SkipAction()  # the arrows do what they do in the widget (or dialog)
        _, kind, year = field.split("-")
        target = f"#fig-{kind}-{int(year) + delta}"
        if self.query(target):
            self.query_one(target).focus()

    def action_figures(self) -> None:
        """Jump to the target year's potential, the figure edited most often."""
        years = self._years()
        self.query_one(f"#fig-potential-{years[-1]}", Input).focus()

    def action_fields(self) -> None:
        self.query_one("#title", Input).focus()

    def action_drop(self) -> None:
        self.request_stage(Stage.DROPPED)

    def action_ranges(self) -> None:
        """Edit the minimum and maximum per year (the potential stays in the grid)."""
        if self.detail is None or self.ui.refuse_write():
            return
        from tui.dialogs.range_editor import RangeChange, RangeDialog

        code, version, parat = self.code, self.version, self.ui.parat

        def store(changes: list[RangeChange]) -> None:
            ranges = {year: (low, high) for year, low, high in changes}
            parat.set_ranges(code, ranges, expect_version=version)

        def stored(years: int | None) -> None:
            if years:
                self.notify(_("The range is saved ({n} years).").format(n=years))
                self.load()  # the range line and the history show it
                self.app.post_message(DataChanged())

        dialog = RangeDialog(code, list(self._years()), self.detail.figures, store)
        self.app.push_screen(dialog, stored)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # (A letter key such as d, t or f is typed into a text field before any binding
        # sees it; the key bar leaves those out there, see tui.widgets.keybar.)
        if action == "leave_field":
            return isinstance(self.focused, Input | Select | TextArea)
        return True

    # -- leaving -------------------------------------------------------------------
    def action_leave_field(self) -> None:
        self.set_focus(None)  # the screen's keys work again

    def action_back(self) -> None:
        if isinstance(self.focused, Input | Select | TextArea):
            self.set_focus(None)  # (with Esc remapped: the first leaves the field)
            return
        dirty = self.dirty_fields()
        if not dirty:
            self.dismiss()
            return
        names = ", ".join(field_label(f) for f in dirty)

        def answer(discard: bool | None) -> None:
            if discard:
                self.dismiss()

        self.app.push_screen(
            ConfirmDialog(
                _("Not saved"),
                _("You have changes that are not saved: {fields}. Discard them?").format(
                    fields=names
                ),
                yes=_("Discard"),
                no=_("Stay here"),
            ),
            answer,
        )

    # -- someone else saved first -------------------------------------------------
    def on_stale_conflict(self, message: StaleConflict) -> None:
        current = message.current
        theirs = shown_value(message.field, self._values(current).get(message.field, ""))
        who = current.events[0].actor if current.events else ""

        def chosen(choice: ConflictChoice | None) -> None:
            if choice == "reload":
                self._fill(current, keep_dirty=False)
                self.notify(_("Reloaded: your change is not saved."))
                self.post_message(DataChanged())
            elif choice == "overwrite":
                self.version = current.hypothesis.version
                self._save(self._pending, current.hypothesis.version)
            else:
                self._error(message.field, _("Not saved: someone else has changed the hypothesis."))

        self.app.push_screen(
            ConflictDialog(
                self.code,
                field_label(message.field),
                message.mine,
                theirs,
                message.expected_version,
                current.hypothesis.version,
                who,
            ),
            chosen,
        )
