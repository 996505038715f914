"""``parat overlap``: add, list, set, drop; the refusals (one line, nothing changed);
the batch forms; the audit log and undo."""

import json
from pathlib import Path
from typing import Any

import pytest

from tests.cli.conftest import rows


@pytest.fixture
def three(programme: Path, ok: Any) -> Path:
    """The small programme (H01 4,5 mio. quantified; H02, H03 identified, no figures)."""
    ok("figure", "set", "H02", "2018", "--potential", "3")
    return programme


def _listed(ok_json: Any) -> list[tuple[str, list[str], int, str]]:
    return [
        (o["name"], o["members"], o["amount_kr"], o["note"])
        for o in ok_json("overlap", "list", "--json")
    ]


def test_add_list_set_drop(three: Path, ok: Any, ok_json: Any) -> None:
    added = ok(
        "overlap",
        "add",
        "Timer",
        "--members",
        "h01, H02",
        "--amount",
        "1,5",
        "--note",
        "Samme timer",
    )
    assert added.stdout == "Overlap 'Timer': H01, H02, 1,5 mio. kr. counted twice.\n"
    assert _listed(ok_json) == [("Timer", ["H01", "H02"], 1_500_000, "Samme timer")]
    listed = ok_json("overlap", "list", "--json")[0]
    assert (listed["updated_at"], listed["actor"]) == ("2018-03-12T09:00:00Z", "tester")

    ok("overlap", "set", "Timer", "--members", "H02,H01,H03", "--amount", "750 tkr")
    assert _listed(ok_json) == [("Timer", ["H02", "H01", "H03"], 750_000, "Samme timer")]
    assert (
        ok("overlap", "set", "Timer", "--amount", "0,75").stdout
        == "Overlap 'Timer' is unchanged.\n"
    )
    ok("overlap", "set", "Timer", "--note", "")
    assert _listed(ok_json)[0][3] == ""

    assert ok("overlap", "drop", "Timer").stdout == "Dropped overlap 'Timer'.\n"
    assert _listed(ok_json) == []
    assert ok("overlap", "list").stdout == "No overlaps.\n"
    # the name is free again; the dropped one stays in the records
    ok("overlap", "add", "Timer", "--members", "H01,H03", "--amount", "1")
    assert len(rows(three, "SELECT id FROM overlap WHERE name = 'Timer'")) == 6 - 1


def test_human_list(three: Path, ok: Any) -> None:
    ok(
        "overlap",
        "add",
        "Timer",
        "--members",
        "H01,H02",
        "--amount",
        "1,5",
        "--note",
        "Samme timer",
    )
    lines = ok("--lang", "da", "overlap", "list").stdout.splitlines()
    assert lines[0].split() == ["Navn", "Hypoteser", "Beløb", "Note"]
    assert lines[2].split() == ["Timer", "H01,", "H02", "1,5", "mio.", "kr.", "Samme", "timer"]


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--members", "H01", "--amount", "1"), "--members: name two or more hypotheses"),
        (("--members", "H01,", "--amount", "1"), "--members: name two or more hypotheses"),
        (("--members", "H01,H99", "--amount", "1"), "--members: unknown hypothesis H99"),
        (("--members", "H01,h01", "--amount", "1"), "--members: H01 is named twice"),
        (("--members", "H01,H 2", "--amount", "1"), "--members: invalid code 'H 2'"),
        (
            ("--members", "H01,H02", "--amount", "0"),
            "--amount: the amount counted twice must be above 0",
        ),
        (
            ("--members", "H01,H02", "--amount", "-1"),
            "--amount: the amount counted twice must be above 0",
        ),
        (("--members", "H01,H02", "--amount", "abc"), "--amount: "),
        (("--members", "H01,H02", "--amount", "1,0000001"), "--amount: "),
    ],
)
def test_bad_add_is_refused(three: Path, refuse: Any, args: tuple[str, ...], says: str) -> None:
    line = refuse("overlap", "add", "Timer", *args).stderr
    assert says in line


