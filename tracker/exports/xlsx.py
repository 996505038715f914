"""The status as a spreadsheet (XlsxWriter): sheets Overblik, Hypoteser, År, Historik,
"Siden sidst" when a diff is given, "Hvor sikre er vi?" when the report holds the
risk figures, and Budgetopfølgning when the programme has rammer.

Amounts are stored as numbers in whole kroner, so sums in Excel are exact; the
display format scales them to mio. kr. (``#,##0.0,,`` – each trailing comma divides
by a thousand). Text is always written as text (``strings_to_formulas`` off,
``write_string``); text that a spreadsheet could take for a formula (``=``, ``+``,
``-``, ``@``, tab, CR) also carries Excel's quote prefix, so it stays text even when
someone edits the cell, while showing exactly what the user typed.
"""

import io
from typing import Any

import xlsxwriter

from tracker.domain import labels as da
from tracker.domain.groups import by_area
from tracker.domain.ranges import RANGE_KINDS
from tracker.domain.status import Allocation, earmark_label
from tracker.exports.chart import SERIES
from tracker.exports.danish import date_time
from tracker.exports.xlsx_cells import (
    MIO_FORMAT,
    MIO_TABLE_FORMAT,
    RISKY,
    Formats,
    naive,
    write_header,
    write_text,
)
from tracker.exports.xlsx_changes import history_sheet, since_sheet
from tracker.i18n import _
from tracker.report import Report
from tracker.report.words import (
    allocation_name,
    area_name,
    benefit_name,
    stage_name,
    warning_sentence,
    word,
)

__all__ = ["MIO_FORMAT", "MIO_TABLE_FORMAT", "SHEETS", "render"]

#: The sheets every workbook has, by their Danish names (English: :func:`word`).
SHEETS = (da.OVERVIEW, da.HYPOTHESES, da.YEAR, "Historik")


