"""Siden sidst: what moved since a snapshot or a date (the content of ``parat diff``).

The selector lists the snapshots newest first; a date (or a snapshot's name) can be
typed instead. The default is the newest snapshot, or 30 days ago when there is none.
While the UI shows the past ("Status pr. …"), the comparison ends at that moment.
"""

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, Label, Select, Static

from tracker.domain.diff import Diff
from tracker.domain.status import Status
from tracker.errors import ParatError
from tracker.i18n import N_, _
from tracker.report.moments import LOCAL, show_moment
from tui.access import error_text
from tui.fmt import datetime_short
from tui.protocol import parat_ui
from tui.startup import fit_breakpoints
from tui.widgets.diff_view import DiffFigures, DiffMoves
from tui.widgets.inputs import OrderedInput
from tui.widgets.keybar import KeyBar
from tui.widgets.topbar import TopBar

if TYPE_CHECKING:
    from tracker.services.snapshots import SnapshotView

__all__ = ["SinceScreen", "default_since"]

DEFAULT_DAYS = 30


def default_since(snapshots: "list[SnapshotView]", fallback: str) -> str:
    """The newest snapshot's name, else ``fallback`` (the date 30 days ago)."""
    if snapshots:
        return max(snapshots, key=lambda s: s.at).name
    return fallback


def _named(label: str, moment: datetime) -> str:
    """``Chefgruppemøde marts (12.03.2018 10:00)``; a date as typed stays as it is."""
    shown = show_moment(moment)
    if label == shown or not label:
        return shown
    if label == "nu":  # the moment named by the UI itself (not a snapshot's name)
        return _("now") + f" ({datetime_short(moment)})"
    return f"{label} ({shown})"


class SinceScreen(Screen[None]):
    """The chief group's "what happened since the last meeting"."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "date", N_("Date"), id="since.date"),
        Binding("j,down", "scroll(1)", N_("Scroll"), show=False, id="since.down"),
        Binding("k,up", "scroll(-1)", N_("Scroll up"), show=False, id="since.up"),
    ]
    AUTO_FOCUS = None

    def __init__(self) -> None:
        super().__init__()
        self.since: str | None = None
        """What the comparison starts from: a snapshot name or a date, as typed."""
        self.diff: Diff | None = None

    def compose(self) -> ComposeResult:
        fit_breakpoints(self)
        yield TopBar("siden")
        with Horizontal(id="since-picker"):
            yield Label(_("Since"), classes="since-label")
            yield Select[str]([], prompt=_("Snapshot"), id="since-snapshot")
            yield OrderedInput(placeholder=_("or date: 12.02.2018"), id="since-date")
        yield Static(_("Loading …"), id="since-head")
        yield Label("", id="since-error", classes="error")
        with VerticalScroll(id="since-body"), Horizontal(id="since-panels"):
            yield DiffFigures(id="diff-figures", classes="panel")
            yield DiffMoves(id="diff-moves", classes="panel")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#diff-figures").border_title = _("The figures then and now")
        self.query_one("#diff-moves").border_title = _("What has moved")
        self.watch(self.app, "status", self._status_changed)
        self._load_snapshots()

    # -- choosing the moment ---------------------------------------------------------
    @work(thread=True, exclusive=True, group="since-snapshots")
    def _load_snapshots(self) -> None:
        parat = parat_ui(self.app).parat
        try:
            snapshots = parat.snapshots()
        except ParatError as error:
            self.app.call_from_thread(self._error, error_text(error))
            return
        ago = parat.context.now().astimezone(LOCAL) - timedelta(days=DEFAULT_DAYS)
        self.app.call_from_thread(
            self._snapshots_loaded, snapshots, default_since(snapshots, ago.strftime("%d.%m.%Y"))
        )

    def _snapshots_loaded(self, snapshots: "list[SnapshotView]", default: str) -> None:
        select = self.query_one("#since-snapshot", Select)
        newest_first = sorted(snapshots, key=lambda s: s.at, reverse=True)
        with select.prevent(Select.Changed):
            select.set_options((f"{s.name} ({show_moment(s.at)})", s.name) for s in newest_first)
            if self.since is None and snapshots:
                select.value = default
        if self.since is None:
            if not snapshots:
                self.query_one("#since-date", Input).value = default
            self.compare(default)

    def on_select_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, str):
            self.query_one("#since-date", Input).value = ""
            self.compare(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if not text:
            return
        select = self.query_one("#since-snapshot", Select)
        with select.prevent(Select.Changed):
            select.clear()
        self.set_focus(None)
        self.compare(text)

    def action_date(self) -> None:
        self.query_one("#since-date", Input).focus()

    def action_scroll(self, delta: int) -> None:
        self.query_one("#since-body", VerticalScroll).scroll_relative(y=delta, animate=False)

    # -- comparing -------------------------------------------------------------------
    def compare(self, since: str) -> None:
        """Show what moved since ``since`` (a snapshot name or a date)."""
        self.since = since
        self._compare(since)

    def _status_changed(self, status: Status | None) -> None:
        self.query_one(TopBar).status = status
        if self.since is not None and status is not None:
            self._compare(self.since)  # new figures, or another moment shown: compare again

    @work(thread=True, exclusive=True, group="since-diff")
    def _compare(self, since: str) -> None:
        ui = parat_ui(self.app)
        parat, until, until_label = ui.parat, ui.as_of, ui.past or "nu"
        try:
            start = parat.resolve_moment(since)
            diff = parat.diff(start, until, since_label=since, until_label=until_label)
        except ParatError as error:
            self.app.call_from_thread(self._error, error_text(error))
            return
        self.app.call_from_thread(self._show, diff)

    def _show(self, diff: Diff) -> None:
        self.diff = diff
        self._error("")
        self.query_one("#since-head", Static).update(
            _(
                "[b]Since last:[/b] {since} → {until} · {moves} stage moves · "
                "{changes} figures changed"
            ).format(
                since=_named(diff.since_label, diff.since),
                until=_named(diff.until_label, diff.until),
                moves=len(diff.stage_moves),
                changes=len(diff.figure_changes),
            )
        )
        self.query_one(DiffFigures).diff = diff
        self.query_one(DiffMoves).diff = diff

    def _error(self, text: str) -> None:
        label = self.query_one("#since-error", Label)
        label.update(f"✖ {text}" if text else "")
        label.display = bool(text)
        if text:
            self.query_one("#since-head", Static).update(
                _("[b]Since last:[/b] {since} – could not be compared").format(
                    since=self.since or ""
                )
            )
