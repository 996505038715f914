"""The decision a stage move rests on ("Chefgruppemøde 2, 12.03.2018"), through the
real CLI: ``hypothesis set|add|drop --decision``, a ``Beslutning`` column in the
catalogue import, ``parat batch``; kept with the move and shown in ``history``,
``hypothesis show``, ``parat diff`` and Siden sidst of the exports (``decision`` in
JSON)."""

import json
from pathlib import Path
from typing import Any

import pytest

from tests.cli.conftest import Refuse, rows
from tests.cli.test_catalogue_import import excel
from tests.exports.readback import md_tables

DECISION = "Chefgruppemøde 2, 12.03.2018"
#: The meeting (the snapshot) and the changes after it, on the tests' day.
MEETING, LATER = "2018-03-12T09:30:00Z", "2018-03-12T11:00:00Z"


@pytest.fixture
def at(monkeypatch: pytest.MonkeyPatch, ok: Any) -> Any:
    """Run a call that must succeed, at a moment."""

    def run(now: str, *args: str) -> Any:
        monkeypatch.setenv("PARAT_NOW", now)
        return ok(*args)

    return run


@pytest.fixture
def meeting(programme: Path, at: Any) -> Path:
    """The small programme with a snapshot: the meeting."""
    at(MEETING, "snapshot", "add", "Chefgruppemøde 1")
    return programme


def test_a_stage_move_carries_its_decision_to_history_diff_and_export(
    meeting: Path, at: Any, ok_json: Any, cli: Any
) -> None:
    at(LATER, "hypothesis", "set", "H01", "--stage", "decided", "--decision", DECISION)
    at(LATER, "hypothesis", "add", "H04", "--title", "Fælles vagtcentral", "--stage", "decided",
       "--decision", "Byrådet 08.10.2015, pkt. 12")  # fmt: skip
    at(LATER, "hypothesis", "drop", "H03", "--note", "Indgår i H01", "--decision", DECISION)
    assert rows(meeting, "SELECT subject, field, decision FROM event WHERE decision <> ''") == [
        ("H01", "stage", DECISION),
        ("H04", "", "Byrådet 08.10.2015, pkt. 12"),
        ("H03", "stage", DECISION),
    ]

    log = ok_json("history", "H01", "--json")
    assert (log[0]["field"], log[0]["decision"]) == ("stage", DECISION)
    assert all(e["decision"] == "" for e in log[1:])
    text = cli("--lang", "da", "history", "H01").stdout.splitlines()[0]
    assert text.endswith(f"Fase: Kvantificeret → Besluttet  – beslutning: {DECISION}"), text
    assert f"decision: {DECISION}" in cli("history", "H01").stdout  # English
    assert f"[beslutning: {DECISION}]" in cli("--lang", "da", "hypothesis", "show", "H01").stdout

    moves = {m["code"]: m for m in ok_json("diff", "--since", "Chefgruppemøde 1", "--json")[
        "stage_moves"]}  # fmt: skip
    assert (moves["H01"]["decision"], moves["H01"]["note"]) == (DECISION, "")
    assert moves["H04"]["decision"] == "Byrådet 08.10.2015, pkt. 12"  # new: from its adding
    assert (moves["H03"]["decision"], moves["H03"]["note"]) == (DECISION, "Indgår i H01")
    diff_text = cli("--lang", "da", "diff", "--since", "Chefgruppemøde 1").stdout
    assert f"Kvantificeret → Besluttet  (tester, 12.03.2018 12:00) – beslutning: {DECISION}" in (
        diff_text
    )

    md = cli("--lang", "da", "export", "--format", "md", "--since", "Chefgruppemøde 1").stdout
    table = next(t for t in md_tables(md) if t[0][:2] == ["Kode", "Titel"] and "Fra" in t[0])
    assert table[0] == ["Kode", "Titel", "Fra", "Til", "Dato", "Hvem", "Beslutning", "Note"]
    by_code = {r[0]: r for r in table[1:]}
    assert by_code["H01"][6:] == [DECISION, ""]
    assert by_code["H03"][6:] == [DECISION, "Indgår i H01"]
    assert by_code["H04"][2:7] == ["(ny)", "Besluttet", "12.03.2018", "tester",
                                   "Byrådet 08.10.2015, pkt. 12"]  # fmt: skip
    data = json.loads(cli("export", "--format", "json", "--since", "Chefgruppemøde 1").stdout)
    assert {m["code"]: m["decision"] for m in data["diff"]["stage_moves"]}["H01"] == DECISION


