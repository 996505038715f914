"""The gains that do not count toward the target (øvrige gevinster): per benefit type
its pipeline and weighted, beside the progress, so nothing entered drops from view;
shown only when some hypothesis has such a type."""

from rich.console import RenderableType
from rich.text import Text
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget

from tracker.domain.status import Status
from tracker.i18n import _, ngettext
from tracker.report.others import other_benefit_rows
from tui.fmt import mio_short

__all__ = ["OtherBenefits", "has_other_benefits"]


def has_other_benefits(status: Status | None) -> bool:
    """Some hypothesis has a benefit type that does not count toward the target."""
    return status is not None and any(o.count for o in status.other_benefits)


class OtherBenefits(Widget):
    """One line per non-counting benefit type: how many hypotheses (their codes),
    pipeline and weighted in mio. kr."""

    DEFAULT_CSS = "OtherBenefits { height: auto; }"

    status: reactive[Status | None] = reactive(None, layout=True)

    def render(self) -> RenderableType:
        status = self.status
        if status is None:
            return Text("")
        out = Text()
        for label, count, pipeline, weighted, codes in other_benefit_rows(status, mio_short):
            n = int(count)
            out.append(f"{label}: ", style="bold")
            out.append(ngettext("{n} hypothesis", "{n} hypotheses", n).format(n=n))
            out.append(f" ({codes})\n", style="dim")
            out.append(
                "  "
                + _("pipeline {pipeline} · weighted {weighted}").format(
                    pipeline=pipeline, weighted=weighted
                )
                + "\n"
            )
        out.append(_("mio. kr. · not part of the progress above"), style="dim")
        return out

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        status = self.status
        if status is None:
            return 0
        return 1 + 2 * sum(1 for o in status.other_benefits if o.count)
