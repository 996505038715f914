"""Rammer, budget figures and the follow-up through the real CLI: the source document's
2014 table to the krone, the signs, the grouping, a figure not given, the refusals."""

import json
from pathlib import Path
from typing import Any

import pytest

from tests.cli.conftest import rows

#: The source document's 2014 follow-up of Direktion og Sekretariater as a finance
#: officer would type it (mio. kr. unless a unit; supplementary and carried signed as
#: in the budget). Deviations to the original budget: −25,6; +0,2; +0,4; −3,1;
#: +0,029; +0,1 mio. kr.
TABLE_2014: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("kd", "Kommunaldirektøren",
     ("--original", "30", "--supplementary", "-29,7", "--carried", "0,5", "--actual", "4,4")),
    ("udv", "Udviklingssekretariatet",
     ("--original", "3", "--supplementary", "0,2", "--actual", "3,2")),
    ("sdir", "SDIR – Sekretariatet og ledere",
     ("--original", "5", "--supplementary", "600 tkr", "--actual", "5,4")),
    ("dig", "Digitalisering og effektiviseringsteam",
     ("--original", "3,1", "--supplementary", "-3,1", "--actual", "0")),
    ("tdir", "TDIR Centerchefer med videre",
     ("--original", "2", "--supplementary", "229 tkr", "--actual", "2.029.000 kr")),
    ("cbs", "Direktør for CBS, JOB med videre",
     ("--original", "3,531", "--supplementary", "0,2", "--actual", "3,631")),
)  # fmt: skip


def build_2014(ok: Any) -> None:
    """The six rammer under Økonomiudvalget and their 2014 figures, through the CLI."""
    for key, name, figures in TABLE_2014:
        ok("ramme", "add", key, "--name", name, "--udvalg", "Økonomiudvalget")
        ok("budget", "set", key, "2014", *figures, "--note", "Regnskab 2014")


@pytest.fixture
def table_2014(programme: Path, ok: Any) -> Path:
    build_2014(ok)
    return programme


def test_the_2014_follow_up_to_the_krone(table_2014: Path, ok_json: Any) -> None:
    report = ok_json("budget", "report", "2014", "--json")
    assert report["year"] == 2014
    lines = {r["key"]: r for r in report["rammer"]}
    assert {k: r["deviation_original_kr"] for k, r in lines.items()} == {
        "cbs": 100_000, "dig": -3_100_000, "kd": -25_600_000, "sdir": 400_000,
        "tdir": 29_000, "udv": 200_000,
    }  # fmt: skip
    assert lines["kd"] == {
        "key": "kd",
        "name": "Kommunaldirektøren",
        "udvalg": "Økonomiudvalget",
        "serviceramme": True,
        "original_kr": 30_000_000,
        "supplementary_kr": -29_700_000,
        "carried_kr": 500_000,
        "corrected_kr": 800_000,
        "actual_kr": 4_400_000,
        "forecast_kr": None,
        "deviation_kr": 3_600_000,  # merforbrug 3,6 to korrigeret, as the text says
        "deviation_original_kr": -25_600_000,
        "cuts_kr": 0,
    }
    assert lines["udv"]["carried_kr"] is None  # not given: null in the line
    totals = report["totals"]
    # computed from the lines, a figure not given counting 0
    for key in totals:
        assert totals[key] == sum(r[key] or 0 for r in report["rammer"]), key
    assert totals == {
        "original_kr": 46_631_000,  # printed as 46,6
        "supplementary_kr": -31_571_000,
        "carried_kr": 500_000,
        "corrected_kr": 15_560_000,  # printed as 15,6
        "actual_kr": 18_660_000,  # printed as 18,7
        "forecast_kr": 0,
        "deviation_kr": 3_100_000,  # merforbrug 3,1 to korrigeret
        "deviation_original_kr": -27_971_000,  # not 46,6 − 18,7 = 27,9, nor the text's 27,8
        "cuts_kr": 0,
    }


