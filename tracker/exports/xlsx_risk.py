"""The spreadsheet's "Hvor sikre er vi?" sheet: the expected value, the two ways of
drawing side by side and the buckets, as numbers (kroner shown in mio. kr.,
probabilities as percent), with the draws and seed stated above them."""

import xlsxwriter

from tracker.domain import labels as da
from tracker.domain.risk import PERCENTS, Certainty
from tracker.exports.risk_view import bucket_headers, whole_number
from tracker.exports.xlsx_cells import Formats, write_header, write_text
from tracker.i18n import _
from tracker.report import Report
from tracker.report.words import word

__all__ = ["SHEET", "risk_sheet", "sheet_name"]

#: The sheet's Danish name: the heading without its question mark, which Excel does
#: not allow (:func:`sheet_name` is the reader's).
SHEET = da.RISK.rstrip("?")


def sheet_name() -> str:
    """The sheet's name in the reader's language (``Hvor sikre er vi``)."""
    return word(da.RISK).rstrip("?")


def risk_sheet(wb: xlsxwriter.Workbook, report: Report, f: Formats) -> None:
    """Add the sheet (only for a report that holds the risk figures)."""
    r, s = report.risk, report.status
    assert r is not None
    percent = wb.add_format({"font_name": "Calibri", "font_size": 11, "num_format": "0%"})
    ws = wb.add_worksheet(sheet_name())
    ws.set_column(0, 0, 34)
    ws.set_column(1, 5, 16)
    ws.write_string(0, 0, word(da.RISK), f.title)
    note = word(da.RISK_NOTE).format(draws=whole_number(r.draws), seed=r.seed)
    ws.write_string(1, 0, note, f.subtitle)
    ws.write_number(2, 0, r.draws, f.int)
    ws.write_string(2, 1, _("simulations"), f.subtitle)
    ws.write_number(3, 0, r.seed, f.int)
    ws.write_string(3, 1, "seed", f.subtitle)

    row = 5
    ws.write_string(row, 0, word(da.TARGET), f.text)
    ws.write_number(row, 1, r.target_kr, f.mio)
    row += 1
    ws.write_string(row, 0, word(da.EXPECTED), f.text)
    ws.write_number(row, 1, r.expected_kr, f.mio_bold)
    row += 2
    write_header(ws, row, ("", word(da.INDEPENDENT), word(da.TOGETHER)), (1, 2), f)

    def certainty_rows(start: int, pairs: tuple[Certainty, Certainty]) -> int:
        row = start + 1
        ws.write_string(row, 0, word(da.RISK_P_LABEL), f.text)
        for col, c in enumerate(pairs, start=1):
            ws.write_number(row, col, c.p_target, percent)
        for pct in PERCENTS:
            row += 1
            reached = word(da.RISK_REACHED_LABEL).format(pct=pct)
            ws.write_string(row, 0, f"{reached} (mio. kr.)", f.text)
            for col, c in enumerate(pairs, start=1):
                ws.write_number(row, col, getattr(c, f"p{pct}_kr"), f.mio_table)
        return row

    row = certainty_rows(row, (r.independent, r.together))
    if not r.buckets:
        return
    row += 2
    ws.write_string(row, 0, f"{word(da.BUCKETS)} (mio. kr.)", f.section)
    row += 1
    write_header(ws, row, bucket_headers(), range(1, 6), f)
    names = {b.key: b.name for b in s.buckets}
    for b in r.buckets:
        row += 1
        write_text(ws, row, 0, names.get(b.key, b.key), f)
        ws.write_number(row, 1, b.target_kr, f.mio_table)
        ws.write_number(row, 2, b.outlook.expected_kr, f.mio_table)
        ws.write_number(row, 3, b.p_full, percent)
        ws.write_number(row, 4, b.p_full_together, percent)
        ws.write_number(row, 5, b.outlook.independent.p80_kr, f.mio_table)
