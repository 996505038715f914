"""A figure change is a change of its hypothesis: the version moves on every one,
even when the clock shows the same moment (fixed PARAT_NOW, one clock tick)."""

import pytest

from tracker.errors import StaleVersion


def test_each_figure_change_bumps_the_version_within_one_clock_tick(parat) -> None:  # type: ignore[no-untyped-def]
    parat.create_programme()
    parat.add_hypothesis("H01", title="Fælles indkøb")
    v0 = parat.hypothesis("H01").hypothesis.version
    v1 = parat.set_figure("H01", 2018, potential="4,5")[0].version
    v2 = parat.set_figure("H01", 2018, potential="6")[0].version
    assert v0 < v1 < v2  # the fixture's clock never moves
    with pytest.raises(StaleVersion):
        parat.set_figure("H01", 2018, potential="7", expect_version=v1)
    assert parat.hypothesis("H01").figures[2018]["potential"] == 6_000_000
