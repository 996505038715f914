"""Every figure in every format equals ``parat status --json`` for the same database.

Run on the hard-case programme and on the sample programme (``parat demo``)."""

import json
from pathlib import Path
from typing import Any

import pytest

from tests.exports.readback import (
    STAGE_LABELS,
    apart,
    csv_rows,
    expected_tables,
    html_tables,
    md_tables,
    n,
    pdf_text,
    xlsx_book,
)
from tracker.domain.money import format_mio, parse_amount


@pytest.fixture(params=["hard", "demo"])
def programme(request: pytest.FixtureRequest, hard_db: Path, demo_db: Path, cli: Any) -> Any:
    """(export runner, status JSON) for the hard-case and the sample programme."""
    db = hard_db if request.param == "hard" else demo_db

    def export(*args: str) -> Any:
        result = cli("export", *args, db=db)
        assert result.exit_code == 0, result.output
        return result

    status = cli("status", "--json", db=db)
    assert status.exit_code == 0
    return export, json.loads(status.stdout)


def _unescape_md(cell: str) -> str:
    for ch in "\\`*_[]|~#":
        cell = cell.replace("\\" + ch, ch)
    return cell.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def test_json_is_the_status_plus_meta(programme: Any) -> None:
    export, status = programme
    data = json.loads(export("-f", "json").stdout)
    meta = data.pop("meta")
    data.pop("budget", None)  # the follow-up beside the status: tests/exports/test_budget.py
    assert data == status
    assert meta == {
        "generated_at": "2018-03-12T09:00:00Z",
        "generated_by": "tester",
        "tool_version": "0.1.0",
    }


def test_markdown_tables_hold_the_status_figures(programme: Any) -> None:
    export, status = programme
    tables, overlaps = apart(md_tables(export("-f", "md").stdout))
    want = expected_tables(status)
    headline, buckets, stages, years, hypotheses = tables[:5]
    assert [t[1:] for t in overlaps[:1]] == (
        [want["overlap_measures"]] if status["overlaps"] else []
    )
    assert [row[:2] for row in headline[1:]] == want["headline"]
    assert buckets[1:-2] == want["buckets"]
    assert stages[1:-1] == want["stages"]
    assert years[1:-1] == want["years"]
    assert years[-1] == want["years_total"]
    got = [[_unescape_md(c) for c in row] for row in hypotheses[1:-1]]
    assert got == want["hypotheses"]
    assert hypotheses[-1][7:] == want["hypotheses_total"]
    total = status["totals"]
    keys = _measure_keys(status)
    assert buckets[-1][2 : 2 + len(keys)] == [n(total[k]) for k in keys]


def _measure_keys(status: dict[str, Any], *rest: str) -> tuple[str, ...]:
    """The measures in the tables' order: udmøntet after decided once there are rammer."""
    budgeted = ("budgeted_kr",) if status["programme"]["has_rammer"] else ()
    return (
        "pipeline_kr",
        "weighted_kr",
        "decided_kr",
        *budgeted,
        "realised_kr",
        "validated_kr",
        *rest,
    )


def test_html_tables_hold_the_status_figures(programme: Any) -> None:
    export, status = programme
    page = html_tables(export("-f", "html").stdout)
    want = expected_tables(status)
    assert [card[:2] for card in page.cards] == want["headline"]
    tables, overlaps = apart(page.tables)
    assert [t[1:] for t in overlaps[:1]] == (
        [want["overlap_measures"]] if status["overlaps"] else []
    )
    buckets, stages, years, hypotheses = tables[:4]
    width = len(want["buckets"][0]) if want["buckets"] else 8
    assert [row[:width] for row in buckets[1:-2]] == want["buckets"]
    assert [row[:5] for row in stages[1:-1]] == want["stages"]
    assert years[1:-1] == want["years"]
    assert years[-1] == want["years_total"]
    assert hypotheses[1:-1] == want["hypotheses"]
    assert hypotheses[-1][7:] == want["hypotheses_total"]
    others = [t for t in tables if t[0][0] == "Gevinsttype"]
    assert [t[1:] for t in others] == ([want["other_benefits"]] if want["other_benefits"] else [])


def test_other_benefits_are_beside_the_target_in_the_summaries(hard_db: Path, cli: Any) -> None:
    """The hard programme's H06 (frigjort tid, besluttet, 3 mio.) counts in no total and
    shows under "Øvrige gevinster", with its code."""
    status = json.loads(cli("status", "--json", db=hard_db).stdout)
    (h06,) = (h for h in status["hypotheses"] if h["code"] == "H06")
    assert (h06["benefit_type"], h06["counts"], h06["weighted_kr"]) == (
        "frigjort_tid",
        False,
        2_250_000,
    )
    assert [o for o in status["other_benefits"] if o["count"]] == [
        {
            "type": "frigjort_tid",
            "label": "Frigjort tid / kapacitet",
            "count": 1,
            "pipeline_kr": 3_000_000,
            "weighted_kr": 2_250_000,
        }
    ]
    md = cli("export", "-f", "md", db=hard_db).stdout
    section = md.split("## Øvrige gevinster (tæller ikke med i målet)")[1]
    assert md_tables(section)[0][1] == ["Frigjort tid / kapacitet", "1", "3,0", "2,3", "H06"]
    text = cli("--lang", "da", "status", db=hard_db).stdout
    assert "Øvrige gevinster (tæller ikke med i målet)" in text


