"""Start-up and reloads keep the garbage collector as they found it: the first status
is frozen once (it stays on screen), later reloads freeze nothing (a freeze also keeps
the garbage of that moment, so one per reload grew the process)."""

import asyncio
import gc

from tests.tui.conftest import settle
from tracker.services import Parat
from tui.app import ParatApp


def test_reloads_freeze_nothing_and_leave_the_collector_on(app: ParatApp) -> None:
    async def run() -> int:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            assert app.status is not None
            assert gc.isenabled()
            frozen = gc.get_freeze_count()
            for _ in range(3):
                await app.load_status().wait()
                await settle(pilot)
            assert gc.isenabled()
            return gc.get_freeze_count() - frozen

    assert asyncio.run(run()) <= 0  # frozen objects may be freed, none are added


def test_a_status_read_leaves_a_disabled_collector_off(ui_parat: Parat) -> None:
    gc.disable()
    try:
        status = ui_parat.status()
        assert not gc.isenabled()
    finally:
        gc.enable()
    assert status.totals.target_kr == 125_000_000
