"""The status summary as an A4 PDF, drawn with fpdf2 (pure Python, no system package).

The DejaVu Sans font ships in ``tracker/exports/fonts`` (its licence beside it), so
every character of Danish text, dashes and quotes included, prints. User text is
only ever drawn as text: no markdown mode, no links, no actions.
"""

from collections.abc import Sequence
from importlib import resources

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from tracker.exports.chart import TARGET_COLOUR, layout_chart
from tracker.exports.view import SummaryView, Table, summary_view
from tracker.report import Report

__all__ = ["render"]

FONT = "DejaVu"
INK = (28, 39, 51)
MUTED = (91, 107, 124)
ACCENT = (31, 78, 121)
LINE = (217, 224, 231)
BAND = (244, 247, 250)
GOOD = (46, 139, 87)
BAD = (192, 57, 43)


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    h = hex_colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


class _Document(FPDF):
    """A4 portrait with a running footer (text and page numbers)."""

    def __init__(self, footer_text: str) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.footer_text = footer_text
        fonts = resources.files("tracker.exports") / "fonts"
        with resources.as_file(fonts / "DejaVuSans.ttf") as regular:
            self.add_font(FONT, "", regular)
        with resources.as_file(fonts / "DejaVuSans-Bold.ttf") as bold:
            self.add_font(FONT, "B", bold)
        self.set_margins(15, 15, 15)
        self.set_auto_page_break(True, margin=16)
        self.alias_nb_pages()
        self._widths: dict[tuple[str, str], dict[str, float]] = {}

    def footer(self) -> None:
        self.set_y(-11)
        self.set_font(FONT, "", 7)
        self.set_text_color(*MUTED)
        self.cell(0, 4, self.footer_text, align="L")
        self.set_x(self.l_margin)
        self.cell(0, 4, f"Side {self.page_no()} af {{nb}}", align="R")

    def width_of(self, text: str) -> float:
        """String width in the current font: a sum of cached character widths.

        fpdf2 measures unshaped text as the sum of its glyphs' advances, so caching
        per character gives the same result ~10× faster than ``get_string_width``.
        """
        table = self._widths.setdefault((self.font_family, self.font_style), {})
        total = 0.0
        for ch in text:
            w = table.get(ch)
            if w is None:
                w = table[ch] = self.get_string_width(ch) / self.font_size_pt
            total += w
        return total * self.font_size_pt

    def put(self, x: float, y: float, w: float, h: float, text: str, align: str = "L") -> None:
        """Text in the box (x, y, w, h), vertically centred like ``cell`` does it.

        ``text()`` is several times faster than ``cell()``, which matters for a table
        of 10,000 rows.
        """
        if not text:
            return
        if align == "R":
            x += w - self.width_of(text)
        elif align == "C":
            x += (w - self.width_of(text)) / 2
        self.text(x, y + h / 2 + 0.3 * self.font_size, text)


def _wrap(doc: _Document, text: str, width: float, max_lines: int = 3) -> list[str]:
    """Word-wrap ``text`` into at most ``max_lines`` lines (the last ends in … if cut)."""
    if not text or doc.width_of(text) <= width:
        return [text]
    lines: list[str] = []
    current = ""
    space = doc.width_of(" ")
    current_w = 0.0
    for word in text.split():
        ww = doc.width_of(word)
        if current and current_w + space + ww <= width:
            current += " " + word
            current_w += space + ww
            continue
        if current:
            lines.append(current)
        current, current_w = word, ww
        while current_w > width and len(current) > 1:  # a word longer than the cell
            cut = len(current)
            while cut > 1 and doc.width_of(current[:cut]) > width:
                cut -= 1
            lines.append(current[:cut])
            current = current[cut:]
            current_w = doc.width_of(current)
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and doc.width_of(last + "…") > width:
            last = last[:-1]
        lines = [*lines[: max_lines - 1], last + "…"]
    return lines


