"""The status as a spreadsheet (XlsxWriter): sheets Overblik, Hypoteser, År, Historik,
and "Siden sidst" when a diff is given.

Amounts are stored as numbers in whole kroner, so sums in Excel are exact; the
display format scales them to mio. kr. (``#,##0.0,,`` – each trailing comma divides
by a thousand). Text is always written as text (``strings_to_formulas`` off,
``write_string``); text that a spreadsheet could take for a formula (``=``, ``+``,
``-``, ``@``, tab, CR) also carries Excel's quote prefix, so it stays text even when
someone edits the cell, while showing exactly what the user typed.
"""

import io
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from tracker.domain import labels as da
from tracker.domain.stages import Stage
from tracker.domain.status import Allocation, earmark_label
from tracker.exports.chart import SERIES
from tracker.exports.danish import date_time, local
from tracker.report import Report

__all__ = ["MIO_FORMAT", "MIO_TABLE_FORMAT", "SHEETS", "render"]

#: Kroner shown in mio. kr. with one decimal and the unit (headline figures).
MIO_FORMAT = '#,##0.0,, "mio. kr."'
#: The same without the unit, for table columns whose header names the unit.
MIO_TABLE_FORMAT = "#,##0.0,,"
SHEETS = (da.OVERVIEW, da.HYPOTHESES, da.YEAR, "Historik")
_RISKY = ("=", "+", "-", "@", "\t", "\r")
_FIGURE_FIELDS = {f"{kind}." for kind in da.KIND_LABELS}


class _Formats:
    def __init__(self, wb: xlsxwriter.Workbook) -> None:
        base = {"font_name": "Calibri", "font_size": 11, "valign": "top"}
        self.text = wb.add_format(base)
        self.text_quoted = wb.add_format({**base, "quote_prefix": True})
        self.title = wb.add_format({**base, "bold": True, "font_size": 16,
                                    "font_color": "#1F4E79"})  # fmt: skip
        self.subtitle = wb.add_format({**base, "font_color": "#5B6B7C"})
        self.section = wb.add_format({**base, "bold": True, "font_size": 13,
                                      "font_color": "#1F4E79"})  # fmt: skip
        header = {**base, "bold": True, "bottom": 2, "bg_color": "#E9EEF3", "text_wrap": True}
        self.header = wb.add_format(header)
        self.header_num = wb.add_format({**header, "align": "right"})
        self.mio = wb.add_format({**base, "num_format": MIO_FORMAT})
        self.mio_bold = wb.add_format({**base, "num_format": MIO_FORMAT, "bold": True})
        self.mio_table = wb.add_format({**base, "num_format": MIO_TABLE_FORMAT})
        self.total_text = wb.add_format({**base, "bold": True, "top": 2})
        self.total_mio = wb.add_format({**base, "bold": True, "top": 2,
                                        "num_format": MIO_TABLE_FORMAT})  # fmt: skip
        self.total_int = wb.add_format({**base, "bold": True, "top": 2, "num_format": "0"})
        self.int = wb.add_format({**base, "num_format": "0"})
        self.moment = wb.add_format({**base, "num_format": "dd.mm.yyyy hh:mm",
                                     "align": "left"})  # fmt: skip
        self.wrap = wb.add_format({**base, "text_wrap": True})
        self.wrap_quoted = wb.add_format({**base, "text_wrap": True, "quote_prefix": True})
        self.warning = wb.add_format({**base, "font_color": "#C0392B"})


def _text(ws: Worksheet, row: int, col: int, text: str, f: _Formats, wrap: bool = False) -> None:
    """User text, always as a string; risky text with the quote prefix."""
    if text.startswith(_RISKY):
        ws.write_string(row, col, text, f.wrap_quoted if wrap else f.text_quoted)
    else:
        ws.write_string(row, col, text, f.wrap if wrap else f.text)


def _naive(moment: datetime) -> datetime:
    """Excel has no time zones: Danish wall-clock time."""
    return local(moment).replace(tzinfo=None)


