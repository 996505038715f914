"""Ask, for a stage move, why (the note, required for a move backward or to dropped)
and the decision it rests on ("Chefgruppemøde 2, 12.03.2018", optional)."""

from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label

from tracker.domain.rules import DECISION_MAX, stage_move_needs_note
from tracker.domain.stages import Stage
from tui.dialogs.form import FormDialog
from tui.widgets.inputs import OrderedInput

__all__ = ["NoteDialog", "StageNote", "stage_dialog", "why_question"]


@dataclass(frozen=True, slots=True)
class StageNote:
    """What the user wrote for a stage move."""

    note: str
    """Why (begrundelse); empty when the move needs none and none was given."""
    decision: str
    """The decision the move rests on (beslutning), or empty."""


def why_question(code: str, stage: Stage) -> str:
    """The question asked when a stage move needs a note."""
    if stage is Stage.DROPPED:
        return f"Hvorfor forkastes {code}?"
    return f"Hvorfor flyttes {code} tilbage til {stage.label.lower()}?"


def stage_dialog(code: str, old: Stage, new: Stage) -> "NoteDialog":
    """The dialog for moving ``code`` from ``old`` to ``new``: the note is required
    when the move needs one; the decision is always optional."""
    title = f"{code}: {old.label} → {new.label}"
    if stage_move_needs_note(old, new):
        return NoteDialog(title, why_question(code, new))
    return NoteDialog(
        title,
        f"{code} flyttes til {new.label.lower()}. Enter gemmer.",
        required=False,
    )


class NoteDialog(FormDialog[StageNote | None]):
    """Dismisses with the note and the decision, or ``None`` when the user cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Annullér", id="note.cancel"),
    ]

    def __init__(self, title: str, question: str, *, required: bool = True) -> None:
        super().__init__()
        self.title_text, self.question, self.required = title, question, required

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = self.title_text
            yield Label(self.question, classes="question")
            yield Label("Begrundelse" if self.required else "Note (kan udelades)")
            yield OrderedInput(placeholder="Begrundelse (gemmes i historikken)", id="note")
            yield Label("Beslutning (kan udelades)")
            yield OrderedInput(
                placeholder="fx Chefgruppemøde 2, 12.03.2018",
                id="decision",
                max_length=DECISION_MAX,
            )
            yield Label("", id="note-error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Gem", variant="primary", id="ok")
                yield Button("Annullér", id="cancel")

    def on_mount(self) -> None:
        # A move that needs no note is most often a decided one: start where it goes.
        self.query_one("#note" if self.required else "#decision", Input).focus()

    def _submit(self) -> None:
        note = self.query_one("#note", Input).value.strip()
        decision = self.query_one("#decision", Input).value.strip()
        if self.required and not note:
            self.query_one("#note-error", Label).update("Skriv en begrundelse – den er påkrævet.")
            self.query_one("#note", Input).focus()
            return
        self.dismiss(StageNote(note, decision))
