"""The detail screen's form: the hypothesis as loaded, what the user changed, and saving it.

Every save passes the version the form loaded (``expect_version``); when someone else
saved first, a :class:`~tui.messages.StaleConflict` goes to the screen, which lets the
user reload or overwrite deliberately. Nothing is written until the user presses Enter
(one field) or ctrl+s (every changed field). The screen around the form (layout and
dialogs) is :class:`tui.screens.detail.DetailScreen`.
"""

from textual import work
from textual.screen import Screen
from textual.widgets import Input, Label, Select, Static, TextArea

from tracker.domain.stages import Stage
from tracker.domain.status import Status
from tracker.errors import ParatError, ReadOnlyError, StaleVersion
from tracker.report import HypothesisDetail
from tui.access import error_text
from tui.dialogs.note import StageNote
from tui.edits import NO_BUCKET, Edit, InvalidEdit, build_edit, field_values
from tui.fmt import mio, pct
from tui.messages import DataChanged, DetailLoaded, Saved, SaveFailed, StaleConflict
from tui.protocol import ParatUI, parat_ui
from tui.range_line import range_line
from tui.widgets.history import HistoryTable
from tui.widgets.hypothesis_form import FIGURE_NOTE
from tui.widgets.topbar import TopBar

__all__ = ["HISTORY_LIMIT", "DetailForm"]

HISTORY_LIMIT = 200


class DetailForm(Screen[None]):
    """The fields and figures of hypothesis ``code``: filled from what was loaded,
    marked where the user changed them, saved on Enter or ctrl+s."""

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
    def ui(self) -> ParatUI:
        return parat_ui(self.app)

    def _years(self) -> range:
        status = self.ui.status
        if status is None:
            return range(2015, 2019)
        return status.programme.years

    # -- loading -------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="detail-load")
    def load(self) -> None:
        try:
            detail = self.ui.parat.hypothesis(self.code, events=HISTORY_LIMIT)
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

    # -- showing what was loaded -----------------------------------------------------
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
        self._show_status(self.ui.status)

    def _done_filling(self) -> None:
        self._filling = False

    def _bucket_options(self) -> list[tuple[str, str]]:
        status = self.ui.status
        buckets = status.programme.buckets if status else ()
        return [("(ingen pulje)", NO_BUCKET)] + [(b.name, b.key) for b in buckets]

    def _fill_buckets(self) -> None:
        select = self.query_one("#bucket", Select)
        with select.prevent(Select.Changed):
            select.set_options(self._bucket_options())

    def _show_status(self, status: Status | None) -> None:
        self.query_one(TopBar).status = status
        row = self.ui.row(self.code) if status else None
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
        figures = self.detail.figures.get(year, {}) if self.detail is not None else {}
        self.query_one("#range", Static).update(range_line(row, year, figures))

    # -- editing -------------------------------------------------------------------
    def _current(self, field: str) -> str:
        widget = self.query_one(f"#{field}")
        if isinstance(widget, TextArea):
            return widget.text
        value = widget.value if isinstance(widget, Input | Select) else None
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
        if field == FIGURE_NOTE:
            self._save_figures()
        elif field in self.loaded and self._current(field) != self.loaded[field]:
            edit = self._edit(field)
            if edit is not None:
                self._save([edit])

    def _save_figures(self) -> None:
        """Enter in the figures' note: save every changed figure, with the note."""
        if self.ui.refuse_write():
            return
        edits = []
        for field in self.dirty_fields():
            if field.startswith("fig-"):
                edit = self._edit(field)
                if edit is None:
                    return  # an invalid value: nothing is saved, the error is shown
                edits.append(edit)
        if edits:
            self._save(edits)
        else:
            self.notify("Ingen ændrede tal at gemme: noten gemmes med de næste tal.")

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

    def request_stage(self, stage: Stage, answer: "StageNote | None" = None) -> None:
        """Move to ``stage``: the screen asks for the note and the decision."""
        raise NotImplementedError

    def _edit(self, field: str) -> Edit | None:
        """The edit for one changed field, or ``None`` (error shown) when it is invalid.
        A figure takes the figures' note along (it is cleared once saved)."""
        note = ""
        if field.startswith("fig-"):
            note = self.query_one(f"#{FIGURE_NOTE}", Input).value.strip()
        try:
            return build_edit(self.code, field, self._current(field), note=note)
        except InvalidEdit as error:
            self._error(field, str(error))
            return None

    def action_save_all(self) -> None:
        if self.ui.refuse_write():
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

    # -- saving --------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="detail-save")
    def _save(self, edits: list[Edit], version: int | None = None) -> None:
        parat = self.ui.parat
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
        noted = next((edit.note for edit in edits if edit.note), "")
        self.post_message(Saved(detail, changed, version, noted))

    def on_saved(self, message: Saved) -> None:
        note = self.query_one(f"#{FIGURE_NOTE}", Input)
        if message.noted and note.value.strip() == message.noted:
            note.value = ""  # it went with the figures saved: it is in the history now
        self._fill(message.detail, keep_dirty=True)
        if message.detail.hypothesis.version != message.version and self.dirty_fields():
            # Someone wrote between our save and the reload: edits still open must
            # meet that change as a conflict.
            self.version = message.version
        if message.changed:
            self.notify(f"{self.code} er gemt (version {self.version}).")
        self.post_message(DataChanged())

    def on_save_failed(self, message: SaveFailed) -> None:
        self._error(message.field, message.text)

    def _error(self, field: str, text: str) -> None:
        target = "#figures-error" if field.startswith("fig-") else "#fields-error"
        if field in self.loaded:
            self.query_one(f"#{field}").set_class(bool(text), "-invalid")
        if text or self._error_owner.get(target) == field:
            self.query_one(target, Label).update(f"✖ {text}" if text else "")
            self._error_owner[target] = field
