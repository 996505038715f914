"""Add a hypothesis: code, title, area, owner (the rest is edited on its page)."""

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label

from tui.dialogs.form import FormDialog
from tui.widgets.inputs import OrderedInput

__all__ = ["NewHypothesis", "NewHypothesisDialog"]

NewHypothesis = dict[str, str]


class NewHypothesisDialog(FormDialog[NewHypothesis | None]):
    """Dismisses with the values typed (validated by the services), or ``None``."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Annullér", id="new.cancel"),
    ]

    FIELDS: ClassVar[tuple[tuple[str, str, str], ...]] = (
        ("code", "Kode", "fx H17"),
        ("title", "Titel", "kort titel (påkrævet)"),
        ("area", "Område", "fx Ældre og sundhed"),
        ("owner", "Ansvarlig", "navn"),
    )

    def __init__(self, suggested_code: str = "", error: str = "", **values: str) -> None:
        super().__init__()
        self.values = {"code": suggested_code, **values}
        self.error = error

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = "Ny hypotese"
            for key, label, placeholder in self.FIELDS:
                with Horizontal(classes="field"):
                    yield Label(label, classes="field-label")
                    yield OrderedInput(
                        self.values.get(key, ""),
                        placeholder=placeholder,
                        id=f"new-{key}",
                        compact=True,
                    )
            yield Label(self.error, id="new-error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Opret", variant="primary", id="ok")
                yield Button("Annullér", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#new-title" if self.values.get("code") else "#new-code", Input).focus()

    def _submit(self) -> None:
        values = {key: self.query_one(f"#new-{key}", Input).value for key, _, _ in self.FIELDS}
        if not values["code"].strip() or not values["title"].strip():
            self.query_one("#new-error", Label).update("Kode og titel skal udfyldes.")
            return
        self.dismiss(values)
