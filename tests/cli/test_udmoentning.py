"""Udmøntning through the real CLI: cuts of named rammer for named years, the measure
budgeted_kr per hypothesis, bucket (both allocation modes, hand-computed), total and
year, and the three warnings appearing and clearing."""

from pathlib import Path
from typing import Any

import pytest

from tests.cli.conftest import dump, rows

DECISION = "Byrådet 08.10.2015, pkt. 12"


def _warnings(ok_json: Any) -> list[tuple[str, str | None, str]]:
    return [(w["code"], w["hypothesis"], w["message"]) for w in ok_json("status", "--json")
            ["warnings"] if w["code"].startswith(("decided-", "budgeted-"))]  # fmt: skip


@pytest.fixture
def decided(programme: Path, ok: Any) -> Path:
    """H01 decided (4,5 mio. in 2018, earmarked driftsbalance), H02 decided (60 mio.,
    demografi), H03 identified; a frigjort-tid H04 decided (it is not cut)."""
    ok("hypothesis", "set", "H01", "--stage", "decided")
    ok("hypothesis", "set", "H02", "--stage", "decided", "--bucket", "demografi")
    ok("figure", "set", "H02", "2018", "--potential", "60")
    ok("hypothesis", "add", "H04", "--title", "Frigjort tid", "--owner", "Ida",
       "--stage", "decided", "--type", "frigjort_tid")  # fmt: skip
    ok("figure", "set", "H04", "2018", "--potential", "2")
    return programme


def test_no_rammer_no_udmoentning_warning(decided: Path, ok_json: Any) -> None:
    """A programme that does not follow its gains into the budget is not told about it."""
    assert _warnings(ok_json) == []
    status = ok_json("status", "--json")
    assert status["programme"]["has_rammer"] is False
    assert status["totals"]["budgeted_kr"] == 0


def test_cuts_budgeted_and_the_warnings_appear_and_clear(
    decided: Path, ok: Any, ok_json: Any
) -> None:
    ok("ramme", "add", "kd", "--name", "Kommunaldirektøren")
    ok("ramme", "add", "aeldre", "--name", "Ældreområdet")
    # decided, cash, a 2018 potential and nothing udmøntet: H01 and H02; not H04
    assert _warnings(ok_json) == [
        ("decided-not-budgeted", "H01", "H01 er besluttet, men intet er udmøntet for 2018"),
        ("decided-not-budgeted", "H02", "H02 er besluttet, men intet er udmøntet for 2018"),
    ]
    version = ok_json("hypothesis", "show", "H01", "--json")["version"]
    done = ok("budget", "cut", "H01", "--ramme", "kd", "--year", "2018", "--amount", "3",
              "--decision", DECISION, "--expect-version", str(version)).stdout  # fmt: skip
    assert done == f"H01: 3,0 mio. kr. cut from ramme kd for 2018 ({DECISION}).\n"
    assert ok_json("hypothesis", "show", "H01", "--json")["version"] == version + 1
    ok("budget", "cut", "H01", "--ramme", "aeldre", "--year", "2018", "--amount", "1.500 tkr",
       "--decision", DECISION)  # fmt: skip
    ok("budget", "cut", "H02", "--ramme", "kd", "--year", "2018", "--amount", "55",
       "--decision", DECISION)  # fmt: skip
    ok("budget", "cut", "H02", "--ramme", "kd", "--year", "2017", "--amount", "10",
       "--decision", DECISION)  # fmt: skip
    ok("budget", "cut", "H03", "--ramme", "aeldre", "--year", "2018", "--amount", "0,5",
       "--decision", "Forhåndsudmøntet")  # fmt: skip
    assert _warnings(ok_json) == [
        ("budgeted-above-potential", "H02",
         "H02: udmøntet 10,0 mio. kr. over potentialet 0,0 mio. kr. i 2017"),
        ("budgeted-above-potential", "H03",
         "H03: udmøntet 0,5 mio. kr. over potentialet 0,0 mio. kr. i 2018"),
        ("budgeted-not-decided", "H03",
         "H03 er udmøntet, men er endnu ikke besluttet (identificeret)"),
    ]  # fmt: skip
    status = ok_json("status", "--json")
    by_code = {h["code"]: h["budgeted_kr"] for h in status["hypotheses"]}
    assert by_code == {"H01": 4_500_000, "H02": 55_000_000, "H03": 500_000, "H04": 0}
    assert status["totals"]["budgeted_kr"] == 60_000_000
    years = {y["year"]: y["budgeted_kr"] for y in status["years"]}
    assert years == {2015: 0, 2016: 0, 2017: 10_000_000, 2018: 60_000_000}
    # between decided and realised, in every JSON object that has both
    keys = list(status["totals"])
    assert keys.index("budgeted_kr") == keys.index("decided_kr") + 1
    assert keys.index("realised_kr") == keys.index("budgeted_kr") + 1

    # waterfall: the 60 mio. fill driftsbalance (50) first, then demografi (the rest)
    buckets = {b["key"]: b["budgeted_kr"] for b in status["buckets"]}
    assert buckets == {"driftsbalance": 50_000_000, "demografi": 10_000_000, "politisk": 0}
    assert (status["surplus"]["budgeted_kr"], status["unassigned"]["budgeted_kr"]) == (0, 0)
    # earmarked: each bucket its hypotheses' cuts; H03 has no earmark
    ok("programme", "set", "--allocation", "earmarked")
    status = ok_json("status", "--json")
    buckets = {b["key"]: b["budgeted_kr"] for b in status["buckets"]}
    assert buckets == {"driftsbalance": 4_500_000, "demografi": 55_000_000, "politisk": 0}
    assert (status["surplus"]["budgeted_kr"], status["unassigned"]["budgeted_kr"]) == (
        0,
        500_000,
    )

    # the warnings clear as the cuts are put right
    ok("budget", "uncut", "H03", "--ramme", "aeldre", "--year", "2018", "--note", "For tidligt")
    ok("budget", "uncut", "H02", "--ramme", "kd", "--year", "2017")
    assert _warnings(ok_json) == []
    cuts = ok_json("budget", "cuts", "--json")
    assert [(c["code"], c["ramme"], c["year"], c["amount_kr"]) for c in cuts] == [
        ("H01", "aeldre", 2018, 1_500_000),
        ("H01", "kd", 2018, 3_000_000),
        ("H02", "kd", 2018, 55_000_000),
    ]
    assert cuts[1]["decision"] == DECISION and cuts[1]["actor"] == "tester"
    assert [c["ramme"] for c in ok_json("budget", "cuts", "H01", "--json")] == ["aeldre", "kd"]
    # the follow-up shows the cuts on each ramme, positive in JSON
    report = ok_json("budget", "report", "2018", "--json")
    assert {r["key"]: r["cuts_kr"] for r in report["rammer"]} == {
        "aeldre": 1_500_000,
        "kd": 58_000_000,
    }
    # a dropped hypothesis whose cut still stands is told of too
    ok("hypothesis", "drop", "H02", "--note", "Opgivet")
    assert _warnings(ok_json) == [
        ("budgeted-not-decided", "H02", "H02 er udmøntet, men er forkastet (forkastet)"),
    ]
    events = rows(decided, "SELECT action, subject, field, old_value, new_value, note FROM event"
                  " WHERE action LIKE 'budget.%cut' ORDER BY id")  # fmt: skip
    assert events[0] == ("budget.cut", "H01", "kd.2018", None, "3000000", DECISION)
    assert events[-1] == ("budget.uncut", "H02", "kd.2017", "10000000", None, "")
    assert ("budget.uncut", "H03", "aeldre.2018", "500000", None, "For tidligt") in events


