"""The status summary as an A4 PDF, drawn with fpdf2 (pure Python, no system package).

The DejaVu Sans font ships in ``tracker/exports/fonts`` (its licence beside it), so
every character of Danish text, dashes and quotes included, prints. User text is
only ever drawn as text: no markdown mode, no links, no actions.
"""

import dataclasses
from collections.abc import Sequence

from fpdf.enums import XPos, YPos

from tracker.exports.chart import TARGET_COLOUR, layout_chart
from tracker.exports.pdf_layout import (
    ACCENT,
    BAD,
    BAND,
    FONT,
    GOOD,
    INK,
    LINE,
    MUTED,
    Document,
    heading,
    keep_together,
    note,
    rgb,
    table,
    table_height,
    wrap_words,
)
from tracker.exports.view import SummaryView, Table, summary_view
from tracker.i18n import _
from tracker.report import Report
from tracker.report.budget import SHORT_COLUMNS

__all__ = ["render"]

#: The headline cards: two rows of three (mm).
_CARD_H, _CARD_GAP = 19.0, 4.0
CARDS_HEIGHT = 2 * _CARD_H + _CARD_GAP + 2
#: The trajectory chart in the chart's own units; A4's text width scales it to mm.
_CHART_W, _CHART_H = 720, 240
CHART_HEIGHT = _CHART_H * 180 / _CHART_W + 2