def test_csv_figures_read_back_to_the_status(programme: Any) -> None:
    export, status = programme
    year = status["programme"]["target_year"]
    years = range(status["programme"]["first_year"], year + 1)
    for args, delimiter in (
        (("-f", "csv"), ";"),
        (("-f", "csv", "--csv-dialect", "excel-us"), ","),
    ):
        rows = {r["code"]: r for r in csv_rows(export(*args).stdout, delimiter)}
        assert list(rows) == [h["code"] for h in status["hypotheses"]]

        def kr(cell: str) -> int:
            return parse_amount(cell) if cell else 0  # as the importer reads it

        for h in status["hypotheses"]:
            r = rows[h["code"]]
            pipeline = 0 if h["stage"] == "dropped" else kr(r[f"potential_{year}"])
            assert pipeline == h["pipeline_kr"], h["code"]
            assert kr(r[f"realised_{year}"]) == h["realised_kr"], h["code"]
            assert sum(kr(r[f"investment_{y}"]) for y in years) == h["investment_kr"]
            assert r["stage"] == h["stage"]
            assert (r["bucket"] or None) == h["bucket"]
            assert r["title"].removeprefix("'") == h["title"]
            assert r["benefit_type"] == h["benefit_type"]
        for y in status["years"]:
            potential = sum(
                kr(rows[h["code"]][f"potential_{y['year']}"])
                for h in status["hypotheses"]
                if h["stage"] != "dropped" and h["counts"]
            )
            # the target year's row is netto: the overlaps are an amount of that year
            overlaps = status["totals"]["overlap_kr"] if y["year"] == year else 0
            assert potential == y["pipeline_kr"] + overlaps
            assert (
                sum(kr(r[f"investment_{y['year']}"]) for r in rows.values()) == y["investment_kr"]
            )


def test_xlsx_cells_hold_the_status_kroner(programme: Any) -> None:
    export, status = programme
    book = xlsx_book(_xlsx_bytes(export))
    t = status["totals"]
    rows_ = list(book["Overblik"].iter_rows(values_only=True))
    start = next(i for i, r in enumerate(rows_) if r[0] == "Nøgletal") + 2
    layer = status["programme"]["has_rammer"]
    overview = {r[0]: r[1] for r in rows_[start : start + 8 + layer]}
    assert overview["Mål"] == t["target_kr"]
    assert overview["Realiseret"] == t["realised_kr"]
    assert overview["Valideret"] == t["validated_kr"]
    assert overview["Besluttet"] == t["decided_kr"]
    assert overview["Vægtet"] == t["weighted_kr"]
    assert overview["Pipeline"] == t["pipeline_kr"]
    assert overview["Mangler"] == t["gap_kr"]
    assert overview["Investering i alt"] == t["investment_kr"]
    if layer:
        assert overview["Udmøntet"] == t["budgeted_kr"]
    keys = ("target_kr", *_measure_keys(status), "gap_kr")
    for b in status["buckets"]:
        row = next(r for r in book["Overblik"].iter_rows(values_only=True) if r[0] == b["name"])
        assert list(row[1 : 1 + len(keys)]) == [b[k] for k in keys]
    sheet = list(book["Hypoteser"].iter_rows(values_only=True))
    header = sheet[0]
    year = status["programme"]["target_year"]
    rows = {r[0]: dict(zip(header, r, strict=True)) for r in sheet[1:]}
    for h in status["hypotheses"]:
        r = rows[h["code"]]
        assert r["Titel"] == h["title"]
        assert r["Fase"] == STAGE_LABELS[h["stage"]]
        assert r["Vægt %"] == h["weight_pct"]
        assert r[f"Pipeline {year} (mio. kr.)"] == h["pipeline_kr"]
        assert r[f"Vægtet {year} (mio. kr.)"] == h["weighted_kr"]
        assert r[f"Besluttet {year} (mio. kr.)"] == h["decided_kr"]
        assert r[f"Realiseret {year} (mio. kr.)"] == h["realised_kr"]
        assert r[f"Valideret {year} (mio. kr.)"] == h["validated_kr"]
        assert r["Investering i alt (mio. kr.)"] == h["investment_kr"]
        assert r["Version"] == h["version"]
        if layer:
            assert r[f"Udmøntet {year} (mio. kr.)"] == h["budgeted_kr"]
    *years, years_total = list(book["År"].iter_rows(values_only=True))[1:]
    year_keys = ("pipeline_kr", "decided_kr", "weighted_kr", *(("budgeted_kr",) if layer else ()),
                 "realised_kr", "validated_kr", "investment_kr", "net_kr")  # fmt: skip
    assert list(years_total) == ["I alt", *(sum(y[k] for y in status["years"]) for k in year_keys)]
    # the hypotheses grouped by area: each area's subtotal row, then the programme's total
    areas: dict[str, list[Any]] = {}
    for h in status["hypotheses"]:  # every one listed, the counting types summed
        if h["counts"]:
            areas.setdefault(h["area"] or "(uden område)", []).append(h)
    amounts = (f"Pipeline {year} (mio. kr.)", f"Vægtet {year} (mio. kr.)",
               f"Besluttet {year} (mio. kr.)", f"Realiseret {year} (mio. kr.)",
               f"Valideret {year} (mio. kr.)", "Investering i alt (mio. kr.)")  # fmt: skip
    keys = ("pipeline_kr", "weighted_kr", "decided_kr", "realised_kr", "validated_kr",
            "investment_kr")  # fmt: skip
    labelled = {r[1]: dict(zip(header, r, strict=True)) for r in sheet[1:] if not r[0]}
    for area, members in areas.items():
        sub = labelled[f"I alt {area}"]
        assert [sub[a] for a in amounts] == [sum(h[k] for h in members) for k in keys], area
    grand = dict(zip(header, sheet[-1], strict=True))
    assert grand["Kode"] == "I alt"
    # each hypothesis's own figures: their sum is brutto (before overlaps)
    gross = ("gross_pipeline_kr", "gross_weighted_kr", "gross_decided_kr", "gross_realised_kr",
             "gross_validated_kr", "investment_kr")  # fmt: skip
    assert [grand[a] for a in amounts] == [status["totals"][k] for k in gross]
    assert [list(r) for r in years] == [
        [y["year"], *(y[k] for k in year_keys)] for y in status["years"]
    ]


