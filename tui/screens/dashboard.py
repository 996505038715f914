"""Overblik: will the target be found? Progress, how sure we are, buckets, funnel,
trajectory, warnings."""

from datetime import datetime
from typing import ClassVar, TypeVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static
from textual.worker import get_current_worker

from tracker.domain import labels as da
from tracker.domain.status import Status
from tracker.errors import ParatError
from tracker.i18n import N_, _
from tracker.report.words import word
from tui.messages import RiskLoaded
from tui.protocol import parat_ui
from tui.startup import fit_breakpoints
from tui.widgets.buckets import BucketBars
from tui.widgets.funnel import StageFunnel
from tui.widgets.keybar import KeyBar
from tui.widgets.other_benefits import OtherBenefits, has_other_benefits
from tui.widgets.overlaps import OverlapTable
from tui.widgets.progress import ProgressBars
from tui.widgets.risk import RiskPanel
from tui.widgets.topbar import TopBar
from tui.widgets.trajectory import TrajectoryChart
from tui.widgets.warnings import WarningList

__all__ = ["DashboardScreen"]

W = TypeVar("W", bound=Widget)


def _titled(widget: W, title: str) -> W:
    widget.add_class("panel")
    widget.border_title = title
    return widget


def _with(widget: W, field: Reactive[Status | None], status: Status | None) -> W:
    """``widget`` showing ``status`` from the start (no watcher runs, nothing is drawn
    before it); ``field`` is its class's ``status``."""
    widget.set_reactive(field, status)
    return widget


def _has_overlaps(status: Status | None) -> bool:
    """The double-counting panel is for programmes that have overlaps."""
    return status is not None and bool(status.overlaps)


def _warnings_title(status: Status | None) -> str:
    title = _("Data quality warnings")
    return title if status is None else f"{title} ({len(status.warnings)})"


class DashboardScreen(Screen[None]):
    """The chief group's one screen."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "scroll(1)", N_("Scroll"), show=False, id="dashboard.down"),
        Binding("k,up", "scroll(-1)", N_("Scroll up"), show=False, id="dashboard.up"),
        Binding("e", "app.export", N_("Export"), id="dashboard.export"),
        Binding("a", "app.as_of", N_("As of"), id="dashboard.as_of"),
        # not in the key bar (at 80 columns it would push out ^p): the help names it
        Binding("o", "overlap", N_("Double counting"), show=False, id="dashboard.overlap"),
    ]

    def compose(self) -> ComposeResult:
        fit_breakpoints(self)
        # A status read before the screen is composed is drawn in the first paint;
        # watching it from on_mount alone drew every panel twice ("Indlæser …" first).
        status = parat_ui(self.app).status
        yield _with(TopBar("overblik"), TopBar.status, status)
        yield Static("", id="past-banner")
        with VerticalScroll(id="dashboard"):
            yield Static("", id="empty-notice")
            # The panels are the widgets themselves (border and title in CSS): fewer
            # nodes to style and lay out make the first paint faster.
            with Horizontal(id="panels"):
                with Vertical(id="col-left"):
                    yield _titled(
                        _with(ProgressBars(id="panel-progress"), ProgressBars.status, status),
                        _("Progress toward the target"),
                    )
                    others = _titled(
                        _with(
                            OtherBenefits(id="panel-other-benefits"), OtherBenefits.status, status
                        ),
                        _("Other benefits (not counted toward the target)"),
                    )
                    others.display = has_other_benefits(status)
                    yield others
                    overlaps = _titled(
                        _with(OverlapTable(id="panel-overlaps"), OverlapTable.status, status),
                        _("Double counting (gross − double counting = net)"),
                    )
                    overlaps.display = _has_overlaps(status)
                    yield overlaps
                    yield _titled(RiskPanel(id="panel-risk"), word(da.RISK))
                    yield _titled(
                        _with(BucketBars(id="panel-buckets"), BucketBars.status, status),
                        _("Buckets (weighted against target)"),
                    )
                    yield _titled(
                        _with(StageFunnel(id="panel-funnel"), StageFunnel.status, status),
                        _("Stages"),
                    )
                    yield _titled(
                        _with(WarningList(id="panel-warnings"), WarningList.status, status),
                        _warnings_title(status),
                    )
                yield _titled(
                    _with(TrajectoryChart(id="panel-trajectory"), TrajectoryChart.status, status),
                    _("Course by year"),
                )
        yield KeyBar()

    def on_mount(self) -> None:
        self.watch(self.app, "status", self._show)
        self.watch(self.app, "empty", self._show_empty)
        self.watch(self.app, "past", self._show_past)

    def _show_past(self, past: str | None) -> None:
        banner = self.query_one("#past-banner", Static)
        banner.display = past is not None
        if past is not None:
            banner.update(
                _(
                    "[b]Status as of {moment}[/b] · view only · [b]Esc[/b] back to now · "
                    "[b]a[/b] another date"
                ).format(moment=past)
            )

    def _show(self, status: Status | None) -> None:
        self.query_one(TopBar).status = status
        self.query_one(ProgressBars).status = status
        others = self.query_one(OtherBenefits)
        others.status = status
        others.display = has_other_benefits(status)
        overlaps = self.query_one(OverlapTable)
        overlaps.status = status
        overlaps.display = _has_overlaps(status)
        self.query_one(BucketBars).status = status
        self.query_one(StageFunnel).status = status
        self.query_one(TrajectoryChart).status = status
        self.query_one(WarningList).status = status
        self.query_one("#panel-warnings").border_title = _warnings_title(status)
        if status is not None:
            self.query_one(RiskPanel).display_unit = status.programme.display
            # The simulation waits until the status is painted: it is the slower read.
            as_of = parat_ui(self.app).as_of
            self.call_after_refresh(self._load_risk, as_of)

    @work(thread=True, exclusive=True, group="risk")
    def _load_risk(self, as_of: datetime | None) -> None:
        """How sure the status shown is (``parat risk``'s figures), in a worker."""
        try:
            risk = parat_ui(self.app).parat.risk(as_of)
        except ParatError:
            return  # the status panel reports what is wrong with the data
        if not get_current_worker().is_cancelled:
            self.post_message(RiskLoaded(risk, as_of))

    def on_risk_loaded(self, message: RiskLoaded) -> None:
        if message.as_of == parat_ui(self.app).as_of:  # else read for a moment left since
            self.query_one(RiskPanel).risk = message.risk

    def _show_empty(self, empty: bool) -> None:
        notice = self.query_one("#empty-notice", Static)
        notice.display = bool(empty)
        self.query_one("#panels").display = not empty  # no "Indlæser …" forever
        if parat_ui(self.app).read_only:
            notice.update(
                _(
                    "The database has no programme yet, and this connection is read-only: "
                    "someone with write access must create it (parat init)."
                )
            )
            return
        notice.update(
            _(
                "The database has no programme yet. Open the command palette (ctrl+p) and "
                "choose 'Create the programme', or run `parat demo` on a new database."
            )
        )

    def action_overlap(self) -> None:
        """Add, change or drop an overlap (the Dobbelttælling panel's figures)."""
        from tui.dialogs.overlap import ask_overlap

        ask_overlap(self.app)

    def action_scroll(self, delta: int) -> None:
        self.query_one("#dashboard", VerticalScroll).scroll_relative(y=delta, animate=False)
