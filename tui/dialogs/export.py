"""Eksportér status: choose a format, a file and "Siden sidst" (a snapshot, a date or
none: the meeting pack); the file is written in a worker, an existing file only once
the user agrees to overwrite it, and the dialog stays open with the error when it
cannot be written. :func:`ask_export` is the whole flow, from the status on show to
the notice of where the file went."""

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
from tracker.i18n import N_, _
from tracker.services import Parat
from tui.access import error_text
from tui.dialogs.form import FormDialog
from tui.protocol import parat_ui
from tui.widgets.inputs import OrderedInput

__all__ = [
    "FORMAT_LABELS",
    "NO_SINCE",
    "SINCE_DATE",
    "ExportDialog",
    "ask_export",
    "default_name",
    "export_file",
]

#: The "Siden sidst" choices besides the snapshots: none, or a date typed in.
NO_SINCE = ""
SINCE_DATE = "\x00date"

#: (name, moment) of a snapshot, as the dialog offers it.
Snapshot = tuple[str, datetime]

#: The formats of ``tracker.exports`` with the names a user knows them by (translated
#: where shown).
FORMAT_LABELS: dict[str, str] = {
    "md": "Markdown (.md)",
    "html": N_("HTML – for the browser (.html)"),
    "pdf": "PDF (.pdf)",
    "xlsx": N_("Excel spreadsheet (.xlsx)"),
    "csv": N_("CSV – Danish Excel (.csv)"),
    "json": "JSON (.json)",
}


def default_name(fmt: str, day: date) -> str:
    """``parat-status-2018-03-12.xlsx``"""
    return f"parat-status-{day.isoformat()}.{fmt}"


def export_file(
    parat: Parat,
    fmt: str,
    path: Path,
    since: str | None = None,
    *,
    as_of: datetime | None,
    past: str | None = None,
) -> None:
    """Write the status at ``as_of`` (``None``: now; ``past`` is how that moment is
    named) as ``fmt`` to ``path``, whole or not at all; with "Siden sidst" since
    ``since`` (a snapshot name or a date) when given. Blocking: call it from a worker."""
    from tracker.io.files import write_atomic

    diff = None
    if since:
        diff = parat.diff(
            parat.resolve_moment(since),
            as_of,
            since_label=parat.moment_label(since),
            until_label=parat.moment_label(past) if past else "nu",
        )
    data = parat.export(fmt, as_of=as_of, diff=diff)
    write_atomic(path, data if isinstance(data, bytes) else data.encode("utf-8"), label="Fil")


def ask_export(app: App[Any]) -> None:
    """Ask for format and file, write the status on show, say where it went."""
    from tracker.report.moments import LOCAL

    ui = parat_ui(app)
    moment = ui.status.as_of if ui.status is not None else ui.parat.context.now()
    what = (
        _("The status report as of {moment} (as Overview shows it now).").format(moment=ui.past)
        if ui.past is not None
        else ""
    )

    def written(path: Path | None) -> None:
        if path is not None:
            app.notify(_("Exported to {path}").format(path=path), title=_("Exported"))

    parat = ui.parat
    write = partial(export_file, parat, as_of=ui.as_of, past=ui.past)

    def snapshots() -> list[Snapshot]:
        # only the moments before the one on show can be compared from
        return [(s.name, s.at) for s in parat.snapshots() if s.at <= moment]

    app.push_screen(
        ExportDialog(write, moment.astimezone(LOCAL).date(), what=what, snapshots=snapshots),
        written,
    )


