"""The programme's later years: the overslagsår after the target year (varig virkning).

A programme runs from its first year to its last year (default: the target year).
Figures for the later years are kept, shown in the trajectory of every surface and
time-travelled; the target-year measures do not change. A year outside the
programme's years is refused with the way to widen them. Through the real CLI, on
SQLite and PostgreSQL; the clock moves between the steps (``PARAT_NOW``).
"""

import json
from pathlib import Path
from typing import Any

import pytest

from tests.cli.conftest import no_traceback
from tests.storeutil import dump_store

YEARS_2018 = [2015, 2016, 2017, 2018]
YEARS_2021 = [2015, 2016, 2017, 2018, 2019, 2020, 2021]


@pytest.fixture
def at(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    def move(moment: str) -> None:
        monkeypatch.setenv("PARAT_NOW", moment)

    return move


def ok(result: Any) -> Any:
    assert result.exit_code == 0, (result.stdout, result.stderr)
    assert result.stderr == ""
    return result


def as_json(result: Any) -> Any:
    return json.loads(ok(result).stdout)


def refused(cli: Any, url: str, *args: str) -> str:
    """The one line of a refused call (exit 1, the data unchanged)."""
    before = dump_store(url)
    result = cli(*args)
    assert result.exit_code == 1, (result.stdout, result.stderr)
    no_traceback(result)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and result.stdout == "", result.stderr
    assert dump_store(url) == before
    line: str = lines[0]
    return line


def years(cli: Any, *args: str) -> dict[int, int]:
    """year → pipeline of the status's trajectory."""
    status = as_json(cli("status", "--json", *args))
    return {y["year"]: y["pipeline_kr"] for y in status["years"]}


def test_init_with_later_years(store_cli: Any, at: Any) -> None:
    at("2018-03-01T09:00:00Z")
    ok(store_cli("init", "--last-year", "2021"))
    shown = as_json(store_cli("programme", "show", "--json"))
    assert (shown["target_year"], shown["last_year"]) == (2018, 2021)
    assert list(years(store_cli)) == YEARS_2021
    assert "Years:      2015–2021" in ok(store_cli("programme", "show")).stdout


def test_a_last_year_before_the_target_year_is_refused(store_cli: Any, store_url: str) -> None:
    ok(store_cli("init"))
    assert refused(store_cli, store_url, "programme", "set", "--last-year", "2017") == (
        "parat: last year 2017 is before the target year 2018"
    )


def test_later_years_are_kept_shown_and_time_travelled(store_cli: Any, store_url: str, at: Any):
    at("2018-03-01T09:00:00Z")
    ok(store_cli("init"))
    ok(store_cli("hypothesis", "add", "H01", "--title", "Indkøb", "--stage", "decided"))
    ok(store_cli("figure", "set", "H01", "2018", "--potential", "4"))
    at("2018-03-02T09:00:00Z")
    # before the years are widened, a later year is refused with the way to widen them
    assert refused(store_cli, store_url, "figure", "set", "H01", "2021", "--potential", "5") == (
        "parat: year 2021 is outside the programme's years 2015–2018 "
        "(widen them with `parat programme set --last-year 2021`)"
    )
    before = as_json(store_cli("status", "--json"))
    ok(store_cli("programme", "set", "--last-year", "2021", "--note", "overslagsår"))
    at("2018-03-03T09:00:00Z")
    ok(store_cli("figure", "set", "H01", "2019", "--potential", "4,5"))
    ok(store_cli("figure", "set", "H01", "2021", "--potential", "5", "--investment", "0,25"))
    at("2018-03-04T09:00:00Z")

    now = as_json(store_cli("status", "--json"))
    trajectory = {y["year"]: y for y in now["years"]}
    assert list(trajectory) == YEARS_2021
    assert trajectory[2019]["pipeline_kr"] == 4_500_000
    assert trajectory[2020]["pipeline_kr"] == 0
    assert (trajectory[2021]["pipeline_kr"], trajectory[2021]["net_kr"]) == (5_000_000, 4_750_000)
    # the target-year measures are those of before
    for key in ("pipeline_kr", "weighted_kr", "decided_kr", "realised_kr", "gap_kr"):
        assert now["totals"][key] == before["totals"][key], key
    assert now["programme"]["last_year"] == 2021
    text = ok(store_cli("status")).stdout
    assert "2021" in text and "5,0 mio. kr." in text
    figures = as_json(store_cli("hypothesis", "show", "H01", "--json"))["figures"]
    assert [(f["year"], f["potential_kr"]) for f in figures] == [
        (2018, 4_000_000),
        (2019, 4_500_000),
        (2021, 5_000_000),
    ]

    # as of before the change: the years of then; in between: no later figures yet
    assert list(years(store_cli, "--as-of", "2018-03-01T12:00:00Z")) == YEARS_2018
    between = years(store_cli, "--as-of", "2018-03-02T12:00:00Z")
    assert list(between) == YEARS_2021 and between[2021] == 0
    history = ok(store_cli("history")).stdout
    assert "last_year: 2018 → 2021" in history


def test_shrinking_the_years_below_figures_is_refused(
    store_cli: Any, store_url: str, at: Any
) -> None:
    at("2018-03-01T09:00:00Z")
    ok(store_cli("init", "--last-year", "2021"))
    ok(store_cli("hypothesis", "add", "H01", "--title", "Indkøb"))
    ok(store_cli("figure", "set", "H01", "2020", "--potential", "1"))
    ok(store_cli("figure", "set", "H01", "2021", "--potential", "1", "--realised", "0,5"))
    assert refused(store_cli, store_url, "programme", "set", "--last-year", "2019") == (
        "parat: --last-year 2019 would hide 3 figures for 2020–2021: "
        "set them to 0 first, or keep the last year"
    )
    # figures set to 0 hide nothing: then the years may shrink
    ok(store_cli("figure", "set", "H01", "2021", "--potential", "0", "--realised", "0"))
    assert refused(store_cli, store_url, "programme", "set", "--last-year", "2019") == (
        "parat: --last-year 2019 would hide 1 figure for 2020–2021: "
        "set them to 0 first, or keep the last year"
    )
    ok(store_cli("programme", "set", "--last-year", "2020"))
    assert list(years(store_cli)) == [*YEARS_2018, 2019, 2020]


def test_undo_takes_the_last_year_back(store_cli: Any, at: Any) -> None:
    at("2018-03-01T09:00:00Z")
    ok(store_cli("init"))
    at("2018-03-02T09:00:00Z")
    ok(store_cli("programme", "set", "--last-year", "2020"))
    assert list(years(store_cli)) == [*YEARS_2018, 2019, 2020]
    at("2018-03-03T09:00:00Z")
    ok(store_cli("undo"))
    assert list(years(store_cli)) == YEARS_2018


def test_a_later_target_year_takes_the_last_year_along(store_cli: Any, at: Any) -> None:
    at("2018-03-01T09:00:00Z")
    ok(store_cli("init"))
    ok(store_cli("programme", "set", "--target-year", "2019"))
    shown = as_json(store_cli("programme", "show", "--json"))
    assert (shown["target_year"], shown["last_year"]) == (2019, 2019)
    ok(store_cli("programme", "set", "--target-year", "2018"))
    shown = as_json(store_cli("programme", "show", "--json"))
    assert (shown["target_year"], shown["last_year"]) == (2018, 2019)  # nothing hidden


def catalogue(tmp_path: Path) -> Path:
    """A municipality's savings catalogue as Danish Excel saves it: cp1252, ``;``,
    CRLF, kroner with thousands points, a budget year and three overslagsår."""
    lines = (
        "Nr.;Forslag;Område;2018;2019;2020;2021",
        "S01;Færre vikarer;Børne- og Skoleudvalget;1.080.000;1.080.000;1.080.000;1.080.000",
        "S02;Lukning af én daginstitution;Social- og Ældreudvalget;174.000;450.000;452.500;452.501",
    )
    path = tmp_path / "katalog.csv"
    path.write_bytes("\r\n".join(lines).encode("cp1252") + b"\r\n")
    return path


def test_a_real_catalogue_imports_its_later_years_to_the_krone(
    store_cli: Any, store_url: str, tmp_path: Path, at: Any
) -> None:
    at("2018-03-01T09:00:00Z")
    ok(store_cli("init"))
    path = catalogue(tmp_path)
    before = dump_store(store_url)
    result = store_cli("import", str(path), "--unit", "kr")
    assert result.exit_code == 1 and dump_store(store_url) == before
    lines = result.stderr.splitlines()
    assert lines[0] == "parat: katalog.csv: 3 errors, nothing was imported"
    assert lines[1] == (
        "  row 1, column 2019: 2019 is outside the programme's years 2015–2018 "
        "(widen them with `parat programme set --last-year 2019`, "
        "or leave it out with --skip-column 2019)"
    )

    ok(store_cli("programme", "set", "--last-year", "2021"))
    dry = ok(store_cli("import", str(path), "--unit", "kr", "--dry-run")).stdout
    assert "S02 potential 2018: (nothing) → 174.000 kr. (+174.000 kr.)" in dry
    assert "S02 potential 2021: (nothing) → 452.501 kr. (+452.501 kr.)" in dry
    assert dump_store(store_url) == dump_store(store_url)  # the dry run wrote nothing
    ok(store_cli("import", str(path), "--unit", "kr"))
    for code, expected in (
        ("S01", {2018: 1_080_000, 2019: 1_080_000, 2020: 1_080_000, 2021: 1_080_000}),
        ("S02", {2018: 174_000, 2019: 450_000, 2020: 452_500, 2021: 452_501}),
    ):
        shown = as_json(store_cli("hypothesis", "show", code, "--json"))
        assert {f["year"]: f["potential_kr"] for f in shown["figures"]} == expected
    assert as_json(store_cli("status", "--json"))["totals"]["pipeline_kr"] == 1_254_000
    assert years(store_cli)[2021] == 1_532_501


@pytest.mark.parametrize("fmt", ["md", "html", "csv", "json"])
def test_every_text_export_shows_the_later_years(
    store_cli: Any, tmp_path: Path, fmt: str, at: Any
) -> None:
    at("2018-03-01T09:00:00Z")
    ok(store_cli("init", "--last-year", "2021"))
    ok(store_cli("hypothesis", "add", "H01", "--title", "Indkøb"))
    ok(store_cli("figure", "set", "H01", "2021", "--potential", "7,25"))
    text = ok(store_cli("export", "--format", fmt)).stdout
    if fmt == "json":
        status = json.loads(text)
        assert [y["year"] for y in status["years"]][-1] == 2021
        assert status["years"][-1]["pipeline_kr"] == 7_250_000
    elif fmt == "csv":
        header, row = text.lstrip("\ufeff").splitlines()[:2]
        columns = header.split(";")
        assert columns[-3:] == ["potential_2021", "realised_2021", "investment_2021"]
        assert row.split(";")[columns.index("potential_2021")] == "7,25"
    elif fmt == "md":
        assert "| 2021 | 7,3 |" in text
    else:
        assert "<td>2021</td>" in text and "7,3" in text


def test_the_spreadsheet_and_the_pdf_show_the_later_years(
    store_cli: Any, tmp_path: Path, at: Any
) -> None:
    import openpyxl
    from pypdf import PdfReader

    at("2018-03-01T09:00:00Z")
    ok(store_cli("init", "--last-year", "2020"))
    ok(store_cli("hypothesis", "add", "H01", "--title", "Indkøb"))
    ok(store_cli("figure", "set", "H01", "2020", "--potential", "3"))
    xlsx, pdf = tmp_path / "s.xlsx", tmp_path / "s.pdf"
    ok(store_cli("export", "--format", "xlsx", "--output", str(xlsx)))
    ok(store_cli("export", "--format", "pdf", "--output", str(pdf)))
    wb = openpyxl.load_workbook(xlsx)
    # the suite reads English: the sheets are named in it (Danish: År, Hypoteser)
    *trajectory, total = [row for row in wb["Year"].iter_rows(min_row=2, values_only=True)]
    assert [row[0] for row in trajectory] == [*YEARS_2018, 2019, 2020]
    assert total[:2] == ("Total", 3_000_000)
    assert trajectory[-1][1] == 3_000_000
    titles = [c.value for c in wb["Hypotheses"][1]]
    assert "Potential 2020" in " ".join(str(t) for t in titles)
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "2020" in text and "3,0" in text
