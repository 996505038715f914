"""Overblik shows brutto, the overlaps and netto when the programme has overlaps, the
same figures as ``parat status --json``; without overlaps the panel is not there."""

import asyncio

from tests.tui.conftest import settle
from tracker.domain.money import format_mio_number
from tracker.services import Parat
from tui.app import ParatApp, create_app
from tui.widgets.overlaps import OverlapTable


def _panel(app: ParatApp) -> OverlapTable:
    return app.screen.query_one(OverlapTable)


def test_no_overlaps_no_panel(app: ParatApp) -> None:
    async def run() -> None:
        async with app.run_test(size=(160, 50)) as pilot:
            await settle(pilot)
            assert app.status is not None and app.status.overlaps == ()
            assert not _panel(app).display

    asyncio.run(run())


def test_the_panel_shows_brutto_overlaps_and_netto(ui_parat: Parat) -> None:
    ui_parat.add_overlap("Timer", members="H01,H02", amount="1,5")
    status = ui_parat.status()
    t = status.totals
    assert t.overlap_kr == 1_500_000 and t.pipeline_kr == t.gross_pipeline_kr - 1_500_000
    app = create_app(ui_parat, poll_seconds=None)

    async def run() -> None:
        async with app.run_test(size=(160, 50)) as pilot:
            await settle(pilot)
            panel = _panel(app)
            assert panel.display
            lines = panel.render().plain.splitlines()  # type: ignore[union-attr]
            assert lines[0].split() == ["Brutto", "Dobbelttælling", "Netto"]
            assert lines[1].split() == [
                "Pipeline",
                format_mio_number(t.gross_pipeline_kr),
                f"−{format_mio_number(t.overlap_kr)}",
                format_mio_number(t.pipeline_kr),
            ]
            assert lines[2].split()[1:] == [
                format_mio_number(t.gross_weighted_kr),
                f"−{format_mio_number(t.overlap_weighted_kr)}",
                format_mio_number(t.weighted_kr),
            ]
            assert lines[-1].startswith("1 dobbelttælling, 1 tæller med")
            # dropped elsewhere: the next status hides the panel
            ui_parat.drop_overlap("Timer")
            app.status = ui_parat.status()
            await settle(pilot)
            assert not panel.display

    asyncio.run(run())