def test_cutting_again_replaces_the_standing_cut(decided: Path, ok: Any, ok_json: Any) -> None:
    ok("ramme", "add", "kd", "--name", "Kommunaldirektøren")
    cut = ("budget", "cut", "H01", "--ramme", "kd", "--year", "2018")
    ok(*cut, "--amount", "3", "--decision", DECISION)
    assert "nothing changed" in ok(*cut, "--amount", "3", "--decision", DECISION).stdout
    ok(*cut, "--amount", "4", "--decision", "Byrådet 12.03.2018, pkt. 3")
    (standing,) = ok_json("budget", "cuts", "--json")
    assert (standing["amount_kr"], standing["decision"]) == (
        4_000_000,
        "Byrådet 12.03.2018, pkt. 3",
    )
    assert rows(decided, "SELECT old_value, new_value FROM event WHERE action = 'budget.cut'"
                " ORDER BY id") == [(None, "3000000"), ("3000000", "4000000")]  # fmt: skip


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (("--amount", "-1"), "--amount must be above 0 kr."),
        (("--amount", "0"), "--amount must be above 0 kr."),
        (("--amount", "x"), "amount: 'x' is not"),
        (("--decision", " "), "decision must not be empty"),
        (("--ramme", "nope"), "unknown ramme 'nope'"),
        (("--year", "2030"), "year 2030 is outside the programme's years 2015–2018"),
        (("--expect-version", "1"), "H01 has changed since version 1"),
    ],
)
def test_a_bad_cut_is_refused(
    decided: Path, ok: Any, refuse: Any, args: tuple[str, ...], line: str
) -> None:
    ok("ramme", "add", "kd", "--name", "Kommunaldirektøren")
    given = {"--ramme": "kd", "--year": "2018", "--amount": "1", "--decision": DECISION}
    given.update(dict(zip(args[::2], args[1::2], strict=True)))
    flat = [x for pair in given.items() for x in pair]
    code = 3 if "--expect-version" in given else 1
    result = refuse("budget", "cut", "H01", *flat, code=code)
    assert line in result.stderr, result.stderr


