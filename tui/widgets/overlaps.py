"""Double counting (dobbelttælling): each measure brutto, what the overlaps take off,
netto; shown only when the programme has overlaps."""

from rich.console import RenderableType
from rich.text import Text
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget

from tracker.domain.status import Status
from tracker.i18n import _
from tracker.report import words as w
from tracker.report.overlaps import measure_rows
from tui.fmt import mio_short

__all__ = ["OverlapTable"]


class OverlapTable(Widget):
    """Brutto, dobbelttælling and netto in mio. kr., then how many overlaps there are
    and how many of them count."""

    DEFAULT_CSS = "OverlapTable { height: auto; }"

    status: reactive[Status | None] = reactive(None, layout=True)

    def render(self) -> RenderableType:
        status = self.status
        rows = measure_rows(status, mio_short) if status is not None else []
        if status is None or not rows:
            return Text("")
        out = Text()
        widths = (11, 11, 15, 11)
        for i, cell in enumerate(("", _(w.GROSS), _(w.OVERLAP), _(w.NETTO))):
            out.append(cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i]), style="dim")
        out.append("\n")
        for label, gross, overlap, net in rows:
            out.append(f"{label:<{widths[0]}}", style="bold")
            out.append(f"{gross:>{widths[1]}}")
            out.append(f"{'−' + overlap:>{widths[2]}}", style="#ffaf00")
            out.append(f"{net:>{widths[3]}}\n", style="bold")
        n, counted = len(status.overlaps), sum(1 for o in status.overlaps if o.counts)
        noun = _(w.OVERLAP if n == 1 else w.OVERLAPS)
        line = _("{n} {noun}, {counted} counted · mio. kr.")
        out.append(line.format(n=n, noun=noun.lower(), counted=counted), style="dim")
        return out

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        status = self.status
        return 0 if status is None or not status.overlaps else 6
