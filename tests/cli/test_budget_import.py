"""``parat budget import``: a budget extract (CSV, XLSX) with Parat's or Danish headings,
all or nothing, one line per problem."""

from pathlib import Path
from typing import Any

import pytest

from tests.cli.conftest import dump, rows


@pytest.fixture
def rammer(programme: Path, ok: Any) -> Path:
    ok("ramme", "add", "kd", "--name", "Kommunaldirektøren", "--udvalg", "Økonomiudvalget")
    ok("ramme", "add", "dig", "--name", "Digitalisering")
    return programme


EXTRACT = (
    "Ramme;År;Oprindeligt budget;Tillægsbevillinger og omplaceringer (net);Overførsler;"
    "Forbrug (1.000 kr.);Forventet regnskab\n"
    "KD;2014;30;-29,7;0,5;4400;\n"
    "dig;2014;3,1;-3,1;;0;\n"
    "kd;2015;31;;;;30,2\n"
)


def test_a_danish_csv_extract(rammer: Path, ok: Any, ok_json: Any, tmp_path: Path) -> None:
    path = tmp_path / "regnskab.csv"
    path.write_text(EXTRACT, encoding="utf-8")
    assert ok("budget", "import", str(path), "--dry-run").stdout == (
        "Dry run of regnskab.csv: 3 rows, 9 budget figure changes; nothing was written.\n"
    )
    assert rows(rammer, "SELECT count(*) FROM budget_figure") == [(0,)]
    assert ok("budget", "import", str(path)).stdout == (
        "Imported regnskab.csv: 3 rows, 9 budget figure changes.\n"
    )
    kd = ok_json("budget", "report", "2014", "--json")["rammer"][0]
    assert (kd["key"], kd["corrected_kr"], kd["actual_kr"], kd["deviation_original_kr"]) == (
        "kd",
        800_000,
        4_400_000,
        -25_600_000,
    )
    forecast = ok_json("budget", "report", "2015", "--json")["rammer"][0]
    assert (forecast["forecast_kr"], forecast["deviation_kr"]) == (30_200_000, -800_000)
    assert {s for (s,) in rows(rammer, "SELECT DISTINCT source FROM budget_figure")} == {
        "import:regnskab.csv"
    }
    # again: nothing changes, nothing is written
    assert "0 budget figure changes" in ok("budget", "import", str(path)).stdout


def test_an_xlsx_extract(rammer: Path, ok: Any, ok_json: Any, tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["ramme", "year", "original", "actual", "forecast"])
    sheet.append(["kd", 2014, 30, 4.4, None])  # numbers as a spreadsheet holds them
    sheet.append(["dig", 2014, 46.631, "0,029", -1.5])
    path = tmp_path / "udtræk.xlsx"
    book.save(path)
    assert "5 budget figure changes" in ok("budget", "import", str(path)).stdout
    lines = {r["key"]: r for r in ok_json("budget", "report", "2014", "--json")["rammer"]}
    assert (lines["kd"]["original_kr"], lines["kd"]["actual_kr"]) == (30_000_000, 4_400_000)
    assert (lines["dig"]["original_kr"], lines["dig"]["actual_kr"]) == (46_631_000, 29_000)
    assert lines["dig"]["forecast_kr"] == -1_500_000


def test_every_problem_is_listed_and_nothing_written(
    rammer: Path, cli: Any, tmp_path: Path
) -> None:
    path = tmp_path / "fejl.csv"
    path.write_text(
        "ramme;år;forbrug;navn\nkd;2014;abc;x\nnope;2014;1;\n;2014;1;\nkd;14;1;\nkd;2014;2;\n",
        encoding="utf-8",
    )
    before = dump(rammer)
    result = cli("budget", "import", str(path))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [
        "parat: fejl.csv: 6 errors, nothing was imported",
        "  row 1, column navn: unknown column (use ramme, year, original, supplementary, "
        "carried, actual, forecast, note, or their Danish headings: Oprindeligt budget, "
        "Tillæg…, Overførsler, Forbrug/Regnskab, Forventet regnskab)",
        "  row 2, column forbrug: 'abc' is not an amount (write for example 4,5 or 29 tkr)",
        "  row 3, column ramme: unknown ramme 'nope' (add it with `parat ramme add`)",
        "  row 4, column ramme: the ramme is missing",
        "  row 5, column år: '14' is not a year",
        "  row 6, column ramme: kd 2014 appears already in row 2",
    ]
    assert dump(rammer) == before


def test_a_file_that_is_no_workbook(rammer: Path, refuse: Any, tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    path.write_bytes(b"not a zip")
    result = refuse("budget", "import", str(path))
    assert result.stderr == "parat: x.xlsx: not a readable XLSX workbook (BadZipFile)\n"