def _overview(wb: xlsxwriter.Workbook, report: Report, f: Formats) -> None:
    s = report.status
    p, t = s.programme, s.totals
    ws = wb.add_worksheet(word(da.OVERVIEW))
    ws.set_column(0, 0, 30)
    ws.set_column(1, 7, 16)
    ws.set_row(0, 24)
    ws.write_string(0, 0, _("Status report: {name}").format(name=p.name), f.title)
    as_of = _("Status as of {moment}").format(moment=date_time(s.as_of))
    ws.write_string(1, 0, as_of, f.subtitle)
    target = _("Target with annual effect in {year}; amounts in mio. kr.")
    ws.write_string(2, 0, target.format(year=p.target_year), f.subtitle)
    ws.freeze_panes(3, 0)

    row = 4
    ws.write_string(row, 0, _("Key figures"), f.section)
    row += 1
    write_header(ws, row, ("", word(da.AMOUNT), _("Explanation")), (1,), f)
    hint = {key: word(text) for key, text in da.MEASURE_HINTS.items()}
    layer = p.has_rammer  # udmøntet, between decided and realised
    figures = (
        (da.TARGET, t.target_kr, _("annual effect in {year}").format(year=p.target_year)),
        (da.REALISED, t.realised_kr, hint["realised"]),
        (da.VALIDATED, t.validated_kr, hint["validated"]),
        *(((da.BUDGETED, t.budgeted_kr, hint["budgeted"]),) if layer else ()),
        (da.DECIDED, t.decided_kr, hint["decided"]),
        (da.WEIGHTED, t.weighted_kr, hint["weighted"]),
        (da.PIPELINE, t.pipeline_kr, hint["pipeline"]),
        (da.GAP, t.gap_kr, hint["gap"]),
        (da.INVESTMENT_TOTAL, t.investment_kr, _("all the programme's years")),
    )
    for label, kr, explained in figures:
        row += 1
        ws.write_string(row, 0, word(label), f.text)
        ws.write_number(row, 1, kr, f.mio_bold if label in (da.TARGET, da.GAP) else f.mio)
        ws.write_string(row, 2, explained, f.subtitle)
    row += 1
    measure = word(da.MEASURE_LABELS[s.progress_measure.value]).lower()
    ws.write_string(row, 0, f"{word(da.PROGRESS_MEASURE)}: {measure}", f.subtitle)

    if s.overlaps:
        row = _overlaps(ws, row + 2, report, f)
    if any(o.count for o in s.other_benefits):
        row = _other_benefits(ws, row + 2, report, f)

    row += 2
    mode = allocation_name(p.allocation.value)
    ws.write_string(row, 0, f"{word(da.BUCKETS)} ({mode}, mio. kr.)", f.section)
    row += 1
    cols = (da.BUCKET, da.TARGET, da.PIPELINE, da.WEIGHTED, da.DECIDED,
            *((da.BUDGETED,) if layer else ()), da.REALISED, da.VALIDATED, da.GAP)  # fmt: skip
    names = ("pipeline_kr", "weighted_kr", "decided_kr",
             *(("budgeted_kr",) if layer else ()), "realised_kr", "validated_kr")  # fmt: skip
    write_header(ws, row, [word(c) for c in cols], range(1, len(cols)), f)
    for b in s.buckets:
        row += 1
        write_text(ws, row, 0, b.name, f)
        for col, kr in enumerate(
            (b.target_kr, *(getattr(b, n) for n in names), b.gap_kr),
            start=1,
        ):
            ws.write_number(row, col, kr, f.mio_table)
    rest_label, rest = (
        (da.SURPLUS, s.surplus) if p.allocation is Allocation.WATERFALL
        else (da.UNASSIGNED, s.unassigned)
    )  # fmt: skip
    row += 1
    ws.write_string(row, 0, word(rest_label), f.text)
    for col, kr in enumerate((getattr(rest, n) for n in names), start=2):
        ws.write_number(row, col, kr, f.mio_table)
    row += 1
    ws.write_string(row, 0, word(da.TOTAL), f.total_text)
    for col, kr in enumerate(
        (sum(b.target_kr for b in s.buckets), *(getattr(t, n) for n in names), t.gap_kr),
        start=1,
    ):
        ws.write_number(row, col, kr, f.total_mio)

    row += 2
    ws.write_string(row, 0, f"{word(da.STAGES)} (mio. kr.)", f.section)
    row += 1
    stage_cols = (word(da.STAGE), f"{word(da.WEIGHT)} %", word(da.COUNT), word(da.PIPELINE),
                  word(da.WEIGHTED))  # fmt: skip
    write_header(ws, row, stage_cols, range(1, 5), f)
    for st in s.stages:
        row += 1
        ws.write_string(row, 0, stage_name(st.stage), f.text)
        ws.write_number(row, 1, p.weights.get(st.stage, 0), f.int)
        ws.write_number(row, 2, st.count, f.int)
        ws.write_number(row, 3, st.pipeline_kr, f.mio_table)
        ws.write_number(row, 4, st.weighted_kr, f.mio_table)
    row += 1
    ws.write_string(row, 0, word(da.TOTAL), f.total_text)
    ws.write_blank(row, 1, None, f.total_text)
    ws.write_number(row, 2, sum(st.count for st in s.stages), f.total_int)
    # the stages are brutto: their sum is before any overlap is taken off
    ws.write_number(row, 3, t.gross_pipeline_kr, f.total_mio)
    ws.write_number(row, 4, t.gross_weighted_kr, f.total_mio)

    row += 2
    ws.write_string(row, 0, f"{word(da.WARNINGS)} ({len(s.warnings)})", f.section)
    for w in s.warnings:
        row += 1
        ws.write_string(row, 0, w.code, f.warning)
        write_text(ws, row, 1, warning_sentence(w), f)
    if not s.warnings:
        ws.write_string(row + 1, 0, word(da.NO_WARNINGS), f.text)

    row += 2
    m = report.meta
    printed = _("Printed {moment} by {actor} · Parat {version}").format(
        moment=date_time(m.generated_at), actor=m.generated_by, version=m.tool_version
    )
    ws.write_string(row, 0, printed, f.subtitle)


