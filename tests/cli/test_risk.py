"""``parat risk`` and ``status --json --risk`` through the real CLI: the worked case
computed by hand, the figures in Danish and English, ranges and their exact expected
value, the moment and the counting types the input is read with, and the options
refused in one line."""

import json
from pathlib import Path
from typing import Any

import pytest

from tests.cli.conftest import Refuse
from tracker.report.risk import percent

MIO = 1_000_000
TOLERANCE = 0.015  # a probability from 20,000 draws is good to about ±0,01


def _risk(ok_json: Any, *args: str) -> dict[str, Any]:
    data: dict[str, Any] = ok_json("risk", "--json", *args)
    return data


@pytest.fixture
def worked(ok: Any) -> None:
    """Target 125; H1 50 mio. at 100 %, H2 60 and H3 40 mio. at 50 %, no ranges:
    totals 50 / 90 / 110 / 150 a quarter each, or (moving together) 50 or 150."""
    ok("init")
    for code, kr, stage in (("H1", "50", "realised"), ("H2", "60", "quantified"),
                            ("H3", "40", "quantified")):  # fmt: skip
        ok("hypothesis", "add", code, "--title", f"Gevinst {code}", "--stage", stage)
        ok("figure", "set", code, "2018", "--potential", kr)


def test_the_worked_case(worked: None, ok_json: Any) -> None:
    risk = _risk(ok_json)
    assert (risk["draws"], risk["seed"], risk["target_kr"]) == (20_000, 2018, 125 * MIO)
    assert risk["expected_kr"] == 100 * MIO
    independent, together = risk["independent"], risk["together"]
    assert independent["p_target"] == pytest.approx(0.25, abs=TOLERANCE)
    assert together["p_target"] == pytest.approx(0.50, abs=TOLERANCE)
    assert independent["p80_kr"] == together["p80_kr"] == 50 * MIO
    assert independent["p95_kr"] == together["p95_kr"] == 50 * MIO
    assert list(risk) == [
        "draws", "seed", "target_kr", "expected_kr", "independent", "together", "buckets"
    ]  # fmt: skip
    assert set(independent) == set(together) == {"p_target", "p50_kr", "p80_kr", "p95_kr"}
    # waterfall: driftsbalance (50) fills first, and every total reaches it
    drift = next(b for b in risk["buckets"] if b["key"] == "driftsbalance")
    assert drift == {
        "key": "driftsbalance",
        "target_kr": 50 * MIO,
        "expected_kr": 50 * MIO,
        "independent": {"p_target": 1.0, "p50_kr": 50 * MIO, "p80_kr": 50 * MIO,
                        "p95_kr": 50 * MIO},
        "together": {"p_target": 1.0, "p50_kr": 50 * MIO, "p80_kr": 50 * MIO,
                     "p95_kr": 50 * MIO},
    }  # fmt: skip


def test_the_figures_in_danish_and_english(worked: None, ok: Any, ok_json: Any) -> None:
    risk = _risk(ok_json)
    p, together = risk["independent"]["p_target"], risk["together"]["p_target"]
    danish = ok("--lang", "da", "risk").stdout.splitlines()
    assert "Forventet værdi: 100,0 mio. kr." in danish
    assert (
        f"Sandsynlighed for at nå 125,0 mio. kr.: {percent(p)} (samvarierende: {percent(together)})"
        in danish
    )
    assert "Beløb der nås med 80 % sandsynlighed: 50,0 mio. kr." in danish
    assert "Beregnet med 20.000 simulationer, seed 2018." in danish[-1]
    english = ok("--lang", "en", "risk", "--seed", "7", "--draws", "5000").stdout.splitlines()
    assert "Amount reached with 80 % probability: 50,0 mio. kr." in english
    assert english[-1].startswith("From 5,000 draws, seed 7.")


def test_ranges_give_the_exact_pert_expected_value(ok: Any, ok_json: Any) -> None:
    ok("init")
    ok("hypothesis", "add", "H1", "--title", "Indkøb", "--stage", "decided")  # 75 %
    ok("figure", "set", "H1", "2018", "--potential", "2", "--low", "1", "--high", "6")
    ok("hypothesis", "add", "H2", "--title", "Energi", "--confidence", "33")
    ok("figure", "set", "H2", "2018", "--potential", "1 kr", "--low", "0", "--high", "2 kr")
    risk = _risk(ok_json)
    # 75 % × (1 + 4 × 2 + 6) / 6 mio. = 1.875.000; 33 % × (0 + 4 + 2) / 6 kr. = 0,33 → 0
    assert risk["expected_kr"] == 1_875_000
    independent = risk["independent"]
    assert independent["p_target"] == 0.0
    # with 25 % H1 does not come true at all: the amount reached with 80 % is 0
    assert independent["p80_kr"] == 0
    assert 1 * MIO <= independent["p50_kr"] <= 6 * MIO


