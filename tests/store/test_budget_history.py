"""Budget figures, rammer and cuts in time travel (``--as-of``) and in ``parat diff``,
on SQLite and PostgreSQL: a past follow-up and a past status are computed from the
dated records, never stored."""

import json
from collections.abc import Callable
from typing import Any

import pytest

T1, T2, T3 = "2018-01-10T09:00:00Z", "2018-02-10T09:00:00Z", "2018-03-10T09:00:00Z"


def _at(run: Callable[..., Any], monkeypatch: pytest.MonkeyPatch, moment: str) -> Any:
    def call(*args: str) -> Any:
        monkeypatch.setenv("PARAT_NOW", moment)
        result = run(*args)
        assert result.exit_code == 0, (args, result.stdout, result.stderr)
        return result

    return call


def _json(result: Any) -> Any:
    return json.loads(result.stdout)


@pytest.fixture
def history(store_cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch) -> Any:
    """T1: a programme, H01 decided (5 mio. in 2018), ramme kd with its 2018 budget, a
    cut; T2: the forecast moves, the ramme gets an udvalg, the cut grows, a ramme is
    added; T3: the cut is withdrawn and the forecast cleared. Returns a caller at T3+."""
    t1, t2, t3 = (_at(store_cli, monkeypatch, t) for t in (T1, T2, T3))
    t1("init")
    t1("hypothesis", "add", "H01", "--title", "Digital post", "--owner", "Anna",
       "--stage", "decided")  # fmt: skip
    t1("figure", "set", "H01", "2018", "--potential", "5")
    t1("ramme", "add", "kd", "--name", "Kommunaldirektøren")
    t1("budget", "set", "kd", "2018", "--original", "30", "--forecast", "29")
    t1("budget", "cut", "H01", "--ramme", "kd", "--year", "2018", "--amount", "2",
       "--decision", "Byrådet 08.10.2015, pkt. 12")  # fmt: skip
    t1("snapshot", "add", "Chefgruppemøde 1")
    t2("budget", "set", "kd", "2018", "--forecast", "31,5")
    t2("ramme", "set", "kd", "--udvalg", "Økonomiudvalget", "--ikke-serviceramme")
    t2("budget", "cut", "H01", "--ramme", "kd", "--year", "2018", "--amount", "4",
       "--decision", "Byrådet 12.02.2018, pkt. 3")  # fmt: skip
    t2("ramme", "add", "dig", "--name", "Digitalisering")
    t3("budget", "uncut", "H01", "--ramme", "kd", "--year", "2018", "--note", "Fejl")
    t3("budget", "set", "kd", "2018", "--clear", "forecast")
    return _at(store_cli, monkeypatch, "2018-03-12T09:00:00Z")


def test_the_follow_up_as_it_stood(history: Any) -> None:
    past = _json(history("budget", "report", "2018", "--json", "--as-of", "2018-01-31"))
    assert [r["key"] for r in past["rammer"]] == ["kd"]  # dig did not exist yet
    (kd,) = past["rammer"]
    assert (kd["udvalg"], kd["serviceramme"]) == ("", True)
    assert (kd["forecast_kr"], kd["deviation_kr"], kd["cuts_kr"]) == (29_000_000, -1_000_000,
                                                                       2_000_000)  # fmt: skip
    by_name = _json(history("budget", "report", "2018", "--json", "--as-of", "Chefgruppemøde 1"))
    assert by_name == past
    feb = _json(history("budget", "report", "2018", "--json", "--as-of", "2018-02-28"))
    kd = next(r for r in feb["rammer"] if r["key"] == "kd")
    assert (kd["udvalg"], kd["serviceramme"], kd["forecast_kr"], kd["cuts_kr"]) == (
        "Økonomiudvalget", False, 31_500_000, 4_000_000,
    )  # fmt: skip
    now = _json(history("budget", "report", "2018", "--json"))
    kd = next(r for r in now["rammer"] if r["key"] == "kd")
    assert (kd["forecast_kr"], kd["deviation_kr"], kd["cuts_kr"]) == (None, None, 0)