def _overlaps(ws: Any, row: int, report: Report, f: Formats) -> int:
    """Brutto, dobbelttælling and netto per measure, then each overlap, from ``row``;
    returns the last row written. Amounts are numbers in kroner, shown in mio. kr."""
    s = report.status
    t = s.totals
    ws.write_string(row, 0, f"{word(da.OVERLAP)} (mio. kr.)", f.section)
    row += 1
    write_header(ws, row, ("", word(da.GROSS), word(da.OVERLAP), word(da.NETTO)), (1, 2, 3), f)
    for label, gross, overlap, net in (
        (da.PIPELINE, t.gross_pipeline_kr, t.overlap_kr, t.pipeline_kr),
        (da.WEIGHTED, t.gross_weighted_kr, t.overlap_weighted_kr, t.weighted_kr),
        (da.DECIDED, t.gross_decided_kr, t.overlap_decided_kr, t.decided_kr),
        (da.REALISED, t.gross_realised_kr, t.overlap_realised_kr, t.realised_kr),
        (da.VALIDATED, t.gross_validated_kr, t.overlap_validated_kr, t.validated_kr),
    ):
        row += 1
        ws.write_string(row, 0, word(label), f.text)
        for col, kr in enumerate((gross, overlap, net), start=1):
            ws.write_number(row, col, kr, f.mio_table)
    row += 2
    overlap_cols = (_("Name"), da.HYPOTHESES, da.AMOUNT, da.WEIGHTED, da.NOTE)
    write_header(ws, row, [word(c) for c in overlap_cols], (2, 3), f)
    not_counted = word(da.OVERLAP_NOT_COUNTED)
    for o in s.overlaps:
        row += 1
        write_text(ws, row, 0, o.name, f)
        members = ", ".join(
            code if code in o.counted else f"{code} ({not_counted})" for code in o.members
        )
        ws.write_string(row, 1, members, f.text)
        ws.write_number(row, 2, o.amount_kr, f.mio_table)
        if o.counts:
            ws.write_number(row, 3, o.weighted_kr, f.mio_table)
        else:
            ws.write_string(row, 3, f"({not_counted})", f.text)
        if o.note:
            write_text(ws, row, 4, o.note, f)
    row += 1
    ws.write_string(row, 0, f"{word(da.OVERLAP_NOTE)} {word(da.OVERLAP_GROSS_NOTE)}", f.subtitle)
    return row


def _other_benefits(ws: Any, row: int, report: Report, f: Formats) -> int:
    """Øvrige gevinster from ``row``: per benefit type that does not count toward the
    target, how many hypotheses, pipeline, weighted and their codes; returns the last
    row written."""
    s = report.status
    codes: dict[str, list[str]] = {}
    for h in s.hypotheses:
        if not h.counts:
            codes.setdefault(h.benefit_type.value, []).append(h.code)
    ws.write_string(row, 0, f"{word(da.OTHER_BENEFITS)} (mio. kr.)", f.section)
    row += 1
    cols = (da.BENEFIT_TYPE, da.COUNT, da.PIPELINE, da.WEIGHTED, da.HYPOTHESES)
    write_header(ws, row, [word(c) for c in cols], (1, 2, 3), f)
    for o in s.other_benefits:
        if not o.count:
            continue
        row += 1
        ws.write_string(row, 0, benefit_name(o.benefit_type), f.text)
        ws.write_number(row, 1, o.count, f.int)
        ws.write_number(row, 2, o.pipeline_kr, f.mio_table)
        ws.write_number(row, 3, o.weighted_kr, f.mio_table)
        ws.write_string(row, 4, ", ".join(codes.get(o.benefit_type.value, [])), f.text)
    return row