def _header(ws: Worksheet, row: int, titles: Sequence[str], numeric: Sequence[int],
            f: _Formats) -> None:  # fmt: skip
    for col, title in enumerate(titles):
        ws.write_string(row, col, title, f.header_num if col in numeric else f.header)


def _overview(wb: xlsxwriter.Workbook, report: Report, f: _Formats) -> None:
    s = report.status
    p, t = s.programme, s.totals
    ws = wb.add_worksheet(da.OVERVIEW)
    ws.set_column(0, 0, 30)
    ws.set_column(1, 7, 16)
    ws.set_row(0, 24)
    ws.write_string(0, 0, f"Statusrapport: {p.name}", f.title)
    ws.write_string(1, 0, f"Status pr. {date_time(s.as_of)}", f.subtitle)
    ws.write_string(2, 0, f"Mål med årsvirkning i {p.target_year}; beløb i mio. kr.", f.subtitle)
    ws.freeze_panes(3, 0)

    row = 4
    ws.write_string(row, 0, "Nøgletal", f.section)
    row += 1
    _header(ws, row, ("", da.AMOUNT, "Forklaring"), (1,), f)
    hint = da.MEASURE_HINTS
    figures = (
        (da.TARGET, t.target_kr, f"årsvirkning i {p.target_year}"),
        (da.REALISED, t.realised_kr, hint["realised"]),
        (da.DECIDED, t.decided_kr, hint["decided"]),
        (da.WEIGHTED, t.weighted_kr, hint["weighted"]),
        (da.PIPELINE, t.pipeline_kr, hint["pipeline"]),
        (da.GAP, t.gap_kr, hint["gap"]),
        (da.INVESTMENT_TOTAL, t.investment_kr, "alle programmets år"),
    )
    for label, kr, explained in figures:
        row += 1
        ws.write_string(row, 0, label, f.text)
        ws.write_number(row, 1, kr, f.mio_bold if label in (da.TARGET, da.GAP) else f.mio)
        ws.write_string(row, 2, explained, f.subtitle)

    row += 2
    mode = "vandfald" if p.allocation is Allocation.WATERFALL else "øremærket"
    ws.write_string(row, 0, f"{da.BUCKETS} ({mode}, mio. kr.)", f.section)
    row += 1
    cols = (da.BUCKET, da.TARGET, da.PIPELINE, da.WEIGHTED, da.DECIDED, da.REALISED, da.GAP)
    _header(ws, row, cols, range(1, 7), f)
    for b in s.buckets:
        row += 1
        _text(ws, row, 0, b.name, f)
        for col, kr in enumerate(
            (b.target_kr, b.pipeline_kr, b.weighted_kr, b.decided_kr, b.realised_kr, b.gap_kr),
            start=1,
        ):
            ws.write_number(row, col, kr, f.mio_table)
    rest_label, rest = (
        (da.SURPLUS, s.surplus) if p.allocation is Allocation.WATERFALL
        else (da.UNASSIGNED, s.unassigned)
    )  # fmt: skip
    row += 1
    ws.write_string(row, 0, rest_label, f.text)
    for col, kr in enumerate(
        (rest.pipeline_kr, rest.weighted_kr, rest.decided_kr, rest.realised_kr), start=2
    ):
        ws.write_number(row, col, kr, f.mio_table)
    row += 1
    ws.write_string(row, 0, da.TOTAL, f.total_text)
    for col, kr in enumerate(
        (sum(b.target_kr for b in s.buckets), t.pipeline_kr, t.weighted_kr, t.decided_kr,
         t.realised_kr, t.gap_kr),
        start=1,
    ):  # fmt: skip
        ws.write_number(row, col, kr, f.total_mio)

    row += 2
    ws.write_string(row, 0, f"{da.STAGES} (mio. kr.)", f.section)
    row += 1
    stage_cols = (da.STAGE, f"{da.WEIGHT} %", da.COUNT, da.PIPELINE, da.WEIGHTED)
    _header(ws, row, stage_cols, range(1, 5), f)
    for st in s.stages:
        row += 1
        ws.write_string(row, 0, st.label, f.text)
        ws.write_number(row, 1, p.weights.get(st.stage, 0), f.int)
        ws.write_number(row, 2, st.count, f.int)
        ws.write_number(row, 3, st.pipeline_kr, f.mio_table)
        ws.write_number(row, 4, st.weighted_kr, f.mio_table)
    row += 1
    ws.write_string(row, 0, da.TOTAL, f.total_text)
    ws.write_blank(row, 1, None, f.total_text)
    ws.write_number(row, 2, sum(st.count for st in s.stages), f.total_int)
    ws.write_number(row, 3, t.pipeline_kr, f.total_mio)
    ws.write_number(row, 4, t.weighted_kr, f.total_mio)

    row += 2
    ws.write_string(row, 0, f"{da.WARNINGS} ({len(s.warnings)})", f.section)
    for w in s.warnings:
        row += 1
        ws.write_string(row, 0, w.code, f.warning)
        _text(ws, row, 1, w.message, f)
    if not s.warnings:
        ws.write_string(row + 1, 0, da.NO_WARNINGS, f.text)

    row += 2
    m = report.meta
    ws.write_string(
        row, 0,
        f"Udskrevet {date_time(m.generated_at)} af {m.generated_by} · Parat {m.tool_version}",
        f.subtitle,
    )  # fmt: skip