def _xlsx_bytes(export: Any) -> bytes:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "s.xlsx"
        export("-f", "xlsx", "-o", str(path))
        return path.read_bytes()


def test_pdf_text_holds_the_status_figures(programme: Any, tmp_path: Path) -> None:
    export, status = programme
    path = tmp_path / "s.pdf"
    export("-f", "pdf", "-o", str(path))
    text = pdf_text(path)
    lines = text.splitlines()
    want = expected_tables(status)
    for label, value in want["headline"]:
        assert label.upper() in lines and value in lines, (label, value)
    for row in want["buckets"]:
        assert " ".join(row) in lines
    for row in want["years"]:
        assert " ".join(row) in lines
    assert " ".join(want["years_total"]) in lines
    for row in want["hypotheses"]:
        if not row[0]:  # an area's subtotal: "I alt <område>" then its amounts
            assert any(line.endswith(" ".join(row[7:])) for line in lines), row
            continue
        # a wrapped title or bucket spreads a row over a few lines of extracted text
        start = next(i for i, line in enumerate(lines) if line.startswith(row[0] + " "))
        assert " ".join(lines[start : start + 5]).find(" ".join(row[6:])) > 0, row
    assert format_mio(status["totals"]["gap_kr"]) in text


def test_the_overlaps_are_in_the_spreadsheet_and_the_pdf(
    hard_db: Path, cli: Any, tmp_path: Path
) -> None:
    """The hard programme's overlap (H04, H01: 1,5 mio., 0,6 weighted) beside brutto and
    netto: numbers in kroner in the spreadsheet, the same rows in the PDF's text."""
    status = json.loads(cli("status", "--json", db=hard_db).stdout)
    t = status["totals"]
    path = tmp_path / "s.xlsx"
    assert cli("export", "-f", "xlsx", "-o", str(path), db=hard_db).exit_code == 0
    rows = list(xlsx_book(path.read_bytes())["Overblik"].iter_rows(values_only=True))
    start = next(i for i, r in enumerate(rows) if r[0] == "Dobbelttælling (mio. kr.)")
    assert rows[start + 1][:4] == ("", "Brutto", "Dobbelttælling", "Netto")
    assert rows[start + 2][:4] == ("Pipeline", t["gross_pipeline_kr"], 1_500_000, t["pipeline_kr"])
    assert rows[start + 3][:4] == ("Vægtet", t["gross_weighted_kr"], 600_000, t["weighted_kr"])
    listed = {r[0]: r[1:4] for r in rows[start + 9 : start + 11]}
    assert listed == {
        'Fælles <b>timer</b> & "vikarer"': ("H04, H01", 1_500_000, 600_000),
        "Visitation": ("H06 (tæller ikke), H02", 500_000, "(tæller ikke)"),
    }
    pdf = tmp_path / "s.pdf"
    assert cli("export", "-f", "pdf", "-o", str(pdf), db=hard_db).exit_code == 0
    lines = pdf_text(pdf).splitlines()
    assert f"Pipeline {n(t['gross_pipeline_kr'])} 1,5 {n(t['pipeline_kr'])}" in lines
    assert f"Vægtet {n(t['gross_weighted_kr'])} 0,6 {n(t['weighted_kr'])}" in lines
