"""One hypothesis: its fields and its figures edited in place, and its history.

Every save passes the version the screen loaded (``expect_version``); when someone
else saved first, the conflict dialog shows both values and the user reloads or
overwrites deliberately. Nothing is written until the user presses Enter (one
field) or ctrl+s (every changed field).
"""

from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, Label, Select, Static, TextArea

from tracker.domain.rules import stage_move_needs_note
from tracker.domain.stages import Stage
from tracker.domain.status import Status
from tracker.errors import ParatError, ReadOnlyError, StaleVersion
from tracker.report import HypothesisDetail
from tui.access import error_text
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.conflict import ConflictChoice, ConflictDialog
from tui.dialogs.note import NoteDialog, why_question
from tui.edits import (
    NO_BUCKET,
    Edit,
    InvalidEdit,
    build_edit,
    field_label,
    field_values,
    shown_value,
)
from tui.fmt import mio, pct
from tui.messages import DetailLoaded, Saved, SaveFailed, StaleConflict
from tui.screens import fit_breakpoints
from tui.widgets.history import HistoryTable
from tui.widgets.hypothesis_form import FieldsPanel, FiguresPanel
from tui.widgets.keybar import KeyBar
from tui.widgets.topbar import TopBar

if TYPE_CHECKING:
    from tui.app import ParatApp

__all__ = ["DetailScreen", "Edit"]

HISTORY_LIMIT = 200