def test_a_taken_name_and_an_unknown_one_are_refused(three: Path, ok: Any, refuse: Any) -> None:
    ok("overlap", "add", "Timer", "--members", "H01,H02", "--amount", "1")
    assert (
        "an overlap named 'Timer' exists already"
        in refuse("overlap", "add", "Timer", "--members", "H01,H03", "--amount", "2").stderr
    )
    assert "no overlap named 'Andet'" in refuse("overlap", "set", "Andet", "--amount", "2").stderr
    assert "no overlap named 'Andet'" in refuse("overlap", "drop", "Andet").stderr
    assert "nothing to change" in refuse("overlap", "set", "Timer").stderr
    assert (
        "--members: unknown hypothesis H09"
        in refuse("overlap", "set", "Timer", "--members", "H01,H09").stderr
    )
    assert (
        "must not be empty"
        in refuse("overlap", "add", " ", "--members", "H01,H02", "--amount", "1").stderr
    )
    refuse("overlap", "add", "X", "--amount", "1", code=2)  # --members is required


def test_refusals_in_danish(three: Path, refuse: Any) -> None:
    line = refuse(
        "--lang", "da", "overlap", "add", "T", "--members", "H01,H99", "--amount", "1"
    ).stderr
    assert line == "parat: --members: hypotesen H99 findes ikke.\n"


def test_batch_forms(three: Path, cli: Any, ok_json: Any, tmp_path: Path) -> None:
    lines = [
        {"cmd": "overlap.add", "name": "A", "members": ["H01", "H02"], "amount": "1,5"},
        {"cmd": "overlap.add", "name": "B", "members": "H02,H03", "amount": 2, "note": "n"},
        {"cmd": "overlap.set", "name": "A", "amount": "500 tkr"},
        {"cmd": "overlap.drop", "name": "B"},
        {"cmd": "overlap.add", "name": "C", "members": ["H01"], "amount": "1"},
        {"cmd": "overlap.set", "name": "A"},
    ]
    script = tmp_path / "lines.jsonl"
    script.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    result = cli("batch", str(script))
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["ok"] for o in out] == [True, True, True, True, False, False]
    assert out[2] == {"line": 3, "ok": True, "name": "A", "members": ["H01", "H02"],
                      "amount_kr": 500_000, "changed": 1}  # fmt: skip
    assert "--members: name two or more hypotheses" in out[4]["error"]
    assert "nothing to change" in out[5]["error"]
    assert _listed(ok_json) == [("A", ["H01", "H02"], 500_000, "")]


