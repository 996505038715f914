"""What the screens, dialogs and the command palette may use of the app.

They never import the app: they read its state and ask for its shared flows through
these protocols, and tell it that the data changed with a message
(:class:`tui.messages.DataChanged`). ``ParatApp`` satisfies both protocols; mypy
checks that where the app hands itself over.
"""

from collections.abc import Callable
from datetime import datetime
from typing import Any, Protocol, TypeVar, runtime_checkable

from textual.app import App

from tracker.domain.stages import Stage
from tracker.domain.status import HypothesisContribution, Status
from tracker.services import Parat

__all__ = ["HypothesisScreen", "PaletteApp", "ParatUI", "parat_ui"]

T = TypeVar("T")


@runtime_checkable
class ParatUI(Protocol):
    """The app's state and shared flows, as the screens and dialogs use them."""

    @property
    def parat(self) -> Parat:
        """The services; call them only from thread workers."""
        ...

    @property
    def status(self) -> Status | None:
        """The status on show (watch ``status`` on the app to follow it)."""
        ...

    @property
    def past(self) -> str | None:
        """How the past moment on show is named, or ``None`` while showing now."""
        ...

    @property
    def as_of(self) -> datetime | None:
        """The past moment on show (``None``: now)."""
        ...

    @property
    def read_only(self) -> bool:
        """Opened read-only: every edit is refused."""
        ...

    def write_block(self) -> str | None:
        """Why edits are refused now, or ``None``."""
        ...

    def refuse_write(self) -> bool:
        """Show why an edit cannot be made and return ``True``; else ``False``."""
        ...

    def row(self, code: str) -> HypothesisContribution | None:
        """Hypothesis ``code`` in the status on show."""
        ...

    def open_hypothesis(self, code: str) -> None:
        """Show hypothesis ``code`` on its own screen."""
        ...

    def call_service(
        self, call: Callable[[Parat], T], then: Callable[[T], None] | None = None
    ) -> object:
        """Run ``call`` in a worker; ``then`` gets its result on the UI thread."""
        ...

    def view_moment(self, label: str, moment: datetime | None) -> None:
        """Show the status at ``moment`` (named ``label``), or now for ``None``."""
        ...

    def unsaved_fields(self) -> list[str]:
        """The fields with unsaved edits on the screen shown."""
        ...


class PaletteApp(ParatUI, Protocol):
    """What the command palette offers besides the screens' own flows."""

    @property
    def empty(self) -> bool:
        """The database holds no programme yet."""
        ...

    def switch_mode(self, mode: str) -> object: ...
    def action_as_of(self) -> None: ...
    def action_now(self) -> None: ...
    def action_new_hypothesis(self) -> None: ...
    def action_export(self) -> None: ...
    def action_reload(self) -> None: ...
    def action_help(self) -> None: ...
    def offer_programme(self) -> None: ...


@runtime_checkable
class HypothesisScreen(Protocol):
    """A screen about one hypothesis at a time (the palette offers its stage moves)."""

    @property
    def current_code(self) -> str | None:
        """The hypothesis shown or under the cursor."""
        ...

    def request_stage(self, stage: Stage) -> None:
        """Move that hypothesis to ``stage`` (asking for a note when one is needed)."""
        ...


def parat_ui(app: App[Any]) -> ParatUI:
    """``app`` as a screen may use it; ``TypeError`` when it is not Parat's app."""
    if not isinstance(app, ParatUI):
        raise TypeError(f"{type(app).__name__} is not Parat's app")
    return app
