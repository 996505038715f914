"""The PDF's drawing kit: the A4 page with its font and footer, colours, word
wrapping, headings and tables. :mod:`tracker.exports.pdf` lays the summary out with it.

Text is measured with cached glyph widths and drawn with ``text()``, so that a table
of thousands of rows stays fast.
"""

from collections.abc import Sequence
from importlib import resources

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from tracker.exports.view import Table
from tracker.i18n import _

__all__ = [
    "ACCENT",
    "BAD",
    "BAND",
    "FONT",
    "GOOD",
    "INK",
    "LINE",
    "MUTED",
    "Document",
    "fit",
    "heading",
    "keep_together",
    "note",
    "rgb",
    "table",
    "table_height",
    "wrap_words",
]

FONT = "DejaVu"
INK = (28, 39, 51)
MUTED = (91, 107, 124)
ACCENT = (31, 78, 121)
LINE = (217, 224, 231)
BAND = (244, 247, 250)
GOOD = (46, 139, 87)
BAD = (192, 57, 43)
#: The padding inside a table cell, left and right (mm).
PAD = 1.2


def rgb(hex_colour: str) -> tuple[int, int, int]:
    h = hex_colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


class Document(FPDF):
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
        # {nb}: fpdf's alias, replaced by the page count when the document is done
        page = _("Page {page} of {pages}").format(page=self.page_no(), pages="{nb}")
        self.cell(0, 4, page, align="R")

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

    def put_fitted(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        text: str,
        align: str = "L",
        smallest: float = 0.6,
    ) -> None:
        """:meth:`put`, drawn smaller when ``text`` is wider than ``w``, so that a long
        word is not cut. Below ``smallest`` of the size it is shortened with "…"
        instead (a token no column can hold, such as a long link); an amount passes
        ``smallest=0``: it is always shown whole."""
        wide = self.width_of(text)
        if wide <= w or w <= 0:
            self.put(x, y, w, h, text, align)
            return
        size, scale = self.font_size_pt, w / wide
        self.set_font_size(size * max(scale, smallest))
        self.put(x, y, w, h, text if scale >= smallest else fit(self, text, w), align)
        self.set_font_size(size)


def wrap_words(doc: Document, text: str, width: float, max_lines: int = 3) -> list[str]:
    """Word-wrap ``text`` into at most ``max_lines`` lines, breaking only between words.

    A word is never split: one wider than ``width`` gets a line of its own, which
    :meth:`Document.put_fitted` then draws a little smaller. Text cut off after
    ``max_lines`` ends the last line in "…" after its last whole word.
    """
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
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        words = lines[max_lines - 1].split()
        while len(words) > 1 and doc.width_of(" ".join(words) + " …") > width:
            words.pop()
        lines = [*lines[: max_lines - 1], " ".join(words) + " …"]
    return lines


def heading(doc: Document, text: str, space_needed: float = 30) -> None:
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