def _heading(doc: _Document, text: str, space_needed: float = 30) -> None:
    if doc.get_y() + space_needed > doc.h - doc.b_margin:
        doc.add_page(same=True)
    doc.ln(4)
    doc.set_font(FONT, "B", 12)
    doc.set_text_color(*ACCENT)
    doc.cell(0, 7, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    doc.set_draw_color(*LINE)
    doc.set_line_width(0.3)
    doc.line(doc.l_margin, doc.get_y(), doc.w - doc.r_margin, doc.get_y())
    doc.ln(2)


def _note(doc: _Document, text: str) -> None:
    doc.set_font(FONT, "", 7.5)
    doc.set_text_color(*MUTED)
    doc.multi_cell(0, 4, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _table(
    doc: _Document,
    table: Table,
    widths: Sequence[float],
    *,
    size: float = 8,
    wrap: frozenset[int] = frozenset(),
) -> None:
    """Draw a table; header repeated on each new page; ``wrap`` columns wrap words."""
    line_h = size * 0.48
    pad = 1.2

    def header() -> None:
        doc.set_font(FONT, "B", size - 0.5)
        doc.set_text_color(*MUTED)
        y0, x = doc.get_y(), doc.l_margin
        for i, (title, w) in enumerate(zip(table.headers, widths, strict=True)):
            doc.put(x + pad, y0, w - 2 * pad, line_h + 2, title,
                    "R" if i in table.numeric else "L")  # fmt: skip
            x += w
        doc.set_xy(doc.l_margin, y0 + line_h + 2)
        doc.set_draw_color(*INK)
        doc.set_line_width(0.4)
        doc.line(doc.l_margin, doc.get_y(), doc.l_margin + sum(widths), doc.get_y())
        doc.set_font(FONT, "", size)
        doc.set_text_color(*INK)

    def row(cells: Sequence[str], shade: bool, bold: bool = False) -> None:
        doc.set_font(FONT, "B" if bold else "", size)
        wrapped = [
            _wrap(doc, cell, w - 2 * pad)
            if i in wrap
            else [cell if i in table.numeric else _fit(doc, cell, w - 2 * pad)]
            for i, (cell, w) in enumerate(zip(cells, widths, strict=True))
        ]
        height = max(len(lines) for lines in wrapped) * line_h + 1.6
        if doc.get_y() + height > doc.h - doc.b_margin:
            doc.add_page(same=True)
            header()
            doc.set_font(FONT, "B" if bold else "", size)
        y0 = doc.get_y()
        if shade:
            doc.set_fill_color(*BAND)
            doc.rect(doc.l_margin, y0, sum(widths), height, style="F")
        x = doc.l_margin
        for i, (lines, w) in enumerate(zip(wrapped, widths, strict=True)):
            for k, text in enumerate(lines):
                top = y0 + 0.8 + k * line_h
                if i in table.numeric:
                    # An amount is never cut: it shrinks to fit its column instead.
                    room = w - 2 * pad
                    wide = doc.width_of(text)
                    if wide > room:
                        doc.set_font_size(size * room / wide)
                    doc.put(x + pad, top, room, line_h, text, "R")
                    if wide > room:
                        doc.set_font_size(size)
                else:
                    doc.put(x + pad, top, w - 2 * pad, line_h, text)
            x += w
        doc.set_xy(doc.l_margin, y0 + height)
        doc.set_draw_color(*LINE)
        doc.set_line_width(0.1)
        doc.line(doc.l_margin, y0 + height, doc.l_margin + sum(widths), y0 + height)

    if doc.get_y() + 3 * line_h + 6 > doc.h - doc.b_margin:
        doc.add_page(same=True)
    header()
    for n, cells in enumerate(table.rows):
        row(cells, n % 2 == 1)
    if table.footer:
        doc.set_draw_color(*INK)
        doc.set_line_width(0.4)
        doc.line(doc.l_margin, doc.get_y(), doc.l_margin + sum(widths), doc.get_y())
        row(table.footer, False, bold=True)
    doc.ln(1.5)


def _fit(doc: _Document, text: str, width: float) -> str:
    if doc.width_of(text) <= width:
        return text
    while text and doc.width_of(text + "…") > width:
        text = text[:-1]
    return text + "…"


def _cards(doc: _Document, v: SummaryView, gap_over: bool) -> None:
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
    doc.set_xy(doc.l_margin, y_start + 2 * h + gap + 2)


def _chart(doc: _Document, report: Report) -> None:
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
        doc.set_fill_color(*_rgb(b.colour))
        doc.rect(X(b.x), Y(b.y), b.w * scale, b.h * scale, style="F")
    doc.set_draw_color(*INK)
    doc.set_line_width(0.3)
    doc.line(X(c.left), Y(c.zero_y), X(c.left + c.plot_w), Y(c.zero_y))
    if c.target_y is not None:
        doc.set_draw_color(*_rgb(TARGET_COLOUR))
        doc.set_line_width(0.4)
        doc.set_dash_pattern(dash=1.6, gap=1.2)
        doc.line(X(c.left), Y(c.target_y), X(c.left + c.plot_w), Y(c.target_y))
        doc.set_dash_pattern()
        doc.set_text_color(*_rgb(TARGET_COLOUR))
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
        doc.set_fill_color(*_rgb(colour))
        doc.rect(lx, ly, 2.6, 2.6, style="F")
        doc.set_xy(lx + 3.5, ly - 0.5)
        doc.cell(25, 3.6, label)
    doc.set_xy(doc.l_margin, oy + height + 2)


def _list(doc: _Document, items: Sequence[str]) -> None:
    doc.set_font(FONT, "", 8)
    doc.set_text_color(*INK)
    line_h, indent = 4.2, 4.0
    width = doc.w - doc.l_margin - doc.r_margin - indent
    for item in items:
        lines = _wrap(doc, item, width, max_lines=6)
        if doc.get_y() + line_h * len(lines) > doc.h - doc.b_margin:
            doc.add_page(same=True)
        y = doc.get_y()
        doc.put(doc.l_margin, y, indent, line_h, "•")
        for k, line in enumerate(lines):
            doc.put(doc.l_margin + indent, y + k * line_h, width, line_h, line)
        doc.set_xy(doc.l_margin, y + line_h * len(lines))


def render(report: Report) -> bytes:
    """Render the summary as PDF bytes."""
    v = summary_view(report)
    w = v.words
    status, meta = report.status, report.meta
    doc = _Document(v.footer)
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

    _heading(doc, w.overview)
    _cards(doc, v, status.totals.gap_kr < 0)
    _note(doc, v.gap_note)

    _heading(doc, w.buckets)
    _table(doc, v.buckets, (45, 22.5, 22.5, 22.5, 22.5, 22.5, 22.5))
    _note(doc, f"{v.allocation_note} {w.in_mio}")

    _heading(doc, w.stages)
    _table(doc, v.stages, (50, 20, 20, 30, 30))

    _heading(doc, w.trajectory, space_needed=90)
    _chart(doc, report)
    _table(doc, v.years, (18, 27, 27, 27, 27, 27, 27))
    _note(doc, f"{w.net_note} {w.in_mio}")

    # The hypotheses get landscape pages: eleven columns need the width.
    doc.add_page(orientation="L")
    _heading(doc, f"{w.hypotheses} (tal for {status.programme.target_year} i mio. kr.)")
    _table(
        doc,
        v.hypotheses,
        (12, 66, 28, 30, 21, 32, 11, 16.5, 16.5, 16.5, 17.5),
        size=7,
        wrap=frozenset({1, 2, 3, 5}),
    )

    _heading(doc, w.warnings, space_needed=15)
    _list(doc, [message for _, message in v.warnings] or [w.no_warnings])

    if v.diff is not None:
        d = v.diff
        doc.add_page(orientation="P")
        _heading(doc, f"{w.since}: {d.since} – {d.until}")
        _table(doc, d.totals, (45, 30, 30, 30))
        doc.ln(3)
        _table(doc, d.buckets, (45, 30, 30, 30))
        _heading(doc, w.stage_moves, space_needed=15)
        if d.stage_moves.rows:
            _table(doc, d.stage_moves, (11, 50, 21, 21, 17, 22, 38), size=7, wrap=frozenset({1, 6}))
        else:
            _list(doc, [w.no_stage_moves])
        _heading(doc, w.figure_changes, space_needed=15)
        if d.figure_changes.rows:
            _table(
                doc,
                d.figure_changes,
                (11, 52, 19, 10, 17, 17, 17, 37),
                size=7,
                wrap=frozenset({1}),
            )
        else:
            _list(doc, [w.no_figure_changes])
        if d.added:
            _heading(doc, w.added, space_needed=15)
            _list(doc, d.added)
        if d.dropped:
            _heading(doc, w.dropped, space_needed=15)
            _list(doc, d.dropped)

    return bytes(doc.output())