def _hypotheses(wb: xlsxwriter.Workbook, report: Report, f: Formats) -> None:
    s = report.status
    p = s.programme
    years = p.years
    names = {b.key: b.name for b in p.buckets}
    allocation = p.allocation
    ws = wb.add_worksheet(word(da.HYPOTHESES))
    y = p.target_year
    w = word
    titles = [
        w(da.CODE), w(da.TITLE), w(da.AREA), w(da.OWNER), w(da.STAGE), w(da.BUCKET),
        f"{w(da.CONFIDENCE)} %", f"{w(da.WEIGHT)} %", f"{w(da.PIPELINE)} {y} (mio. kr.)",
        f"{w(da.WEIGHTED)} {y} (mio. kr.)", f"{w(da.DECIDED)} {y} (mio. kr.)",
        f"{w(da.REALISED)} {y} (mio. kr.)", f"{w(da.VALIDATED)} {y} (mio. kr.)",
        f"{w(da.INVESTMENT_TOTAL)} (mio. kr.)", _("Version"), _("Last changed"),
        w(da.DESCRIPTION), w(da.BENEFIT_TYPE),
    ]  # fmt: skip
    layer = p.has_rammer  # udmøntet: a column after the type, the year columns after it
    if layer:
        titles.append(f"{w(da.BUDGETED)} {y} (mio. kr.)")
    first_year_col = len(titles)
    kinds = _kinds(report)
    labels = {key: w(text) for key, text in {**da.KIND_LABELS, **da.RANGE_LABELS}.items()}
    not_counted = w(da.NOT_COUNTED)
    for year in years:
        titles += [f"{labels[kind]} {year}" for kind in kinds]
    extra = [18] if layer else []
    numeric = [*range(6, 15), *extra, *range(first_year_col, len(titles))]
    ws.set_row(0, 45)
    write_header(ws, 0, titles, numeric, f)
    ws.set_column(0, 0, 8)
    ws.set_column(1, 1, 44)
    ws.set_column(2, 3, 20)
    ws.set_column(4, 5, 18)
    ws.set_column(6, 7, 10)
    ws.set_column(8, 13, 13)
    ws.set_column(14, 14, 8)
    ws.set_column(15, 15, 16)
    ws.set_column(16, 16, 40)
    ws.set_column(17, 17, 24)
    if layer:
        ws.set_column(18, 18, 13)
    ws.set_column(first_year_col, len(titles) - 1, 12, f.mio_table)
    ws.freeze_panes(1, 2)
    ws.outline_settings(True, False, True, False)  # the +/- of the areas above their rows
    w_str, w_num = ws.write_string, ws.write_number
    text_f, quoted_f, mio_f, int_f = f.text, f.text_quoted, f.mio_table, f.int
    amount_cols = [*range(8, 14), *extra, *range(first_year_col, len(titles))]
    groups = by_area(s.hypotheses)
    grouped = len(groups) > 1
    total = dict.fromkeys(amount_cols, 0)
    row = 0
    for g in groups:
        sums = dict.fromkeys(amount_cols, 0)
        for h in g.hypotheses:
            row += 1
            if grouped:
                ws.set_row(row, None, None, {"level": 1})
            d = report.details.get(h.code)
            stored, figures = (d.hypothesis, d.figures) if d else (None, {})
            for col, text in ((0, h.code), (1, h.title), (2, h.area), (3, h.owner)):
                if text:
                    w_str(row, col, text, quoted_f if text.startswith(RISKY) else text_f)
            w_str(row, 4, stage_name(h.stage), text_f)
            if h.bucket:
                label = earmark_label(names.get(h.bucket, h.bucket), allocation)
                write_text(ws, row, 5, label, f)
            if stored and stored.confidence_pct is not None:
                w_num(row, 6, stored.confidence_pct, int_f)
            w_num(row, 7, h.weight_pct, int_f)
            amounts = {8: h.pipeline_kr, 9: h.weighted_kr, 10: h.decided_kr,
                       11: h.realised_kr, 12: h.validated_kr, 13: h.investment_kr}  # fmt: skip
            if layer:
                amounts[18] = h.budgeted_kr
            w_num(row, 14, h.version, int_f)
            if h.updated_at is not None:
                ws.write_datetime(row, 15, naive(h.updated_at), f.moment)
            if stored and stored.description:
                write_text(ws, row, 16, stored.description, f)
            benefit = benefit_name(h.benefit_type)
            if not h.counts:  # beside the target, never in it: the sums leave it out
                benefit = f"{benefit} ({not_counted})"
            w_str(row, 17, benefit, text_f)
            col = first_year_col
            for year in years:
                stored_kinds = figures.get(year, {})
                for kind in kinds:
                    kr = stored_kinds.get(kind)
                    if kr is not None:
                        amounts[col] = kr
                    col += 1
            for col, kr in amounts.items():
                w_num(row, col, kr, mio_f)
                if h.counts:  # the totals are the target's: counting types only
                    sums[col] += kr
        for col, kr in sums.items():
            total[col] += kr
        if grouped:
            # Numbers, not SUBTOTAL formulas: the workbook holds no formula at all
            # (tests/exports/test_injection.py), so nothing in it ever calculates.
            row += 1
            ws.write_string(row, 1, f"{w(da.TOTAL)} {area_name(g.area)}", f.subtotal_text)
            for col in range(2, 8):
                ws.write_blank(row, col, None, f.subtotal_text)
            for col, kr in sums.items():
                ws.write_number(row, col, kr, f.subtotal_mio)
    last = row
    ws.autofilter(0, 0, max(last, 1), len(titles) - 1)
    row += 1
    ws.write_string(row, 0, w(da.TOTAL), f.total_text)
    counted = sum(1 for h in s.hypotheses if h.counts)
    ws.write_string(row, 1, _("{count} hypotheses").format(count=counted), f.total_text)
    for col in range(2, 8):
        ws.write_blank(row, col, None, f.total_text)
    for col in amount_cols:
        ws.write_number(row, col, total[col], f.total_mio)


