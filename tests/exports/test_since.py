""" "Siden sidst" in every format, from a ``Diff`` built by hand (the history feature
computes the real one): stage moves, figure changes, new and dropped hypotheses."""

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

import tracker
from tests.exports.readback import html_tables, md_tables, pdf_text, xlsx_book
from tracker.domain.diff import Diff, FigureChange, OverlapChange, StageMove
from tracker.domain.overlaps import Overlap
from tracker.domain.stages import Stage
from tracker.exports import render
from tracker.exports.schema import ExportDocument
from tracker.services.reporting import export_status

SINCE = datetime(2018, 2, 1, 12, 0, tzinfo=UTC)
UNTIL = datetime(2018, 3, 12, 9, 0, tzinfo=UTC)


@pytest.fixture
def diff(hard_db: Path) -> Diff:
    with tracker.open(str(hard_db), actor="tester", clock=lambda: UNTIL) as p:
        before, after = p.status(SINCE), p.status(UNTIL)
    return Diff(
        since=SINCE,
        until=UNTIL,
        since_label="Chefgruppemøde 1. februar",
        until_label="nu",
        before=before,
        after=after,
        stage_moves=(
            StageMove("H01", "Rehabilitering før hjemmehjælp – æøå ÆØÅ", Stage.QUANTIFIED,
                      Stage.DECIDED, UNTIL, "tester", ""),
            StageMove("H05", "<b>Genforhandling</b>", Stage.IDENTIFIED, Stage.DROPPED, UNTIL,
                      "tester", "=Budgetlagt i 2016"),
        ),
        figure_changes=(
            FigureChange("H01", "Rehabilitering", "potential", 2018, 4_500_000, 5_500_000,
                         UNTIL, "tester"),
            FigureChange("H06", "Ny", "realised", 2017, None, 250_000, UNTIL, "anna"),
        ),
        added=("H06",),
        dropped=("H05",),
        overlap_changes=(
            OverlapChange("<i>Timer</i>", Overlap("<i>Timer</i>", ("H04", "H01"), 1_000_000),
                          Overlap("<i>Timer</i>", ("H04", "H01"), 1_500_000), UNTIL, "tester"),
            OverlapChange("Biler", Overlap("Biler", ("H02", "H03"), 500_000), None, UNTIL,
                          "anna"),
        ),
    )  # fmt: skip


@pytest.fixture
def report(hard_db: Path, diff: Diff) -> Any:
    with tracker.open(str(hard_db), actor="tester", clock=lambda: UNTIL) as p:
        return p.report(diff=diff)


def test_markdown_and_html_show_what_moved(report: Any) -> None:
    md = render(report, "md")
    # first, and named by the snapshot's own time, not the export's
    assert "## Siden Chefgruppemøde 1. februar (01.02.2018 kl. 13:00) til 12.03.2018" in md
    assert md.index("## Siden Chefgruppemøde") < md.index("## Overblik")
    tables = md_tables(md)
    totals = tables[0]
    assert totals[0] == ["", "Før", "Nu", "Ændring"]
    weighted = next(r for r in totals if r[0] == "Vægtet")
    before, after = report.diff.before.totals, report.diff.after.totals
    change = after.weighted_kr - before.weighted_kr
    assert weighted[1:] == [_n(before.weighted_kr), _n(after.weighted_kr), "+" + _n(change)]
    moves = next(t for t in tables if t[0][:4] == ["Kode", "Titel", "Fra", "Til"])
    assert moves[1][:4] == ["H01", "Rehabilitering før hjemmehjælp – æøå ÆØÅ", "Kvantificeret",
                            "Besluttet"]  # fmt: skip
    assert moves[2][1] == "&lt;b&gt;Genforhandling&lt;/b&gt;"
    changes = next(t for t in tables if t[0][:3] == ["Kode", "Titel", "Art"])
    assert changes[1][2:7] == ["Potentiale", "2018", "4,5", "5,5", "+1,0"]
    assert changes[2][2:7] == ["Realiseret", "2017", "", "0,3", "+0,3"]
    assert "### Nye hypoteser" in md and "- H06" in md
    overlaps = next(t for t in tables if t[0][:3] == ["Navn", "Hypoteser før", "Hypoteser nu"])
    assert overlaps[1:] == [
        ["&lt;i&gt;Timer&lt;/i&gt;", "H04, H01", "H04, H01", "1,0", "1,5", "+0,5", "tester"],
        ["Biler", "H02, H03", "(fjernet)", "0,5", "", "-0,5", "anna"],
    ]

    html = render(report, "html")
    assert "<b>Genforhandling" not in html and "<i>Timer" not in html
    assert "<h3>Ændrede dobbelttællinger</h3>" in html
    parsed = html_tables(html)
    assert ["H05", "<b>Genforhandling</b>", "Identificeret", "Forkastet"] in [
        row[:4] for table in parsed.tables for row in table
    ]
    heading = "<h2>Siden Chefgruppemøde 1. februar (01.02.2018 kl. 13:00) til 12.03.2018</h2>"
    assert heading in html
    assert html.index('<section id="siden-sidst">') < html.index('<section id="overblik">')


def pdf_first_page(data: bytes) -> str:
    import io

    from pypdf import PdfReader

    return PdfReader(io.BytesIO(data)).pages[0].extract_text()


