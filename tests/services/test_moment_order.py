"""``tracker.open(..., at=...)``: writes dated in the past, in order, on both engines."""

from datetime import UTC, datetime

import pytest

import tracker
from tests.conftest import FIXED_NOW
from tracker.errors import InvalidInput

SEPT = datetime(2017, 9, 1, 8, 0, tzinfo=UTC)
NOV = datetime(2017, 11, 1, 9, 0, tzinfo=UTC)


def test_writes_dated_in_order_and_one_going_backwards_refused(store_url: str) -> None:
    with tracker.open(store_url, actor="sek", clock=lambda: FIXED_NOW, at=SEPT) as p:
        p.create_programme()
        p.add_hypothesis("H01", title="Digital post")
        p.set_figure("H01", 2018, potential="4")
    with tracker.open(store_url, actor="sek", clock=lambda: FIXED_NOW, at="01.11.2017 10:00") as p:
        p.set_figure("H01", 2018, potential="6")
        p.add_snapshot("November")  # default: the moment the object writes at
    late = tracker.open(store_url, actor="sek", clock=lambda: FIXED_NOW, at=SEPT)
    with late as p, pytest.raises(InvalidInput, match="earlier than the newest change"):
        p.set_figure("H01", 2018, potential="9")
    with tracker.open(store_url, actor="sek", clock=lambda: FIXED_NOW) as p:
        assert p.status(as_of=SEPT).totals.pipeline_kr == 4_000_000
        assert p.status(as_of=p.resolve_moment("November")).totals.pipeline_kr == 6_000_000
        assert p.snapshots()[0].at == NOV
        events = p.history()
        assert {(e.at, e.recorded_at) for e in events if e.action == "figure.set"} == {
            (SEPT, FIXED_NOW),
            (NOV, FIXED_NOW),
        }
        # A write without a moment is dated now: later than all of it.
        p.set_figure("H01", 2018, potential="7")
        assert p.history(limit=1)[0].at == FIXED_NOW == p.history(limit=1)[0].recorded_at