def _hypotheses(wb: xlsxwriter.Workbook, report: Report, f: _Formats) -> None:
    s = report.status
    p = s.programme
    years = range(p.first_year, p.target_year + 1)
    names = {b.key: b.name for b in p.buckets}
    allocation = p.allocation
    ws = wb.add_worksheet(da.HYPOTHESES)
    y = p.target_year
    titles = [
        da.CODE, da.TITLE, da.AREA, da.OWNER, da.STAGE, da.BUCKET, f"{da.CONFIDENCE} %",
        f"{da.WEIGHT} %", f"{da.PIPELINE} {y} (mio. kr.)", f"{da.WEIGHTED} {y} (mio. kr.)",
        f"{da.DECIDED} {y} (mio. kr.)", f"{da.REALISED} {y} (mio. kr.)",
        f"{da.INVESTMENT_TOTAL} (mio. kr.)", "Version", "Sidst ændret", da.DESCRIPTION,
    ]  # fmt: skip
    first_year_col = len(titles)
    for year in years:
        titles += [f"{da.KIND_LABELS[kind]} {year}" for kind in da.FIGURE_KINDS]
    numeric = [*range(6, 14), *range(first_year_col, len(titles))]
    ws.set_row(0, 45)
    _header(ws, 0, titles, numeric, f)
    ws.set_column(0, 0, 8)
    ws.set_column(1, 1, 44)
    ws.set_column(2, 3, 20)
    ws.set_column(4, 5, 18)
    ws.set_column(6, 7, 10)
    ws.set_column(8, 12, 13)
    ws.set_column(13, 13, 8)
    ws.set_column(14, 14, 16)
    ws.set_column(15, 15, 40)
    ws.set_column(first_year_col, len(titles) - 1, 12, f.mio_table)
    ws.freeze_panes(1, 2)
    w_str, w_num = ws.write_string, ws.write_number
    text_f, quoted_f, mio_f, int_f = f.text, f.text_quoted, f.mio_table, f.int
    row = 0
    for h in s.hypotheses:
        row += 1
        d = report.details.get(h.code)
        stored, figures = (d.hypothesis, d.figures) if d else (None, {})
        for col, text in ((0, h.code), (1, h.title), (2, h.area), (3, h.owner)):
            if text:
                w_str(row, col, text, quoted_f if text.startswith(_RISKY) else text_f)
        w_str(row, 4, h.stage.label, text_f)
        if h.bucket:
            _text(ws, row, 5, earmark_label(names.get(h.bucket, h.bucket), allocation), f)
        if stored and stored.confidence_pct is not None:
            w_num(row, 6, stored.confidence_pct, int_f)
        w_num(row, 7, h.weight_pct, int_f)
        w_num(row, 8, h.pipeline_kr, mio_f)
        w_num(row, 9, h.weighted_kr, mio_f)
        w_num(row, 10, h.decided_kr, mio_f)
        w_num(row, 11, h.realised_kr, mio_f)
        w_num(row, 12, h.investment_kr, mio_f)
        w_num(row, 13, h.version, int_f)
        if h.updated_at is not None:
            ws.write_datetime(row, 14, _naive(h.updated_at), f.moment)
        if stored and stored.description:
            _text(ws, row, 15, stored.description, f)
        col = first_year_col
        for year in years:
            kinds = figures.get(year, {})
            for kind in ("potential", "realised", "investment"):
                kr = kinds.get(kind)
                if kr is not None:
                    w_num(row, col, kr, mio_f)
                col += 1
    ws.autofilter(0, 0, max(row, 1), len(titles) - 1)


