"""Eksportér status: choose a format and a file; the file is written in a worker and
the dialog stays open with the error when it cannot be written. :func:`ask_export` is
the whole flow, from the status on show to the notice of where the file went."""

from collections.abc import Callable
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import Any, ClassVar

from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select

from tracker.errors import ParatError
from tracker.services import Parat
from tui.access import error_text
from tui.dialogs.form import FormDialog
from tui.protocol import parat_ui
from tui.widgets.inputs import OrderedInput

__all__ = ["FORMAT_LABELS", "ExportDialog", "ask_export", "default_name", "export_file"]

#: The formats of ``tracker.exports`` with the names a user knows them by.
FORMAT_LABELS: dict[str, str] = {
    "md": "Markdown (.md)",
    "html": "HTML – til browseren (.html)",
    "pdf": "PDF (.pdf)",
    "xlsx": "Excel-regneark (.xlsx)",
    "csv": "CSV – dansk Excel (.csv)",
    "json": "JSON (.json)",
}


def default_name(fmt: str, day: date) -> str:
    """``parat-status-2018-03-12.xlsx``"""
    return f"parat-status-{day.isoformat()}.{fmt}"


def export_file(parat: Parat, fmt: str, path: Path, *, as_of: datetime | None) -> None:
    """Write the status at ``as_of`` (``None``: now) as ``fmt`` to ``path``, whole or
    not at all. Blocking: call it from a worker."""
    from tracker.io.files import write_atomic

    data = parat.export(fmt, as_of=as_of)
    write_atomic(path, data if isinstance(data, bytes) else data.encode("utf-8"), label="Fil")


def ask_export(app: App[Any]) -> None:
    """Ask for format and file, write the status on show, say where it went."""
    from tracker.report.moments import LOCAL

    ui = parat_ui(app)
    moment = ui.status.as_of if ui.status is not None else ui.parat.context.now()
    what = f"Statusrapporten pr. {ui.past} (som Overblik viser nu)." if ui.past is not None else ""

    def written(path: Path | None) -> None:
        if path is not None:
            app.notify(f"Eksporteret til {path}", title="Eksport")

    write = partial(export_file, ui.parat, as_of=ui.as_of)
    app.push_screen(ExportDialog(write, moment.astimezone(LOCAL).date(), what=what), written)


class ExportDialog(FormDialog[Path | None]):
    """Dismisses with the file written, or ``None`` when the user cancels.

    ``write(fmt, path)`` runs in a thread worker and raises ``ParatError`` (or
    ``OSError``) when the file cannot be made; the message is shown in the dialog.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Annullér", id="export.cancel"),
    ]

    def __init__(
        self, write: Callable[[str, Path], None], day: date, *, fmt: str = "xlsx", what: str = ""
    ) -> None:
        super().__init__()
        self.write, self.day, self.fmt, self.what = write, day, fmt, what

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="export-dialog") as box:
            box.border_title = "Eksportér status"
            yield Label(
                self.what or "Statusrapporten til Chefgruppen, med tallene fra Overblik.",
                classes="question",
            )
            with Horizontal(classes="export-row"):
                yield Label("Format", classes="field-label")
                yield Select(
                    [(label, key) for key, label in FORMAT_LABELS.items()],
                    value=self.fmt,
                    allow_blank=False,
                    id="format",
                )
            with Horizontal(classes="export-row"):
                yield Label("Fil", classes="field-label")
                yield OrderedInput(default_name(self.fmt, self.day), id="path")
            yield Label(f"Mappe: {Path.cwd()}", id="export-folder", classes="hint")
            yield Label("", id="export-error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Eksportér", variant="primary", id="ok")
                yield Button("Annullér", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        """A new format changes the file's extension, when the name is still ours."""
        if not isinstance(event.value, str) or event.value == self.fmt:
            return
        path = self.query_one("#path", Input)
        name = Path(path.value)
        if name.suffix.lower() == f".{self.fmt}":
            path.value = str(name.with_suffix(f".{event.value}"))
        self.fmt = event.value
        self._error("")

    def _error(self, text: str) -> None:
        self.query_one("#export-error", Label).update(f"✖ {text}" if text else "")

    def _submit(self) -> None:
        text = self.query_one("#path", Input).value.strip()
        if not text:
            self._error("Skriv et filnavn.")
            return
        path = Path(text).expanduser()
        if not path.is_absolute():
            path = Path.cwd() / path
        if path.is_dir():
            self._error(f"{path} er en mappe – skriv et filnavn.")
            return
        if not path.parent.is_dir():
            self._error(f"Mappen {path.parent} findes ikke.")
            return
        self.query_one("#ok", Button).disabled = True
        self._error("")
        self.query_one("#export-error", Label).update("Eksporterer …")
        self._write(self.fmt, path)

    @work(thread=True, exclusive=True, group="export")
    def _write(self, fmt: str, path: Path) -> None:
        try:
            self.write(fmt, path)
        except ParatError as error:
            self.app.call_from_thread(self._failed, error_text(error))
            return
        except (OSError, ValueError) as error:
            # not a user's mistake the services name: say so in Danish, with the kind
            self.app.call_from_thread(self._failed, f"uventet fejl ({type(error).__name__})")
            return
        self.app.call_from_thread(self.dismiss, path)

    def _failed(self, text: str) -> None:
        self.query_one("#ok", Button).disabled = False
        self._error(f"Ikke eksporteret: {text}")
