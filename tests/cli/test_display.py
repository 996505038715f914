"""Precision that never hides a change: a display unit and decimals per command
(``--display mio|tkr|kr``, ``--decimals N``) and per programme (``programme set``);
an amount or change that would round to zero shows the decimals it needs; JSON stays
integer kroner. Through the real CLI; the stored default on both engines."""

import json
from pathlib import Path
from typing import Any

import pytest

from tests.storeutil import dump_store


@pytest.fixture(autouse=True)
def _danish(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tables read as a Danish user reads them (the labels are the language's)."""
    monkeypatch.setenv("PARAT_LANG", "da")


@pytest.fixture
def at(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    def move(moment: str) -> None:
        monkeypatch.setenv("PARAT_NOW", moment)

    return move


def ok(result: Any) -> Any:
    assert result.exit_code == 0, (result.stdout, result.stderr)
    assert result.stderr == ""
    return result


@pytest.fixture
def small_change(store_cli: Any, at: Any) -> Any:
    """H01's weighted 9.549.000 → 9.551.000 kr.: 9,5 → 9,6 in one decimal, a change
    of 0,002 mio. kr. that one decimal showed as 0,0."""
    at("2018-03-01T09:00:00Z")
    ok(store_cli("init"))
    ok(store_cli("hypothesis", "add", "H01", "--title", "Indkøb", "--stage", "realised"))
    ok(store_cli("figure", "set", "H01", "2018", "--potential", "9.549.000 kr"))
    ok(store_cli("snapshot", "add", "Møde"))
    at("2018-03-02T09:00:00Z")
    ok(store_cli("figure", "set", "H01", "2018", "--potential", "9.551.000 kr"))
    ok(store_cli("figure", "set", "H01", "2017", "--potential", "40.000 kr"))
    at("2018-03-03T09:00:00Z")
    return store_cli


def line_of(text: str, start: str) -> str:
    (line,) = (line for line in text.splitlines() if line.strip().startswith(start))
    return " ".join(line.split())


def test_a_small_change_is_never_shown_as_nothing(small_change: Any) -> None:
    out = ok(small_change("diff", "--since", "Møde")).stdout
    assert line_of(out, "Vægtet") == "Vægtet 9,549 mio. kr. 9,551 mio. kr. +0,002 mio. kr."
    assert "H01 potentiale 2018: 9,549 mio. kr. → 9,551 mio. kr. (+0,002 mio. kr.)" in out
    assert "H01 potentiale 2017: (intet) → 0,04 mio. kr. (+0,04 mio. kr.)" in out
    status = ok(small_change("status")).stdout
    assert (
        line_of(status, "2017")
        == "2017 0,04 mio. kr. 0,04 mio. kr. 0,0 mio. kr. 0,0 mio. kr. 0,0 mio. kr. 0,04 mio. kr."
    )


def test_display_and_decimals_per_command(small_change: Any) -> None:
    out = ok(small_change("diff", "--since", "Møde", "--display", "tkr")).stdout
    assert line_of(out, "Vægtet") == "Vægtet 9.549,0 t.kr. 9.551,0 t.kr. +2,0 t.kr."
    out = ok(small_change("diff", "--since", "Møde", "--display", "kr")).stdout
    assert line_of(out, "Vægtet") == "Vægtet 9.549.000 kr. 9.551.000 kr. +2.000 kr."
    status = ok(small_change("status", "--decimals", "3")).stdout
    assert line_of(status, "Pipeline") == "Pipeline 9,551 mio. kr."
    status = ok(small_change("status", "--display", "kr")).stdout
    assert "mål 125.000.000 kr. med årsvirkning i 2018" in status
    shown = ok(small_change("hypothesis", "show", "H01", "--display", "tkr", "--decimals", "0"))
    assert line_of(shown.stdout, "2018") == "2018 9.551 t.kr."
    history = ok(small_change("history", "--display", "tkr")).stdout
    assert "H01 Potentiale 2018: 9.549,0 t.kr. → 9.551,0 t.kr." in history
    md = ok(small_change("export", "--format", "md", "--display", "tkr")).stdout
    assert "| | t.kr. | |" in md and "9.551,0 t.kr." in md
    # JSON is integer kroner whatever the display
    plain = json.loads(ok(small_change("status", "--json")).stdout)
    shown_kr = json.loads(ok(small_change("status", "--json", "--display", "tkr")).stdout)
    assert plain == shown_kr and plain["totals"]["pipeline_kr"] == 9_551_000


def test_the_programme_keeps_its_display(small_change: Any, store_url: str) -> None:
    ok(small_change("programme", "set", "--display", "tkr", "--decimals", "0"))
    shown = json.loads(ok(small_change("programme", "show", "--json")).stdout)["display"]
    assert shown == {"unit": "tkr", "decimals": 0}
    status = ok(small_change("status")).stdout
    assert line_of(status, "Pipeline") == "Pipeline 9.551 t.kr."
    # a command's option wins over the programme's default
    status = ok(small_change("status", "--display", "mio")).stdout
    assert line_of(status, "Pipeline") == "Pipeline 10 mio. kr."
    html = ok(small_change("export", "--format", "html")).stdout
    assert "9.551 t.kr." in html
    ok(small_change("undo"))  # the whole change: unit and decimals
    shown = json.loads(ok(small_change("programme", "show", "--json")).stdout)["display"]
    assert shown == {"unit": "mio", "decimals": 1}
    before = dump_store(store_url)
    result = small_change("programme", "set", "--decimals", "4")
    assert result.exit_code == 2 and dump_store(store_url) == before


def test_the_dry_run_shows_each_changed_cell_in_kroner(
    store_cli: Any, tmp_path: Path, at: Any
) -> None:
    at("2018-03-01T09:00:00Z")
    ok(store_cli("init"))
    ok(store_cli("hypothesis", "add", "S01", "--title", "Porto"))
    ok(store_cli("figure", "set", "S01", "2018", "--potential", "0,1"))
    path = tmp_path / "tal.csv"
    path.write_text("Nr.;2018;Realiseret 2018\nS01;174.000;29\n", encoding="utf-8")
    out = ok(store_cli("import", str(path), "--unit", "kr", "--dry-run")).stdout
    assert "S01 potentiale 2018: 100.000 kr. → 174.000 kr. (+74.000 kr.)" in out
    assert "S01 realiseret 2018: (intet) → 29 kr. (+29 kr.)" in out