def test_the_2014_follow_up_for_people(
    table_2014: Path, ok: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PARAT_LANG", "da")
    text = ok("budget", "report", "2014").stdout
    lines = text.splitlines()
    assert lines[0] == "Budgetopfølgning 2014"
    assert lines[1] == "Beløb i mio. kr."
    # every amount exactly as given: 0,029 is not rounded away, nor the total's 27,971
    kd = next(line for line in lines if "Kommunaldirektøren" in line).split()
    assert kd[-7:] == ["30,000", "-29,700", "0,500", "0,800", "4,400", "+3,600", "-25,600"]
    tdir = next(line for line in lines if "TDIR" in line).split()
    assert tdir[-2:] == ["-0,200", "+0,029"]
    total = next(line for line in lines if line.startswith("I alt")).split()
    assert total[2:] == ["46,631", "-31,571", "0,500", "15,560", "18,660", "+3,100", "-27,971"]
    assert lines[-1] == "Minus angiver mindreforbrug, plus merforbrug."
    # one udvalg: no subtotal that repeats the total
    assert sum(1 for line in lines if "I alt" in line) == 1


def test_groups_by_udvalg_inside_and_outside_the_serviceramme(
    table_2014: Path, ok: Any, ok_json: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok("ramme", "add", "bolig", "--name", "Boligstøtte", "--udvalg", "Social",
       "--ikke-serviceramme")  # fmt: skip
    ok("budget", "set", "bolig", "2014", "--original", "-12", "--forecast", "-12,5")
    ok("ramme", "add", "vej", "--name", "Veje", "--udvalg", "Teknik")
    report = ok_json("budget", "report", "2014", "--json")
    assert [r["key"] for r in report["rammer"]] == [
        "vej", "cbs", "dig", "kd", "sdir", "tdir", "udv", "bolig",
    ]  # fmt: skip
    bolig = report["rammer"][-1]
    # an income is minus; a forecast stands in for the missing actual
    assert (bolig["serviceramme"], bolig["corrected_kr"], bolig["deviation_kr"]) == (
        False,
        -12_000_000,
        -500_000,
    )
    assert report["totals"]["deviation_original_kr"] == -27_971_000 - 500_000
    assert report["totals"]["forecast_kr"] == -12_500_000
    monkeypatch.setenv("PARAT_LANG", "da")
    text = ok("budget", "report", "2014").stdout
    order = [
        "Inden for servicerammen", "Teknik", "Veje", "I alt Teknik", "Økonomiudvalget",
        "I alt Økonomiudvalget", "I alt inden for servicerammen", "Uden for servicerammen",
        "Social", "Boligstøtte", "I alt uden for servicerammen",
    ]  # fmt: skip
    positions = [next(i for i, line in enumerate(text.splitlines())
                      if line.strip().startswith(label)) for label in order]  # fmt: skip
    assert positions == sorted(positions)
    assert "I alt Social" not in text  # a side's only udvalg: its subtotal is the side's
    assert text.rstrip().endswith("Minus angiver mindreforbrug, plus merforbrug.")


def test_ramme_list_and_set(programme: Path, ok: Any, ok_json: Any) -> None:
    ok("ramme", "add", "KD", "--name", "Kommunaldirektøren")
    assert ok(
        "ramme", "set", "kd", "--udvalg", "Økonomiudvalget", "--ikke-serviceramme"
    ).stdout == ("Ramme kd: Kommunaldirektøren, outside the serviceramme.\n")
    assert ok_json("ramme", "list", "--json") == [
        {"key": "kd", "name": "Kommunaldirektøren", "udvalg": "Økonomiudvalget",
         "serviceramme": False}
    ]  # fmt: skip
    assert "nothing changed" in ok("ramme", "set", "kd", "--ikke-serviceramme").stdout
    events = rows(programme, "SELECT action, subject, field, old_value, new_value FROM event "
                  "WHERE action LIKE 'ramme.%' ORDER BY id")  # fmt: skip
    assert events[1:] == [
        ("ramme.set", "kd", "udvalg", "", "Økonomiudvalget"),
        ("ramme.set", "kd", "serviceramme", "true", "false"),
    ]


def test_budget_set_writes_only_changes_and_clears(table_2014: Path, ok: Any, ok_json: Any) -> None:
    before = rows(table_2014, "SELECT count(*) FROM budget_figure")[0][0]
    assert "nothing changed" in ok("budget", "set", "kd", "2014", "--original", "30").stdout
    assert rows(table_2014, "SELECT count(*) FROM budget_figure")[0][0] == before
    ok("budget", "set", "kd", "2014", "--forecast", "5", "--clear", "actual")
    kd = next(r for r in ok_json("budget", "report", "2014", "--json")["rammer"]
              if r["key"] == "kd")  # fmt: skip
    assert (kd["actual_kr"], kd["forecast_kr"], kd["deviation_kr"]) == (None, 5_000_000, 4_200_000)
    assert rows(
        table_2014,
        "SELECT kind, amount_kr FROM budget_figure WHERE id > (SELECT max(id) - 2 FROM "
        "budget_figure) ORDER BY id",
    ) == [("actual", None), ("forecast", 5_000_000)]


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (("budget", "set", "nope", "2014", "--original", "1"), "unknown ramme 'nope'"),
        (("budget", "set", "kd", "2014", "--original", "abc"), "original: 'abc' is not"),
        (("budget", "set", "kd", "2014", "--actual", "1,0000001"), "actual:"),
        (("budget", "set", "kd", "2014"), "give at least one of --original"),
        (("budget", "set", "kd", "2014", "--actual", "1", "--clear", "actual"),
         "--actual is both given and cleared"),
        (("budget", "set", "kd", "2014", "--clear", "tillæg"), "unknown budget figure 'tillæg'"),
        (("ramme", "add", "kd", "--name", "Igen"), "ramme kd exists already"),
        (("ramme", "add", "k d", "--name", "X"), "invalid ramme key 'k d'"),
        (("ramme", "add", "ny", "--name", " "), "name must not be empty"),
        (("ramme", "set", "kd"), "nothing to change"),
        (("budget", "report", "2014", "--as-of", "2001-01-01"), "did not exist yet"),
    ],
)  # fmt: skip
def test_refused_in_one_line_and_nothing_changes(
    table_2014: Path, refuse: Any, args: tuple[str, ...], line: str
) -> None:
    result = refuse(*args)
    assert line in result.stderr, result.stderr


