"""The spreadsheet and the PDF read back: sheets, number formats, frozen headers,
column widths, the native chart; pages, fonts and headline figures."""

import zipfile
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest

from tests.exports.readback import pdf_text, xlsx_book
from tracker.domain.money import format_mio

MIO = '#,##0.0,, "mio. kr."'
MIO_TABLE = "#,##0.0,,"


@pytest.fixture
def xlsx_data(run_export: Any, tmp_path: Path) -> bytes:
    path = tmp_path / "status.xlsx"
    run_export("-f", "xlsx", "-o", str(path))
    return path.read_bytes()


def test_xlsx_sheets_numbers_and_formats(xlsx_data: bytes, status_json: dict[str, Any]) -> None:
    book = xlsx_book(xlsx_data)
    assert book.sheetnames == ["Overblik", "Hypoteser", "År", "Budgetopfølgning", "Historik"]
    overview = book["Overblik"]
    target = next(r for r in overview.iter_rows() if r[0].value == "Mål")[1]
    assert target.value == 125_000_000 and isinstance(target.value, int)
    assert target.number_format == MIO
    assert overview.freeze_panes == "A4"
    hyp = book["Hypoteser"]
    assert hyp.freeze_panes == "C2"
    assert hyp.auto_filter.ref is not None
    assert hyp.column_dimensions["B"].width > 30
    header = [c.value for c in hyp[1]]
    assert header[:6] == ["Kode", "Titel", "Område", "Ansvarlig", "Fase", "Pulje"]
    assert header[-5:] == ["Potentiale 2018", "Realiseret 2018", "Investering 2018",
                           "Minimum 2018", "Maksimum 2018"]  # fmt: skip
    big = next(r for r in hyp.iter_rows(2) if r[0].value == "H02")
    cell = big[header.index("Potentiale 2018")]
    assert cell.value == 12_345_678_901 and cell.number_format == MIO_TABLE
    assert big[header.index("Beskrivelse")].value.startswith("Linje 1\nLinje | 2")
    moment = big[header.index("Sidst ændret")].value
    assert moment.strftime("%d.%m.%Y %H:%M") == "15.01.2018 10:00"  # Danish time
    years = book["År"]
    assert years.freeze_panes == "B2"
    assert [c.value for c in years["A"][1:]] == [2015, 2016, 2017, 2018, "I alt"]
    history = book["Historik"]
    assert history.freeze_panes == "A2"
    log = list(history.iter_rows(2, values_only=True))
    # newest first: the validations (a verdict in words, the reference as text), who
    # may validate, the overlap's new amount, then H05 dropped (the same moment)
    assert log[0][1] == "Økonomi-Åse"
    assert log[0][3:8] == ("Realiseret tal valideret", "H01", "Realiseret 2015", None,
                           "afvist · 0,029 mio. kr. · sag 18/99")  # fmt: skip
    assert log[1][3:8] == ("Realiseret tal valideret", "H04", "Realiseret 2018", None,
                           "godkendt · 8,0 mio. kr. · =sag 18/1234")  # fmt: skip
    assert log[2][3:8] == ("Program ændret", "Parat til fremtiden", "Validatorer", "",
                           "Økonomi-Åse")  # fmt: skip
    log = log[3:]
    name = 'Fælles <b>timer</b> & "vikarer"'
    changed = next(r for r in log if r[3] == "Dobbelttælling ændret" and r[4] == name)
    assert changed[5:8] == ("Beløb", 1_000_000, 1_500_000)
    dropped = next(r for r in log if r[4] == "H05" and r[5] == "Fase")
    assert dropped[3:8] == ("Hypotese ændret", "H05", "Fase", "Identificeret", "Forkastet")
    added = next(r for r in log if r[3] == "Dobbelttælling oprettet" and r[4] == name)
    assert added[6:8] == (None, "H04, H01 · 1,0 mio. kr. · =SUM(A1) – æøå")
    budget = next(r for r in log if r[3] == "Budgettal ændret")
    assert budget[4:8] == ("kd", "Forbrug / regnskab 2018", 18_660_000, 18_700_000)
    set_55 = next(r for r in log if r[5] == "Potentiale 2018" and r[4] == "H01" and r[7])
    assert (set_55[6], set_55[7]) == (4_500_000, 5_500_000)

    # for people: Danish actions and sources, Copenhagen times, never the log's codes
    snapshot = next(r for r in log if r[4] == "Chefgruppemøde 1")
    assert snapshot[2:4] == ("Kommandolinje", "Øjebliksbillede navngivet")
    # 12.02.2018 09:00 UTC is 10:00 in Copenhagen, in the moment and in the value
    assert snapshot[0].strftime("%d.%m.%Y %H:%M") == snapshot[7].strftime("%d.%m.%Y %H:%M")
    assert snapshot[7].strftime("%d.%m.%Y %H:%M") == "12.02.2018 10:00"
    created = next(r for r in log if r[3] == "Program oprettet")
    assert created[0].strftime("%H:%M") == "10:00"  # 09:00 UTC
    cells = [c for r in log for c in r if isinstance(c, str)]
    for raw in ("snapshot.add", "programme.create", "hypothesis.set", "figure.set", "cli"):
        assert raw not in cells, raw
    assert not any(c.endswith(("Z", "+00:00")) and c[:4].isdigit() for c in cells)


def test_xlsx_has_a_native_trajectory_chart(xlsx_data: bytes) -> None:
    with zipfile.ZipFile(BytesIO(xlsx_data)) as archive:
        charts = [n for n in archive.namelist() if n.startswith("xl/charts/chart")]
        assert len(charts) == 1
        xml = archive.read(charts[0]).decode()
    assert "<c:barChart>" in xml
    assert xml.count("<c:ser>") == 4
    assert "År!$B$2:$B$5" in xml and "År!$A$2:$A$5" in xml and "Pipeline" in xml


def test_pdf_pages_font_and_headline(run_export: Any, tmp_path: Path, status_json: Any) -> None:
    from pypdf import PdfReader

    path = tmp_path / "status.pdf"
    run_export("-f", "pdf", "-o", str(path))
    reader = PdfReader(path)
    assert len(reader.pages) >= 2
    # A4 portrait throughout: the hypotheses too
    assert {(round(p.mediabox.width), round(p.mediabox.height)) for p in reader.pages} == {
        (595, 842)
    }
    assert reader.metadata.title == "Statusrapport: Parat til fremtiden – status pr. 12.03.2018"
    fonts = {
        str(f["/BaseFont"]) for page in reader.pages for f in page["/Resources"]["/Font"].values()
    }
    assert all("DejaVuSans" in f for f in fonts), fonts
    text = pdf_text(path)
    for key in ("target_kr", "realised_kr", "decided_kr", "weighted_kr", "pipeline_kr"):
        assert format_mio(status_json["totals"][key]) in text
    assert "Status pr. 12.03.2018 kl. 10:00" in text
    # en dash and æøå (the title wraps at a word in its column)
    assert "Rehabilitering før" in text and "hjemmehjælp – æøå ÆØÅ" in text
    assert f"Side 1 af {len(reader.pages)}" in text