class ExportDialog(FormDialog[Path | None]):
    """Dismisses with the file written, or ``None`` when the user cancels.

    ``write(fmt, path, since)`` runs in a thread worker and raises ``ParatError``
    (or ``OSError``) when the file cannot be made; the message is shown in the dialog.
    ``since`` is a snapshot's name, a date as typed, or ``None``. ``snapshots()``
    (run in a worker) lists the snapshots to offer, oldest first; the newest is
    chosen at the start, so the meeting pack is one Enter away.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", N_("Cancel"), id="export.cancel"),
    ]

    def __init__(
        self,
        write: Callable[[str, Path, str | None], None],
        day: date,
        *,
        fmt: str = "xlsx",
        what: str = "",
        snapshots: Callable[[], list[Snapshot]] | None = None,
    ) -> None:
        super().__init__()
        self.write, self.day, self.fmt, self.what = write, day, fmt, what
        self.snapshots = snapshots
        self.confirmed: Path | None = None
        """The existing file the user agreed to overwrite."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="export-dialog") as box:
            box.border_title = _("Export the status")
            yield Label(
                self.what
                or _("The status report for the Chefgruppe, with the figures of Overview."),
                classes="question",
            )
            with Horizontal(classes="export-row"):
                yield Label(_("Format"), classes="field-label")
                yield Select(
                    [(_(label), key) for key, label in FORMAT_LABELS.items()],
                    value=self.fmt,
                    allow_blank=False,
                    id="format",
                )
            with Horizontal(classes="export-row"):
                yield Label(_("Since"), classes="field-label")
                yield Select(_since_options([]), value=NO_SINCE, allow_blank=False, id="since")
            with Horizontal(classes="export-row", id="since-date-row"):
                yield Label(_("Date"), classes="field-label")
                yield OrderedInput(placeholder=_("e.g. 12.02.2018"), id="since-date")
            with Horizontal(classes="export-row"):
                yield Label(_("File"), classes="field-label")
                yield OrderedInput(default_name(self.fmt, self.day), id="path")
            yield Label(
                _("Folder: {folder}").format(folder=Path.cwd()), id="export-folder", classes="hint"
            )
            yield Label("", id="export-error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button(_("Export"), variant="primary", id="ok")
                yield Button(_("Cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#since-date-row").display = False
        self.query_one("#path", Input).focus()
        if self.snapshots is not None:
            self._load_snapshots()

    @work(thread=True, exclusive=True, group="export-snapshots")
    def _load_snapshots(self) -> None:
        assert self.snapshots is not None
        try:
            found = self.snapshots()
        except ParatError as error:
            self.app.call_from_thread(self._error, error_text(error))
            return
        self.app.call_from_thread(self._offer, found)

    def _offer(self, snapshots: list[Snapshot]) -> None:
        """The snapshots as choices, the newest chosen: the last meeting."""
        since = self.query_one("#since", Select)
        since.set_options(_since_options(snapshots))
        if snapshots:
            since.value = max(snapshots, key=lambda s: s[1])[0]

    def since(self) -> str | None:
        """The "Siden sidst" chosen: a snapshot's name, a date as typed, or ``None``."""
        value = self.query_one("#since", Select).value
        if value == SINCE_DATE:
            return self.query_one("#since-date", Input).value.strip() or None
        return value if isinstance(value, str) and value else None

    def on_select_changed(self, event: Select.Changed) -> None:
        """A date for "Siden" opens its field; a new format changes the file's
        extension, when the name is still ours."""
        if event.select.id == "since":
            row = self.query_one("#since-date-row")
            row.display = event.value == SINCE_DATE
            if row.display:
                self.query_one("#since-date", Input).focus()
            self._error("")
            return
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
            self._error(_("Write a file name."))
            return
        path = Path(text).expanduser()
        if not path.is_absolute():
            path = Path.cwd() / path
        if path.is_dir():
            self._error(_("{path} is a folder – write a file name.").format(path=path))
            return
        if not path.parent.is_dir():
            self._error(_("The folder {folder} does not exist.").format(folder=path.parent))
            return
        if self.query_one("#since", Select).value == SINCE_DATE and self.since() is None:
            self._error(_("Write the date to compare from."))
            return
        if path.exists() and path != self.confirmed:
            self._ask_overwrite(path)
            return
        self.query_one("#ok", Button).disabled = True
        self._error("")
        self.query_one("#export-error", Label).update(_("Exporting …"))
        self._write(self.fmt, path, self.since())

    def _ask_overwrite(self, path: Path) -> None:
        """An existing file is replaced only when the user says so."""
        from tui.dialogs.confirm import ConfirmDialog

        def answer(yes: bool | None) -> None:
            if yes:
                self.confirmed = path
                self._submit()
            else:
                self.query_one("#path", Input).focus()

        self.app.push_screen(
            ConfirmDialog(
                _("The file exists"),
                _("{name} already exists in {folder}. Overwrite it?").format(
                    name=path.name, folder=path.parent
                ),
                yes=_("Overwrite"),
                no=_("Go back"),
            ),
            answer,
        )

    @work(thread=True, exclusive=True, group="export")
    def _write(self, fmt: str, path: Path, since: str | None) -> None:
        try:
            self.write(fmt, path, since)
        except ParatError as error:
            self.app.call_from_thread(self._failed, error_text(error))
            return
        except (OSError, ValueError) as error:
            # not a user's mistake the services name: say so in Danish, with the kind
            self.app.call_from_thread(
                self._failed, _("unexpected error ({kind})").format(kind=type(error).__name__)
            )
            return
        self.app.call_from_thread(self.dismiss, path)

    def _failed(self, text: str) -> None:
        self.query_one("#ok", Button).disabled = False
        self._error(_("Not exported: {reason}").format(reason=text))


def _since_options(snapshots: list[Snapshot]) -> list[tuple[str, str]]:
    """None, each snapshot with its moment (newest first), and a date to type."""
    from tracker.report.moments import show_time

    newest_first = sorted(snapshots, key=lambda s: s[1], reverse=True)
    return [
        (_("None – only the status"), NO_SINCE),
        *((f"{name} ({show_time(at)})", name) for name, at in newest_first),
        (_("A date …"), SINCE_DATE),
    ]
