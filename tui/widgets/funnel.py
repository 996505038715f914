"""The stage funnel: how many hypotheses and how much money sit in each stage."""

from rich.console import RenderableType
from rich.text import Text
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget

from tracker.domain import labels as da
from tracker.domain.status import Status
from tracker.i18n import _
from tracker.report.words import stage_name
from tui.fmt import mio_short, word
from tui.widgets.bar import COLOURS, bar

__all__ = ["StageFunnel"]


class StageFunnel(Widget):
    """Count, pipeline and weighted per stage, with a bar for the pipeline."""

    DEFAULT_CSS = "StageFunnel { height: auto; }"

    status: reactive[Status | None] = reactive(None, layout=True)

    def render(self) -> RenderableType:
        status = self.status
        if status is None:
            return Text(_("Loading …"), style="dim")
        width = self.size.width or 80
        bar_w = max(4, width - 14 - 6 - 9 - 9 - 4)
        scale = max((s.pipeline_kr for s in status.stages), default=0) or 1
        out = Text()
        out.append(
            f"{word(da.STAGE):<14}{word(da.COUNT):>6}{word(da.PIPELINE):>9}{word(da.WEIGHTED):>9}\n",
            style="bold dim",
        )
        for s in status.stages:
            style = "dim" if s.count == 0 else ""
            out.append(f"{stage_name(s.stage):<14}{s.count:>6}", style=style)
            out.append(f"{mio_short(s.pipeline_kr):>9}{mio_short(s.weighted_kr):>9}", style=style)
            out.append("  ")
            out.append_text(bar(s.pipeline_kr, scale, bar_w, COLOURS["pipeline"]))
            out.append("\n")
        out.append(_("Amounts in mio. kr. for the target year"), style="dim")
        return out

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.status.stages) + 2 if self.status else 1
