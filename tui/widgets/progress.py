"""Progress toward the target year's target, layer by layer: validated (when the
progress reads it), realised, udmøntet (written into the budget), decided, weighted,
pipeline."""

from rich.console import RenderableType
from rich.text import Text
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget

from tracker.domain import labels as da
from tracker.domain.status import Status
from tracker.i18n import _
from tui.fmt import mio, pct, word
from tui.widgets.bar import COLOURS, bar

__all__ = ["MEASURES", "ProgressBars"]

#: (key, Danish label) in the order a reader goes from certain to hoped-for.
MEASURES: tuple[tuple[str, str], ...] = (
    ("realised", da.REALISED),
    ("budgeted", da.BUDGETED),
    ("decided", da.DECIDED),
    ("weighted", da.WEIGHTED),
    ("pipeline", da.PIPELINE),
)


class ProgressBars(Widget):
    """One bar per measure against the programme's target, the target marked."""

    DEFAULT_CSS = "ProgressBars { height: auto; }"

    status: reactive[Status | None] = reactive(None, layout=True)

    def render(self) -> RenderableType:
        status = self.status
        if status is None:
            return Text(_("Loading …"), style="dim")
        totals = status.totals
        target = totals.target_kr
        measures = _measures(status)
        values = {key: getattr(totals, f"{key}_kr") for key, _ in measures}
        scale = max(target, *values.values(), 1)
        width = self.size.width or 80
        # wide enough for the largest amount and share (a programme in the billions)
        amount_w = max(16, *(len(mio(kr)) for kr in values.values()))
        pct_w = max(6, *(len(pct(kr, target)) + 1 for kr in values.values()))
        label_w = 11
        bar_w = max(6, width - label_w - amount_w - pct_w - 3)
        out = Text()
        for key, label in measures:
            out.append(f"{word(label):<{label_w}}", style="bold")
            out.append(" ")
            out.append_text(bar(values[key], scale, bar_w, COLOURS[key], marker=target))
            out.append(f" {mio(values[key]):>{amount_w}}")
            out.append(f"{pct(values[key], target):>{pct_w}}\n", style="dim")
        gap = totals.gap_kr
        out.append(
            _("{target} {amount} in {year}").format(
                target=word(da.TARGET), amount=mio(target), year=status.programme.target_year
            ),
            style="bold",
        )
        if gap > 0:
            out.append(" · " + _("missing (target − weighted)") + " ")
            out.append(mio(gap), style="bold #ff5f5f")
        else:
            out.append(" · " + _("exceeded by") + " ")
            out.append(mio(-gap), style="bold #5fd75f")
        return out

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(_measures(self.status)) + 1 if self.status else 1


def _measures(status: Status) -> tuple[tuple[str, str], ...]:
    """The bars shown: the first is the measure the progress reads; when that is
    validated, realised follows it, so the registered figure is not hidden."""
    if status.progress_measure.value == "validated":
        return (("validated", da.VALIDATED), *MEASURES)
    return MEASURES