def test_a_year_outside_1900_2200_is_a_usage_error(table_2014: Path, refuse: Any) -> None:
    refuse("budget", "set", "kd", "1800", "--original", "1", code=2)


def test_danish_refusal(table_2014: Path, refuse: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARAT_LANG", "da")
    result = refuse("budget", "set", "nope", "2014", "--original", "1")
    assert result.stderr.startswith("parat: Rammen 'nope' findes ikke (kendte rammer: cbs, dig")


def test_budget_history_reads_as_money(
    table_2014: Path, ok: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PARAT_LANG", "da")
    log = ok("history", "--limit", "0").stdout
    assert "cbs Forbrug / regnskab 2014: (intet) → 3,631 mio. kr.  – Regnskab 2014" in log


def test_batch_forms(programme: Path, cli: Any, ok_json: Any, tmp_path: Path) -> None:
    lines = "\n".join(
        [
            '{"cmd": "ramme.add", "key": "kd", "name": "Kommunaldirektøren"}',
            '{"cmd": "ramme.set", "key": "kd", "udvalg": "Økonomiudvalget"}',
            '{"cmd": "budget.set", "ramme": "kd", "year": 2014, "original": "30 mio. kr.", '
            '"actual": 4400000, "unit": "kr"}',
            '{"cmd": "hypothesis.set", "code": "H01", "stage": "decided", "note": "BR"}',
            '{"cmd": "budget.cut", "code": "H01", "ramme": "kd", "year": 2018, '
            '"amount": "2", "decision": "Byrådet 08.10.2015, pkt. 12"}',
            '{"cmd": "budget.uncut", "code": "H01", "ramme": "kd", "year": 2018}',
            '{"cmd": "budget.set", "ramme": "kd", "year": 2014, "actual": 4.4}',
        ]
    )
    script = tmp_path / "lines.jsonl"
    script.write_text(lines, encoding="utf-8")
    out = cli("batch", str(script))
    results = [json.loads(x) for x in out.stdout.splitlines()]
    assert [r["ok"] for r in results] == [True] * 6 + [False]
    assert results[2] == {"line": 3, "ok": True, "ramme": "kd", "year": 2014, "changed": 2}
    assert results[4]["amount_kr"] == 2_000_000
    assert results[5]["withdrawn_kr"] == 2_000_000
    assert "a JSON fraction is not exact" in results[6]["error"]
    kd = ok_json("budget", "report", "2014", "--json")["rammer"][0]
    assert (kd["udvalg"], kd["original_kr"], kd["actual_kr"]) == (
        "Økonomiudvalget",
        30_000_000,
        4_400_000,
    )
