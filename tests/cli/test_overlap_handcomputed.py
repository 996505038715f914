"""Double counting through the real CLI: brutto, overlaps and netto against figures
done by hand, in waterfall and in earmarked mode, on SQLite and PostgreSQL.

Default frame (`parat init`): 125 mio. kr. in 2018; buckets driftsbalance 50 (priority
1), demografi 25 (2), politisk 50 (3); weights 10/25/50/75/90/100 %.

| code | stage | weight | bucket | type | 2018 potential | weighted | decided | realised |
|---|---|---|---|---|---|---|---|---|
| H01 | decided | 75 | driftsbalance | kontant | 30 | 22,5 | 30 | 4 |
| H02 | quantified | 50 | demografi | kontant | 20 | 10 | – | – |
| H03 | realised | 100 | politisk | kontant | 12 | 12 | 12 | 5 |
| H04 | implemented | 33 (override) | politisk | kontant | 9 | 2,97 | 9 | 1,5 |
| H05 | qualified | 25 | – | frigjort tid | 6 | (not counted) | | |
| H06 | dropped | 0 | – | kontant | (3) → 0 | 0 | | |

Brutto: pipeline 71, weighted 47,47, decided 51, realised 10,5 (mio. kr.).

| overlap | members | amount | counted over | min weight | weighted | decided | realised |
|---|---|---|---|---|---|---|---|
| Hjemmepleje | H01, H02 | 2,5 | both | 50 | 1,25 | 0 (H02 undecided) | 0 (H02 none) |
| Rengøring | H04, H03 | 1,8 | both | 33 | 0,594 | 1,8 | 1,5 (H04's 1,5: cap) |
| Tid | H02, H05 | 4 | H02 only | – | 0 | 0 | 0 |
| Forkastet | H06, H01, H03 | 1 | H01, H03 | 75 | 0,75 | 1 | 1 |

Earmarked, each comes off the bucket of its first counted member: Hjemmepleje and
Forkastet off driftsbalance (H01), Rengøring off politisk (H04); Tid counts nowhere.

Overlaps: pipeline 5,3, weighted 2,594, decided 2,8, realised 2,5. Netto: pipeline 65,7,
weighted 44,876, decided 48,2, realised 8,0; gap 125 − 44,876 = 80,124.
"""

import json
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.conftest import ENGINES, PgServer
from tracker.cli import app

M = 1_000_000
GROSS = {"pipeline": 71 * M, "weighted": 47_470_000, "decided": 51 * M, "realised": 10_500_000}
OVERLAP = {"pipeline": 5_300_000, "weighted": 2_594_000, "decided": 2_800_000,
           "realised": 2_500_000}  # fmt: skip
NET = {k: GROSS[k] - OVERLAP[k] for k in GROSS}


