"""The bar at the top: the screens as tabs, and the programme's frame."""

from rich.console import RenderableType
from rich.text import Text
from textual import events
from textual.reactive import reactive
from textual.widget import Widget

from tracker.domain.status import Status
from tracker.i18n import N_, _
from tui.access import READ_ONLY_MARK
from tui.fmt import date, mio

__all__ = ["TABS", "TopBar"]

#: (mode, key, label: translated where shown) of the app's main screens.
TABS: tuple[tuple[str, str, str], ...] = (
    ("overblik", "1", N_("Overview")),
    ("hypoteser", "2", N_("Hypotheses")),
    ("siden", "3", N_("Since last")),
    ("budget", "4", N_("Budget")),
)


class TopBar(Widget):
    """Tabs (clickable) on the left, programme, target and date on the right."""

    DEFAULT_CSS = "TopBar { height: 1; }"

    status: reactive[Status | None] = reactive(None)

    def __init__(self, active: str, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.active = active

    def render(self) -> RenderableType:
        left = Text(" Parat ", style="bold reverse")
        self._spans: list[tuple[int, int, str]] = []
        for mode, key, label in TABS:
            left.append(" ")
            start = left.cell_len
            left.append(f" {key} {_(label)} ", style="bold reverse" if mode == self.active else "")
            self._spans.append((start, left.cell_len, mode))
        past = getattr(self.app, "past", None)
        if past is not None:
            left.append(" ")
            banner = _("Status as of {moment}").format(moment=past.split(" – ")[0])
            left.append(f" {banner} ", style="bold black on yellow")
        if getattr(self.app, "read_only", False):
            left.append(" ")
            left.append(f" {_(READ_ONLY_MARK)} ", style="bold white on dark_red")
        width = self.size.width or 80
        right = Text()
        if self.status is not None:
            p = self.status.programme
            parts = [
                (p.name + " · ", "bold"),
                (
                    _("target {amount} in {year}").format(
                        amount=mio(p.target_kr), year=p.target_year
                    ),
                    "",
                ),
                (" · " + _("as of {date}").format(date=date(self.status.as_of)) + " ", "dim"),
            ]
            # On a narrow terminal the programme's name goes first, then the date.
            for skip in range(len(parts)):
                shown = parts[skip:] if skip < 2 else parts[1:2]
                if left.cell_len + sum(len(t) for t, _ in shown) + 1 <= width or skip == 2:
                    break
            for text, style in shown:
                right.append(text, style=style)
        if left.cell_len + right.cell_len + 1 > width:
            right.truncate(max(0, width - left.cell_len - 1), overflow="ellipsis")
        gap = max(1, width - left.cell_len - right.cell_len)
        return left + Text(" " * gap) + right

    async def on_click(self, event: events.Click) -> None:
        for start, end, mode in getattr(self, "_spans", []):
            if start <= event.x < end and mode != self.active:
                await self.app.run_action(f"switch_mode('{mode}')")
