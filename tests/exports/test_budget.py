"""The Budgetopfølgning in every export of the hard programme: the same figures as
``parat budget report --json``, totals equal to the sums of the lines, and the sign
note under every table."""

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from tests.exports.readback import html_tables, md_tables, pdf_text, xlsx_book

SIGN_NOTE = "Minus angiver mindreforbrug, plus merforbrug."
AMOUNTS = (
    "original_kr", "supplementary_kr", "carried_kr", "corrected_kr", "actual_kr",
    "forecast_kr", "deviation_kr", "deviation_original_kr", "cuts_kr",
)  # fmt: skip


def _report(cli: Any, db: Path) -> dict[str, Any]:
    result = cli("budget", "report", "2018", "--json", db=db)
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def _kr(cell: str) -> int:
    """A table cell in mio. kr. (``-31,571``, ``+2,629``, empty) as kroner."""
    if not cell:
        return 0
    return int(Decimal(cell.replace(".", "").replace(",", ".")) * 1_000_000)


def test_json_export_carries_the_follow_up(run_export: Any, cli: Any, hard_db: Path) -> None:
    data = json.loads(run_export("-f", "json").stdout)
    report = _report(cli, hard_db)
    assert data["budget"] == report
    assert data["programme"]["has_rammer"] is True
    for key in AMOUNTS:
        assert report["totals"][key] == sum(r[key] or 0 for r in report["rammer"]), key
    assert data["totals"]["budgeted_kr"] == sum(r["cuts_kr"] for r in report["rammer"])


def test_markdown_and_html_sections_add_up(run_export: Any, cli: Any, hard_db: Path) -> None:
    report = _report(cli, hard_db)
    md = run_export("-f", "md").stdout
    section = md.split("## Budgetopfølgning 2018 (mio. kr.)")[1].split("## Advarsler")[0]
    (table,) = md_tables(section)
    # the rammer: not a heading (no amounts) and not a subtotal (I alt …)
    lines = [r for r in table[1:-1] if any(r[1:]) and not r[0].startswith("I alt")]
    assert [r[0] for r in lines] == [
        "Ældre &amp; sundhed – &lt;hjemmepleje&gt;", "Kommunaldirektørens ramme", "=Boligstøtte",
    ]  # fmt: skip
    total = table[-1]
    assert total[0] == "I alt"
    for col, key in enumerate(AMOUNTS, start=1):
        shown = sum(_kr(r[col]) for r in lines)
        expected = report["totals"][key] * (-1 if key == "cuts_kr" else 1)
        assert shown == expected, key  # the lines a reader adds give the total
        if expected:
            assert _kr(total[col]) == expected, key
    assert SIGN_NOTE in section.split("**I alt**")[-1]

    page = html_tables(run_export("-f", "html").stdout)
    budget = next(t for t in page.tables if t[0][0] == "Ramme" and "Udmøntet" in t[0])
    assert budget[-1][0] == "I alt"
    assert [_kr(c) for c in budget[-1][1:]] == [_kr(c) for c in total[1:]]
    html = run_export("-f", "html").stdout
    assert html.index(SIGN_NOTE) > html.index('id="budgetopfoelgning"')


def test_xlsx_sheet_holds_the_kroner(run_export: Any, cli: Any, hard_db: Path,
                                     tmp_path: Path) -> None:  # fmt: skip
    report = _report(cli, hard_db)
    path = tmp_path / "s.xlsx"
    run_export("-f", "xlsx", "-o", str(path))
    rows = list(xlsx_book(path.read_bytes())["Budgetopfølgning"].iter_rows(values_only=True))
    header = rows[3]
    assert header[:4] == ("Nøgle", "Ramme", "Udvalg", "Serviceramme")
    body = [r for r in rows[4:] if r[0] and r[0] != "I alt" and r[1]]
    assert [r[0] for r in body] == [r["key"] for r in report["rammer"]]
    for row, line in zip(body, report["rammer"], strict=True):
        expected = [line[k] if k != "cuts_kr" else (-line[k] or None) for k in AMOUNTS]
        assert list(row[4:13]) == expected, line["key"]
    total = next(r for r in rows if r[0] == "I alt")
    assert list(total[4:13]) == [
        report["totals"][k] * (-1 if k == "cuts_kr" else 1) for k in AMOUNTS
    ]
    assert any(r[0] == SIGN_NOTE for r in rows)
    assert body[-1][1] == "=Boligstøtte"  # text, never a formula


def test_pdf_shows_the_follow_up_and_the_note(run_export: Any, tmp_path: Path) -> None:
    path = tmp_path / "s.pdf"
    run_export("-f", "pdf", "-o", str(path))
    text = pdf_text(path)
    assert "Budgetopfølgning 2018 (mio. kr.)" in text
    assert "Kommunaldirektørens ramme 46,600 -31,571 0,500 15,529 18,700" in text
    assert SIGN_NOTE in text
