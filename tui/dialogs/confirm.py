"""A yes/no question, and the two flows of the app that are no more than that question:
create the programme in an empty database, and quit with unsaved edits."""

from typing import Any, ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from tracker.i18n import N_, _
from tui.messages import DataChanged
from tui.protocol import parat_ui

__all__ = ["ConfirmDialog", "ask_create_programme", "ask_quit"]


def ask_create_programme(app: App[Any]) -> None:
    """Offer to create the source document's programme; the status follows once made."""
    ui = parat_ui(app)

    def created(_: object) -> None:
        app.post_message(DataChanged())

    def answer(yes: bool | None) -> None:
        if yes:
            ui.call_service(lambda p: p.create_programme(), created)

    app.push_screen(
        ConfirmDialog(
            _("Empty database"),
            _(
                "The database has no programme yet. Create 'Parat til fremtiden' with the "
                "source document's frame (125 mio. kr. in 2018, three buckets)?"
            ),
            yes=_("Create the programme"),
            no=_("Not now"),
        ),
        answer,
    )


def ask_quit(app: App[Any]) -> None:
    """Quit once the user agrees to lose the unsaved edits of the screen shown."""
    from tui.edits import field_label  # here, not at start-up (the app imports this module)

    names = ", ".join(field_label(f) for f in parat_ui(app).unsaved_fields())

    def answer(yes: bool | None) -> None:
        if yes:
            app.exit()

    app.push_screen(
        ConfirmDialog(
            _("Not saved"),
            _("You have changes that are not saved: {fields}. Quit anyway?").format(fields=names),
            yes=_("Quit"),
            no=_("Stay here"),
        ),
        answer,
    )


class ConfirmDialog(ModalScreen[bool]):
    """Dismisses with ``True`` (Enter/j) or ``False`` (Escape/n)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,n", "answer(False)", N_("No"), id="confirm.no"),
        Binding("j,y", "answer(True)", N_("Yes"), id="confirm.yes"),
    ]

    def __init__(
        self, title: str, question: str, yes: str | None = None, no: str | None = None
    ) -> None:
        super().__init__()
        self.title_text, self.question = title, question
        self.yes, self.no = yes or _("Yes"), no or _("No")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = self.title_text
            yield Label(self.question, classes="question")
            with Horizontal(classes="buttons"):
                yield Button(self.yes, variant="primary", id="yes")
                yield Button(self.no, id="no")

    def on_mount(self) -> None:
        self.query_one("#yes", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)