def note(doc: Document, text: str) -> None:
    doc.set_font(FONT, "", 7.5)
    doc.set_text_color(*MUTED)
    doc.multi_cell(0, 4, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def row_lines(
    doc: Document,
    cells: Sequence[str],
    widths: Sequence[float],
    wrap: frozenset[int],
    max_lines: int,
) -> list[list[str]]:
    """Each cell's lines: wrapped at words in the ``wrap`` columns, else one line."""
    return [
        wrap_words(doc, cell, w - 2 * PAD, max_lines) if i in wrap else [cell]
        for i, (cell, w) in enumerate(zip(cells, widths, strict=True))
    ]


def table_height(
    doc: Document,
    table: Table,
    widths: Sequence[float],
    *,
    size: float = 8,
    wrap: frozenset[int] = frozenset(),
    max_lines: int = 6,
) -> float:
    """The height :func:`table` takes for ``table`` on one page (to keep it whole)."""
    line_h = size * 0.48
    height = line_h + 2 + 1.5
    rows = [*table.rows, *([table.footer] if table.footer else [])]
    for n, cells in enumerate(rows):
        bold = n in table.subtotals or (table.footer is not None and n == len(rows) - 1)
        doc.set_font(FONT, "B" if bold else "", size)
        lines = row_lines(doc, cells, widths, wrap, max_lines)
        height += max(len(x) for x in lines) * line_h + 1.6
    return height


def keep_together(doc: Document, height: float) -> None:
    """Start a new page unless ``height`` fits below the current position."""
    if doc.get_y() + height > doc.h - doc.b_margin:
        doc.add_page(same=True)


def table(
    doc: Document,
    table: Table,
    widths: Sequence[float],
    *,
    size: float = 8,
    wrap: frozenset[int] = frozenset(),
    max_lines: int = 6,
    left: float | None = None,
) -> None:
    """Draw a table at ``left`` (the margin unless given); the header is repeated on
    each new page; ``wrap`` columns wrap at words; a word or an amount wider than its
    column is drawn smaller, never cut."""
    line_h = size * 0.48
    x0 = doc.l_margin if left is None else left
    full = sum(widths)

    def header() -> None:
        doc.set_font(FONT, "B", size - 0.5)
        doc.set_text_color(*MUTED)
        y0, x = doc.get_y(), x0
        for i, (title, w) in enumerate(zip(table.headers, widths, strict=True)):
            doc.put_fitted(x + PAD, y0, w - 2 * PAD, line_h + 2, title,
                           "R" if i in table.numeric else "L")  # fmt: skip
            x += w
        doc.set_xy(x0, y0 + line_h + 2)
        doc.set_draw_color(*INK)
        doc.set_line_width(0.4)
        doc.line(x0, doc.get_y(), x0 + full, doc.get_y())
        doc.set_font(FONT, "", size)
        doc.set_text_color(*INK)

    def row(cells: Sequence[str], shade: bool, bold: bool = False) -> None:
        doc.set_font(FONT, "B" if bold else "", size)
        wrapped = row_lines(doc, cells, widths, wrap, max_lines)
        height = max(len(lines) for lines in wrapped) * line_h + 1.6
        if doc.get_y() + height > doc.h - doc.b_margin:
            doc.add_page(same=True)
            header()
            doc.set_font(FONT, "B" if bold else "", size)
        y0 = doc.get_y()
        if shade:
            doc.set_fill_color(*BAND)
            doc.rect(x0, y0, full, height, style="F")
        # Line by line across the columns, so that extracted text reads row-wise.
        for k in range(max(len(lines) for lines in wrapped)):
            x = x0
            for i, (lines, w) in enumerate(zip(wrapped, widths, strict=True)):
                if k < len(lines):
                    top, room = y0 + 0.8 + k * line_h, w - 2 * PAD
                    if i in table.numeric:
                        doc.put_fitted(x + PAD, top, room, line_h, lines[k], "R", smallest=0)
                    else:
                        doc.put_fitted(x + PAD, top, room, line_h, lines[k])
                x += w
        doc.set_xy(x0, y0 + height)
        doc.set_draw_color(*LINE)
        doc.set_line_width(0.1)
        doc.line(x0, y0 + height, x0 + full, y0 + height)

    if doc.get_y() + 3 * line_h + 6 > doc.h - doc.b_margin:
        doc.add_page(same=True)
    header()
    for n, cells in enumerate(table.rows):
        if n in table.subtotals:
            row(cells, False, bold=True)
        else:
            row(cells, n % 2 == 1)
    if table.footer:
        doc.set_draw_color(*INK)
        doc.set_line_width(0.4)
        doc.line(x0, doc.get_y(), x0 + full, doc.get_y())
        row(table.footer, False, bold=True)
    doc.ln(1.5)


def fit(doc: Document, text: str, width: float) -> str:
    if doc.width_of(text) <= width:
        return text
    while text and doc.width_of(text + "…") > width:
        text = text[:-1]
    return text + "…"
