"""The spreadsheet's Hypoteser sheet shows each potential's range (Minimum, Maksimum
per year) and the benefit type, a type that does not count marked as such; the
Overblik sheet lists the non-counting types under "Øvrige gevinster"."""

import json
from pathlib import Path
from typing import Any

from tests.exports.readback import xlsx_book


def _ok(result: Any) -> Any:
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result


def _book(cli: Any, tmp_path: Path) -> Any:
    path = tmp_path / "s.xlsx"
    _ok(cli("export", "-f", "xlsx", "-o", str(path)))
    return xlsx_book(path.read_bytes())


def _sheet(book: Any) -> tuple[tuple[Any, ...], dict[str, dict[str, Any]]]:
    rows = list(book["Hypoteser"].iter_rows(values_only=True))
    header = rows[0]
    codes = [r for r in rows[1:] if r[0] not in (None, "I alt")]  # not the totals
    return header, {r[0]: dict(zip(header, r, strict=True)) for r in codes}


def test_ranges_and_types_are_in_the_hypotheses_sheet(cli: Any, tmp_path: Path) -> None:
    _ok(cli("demo", "--no-tui"))
    _ok(cli("figure", "set", "H04", "2018", "--low", "7", "--high", "12,5"))
    _ok(cli("figure", "set", "H04", "2017", "--low", "6"))
    _ok(cli("hypothesis", "set", "H02", "--type", "undgaaet"))
    header, rows = _sheet(_book(cli, tmp_path))
    p = json.loads(_ok(cli("status", "--json")).stdout)["programme"]
    for year in range(p["first_year"], p["last_year"] + 1):
        i = header.index(f"Potentiale {year}")
        assert header[i : i + 5] == tuple(
            f"{k} {year}" for k in ("Potentiale", "Realiseret", "Investering", "Minimum",
                                    "Maksimum")
        )  # fmt: skip
    h04 = rows["H04"]
    assert (h04["Potentiale 2018"], h04["Minimum 2018"], h04["Maksimum 2018"]) == (
        11_000_000,
        7_000_000,
        12_500_000,
    )
    assert (h04["Minimum 2017"], h04["Maksimum 2017"]) == (6_000_000, None)
    assert rows["H01"]["Minimum 2018"] is None  # no range: an empty cell, not 0
    assert h04["Gevinsttype"] == "Kontant gevinst (budgettet reduceres)"
    assert rows["H02"]["Gevinsttype"] == "Undgåede udgifter (tæller ikke med i målet)"


def test_without_ranges_no_range_columns(cli: Any, tmp_path: Path) -> None:
    _ok(cli("init"))
    _ok(cli("hypothesis", "add", "H01", "--title", "Indkøb"))
    _ok(cli("figure", "set", "H01", "2018", "--potential", "4,5"))
    header, rows = _sheet(_book(cli, tmp_path))
    assert not any(str(t).startswith(("Minimum", "Maksimum")) for t in header)
    assert {r["Gevinsttype"] for r in rows.values()} == {"Kontant gevinst (budgettet reduceres)"}


def test_other_benefits_are_listed_in_the_overview(cli: Any, tmp_path: Path) -> None:
    _ok(cli("demo", "--no-tui"))
    book = _book(cli, tmp_path)
    assert not any(
        r[0] == "Øvrige gevinster (tæller ikke med i målet) (mio. kr.)"
        for r in book["Overblik"].iter_rows(values_only=True)
    )
    _ok(cli("hypothesis", "set", "H02", "--type", "undgaaet"))
    _ok(cli("hypothesis", "set", "H04", "--type", "frigjort_tid"))
    status = json.loads(_ok(cli("status", "--json")).stdout)
    rows = list(_book(cli, tmp_path)["Overblik"].iter_rows(values_only=True))
    start = next(
        i
        for i, r in enumerate(rows)
        if r[0] == "Øvrige gevinster (tæller ikke med i målet) (mio. kr.)"
    )
    assert rows[start + 1][:5] == ("Gevinsttype", "Antal", "Pipeline", "Vægtet", "Hypoteser")
    want = [
        (o["label"], o["count"], o["pipeline_kr"], o["weighted_kr"])
        for o in status["other_benefits"]
        if o["count"]
    ]
    assert [r[:4] for r in rows[start + 2 : start + 4]] == want
    assert [r[4] for r in rows[start + 2 : start + 4]] == ["H02", "H04"]
    assert want[0][0] == "Undgåede udgifter" and want[0][2] > 0
