"""``parat budget report`` without a year shows the programme's target year (the year
its gains are counted in), not the calendar year of the moment; with ``--as-of`` the
target year as it stood then."""

from pathlib import Path
from typing import Any

import pytest


@pytest.fixture
def budgeted(programme: Path, ok: Any, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Ramme kd with an original budget for 2018, 2019 and 2020; then the calendar
    moves on to 2020 (the target year stays 2018)."""
    ok("ramme", "add", "kd", "--name", "Kommunaldirektøren")
    for year, amount in (("2018", "10"), ("2019", "20"), ("2020", "30")):
        ok("budget", "set", "kd", year, "--original", amount)
    monkeypatch.setenv("PARAT_NOW", "2020-01-06T09:00:00+00:00")
    return programme


def test_the_default_year_is_the_target_year_not_the_calendar_year(
    budgeted: Path, ok_json: Any, ok: Any
) -> None:
    assert ok_json("programme", "show", "--json")["target_year"] == 2018
    report = ok_json("budget", "report", "--json")
    assert (report["year"], report["totals"]["original_kr"]) == (2018, 10_000_000)
    # an explicit year still wins
    assert ok_json("budget", "report", "2020", "--json")["year"] == 2020
    # for people: the heading names the year shown
    assert "2018" in ok("budget", "report").stdout.splitlines()[0]


def test_as_of_reads_the_target_year_as_it_stood_then(
    budgeted: Path, ok_json: Any, ok: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PARAT_NOW", "2020-01-06T10:00:00+00:00")
    ok("programme", "set", "--target-year", "2019", "--last-year", "2020")
    monkeypatch.setenv("PARAT_NOW", "2020-01-06T11:00:00+00:00")
    assert ok_json("budget", "report", "--json")["year"] == 2019
    before = ok_json("budget", "report", "--json", "--as-of", "2020-01-06T09:30:00+00:00")
    assert (before["year"], before["totals"]["original_kr"]) == (2018, 10_000_000)
    later = ok_json("budget", "report", "--json", "--as-of", "2020-01-06T10:30:00+00:00")
    assert (later["year"], later["totals"]["original_kr"]) == (2019, 20_000_000)