def _years(wb: xlsxwriter.Workbook, report: Report, f: _Formats) -> None:
    s = report.status
    ws = wb.add_worksheet(da.YEAR)
    titles = (da.YEAR, da.PIPELINE, da.DECIDED, da.WEIGHTED, da.REALISED, da.INVESTMENT, da.NET)
    attrs = ("pipeline_kr", "decided_kr", "weighted_kr", "realised_kr", "investment_kr", "net_kr")
    ws.set_row(0, 30)
    _header(ws, 0, [titles[0], *(f"{t} (mio. kr.)" for t in titles[1:])], range(1, 7), f)
    ws.set_column(0, 0, 8)
    ws.set_column(1, 6, 14)
    ws.freeze_panes(1, 1)
    for i, y in enumerate(s.years, start=1):
        ws.write_number(i, 0, y.year, f.int)
        for col, attr in enumerate(attrs, start=1):
            ws.write_number(i, col, getattr(y, attr), f.mio_table)
    last = len(s.years)
    chart = wb.add_chart({"type": "column"})
    for attr, label, colour in SERIES:
        col = 1 + attrs.index(attr)
        chart.add_series(
            {
                "name": label,
                "categories": [da.YEAR, 1, 0, last, 0],
                "values": [da.YEAR, 1, col, last, col],
                "fill": {"color": colour},
                "border": {"none": True},
            }
        )
    chart.set_title({"name": da.TRAJECTORY, "name_font": {"size": 12}})
    chart.set_y_axis(
        {"name": "mio. kr.", "num_format": "#,##0,,", "major_gridlines": {"visible": True,
         "line": {"color": "#E3E9EF"}}}
    )  # fmt: skip
    chart.set_x_axis({"name": da.YEAR})
    chart.set_legend({"position": "bottom"})
    chart.set_size({"width": 720, "height": 360})
    ws.insert_chart(last + 3, 0, chart)


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


def _history(wb: xlsxwriter.Workbook, report: Report, f: _Formats) -> None:
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
    _header(ws, 0, titles, (), f)
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
        ws.write_datetime(row, 0, _naive(e.at), f.moment)
        action = _ACTIONS.get(e.action, e.action)
        for col, text in ((1, e.actor), (2, e.source), (3, action), (4, e.subject),
                          (5, _field_label(e.field)), (8, e.note)):  # fmt: skip
            if text:
                _text(ws, row, col, text, f)
        amount = any(e.field.startswith(prefix) for prefix in _FIGURE_FIELDS)
        for col, value in ((6, e.old_value), (7, e.new_value)):
            if value is None:
                continue
            if amount and value.lstrip("-").isdigit():
                ws.write_number(row, col, int(value), f.mio)
            elif e.field == "stage" and value in _STAGE_LABELS:
                ws.write_string(row, col, _STAGE_LABELS[value], f.text)
            else:
                _text(ws, row, col, value, f)
    if row:
        ws.autofilter(0, 0, row, len(titles) - 1)
    if report.history_truncated:
        ws.write_string(row + 2, 0, f"Kun de nyeste {len(report.history)} hændelser er med.",
                        f.subtitle)  # fmt: skip
    elif not report.history:
        ws.write_string(1, 0, "Ingen hændelser i perioden.", f.subtitle)


