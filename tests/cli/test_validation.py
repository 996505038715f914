"""``parat figure validate``: the finance department's verdict on a realised figure,
through the real CLI. The registrant and non-validators are refused (one line,
nothing changed); a validator's approval counts as validated; a later change of the
figure loses it; the status as of before and after; the history, diff and batch."""

import json
from pathlib import Path
from typing import Any

import pytest

from tests.cli.conftest import rows

MORNING = "2018-03-12T09:00:00+00:00"  # the tests' clock: tester registers the figures
NOON = "2018-03-12T12:00:00+00:00"
EVENING = "2018-03-12T18:00:00+00:00"


@pytest.fixture
def realised(programme: Path, ok: Any) -> Path:
    """The small programme with H01's realised 2018 figure (4 mio.) registered by
    ``tester``, and anna and bo named as validators."""
    ok("figure", "set", "H01", "2018", "--realised", "4")
    ok("programme", "set", "--validators", "anna, Bo")
    return programme


def _validate(*args: str, actor: str = "anna") -> tuple[str, ...]:
    return ("--actor", actor, "figure", "validate", *args)


def _totals(ok_json: Any, *args: str) -> tuple[str, int, int]:
    s = ok_json("status", "--json", *args)
    return s["progress_measure"], s["totals"]["realised_kr"], s["totals"]["validated_kr"]


def test_the_registrant_may_not_validate_the_figure(realised: Path, refuse: Any) -> None:
    result = refuse(*_validate("H01", "2018", "--approve", "--ref", "sag 1", actor="Tester"))
    assert result.stderr == (
        "parat: Tester registered the realised figure of H01 for 2018 and may not "
        "validate it: someone else must\n"
    )


def test_who_is_no_validator_is_refused(realised: Path, refuse: Any) -> None:
    result = refuse(*_validate("H01", "2018", "--approve", "--ref", "sag 1", actor="cecilie"))
    assert result.stderr == (
        "parat: cecilie may not validate figures (validators: anna, Bo; "
        "see `parat programme set --validators`)\n"
    )


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (("H02", "2018", "--approve", "--ref", "x"), "parat: H02 has no realised figure for 2018"),
        (("H01", "2017", "--approve", "--ref", "x"), "parat: H01 has no realised figure for 2017"),
        (("H09", "2018", "--approve", "--ref", "x"), "parat: unknown hypothesis 'H09'"),
        (("H01", "2018", "--ref", "x"), "parat: say --approve or --reject"),
        (("H01", "2018", "--approve"), "parat: --ref is required"),
        (("H01", "2018", "--approve", "--ref", " "), "parat: --ref is required"),
        (("H01", "2030", "--approve", "--ref", "x"), "parat: year 2030"),
    ],
)
def test_refused_with_one_line(realised: Path, refuse: Any, args: Any, line: str) -> None:
    assert refuse(*_validate(*args)).stderr.startswith(line)


