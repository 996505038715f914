"""A stale-version conflict: someone else saved first. Show both values, let the user
choose to reload (drop the own edit) or to overwrite deliberately."""

from typing import ClassVar, Literal

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from tracker.i18n import N_, _

__all__ = ["ConflictChoice", "ConflictDialog"]

ConflictChoice = Literal["reload", "overwrite", "cancel"]
_CHOICES: dict[str, ConflictChoice] = {"reload": "reload", "overwrite": "overwrite"}


class ConflictDialog(ModalScreen[ConflictChoice]):
    """Dismisses with ``reload``, ``overwrite`` or ``cancel`` (keep editing)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "choose('cancel')", N_("Cancel"), id="conflict.cancel"),
        Binding("g", "choose('reload')", N_("Reload"), id="conflict.reload"),
        Binding("o", "choose('overwrite')", N_("Overwrite"), id="conflict.overwrite"),
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
            box.border_title = _("Conflict – changed by someone else")
            by = _(" by {who}").format(who=self.who) if self.who else ""
            yield Label(
                _(
                    "{code} was changed{by} since you opened it "
                    "(version {expected} → {actual}). Nothing is saved yet."
                ).format(code=self.code, by=by, expected=self.expected, actual=self.actual),
                classes="question",
            )
            yield Static(
                _(
                    "[b]{field}[/b]\n"
                    "  Your value:             [b]{mine}[/b]\n"
                    "  Value in the database:  [b]{theirs}[/b]"
                ).format(field=self.field, mine=self.mine, theirs=self.theirs),
                id="conflict-values",
            )
            with Horizontal(classes="buttons"):
                yield Button(_("Reload (g)"), id="reload", variant="primary")
                yield Button(_("Overwrite (o)"), id="overwrite", variant="warning")
                yield Button(_("Cancel"), id="cancel")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(_CHOICES.get(event.button.id or "", "cancel"))

    def action_choose(self, choice: ConflictChoice) -> None:
        self.dismiss(choice)