class DetailScreen(Screen[None]):
    """Fields, figures (years × kinds), the hypothesis's contribution, and history."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Tilbage", id="detail.back"),
        Binding("ctrl+s", "save_all", "Gem alt", id="detail.save"),
        Binding("d", "drop", "Forkast", id="detail.drop"),
        Binding("t", "figures", "Tal", id="detail.figures"),
        Binding("f", "fields", "Felter", id="detail.fields"),
        Binding("up", "move(-1)", "Felt op", show=False, id="detail.up"),
        Binding("down", "move(1)", "Felt ned", show=False, id="detail.down"),
    ]

    # No field has the focus at first, so the screen's keys (d, Esc) work at once;
    # Tab enters the fields.
    AUTO_FOCUS = None

    def __init__(self, code: str) -> None:
        super().__init__()
        self.code = code
        self.detail: HypothesisDetail | None = None
        self.version = 0
        self.loaded: dict[str, str] = {}
        self._pending: list[Edit] = []
        self._filling = False
        self._error_owner: dict[str, str] = {}

    @property
    def current_code(self) -> str:
        return self.code

    @property
    def papp(self) -> "ParatApp":
        return self.app  # type: ignore[return-value]

    def _years(self) -> range:
        status = self.papp.status
        if status is None:
            return range(2015, 2019)
        return range(status.programme.first_year, status.programme.target_year + 1)

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
                panel.border_title = "Historik (nyeste først)"
                yield HistoryTable(id="history-table")
        yield KeyBar()

    def on_mount(self) -> None:
        self.watch(self.papp, "status", self._show_status)
        if self.papp.write_block() is not None:
            # Read-only (or the past): the fields show the values but take no edits.
            for widget in self.query("#fields Input, #fields Select, #fields TextArea"):
                widget.disabled = True
            for widget in self.query("#figures Input"):
                widget.disabled = True
        self.load()

    # -- loading -------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="detail-load")
    def load(self) -> None:
        try:
            detail = self.papp.parat.hypothesis(self.code, events=HISTORY_LIMIT)
        except ParatError as error:
            self.app.call_from_thread(self.app.notify, error_text(error), severity="error")
            return
        self.post_message(DetailLoaded(detail))

    def on_detail_loaded(self, message: DetailLoaded) -> None:
        changed = self.detail is not None and message.detail.hypothesis.version != self.version
        if changed and self.dirty_fields():
            # Keep the version the edits were made against, so that saving them shows
            # the conflict instead of silently overwriting the other change.
            self.notify(
                f"{self.code} er ændret af en anden, mens du redigerer. Når du gemmer, "
                "ser du begge værdier.",
                severity="warning",
            )
            return
        if changed:
            self.notify(f"{self.code} er opdateret med en andens ændring.")
        self._fill(message.detail, keep_dirty=True)

    def _values(self, detail: HypothesisDetail) -> dict[str, str]:
        return field_values(detail, self._years())

    def _fill(self, detail: HypothesisDetail, *, keep_dirty: bool) -> None:
        """Show ``detail``; with ``keep_dirty`` the user's unsaved edits stay in place."""
        dirty = set(self.dirty_fields()) if keep_dirty and self.loaded else set()
        self.detail = detail
        self.version = detail.hypothesis.version
        self.loaded = self._values(detail)
        self._filling = True
        try:
            self._fill_buckets()
            for field, value in self.loaded.items():
                if field in dirty:
                    continue
                widget = self.query_one(f"#{field}")
                if isinstance(widget, Input):
                    widget.value = value
                elif isinstance(widget, Select):
                    with widget.prevent(Select.Changed):
                        widget.value = value
                elif isinstance(widget, TextArea):
                    widget.text = value
                widget.remove_class("-dirty")
                widget.remove_class("-invalid")
        finally:
            self.call_after_refresh(self._done_filling)
        h = detail.hypothesis
        self.query_one("#detail-head", Static).update(
            f"[b]{h.code}[/b] · {h.title}   [dim]{h.stage.label} · version {h.version}[/dim]"
        )
        self.query_one(HistoryTable).show(detail.events)
        self._show_status(self.papp.status)

    def _done_filling(self) -> None:
        self._filling = False

    def _bucket_options(self) -> list[tuple[str, str]]:
        status = self.papp.status
        buckets = status.programme.buckets if status else ()
        return [("(ingen pulje)", NO_BUCKET)] + [(b.name, b.key) for b in buckets]

    def _fill_buckets(self) -> None:
        select = self.query_one("#bucket", Select)
        with select.prevent(Select.Changed):
            select.set_options(self._bucket_options())

    def _show_status(self, status: Status | None) -> None:
        self.query_one(TopBar).status = status
        row = self.papp.row(self.code) if status else None
        if status is None or row is None:
            return
        year = status.programme.target_year
        self.query_one("#contribution", Static).update(
            f"[b]Bidrag i {year}[/b] (som på Overblik): vægt {row.weight_pct} % · "
            f"pipeline {mio(row.pipeline_kr)} · vægtet {mio(row.weighted_kr)} · "
            f"besluttet {mio(row.decided_kr)} · realiseret {mio(row.realised_kr)} "
            f"({pct(row.realised_kr, row.pipeline_kr)} af pipeline) · "
            f"investering i alt {mio(row.investment_kr)}"
        )

    # -- editing -------------------------------------------------------------------
    def _current(self, field: str) -> str:
        widget = self.query_one(f"#{field}")
        if isinstance(widget, TextArea):
            return widget.text
        value = widget.value  # type: ignore[attr-defined]
        return value if isinstance(value, str) else ""

    def dirty_fields(self) -> list[str]:
        return [f for f, v in self.loaded.items() if self._current(f) != v]

    def on_input_changed(self, event: Input.Changed) -> None:
        self._mark(event.input.id or "")

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self._mark("description")

    def _mark(self, field: str) -> None:
        if self._filling or field not in self.loaded:
            return
        widget = self.query_one(f"#{field}")
        widget.set_class(self._current(field) != self.loaded[field], "-dirty")
        widget.remove_class("-invalid")
        self._error(field, "")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        field = event.input.id or ""
        if field in self.loaded and self._current(field) != self.loaded[field]:
            edit = self._edit(field)
            if edit is not None:
                self._save([edit])

    def on_select_changed(self, event: Select.Changed) -> None:
        if self._filling or self.detail is None:
            return
        field = event.select.id or ""
        if field == "stage" and isinstance(event.value, str):
            self.request_stage(Stage(event.value))
        elif field == "bucket" and self._current("bucket") != self.loaded.get("bucket"):
            edit = self._edit("bucket")
            if edit is not None:
                self._save([edit])

    def request_stage(self, stage: Stage, note: str = "") -> None:
        """Move to ``stage``; asks for the note a move backward or to dropped needs."""
        if self.detail is None or self.papp.refuse_write():
            return
        old = self.detail.hypothesis.stage
        select = self.query_one("#stage", Select)
        if select.value != stage.value:
            with select.prevent(Select.Changed):
                select.value = stage.value
        if stage is old:
            return
        if stage_move_needs_note(old, stage) and not note:

            def answered(note: str | None) -> None:
                if note:
                    self.request_stage(stage, note)
                else:
                    with select.prevent(Select.Changed):
                        select.value = old.value
                    select.remove_class("-dirty")

            self.app.push_screen(
                NoteDialog(
                    f"{self.code}: {old.label} → {stage.label}", why_question(self.code, stage)
                ),
                answered,
            )
            return
        code = self.code
        self._save(
            [
                Edit(
                    "stage",
                    "Fase",
                    stage.label,
                    lambda p, v: p.update_hypothesis(
                        code, stage=stage, note=note, expect_version=v
                    ),
                )
            ]
        )

    def _edit(self, field: str) -> Edit | None:
        """The edit for one changed field, or ``None`` (error shown) when it is invalid."""
        try:
            return build_edit(self.code, field, self._current(field))
        except InvalidEdit as error:
            self._error(field, str(error))
            return None

    def action_save_all(self) -> None:
        if self.papp.refuse_write():
            return
        edits = []
        for field in self.dirty_fields():
            if field == "stage":
                self.request_stage(Stage(self._current("stage")))
                continue
            edit = self._edit(field)
            if edit is None:
                return  # an invalid value: nothing is saved, the error is shown
            edits.append(edit)
        if edits:
            self._save(edits)
        else:
            self.notify("Intet at gemme.")

    def action_move(self, delta: int) -> None:
        """In the figure grid the arrows move like in a spreadsheet: to the same kind in
        the year above or below."""
        focused = self.focused
        field = focused.id or "" if focused is not None else ""
        if field.startswith("fig-"):
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

    # -- saving --------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="detail-save")
    def _save(self, edits: list[Edit], version: int | None = None) -> None:
        parat = self.papp.parat
        version = self.version if version is None else version
        changed = 0
        for i, edit in enumerate(edits):
            try:
                view, n = edit.call(parat, version)
            except StaleVersion:
                current = parat.hypothesis(self.code, events=HISTORY_LIMIT)
                self._pending = edits[i:]
                self.post_message(StaleConflict(edit.field, edit.shown, current, version))
                return
            except ReadOnlyError as error:
                self.post_message(SaveFailed(edit.field, error_text(error)))
                return
            except ParatError as error:
                text = error_text(error)
                if not text.startswith(edit.label):
                    text = f"{edit.label}: {text}"
                self.post_message(SaveFailed(edit.field, text))
                if changed:
                    self.load()
                return
            version, changed = view.version, changed + n
        detail = parat.hypothesis(self.code, events=HISTORY_LIMIT)
        self.post_message(Saved(detail, changed, version))

    def on_saved(self, message: Saved) -> None:
        self._fill(message.detail, keep_dirty=True)
        if message.detail.hypothesis.version != message.version and self.dirty_fields():
            # Someone wrote between our save and the reload: edits still open must
            # meet that change as a conflict.
            self.version = message.version
        if message.changed:
            self.notify(f"{self.code} er gemt (version {self.version}).")
        self.papp.load_status()

    def on_save_failed(self, message: SaveFailed) -> None:
        self._error(message.field, message.text)

    def _error(self, field: str, text: str) -> None:
        target = "#figures-error" if field.startswith("fig-") else "#fields-error"
        if field in self.loaded:
            self.query_one(f"#{field}").set_class(bool(text), "-invalid")
        if text or self._error_owner.get(target) == field:
            self.query_one(target, Label).update(f"✖ {text}" if text else "")
            self._error_owner[target] = field

    def on_stale_conflict(self, message: StaleConflict) -> None:
        current = message.current
        theirs = shown_value(message.field, self._values(current).get(message.field, ""))
        who = current.events[0].actor if current.events else ""

        def chosen(choice: ConflictChoice | None) -> None:
            if choice == "reload":
                self._fill(current, keep_dirty=False)
                self.notify("Genindlæst: din ændring er ikke gemt.")
                self.papp.load_status()
            elif choice == "overwrite":
                self.version = current.hypothesis.version
                self._save(self._pending, current.hypothesis.version)
            else:
                self._error(message.field, "Ikke gemt: en anden har ændret hypotesen.")

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

    # -- leaving -------------------------------------------------------------------
    def action_back(self) -> None:
        if isinstance(self.focused, Input | Select | TextArea):
            self.set_focus(None)  # first Esc leaves the field, the next leaves the screen
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
                "Ikke gemt",
                f"Du har ændringer, der ikke er gemt: {names}. Kassér dem?",
                yes="Kassér",
                no="Bliv her",
            ),
            answer,
        )