def test_the_status_and_the_cuts_as_they_stood(history: Any) -> None:
    def budgeted(*args: str) -> tuple[int, list[str]]:
        s = _json(history("status", "--json", *args))
        codes = [w["code"] for w in s["warnings"] if w["code"].startswith(("decided", "budget"))]
        return s["totals"]["budgeted_kr"], codes

    assert budgeted("--as-of", "2018-01-31") == (2_000_000, [])
    assert budgeted("--as-of", "2018-02-28") == (4_000_000, [])
    assert budgeted() == (0, ["decided-not-budgeted"])
    cuts = _json(history("budget", "cuts", "--json", "--as-of", "2018-02-28"))
    assert [(c["amount_kr"], c["decision"]) for c in cuts] == [
        (4_000_000, "Byrådet 12.02.2018, pkt. 3")
    ]
    assert _json(history("budget", "cuts", "--json")) == []


def test_diff_reports_budget_changes_and_cuts(history: Any) -> None:
    d = _json(history("diff", "--since", "Chefgruppemøde 1", "--json"))
    assert [(b["ramme"], b["kind"], b["year"], b["old_kr"], b["new_kr"], b["at"])
            for b in d["budget_changes"]] == [
        ("kd", "forecast", 2018, 29_000_000, None, "2018-03-10T09:00:00Z"),
    ]  # fmt: skip
    assert d["cut_changes"] == [
        {
            "code": "H01",
            "title": "Digital post",
            "ramme": "kd",
            "year": 2018,
            "old_kr": 2_000_000,
            "new_kr": None,
            "change_kr": -2_000_000,
            "decision": "Byrådet 12.02.2018, pkt. 3",
            "at": "2018-03-10T09:00:00Z",
            "actor": "tester",
        }
    ]
    assert d["totals"]["change"]["budgeted_kr"] == -2_000_000
    mid = _json(history("diff", "--since", "2018-01-31", "--until", "2018-02-28", "--json"))
    assert [(b["kind"], b["old_kr"], b["new_kr"]) for b in mid["budget_changes"]] == [
        ("forecast", 29_000_000, 31_500_000)
    ]
    assert [(c["old_kr"], c["new_kr"]) for c in mid["cut_changes"]] == [(2_000_000, 4_000_000)]
    text = history("diff", "--since", "Chefgruppemøde 1").stdout
    assert "Budget figures changed (1)" in text and "Cuts changed (1)" in text
    danish = history("--lang", "da", "diff", "--since", "Chefgruppemøde 1").stdout
    assert "Ændrede budgettal (1)" in danish and "Ændrede udmøntninger (1)" in danish


def test_undo_takes_back_the_uncut_and_the_cleared_forecast(
    history: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Undo on both engines: the withdrawn cut stands again with its decision, the
    cleared forecast is back, and a second undo of the earlier cut restores the 2 mio.
    that the 4 mio. replaced (the record just before the event, to the microsecond)."""
    events = _json(history("history", "--json"))
    uncut = next(e["id"] for e in events if e["action"] == "budget.uncut")
    cleared = next(e["id"] for e in events if e["action"] == "budget.set")  # newest first
    replaced = next(e["id"] for e in events if e["action"] == "budget.cut")
    history("undo", str(cleared))
    history("undo", str(uncut))
    rammer = _json(history("budget", "report", "2018", "--json"))["rammer"]
    kd = next(r for r in rammer if r["key"] == "kd")
    assert (kd["forecast_kr"], kd["cuts_kr"]) == (31_500_000, 4_000_000)
    monkeypatch.setenv("PARAT_NOW", "2018-03-13T09:00:00Z")
    history("undo", str(replaced))
    (cut,) = _json(history("budget", "cuts", "--json"))
    assert (cut["amount_kr"], cut["decision"]) == (2_000_000, "Byrådet 08.10.2015, pkt. 12")