def test_uncut_without_a_cut_and_unknown_code(decided: Path, ok: Any, refuse: Any) -> None:
    ok("ramme", "add", "kd", "--name", "Kommunaldirektøren")
    result = refuse("budget", "uncut", "H01", "--ramme", "kd", "--year", "2018")
    assert "H01 has no cut of kd for 2018" in result.stderr
    result = refuse("budget", "cut", "H99", "--ramme", "kd", "--year", "2018", "--amount", "1",
                    "--decision", DECISION)  # fmt: skip
    assert "unknown hypothesis 'H99'" in result.stderr


def test_the_catalogue_import_writes_cuts(decided: Path, ok: Any, ok_json: Any, cli: Any,
                                          tmp_path: Path) -> None:  # fmt: skip
    ok("ramme", "add", "kd", "--name", "Kommunaldirektøren")
    before = ok_json("hypothesis", "show", "H02", "--json")["version"]
    catalogue = tmp_path / "katalog.csv"
    catalogue.write_text(
        "Nr.;Forslag;Ramme;Beslutning;Udmøntet 2018;Udmøntet 2017;Potentiale 2017\n"
        "H02;;kd;Byrådet 08.10.2015;55;;5\n"
        "H05;Ny hypotese;KD;Byrådet 08.10.2015;1,5;0,5;\n",
        encoding="utf-8",
    )
    result = ok("import", str(catalogue))
    assert result.stdout == (
        "Imported katalog.csv: 2 rows, 1 hypotheses added, 0 attribute changes, "
        "1 figure changes, 3 cut changes.\n"
    )
    # one version step for a figure and a cut of the same command
    assert ok_json("hypothesis", "show", "H02", "--json")["version"] == before + 1
    cuts = [(c["code"], c["year"], c["amount_kr"], c["decision"])
            for c in ok_json("budget", "cuts", "--json")]  # fmt: skip
    assert cuts == [
        ("H02", 2018, 55_000_000, "Byrådet 08.10.2015"),
        ("H05", 2017, 500_000, "Byrådet 08.10.2015"),
        ("H05", 2018, 1_500_000, "Byrådet 08.10.2015"),
    ]
    sources = {s for (s,) in rows(decided, "SELECT source FROM budget_cut")}
    assert sources == {"import:katalog.csv"}
    # 0 withdraws; the same amount again writes nothing
    again = tmp_path / "igen.csv"
    again.write_text("code;ramme;decision;udmøntet_2018;udmøntet_2017\n"
                     "H05;kd;Byrådet 08.10.2015;1,5;0\n", encoding="utf-8")  # fmt: skip
    assert "1 cut changes" in ok("import", str(again)).stdout
    assert [c["year"] for c in ok_json("budget", "cuts", "H05", "--json")] == [2018]


def test_the_import_errors_list_under_the_line(
    decided: Path, ok: Any, cli: Any, tmp_path: Path
) -> None:
    ok("ramme", "add", "kd", "--name", "Kommunaldirektøren")
    bad = tmp_path / "bad.csv"
    bad.write_text("code;ramme;udmøntet_2018\nH01;;4\nH02;xx;1\nH03;kd;-1\n", encoding="utf-8")
    before = dump(decided)
    result = cli("import", str(bad))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.splitlines()[0] == "parat: bad.csv: 5 errors, nothing was imported"
    assert result.stderr.splitlines()[1:] == [
        "  row 2, column decision: a cut (udmøntet) needs the decision it rests on: "
        "a decision (Beslutning) column",
        "  row 2, column ramme: a cut (udmøntet) needs the ramme it reduces",
        "  row 3, column decision: a cut (udmøntet) needs the decision it rests on: "
        "a decision (Beslutning) column",
        "  row 3, column ramme: unknown ramme 'xx' (add it with `parat ramme add`)",
        "  row 4, column udmøntet_2018: '-1' is negative: a cut (udmøntet) is the gain, a "
        "positive amount (reductions written with a minus? use --reductions-negative)",
    ]
    assert dump(decided) == before


def test_status_for_people_shows_udmoentet_once_there_are_rammer(
    decided: Path, ok: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PARAT_LANG", "da")
    assert "Udmøntet" not in ok("status").stdout
    ok("ramme", "add", "kd", "--name", "Kommunaldirektøren")
    ok("budget", "cut", "H01", "--ramme", "kd", "--year", "2018", "--amount", "3",
       "--decision", DECISION)  # fmt: skip
    lines = ok("status").stdout.splitlines()
    # realised, validated beside it, then udmøntet: the layers from the accounts up
    realised = lines.index("Realiseret                       0,0 mio. kr.")
    assert lines[realised + 1].startswith("Valideret")
    assert "Udmøntet" in lines[realised + 2]
    header = next(line for line in lines if line.startswith("Pulje "))
    assert header.split() == ["Pulje", "Mål", "Vægtet", "Besluttet", "Udmøntet", "Realiseret",
                              "Valideret", "Mangler"]  # fmt: skip
    assert any(line.startswith("Faldende driftsbalance") and "3,0 mio. kr." in line
               for line in lines)  # fmt: skip
