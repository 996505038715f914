"""The spreadsheet's sheets of what moved: Historik (the audit log) and Siden sidst."""

import xlsxwriter

from tracker.domain import labels as da
from tracker.domain.stages import Stage
from tracker.exports.view import since_heading
from tracker.exports.xlsx_cells import FIGURE_FIELDS, Formats, naive, write_header, write_text
from tracker.report import Report

__all__ = ["history_sheet", "since_sheet"]


_ACTIONS = {
    "hypothesis.add": "Hypotese oprettet",
    "hypothesis.set": "Hypotese ændret",
    "figure.set": "Tal ændret",
}
_STAGE_LABELS = {stage.value: stage.label for stage in Stage}


def _field_label(field: str) -> str:
    """``potential.2018`` → ``Potentiale 2018``; ``stage`` → ``fase``; others as stored."""
    kind, _, year = field.partition(".")
    if kind in da.KIND_LABELS and year.isdigit():
        return f"{da.KIND_LABELS[kind]} {year}"
    if field == "confidence_pct":
        return f"{da.CONFIDENCE} %"
    return da.FIELD_LABELS.get(field, field)


def history_sheet(wb: xlsxwriter.Workbook, report: Report, f: Formats) -> None:
    ws = wb.add_worksheet("Historik")
    titles = (
        "Tidspunkt",
        da.WHO,
        "Kilde",
        "Handling",
        "Hypotese",
        "Felt",
        da.THEN,
        "Efter",
        da.NOTE,
    )
    write_header(ws, 0, titles, (), f)
    ws.set_column(0, 0, 17)
    ws.set_column(1, 2, 16)
    ws.set_column(3, 3, 16)
    ws.set_column(4, 4, 10)
    ws.set_column(5, 5, 16)
    ws.set_column(6, 7, 22)
    ws.set_column(8, 8, 40)
    ws.freeze_panes(1, 0)
    row = 0
    for e in report.history:
        row += 1
        ws.write_datetime(row, 0, naive(e.at), f.moment)
        action = _ACTIONS.get(e.action, e.action)
        for col, text in ((1, e.actor), (2, e.source), (3, action), (4, e.subject),
                          (5, _field_label(e.field)), (8, e.note)):  # fmt: skip
            if text:
                write_text(ws, row, col, text, f)
        amount = any(e.field.startswith(prefix) for prefix in FIGURE_FIELDS)
        for col, value in ((6, e.old_value), (7, e.new_value)):
            if value is None:
                continue
            if amount and value.lstrip("-").isdigit():
                ws.write_number(row, col, int(value), f.mio)
            elif e.field == "stage" and value in _STAGE_LABELS:
                ws.write_string(row, col, _STAGE_LABELS[value], f.text)
            else:
                write_text(ws, row, col, value, f)
    if row:
        ws.autofilter(0, 0, row, len(titles) - 1)
    if report.history_truncated:
        ws.write_string(row + 2, 0, f"Kun de nyeste {len(report.history)} hændelser er med.",
                        f.subtitle)  # fmt: skip
    elif not report.history:
        ws.write_string(1, 0, "Ingen hændelser i perioden.", f.subtitle)


def since_sheet(wb: xlsxwriter.Workbook, report: Report, f: Formats) -> None:
    d = report.diff
    assert d is not None
    ws = wb.add_worksheet(da.SINCE)
    ws.set_column(0, 0, 26)
    ws.set_column(1, 1, 40)
    ws.set_column(2, 8, 15)
    ws.write_string(0, 0, since_heading(d), f.section)
    row = 2
    write_header(ws, row, ("", da.THEN, da.NOW, da.CHANGE), (1, 2, 3), f)
    b, a = d.before.totals, d.after.totals
    for label, old, new in (
        (da.REALISED, b.realised_kr, a.realised_kr),
        (da.DECIDED, b.decided_kr, a.decided_kr),
        (da.WEIGHTED, b.weighted_kr, a.weighted_kr),
        (da.PIPELINE, b.pipeline_kr, a.pipeline_kr),
        (da.GAP, b.gap_kr, a.gap_kr),
    ):
        row += 1
        ws.write_string(row, 0, label, f.text)
        ws.write_number(row, 1, old, f.mio)
        ws.write_number(row, 2, new, f.mio)
        ws.write_number(row, 3, new - old, f.mio)
    row += 2
    ws.write_string(row, 0, da.STAGE_MOVES, f.section)
    row += 1
    write_header(ws, row, (da.CODE, da.TITLE, "Fra", "Til", "Tidspunkt", da.WHO, da.NOTE), (), f)
    for m in d.stage_moves:
        row += 1
        write_text(ws, row, 0, m.code, f)
        write_text(ws, row, 1, m.title, f)
        ws.write_string(row, 2, "(ny)" if m.old_stage is None else m.old_stage.label, f.text)
        ws.write_string(row, 3, "(ny)" if m.new_stage is None else m.new_stage.label, f.text)
        if m.at is not None:
            ws.write_datetime(row, 4, naive(m.at), f.moment)
        write_text(ws, row, 5, m.actor, f)
        write_text(ws, row, 6, m.note, f)
    row += 2
    ws.write_string(row, 0, da.FIGURE_CHANGES, f.section)
    row += 1
    cols = (da.CODE, da.TITLE, "Art", da.YEAR, da.THEN, da.NOW, da.CHANGE, da.WHO)
    write_header(ws, row, cols, (3, 4, 5, 6), f)
    for c in d.figure_changes:
        row += 1
        write_text(ws, row, 0, c.code, f)
        write_text(ws, row, 1, c.title, f)
        ws.write_string(row, 2, da.KIND_LABELS.get(c.kind, c.kind), f.text)
        ws.write_number(row, 3, c.year, f.int)
        if c.old_kr is not None:
            ws.write_number(row, 4, c.old_kr, f.mio)
        if c.new_kr is not None:
            ws.write_number(row, 5, c.new_kr, f.mio)
        ws.write_number(row, 6, (c.new_kr or 0) - (c.old_kr or 0), f.mio)
        write_text(ws, row, 7, c.actor, f)
    for title, codes in ((da.ADDED, d.added), (da.DROPPED, d.dropped)):
        if codes:
            row += 2
            ws.write_string(row, 0, title, f.section)
            for code in codes:
                row += 1
                write_text(ws, row, 0, code, f)
    ws.freeze_panes(1, 0)


#: Workbook options: text is never turned into a formula, URL or number.
