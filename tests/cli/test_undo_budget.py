"""Undo of budget events through the real CLI: a budget figure goes back to what it
was (or is cleared), a cut goes back to the cut it replaced (with its decision) or is
withdrawn, a withdrawal is cut again; an import's cuts go back with its figures, one
version step per hypothesis; a later change by someone else stops the undo."""

import json
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.cli.conftest import dump
from tests.conftest import FIXED_NOW

DECISION = "Byrådet 08.10.2015, pkt. 12"
LATER = "Byrådet 12.03.2018, pkt. 3"
CUT = ("budget", "cut", "H01", "--ramme", "kd", "--year", "2018")


@pytest.fixture
def rammer(programme: Path, ok: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """H01 decided, a ramme ``kd``; from here each call is a day after the one before
    (one undo takes back one command: the events of one moment)."""
    ok("hypothesis", "set", "H01", "--stage", "decided")
    ok("ramme", "add", "kd", "--name", "Kommunaldirektøren")
    days = iter(range(1, 1000))

    def tick(*_: object) -> None:
        monkeypatch.setenv("PARAT_NOW", (FIXED_NOW + timedelta(days=next(days))).isoformat())

    monkeypatch.setattr("tests.cli.test_undo_budget._tick", tick)
    yield programme


def _tick(*_: object) -> None:
    """Replaced by the fixture ``rammer``."""


@pytest.fixture
def ok(ok: Any) -> Any:
    def run(*args: str) -> Any:
        _tick()
        return ok(*args)

    return run


@pytest.fixture
def refuse(refuse: Any) -> Any:
    def run(*args: str, code: int = 1) -> Any:
        _tick()
        return refuse(*args, code=code)

    return run


def _line(ok_json: Any, year: int = 2014) -> dict[str, Any]:
    (line,) = ok_json("budget", "report", str(year), "--json")["rammer"]
    return dict(line)


def _cuts(ok_json: Any) -> list[tuple[str, int, int, str]]:
    return [(c["code"], c["year"], c["amount_kr"], c["decision"])
            for c in ok_json("budget", "cuts", "--json")]  # fmt: skip


def test_undo_sets_a_budget_figure_back_and_clears_a_new_one(
    rammer: Path, ok: Any, ok_json: Any
) -> None:
    ok("budget", "set", "kd", "2014", "--original", "46,6")
    first = ok_json("history", "--json", "--limit", "1")[0]["id"]
    ok("budget", "set", "kd", "2014", "--original", "50", "--actual", "18,7")
    ok("undo")
    line = _line(ok_json)
    assert (line["original_kr"], line["actual_kr"]) == (46_600_000, None)
    # the undo is itself undoable: the figures come back
    ok("undo")
    line = _line(ok_json)
    assert (line["original_kr"], line["actual_kr"]) == (50_000_000, 18_700_000)
    # the first figure, that did not exist before, is cleared once it stands again
    ok("budget", "set", "kd", "2014", "--original", "46,6")
    ok("undo", str(first))
    assert _line(ok_json)["original_kr"] is None
    assert _line(ok_json)["actual_kr"] == 18_700_000


def test_undo_of_a_cut_withdraws_it_and_undo_of_that_cuts_again(
    rammer: Path, ok: Any, ok_json: Any
) -> None:
    ok(*CUT, "--amount", "3", "--decision", DECISION)
    version = ok_json("hypothesis", "show", "H01", "--json")["version"]
    ok("undo")
    assert _cuts(ok_json) == []
    assert ok_json("status", "--json")["totals"]["budgeted_kr"] == 0
    assert ok_json("hypothesis", "show", "H01", "--json")["version"] == version + 1
    ok("undo")
    assert _cuts(ok_json) == [("H01", 2018, 3_000_000, DECISION)]


def test_undo_of_a_replacing_cut_puts_back_the_amount_and_decision(
    rammer: Path, ok: Any, ok_json: Any
) -> None:
    ok(*CUT, "--amount", "3", "--decision", DECISION)
    ok(*CUT, "--amount", "4", "--decision", LATER)
    ok("undo")
    assert _cuts(ok_json) == [("H01", 2018, 3_000_000, DECISION)]


def test_undo_of_an_uncut_brings_the_cut_back(rammer: Path, ok: Any, ok_json: Any) -> None:
    ok(*CUT, "--amount", "3", "--decision", DECISION)
    ok("budget", "uncut", "H01", "--ramme", "kd", "--year", "2018", "--note", "For tidligt")
    assert _cuts(ok_json) == []
    ok("undo")
    assert _cuts(ok_json) == [("H01", 2018, 3_000_000, DECISION)]


def test_undo_of_an_import_takes_back_its_cuts_and_figures(
    rammer: Path, ok: Any, ok_json: Any, tmp_path: Path
) -> None:
    before = ok_json("status", "--json")["totals"]
    version = ok_json("hypothesis", "show", "H02", "--json")["version"]
    catalogue = tmp_path / "katalog.csv"
    catalogue.write_text(
        "Nr.;Ramme;Beslutning;Udmøntet 2018;Potentiale 2017\n"
        "H02;kd;Byrådet 08.10.2015;1,5;5\n"
        "H01;kd;Byrådet 08.10.2015;2;\n",
        encoding="utf-8",
    )
    ok("import", str(catalogue))
    assert len(_cuts(ok_json)) == 2
    ok("undo")
    assert _cuts(ok_json) == []
    assert ok_json("status", "--json")["totals"] == before
    # one step for the import, one for its undo
    assert ok_json("hypothesis", "show", "H02", "--json")["version"] == version + 2


def test_a_later_change_by_someone_else_stops_the_undo(
    rammer: Path, ok: Any, refuse: Any, ok_json: Any
) -> None:
    ok("--actor", "anna", *CUT, "--amount", "3", "--decision", DECISION)
    ok("--actor", "bo", *CUT, "--amount", "4", "--decision", LATER)
    ok("--actor", "anna", "budget", "set", "kd", "2014", "--original", "46,6")
    ok("--actor", "bo", "budget", "set", "kd", "2014", "--original", "50")
    cuts = [e for e in ok_json("history", "--json") if e["action"] == "budget.cut"]
    sets = [e for e in ok_json("history", "--json") if e["action"] == "budget.set"]
    first_cut = min(e["id"] for e in cuts)
    first_set = min(e["id"] for e in sets)
    result = refuse("--actor", "anna", "undo", str(first_cut), code=3)
    assert f"cannot undo event #{first_cut}: H01 kd.2018 has changed since by bo" in (result.stderr)
    assert "(now 4.000.000 kr., the event set 3.000.000 kr.)" in result.stderr
    result = refuse("--actor", "anna", "undo", str(first_set), code=3)
    assert "kd original.2014 has changed since by bo" in result.stderr


def test_undo_in_danish_and_nothing_changes_when_refused(
    rammer: Path, ok: Any, cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok("--actor", "anna", *CUT, "--amount", "3", "--decision", DECISION)
    ok("--actor", "bo", *CUT, "--amount", "4", "--decision", LATER)
    before = dump(rammer)
    monkeypatch.setenv("PARAT_LANG", "da")
    history = [line for line in ok("history").stdout.splitlines() if "udmønt" in line.lower()]
    assert history, "the cuts are in the history"
    first = min(e["id"] for e in json.loads(ok("history", "--json").stdout)
                if e["action"] == "budget.cut")  # fmt: skip
    result = cli("--actor", "anna", "undo", str(first))
    assert result.exit_code == 3
    assert result.stderr.count("\n") == 1
    assert "kan ikke fortrydes" in result.stderr
    assert dump(rammer) == before


def test_a_command_that_cut_twice_is_undone_one_event_at_a_time(
    rammer: Path, ok: Any, refuse: Any, ok_json: Any, cli: Any, tmp_path: Path
) -> None:
    lines = tmp_path / "cuts.jsonl"
    cut = {"cmd": "budget.cut", "code": "H01", "ramme": "kd", "year": 2018}
    lines.write_text(
        json.dumps({**cut, "amount": "3", "decision": DECISION})
        + "\n"
        + json.dumps({**cut, "amount": "4", "decision": LATER})
        + "\n",
        encoding="utf-8",
    )
    result = cli("batch", "--atomic", str(lines))
    assert result.exit_code == 0, result.stdout
    line = refuse("undo").stderr
    assert "changed H01 kd.2018 more than once: undo them one at a time" in line
