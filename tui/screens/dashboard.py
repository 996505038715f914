"""Overblik: will the target be found? Progress, buckets, funnel, trajectory, warnings."""

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from tracker.domain.status import Status
from tui.widgets.buckets import BucketBars
from tui.widgets.funnel import StageFunnel
from tui.widgets.progress import ProgressBars
from tui.widgets.topbar import TopBar
from tui.widgets.trajectory import TrajectoryChart
from tui.widgets.warnings import WarningList

__all__ = ["DashboardScreen"]


class DashboardScreen(Screen[None]):
    """The chief group's one screen."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "scroll(1)", "Rul", show=False, id="dashboard.down"),
        Binding("k,up", "scroll(-1)", "Rul op", show=False, id="dashboard.up"),
    ]

    def compose(self) -> ComposeResult:
        yield TopBar("overblik")
        with VerticalScroll(id="dashboard"):
            yield Static("", id="empty-notice")
            with Horizontal(id="panels"):
                with Vertical(id="col-left"):
                    with Vertical(id="panel-progress", classes="panel") as panel:
                        panel.border_title = "Fremdrift mod målet"
                        yield ProgressBars()
                    with Vertical(id="panel-buckets", classes="panel") as panel:
                        panel.border_title = "Puljer (vægtet mod mål)"
                        yield BucketBars()
                    with Vertical(id="panel-funnel", classes="panel") as panel:
                        panel.border_title = "Faser"
                        yield StageFunnel()
                    with Vertical(id="panel-warnings", classes="panel") as panel:
                        panel.border_title = "Advarsler om datakvalitet"
                        yield WarningList()
                with Vertical(id="col-right"):
                    with Vertical(id="panel-trajectory", classes="panel") as panel:
                        panel.border_title = "Forløb pr. år"
                        yield TrajectoryChart()
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.watch(self.app, "status", self._show)
        self.watch(self.app, "empty", self._show_empty)

    def _show(self, status: Status | None) -> None:
        for widget in self.query("TopBar, ProgressBars, BucketBars, StageFunnel"):
            widget.status = status  # type: ignore[attr-defined]
        self.query_one(TrajectoryChart).status = status
        self.query_one(WarningList).status = status
        if status is not None:
            self.query_one(
                "#panel-warnings"
            ).border_title = f"Advarsler om datakvalitet ({len(status.warnings)})"

    def _show_empty(self, empty: bool) -> None:
        notice = self.query_one("#empty-notice", Static)
        notice.display = empty
        notice.update(
            "Databasen har intet program endnu. Åbn kommandopaletten (ctrl+p) og vælg "
            "'Opret programmet', eller kør `parat demo` på en ny database."
        )

    def action_scroll(self, delta: int) -> None:
        self.query_one("#dashboard", VerticalScroll).scroll_relative(y=delta, animate=False)
