"""Hvor sikre er vi? on the dashboard, and a hypothesis's range on its detail screen,
through Textual's Pilot on the sample programme: the figures are those of
``Parat.risk`` (the same draws and seed), computed in a worker once the status is
painted, and they follow the moment shown."""

import asyncio
from datetime import UTC, datetime

from textual.widgets import Sparkline, Static

from tracker.domain.money import format_mio
from tracker.i18n import _
from tracker.report.risk import percent
from tracker.services import Parat
from tui.app import ParatApp
from tui.widgets.risk import COMPUTING, RiskPanel

from .conftest import open_detail, settle


def test_the_panel_shows_the_risk_after_the_first_paint(app: ParatApp, ui_parat: Parat) -> None:
    asyncio.run(_shows_the_risk(app, ui_parat))


async def _shows_the_risk(app: ParatApp, ui_parat: Parat) -> None:
    async with app.run_test(size=(160, 50)) as pilot:
        panel = app.screen.query_one(RiskPanel)
        assert panel.border_title == "Hvor sikre er vi?"
        await settle(pilot)
        risk = ui_parat.risk()
        assert panel.risk == risk
        text = panel.render_text()
        ind, tog = risk.independent, risk.together
        assert (
            f"Sandsynlighed for at nå 125,0 mio. kr.: {percent(ind.p_target)} "
            f"(samvarierende: {percent(tog.p_target)})"
        ) in text
        assert f"Nås med 80 % sandsynlighed: {format_mio(ind.p80_kr)}" in text
        assert f"med 50 %: {format_mio(ind.p50_kr)}" in text
        assert panel.query_one(Sparkline).data == [float(c) for c in risk.spread.counts]
        assert sum(risk.spread.counts) == risk.draws == 20_000
        source = str(panel.query_one("#risk-source", Static).render())
        assert "20.000 simulationer, seed 2018" in source


def test_the_panel_follows_the_moment_shown(app: ParatApp, ui_parat: Parat) -> None:
    asyncio.run(_follows_the_moment(app, ui_parat))


async def _follows_the_moment(app: ParatApp, ui_parat: Parat) -> None:
    moment = datetime(2018, 1, 10, tzinfo=UTC)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        panel = app.screen.query_one(RiskPanel)
        now = panel.risk
        app.view_moment("10.01.2018", moment)
        await settle(pilot)
        then = ui_parat.risk(moment)
        assert panel.risk == then and then != now
        app.action_now()
        await settle(pilot)
        assert panel.risk == now


def test_the_text_says_it_is_computing_before_the_figures_come() -> None:
    assert RiskPanel().render_text() == _(COMPUTING)


def test_the_detail_shows_the_range_and_its_expected_value(app: ParatApp, ui_parat: Parat) -> None:
    ui_parat.set_figure("H04", 2018, low="2", high="19")
    row = next(h for h in ui_parat.status().hypotheses if h.code == "H04")
    likely = row.pipeline_kr

    async def run() -> str:
        async with app.run_test(size=(160, 50)) as pilot:
            await settle(pilot)
            screen = await open_detail(pilot, "H04")
            return str(screen.query_one("#range", Static).render())

    shown = asyncio.run(run())
    assert "Spænd i 2018: minimum 2,0 mio. kr." in shown
    assert f"mest sandsynlig {format_mio(likely)}" in shown
    assert "maksimum 19,0 mio. kr." in shown
    six = 2_000_000 + 4 * likely + 19_000_000
    expected = (row.weight_pct * six + 300) // 600  # half up, positive amounts
    assert f"bidrag til forventet værdi {format_mio(expected)}" in shown
    assert f"(vægt {row.weight_pct} % ×" in shown
