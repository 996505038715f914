"""Reading the first sheet of an XLSX workbook into rows of text cells, like a CSV.

A finance system's budget extract is often a spreadsheet. The first row is the
header; row numbers are the sheet's own (the header is row 1), so an error line
points at the row a person sees. Numbers become text in the amount syntax Parat
reads: a whole number as its digits, a fraction with a decimal comma (``46,631``:
never ``46.631``, which reads as forty-six thousand), exactly as the cell holds it.
A formula gives its cached value. openpyxl is imported only here, when a workbook
is read.
"""

import io
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from tracker.errors import InvalidInput
from tracker.io.table_reader import Table, unescape_cell

__all__ = ["cell_text", "read_xlsx"]


def cell_text(value: Any) -> str:
    """A cell's value as the text a person would have typed into a CSV."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        # repr() is the shortest text that reads back as the same float: the digits
        # the spreadsheet shows, not the binary fraction behind them.
        digits = format(Decimal(repr(value)), "f")
        return digits.replace(".", ",")
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def read_xlsx(data: bytes) -> Table:
    """The first sheet of the workbook ``data`` as a :class:`Table`."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # zipfile, XML and openpyxl's own errors alike
        raise InvalidInput(
            f"not a readable XLSX workbook ({type(error).__name__})",
            danish="Filen er ikke et læsbart XLSX-regneark.",
        ) from None
    try:
        sheet = workbook.worksheets[0] if workbook.worksheets else None
        if sheet is None:
            raise InvalidInput("the workbook has no sheet", danish="Regnearket har intet ark.")
        columns: tuple[str, ...] = ()
        rows: list[tuple[int, dict[str, str]]] = []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            texts = [cell_text(v).strip() for v in values]
            if number == 1:
                columns = tuple(unescape_cell(t).lower() for t in texts)
                continue
            cells = {
                name: unescape_cell(text)
                for name, text in zip(columns, texts, strict=False)
                if text
            }
            if cells:
                rows.append((number, cells))
        return Table(columns, rows, [])
    finally:
        workbook.close()
