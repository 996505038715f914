"""Add, change or drop an overlap (dobbelttælling) from the dashboard.

:func:`ask_overlap` is the whole flow: the dialog offers the overlaps that stand (or
a new one), fills in the chosen one's members, amount and note, and stores through
the overlap services (as ``parat overlap add/set/drop``) in a worker. When the
services refuse (an unknown code, one member, a bad amount) the dialog stays open
with the reason; once stored, the dashboard reads the status again.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select

from tracker.domain.overlaps import OverlapStatus
from tracker.i18n import N_, _
from tui.dialogs.form import FormDialog
from tui.fmt import mio_exact
from tui.messages import DataChanged
from tui.protocol import parat_ui
from tui.widgets.inputs import OrderedInput

__all__ = ["NEW", "OverlapDialog", "OverlapRequest", "ask_overlap"]

#: The choice meaning "a new overlap".
NEW = "\x00new"


@dataclass(frozen=True, slots=True)
class OverlapRequest:
    """What the user asked for: ``action`` is ``add``, ``set`` or ``drop``."""

    action: str
    name: str
    members: str = ""
    amount: str = ""
    note: str = ""


def ask_overlap(app: App[Any]) -> None:
    """Ask which overlap to add, change or drop (unless edits are refused now)."""
    ui = parat_ui(app)
    if ui.refuse_write():
        return
    status = ui.status
    standing = tuple(status.overlaps) if status is not None else ()

    def store(request: OverlapRequest) -> str:
        parat = ui.parat
        if request.action == "drop":
            parat.drop_overlap(request.name)
            return _("The overlap '{name}' is dropped.").format(name=request.name)
        if request.action == "set":
            parat.set_overlap(
                request.name, members=request.members, amount=request.amount, note=request.note
            )
            return _("The overlap '{name}' is saved.").format(name=request.name)
        parat.add_overlap(
            request.name, members=request.members, amount=request.amount, note=request.note
        )
        return _("The overlap '{name}' is added.").format(name=request.name)

    def stored(text: str | None) -> None:
        if text:
            app.notify(text)
            app.post_message(DataChanged())

    app.push_screen(OverlapDialog(store, standing), stored)


class OverlapDialog(FormDialog[str | None]):
    """Dismisses with the line saying what was stored, or ``None``.

    ``store(request)`` is the service call (run in a thread worker); it returns that
    line, or raises ``ParatError`` with the reason shown in the dialog.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", N_("Cancel"), id="overlap.cancel"),
    ]

    def __init__(
        self, store: Callable[[OverlapRequest], str], standing: Sequence[OverlapStatus]
    ) -> None:
        super().__init__()
        self.store = store
        self.standing = {o.name: o for o in standing}

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = _("Double counting")
            with Horizontal(classes="field"):
                yield Label(_("Overlap"), classes="field-label")
                yield Select[str](
                    [(_("(new overlap)"), NEW), *((name, name) for name in self.standing)],
                    value=NEW,
                    id="overlap-choice",
                    allow_blank=False,
                    compact=True,
                )
            fields = (
                ("name", _("Name"), _("e.g. Shared hours in home care")),
                ("members", _("Hypotheses"), _("codes, e.g. H01, H04")),
                ("amount", _("Amount"), _("counted twice in the target year, e.g. 1,5")),
                ("note", _("Note"), _("why they overlap")),
            )
            for key, label, placeholder in fields:
                with Horizontal(classes="field"):
                    yield Label(label, classes="field-label")
                    yield OrderedInput(placeholder=placeholder, id=f"overlap-{key}", compact=True)
            yield Label("", id="overlap-error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button(_("Save"), variant="primary", id="ok")
                yield Button(_("Drop"), variant="error", id="overlap-drop", disabled=True)
                yield Button(_("Cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#overlap-name", Input).focus()

    def _chosen(self) -> OverlapStatus | None:
        value = self.query_one("#overlap-choice", Select).value
        return self.standing.get(value) if isinstance(value, str) else None

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        chosen = self._chosen()
        name = self.query_one("#overlap-name", Input)
        name.disabled = chosen is not None  # renaming is not an edit: drop and add
        self.query_one("#overlap-drop", Button).disabled = chosen is None
        values = (
            (chosen.name, ", ".join(chosen.members), mio_exact(chosen.amount_kr), chosen.note)
            if chosen is not None
            else ("", "", "", "")
        )
        for key, value in zip(("name", "members", "amount", "note"), values, strict=True):
            self.query_one(f"#overlap-{key}", Input).value = value
        self.query_one("#overlap-error", Label).update("")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id != "overlap-drop":
            return  # OK and Cancel: the form's own handler (run after this one)
        event.prevent_default()  # not a cancel
        chosen = self._chosen()
        if chosen is not None:
            self._request(OverlapRequest("drop", chosen.name))

    def _value(self, key: str) -> str:
        return self.query_one(f"#overlap-{key}", Input).value.strip()

    def _submit(self) -> None:
        chosen = self._chosen()
        name = chosen.name if chosen is not None else self._value("name")
        if not name or not self._value("members") or not self._value("amount"):
            self.query_one("#overlap-error", Label).update(
                _("Name, hypotheses and amount must be filled in.")
            )
            return
        self._request(
            OverlapRequest(
                "set" if chosen is not None else "add",
                name,
                self._value("members"),
                self._value("amount"),
                self._value("note"),
            )
        )

    def _request(self, request: OverlapRequest) -> None:
        self._store_once(lambda: self.store(request))

    def _show_error(self, text: str) -> None:
        self.query_one("#overlap-error", Label).update(text)
