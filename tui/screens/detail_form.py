"""The detail screen's form: the hypothesis as loaded, what the user changed, and saving it.

While the user edits one field, the form keeps following the database: each fresh read
(another's change, noticed by the app's poll) shows every field the user is not
editing, and leaves the edited ones as typed (see :mod:`tui.reload`). An edit meets a
conflict only when its own field changed since the edit began; the screen then lets
the user reload or overwrite deliberately (a :class:`~tui.messages.StaleConflict`).
Every save passes the version last read (``expect_version``), so a change the form
has not read yet is never overwritten unseen. Nothing is written until the user
presses Enter (one field) or ctrl+s (every changed field). The screen around the form
(layout and dialogs) is :class:`tui.screens.detail.DetailScreen`.
"""

from collections.abc import Mapping

from rich.markup import escape
from textual import work
from textual.screen import Screen
from textual.widgets import Input, Label, Select, Static, TextArea

from tracker.domain import labels as da
from tracker.domain.stages import Stage
from tracker.domain.status import HypothesisContribution, Status
from tracker.errors import ParatError
from tracker.i18n import _
from tracker.report import HypothesisDetail
from tracker.report.validations import validation_lines
from tracker.report.words import stage_name
from tui.access import error_text
from tui.dialogs.note import StageNote
from tui.edits import NO_BUCKET, Edit, InvalidEdit, build_edit, field_values, problem
from tui.fmt import word
from tui.messages import DataChanged, DetailLoaded, Saved, SaveFailed, StaleConflict
from tui.protocol import ParatUI, parat_ui
from tui.range_line import range_line
from tui.reload import compare, notice
from tui.saving import HISTORY_LIMIT, Conflict, Refused, Start, store
from tui.suggest import area_suggester, owner_suggester
from tui.widgets.history import HistoryTable
from tui.widgets.hypothesis_form import FIGURE_NOTE, contribution, udmoentning_lines
from tui.widgets.topbar import TopBar