def _cards(doc: Document, v: SummaryView, gap_over: bool) -> None:
    cols, gap, h = 3, _CARD_GAP, _CARD_H
    full = doc.w - doc.l_margin - doc.r_margin
    w = (full - gap * (cols - 1)) / cols
    y_start = doc.get_y()
    for i, item in enumerate(v.headline):
        x = doc.l_margin + (i % cols) * (w + gap)
        y = y_start + (i // cols) * (h + gap)
        doc.set_fill_color(*BAND)
        doc.set_draw_color(*LINE)
        doc.set_line_width(0.2)
        doc.rect(x, y, w, h, style="DF")
        doc.set_xy(x + 3, y + 2)
        doc.set_font(FONT, "", 7)
        doc.set_text_color(*MUTED)
        doc.cell(w - 6, 3.5, item.label.upper())
        doc.set_xy(x + 3, y + 5.5)
        doc.set_font(FONT, "B", 14)
        colour = INK
        if item.key == "gap":
            colour = GOOD if gap_over else BAD
        doc.set_text_color(*colour)
        doc.cell(w - 6, 7, item.value)
        doc.set_xy(x + 3, y + 11.8)
        doc.set_font(FONT, "", 6.5)
        doc.set_text_color(*MUTED)
        doc.cell(w - 6, 3.5, item.hint)
        bar_w = w - 6
        doc.set_fill_color(227, 233, 239)
        doc.rect(x + 3, y + 15.6, bar_w, 1.6, style="F")
        fill = {"realised": GOOD, "gap": BAD}.get(item.key, ACCENT)
        doc.set_fill_color(*fill)
        if item.share_pct > 0:
            doc.rect(x + 3, y + 15.6, bar_w * item.share_pct / 100, 1.6, style="F")
    rows = -(-len(v.headline) // cols)
    doc.set_xy(doc.l_margin, y_start + rows * h + (rows - 1) * gap + 2)


def _chart(doc: Document, report: Report) -> None:
    full = doc.w - doc.l_margin - doc.r_margin
    c = layout_chart(report.status, width=_CHART_W, height=_CHART_H)
    scale = full / c.width
    height = c.height * scale
    if doc.get_y() + height > doc.h - doc.b_margin:
        doc.add_page(same=True)
    ox, oy = doc.l_margin, doc.get_y()

    def X(v: float) -> float:
        return ox + v * scale

    def Y(v: float) -> float:
        return oy + v * scale

    doc.set_font(FONT, "", 6.5)
    for y, label in c.y_ticks:
        doc.set_draw_color(227, 233, 239)
        doc.set_line_width(0.2)
        doc.line(X(c.left), Y(y), X(c.left + c.plot_w), Y(y))
        doc.set_text_color(*MUTED)
        doc.set_xy(X(0), Y(y) - 1.5)
        doc.cell(X(c.left - 6) - X(0), 3, label, align="R")
    for b in c.bars:
        if b.h <= 0:
            continue
        doc.set_fill_color(*rgb(b.colour))
        doc.rect(X(b.x), Y(b.y), b.w * scale, b.h * scale, style="F")
    doc.set_draw_color(*INK)
    doc.set_line_width(0.3)
    doc.line(X(c.left), Y(c.zero_y), X(c.left + c.plot_w), Y(c.zero_y))
    if c.target_y is not None:
        doc.set_draw_color(*rgb(TARGET_COLOUR))
        doc.set_line_width(0.4)
        doc.set_dash_pattern(dash=1.6, gap=1.2)
        doc.line(X(c.left), Y(c.target_y), X(c.left + c.plot_w), Y(c.target_y))
        doc.set_dash_pattern()
        doc.set_text_color(*rgb(TARGET_COLOUR))
        doc.set_xy(X(c.left) + 1, Y(c.target_y) - 4)
        doc.cell(c.plot_w * scale, 3.5, c.target_label, align="L")
    doc.set_text_color(*INK)
    doc.set_font(FONT, "", 7.5)
    for x, label in c.x_labels:
        doc.set_xy(X(x) - 10, Y(c.top + c.plot_h + 6))
        doc.cell(20, 4, label, align="C")
    doc.set_font(FONT, "", 7)
    for i, (label, colour) in enumerate(c.legend):
        lx = X(c.left + i * 110)
        ly = Y(c.height - 14)
        doc.set_fill_color(*rgb(colour))
        doc.rect(lx, ly, 2.6, 2.6, style="F")
        doc.set_xy(lx + 3.5, ly - 0.5)
        doc.cell(25, 3.6, label)
    doc.set_xy(doc.l_margin, oy + height + 2)


def _widths(columns: int, full: float, *, first: float) -> tuple[float, ...]:
    """The first column ``first`` wide, the others sharing the rest of ``full``."""
    return (first, *((full - first) / (columns - 1),) * (columns - 1))


def _list(doc: Document, items: Sequence[str]) -> None:
    doc.set_font(FONT, "", 8)
    doc.set_text_color(*INK)
    line_h, indent = 4.2, 4.0
    width = doc.w - doc.l_margin - doc.r_margin - indent
    for item in items:
        lines = wrap_words(doc, item, width, max_lines=6)
        if doc.get_y() + line_h * len(lines) > doc.h - doc.b_margin:
            doc.add_page(same=True)
        y = doc.get_y()
        doc.put(doc.l_margin, y, indent, line_h, "•")
        for k, line in enumerate(lines):
            doc.put_fitted(doc.l_margin + indent, y + k * line_h, width, line_h, line)
        doc.set_xy(doc.l_margin, y + line_h * len(lines))


def _paragraph(doc: Document, label: str, items: Sequence[str]) -> None:
    """``Nye hypoteser: H17 Samordnet befordring; H18 …`` as one wrapped paragraph."""
    doc.set_font(FONT, "", 8)
    doc.set_text_color(*INK)
    line_h, width = 4.2, doc.w - doc.l_margin - doc.r_margin
    lines = wrap_words(doc, f"{label}: {'; '.join(items)}.", width, max_lines=50)
    keep_together(doc, line_h * min(len(lines), 3) + 2)
    doc.ln(1)
    for line in lines:
        if doc.get_y() + line_h > doc.h - doc.b_margin:
            doc.add_page(same=True)
        doc.put_fitted(doc.l_margin, doc.get_y(), width, line_h, line)
        doc.set_y(doc.get_y() + line_h)


#: How much of "Siden sidst" may follow the trajectory instead of coming first, so
#: that the status still fits the first two pages: nothing, the changed figures
#: (with the new and dropped hypotheses), or the stage moves as well.
_DEFER_NOTHING, _DEFER_FIGURES, _DEFER_MOVES = 0, 1, 2
#: The stage moves' columns: code, title, from, to, date, who, decision, note.
_MOVE_WIDTHS = (10, 46, 19, 19, 16, 16, 32, 22)
_CHANGE_WIDTHS = (10, 60, 19, 10, 16, 16, 17, 32)


def _since_summary(doc: Document, v: SummaryView, defer: int) -> None:
    """ "Siden sidst": what the meeting starts with, so it comes first: the totals and
    the buckets then and now, side by side, and what moved (unless deferred)."""
    d, w = v.diff, v.words
    assert d is not None
    heading(doc, d.heading, space_needed=60)
    widths = (39, 16, 16, 16)
    high = max(table_height(doc, t, widths) for t in (d.totals, d.buckets))
    keep_together(doc, high)
    top = doc.get_y()
    table(doc, d.totals, widths)
    below = doc.get_y()
    doc.set_y(top)
    table(doc, d.buckets, widths, left=doc.w - doc.r_margin - sum(widths))
    doc.set_y(max(below, doc.get_y()))
    if defer:
        parts = (
            w.figure_changes
            if defer == _DEFER_FIGURES
            else _("{moves} and {changes}").format(
                moves=w.stage_moves, changes=w.figure_changes.lower()
            )
        )
        note(doc, _("{parts} follow {section}.").format(parts=parts, section=w.trajectory))
    if defer < _DEFER_MOVES:
        _stage_moves(doc, v)
    if defer < _DEFER_FIGURES:
        _figure_changes(doc, v)


def _stage_moves(doc: Document, v: SummaryView, title: str = "") -> None:
    d, w = v.diff, v.words
    assert d is not None
    heading(doc, title or w.stage_moves, space_needed=20)
    if d.stage_moves.rows:
        table(doc, d.stage_moves, _MOVE_WIDTHS, size=7, wrap=frozenset({1, 5, 6, 7}))
    else:
        _list(doc, [w.no_stage_moves])


def _figure_changes(doc: Document, v: SummaryView, title: str = "") -> None:
    d, w = v.diff, v.words
    assert d is not None
    heading(doc, title or w.figure_changes, space_needed=20)
    if d.figure_changes.rows:
        table(doc, d.figure_changes, _CHANGE_WIDTHS, size=7, wrap=frozenset({1, 7}))
    else:
        _list(doc, [w.no_figure_changes])
    if d.budget_changes is not None:
        heading(doc, w.budget_changes, space_needed=15)
        table(doc, d.budget_changes, (52, 34, 12, 22, 22, 22, 16), size=7, wrap=frozenset({0}))
    if d.cut_changes is not None:
        heading(doc, w.cut_changes, space_needed=15)
        table(
            doc,
            d.cut_changes,
            (11, 36, 14, 10, 17, 17, 17, 40, 18),
            size=7,
            wrap=frozenset({1, 7}),
        )
    if d.overlap_changes is not None:
        heading(doc, w.overlap_changes, space_needed=15)
        table(
            doc,
            d.overlap_changes,
            (32, 30, 30, 20, 20, 20, 28),
            size=7,
            wrap=frozenset({0, 1, 2}),
        )
    if d.validations is not None:
        heading(doc, w.validations, space_needed=15)
        table(
            doc,
            d.validations,
            (12, 10, 26, 18, 32, 18, 22, 42),
            size=7,
            wrap=frozenset({2, 4, 7}),
        )
    if d.added:
        _paragraph(doc, w.added, d.added)
    if d.dropped:
        _paragraph(doc, w.dropped, d.dropped)


def _risk(doc: Document, v: SummaryView) -> None:
    """ "Hvor sikre er vi?": right after the headline it qualifies."""
    r = v.risk
    assert r is not None
    heading(doc, r.heading, space_needed=40)
    _list(doc, r.sentences)
    doc.ln(2)
    table(doc, r.table, (60, 30, 30))
    if r.buckets is not None:
        doc.ln(3)
        table(doc, r.buckets, (50, 22, 24, 24, 30, 30), wrap=frozenset({0}))
    note(doc, r.note)


def _title(doc: Document, v: SummaryView) -> None:
    doc.set_font(FONT, "", 7.5)
    doc.set_text_color(*MUTED)
    doc.cell(0, 4, v.words.kicker.upper(), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    doc.set_font(FONT, "B", 18)
    doc.set_text_color(*ACCENT)
    doc.multi_cell(0, 9, v.programme, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    doc.set_font(FONT, "", 9)
    doc.set_text_color(*MUTED)
    doc.multi_cell(
        0,
        5,
        f"{v.words.status_as_of.format(moment=v.as_of)} · {v.target_line}",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    doc.set_draw_color(*ACCENT)
    doc.set_line_width(0.8)
    doc.line(doc.l_margin, doc.get_y() + 1, doc.w - doc.r_margin, doc.get_y() + 1)
    doc.ln(4)


#: Each block's columns (mm; the text width of A4 portrait is 180).
_STAGE_WIDTHS = (50, 20, 20, 30, 30)


def _front(doc: Document, report: Report, v: SummaryView, defer: int) -> None:
    """What the meeting reads first: "Siden sidst", the headline, buckets, stages and
    the trajectory. Each block is kept whole on a page."""
    w = v.words
    _title(doc, v)
    if v.diff is not None:
        _since_summary(doc, v, defer)
    heading(doc, w.overview, space_needed=CARDS_HEIGHT + 20)
    _cards(doc, v, report.status.totals.gap_kr < 0)
    note(doc, v.gap_note)
    note(doc, v.progress_note)

    if v.overlaps is not None:
        measures, listed = v.overlaps.measures, v.overlaps.overlaps
        widths = (40, 45, 22, 22, 51)
        high = table_height(doc, measures, (45, 30, 30, 30)) + table_height(doc, listed, widths)
        heading(doc, w.overlaps, space_needed=min(high + 10, 120))
        table(doc, measures, (45, 30, 30, 30))
        doc.ln(2)
        table(doc, listed, widths, size=7, wrap=frozenset({0, 1, 4}))
        note(doc, v.overlaps.note)

    if v.risk is not None:
        _risk(doc, v)

    bucket_widths = _widths(len(v.buckets.headers), 180, first=45)
    heading(doc, w.buckets, space_needed=table_height(doc, v.buckets, bucket_widths) + 6)
    table(doc, v.buckets, bucket_widths)
    note(doc, f"{v.allocation_note} {w.in_mio}")

    heading(doc, w.stages, space_needed=table_height(doc, v.stages, _STAGE_WIDTHS))
    table(doc, v.stages, _STAGE_WIDTHS)

    year_widths = _widths(len(v.years.headers), 180, first=18)
    years = table_height(doc, v.years, year_widths)
    heading(doc, w.trajectory, space_needed=CHART_HEIGHT + years + 6)
    _chart(doc, report)
    table(doc, v.years, year_widths)
    note(doc, f"{w.net_note} {w.in_mio}")


def _hypotheses(doc: Document, v: SummaryView, target_year: int) -> None:
    """The hypotheses on portrait pages: the area column gives way to the grouping
    (each area's subtotal row names it), or to the heading when there is one area."""
    w, t = v.words, v.hypotheses
    areas = {row[2].strip() for n, row in enumerate(t.rows) if n not in t.subtotals}
    figures = _("figures for {year} in {unit}").format(year=target_year, unit=v.unit)
    title = f"{w.hypotheses} ({figures})"
    if not t.subtotals and len(areas) == 1 and (area := areas.pop()):
        title = f"{w.hypotheses}, {area} ({figures})"
    heading(doc, title, space_needed=40)
    if len(t.headers) == 13:  # with udmøntet: the other columns give way
        widths: tuple[float, ...] = (9, 36, 18, 17, 18, 8, 12.3, 12.3, 12.3, 12.3, 12.3, 12.3)
    else:
        widths = (9, 38, 20, 19, 20, 9, 13, 13, 13, 13, 13)
    table(
        doc,
        _without_column(t, 2),
        widths,
        size=7,
        wrap=frozenset({1, 2, 4}),
        max_lines=8,
    )


def _without_column(t: Table, index: int) -> Table:
    def cut(cells: tuple[str, ...]) -> tuple[str, ...]:
        return cells[:index] + cells[index + 1 :]

    return Table(
        cut(t.headers),
        tuple(cut(r) for r in t.rows),
        frozenset(i - (i > index) for i in t.numeric if i != index),
        footer=None if t.footer is None else cut(t.footer),
        subtotals=t.subtotals,
    )


def _document(report: Report, v: SummaryView) -> Document:
    meta = report.meta
    doc = Document(v.footer)
    as_of = v.words.status_as_of_date.format(moment=v.status_date)
    doc.set_title(f"{v.title} – {as_of}")
    doc.set_author(meta.generated_by)
    doc.set_creator(f"Parat {meta.tool_version}")
    doc.set_lang(v.words.language)
    doc.set_creation_date(meta.generated_at)
    doc.add_page()
    return doc


def render(report: Report) -> bytes:
    """Render the summary as PDF bytes: A4 portrait, the meeting's first reading on
    the first two pages where it can be (a long "Siden sidst" lends its detail tables
    to the pages after the trajectory), then the hypotheses and the warnings."""
    v = summary_view(report)
    w = v.words
    levels = (_DEFER_NOTHING, _DEFER_FIGURES, _DEFER_MOVES) if v.diff else (_DEFER_NOTHING,)
    for defer in levels:
        doc = _document(report, v)
        _front(doc, report, v, defer)
        if doc.page_no() <= 2:
            break
    if v.diff is not None and defer:
        since = f"{w.since}: "
        if defer == _DEFER_MOVES:
            _stage_moves(doc, v, since + w.stage_moves)
        _figure_changes(doc, v, since + w.figure_changes)

    _hypotheses(doc, v, report.status.programme.target_year)
    if v.other_benefits is not None:
        heading(doc, f"{w.other_benefits} ({v.unit})", space_needed=25)
        table(doc, v.other_benefits, (50, 12, 20, 20, 78), size=7, wrap=frozenset({4}))

    if v.budget is not None:
        heading(doc, v.budget_heading, space_needed=30)
        # The short headings: a PDF cell does not wrap its header.
        short = (v.budget.headers[0], *(_(text) for text in SHORT_COLUMNS.values()))
        budget = dataclasses.replace(v.budget, headers=short)
        table(doc, budget, (48, *(132 / 9,) * 9), size=7, wrap=frozenset({0}))
        for line in v.budget_notes:
            note(doc, line)

    heading(doc, w.warnings, space_needed=15)
    _list(doc, [message for _, message in v.warnings] or [w.no_warnings])

    return bytes(doc.output())
