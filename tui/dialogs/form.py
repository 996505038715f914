"""The shape the form dialogs share: Enter or OK submits, Esc or Cancel dismisses."""

from typing import TypeVar

from textual.screen import ModalScreen
from textual.widgets import Button, Input

__all__ = ["FormDialog"]

ResultT = TypeVar("ResultT")


class FormDialog(ModalScreen[ResultT]):
    """A modal form: subclasses say what submitting does; cancelling dismisses ``None``.

    The OK button has the id ``ok``; any other button cancels.
    """

    def _submit(self) -> None:
        raise NotImplementedError

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "ok":
            self._submit()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
