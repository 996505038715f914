"""The trajectory toward the annual effect: a column chart of the measures by year."""

from rich.console import RenderableType
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from tracker.domain.status import Status
from tracker.i18n import _
from tracker.report import words
from tui.fmt import mio_short
from tui.widgets.bar import COLOURS

__all__ = ["SERIES", "TrajectoryChart"]

_BLOCKS = " ▁▂▃▄▅▆▇█"

#: The series drawn per year: (measure, label; translated where drawn).
SERIES: tuple[tuple[str, str], ...] = (
    ("pipeline", words.PIPELINE),
    ("weighted", words.WEIGHTED),
    ("realised", words.REALISED),
)


class TrajectoryChart(Widget):
    """Grouped columns per year (pipeline, weighted, realised), with the target line.

    Drawn with block characters (no plotting library to import at start-up), it
    scales to whatever height and width the panel gets.
    """

    DEFAULT_CSS = "TrajectoryChart { height: 12; min-height: 7; }"

    status: reactive[Status | None] = reactive(None)

    def render(self) -> RenderableType:
        status = self.status
        if status is None:
            return Text(_("Loading …"), style="dim")
        years = status.years
        width, height = self.size.width or 60, self.size.height or 12
        rows = max(3, height - 2)  # legend above, year labels below
        target = status.totals.target_kr
        scale = max(target, *(getattr(y, f"{k}_kr") for y in years for k, _label in SERIES), 1)
        axis_w = len(mio_short(scale)) + 1
        group_w = max(4, (width - axis_w - 1) // max(1, len(years)))
        bar_w = max(1, (group_w - 1) // len(SERIES))
        target_row = round(rows * target / scale)  # counted from the bottom
        out = Text()
        for key, label in SERIES:
            out.append("■ ", style=COLOURS[key])
            out.append(_(label) + "  ")
        out.append("┄ " + _("target"), style=COLOURS["target"])
        out.append("  (mio. kr.)\n", style="dim")
        for r in range(rows, 0, -1):  # r: row number from the bottom, 1-based
            if r == rows:
                out.append(f"{mio_short(scale):>{axis_w - 1}} ", style="dim")
            elif r == target_row and target < scale:
                out.append(f"{mio_short(target):>{axis_w - 1}} ", style="dim")
            else:
                out.append(" " * axis_w)
            out.append("┤" if r in (rows, target_row) else "│", style="dim")
            runs: list[tuple[str, str]] = []
            for y in years:
                for key, _label in SERIES:
                    value = max(0, getattr(y, f"{key}_kr"))
                    eighths = round(rows * 8 * value / scale)
                    level = max(0, min(8, eighths - (r - 1) * 8))
                    if level == 0:
                        filler = "┄" if r == target_row else " "
                        runs.append((filler * bar_w, COLOURS["target"]))
                    else:
                        runs.append((_BLOCKS[level] * bar_w, COLOURS[key]))
                pad = group_w - bar_w * len(SERIES)
                runs.append((("┄" if r == target_row else " ") * pad, COLOURS["target"]))
            _append_runs(out, runs)
            out.append("\n")
        out.append(" " * axis_w + "└", style="dim")
        for y in years:
            out.append(f"{y.year:^{group_w}}"[:group_w], style="bold")
        return out


def _append_runs(text: Text, runs: list[tuple[str, str]]) -> None:
    """Append (text, style) pieces, merging neighbours of one style into one span."""
    merged: list[list[str]] = []
    for piece, style in runs:
        if merged and merged[-1][1] == style:
            merged[-1][0] += piece
        else:
            merged.append([piece, style])
    for piece, style in merged:
        text.append(piece, style=style)
