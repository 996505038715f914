"""`parat figure set`: amounts in the money syntax, years, append-only records."""

from pathlib import Path

import pytest

from tests.cli.conftest import rows
from tests.domain.test_money import ACCEPTED, REFUSED


def _figures(ok_json, code: str) -> list[dict]:
    return ok_json("hypothesis", "show", code, "--json")["figures"]


def test_figure_set_records_and_bumps_version(programme, ok, ok_json, db_path: Path) -> None:
    result = ok("figure", "set", "H02", "2017", "--potential", "29 tkr", "--realised", "0,01",
                "--investment", "4.500 kr", "--note", "Indmeldt af området")  # fmt: skip
    assert result.stdout.strip() == "H02 2017: 3 figure(s) recorded, now version 2."
    assert _figures(ok_json, "H02") == [
        {
            "year": 2017,
            "potential_kr": 29_000,
            "realised_kr": 10_000,
            "investment_kr": 4_500,
            "low_kr": None,
            "high_kr": None,
        }
    ]
    # a second change of one kind: a new record, the old one kept (append-only)
    result = ok("figure", "set", "H02", "2017", "--potential", "30 tkr")
    assert result.stdout.strip() == "H02 2017: 1 figure(s) recorded, now version 3."
    assert rows(
        db_path,
        "SELECT amount_kr, actor, source, note FROM figure f JOIN hypothesis h "
        "ON h.id = f.hypothesis_id WHERE h.code = 'H02' AND kind = 'potential' ORDER BY f.id",
    ) == [(29_000, "tester", "cli", "Indmeldt af området"), (30_000, "tester", "cli", "")]
    events = rows(
        db_path,
        "SELECT field, old_value, new_value FROM event WHERE action = 'figure.set' "
        "AND subject = 'H02' ORDER BY id",
    )
    assert events == [
        ("potential.2017", None, "29000"),
        ("realised.2017", None, "10000"),
        ("investment.2017", None, "4500"),
        ("potential.2017", "29000", "30000"),
    ]


def test_figure_set_same_amount_changes_nothing(programme, ok, db_path: Path) -> None:
    before = rows(db_path, "SELECT count(*) FROM figure")
    result = ok("figure", "set", "H01", "2018", "--potential", "4.500.000 kr")
    assert result.stdout.strip() == "H01 2018: the figures were already so; nothing changed."
    assert rows(db_path, "SELECT count(*) FROM figure") == before


def test_figure_set_zero_without_a_previous_record_writes_nothing(programme, ok, db_path) -> None:
    ok("figure", "set", "H03", "2016", "--potential", "0")
    assert rows(db_path, "SELECT count(*) FROM figure f JOIN hypothesis h ON h.id = "
                         "f.hypothesis_id WHERE h.code = 'H03'") == [(0,)]  # fmt: skip


def test_figure_set_to_zero_after_a_value_is_recorded(programme, ok, ok_json) -> None:
    ok("figure", "set", "H01", "2018", "--potential", "0")
    assert _figures(ok_json, "H01")[0]["potential_kr"] == 0


@pytest.mark.parametrize(("text", "kroner"), ACCEPTED[:12])
def test_figure_set_accepts_the_money_table(programme, ok, ok_json, text: str, kroner: int) -> None:
    ok("figure", "set", "H02", "2016", "--potential", text, "--allow-negative")
    assert _figures(ok_json, "H02") == [
        {
            "year": 2016,
            "potential_kr": kroner,
            "realised_kr": None,
            "investment_kr": None,
            "low_kr": None,
            "high_kr": None,
        }
    ]


@pytest.mark.parametrize("text", [*REFUSED, "", "  "])
def test_figure_set_refuses_each_bad_amount(programme, refuse, text: str) -> None:
    result = refuse("figure", "set", "H01", "2018", "--potential", text)
    assert result.stderr.startswith("parat: potential: ")
    if text.strip():
        assert repr(text) in result.stderr


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["H99", "2018", "--potential", "1"], "unknown hypothesis 'H99'"),
        (
            ["H01", "2014", "--potential", "1"],
            "year 2014 is outside the programme's years 2015–2018",
        ),
        (
            ["H01", "2019", "--potential", "1"],
            "year 2019 is outside the programme's years 2015–2018 "
            "(widen them with `parat programme set --last-year 2019`)",
        ),
        (
            ["H01", "2014", "--potential", "1"],
            "(widen them with `parat programme set --first-year 2014`)",
        ),
        (["H01", "2018"], "give at least one of --potential, --realised, --investment"),
        (["H01", "2018", "--investment", "-1"], "investment cannot be negative"),
        (["H01", "2018", "--realised", "abc"], "realised: 'abc' is not an amount"),
        (["H01", "2018", "--investment", "nan"], "investment: 'nan' is not an amount"),
        # a good amount next to a bad one: neither is recorded
        (["H01", "2018", "--potential", "9", "--realised", "1e9"], "realised: '1e9'"),
        (["H01", "2018", "--potential", "9", "--note", "a\x00b"], "note contains control"),
    ],
)
def test_figure_set_refused(programme, refuse, args: list[str], fragment: str) -> None:
    result = refuse("figure", "set", *args)
    assert fragment in result.stderr


def test_negative_potential_is_refused_unless_a_loss_is_meant(
    programme, ok, ok_json, refuse
) -> None:
    result = refuse("figure", "set", "H02", "2018", "--potential", "-1,2")
    assert result.stderr == (
        "parat: --potential: -1.200.000 kr. is negative, and a gain is positive in Parat: "
        "write a saving as a positive gain (--allow-negative records a loss)\n"
    )
    # a hypothesis can turn out to cost money; -1,2 is in the money table
    ok("figure", "set", "H02", "2018", "--potential", "-1,2", "--allow-negative")
    row = next(h for h in ok_json("status", "--json")["hypotheses"] if h["code"] == "H02")
    assert (row["pipeline_kr"], row["weighted_kr"]) == (-1_200_000, -120_000)