__all__ = ["HISTORY_LIMIT", "DetailForm"]


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
        self._started: dict[str, Start] = {}
        """The stored value and the version each edit began at, by field."""
        self._own_versions: set[int] = set()
        """The versions this form's saves produced (a fresh read of one is no news)."""
        self._filling: set[str] = set()
        """The fields being filled from the database (their Changed is not the user's)."""
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
        detail = message.detail
        if self.detail is None or detail.hypothesis.version == self.version:
            self._fill(detail, keep_dirty=True)
            return
        if (
            detail.hypothesis.version < self.version
            or detail.hypothesis.version in self._own_versions
        ):
            return  # older than what is shown, or our own save (its Saved message shows it)
        before, editing = self.loaded, self.dirty_fields()
        started = {field: value for field, (value, _) in self._started.items()}
        self._fill(detail, keep_dirty=True)
        text, warning = notice(
            self.code, compare(before, self.loaded, editing, started), self.loaded
        )
        self.notify(text, severity="warning" if warning else "information")

    # -- showing what was loaded -----------------------------------------------------
    def _values(self, detail: HypothesisDetail) -> dict[str, str]:
        return field_values(detail, self._years())

    def _fill(self, detail: HypothesisDetail, *, keep_dirty: bool) -> None:
        """Show ``detail``; with ``keep_dirty`` the user's unsaved edits stay in place."""
        dirty = set(self.dirty_fields()) if keep_dirty and self.loaded else set()
        self._started = {f: start for f, start in self._started.items() if f in dirty}
        self.detail = detail
        self.version = detail.hypothesis.version
        self.loaded = self._values(detail)
        self._filling = set(self.loaded) - dirty
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
                widget.remove_class("-unsaved", "-invalid")
            for field in dirty:  # someone stored the very text typed: nothing to save
                if self._current(field) == self.loaded.get(field):
                    self._started.pop(field, None)
                    self.query_one(f"#{field}").remove_class("-unsaved", "-invalid")
        finally:
            self.call_after_refresh(self._done_filling)
        h = detail.hypothesis
        self.query_one("#detail-head", Static).update(
            f"[b]{h.code}[/b] · {h.title}   [dim]{stage_name(h.stage)} · version {h.version}[/dim]"
        )
        self.query_one(HistoryTable).show(detail.events)
        self._show_status(self.ui.status)

    def _show_validation(self, detail: HypothesisDetail, status: Status | None) -> None:
        """Each realised figure's validation state, once the programme validates (or
        this hypothesis has a verdict): before that the line says nothing new."""
        box = self.query_one("#validation", Static)
        validates = detail.validations or (status is not None and status.programme.has_validations)
        lines = validation_lines(detail) if validates else []
        # the reference and the actor are user text: escaped, never read as markup
        text = "\n".join([f"[b]{word(da.VALIDATIONS)}[/b]", *(escape(line) for line in lines)])
        box.update(text if lines else "")
        box.display = bool(lines)

    def _show_udmoentning(self, row: HypothesisContribution, year: int) -> None:
        """The hypothesis's cuts and its udmøntet beside its decided gain."""
        box = self.query_one("#udmoentning", Static)
        cuts = self.detail.cuts if self.detail is not None else ()
        lines = udmoentning_lines(cuts, row, year)
        # the decision and the ramme's name are user text: escaped, never read as markup
        heading = _("Budget cuts")
        text = "\n".join([f"[b]{heading}[/b]", *(escape(line) for line in lines)])
        box.update(text if lines else "")
        box.display = bool(lines)

    def _done_filling(self) -> None:
        self._filling = set()

    def _bucket_options(self) -> list[tuple[str, str]]:
        status = self.ui.status
        buckets = status.programme.buckets if status else ()
        return [(_("(no bucket)"), NO_BUCKET)] + [(b.name, b.key) for b in buckets]

    def _fill_buckets(self) -> None:
        select = self.query_one("#bucket", Select)
        with select.prevent(Select.Changed):
            select.set_options(self._bucket_options())

    def _show_status(self, status: Status | None) -> None:
        self.query_one(TopBar).status = status
        if self.detail is not None:
            self._show_validation(self.detail, status)
        if status is not None:  # the areas and owners in use, as suggestions
            self.query_one("#area", Input).suggester = area_suggester(status)
            self.query_one("#owner", Input).suggester = owner_suggester(status)
        row = self.ui.row(self.code) if status else None
        if status is None or row is None:
            return
        year = status.programme.target_year
        self.query_one("#contribution", Static).update(contribution(row, year))
        self._show_udmoentning(row, year)
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
        """Mark a field unsaved (and invalid, with the reason) while the user edits it."""
        if field in self._filling or field not in self.loaded:
            return
        widget = self.query_one(f"#{field}")
        unsaved = self._current(field) != self.loaded[field]
        if unsaved:
            self._started.setdefault(field, (self.loaded[field], self.version))
        else:
            self._started.pop(field, None)
        widget.set_class(unsaved, "-unsaved")
        self._error(field, problem(self.code, field, self._current(field)) if unsaved else "")

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
            self.notify(_("No changed figures to save: the note is saved with the next figures."))

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id in self._filling or self.detail is None:
            return
        field = event.select.id or ""
        if field == "stage" and isinstance(event.value, str):
            self.request_stage(Stage(event.value))
        elif field in ("bucket", "benefit_type") and self._current(field) != self.loaded.get(field):
            edit = self._edit(field)
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
            self.notify(_("Nothing to save."))

    # -- saving --------------------------------------------------------------------
    def _save(self, edits: list[Edit], version: int | None = None) -> None:
        """Store ``edits``, each over the stored value its field had when the edit began
        (another's change to other fields is kept, not a conflict). With ``version``
        (overwriting deliberately after a conflict), they are stored over that version."""
        if version is None:
            starts = {
                e.field: self._started.get(e.field, (self.loaded.get(e.field, ""), self.version))
                for e in edits
            }
            self._store(edits, starts, dict(self.loaded), self.version)
        else:
            self._store(edits, None, {}, version)

    @work(thread=True, exclusive=True, group="detail-save")
    def _store(
        self,
        edits: list[Edit],
        starts: Mapping[str, Start] | None,
        known: Mapping[str, str],
        version: int,
    ) -> None:
        outcome = store(
            self.ui.parat,
            self.code,
            edits,
            version=version,
            starts=starts,
            known=known,
            years=self._years(),
            wrote=self._own_versions.add,
        )
        if isinstance(outcome, Conflict):
            self._pending = outcome.edits
            edit = outcome.edits[0]
            self.post_message(
                StaleConflict(edit.field, edit.shown, outcome.current, outcome.expected)
            )
        elif isinstance(outcome, Refused):
            self.post_message(SaveFailed(outcome.field, outcome.text))
            if outcome.changed:
                self.load()  # the edits before it are stored: show them
        else:
            noted = next((edit.note for edit in edits if edit.note), "")
            self.post_message(Saved(outcome.detail, outcome.changed, outcome.version, noted))

    def on_saved(self, message: Saved) -> None:
        note = self.query_one(f"#{FIGURE_NOTE}", Input)
        if message.noted and note.value.strip() == message.noted:
            note.value = ""  # it went with the figures saved: it is in the history now
        self._fill(message.detail, keep_dirty=True)
        if message.changed:
            self.notify(
                _("{code} is saved (version {version}).").format(
                    code=self.code, version=self.version
                )
            )
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