def test_history_and_undo(
    three: Path, ok: Any, ok_json: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PARAT_NOW", "2018-03-13T09:00:00+00:00")
    ok("overlap", "add", "Timer", "--members", "H01,H02", "--amount", "1,5", "--note", "Samme")
    monkeypatch.setenv("PARAT_NOW", "2018-03-14T09:00:00+00:00")
    ok("overlap", "set", "Timer", "--amount", "2", "--members", "H01,H03")
    monkeypatch.setenv("PARAT_NOW", "2018-03-15T09:00:00+00:00")
    ok("overlap", "drop", "Timer")
    events = ok_json("history", "--json", "--limit", "4")
    assert [(e["action"], e["subject"], e["field"]) for e in events] == [
        ("overlap.drop", "Timer", ""),
        ("overlap.set", "Timer", "amount_kr"),
        ("overlap.set", "Timer", "members"),
        ("overlap.add", "Timer", ""),
    ]
    assert (events[1]["old"], events[1]["new"]) == ("1500000", "2000000")
    text = ok("--lang", "da", "history", "--limit", "0").stdout
    assert "Timer dobbelttælling fjernet: H01, H03 · 2,0 mio. kr. · Samme" in text
    assert "Timer Beløb: 1,5 mio. kr. → 2,0 mio. kr." in text
    assert "Timer Hypoteser: H01,H02 → H01,H03" in text

    monkeypatch.setenv("PARAT_NOW", "2018-03-16T09:00:00+00:00")
    ok("undo")  # the drop
    assert _listed(ok_json) == [("Timer", ["H01", "H03"], 2_000_000, "Samme")]
    monkeypatch.setenv("PARAT_NOW", "2018-03-17T09:00:00+00:00")
    first_set = events[2]["id"]
    ok("undo", str(events[1]["id"]))  # the amount alone
    assert _listed(ok_json) == [("Timer", ["H01", "H03"], 1_500_000, "Samme")]
    ok("undo", str(first_set))  # the members
    assert _listed(ok_json) == [("Timer", ["H01", "H02"], 1_500_000, "Samme")]
    ok("undo", str(events[3]["id"]))  # the add: dropped again
    assert _listed(ok_json) == []
    # the status of each moment is read from the records, not from today's state
    then = ok_json("status", "--json", "--as-of", "2018-03-14T12:00")
    assert [(o["name"], o["amount_kr"]) for o in then["overlaps"]] == [("Timer", 2_000_000)]


def test_undo_refuses_an_overlap_changed_since(
    three: Path, ok: Any, refuse: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PARAT_NOW", "2018-03-13T09:00:00+00:00")
    ok("overlap", "add", "Timer", "--members", "H01,H02", "--amount", "1,5")
    added = json.loads(ok("history", "--json", "--limit", "1").stdout)[0]["id"]
    monkeypatch.setenv("PARAT_NOW", "2018-03-14T09:00:00+00:00")
    ok("overlap", "set", "Timer", "--amount", "2")
    line = refuse("undo", str(added), code=3).stderr
    assert f"cannot undo event #{added}: Timer has changed since" in line
    assert "(now H01, H02 · 2,0 mio. kr., the event set H01, H02 · 1,5 mio. kr.)" in line


def test_status_without_overlaps_is_unchanged_but_for_the_new_keys(
    three: Path, ok_json: Any
) -> None:
    s = ok_json("status", "--json")
    assert s["overlaps"] == []
    t = s["totals"]
    assert (t["gross_pipeline_kr"], t["overlap_kr"], t["overlap_weighted_kr"]) == (
        t["pipeline_kr"],
        0,
        0,
    )


def test_diff_lists_the_overlaps_that_moved(
    three: Path, ok: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PARAT_NOW", "2018-03-13T09:00:00+00:00")
    ok("overlap", "add", "Timer", "--members", "H01,H02", "--amount", "1,5")
    ok("overlap", "add", "Biler", "--members", "H02,H03", "--amount", "1")
    monkeypatch.setenv("PARAT_NOW", "2018-03-14T09:00:00+00:00")
    ok("snapshot", "add", "Møde")
    monkeypatch.setenv("PARAT_NOW", "2018-03-15T09:00:00+00:00")
    ok("overlap", "set", "Timer", "--amount", "2")
    ok("overlap", "drop", "Biler")
    ok("overlap", "add", "Husleje", "--members", "H03,H01", "--amount", "0,5")
    text = ok("--lang", "da", "diff", "--since", "Møde").stdout
    section = text.split("Ændrede dobbelttællinger (3)\n")[1].splitlines()[:3]
    assert section == [
        "  Biler (H02, H03): 1,0 mio. kr. → (fjernet) (-1,0 mio. kr.)  tester, 15.03.2018 10:00",
        "  Husleje (H03, H01): (ny) → 0,5 mio. kr. (+0,5 mio. kr.)  tester, 15.03.2018 10:00",
        "  Timer (H01, H02): 1,5 mio. kr. → 2,0 mio. kr. (+0,5 mio. kr.)  tester, 15.03.2018 10:00",
    ]
    assert "Dobbelttælling (vægtet)" in text