def _since(wb: xlsxwriter.Workbook, report: Report, f: _Formats) -> None:
    d = report.diff
    assert d is not None
    ws = wb.add_worksheet(da.SINCE)
    ws.set_column(0, 0, 26)
    ws.set_column(1, 1, 40)
    ws.set_column(2, 8, 15)
    since = d.since_label or date_time(d.since)
    until = d.until_label or date_time(d.until)
    ws.write_string(0, 0, f"{da.SINCE}: {since} – {until}", f.section)
    row = 2
    _header(ws, row, ("", da.THEN, da.NOW, da.CHANGE), (1, 2, 3), f)
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
    _header(ws, row, (da.CODE, da.TITLE, "Fra", "Til", "Tidspunkt", da.WHO, da.NOTE), (), f)
    for m in d.stage_moves:
        row += 1
        _text(ws, row, 0, m.code, f)
        _text(ws, row, 1, m.title, f)
        ws.write_string(row, 2, "(ny)" if m.old_stage is None else m.old_stage.label, f.text)
        ws.write_string(row, 3, "(ny)" if m.new_stage is None else m.new_stage.label, f.text)
        if m.at is not None:
            ws.write_datetime(row, 4, _naive(m.at), f.moment)
        _text(ws, row, 5, m.actor, f)
        _text(ws, row, 6, m.note, f)
    row += 2
    ws.write_string(row, 0, da.FIGURE_CHANGES, f.section)
    row += 1
    cols = (da.CODE, da.TITLE, "Art", da.YEAR, da.THEN, da.NOW, da.CHANGE, da.WHO)
    _header(ws, row, cols, (3, 4, 5, 6), f)
    for c in d.figure_changes:
        row += 1
        _text(ws, row, 0, c.code, f)
        _text(ws, row, 1, c.title, f)
        ws.write_string(row, 2, da.KIND_LABELS.get(c.kind, c.kind), f.text)
        ws.write_number(row, 3, c.year, f.int)
        if c.old_kr is not None:
            ws.write_number(row, 4, c.old_kr, f.mio)
        if c.new_kr is not None:
            ws.write_number(row, 5, c.new_kr, f.mio)
        ws.write_number(row, 6, (c.new_kr or 0) - (c.old_kr or 0), f.mio)
        _text(ws, row, 7, c.actor, f)
    for title, codes in ((da.ADDED, d.added), (da.DROPPED, d.dropped)):
        if codes:
            row += 2
            ws.write_string(row, 0, title, f.section)
            for code in codes:
                row += 1
                _text(ws, row, 0, code, f)
    ws.freeze_panes(1, 0)


#: Workbook options: text is never turned into a formula, URL or number.
WORKBOOK_OPTIONS: dict[str, Any] = {
    "in_memory": True,
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}


def render(report: Report) -> bytes:
    """The workbook as bytes."""
    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out, WORKBOOK_OPTIONS)
    m = report.meta
    wb.set_properties(
        {
            "title": f"Statusrapport: {report.status.programme.name}",
            "author": m.generated_by,
            "comments": f"Parat {m.tool_version}",
            "created": _naive(m.generated_at),
        }
    )
    f = _Formats(wb)
    _overview(wb, report, f)
    _hypotheses(wb, report, f)
    _years(wb, report, f)
    _history(wb, report, f)
    if report.diff is not None:
        _since(wb, report, f)
    wb.close()
    return out.getvalue()
