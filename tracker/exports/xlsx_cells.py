"""The spreadsheet's cell kit: the named formats, and how text, moments and headers
are written (text always as a string, risky text with Excel's quote prefix, moments
as Danish wall-clock time)."""

from collections.abc import Sequence
from datetime import datetime

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from tracker.domain import labels as da
from tracker.exports.danish import local

__all__ = [
    "FIGURE_FIELDS",
    "MIO_FORMAT",
    "MIO_TABLE_FORMAT",
    "RISKY",
    "Formats",
    "naive",
    "write_header",
    "write_text",
]

#: Kroner shown in mio. kr. with one decimal and the unit (headline figures).
MIO_FORMAT = '#,##0.0,, "mio. kr."'
#: The same without the unit, for table columns whose header names the unit.
MIO_TABLE_FORMAT = "#,##0.0,,"
RISKY = ("=", "+", "-", "@", "\t", "\r")
FIGURE_FIELDS = {f"{kind}." for kind in da.KIND_LABELS}


class Formats:
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
        self.subtotal_text = wb.add_format({**base, "bold": True, "top": 1})
        self.subtotal_mio = wb.add_format({**base, "bold": True, "top": 1,
                                           "num_format": MIO_TABLE_FORMAT})  # fmt: skip
        self.int = wb.add_format({**base, "num_format": "0"})
        self.moment = wb.add_format({**base, "num_format": "dd.mm.yyyy hh:mm",
                                     "align": "left"})  # fmt: skip
        self.wrap = wb.add_format({**base, "text_wrap": True})
        self.wrap_quoted = wb.add_format({**base, "text_wrap": True, "quote_prefix": True})
        self.warning = wb.add_format({**base, "font_color": "#C0392B"})


def write_text(
    ws: Worksheet, row: int, col: int, text: str, f: Formats, wrap: bool = False
) -> None:
    """User text, always as a string; risky text with the quote prefix."""
    if text.startswith(RISKY):
        ws.write_string(row, col, text, f.wrap_quoted if wrap else f.text_quoted)
    else:
        ws.write_string(row, col, text, f.wrap if wrap else f.text)


def naive(moment: datetime) -> datetime:
    """Excel has no time zones: Danish wall-clock time."""
    return local(moment).replace(tzinfo=None)


def write_header(ws: Worksheet, row: int, titles: Sequence[str], numeric: Sequence[int],
            f: Formats) -> None:  # fmt: skip
    for col, title in enumerate(titles):
        ws.write_string(row, col, title, f.header_num if col in numeric else f.header)
