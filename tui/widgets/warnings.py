"""The data-quality warnings of the status, one line each."""

from rich.console import RenderableType
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from tracker.domain.status import Status

__all__ = ["WarningList"]


class WarningList(Widget):
    """Each warning with its hypothesis code; a quiet line when there are none."""

    DEFAULT_CSS = "WarningList { height: auto; }"

    status: reactive[Status | None] = reactive(None, layout=True)

    def render(self) -> RenderableType:
        status = self.status
        if status is None:
            return Text("Indlæser …", style="dim")
        if not status.warnings:
            return Text("Ingen advarsler ✓", style="#5fd75f")
        out = Text()
        for i, w in enumerate(status.warnings):
            if i:
                out.append("\n")
            out.append("▲ ", style="bold #ffaf00")
            out.append(w.message)
            out.append(f"  [{w.code}]", style="dim")
        return out
