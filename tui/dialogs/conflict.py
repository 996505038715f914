"""A stale-version conflict: someone else saved first. Show both values, let the user
choose to reload (drop the own edit) or to overwrite deliberately."""

from typing import ClassVar, Literal

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

__all__ = ["ConflictChoice", "ConflictDialog"]

ConflictChoice = Literal["reload", "overwrite", "cancel"]
_CHOICES: dict[str, ConflictChoice] = {"reload": "reload", "overwrite": "overwrite"}


class ConflictDialog(ModalScreen[ConflictChoice]):
    """Dismisses with ``reload``, ``overwrite`` or ``cancel`` (keep editing)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "choose('cancel')", "Annullér", id="conflict.cancel"),
        Binding("g", "choose('reload')", "Genindlæs", id="conflict.reload"),
        Binding("o", "choose('overwrite')", "Overskriv", id="conflict.overwrite"),
    ]

    def __init__(
        self,
        code: str,
        field: str,
        mine: str,
        theirs: str,
        expected: int,
        actual: int,
        who: str = "",
    ) -> None:
        super().__init__()
        self.code, self.field, self.mine, self.theirs = code, field, mine, theirs
        self.expected, self.actual, self.who = expected, actual, who

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog conflict") as box:
            box.border_title = "Konflikt – ændret af en anden"
            by = f" af {self.who}" if self.who else ""
            yield Label(
                f"{self.code} er ændret{by}, siden du åbnede den "
                f"(version {self.expected} → {self.actual}). Intet er gemt endnu.",
                classes="question",
            )
            yield Static(
                f"[b]{self.field}[/b]\n"
                f"  Din værdi:             [b]{self.mine}[/b]\n"
                f"  Værdi i databasen nu:  [b]{self.theirs}[/b]",
                id="conflict-values",
            )
            with Horizontal(classes="buttons"):
                yield Button("Genindlæs (g)", id="reload", variant="primary")
                yield Button("Overskriv (o)", id="overwrite", variant="warning")
                yield Button("Annullér", id="cancel")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(_CHOICES.get(event.button.id or "", "cancel"))

    def action_choose(self, choice: ConflictChoice) -> None:
        self.dismiss(choice)
