"""One hypothesis: its fields and its figures edited in place, and its history.

Every save passes the version the screen loaded (``expect_version``); when someone
else saved first, the conflict dialog shows both values and the user reloads or
overwrites deliberately. Nothing is written until the user presses Enter (one
field) or ctrl+s (every changed field).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, Label, Select, Static, TextArea

from tracker.domain.money import MoneyError, parse_amount
from tracker.domain.rules import stage_move_needs_note
from tracker.domain.stages import Stage
from tracker.domain.status import Status
from tracker.errors import ParatError, StaleVersion
from tracker.services import Parat
from tracker.services.views import HypothesisDetail, HypothesisView
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.conflict import ConflictChoice, ConflictDialog
from tui.dialogs.note import NoteDialog, why_question
from tui.fmt import KIND_LABELS, mio, mio_exact, pct
from tui.messages import DetailLoaded, Saved, SaveFailed, StaleConflict
from tui.widgets.history import HistoryTable
from tui.widgets.keybar import KeyBar
from tui.widgets.topbar import TopBar

if TYPE_CHECKING:
    from tui.app import ParatApp

__all__ = ["DetailScreen", "Edit"]

KINDS = ("potential", "realised", "investment")
TEXT_FIELDS = (("title", "Titel"), ("area", "Område"), ("owner", "Ansvarlig"))
HISTORY_LIMIT = 200
NO_BUCKET = "\x00none"


@dataclass(frozen=True, slots=True)
class Edit:
    """One change the user asked for, ready to send to the services."""

    field: str
    """The id of the input it came from (``title``, ``fig-potential-2018``, …)."""
    label: str
    """The field's Danish name."""
    shown: str
    """The new value as the user sees it."""
    call: Callable[[Parat, int], tuple[HypothesisView, int]]
    """Stores the change, given the expected version."""


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
        yield TopBar("hypoteser")
        yield Static(self.code, id="detail-head")
        with VerticalScroll(id="detail-body"):
            with Grid(id="detail-top"):
                with Vertical(id="fields", classes="panel") as panel:
                    panel.border_title = "Felter (Tab: næste felt · Enter gemmer)"
                    for key, label in TEXT_FIELDS:
                        with Horizontal(classes="field"):
                            yield Label(label, classes="field-label")
                            yield Input(id=key, compact=True)
                    with Horizontal(classes="field"):
                        yield Label("Fase", classes="field-label")
                        yield Select[str](
                            [(s.label, s.value) for s in Stage],
                            id="stage",
                            allow_blank=False,
                            compact=True,
                        )
                    with Horizontal(classes="field"):
                        yield Label("Pulje", classes="field-label")
                        yield Select[str](
                            self._bucket_options(), id="bucket", allow_blank=False, compact=True
                        )
                    with Horizontal(classes="field"):
                        yield Label("Sikkerhed %", classes="field-label")
                        yield Input(
                            id="confidence",
                            placeholder="tom = fasens vægt",
                            compact=True,
                            restrict=r"[0-9 %]*",
                        )
                    with Horizontal(classes="field field-tall"):
                        yield Label("Beskrivelse", classes="field-label")
                        yield TextArea(id="description", compact=True, soft_wrap=True)
                    yield Label("", id="fields-error", classes="error")
                with Vertical(id="figures", classes="panel") as panel:
                    panel.border_title = "Tal i mio. kr. (fx 4,5 eller 29 tkr)"
                    with Grid(id="figure-grid"):
                        yield Label("År", classes="grid-head")
                        for kind in KINDS:
                            yield Label(KIND_LABELS[kind], classes="grid-head")
                        for year in self._years():
                            yield Label(str(year), classes="grid-year")
                            for kind in KINDS:
                                yield Input(id=f"fig-{kind}-{year}", compact=True)
                    yield Label("", id="figures-error", classes="error")
                    yield Static("", id="contribution")
            with Vertical(id="history", classes="panel") as panel:
                panel.border_title = "Historik (nyeste først)"
                yield HistoryTable(id="history-table")
        yield KeyBar()

    def on_mount(self) -> None:
        self.watch(self.papp, "status", self._show_status)
        self.load()

    # -- loading -------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="detail-load")
    def load(self) -> None:
        try:
            detail = self.papp.parat.hypothesis(self.code, events=HISTORY_LIMIT)
        except ParatError as error:
            self.app.call_from_thread(self.app.notify, str(error), severity="error")
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
        h = detail.hypothesis
        values = {
            "title": h.title,
            "area": h.area,
            "owner": h.owner,
            "stage": h.stage.value,
            "bucket": h.bucket or NO_BUCKET,
            "confidence": "" if h.confidence_pct is None else str(h.confidence_pct),
            "description": h.description,
        }
        for year in self._years():
            for kind in KINDS:
                kr = detail.figures.get(year, {}).get(kind)
                values[f"fig-{kind}-{year}"] = "" if kr is None else mio_exact(kr)
        return values

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
        if self.detail is None:
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
        code, value = self.code, self._current(field)
        if field.startswith("fig-"):
            _, kind, year_text = field.split("-")
            year = int(year_text)
            label = f"{year} {KIND_LABELS[kind]}"
            try:
                kr = parse_amount(value)
            except MoneyError as error:
                self._error(field, f"{label}: {error}")
                return None
            return Edit(
                field,
                label,
                mio(kr),
                lambda p, v: p.set_figure(code, year, **{kind: kr}, expect_version=v),  # type: ignore[arg-type]
            )
        if field == "confidence":
            text = value.replace("%", "").strip()
            if text and (not text.isdigit() or not 0 <= int(text) <= 100):
                self._error(field, "Sikkerhed: et helt tal fra 0 til 100, eller tomt")
                return None
            confidence = int(text) if text else None
            shown = f"{confidence} %" if confidence is not None else "fasens vægt"
            return Edit(
                field,
                "Sikkerhed",
                shown,
                lambda p, v: p.update_hypothesis(code, confidence_pct=confidence, expect_version=v),
            )
        if field == "bucket":
            bucket = None if value == NO_BUCKET else value
            return Edit(
                field,
                "Pulje",
                bucket or "(ingen pulje)",
                lambda p, v: p.update_hypothesis(code, bucket=bucket, expect_version=v),
            )
        if field == "stage":
            return None  # a stage move goes through request_stage (it may need a note)
        label = dict(TEXT_FIELDS).get(field, "Beskrivelse")
        return Edit(
            field,
            label,
            value,
            lambda p, v: p.update_hypothesis(code, **{field: value}, expect_version=v),
        )

    def action_save_all(self) -> None:
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
            except ParatError as error:
                self.post_message(SaveFailed(edit.field, f"{edit.label}: {error}"))
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
        theirs = self._values(current).get(message.field, "")
        if message.field.startswith("fig-"):
            theirs = mio(parse_amount(theirs)) if theirs else "(intet tal)"
        elif message.field == "stage":
            theirs = Stage(theirs).label
        elif message.field == "bucket":
            theirs = "(ingen pulje)" if theirs == NO_BUCKET else theirs
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
                self._pending[0].label if self._pending else message.field,
                message.mine,
                theirs or "(tom)",
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
        names = ", ".join(self._label(f) for f in dirty)

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

    def _label(self, field: str) -> str:
        if field.startswith("fig-"):
            _, kind, year = field.split("-")
            return f"{year} {KIND_LABELS[kind]}"
        names: dict[str, Any] = {**dict(TEXT_FIELDS), "stage": "Fase", "bucket": "Pulje"}
        names |= {"confidence": "Sikkerhed", "description": "Beskrivelse"}
        return str(names.get(field, field))
