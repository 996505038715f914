"""Benefit types (gevinsttyper) and the types that count toward the target, through the
real CLI, on SQLite and PostgreSQL: a non-counting hypothesis changes no measure and
shows under "Øvrige gevinster"; counting its type moves it in (undoable, and read back
as it stood at an earlier moment)."""

import json
from pathlib import Path
from typing import Any

import pytest

from tests.cli.test_later_years import as_json, ok, refused

MEASURES = ("pipeline_kr", "weighted_kr", "decided_kr", "realised_kr", "gap_kr")


@pytest.fixture
def at(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    def move(moment: str) -> None:
        monkeypatch.setenv("PARAT_NOW", moment)

    return move


def _totals(cli: Any, *args: str) -> dict[str, int]:
    status = as_json(cli("status", "--json", *args))
    return {k: status["totals"][k] for k in MEASURES}


def test_types_count_or_stand_beside_the_target(store_cli: Any, store_url: str, at: Any) -> None:
    at("2018-03-01T09:00:00Z")
    ok(store_cli("init"))
    ok(store_cli("hypothesis", "add", "H01", "--title", "Indkøb", "--stage", "decided"))
    ok(store_cli("figure", "set", "H01", "2018", "--potential", "10"))
    cash_only = _totals(store_cli)
    ok(store_cli("hypothesis", "add", "H02", "--title", "Tid", "--stage", "decided",
                 "--type", "Frigjort tid / kapacitet"))  # fmt: skip
    ok(store_cli("figure", "set", "H02", "2018", "--potential", "4"))
    assert _totals(store_cli) == cash_only
    status = as_json(store_cli("status", "--json"))
    assert status["programme"]["counting_types"] == ["kontant"]
    assert [(h["code"], h["benefit_type"], h["counts"]) for h in status["hypotheses"]] == [
        ("H01", "kontant", True),
        ("H02", "frigjort_tid", False),
    ]
    freed = {o["type"]: o for o in status["other_benefits"]}["frigjort_tid"]
    assert (freed["count"], freed["pipeline_kr"], freed["weighted_kr"]) == (1, 4_000_000, 3_000_000)
    text = ok(store_cli("status")).stdout
    assert "Other benefits (not counted toward the target)" in text
    assert "frigjort_tid" in text and "H02" in text
    danish = ok(store_cli("--lang", "da", "status")).stdout
    assert "Øvrige gevinster (tæller ikke med i målet)" in danish
    assert "Frigjort tid / kapacitet" in danish
    shown = as_json(store_cli("hypothesis", "show", "H02", "--json"))
    assert shown["benefit_type"] == "frigjort_tid"

    at("2018-03-02T09:00:00Z")
    ok(store_cli("programme", "set", "--counts", "kontant,frigjort_tid"))
    moved_in = _totals(store_cli)
    assert moved_in["pipeline_kr"] == 14_000_000
    assert moved_in["weighted_kr"] == 10_500_000
    assert "Other benefits" not in ok(store_cli("status")).stdout
    # time travel: the day before, only cash counted
    assert _totals(store_cli, "--as-of", "2018-03-01") == cash_only
    shown = as_json(store_cli("programme", "show", "--json"))
    assert shown["counting_types"] == ["kontant", "frigjort_tid"]

    at("2018-03-03T09:00:00Z")
    ok(store_cli("undo"))
    assert _totals(store_cli) == cash_only
    assert _totals(store_cli, "--as-of", "2018-03-02") == moved_in

    # a hypothesis's type is time-travelled and undone like any attribute
    at("2018-03-03T10:00:00Z")
    ok(store_cli("hypothesis", "set", "H02", "--type", "kontant"))
    assert _totals(store_cli)["pipeline_kr"] == 14_000_000
    assert _totals(store_cli, "--as-of", "2018-03-02")["pipeline_kr"] == 14_000_000
    assert _totals(store_cli, "--as-of", "2018-03-01")["pipeline_kr"] == 10_000_000
    at("2018-03-04T09:00:00Z")
    ok(store_cli("undo"))
    assert _totals(store_cli) == cash_only

    assert refused(store_cli, store_url, "hypothesis", "set", "H02", "--type", "cash") == (
        "parat: unknown benefit type 'cash' (use kontant, undgaaet, frigjort_tid, kvalitativ)"
    )
    assert refused(store_cli, store_url, "programme", "set", "--counts", "kontant,bad") == (
        "parat: unknown benefit type 'bad' (use kontant, undgaaet, frigjort_tid, kvalitativ)"
    )
    assert refused(store_cli, store_url, "programme", "set", "--counts", ",") == (
        "parat: name at least one benefit type that counts toward the target"
    )


def test_import_reads_the_type_by_key_or_danish_label(
    programme: Path, cli: Any, tmp_path: Path
) -> None:
    data = tmp_path / "typer.csv"
    data.write_text(
        "Nr.;Forslag;Gevinsttype;Potentiale 2018\n"
        "H01;Digital post;Undgåede udgifter;\n"
        "H09;Ny;kvalitativ;2\n",
        encoding="utf-8",
    )
    ok(cli("import", str(data)))
    status = json.loads(ok(cli("status", "--json")).stdout)
    types = {h["code"]: h["benefit_type"] for h in status["hypotheses"]}
    assert types == {"H01": "undgaaet", "H02": "kontant", "H03": "kontant", "H09": "kvalitativ"}
    assert status["totals"]["pipeline_kr"] == 0  # H01 and H09 count no more
    bad = tmp_path / "bad.csv"
    bad.write_text("code;benefit_type\nH02;kontanter\n", encoding="utf-8")
    result = cli("import", str(bad))
    assert result.exit_code == 1
    assert "row 2, column benefit_type: unknown benefit type 'kontanter'" in result.stderr
    assert json.loads(ok(cli("status", "--json")).stdout) == status
