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
from tracker.i18n import N_, _
from tracker.report.words import stage_name
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
        return _("Why is {code} dropped?").format(code=code)
    return _("Why does {code} move back to {stage}?").format(
        code=code, stage=stage_name(stage).lower()
    )


def stage_dialog(code: str, old: Stage, new: Stage) -> "NoteDialog":
    """The dialog for moving ``code`` from ``old`` to ``new``: the note is required
    when the move needs one; the decision is always optional."""
    title = f"{code}: {stage_name(old)} → {stage_name(new)}"
    if stage_move_needs_note(old, new):
        return NoteDialog(title, why_question(code, new))
    return NoteDialog(
        title,
        _("{code} moves to {stage}. Enter saves.").format(code=code, stage=stage_name(new).lower()),
        required=False,
    )


class NoteDialog(FormDialog[StageNote | None]):
    """Dismisses with the note and the decision, or ``None`` when the user cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", N_("Cancel"), id="note.cancel"),
    ]

    def __init__(self, title: str, question: str, *, required: bool = True) -> None:
        super().__init__()
        self.title_text, self.question, self.required = title, question, required

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = self.title_text
            yield Label(self.question, classes="question")
            yield Label(_("Reason") if self.required else _("Note (optional)"))
            yield OrderedInput(placeholder=_("Reason (kept in the history)"), id="note")
            yield Label(_("Decision (optional)"))
            yield OrderedInput(
                placeholder=_("e.g. Chief group meeting 2, 12.03.2018"),
                id="decision",
                max_length=DECISION_MAX,
            )
            yield Label("", id="note-error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button(_("Save"), variant="primary", id="ok")
                yield Button(_("Cancel"), id="cancel")

    def on_mount(self) -> None:
        # A move that needs no note is most often a decided one: start where it goes.
        self.query_one("#note" if self.required else "#decision", Input).focus()

    def _submit(self) -> None:
        note = self.query_one("#note", Input).value.strip()
        decision = self.query_one("#decision", Input).value.strip()
        if self.required and not note:
            self.query_one("#note-error", Label).update(_("Write a reason – it is required."))
            self.query_one("#note", Input).focus()
            return
        self.dismiss(StageNote(note, decision))