def test_the_input_is_read_at_the_moment_and_over_the_counting_types(
    ok: Any, ok_json: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PARAT_NOW", "2018-02-01T09:00:00+00:00")
    ok("init")
    ok("hypothesis", "add", "H1", "--title", "Indkøb", "--stage", "realised")
    ok("figure", "set", "H1", "2018", "--potential", "10")
    ok("hypothesis", "add", "H2", "--title", "Frigjort tid", "--stage", "realised",
       "--type", "frigjort_tid")  # fmt: skip
    ok("figure", "set", "H2", "2018", "--potential", "30")
    monkeypatch.setenv("PARAT_NOW", "2018-03-01T09:00:00+00:00")
    ok("figure", "set", "H1", "2018", "--potential", "20", "--low", "20", "--high", "20")
    assert _risk(ok_json)["expected_kr"] == 20 * MIO  # H2's type does not count
    then = _risk(ok_json, "--as-of", "2018-02-15")
    assert then["expected_kr"] == then["independent"]["p95_kr"] == 10 * MIO
    ok("programme", "set", "--counts", "kontant,frigjort_tid")
    assert _risk(ok_json)["expected_kr"] == 50 * MIO


def test_status_json_adds_the_same_risk_only_when_asked(worked: None, ok_json: Any) -> None:
    plain = ok_json("status", "--json")
    assert "risk" not in plain
    with_risk = ok_json("status", "--json", "--risk", "--seed", "11", "--draws", "3000")
    assert {k: v for k, v in with_risk.items() if k != "risk"} == plain
    assert with_risk["risk"] == _risk(ok_json, "--seed", "11", "--draws", "3000")
    assert with_risk["risk"]["draws"] == 3000 and with_risk["risk"]["seed"] == 11


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("risk", "--draws", "0"), "'--draws': 0 is outside 1–2000000"),
        (("risk", "--draws", "abc"), "'--draws': 'abc' is not a whole number"),
        (("risk", "--draws", "1e4"), "'--draws': '1e4' is not a whole number"),
        (("risk", "--draws", "99999999999"), "'--draws': 99999999999 is outside"),
        (("risk", "--seed", "-1"), "'--seed': -1 is outside 0–4294967295"),
        (("risk", "--seed", "٣"), "'--seed': '٣' is not a whole number"),
        (("status", "--json", "--risk", "--draws", "0"), "'--draws': 0 is outside"),
    ],
)
def test_bad_draws_and_seeds_are_usage_errors(
    programme: Path, refuse: Refuse, args: tuple[str, ...], says: str
) -> None:
    result = refuse(*args, code=2)
    assert says in result.stderr


def test_draws_without_risk_are_refused(programme: Path, refuse: Refuse) -> None:
    result = refuse("status", "--json", "--seed", "7")
    assert result.stderr == "parat: --draws and --seed apply only with --risk\n"
    result = refuse("export", "-f", "md", "--draws", "7")
    assert result.stderr == "parat: --draws and --seed apply only with --risk\n"
    result = refuse("export", "-f", "csv", "--risk")
    assert "--risk applies to md, html, pdf, xlsx and json" in result.stderr


def test_the_json_is_integer_kroner_and_probabilities(worked: None, cli: Any) -> None:
    result = cli("risk", "--json", "--draws", "100")
    assert result.exit_code == 0 and result.stderr == ""
    risk = json.loads(result.stdout)
    for c in (risk["independent"], risk["together"], *(b["independent"] for b in risk["buckets"])):
        assert isinstance(c["p_target"], float) and 0 <= c["p_target"] <= 1
        assert all(type(c[k]) is int for k in ("p50_kr", "p80_kr", "p95_kr"))


def test_an_overlap_comes_off_where_all_its_members_come_true(worked: None, ok: Any,
                                                              ok_json: Any) -> None:  # fmt: skip
    """The worked case with 10 mio. counted twice by H1 and H2: taken off in the draws
    where both come true (half of them), so the totals are 50 / 90 / 100 / 140, the
    expected value 100 − 10 × 50 % = 95 mio., and 125 is reached only with H2 and H3."""
    ok("overlap", "add", "Hjemmepleje", "--members", "H1,H2", "--amount", "10")
    risk = _risk(ok_json)
    assert risk["expected_kr"] == 95 * MIO
    assert risk["independent"]["p_target"] == pytest.approx(0.25, abs=TOLERANCE)
    assert risk["independent"]["p80_kr"] == 50 * MIO
    # with H2 alone the overlap comes off: 100, reached only half the time
    assert risk["independent"]["p50_kr"] in (90 * MIO, 100 * MIO)
    # the status's weighted netto is the same expected value without ranges
    assert ok_json("status", "--json")["totals"]["weighted_kr"] == 95 * MIO
