"""One bar per bucket (pulje): weighted against the bucket's target, and the gap."""

from rich.console import RenderableType
from rich.text import Text
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget

from tracker.domain.status import Allocation, Status
from tracker.i18n import _
from tui.fmt import mio, mio_short
from tui.widgets.bar import COLOURS, bar

__all__ = ["BucketBars"]


class BucketBars(Widget):
    """Weighted amount per bucket with target and gap; surplus or unassigned below."""

    DEFAULT_CSS = "BucketBars { height: auto; }"

    status: reactive[Status | None] = reactive(None, layout=True)

    def render(self) -> RenderableType:
        status = self.status
        if status is None:
            return Text(_("Loading …"), style="dim")
        width = self.size.width or 80
        name_w = min(24, max(12, max((len(b.name) for b in status.buckets), default=12)))
        figures_w = 28
        bar_w = max(6, width - name_w - figures_w - 2)
        out = Text()
        for b in status.buckets:
            scale = max(b.target_kr, b.weighted_kr, 1)
            out.append(f"{b.name[:name_w]:<{name_w}} ", style="bold")
            out.append_text(bar(b.weighted_kr, scale, bar_w, COLOURS["weighted"]))
            figures = _("{weighted} of {target}").format(
                weighted=mio_short(b.weighted_kr), target=mio_short(b.target_kr)
            )
            out.append(f" {figures:>13}")
            if b.gap_kr > 0:
                missing = _("missing {amount}").format(amount=f"{mio_short(b.gap_kr):>5}")
                out.append(f"  {missing}\n", style="#ff8787")
            else:
                full = _("full")
                out.append(f"  {full:<4} {'':>8}\n", style="#5fd75f")
        waterfall = status.programme.allocation is Allocation.WATERFALL
        if waterfall:
            rest, label = status.surplus, _("Surplus beyond the buckets")
        else:
            rest, label = status.unassigned, _("No bucket (not earmarked)")
        out.append(f"{label}: ", style="bold")
        out.append(
            _("weighted {weighted} · pipeline {pipeline}").format(
                weighted=mio(rest.weighted_kr), pipeline=mio(rest.pipeline_kr)
            )
        )
        out.append(
            "  " + (_("(mio. kr.; waterfall)") if waterfall else _("(earmarked)")), style="dim"
        )
        return out

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.status.buckets) + 1 if self.status else 1
