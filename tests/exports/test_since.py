""" "Siden sidst" in every format, from a ``Diff`` built by hand (the history feature
computes the real one): stage moves, figure changes, new and dropped hypotheses."""

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

import tracker
from tests.exports.readback import html_tables, md_tables, pdf_text, xlsx_book
from tracker.domain.diff import Diff, FigureChange, StageMove
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
        until_label="12.03.2018",
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
    )  # fmt: skip


@pytest.fixture
def report(hard_db: Path, diff: Diff) -> Any:
    with tracker.open(str(hard_db), actor="tester", clock=lambda: UNTIL) as p:
        return p.report(diff=diff)


def test_markdown_and_html_show_what_moved(report: Any) -> None:
    md = render(report, "md")
    assert "## Siden sidst (Chefgruppemøde 1. februar – 12.03.2018)" in md
    tables = md_tables(md)
    # The summary's own tables come first (five, and "Øvrige gevinster" when shown).
    totals = tables[
        6
        if report.status.other_benefits and any(o.count for o in report.status.other_benefits)
        else 5
    ]
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

    html = render(report, "html")
    assert "<b>Genforhandling" not in html
    parsed = html_tables(html)
    assert ["H05", "<b>Genforhandling</b>", "Identificeret", "Forkastet"] in [
        row[:4] for table in parsed.tables for row in table
    ]
    assert "Siden sidst: Chefgruppemøde 1. februar – 12.03.2018" in html


def _n(kr: int) -> str:
    from tracker.domain.money import format_mio_number

    return format_mio_number(kr)


def test_pdf_xlsx_and_json_show_what_moved(report: Any) -> None:
    text = pdf_text(render(report, "pdf"))
    assert "Siden sidst: Chefgruppemøde 1. februar – 12.03.2018" in text
    assert "Faseskift" in text and "Ændrede tal" in text and "=Budgetlagt i 2016" in text

    book = xlsx_book(render(report, "xlsx"))
    assert book.sheetnames == ["Overblik", "Hypoteser", "År", "Historik", "Siden sidst"]
    sheet = book["Siden sidst"]
    rows = list(sheet.iter_rows(values_only=True))
    change = next(r for r in rows if r[0] == "H01" and r[2] == "Potentiale")
    assert change[3:7] == (2018, 4_500_000, 5_500_000, 1_000_000)
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


def test_export_takes_a_status_and_a_diff(diff: Diff) -> None:
    """A status in hand: ``tracker.services.reporting.export_status(status, fmt, diff=…)``."""
    for fmt in ("md", "html", "csv", "json"):
        assert isinstance(export_status(diff.after, fmt, diff=diff), str)
    for fmt in ("pdf", "xlsx"):
        assert isinstance(export_status(diff.after, fmt, diff=diff), bytes)
    assert "Siden sidst" in export_status(diff.after, "md", diff=diff)
    assert "Siden sidst" not in export_status(diff.after, "md")
