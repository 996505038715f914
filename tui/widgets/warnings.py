"""The data-quality warnings of the status, one line each."""

from collections import Counter

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.widgets import Static

from tracker.domain.status import Status
from tracker.i18n import _
from tracker.report.words import warning_kind, warning_sentence
from tui.fmt import count

__all__ = ["MAX_SHOWN", "WarningList", "warnings_text"]

#: The most warnings listed one by one; beyond that they are counted by kind.
MAX_SHOWN = 30


def warnings_text(status: Status | None) -> Text:
    """Each warning as its sentence; a summary by kind first when there are many."""
    if status is None:
        return Text(_("Loading …"), style="dim")
    warnings = status.warnings
    if not warnings:
        return Text(_("No warnings ✓"), style="#5fd75f")
    out = Text()
    if len(warnings) > MAX_SHOWN:
        # Thousands of lines help nobody (and cost seconds to lay out): count them by
        # kind and list the first ones.
        counts = Counter(w.code for w in warnings)
        out.append(_("{count} warnings: ").format(count=count(len(warnings))), style="bold")
        out.append(
            " · ".join(f"{count(n)} {warning_kind(code)}" for code, n in counts.most_common())
        )
        out.append("\n")
    for i, w in enumerate(warnings[:MAX_SHOWN]):
        if i:
            out.append("\n")
        out.append("▲ ", style="bold #ffaf00")
        out.append(warning_sentence(w))  # the stable code is JSON's
    if len(warnings) > MAX_SHOWN:
        more = _("… and {count} more").format(count=count(len(warnings) - MAX_SHOWN))
        out.append(f"\n{more}", style="dim")
    return out


class WarningList(VerticalScroll, can_focus=False):
    """The warnings in a scrollable panel."""

    DEFAULT_CSS = "WarningList { height: auto; } WarningList > Static { width: 1fr; }"

    status: reactive[Status | None] = reactive(None)

    def compose(self) -> ComposeResult:
        yield Static(warnings_text(self.status))

    def watch_status(self, status: Status | None) -> None:
        if self.is_mounted:
            self.query_one(Static).update(warnings_text(status))

    def render_text(self) -> Text:
        """The text shown (for tests)."""
        return warnings_text(self.status)
