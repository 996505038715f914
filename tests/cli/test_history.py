"""History, snapshots, time travel, diff, undo and baselines through the real CLI.

A programme is built over several dated steps (PARAT_NOW moves between calls), and
``status --as-of`` at each step must equal what was recorded then. Every test runs on
both engines: ``cli`` here is ``store_cli`` (a SQLite file, a PostgreSQL database).
"""

import json
from typing import Any

import pytest


@pytest.fixture
def cli(store_cli: Any) -> Any:
    """``parat --db <store> ARGS…`` on both engines (time travel is SQL on each)."""
    return store_cli


@pytest.fixture
def at(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Move the clock: ``at("2018-01-05T10:00:00Z")``."""

    def move(moment: str) -> None:
        monkeypatch.setenv("PARAT_NOW", moment)

    return move


def ok(result: Any) -> Any:
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result


def status(cli: Any, *args: str) -> dict[str, Any]:
    return json.loads(ok(cli("status", "--json", *args)).stdout)


def by_code(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {h["code"]: h for h in data["hypotheses"]}


@pytest.fixture
def programme_in_steps(cli: Any, at: Any) -> None:
    """Three dated steps (times are UTC; Copenhagen is UTC+1 in winter)."""
    at("2018-01-05T10:00:00Z")
    ok(cli("init"))
    ok(cli("hypothesis", "add", "H01", "--title", "Indkøb", "--owner", "Mette"))
    ok(cli("figure", "set", "H01", "2018", "--potential", "10"))

    at("2018-02-01T10:00:00Z")
    ok(cli("--actor", "anna", "hypothesis", "set", "H01", "--stage", "besluttet"))
    ok(cli("--actor", "anna", "figure", "set", "H01", "2018", "--potential", "12"))
    ok(cli("hypothesis", "add", "H02", "--title", "Digital post", "--stage", "qualified"))
    ok(cli("figure", "set", "H02", "2018", "--potential", "5", "--investment", "1"))
    ok(cli("programme", "set", "--weight", "decided=80"))
    ok(cli("snapshot", "add", "Chefgruppemøde februar"))

    at("2018-03-01T10:00:00Z")
    ok(cli("--actor", "bo", "figure", "set", "H01", "2018", "--potential", "9"))
    ok(cli("--actor", "bo", "hypothesis", "set", "H01", "--title", "Indkøb og e-handel"))
    ok(cli("--actor", "bo", "hypothesis", "drop", "H02", "--note", "Budgetlagt i forvejen"))
    ok(cli("bucket", "set", "politisk", "--target", "40"))


def test_status_as_of_each_step(cli: Any, programme_in_steps: None) -> None:
    # Step 1: the end of 5 January (Copenhagen) — H01 identified 10 mio., no H02.
    s1 = status(cli, "--as-of", "2018-01-05")
    h = by_code(s1)
    assert list(h) == ["H01"]
    assert h["H01"]["stage"] == "identified"
    assert h["H01"]["pipeline_kr"] == 10_000_000
    assert h["H01"]["weighted_kr"] == 1_000_000
    assert h["H01"]["baseline_kr"] is None and h["H01"]["slippage_kr"] is None
    assert s1["programme"]["weights"]["decided"] == 75
    assert s1["totals"]["baseline_kr"] == 0
    # Danish date and the day before the next step: the same picture.
    assert status(cli, "--as-of", "31.01.2018")["totals"] == s1["totals"]

    # Step 2, by snapshot name: H01 decided at 12 mio. with the new weight 80 %.
    s2 = status(cli, "--as-of", "Chefgruppemøde februar")
    h = by_code(s2)
    assert h["H01"]["stage"] == "decided" and h["H01"]["weight_pct"] == 80
    assert h["H01"]["weighted_kr"] == 9_600_000
    assert h["H01"]["baseline_kr"] == 12_000_000 and h["H01"]["slippage_kr"] == 0
    assert h["H02"]["stage"] == "qualified" and h["H02"]["weighted_kr"] == 1_250_000
    assert s2["totals"]["pipeline_kr"] == 17_000_000
    assert s2["totals"]["investment_kr"] == 1_000_000
    assert {b["key"]: b["target_kr"] for b in s2["buckets"]}["politisk"] == 50_000_000

    # Step 3 (now): H01 slipped to 9 mio., renamed; H02 dropped; bucket target 40.
    s3 = status(cli)
    h = by_code(s3)
    assert h["H01"]["title"] == "Indkøb og e-handel"
    assert h["H01"]["pipeline_kr"] == 9_000_000 and h["H01"]["weighted_kr"] == 7_200_000
    assert h["H01"]["baseline_kr"] == 12_000_000 and h["H01"]["slippage_kr"] == -3_000_000
    assert h["H02"]["stage"] == "dropped" and h["H02"]["pipeline_kr"] == 0
    assert s3["totals"]["baseline_kr"] == 12_000_000
    assert s3["totals"]["slippage_kr"] == -3_000_000
    assert {b["key"]: b["target_kr"] for b in s3["buckets"]}["politisk"] == 40_000_000

    # The past is not rewritten by later changes: step 2 still reads the same.
    assert status(cli, "--as-of", "Chefgruppemøde februar") == s2
    assert by_code(status(cli, "--as-of", "2018-02-01T11:00"))["H01"]["title"] == "Indkøb"


def test_as_of_just_before_a_change_and_before_the_programme(
    cli: Any, programme_in_steps: None
) -> None:
    # 10:00 UTC is 11:00 in Copenhagen; one minute earlier, H01 was not decided yet.
    before = by_code(status(cli, "--as-of", "2018-02-01T10:59"))
    assert before["H01"]["stage"] == "identified" and "H02" not in before
    after = by_code(status(cli, "--as-of", "2018-02-01T11:00"))
    assert after["H01"]["stage"] == "decided"
    result = cli("status", "--as-of", "2017-12-31")
    assert result.exit_code == 1
    assert "did not exist yet" in result.stderr and "Traceback" not in result.output
    result = cli("status", "--as-of", "Chefgruppemøde april")
    assert result.exit_code == 1
    assert "unknown snapshot or date 'Chefgruppemøde april'" in result.stderr
    assert "Chefgruppemøde februar" in result.stderr
    result = cli("status", "--as-of", "31.02.2018")
    assert result.exit_code == 1 and "not a valid date" in result.stderr


def test_diff_between_two_steps(cli: Any, programme_in_steps: None) -> None:
    data = json.loads(
        ok(
            cli("diff", "--since", "Chefgruppemøde februar", "--until", "2018-03-01", "--json")
        ).stdout
    )
    assert data["since_label"] == "Chefgruppemøde februar"
    moves = {m["code"]: m for m in data["stage_moves"]}
    assert list(moves) == ["H02"]
    assert moves["H02"]["old_stage"] == "qualified" and moves["H02"]["new_stage"] == "dropped"
    assert moves["H02"]["actor"] == "bo" and moves["H02"]["note"] == "Budgetlagt i forvejen"
    changes = [
        (f["code"], f["kind"], f["year"], f["old_kr"], f["new_kr"]) for f in data["figure_changes"]
    ]
    assert changes == [("H01", "potential", 2018, 12_000_000, 9_000_000)]
    assert data["figure_changes"][0]["actor"] == "bo"
    assert data["added"] == [] and data["dropped"] == ["H02"]
    totals = data["totals"]
    assert totals["before"]["pipeline_kr"] == 17_000_000
    assert totals["after"]["pipeline_kr"] == 9_000_000
    assert totals["change"]["pipeline_kr"] == -8_000_000
    assert totals["change"]["slippage_kr"] == -3_000_000

    # From the first step, H02 is new, and the text view says so, in Danish by default.
    text = ok(cli("--lang", "da", "diff", "--since", "2018-01-05")).stdout
    assert "Siden sidst: 05.01.2018 → nu" in text
    assert "H01 Indkøb og e-handel: Identificeret → Besluttet" in text
    assert "Nye hypoteser: H02" in text
    assert "H01 potentiale 2018: 10,0 mio. kr. → 9,0 mio. kr. (-1,0 mio. kr.)" in text
    text = ok(cli("diff", "--since", "2018-01-05")).stdout
    assert "Since last time: 05.01.2018 → now" in text
    assert "H01 Indkøb og e-handel: identified → decided" in text
    assert "New hypotheses: H02" in text
    assert "H01 potential 2018: 10,0 mio. kr. → 9,0 mio. kr. (-1,0 mio. kr.)" in text

    result = cli("diff", "--since", "2018-03-01", "--until", "2018-02-01")
    assert result.exit_code == 1 and "is after --until" in result.stderr


def test_history_filters(cli: Any, programme_in_steps: None) -> None:
    events = json.loads(ok(cli("history", "--json")).stdout)
    ids = [e["id"] for e in events]
    assert ids == sorted(ids, reverse=True)
    assert events[-1]["action"] == "programme.create"
    h01 = json.loads(ok(cli("history", "H01", "--json")).stdout)
    assert {e["subject"] for e in h01} == {"H01"}
    by_bo = json.loads(ok(cli("history", "--actor", "BO", "--json")).stdout)
    assert {e["actor"] for e in by_bo} == {"bo"} and len(by_bo) == 3
    since = json.loads(ok(cli("history", "--since", "Chefgruppemøde februar", "--json")).stdout)
    assert all(e["at"] > "2018-02-01T10:00:00Z" for e in since)
    assert {e["action"] for e in since} == {"figure.set", "hypothesis.set", "bucket.set"}
    text = ok(cli("history", "H02")).stdout
    assert "H02 stage: qualified → dropped  – Budgetlagt i forvejen" in text
    assert "[cli]" in text and "01.03.2018 11:00" in text
    result = cli("history", "H77")
    assert result.exit_code == 1 and "unknown hypothesis 'H77'" in result.stderr


def test_snapshots(cli: Any, at: Any) -> None:
    at("2018-03-12T07:00:00Z")  # the snapshot's moment must not be before the programme
    ok(cli("init"))
    at("2018-03-12T09:00:00Z")
    ok(cli("snapshot", "add", "Møde 1", "--at", "12.03.2018 08:30"))
    listed = json.loads(ok(cli("snapshot", "list", "--json")).stdout)
    assert listed == [
        {
            "name": "Møde 1",
            "at": "2018-03-12T07:30:00Z",
            "actor": "tester",
            "created_at": "2018-03-12T09:00:00Z",
        }
    ]
    assert "Møde 1" in ok(cli("snapshot", "list")).stdout
    again = cli("snapshot", "add", "Møde 1")
    assert again.exit_code == 1 and "exists already" in again.stderr
    future = cli("snapshot", "add", "Senere", "--at", "2019-01-01")
    assert future.exit_code == 1 and "future" in future.stderr
    bad = cli("snapshot", "add", "X", "--at", "i går")
    assert bad.exit_code == 1 and "not a date" in bad.stderr


def test_undo_own_last_change_and_refusal(cli: Any, at: Any) -> None:
    at("2018-03-01T09:00:00Z")
    ok(cli("init"))
    ok(cli("hypothesis", "add", "H01", "--title", "Indkøb", "--stage", "quantified"))
    at("2018-03-02T09:00:00Z")
    ok(
        cli(
            "--actor", "anna", "figure", "set", "H01", "2018", "--potential", "4", "--realised", "1"
        )
    )
    at("2018-03-03T09:00:00Z")
    ok(cli("--actor", "bo", "hypothesis", "set", "H01", "--stage", "decided"))

    # anna undoes her last change: both figures of that one command.
    at("2018-03-04T09:00:00Z")
    out = ok(cli("--actor", "anna", "undo")).stdout
    assert "undo of event" in out
    h = by_code(status(cli))["H01"]
    assert h["pipeline_kr"] == 0 and h["realised_kr"] == 0
    assert h["stage"] == "decided"  # bo's change is untouched

    # bo's stage move can be undone by id (backward move: the note is automatic) ...
    stage_event = next(
        e for e in json.loads(ok(cli("history", "H01", "--json")).stdout) if e["field"] == "stage"
    )
    ok(cli("undo", str(stage_event["id"])))
    assert by_code(status(cli))["H01"]["stage"] == "quantified"
    # ... but not twice: the value has changed since.
    again = cli("undo", str(stage_event["id"]))
    assert again.exit_code == 3
    assert f"cannot undo event #{stage_event['id']}" in again.stderr
    assert "has changed since" in again.stderr
    # The log only grew: nothing was edited in place.
    log = json.loads(ok(cli("history", "--json")).stdout)
    assert [e["note"] for e in log[:1]] == [f"undo of event #{stage_event['id']}"]

    missing = cli("undo", "9999")
    assert missing.exit_code == 1 and "no event #9999" in missing.stderr
    nobody = cli("--actor", "carl", "undo")
    assert nobody.exit_code == 1 and "carl has made no changes" in nobody.stderr


def test_baseline_locks_at_first_decision(cli: Any, at: Any) -> None:
    at("2018-01-01T09:00:00Z")
    ok(cli("init"))
    ok(cli("hypothesis", "add", "H01", "--title", "A", "--stage", "decided"))  # no potential yet
    ok(cli("hypothesis", "add", "H02", "--title", "B", "--stage", "quantified"))
    ok(cli("figure", "set", "H02", "2018", "--potential", "8"))
    at("2018-01-02T09:00:00Z")
    ok(cli("figure", "set", "H01", "2018", "--potential", "6"))  # first figure after deciding
    ok(cli("hypothesis", "set", "H02", "--stage", "decided"))
    at("2018-01-03T09:00:00Z")
    ok(cli("figure", "set", "H01", "2018", "--potential", "5"))
    ok(cli("hypothesis", "set", "H02", "--stage", "quantified", "--note", "tilbage"))
    ok(cli("figure", "set", "H02", "2018", "--potential", "10"))
    at("2018-01-04T09:00:00Z")
    ok(cli("hypothesis", "set", "H02", "--stage", "implemented"))  # decided again: same baseline
    h = by_code(status(cli))
    assert h["H01"]["baseline_kr"] == 6_000_000 and h["H01"]["slippage_kr"] == -1_000_000
    assert h["H02"]["baseline_kr"] == 8_000_000 and h["H02"]["slippage_kr"] == 2_000_000
    text = ok(cli("status")).stdout
    assert "Baseline (decided)" in text and "14,0 mio. kr." in text


def test_undo_programme_and_bucket_changes(cli: Any, at: Any) -> None:
    at("2018-03-01T09:00:00Z")
    ok(cli("init"))
    at("2018-03-02T09:00:00Z")
    ok(cli("programme", "set", "--weight", "decided=80", "--target", "130"))
    at("2018-03-03T09:00:00Z")
    ok(cli("bucket", "set", "politisk", "--target", "55", "--name", "Politik"))
    at("2018-03-03T10:00:00Z")
    ok(cli("snapshot", "add", "Møde"))  # not a change of data: undo skips it
    ok(cli("undo"))  # both bucket changes of that one command
    buckets = {b["key"]: b for b in json.loads(ok(cli("bucket", "list", "--json")).stdout)}
    assert buckets["politisk"]["target_kr"] == 50_000_000
    assert buckets["politisk"]["name"] == "Politisk prioritering"
    at("2018-03-04T09:00:00Z")
    weight_event = next(
        e for e in json.loads(ok(cli("history", "--json")).stdout) if e["field"] == "weight.decided"
    )
    ok(cli("undo", str(weight_event["id"])))
    programme = json.loads(ok(cli("programme", "show", "--json")).stdout)
    assert programme["weights"]["decided"] == 75 and programme["target_kr"] == 130_000_000


def test_a_database_at_the_first_schema_is_upgraded(store_url: str) -> None:
    import sqlalchemy as sa

    import tracker
    from db.engine import database_url, make_engine
    from db.schema import HEAD, upgrade

    engine = make_engine(database_url(store_url))
    upgrade(engine, "0001")
    engine.dispose()
    with tracker.open(store_url) as p, p.engine.connect() as conn:
        indexes = {i["name"] for i in sa.inspect(conn).get_indexes("event")}
        revision = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
    assert "ix_event_action_at" in indexes and revision == HEAD