def _n(kr: int) -> str:
    from tracker.domain.money import format_mio_number

    return format_mio_number(kr)


def test_pdf_xlsx_and_json_show_what_moved(report: Any) -> None:
    pdf = render(report, "pdf")
    text = pdf_text(pdf)
    first = pdf_first_page(pdf)
    heading = "Siden Chefgruppemøde 1. februar (01.02.2018 kl. 13:00) til 12.03.2018"
    # first; with its overlaps too, Overblik may follow on the next page
    assert heading in first and text.index(heading) < text.index("Overblik")
    assert "Faseskift" in text and "Ændrede tal" in text
    # the note as plain text, wrapped at its words in the note column
    h05 = next(line for line in text.splitlines() if line.startswith("H05 "))
    assert h05.endswith("=Budgetlagt i") or h05.endswith("=Budgetlagt i 2016"), h05

    book = xlsx_book(render(report, "xlsx"))
    # the first sheet, the one the workbook opens on
    assert book.sheetnames == [
        "Siden sidst", "Overblik", "Hypoteser", "År", "Budgetopfølgning", "Historik",
    ]  # fmt: skip
    assert book.active.title == "Siden sidst"
    sheet = book["Siden sidst"]
    assert sheet["A1"].value == heading
    rows = list(sheet.iter_rows(values_only=True))
    change = next(r for r in rows if r[0] == "H01" and r[2] == "Potentiale")
    assert change[3:7] == (2018, 4_500_000, 5_500_000, 1_000_000)
    # the dropped hypotheses with code and title (the title as of the later moment)
    dropped = [r[:2] for r in rows[[r[0] for r in rows].index("Forkastede hypoteser") + 2 :]]
    title = next(h.title for h in report.diff.after.hypotheses if h.code == "H05")
    assert dropped == [("H05", title)]
    moved = rows[[r[0] for r in rows].index("Ændrede dobbelttællinger") + 2 :][:2]
    assert [r[:7] for r in moved] == [
        ("<i>Timer</i>", "H04, H01", "H04, H01", 1_000_000, 1_500_000, 500_000, "tester"),
        ("Biler", "H02, H03", "(fjernet)", 500_000, None, -500_000, "anna"),
    ]
    assert "Ændrede dobbelttællinger" in text
    note = next(c for row in sheet.iter_rows() for c in row if c.value == "=Budgetlagt i 2016")
    assert note.data_type == "s" and note.quotePrefix
    # the Historik sheet holds only the log after the first moment
    assert all(r[0] > datetime(2018, 2, 1) for r in book["Historik"].iter_rows(2, values_only=True))

    data = json.loads(render(report, "json"))
    ExportDocument.model_validate(data)
    assert data["diff"]["since_label"] == "Chefgruppemøde 1. februar"
    assert data["diff"]["figure_changes"][1] == {
        "code": "H06", "title": "Ny", "kind": "realised", "year": 2017, "old_kr": None,
        "new_kr": 250_000, "change_kr": 250_000, "at": "2018-03-12T09:00:00Z", "actor": "anna",
    }  # fmt: skip
    assert data["diff"]["stage_moves"][0]["new_stage"] == "decided"
    assert data["diff"]["overlap_changes"][1] == {
        "name": "Biler", "old_members": ["H02", "H03"], "new_members": None,
        "old_kr": 500_000, "new_kr": None, "change_kr": -500_000, "old_note": "",
        "new_note": None, "at": "2018-03-12T09:00:00Z", "actor": "anna",
    }  # fmt: skip


def test_export_takes_a_status_and_a_diff(diff: Diff) -> None:
    """A status in hand: ``tracker.services.reporting.export_status(status, fmt, diff=…)``."""
    for fmt in ("md", "html", "csv", "json"):
        assert isinstance(export_status(diff.after, fmt, diff=diff), str)
    for fmt in ("pdf", "xlsx"):
        assert isinstance(export_status(diff.after, fmt, diff=diff), bytes)
    assert "## Siden Chefgruppemøde 1. februar" in export_status(diff.after, "md", diff=diff)
    assert "## Siden " not in export_status(diff.after, "md")


@pytest.mark.parametrize(
    ("args", "heading"),
    [
        (("--since", "Chefgruppemøde 1"),
         "Siden Chefgruppemøde 1 (12.02.2018 kl. 10:00) til 12.03.2018"),
        (("--since", "2018-02-12"), "Siden 12.02.2018 til 12.03.2018"),
        (("--since", "Chefgruppemøde 1", "--as-of", "2018-03-01"),
         "Siden Chefgruppemøde 1 (12.02.2018 kl. 10:00) til 01.03.2018"),
        (("--since", "2018-02-01T10:00", "--as-of", "Chefgruppemøde 1"),
         "Siden 01.02.2018 kl. 10:00 til Chefgruppemøde 1 (12.02.2018 kl. 10:00)"),
    ],
)  # fmt: skip
def test_the_heading_names_the_moments_compared(
    args: tuple[str, ...], heading: str, run_export: Any
) -> None:
    """A snapshot by its name and its own time, a date as itself, now as today: never
    the moment the export was made (the fixed clock is 12.03.2018 10:00)."""
    md = run_export("-f", "md", *args).stdout
    assert f"## {heading}\n" in md
