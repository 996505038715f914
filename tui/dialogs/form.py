"""The shape the form dialogs share: Enter or OK submits, Esc or Cancel dismisses, and
a write runs once per submit in a worker, refused with its reason in the dialog."""

from collections.abc import Callable
from typing import TypeVar

from textual import work
from textual.screen import ModalScreen
from textual.widgets import Button, Input

from tracker.errors import ParatError, ReadOnlyError
from tui.access import error_text

__all__ = ["FormDialog"]

ResultT = TypeVar("ResultT")


class FormDialog(ModalScreen[ResultT]):
    """A modal form: subclasses say what submitting does; cancelling dismisses ``None``.

    The OK button has the id ``ok``; any other button cancels. :meth:`_store_once` stores
    through the services in a thread worker and dismisses with what the call returns;
    a refusal is shown by :meth:`_show_error` (the dialog stays open), a read-only
    database closes the dialog with a notice.
    """

    _storing = False

    def _submit(self) -> None:
        raise NotImplementedError

    def _show_error(self, text: str) -> None:
        """Say why the values were refused (the dialog stays open)."""
        raise NotImplementedError

    def _store_once(self, call: Callable[[], ResultT]) -> None:
        if self._storing:
            return  # one write per submit, even when Enter is pressed twice
        self._storing = True
        self._run_write(call)

    @work(thread=True, group="write")
    def _run_write(self, call: Callable[[], ResultT]) -> None:
        try:
            result = call()
        except ReadOnlyError as error:
            self.app.call_from_thread(self._refused, error_text(error))
            return
        except ParatError as error:
            self.app.call_from_thread(self._failed, error_text(error))
            return
        self.app.call_from_thread(self.dismiss, result)

    def _refused(self, text: str) -> None:
        """Nothing this dialog can change would help: close it and say why."""
        self.app.notify(text, severity="error")
        self.dismiss(None)

    def _failed(self, text: str) -> None:
        self._storing = False
        self._show_error(text)

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
