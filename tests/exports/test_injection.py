"""Safe to open: hostile titles (`<script>…`, `=HYPERLINK(…)`, Markdown syntax) export
harmlessly in every format, while numbers stay numbers."""

import json
import re
import zipfile
from io import BytesIO
from pathlib import Path
from typing import Any

from tests.exports.conftest import FORMULA, MARKDOWN_TITLE, SCRIPT
from tests.exports.readback import apart, csv_rows, html_tables, md_tables, pdf_text, xlsx_book

#: The hard programme's overlap: a name with markup and quotes, a note like a formula.
OVERLAP_NAME = 'Fælles <b>timer</b> & "vikarer"'
OVERLAP_NOTE = "=SUM(A1) – æøå"


def _binary(run_export: Any, fmt: str, tmp_path: Path) -> bytes:
    path = tmp_path / f"out.{fmt}"
    run_export("-f", fmt, "-o", str(path))
    return path.read_bytes()


def test_html_escapes_every_user_text(run_export: Any) -> None:
    page = run_export("-f", "html").stdout
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    parsed = html_tables(page)
    assert parsed.scripts == 0 and parsed.links == 0
    assert set(parsed.tags) <= {
        "html", "head", "meta", "title", "style", "body", "header", "div", "h1", "h2", "h3",
        "p", "section", "span", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "svg",
        "line", "text", "rect", "ul", "li", "footer",
    }  # fmt: skip
    tables, overlaps = apart(parsed.tables)
    titles = [row[1] for row in tables[3][1:-1]]
    assert SCRIPT in titles and FORMULA in titles and MARKDOWN_TITLE in titles
    assert "<b>timer" not in page and "Fælles &lt;b&gt;timer&lt;/b&gt; &amp;" in page
    assert [row[0] for row in overlaps[1][1:]] == [OVERLAP_NAME, "Visitation"]
    assert "Content-Security-Policy" in page and "default-src 'none'" in page


def test_markdown_escapes_every_user_text(run_export: Any) -> None:
    text = run_export("-f", "md").stdout
    assert "<script" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "[x](http://x)" not in text, "a title must not become a link"
    tables, overlaps = apart(md_tables(text))
    hypotheses = tables[4]
    assert overlaps[1][1][0] == 'Fælles &lt;b&gt;timer&lt;/b&gt; &amp; "vikarer"'
    assert overlaps[1][1][4] == "=SUM(A1) – æøå"  # a Markdown cell is no formula
    # thirteen columns with Udmøntet (the hard programme has rammer) and Valideret
    assert {len(row) for row in hypotheses} == {13}, "a pipe in a title split a cell"
    row = next(r for r in hypotheses if r[0] == "H04")
    assert row[1] == r"\# Overskrift \| med \*stjerner\*, \_streg\_ og \`kode\` \[x\](http://x)"
    amp = next(r for r in hypotheses if r[0] == "H02")
    assert amp[2] == "Børn &amp; unge"
    assert not re.search(r"^\s*[-+*] [-+*] ", text, re.M), "a nested list from user text"


def test_csv_neutralises_formula_text_but_keeps_numbers(run_export: Any) -> None:
    rows = {r["code"]: r for r in csv_rows(run_export("-f", "csv").stdout)}
    assert rows["H03"]["title"] == "'" + FORMULA
    assert rows["H03"]["area"] == "'+45 1234"
    assert rows["H03"]["owner"] == "'-5 %"
    assert rows["H03"]["description"] == "'=1+2"
    assert rows["H02"]["owner"] == "'@admin"
    assert rows["H02"]["title"] == SCRIPT  # not a spreadsheet risk: kept as typed
    assert rows["H03"]["potential_2018"] == "-1,2", "a negative number is not text"
    for row in rows.values():
        for key, cell in row.items():
            if cell[:1] in ("=", "+", "@", "\t", "\r"):
                raise AssertionError(f"{row['code']} {key} starts with {cell[:1]!r}")
            if cell.startswith("-"):
                assert re.fullmatch(r"-\d+(,\d+)?", cell), (key, cell)


def test_xlsx_keeps_formula_text_as_quoted_text(run_export: Any, tmp_path: Path) -> None:
    data = _binary(run_export, "xlsx", tmp_path)
    book = xlsx_book(data)
    sheet = book["Hypoteser"]
    header = [c.value for c in sheet[1]]
    cells = {row[0].value: dict(zip(header, row, strict=True)) for row in sheet.iter_rows(2)}
    title = cells["H03"]["Titel"]
    assert title.value == FORMULA and title.data_type == "s"
    assert title.quotePrefix, "Excel keeps it text even when the cell is edited"
    assert cells["H03"]["Ansvarlig"].value == "-5 %" and cells["H03"]["Ansvarlig"].quotePrefix
    assert cells["H02"]["Titel"].value == SCRIPT
    assert cells["H03"]["Pipeline 2018 (mio. kr.)"].value == -1_200_000
    note = next(row[4] for row in book["Overblik"].iter_rows() if row[0].value == OVERLAP_NAME)
    assert note.value == OVERLAP_NOTE and note.data_type == "s" and note.quotePrefix
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"formula in {ws.title}!{cell.coordinate}"
    with zipfile.ZipFile(BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name), name
        assert not any("externalLink" in n or "hyperlink" in n for n in archive.namelist())


def test_json_keeps_text_exactly(run_export: Any) -> None:
    data = json.loads(run_export("-f", "json").stdout)
    titles = {h["code"]: h["title"] for h in data["hypotheses"]}
    assert titles["H02"] == SCRIPT and titles["H03"] == FORMULA
    first = data["overlaps"][0]
    assert (first["name"], first["note"]) == (OVERLAP_NAME, OVERLAP_NOTE)
    assert titles["H04"] == MARKDOWN_TITLE


def test_pdf_draws_text_only(run_export: Any, tmp_path: Path) -> None:
    data = _binary(run_export, "pdf", tmp_path)
    text = pdf_text(data)
    assert SCRIPT in text and FORMULA in text
    for marker in (b"/JavaScript", b"/JS ", b"/URI", b"/Launch", b"/AA ", b"/Annots"):
        assert marker not in data, marker
    # fpdf2's /OpenAction is the initial zoom (a destination array), never an action
    assert re.search(rb"/OpenAction\s*\[\d+ 0 R /FitH null\]", data)
