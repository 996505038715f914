"""Ask for the note that a stage move backward or to dropped requires."""

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label

from tracker.domain.stages import Stage
from tui.dialogs.form import FormDialog
from tui.widgets.inputs import OrderedInput

__all__ = ["NoteDialog", "why_question"]


def why_question(code: str, stage: Stage) -> str:
    """The question asked when a stage move needs a note."""
    if stage is Stage.DROPPED:
        return f"Hvorfor forkastes {code}?"
    return f"Hvorfor flyttes {code} tilbage til {stage.label.lower()}?"


class NoteDialog(FormDialog[str | None]):
    """Dismisses with the note, or ``None`` when the user cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Annullér", id="note.cancel"),
    ]

    def __init__(self, title: str, question: str) -> None:
        super().__init__()
        self.title_text, self.question = title, question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = self.title_text
            yield Label(self.question, classes="question")
            yield OrderedInput(placeholder="Begrundelse (gemmes i historikken)", id="note")
            yield Label("", id="note-error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Gem", variant="primary", id="ok")
                yield Button("Annullér", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#note", Input).focus()

    def _submit(self) -> None:
        note = self.query_one("#note", Input).value.strip()
        if not note:
            self.query_one("#note-error", Label).update("Skriv en begrundelse – den er påkrævet.")
            return
        self.dismiss(note)
