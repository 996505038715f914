"""The status summary as an A4 PDF, drawn with fpdf2 (pure Python, no system package).

The DejaVu Sans font ships in ``tracker/exports/fonts`` (its licence beside it), so
every character of Danish text, dashes and quotes included, prints. User text is
only ever drawn as text: no markdown mode, no links, no actions.
"""

import dataclasses
from collections.abc import Sequence

from fpdf.enums import XPos, YPos

from tracker.domain import labels as da
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
    note,
    rgb,
    table,
    wrap_words,
)
from tracker.exports.view import SummaryView, summary_view
from tracker.report import Report

__all__ = ["render"]


def _cards(doc: Document, v: SummaryView, gap_over: bool) -> None:
    cols, gap = 3, 4.0
    full = doc.w - doc.l_margin - doc.r_margin
    w, h = (full - gap * (cols - 1)) / cols, 22.0
    y_start = doc.get_y()
    for i, item in enumerate(v.headline):
        x = doc.l_margin + (i % cols) * (w + gap)
        y = y_start + (i // cols) * (h + gap)
        doc.set_fill_color(*BAND)
        doc.set_draw_color(*LINE)
        doc.set_line_width(0.2)
        doc.rect(x, y, w, h, style="DF")
        doc.set_xy(x + 3, y + 2.5)
        doc.set_font(FONT, "", 7)
        doc.set_text_color(*MUTED)
        doc.cell(w - 6, 3.5, item.label.upper())
        doc.set_xy(x + 3, y + 6.5)
        doc.set_font(FONT, "B", 14)
        colour = INK
        if item.key == "gap":
            colour = GOOD if gap_over else BAD
        doc.set_text_color(*colour)
        doc.cell(w - 6, 7, item.value)
        doc.set_xy(x + 3, y + 13.5)
        doc.set_font(FONT, "", 6.5)
        doc.set_text_color(*MUTED)
        doc.cell(w - 6, 3.5, item.hint)
        bar_w = w - 6
        doc.set_fill_color(227, 233, 239)
        doc.rect(x + 3, y + 18, bar_w, 1.6, style="F")
        fill = {"realised": GOOD, "gap": BAD}.get(item.key, ACCENT)
        doc.set_fill_color(*fill)
        if item.share_pct > 0:
            doc.rect(x + 3, y + 18, bar_w * item.share_pct / 100, 1.6, style="F")
    rows = -(-len(v.headline) // cols)
    doc.set_xy(doc.l_margin, y_start + rows * h + (rows - 1) * gap + 2)


def _chart(doc: Document, report: Report) -> None:
    full = doc.w - doc.l_margin - doc.r_margin
    c = layout_chart(report.status, width=720, height=300)
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
            doc.put(doc.l_margin + indent, y + k * line_h, width, line_h, line)
        doc.set_xy(doc.l_margin, y + line_h * len(lines))


def _since(doc: Document, v: SummaryView) -> None:
    """ "Siden sidst": what the meeting starts with, so it comes first."""
    d, w = v.diff, v.words
    assert d is not None
    heading(doc, d.heading)
    table(doc, d.totals, (45, 30, 30, 30))
    doc.ln(3)
    table(doc, d.buckets, (45, 30, 30, 30))
    heading(doc, w.stage_moves, space_needed=15)
    if d.stage_moves.rows:
        table(doc, d.stage_moves, (11, 50, 21, 21, 17, 22, 38), size=7, wrap=frozenset({1, 6}))
    else:
        _list(doc, [w.no_stage_moves])
    heading(doc, w.figure_changes, space_needed=15)
    if d.figure_changes.rows:
        table(
            doc,
            d.figure_changes,
            (11, 52, 19, 10, 17, 17, 17, 37),
            size=7,
            wrap=frozenset({1}),
        )
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
    if d.added:
        heading(doc, w.added, space_needed=15)
        _list(doc, d.added)
    if d.dropped:
        heading(doc, w.dropped, space_needed=15)
        _list(doc, d.dropped)


def render(report: Report) -> bytes:
    """Render the summary as PDF bytes."""
    v = summary_view(report)
    w = v.words
    status, meta = report.status, report.meta
    doc = Document(v.footer)
    doc.set_title(f"{v.title} – status pr. {v.status_date}")
    doc.set_author(meta.generated_by)
    doc.set_creator(f"Parat {meta.tool_version}")
    doc.set_lang("da")
    doc.set_creation_date(meta.generated_at)
    doc.add_page()

    doc.set_font(FONT, "", 7.5)
    doc.set_text_color(*MUTED)
    doc.cell(0, 4, "STATUSRAPPORT TIL CHEFGRUPPEN", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    doc.set_font(FONT, "B", 18)
    doc.set_text_color(*ACCENT)
    doc.multi_cell(0, 9, v.programme, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    doc.set_font(FONT, "", 9)
    doc.set_text_color(*MUTED)
    doc.multi_cell(
        0, 5, f"Status pr. {v.as_of} · {v.target_line}", new_x=XPos.LMARGIN, new_y=YPos.NEXT
    )
    doc.set_draw_color(*ACCENT)
    doc.set_line_width(0.8)
    doc.line(doc.l_margin, doc.get_y() + 1, doc.w - doc.r_margin, doc.get_y() + 1)
    doc.ln(4)

    if v.diff is not None:
        _since(doc, v)

    heading(doc, w.overview)
    _cards(doc, v, status.totals.gap_kr < 0)
    note(doc, v.gap_note)

    heading(doc, w.buckets)
    table(doc, v.buckets, _widths(len(v.buckets.headers), 180, first=45))
    note(doc, f"{v.allocation_note} {w.in_mio}")

    heading(doc, w.stages)
    table(doc, v.stages, (50, 20, 20, 30, 30))

    heading(doc, w.trajectory, space_needed=90)
    _chart(doc, report)
    table(doc, v.years, _widths(len(v.years.headers), 180, first=18))
    note(doc, f"{w.net_note} {w.in_mio}")

    # The hypotheses get landscape pages: eleven columns need the width.
    doc.add_page(orientation="L")
    heading(doc, f"{w.hypotheses} (tal for {status.programme.target_year} i {v.unit})")
    if len(v.hypotheses.headers) == 12:  # with udmøntet: the other columns give way
        widths: tuple[float, ...] = (12, 66, 25.5, 27.5, 21, 29.5, 11, 15, 15, 15, 15, 15)
    else:
        widths = (12, 66, 28, 30, 21, 32, 11, 16.5, 16.5, 16.5, 17.5)
    table(
        doc,
        v.hypotheses,
        widths,
        size=7,
        wrap=frozenset({1, 2, 3, 5}),
    )
    if v.other_benefits is not None:
        heading(doc, f"{w.other_benefits} ({v.unit})", space_needed=25)
        table(doc, v.other_benefits, (70, 14, 24, 24, 135), size=7, wrap=frozenset({4}))

    if v.budget is not None:
        heading(doc, v.budget_heading, space_needed=30)
        # The short headings: a PDF cell does not wrap its header.
        short = (v.budget.headers[0], *da.BUDGET_SHORT_COLUMNS.values())
        budget = dataclasses.replace(v.budget, headers=short)
        table(doc, budget, (51, *(24,) * 9), size=7, wrap=frozenset({0}))
        for line in v.budget_notes:
            note(doc, line)

    heading(doc, w.warnings, space_needed=15)
    _list(doc, [message for _, message in v.warnings] or [w.no_warnings])

    return bytes(doc.output())
