"""Hvor sikre er vi? The chance of reaching the target, the amounts reached with 80
and 50 % probability, and the spread of the simulated total as a small chart.

The figures are those of ``parat risk`` (the same draws and seed give the same
numbers); the panel only shows them. They arrive after the first paint, from a
worker: until then it says that it is computing.
"""

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.reactive import reactive
from textual.widgets import Sparkline, Static

from tracker.domain.money import DEFAULT_DISPLAY, Display
from tracker.domain.risk import Risk
from tracker.i18n import N_, _
from tracker.report.risk import percent
from tui.fmt import count

__all__ = ["RiskPanel", "risk_text", "spread_text"]

COMPUTING = N_("Computing …")


def risk_text(risk: Risk | None, shown: Display = DEFAULT_DISPLAY) -> Text:
    """The chance of reaching the target, the P80 and P50 amounts, the expected value."""
    if risk is None:
        return Text(_(COMPUTING), style="dim")
    ind, tog = risk.independent, risk.together
    out = Text()
    out.append(_("Probability of reaching {amount}: ").format(amount=shown.amount(risk.target_kr)))
    out.append(percent(ind.p_target), style="bold")
    out.append(
        " " + _("(moving together: {percent})").format(percent=percent(tog.p_target)) + "\n",
        style="dim",
    )
    out.append(_("Reached with 80 % probability: "))
    out.append(shown.amount(ind.p80_kr), style="bold")
    out.append(" · " + _("with 50 %: {amount}").format(amount=shown.amount(ind.p50_kr)) + "\n")
    out.append(_("Expected value: {amount}").format(amount=shown.amount(risk.expected_kr)))
    return out


def spread_text(risk: Risk | None, shown: Display = DEFAULT_DISPLAY) -> Text:
    """Under the chart: its ends, and the draws and seed the figures come from."""
    if risk is None:
        return Text("")
    s = risk.spread
    return Text(
        f"{shown.amount(s.low_kr)} … {shown.amount(s.high_kr)} · "
        + _("{draws} simulations, seed {seed}").format(draws=count(risk.draws), seed=risk.seed),
        style="dim",
    )


class RiskPanel(Vertical):
    """The figures, a histogram of the simulated total, and where they come from."""

    DEFAULT_CSS = """
    RiskPanel { height: auto; }
    RiskPanel > Sparkline { height: 2; }
    """

    risk: reactive[Risk | None] = reactive(None)
    display_unit: reactive[Display] = reactive(DEFAULT_DISPLAY)

    def compose(self) -> ComposeResult:
        yield Static(risk_text(self.risk, self.display_unit), id="risk-figures")
        yield Sparkline(self._data(), id="risk-spread")
        yield Static(spread_text(self.risk, self.display_unit), id="risk-source")

    def _data(self) -> list[float]:
        return [float(c) for c in self.risk.spread.counts] if self.risk else []

    def watch_risk(self) -> None:
        if not self.is_mounted:
            return
        self.query_one("#risk-figures", Static).update(risk_text(self.risk, self.display_unit))
        self.query_one(Sparkline).data = self._data()
        self.query_one("#risk-source", Static).update(spread_text(self.risk, self.display_unit))

    def render_text(self) -> str:
        """The figures shown, as plain text (for tests)."""
        return risk_text(self.risk, self.display_unit).plain