def _kinds(report: Report) -> tuple[str, ...]:
    """The figure kinds of a year's columns: the range's (Minimum, Maksimum) too when
    any hypothesis has one, as in the CSV export."""
    ranged = any(
        kind in stored
        for d in report.details.values()
        for stored in d.figures.values()
        for kind in RANGE_KINDS
    )
    return (*da.FIGURE_KINDS, *RANGE_KINDS) if ranged else da.FIGURE_KINDS


def _years(wb: xlsxwriter.Workbook, report: Report, f: Formats) -> None:
    s = report.status
    sheet = word(da.YEAR)
    ws = wb.add_worksheet(sheet)
    layer = s.programme.has_rammer  # udmøntet, between decided and realised
    titles = tuple(
        word(t) for t in (da.YEAR, da.PIPELINE, da.DECIDED, da.WEIGHTED,
                          *((da.BUDGETED,) if layer else ()), da.REALISED, da.VALIDATED,
                          da.INVESTMENT, da.NET)
    )  # fmt: skip
    attrs = ("pipeline_kr", "decided_kr", "weighted_kr", *(("budgeted_kr",) if layer else ()),
             "realised_kr", "validated_kr", "investment_kr", "net_kr")  # fmt: skip
    ws.set_row(0, 30)
    write_header(
        ws, 0, [titles[0], *(f"{t} (mio. kr.)" for t in titles[1:])], range(1, len(titles)), f
    )
    ws.set_column(0, 0, 8)
    ws.set_column(1, len(titles) - 1, 14)
    ws.freeze_panes(1, 1)
    for i, y in enumerate(s.years, start=1):
        ws.write_number(i, 0, y.year, f.int)
        for col, attr in enumerate(attrs, start=1):
            ws.write_number(i, col, getattr(y, attr), f.mio_table)
    last = len(s.years)
    ws.write_string(last + 1, 0, word(da.TOTAL), f.total_text)
    for col, attr in enumerate(attrs, start=1):
        ws.write_number(last + 1, col, sum(getattr(y, attr) for y in s.years), f.total_mio)
    chart = wb.add_chart({"type": "column"})
    for attr, label, colour in SERIES:
        col = 1 + attrs.index(attr)
        chart.add_series(
            {
                "name": word(label),
                "categories": [sheet, 1, 0, last, 0],
                "values": [sheet, 1, col, last, col],
                "fill": {"color": colour},
                "border": {"none": True},
            }
        )
    chart.set_title({"name": word(da.TRAJECTORY), "name_font": {"size": 12}})
    chart.set_y_axis(
        {"name": "mio. kr.", "num_format": "#,##0,,", "major_gridlines": {"visible": True,
         "line": {"color": "#E3E9EF"}}}
    )  # fmt: skip
    chart.set_x_axis({"name": sheet})
    chart.set_legend({"position": "bottom"})
    chart.set_size({"width": 720, "height": 360})
    ws.insert_chart(last + 4, 0, chart)


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
            "title": _("Status report: {name}").format(name=report.status.programme.name),
            "author": m.generated_by,
            "comments": f"Parat {m.tool_version}",
            "created": naive(m.generated_at),
        }
    )
    f = Formats(wb)
    if report.diff is not None:
        # What the meeting starts with: the first sheet, the one that opens.
        since_sheet(wb, report, f)
    _overview(wb, report, f)
    if report.risk is not None:
        from tracker.exports.xlsx_risk import risk_sheet

        risk_sheet(wb, report, f)
    _hypotheses(wb, report, f)
    _years(wb, report, f)
    if report.budget is not None:
        from tracker.exports.xlsx_budget import budget_sheet

        budget_sheet(wb, report.budget, f)
    history_sheet(wb, report, f)
    wb.close()
    return out.getvalue()
