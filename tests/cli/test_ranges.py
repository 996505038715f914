"""Ranges of a potential (minimum ≤ potential ≤ maksimum), through the real CLI on
SQLite and PostgreSQL: recorded like every figure (append-only, time travel, diff),
and refused when the order fails or there is no potential."""

from typing import Any

import pytest

from tests.cli.test_later_years import as_json, ok, refused


@pytest.fixture
def at(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    def move(moment: str) -> None:
        monkeypatch.setenv("PARAT_NOW", moment)

    return move


def _range(cli: Any, *args: str) -> tuple[Any, Any, Any]:
    shown = as_json(cli("hypothesis", "show", "H01", "--json", *args))
    (y2018,) = (f for f in shown["figures"] if f["year"] == 2018)
    return y2018["low_kr"], y2018["potential_kr"], y2018["high_kr"]


def test_a_range_is_recorded_checked_and_time_travelled(
    store_cli: Any, store_url: str, at: Any
) -> None:
    at("2018-03-01T09:00:00Z")
    ok(store_cli("init"))
    ok(store_cli("hypothesis", "add", "H01", "--title", "Indkøb", "--stage", "decided"))
    assert refused(store_cli, store_url, "figure", "set", "H01", "2018", "--low", "3") == (
        "parat: H01 2018: a range (--low/--high) needs a potential for the same year"
    )
    ok(store_cli("figure", "set", "H01", "2018", "--potential", "4,5", "--low", "3",
                 "--high", "6000 tkr"))  # fmt: skip
    assert _range(store_cli) == (3_000_000, 4_500_000, 6_000_000)
    status = as_json(store_cli("status", "--json"))
    assert status["totals"]["pipeline_kr"] == 4_500_000  # a range changes no measure

    assert refused(store_cli, store_url, "figure", "set", "H01", "2018", "--low", "5") == (
        "parat: H01 2018: the low figure 5,0 mio. kr. is above the potential 4,5 mio. kr."
    )
    assert refused(store_cli, store_url, "figure", "set", "H01", "2018", "--potential", "7") == (
        "parat: H01 2018: the high figure 6,0 mio. kr. is below the potential 7,0 mio. kr."
    )
    assert refused(
        store_cli, store_url, "figure", "set", "H01", "2018", "--high", "4", "--unit", "mio"
    ) == ("parat: H01 2018: the high figure 4,0 mio. kr. is below the potential 4,5 mio. kr.")

    at("2018-03-05T09:00:00Z")
    ok(store_cli("figure", "set", "H01", "2018", "--potential", "7", "--high", "8"))
    assert _range(store_cli) == (3_000_000, 7_000_000, 8_000_000)
    diff = as_json(store_cli("diff", "--since", "2018-03-01", "--json"))
    moved = {(c["kind"], c["old_kr"], c["new_kr"]) for c in diff["figure_changes"]}
    assert ("high", 6_000_000, 8_000_000) in moved
    assert ("potential", 4_500_000, 7_000_000) in moved
    events = as_json(store_cli("hypothesis", "show", "H01", "--json"))["events"]
    assert {e["field"] for e in events} >= {"low.2018", "high.2018", "potential.2018"}