def test_a_decision_without_a_move_or_too_long_is_refused(
    meeting: Path, refuse: Refuse, ok: Any
) -> None:
    line = refuse("hypothesis", "set", "H01", "--decision", DECISION).stderr
    assert "a decision goes with a stage move" in line and "--stage" in line
    danish = refuse("--lang", "da", "hypothesis", "set", "H01", "--title", "Ny",
                    "--decision", DECISION).stderr  # fmt: skip
    assert danish == (
        "parat: En beslutning hører til et faseskift: angiv den fase, H01 flyttes til (--stage).\n"
    )
    refuse("hypothesis", "set", "H01", "--stage", "decided", "--decision", "x" * 201)
    refuse("hypothesis", "set", "H01", "--stage", "decided", "--decision", "møde\nfalsk linje")
    # A move to the stage it has already: nothing changes, so no decision is recorded.
    ok("hypothesis", "set", "H01", "--stage", "quantified", "--decision", DECISION)
    assert rows(meeting, "SELECT count(*) FROM event WHERE decision <> ''") == [(0,)]


def test_the_catalogue_import_takes_a_decision_column(
    meeting: Path, tmp_path: Path, at: Any, ok_json: Any, cli: Any, refuse: Refuse
) -> None:
    path = excel(
        tmp_path,
        "Nr.;Forslag;Fase;Beslutning",
        f"H01;Digital post;Besluttet;{DECISION}",
        "H05;Ny kantineordning;Besluttet;Byrådet 08.10.2015, pkt. 12",
        "H02;Færre vikarer;Identificeret;",
    )
    at(LATER, "import", str(path))
    moves = {m["code"]: m for m in ok_json("diff", "--since", "Chefgruppemøde 1", "--json")[
        "stage_moves"]}  # fmt: skip
    assert moves["H01"]["decision"] == DECISION
    assert moves["H05"]["decision"] == "Byrådet 08.10.2015, pkt. 12"  # added by the file
    assert "H02" not in moves  # its stage did not change
    assert rows(meeting, "SELECT count(*) FROM event WHERE decision <> ''") == [(2,)]
    # The same file again moves nothing, so it records no decision either.
    at(LATER, "import", str(path))
    assert rows(meeting, "SELECT count(*) FROM event WHERE decision <> ''") == [(2,)]

    # A decision needs a stage to rest on: the row and column are named.
    bad = excel(tmp_path, "Nr.;Forslag;Beslutning", f"H02;Færre vikarer;{DECISION}", name="b.csv")
    result = cli("import", str(bad))
    assert result.exit_code == 1
    assert "row 2, column decision: a decision goes with a stage" in result.stderr


def test_batch_lines_take_a_decision(meeting: Path, cli: Any) -> None:
    line = {"cmd": "hypothesis.set", "code": "H02", "stage": "decided", "decision": DECISION}
    lines = json.dumps(line) + "\n"
    from typer.testing import CliRunner

    from tracker.cli import app

    out = CliRunner().invoke(app, ["--db", str(meeting), "batch"], input=lines)
    assert out.exit_code == 0, out.stdout
    assert rows(meeting, "SELECT subject, decision FROM event WHERE decision <> ''") == [
        ("H02", DECISION)
    ]
