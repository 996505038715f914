"""The spreadsheet's Budgetopfølgning sheet: one row per ramme (key, name, udvalg,
inside the serviceramme or not) with its figures in whole kroner, the totals as the
sums of the lines, and the sign note under them.

A figure that was not given is an empty cell (it counts 0 in the totals); cuts are
written as a minus, as they show on the ramme's budget. Amounts display in mio. kr.
with three decimals, so 29.000 kr. reads 0,029 and not 0,0.
"""

import xlsxwriter

from tracker.domain import labels as da
from tracker.domain.budget import BudgetFollowUp
from tracker.exports.xlsx_cells import Formats, write_header, write_text
from tracker.i18n import _
from tracker.report.words import word

__all__ = ["BUDGET_FORMAT", "budget_sheet"]

#: Kroner in mio. kr. with three decimals (the figures of a budget follow-up).
BUDGET_FORMAT = "#,##0.000,,"
_KEYS = ("original", "supplementary", "carried", "corrected", "actual", "forecast",
         "deviation", "deviation_original", "cuts")  # fmt: skip


def budget_sheet(wb: xlsxwriter.Workbook, f: BudgetFollowUp, formats: Formats) -> None:
    ws = wb.add_worksheet(word(da.BUDGET_FOLLOW_UP))
    number = wb.add_format({"font_name": "Calibri", "font_size": 10, "num_format": BUDGET_FORMAT})
    total = wb.add_format(
        {"font_name": "Calibri", "font_size": 10, "bold": True, "top": 2,
         "num_format": BUDGET_FORMAT}
    )  # fmt: skip
    ws.write_string(0, 0, f"{word(da.BUDGET_FOLLOW_UP)} {f.year}", formats.title)
    ws.write_string(1, 0, _("Amounts in mio. kr.; + expense, − income"), formats.subtitle)
    titles = [_("Key"), word(da.RAMME), word(da.UDVALG), _("Serviceramme"),
              *(f"{word(da.BUDGET_COLUMNS[k])} (mio. kr.)" for k in _KEYS)]  # fmt: skip
    yes, no = _("yes"), _("no")
    header = 3
    ws.set_row(header, 45)
    write_header(ws, header, titles, range(4, len(titles)), formats)
    ws.set_column(0, 0, 10)
    ws.set_column(1, 1, 40)
    ws.set_column(2, 2, 26)
    ws.set_column(3, 3, 12)
    ws.set_column(4, len(titles) - 1, 14)
    ws.freeze_panes(header + 1, 2)
    row = header
    for line in f.lines:
        row += 1
        write_text(ws, row, 0, line.key, formats)
        write_text(ws, row, 1, line.name, formats)
        if line.udvalg:
            write_text(ws, row, 2, line.udvalg, formats)
        ws.write_string(row, 3, yes if line.serviceramme else no, formats.text)
        for col, key in enumerate(_KEYS, start=4):
            kr = getattr(line, f"{key}_kr")
            if key == "cuts":
                kr = -kr if kr else None
            if kr is not None:
                ws.write_number(row, col, kr, number)
    if f.lines:
        ws.autofilter(header, 0, row, len(titles) - 1)
    row += 1
    ws.write_string(row, 0, word(da.TOTAL), formats.total_text)
    for col in (1, 2, 3):
        ws.write_blank(row, col, None, formats.total_text)
    for col, key in enumerate(_KEYS, start=4):
        kr = getattr(f.totals, f"{key}_kr")
        ws.write_number(row, col, -kr if key == "cuts" else kr, total)
    ws.write_string(row + 2, 0, word(da.SIGN_NOTE), formats.subtitle)
    if f.totals.cuts_kr:
        ws.write_string(row + 3, 0, word(da.CUTS_NOTE), formats.subtitle)