def test_a_validator_approves_and_the_progress_reads_validated(
    realised: Path, ok: Any, ok_json: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _totals(ok_json) == ("realised", 4_000_000, 0)
    done = ok(*_validate("H01", "2018", "--approve", "--ref", "sag 18/1234", actor="BO"))
    assert done.stdout == "H01 2018: realised 4,0 mio. kr. approved (sag 18/1234).\n"
    s = ok_json("status", "--json")
    assert (s["progress_measure"], s["totals"]["validated_kr"]) == ("validated", 4_000_000)
    h01 = next(h for h in s["hypotheses"] if h["code"] == "H01")
    assert (h01["realised_kr"], h01["validated_kr"]) == (4_000_000, 4_000_000)
    assert [y["validated_kr"] for y in s["years"]] == [0, 0, 0, 4_000_000]
    # waterfall: 4 mio. fill driftsbalance first
    assert [b["validated_kr"] for b in s["buckets"]] == [4_000_000, 0, 0]
    assert s["surplus"]["validated_kr"] == 0
    (row,) = rows(realised, "SELECT actor, approved, reference FROM validation")
    assert row == ("BO", 1, "sag 18/1234")
    text = ok("status").stdout
    assert "Validated" in text and "Progress measured on: validated" in text
    monkeypatch.setenv("PARAT_LANG", "da")
    text = ok("status").stdout
    assert "Valideret" in text and "Fremdriften måles på: valideret" in text


def test_a_rejection_counts_nothing_but_turns_the_progress_to_validated(
    realised: Path, ok: Any, ok_json: Any
) -> None:
    ok(*_validate("H01", "2018", "--reject", "--ref", "sag 2", "--note", "mangler bilag"))
    assert _totals(ok_json) == ("validated", 4_000_000, 0)
    # a later verdict on the same figure stands
    ok(*_validate("H01", "2018", "--approve", "--ref", "sag 3"))
    assert _totals(ok_json) == ("validated", 4_000_000, 4_000_000)


def test_a_changed_figure_loses_its_validation_and_time_travel_keeps_it(
    realised: Path, ok: Any, ok_json: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PARAT_NOW", NOON)
    ok(*_validate("H01", "2018", "--approve", "--ref", "sag 18/1234"))
    monkeypatch.setenv("PARAT_NOW", EVENING)
    ok("figure", "set", "H01", "2018", "--realised", "4,5")
    assert _totals(ok_json) == ("validated", 4_500_000, 0)
    # as of before the validation, between, and after the change
    assert _totals(ok_json, "--as-of", "2018-03-12T10:00:00Z") == ("realised", 4_000_000, 0)
    assert _totals(ok_json, "--as-of", "2018-03-12T15:00:00Z") == (
        "validated",
        4_000_000,
        4_000_000,
    )
    assert _totals(ok_json, "--as-of", "2018-03-12T19:00:00Z") == ("validated", 4_500_000, 0)
    # the same amount again is a new record too: it needs its own validation
    ok(*_validate("H01", "2018", "--approve", "--ref", "sag 18/1235"))
    assert _totals(ok_json) == ("validated", 4_500_000, 4_500_000)


def test_history_diff_and_undo(
    realised: Path, ok: Any, ok_json: Any, cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok("snapshot", "add", "Før")
    monkeypatch.setenv("PARAT_NOW", NOON)
    ok(*_validate("H01", "2018", "--approve", "--ref", "sag 18/1234", "--note", "bilag ok"))
    line = ok("history", "H01").stdout.splitlines()[0]
    assert " anna " in line
    assert "H01 realised 2018 validated: approved · 4,0 mio. kr. · sag 18/1234" in line
    assert line.endswith("– bilag ok")
    event = ok_json("history", "--json")[0]
    assert (event["action"], event["field"]) == ("figure.validate", "validated.2018")
    assert json.loads(event["new"]) == {
        "verdict": "approved",
        "amount_kr": 4_000_000,
        "reference": "sag 18/1234",
    }
    d = ok_json("diff", "--since", "Før", "--json")
    assert d["validations"] == [
        {
            "code": "H01",
            "title": "Digital post",
            "year": 2018,
            "verdict": "approved",
            "amount_kr": 4_000_000,
            "reference": "sag 18/1234",
            "note": "bilag ok",
            "at": "2018-03-12T12:00:00Z",
            "actor": "anna",
            "standing": True,
        }
    ]
    assert d["totals"]["change"]["validated_kr"] == 4_000_000
    assert "Validations (1)" in ok("diff", "--since", "Før").stdout
    monkeypatch.setenv("PARAT_LANG", "da")
    assert (
        "Valideringer (1)\n  H01 realiseret 2018: godkendt" in ok("diff", "--since", "Før").stdout
    )
    monkeypatch.setenv("PARAT_LANG", "en")
    refused = cli("--actor", "anna", "undo")
    assert refused.exit_code == 1
    assert "a validation cannot be undone" in refused.stderr


def test_the_batch_form(realised: Path, cli: Any, ok_json: Any, tmp_path: Path) -> None:
    lines = [
        {"cmd": "figure.validate", "code": "H01", "year": 2018, "approve": True, "ref": "s 1"},
        {"cmd": "figure.validate", "code": "H02", "year": 2018, "approve": True, "ref": "s 2"},
        {"cmd": "figure.validate", "code": "H01", "year": 2018, "ref": "s 3"},
    ]
    script = tmp_path / "lines.jsonl"
    script.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    result = cli("--actor", "anna", "batch", str(script))
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert out[0] == {"line": 1, "ok": True, "code": "H01", "year": 2018, "approved": True,
                      "amount_kr": 4_000_000}  # fmt: skip
    assert not out[1]["ok"] and "no realised figure" in out[1]["error"]
    assert not out[2]["ok"]
    assert ok_json("status", "--json")["totals"]["validated_kr"] == 4_000_000


def test_validators_are_shown_and_the_setting_is_undone(
    realised: Path, ok: Any, ok_json: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert ok_json("programme", "show", "--json")["validators"] == ["anna", "Bo"]
    monkeypatch.setenv("PARAT_NOW", NOON)
    ok("programme", "set", "--validators", "")
    assert ok_json("programme", "show", "--json")["validators"] == []
    ok("undo")
    assert ok_json("programme", "show", "--json")["validators"] == ["anna", "Bo"]


@pytest.mark.parametrize("allocation", ["waterfall", "earmarked"])
def test_validated_by_bucket_in_both_modes(
    programme: Path, ok: Any, ok_json: Any, allocation: str
) -> None:
    """Hand-computed: H01 (driftsbalance) realised 60 mio., validated; H02 (politisk)
    realised 3 mio., validated; H03 (no earmark) realised 2 mio., not validated.
    Waterfall: 63 mio. validated fill driftsbalance (50), demografi (13). Earmarked:
    driftsbalance 60, politisk 3, nothing unassigned (H03's 2 are not validated)."""
    ok("programme", "set", "--allocation", allocation, "--validators", "anna")
    ok("hypothesis", "set", "H02", "--bucket", "politisk")
    ok("figure", "set", "H01", "2018", "--realised", "60", "--accept-large")
    ok("figure", "set", "H02", "2018", "--realised", "3")
    ok("figure", "set", "H03", "2018", "--realised", "2")
    for code in ("H01", "H02"):
        ok(*_validate(code, "2018", "--approve", "--ref", f"sag {code}"))
    s = ok_json("status", "--json")
    buckets = {b["key"]: (b["realised_kr"], b["validated_kr"]) for b in s["buckets"]}
    if allocation == "waterfall":
        assert buckets == {
            "driftsbalance": (50_000_000, 50_000_000),
            "demografi": (15_000_000, 13_000_000),
            "politisk": (0, 0),
        }
        assert (s["surplus"]["realised_kr"], s["surplus"]["validated_kr"]) == (0, 0)
    else:
        assert buckets == {
            "driftsbalance": (60_000_000, 60_000_000),
            "demografi": (0, 0),
            "politisk": (3_000_000, 3_000_000),
        }
        assert (s["unassigned"]["realised_kr"], s["unassigned"]["validated_kr"]) == (
            2_000_000,
            0,
        )
    assert (s["totals"]["realised_kr"], s["totals"]["validated_kr"]) == (65_000_000, 63_000_000)
