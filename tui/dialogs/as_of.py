"""Vis status pr. …: choose a snapshot or type a date; the UI then shows the programme
as it stood at that moment (read from the dated figures and events, not copies).
:func:`ask_moment` is the whole flow."""

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar

from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select

from tracker.errors import ParatError
from tracker.i18n import N_, _
from tracker.report.moments import show_moment
from tui.access import error_text
from tui.protocol import parat_ui
from tui.widgets.inputs import OrderedInput

if TYPE_CHECKING:
    from tracker.services.snapshots import SnapshotView

__all__ = ["AsOfDialog", "Moment", "ask_moment"]

#: What the dialog gives back: how to name the moment, and the moment (``None``: now).
Moment = tuple[str, datetime | None]


def ask_moment(app: App[Any]) -> None:
    """Ask for a snapshot or a date, then show the programme as it stood then.

    Refused while a hypothesis has unsaved edits: its screen closes when the moment
    changes, and they would be lost.
    """
    ui = parat_ui(app)
    if ui.unsaved_fields():
        app.notify(
            _(
                "Save (ctrl+s) or discard your changes before you look at the status as of "
                "another date."
            ),
            title=_("Not saved"),
            severity="warning",
        )
        return

    def chosen(moment: Moment | None) -> None:
        if moment is not None:
            ui.view_moment(*moment)

    parat = ui.parat
    dialog = AsOfDialog(parat.snapshots, parat.resolve_moment, showing_past=ui.as_of is not None)
    app.push_screen(dialog, chosen)


class AsOfDialog(ModalScreen[Moment | None]):
    """Dismisses with ``(label, moment)``, ``("", None)`` for now, or ``None`` (cancel).

    ``snapshots()`` and ``resolve(text)`` are service calls: they run in workers.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", N_("Cancel"), id="as-of.cancel"),
    ]

    def __init__(
        self,
        snapshots: "Callable[[], list[SnapshotView]]",
        resolve: Callable[[str], datetime],
        *,
        showing_past: bool = False,
    ) -> None:
        super().__init__()
        self.snapshots, self.resolve, self.showing_past = snapshots, resolve, showing_past
        self._names: set[str] = set()

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = _("Show the status as of …")
            yield Label(
                _(
                    "See the programme as it stood at a meeting or on a date. The past can "
                    "only be seen, not edited."
                ),
                classes="question",
            )
            yield Select[str]([], prompt=_("Snapshot (newest first)"), id="as-of-snapshot")
            yield OrderedInput(
                placeholder=_("or a date: 12.02.2018 (the end of the day)"), id="as-of"
            )
            yield Label("", id="as-of-error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button(_("Show"), variant="primary", id="ok")
                if self.showing_past:
                    yield Button(_("Back to now"), id="now")
                yield Button(_("Cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#as-of", Input).focus()
        self._load()

    @work(thread=True, exclusive=True, group="as-of-snapshots")
    def _load(self) -> None:
        try:
            snapshots = self.snapshots()
        except ParatError as error:
            self.app.call_from_thread(self._error, error_text(error))
            return
        self.app.call_from_thread(self._loaded, snapshots)

    def _loaded(self, snapshots: "list[SnapshotView]") -> None:
        self._names = {s.name for s in snapshots}
        newest_first = sorted(snapshots, key=lambda s: s.at, reverse=True)
        self.query_one("#as-of-snapshot", Select).set_options(
            (f"{s.name} ({show_moment(s.at)})", s.name) for s in newest_first
        )

    def on_select_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, str):
            self.query_one("#as-of", Input).value = event.value
            self._submit()

    def _error(self, text: str) -> None:
        self.query_one("#as-of-error", Label).update(f"✖ {text}" if text else "")

    def _submit(self) -> None:
        text = self.query_one("#as-of", Input).value.strip()
        if not text:
            self._error(_("Choose a snapshot or write a date."))
            return
        self._error("")
        self._resolve(text)

    @work(thread=True, exclusive=True, group="as-of-resolve")
    def _resolve(self, text: str) -> None:
        try:
            moment = self.resolve(text)
        except ParatError as error:
            self.app.call_from_thread(self._error, error_text(error))
            return
        shown = show_moment(moment)
        label = f"{shown} – {text}" if text in self._names and text != shown else shown
        self.app.call_from_thread(self.dismiss, (label, moment))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "ok":
            self._submit()
        elif event.button.id == "now":
            self.dismiss(("", None))
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