@pytest.fixture(scope="module", params=ENGINES)
def built_template(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """Built once per engine through the CLI; copied per test."""
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("overlaps") / "parat.db"
        _build(f"sqlite:///{path}")
        yield f"sqlite:///{path}"
        return
    server: PgServer = request.getfixturevalue("pg_server")
    with server.database() as url:
        _build(url)
        yield url


def _build(url: str) -> None:
    runner = CliRunner()
    with pytest.MonkeyPatch.context() as env:
        env.delenv("PARAT_DATABASE_URL", raising=False)
        env.setenv("PARAT_ACTOR", "tester")
        env.setenv("PARAT_NOW", "2018-03-12T09:00:00+00:00")
        calls: list[tuple[str, ...]] = [
            ("init",),
            ("hypothesis", "add", "H01", "--title", "Et", "--owner", "Anna", "--stage", "decided",
             "--bucket", "driftsbalance"),
            ("figure", "set", "H01", "2018", "--potential", "30", "--realised", "4"),
            ("hypothesis", "add", "H02", "--title", "To", "--owner", "Bo", "--stage",
             "quantified", "--bucket", "demografi"),
            ("figure", "set", "H02", "2018", "--potential", "20"),
            ("hypothesis", "add", "H03", "--title", "Tre", "--owner", "Cai", "--stage",
             "realised", "--bucket", "politisk"),
            ("figure", "set", "H03", "2018", "--potential", "12", "--realised", "5"),
            ("hypothesis", "add", "H04", "--title", "Fire", "--owner", "Dorte", "--stage",
             "implemented", "--confidence", "33", "--bucket", "politisk"),
            ("figure", "set", "H04", "2018", "--potential", "9", "--realised", "1,5"),
            ("hypothesis", "add", "H05", "--title", "Fem", "--owner", "Eva", "--stage",
             "qualified", "--type", "frigjort_tid"),
            ("figure", "set", "H05", "2018", "--potential", "6"),
            ("hypothesis", "add", "H06", "--title", "Seks", "--owner", "Finn"),
            ("figure", "set", "H06", "2018", "--potential", "3"),
            ("hypothesis", "drop", "H06", "--note", "Opgivet"),
            ("overlap", "add", "Hjemmepleje", "--members", "H01,H02", "--amount", "2,5",
             "--note", "Samme timer i hjemmeplejen"),
            ("overlap", "add", "Rengøring", "--members", "H04, H03", "--amount", "1.800.000 kr"),
            ("overlap", "add", "Tid", "--members", "H02,H05", "--amount", "4"),
            ("overlap", "add", "Forkastet", "--members", "H06,H01,H03", "--amount", "1000 tkr"),
        ]  # fmt: skip
        for call in calls:
            result = runner.invoke(app, ["--db", url, *call])
            assert result.exit_code == 0, (call, result.stderr)


@pytest.fixture
def built(built_template: str, db_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """A copy of the built programme for one test (the tests change it)."""
    if built_template.startswith("sqlite"):
        shutil.copyfile(built_template.removeprefix("sqlite:///"), db_path)
        yield f"sqlite:///{db_path}"
        return
    server: PgServer = request.getfixturevalue("pg_server")
    with server.database(template=built_template) as url:
        yield url


@pytest.fixture
def cli(runner: CliRunner, built: str) -> Callable[..., Any]:
    def run(*args: str) -> Any:
        return runner.invoke(app, ["--db", built, *args])

    return run


def _status(ok: Callable[..., Any], *args: str) -> dict[str, Any]:
    return json.loads(ok("status", "--json", *args).stdout)


def _measures(part: dict[str, Any]) -> tuple[int, int, int, int]:
    return (part["pipeline_kr"], part["weighted_kr"], part["decided_kr"], part["realised_kr"])


def test_totals_are_netto_beside_brutto_and_the_overlaps(built: str, ok: Any) -> None:
    s = _status(ok)
    t = s["totals"]
    assert _measures(t) == (65_700_000, 44_876_000, 48_200_000, 8_000_000)
    assert _measures(t) == tuple(NET[k] for k in ("pipeline", "weighted", "decided", "realised"))
    assert (t["gross_pipeline_kr"], t["gross_weighted_kr"], t["gross_decided_kr"],
            t["gross_realised_kr"]) == (71 * M, 47_470_000, 51 * M, 10_500_000)  # fmt: skip
    assert (t["overlap_kr"], t["overlap_weighted_kr"], t["overlap_decided_kr"],
            t["overlap_realised_kr"]) == (5_300_000, 2_594_000, 2_800_000, 2_500_000)  # fmt: skip
    assert t["gap_kr"] == 80_124_000
    year = {y["year"]: y for y in s["years"]}[2018]
    assert _measures(year) == _measures(t)  # the target year is netto too
    assert {y["year"]: y["pipeline_kr"] for y in s["years"]}[2017] == 0
    # each hypothesis keeps its own (brutto) contribution
    assert {h["code"]: h["weighted_kr"] for h in s["hypotheses"]}["H04"] == 2_970_000


def test_each_overlap_says_what_it_takes_off(built: str, ok: Any) -> None:
    overlaps = {o["name"]: o for o in _status(ok)["overlaps"]}
    assert list(overlaps) == ["Forkastet", "Hjemmepleje", "Rengøring", "Tid"]
    shown = {
        name: (o["members"], o["counted"], o["counts"], o["weight_pct"], o["amount_kr"],
               o["pipeline_kr"], o["weighted_kr"], o["decided_kr"], o["realised_kr"], o["bucket"])
        for name, o in overlaps.items()
    }  # fmt: skip
    assert shown == {
        "Hjemmepleje": (["H01", "H02"], ["H01", "H02"], True, 50, 2_500_000,
                        2_500_000, 1_250_000, 0, 0, "driftsbalance"),
        "Rengøring": (["H04", "H03"], ["H04", "H03"], True, 33, 1_800_000,
                      1_800_000, 594_000, 1_800_000, 1_500_000, "politisk"),
        "Tid": (["H02", "H05"], ["H02"], False, 0, 4_000_000, 0, 0, 0, 0, None),
        "Forkastet": (["H06", "H01", "H03"], ["H01", "H03"], True, 75, 1_000_000,
                      1_000_000, 750_000, 1_000_000, 1_000_000, "driftsbalance"),
    }  # fmt: skip
    assert overlaps["Hjemmepleje"]["note"] == "Samme timer i hjemmeplejen"


def test_waterfall_fills_the_buckets_with_netto(built: str, ok: Any) -> None:
    s = _status(ok)
    buckets = {b["key"]: (*_measures(b), b["gap_kr"]) for b in s["buckets"]}
    assert buckets == {
        # weighted 44,876 fills driftsbalance (50) only; brutto would have been 47,47
        "driftsbalance": (50 * M, 44_876_000, 48_200_000, 8_000_000, 5_124_000),
        "demografi": (15_700_000, 0, 0, 0, 25 * M),
        "politisk": (0, 0, 0, 0, 50 * M),
    }
    assert _measures(s["surplus"]) == (0, 0, 0, 0)


def test_earmarked_takes_each_overlap_off_its_first_counted_members_bucket(
    built: str, ok: Any
) -> None:
    ok("programme", "set", "--allocation", "earmarked")
    s = _status(ok)
    buckets = {b["key"]: (*_measures(b), b["gap_kr"]) for b in s["buckets"]}
    assert buckets == {
        # H01 30/22,5/30/4 − Hjemmepleje 2,5/1,25/0/0 − Forkastet 1/0,75/1/1
        "driftsbalance": (26_500_000, 20_500_000, 29 * M, 3 * M, 29_500_000),
        # H02 alone: Tid counts only over H02, so it takes nothing off
        "demografi": (20 * M, 10 * M, 0, 0, 15 * M),
        # H03 + H04 21/14,97/21/6,5 − Rengøring 1,8/0,594/1,8/1,5
        "politisk": (19_200_000, 14_376_000, 19_200_000, 5 * M, 35_624_000),
    }
    assert _measures(s["unassigned"]) == (0, 0, 0, 0)
    assert _measures(s["totals"]) == (65_700_000, 44_876_000, 48_200_000, 8_000_000)


def test_an_overlap_without_an_earmark_comes_off_the_unassigned(built: str, ok: Any) -> None:
    ok("programme", "set", "--allocation", "earmarked")
    ok("hypothesis", "set", "H01", "--bucket", "none")
    s = _status(ok)
    # H01 and its two overlaps (first counted member H01) leave driftsbalance
    assert _measures(s["unassigned"]) == (26_500_000, 20_500_000, 29 * M, 3 * M)
    assert _measures(next(b for b in s["buckets"] if b["key"] == "driftsbalance")) == (0, 0, 0, 0)


def test_a_member_that_stops_counting_stops_the_overlap(built: str, ok: Any) -> None:
    ok("hypothesis", "set", "H02", "--type", "undgaaet")  # Hjemmepleje keeps only H01
    t = _status(ok)["totals"]
    assert t["overlap_kr"] == 5_300_000 - 2_500_000
    assert t["gross_pipeline_kr"] == 71 * M - 20 * M
    assert t["pipeline_kr"] == 51 * M - 2_800_000


def test_an_overlap_above_its_smallest_member_is_warned_about(built: str, ok: Any) -> None:
    ok("overlap", "set", "Rengøring", "--amount", "9,5")
    warnings = [w for w in _status(ok)["warnings"] if w["code"] == "overlap-above-member-potential"]
    assert warnings == [
        {
            "code": "overlap-above-member-potential",
            "hypothesis": "H04",
            "message": "Dobbelttællingen «Rengøring» (9,5 mio. kr.) er større end potentialet "
            "for H04 (9,0 mio. kr. i 2018)",
        }
    ]


def test_human_status_shows_brutto_overlaps_and_netto(built: str, cli: Any) -> None:
    result = cli("--lang", "da", "status")
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert "Brutto, dobbelttælling og netto" in text
    lines = {line.split()[0]: line.split() for line in text.splitlines() if line.strip()}
    assert lines["Pipeline"][1:] == ["71,0", "mio.", "kr.", "5,3", "mio.", "kr.", "65,7", "mio.",
                                     "kr."]  # fmt: skip
    assert re.search(r"^Rengøring +H04, H03 +1,8 mio\. kr\. +0,6 mio\. kr\.$", text, re.M)
    assert re.search(
        r"^Tid +H02, H05 \(tæller ikke\) +4,0 mio\. kr\. +\(tæller ikke\)$", text, re.M
    )


def test_a_past_moment_has_the_overlaps_it_had(built: str, ok: Any, cli: Any) -> None:
    runner_env = {"PARAT_NOW": "2018-03-20T09:00:00+00:00"}
    with pytest.MonkeyPatch.context() as env:
        for key, value in runner_env.items():
            env.setenv(key, value)
        ok("overlap", "drop", "Hjemmepleje")
        ok("overlap", "set", "Rengøring", "--amount", "1")
        now = _status(ok)["totals"]
        then = _status(ok, "--as-of", "2018-03-12")["totals"]
        diff = json.loads(ok("diff", "--since", "2018-03-12", "--json").stdout)
    assert then["overlap_kr"] == 5_300_000
    assert now["overlap_kr"] == 5_300_000 - 2_500_000 - 800_000
    changes = {c["name"]: c for c in diff["overlap_changes"]}
    assert set(changes) == {"Hjemmepleje", "Rengøring"}
    assert (changes["Hjemmepleje"]["old_kr"], changes["Hjemmepleje"]["new_kr"]) == (2_500_000, None)
    assert changes["Rengøring"]["change_kr"] == -800_000
    assert changes["Rengøring"]["actor"] == "tester"
    assert diff["totals"]["change"]["overlap_kr"] == -3_300_000
    assert diff["totals"]["change"]["pipeline_kr"] == 3_300_000


def test_undo_brings_the_overlap_and_its_deduction_back(built: str, ok: Any) -> None:
    with pytest.MonkeyPatch.context() as env:
        env.setenv("PARAT_NOW", "2018-03-20T09:00:00+00:00")
        ok("overlap", "drop", "Hjemmepleje")
        assert _status(ok)["totals"]["overlap_kr"] == 5_300_000 - 2_500_000
        env.setenv("PARAT_NOW", "2018-03-21T09:00:00+00:00")
        ok("undo")
        s = _status(ok)
    assert s["totals"]["overlap_kr"] == 5_300_000
    assert _measures(s["totals"]) == (65_700_000, 44_876_000, 48_200_000, 8_000_000)
    events = json.loads(ok("history", "--json", "--limit", "2").stdout)
    assert [(e["action"], e["note"]) for e in events] == [
        ("overlap.add", f"undo of event #{events[1]['id']}"),
        ("overlap.drop", ""),
    ]
