"""Reading an import file into rows of text cells (CSV or JSON), with row numbers.

CSV as Danish Excel and others save it: ``;`` or ``,`` (or tab) as separator,
detected from the header line; UTF-8 with or without BOM, UTF-16 with BOM, else
cp1252 (for a file without a single UTF-8 letter). A text cell that an exporter
neutralised against formula injection (a ``'`` before ``= + - @``, tab or CR, or
before a ``'`` of the text itself) gets exactly that one ``'`` removed, as
``tracker.exports.tabular`` writes it.

A quote that opens a cell and is never closed (or a quoted cell with text after its
closing quote) is a problem of the row where that cell began: read leniently, it
would swallow every later row into one cell. Quoted cells over several lines are
read as ever.

JSON (:mod:`tracker.io.json_table`): a list of objects, or ``{"hypotheses": [...]}``;
values are text, numbers or null (null = empty cell). Row numbers count the header
as row 1 in CSV, and the objects from 1 in JSON. The bytes are decoded by
:mod:`tracker.io.encoding` (one encoding per file).
"""

import csv
import io
from dataclasses import dataclass

from tracker.domain.cells import Problem
from tracker.errors import InvalidInput
from tracker.io.encoding import decode
from tracker.io.json_table import read_json

__all__ = ["Problem", "Table", "read_table", "unescape_cell"]

#: After a ``'``, what the exporter's ``neutralise`` protected (its own ``'`` included,
#: so that a text starting with ``'`` survives the round trip).
_DANGEROUS = ("=", "+", "-", "@", "\t", "\r", "'")


@dataclass(frozen=True, slots=True)
class Table:
    """The file's header (lower-cased names) and its non-empty rows."""

    columns: tuple[str, ...]
    rows: list[tuple[int, dict[str, str]]]
    """(row number, column → stripped text; empty cells left out)."""
    problems: list[Problem]
    """Structural problems (the rows may be incomplete when there are any)."""


def unescape_cell(text: str) -> str:
    """Strip surrounding spaces, and the one ``'`` an exporter put before a formula
    character (OWASP CSV injection) or before a ``'``."""
    if len(text) > 1 and text[0] == "'" and text[1] in _DANGEROUS:
        return text[1:].strip()
    return text.strip()


def _delimiter(header: str) -> str:
    counts = {d: header.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _broken_quote(error: csv.Error, row: int, start: int, end: int) -> Problem:
    """The problem of a record the strict reader gave up on: it began on line
    ``start`` and the reader stopped on line ``end``."""
    if "end of data" in str(error):
        # Without strict mode this record swallowed every later row into one cell.
        return Problem(
            row,
            "",
            f"the quote that opens a cell on line {start} is never closed "
            '(a quote inside a cell is written twice: "")',
            f"anførselstegnet, der åbner en celle på linje {start}, lukkes aldrig "
            '(et anførselstegn inde i en celle skrives to gange: "")',
        )
    if "expected after" in str(error):
        lines = f"line {start}" if start == end else f"lines {start}–{end}"
        linjer = f"linje {start}" if start == end else f"linje {start}–{end}"
        return Problem(
            row,
            "",
            f"a quoted cell ({lines}) has text after its closing quote "
            '(a quote inside a cell is written twice: "")',
            f"en celle i anførselstegn ({linjer}) har tekst efter det afsluttende "
            'anførselstegn (et anførselstegn inde i en celle skrives to gange: "")',
        )
    return Problem(row, "", f"unreadable CSV: {error}", f"CSV-filen kan ikke læses: {error}")


def _read_csv(text: str) -> Table:
    problems: list[Problem] = []
    first_line = text.split("\n", 1)[0]
    # strict: a quote left open is an error, not a cell that runs to the end of the
    # file; quoted cells over several lines read as ever.
    reader = csv.reader(
        io.StringIO(text, newline=""), delimiter=_delimiter(first_line), strict=True
    )
    rows: list[tuple[int, dict[str, str]]] = []
    columns: tuple[str, ...] = ()
    number = 0
    line = 0  # the last line of the last record read
    try:
        for record in reader:
            number += 1
            line = reader.line_num
            if number == 1:
                columns = tuple(unescape_cell(c).lower() for c in record)
                continue
            if not any(c.strip() for c in record):
                continue
            if len(record) > len(columns):
                extra = [c for c in record[len(columns) :] if c.strip()]
                if extra:
                    problems.append(
                        Problem(
                            number,
                            "",
                            f"{len(record)} cells but {len(columns)} columns",
                            f"{len(record)} celler, men {len(columns)} kolonner",
                        )
                    )
                    continue
            # What unescape_cell gives, with its call saved for the common cell.
            cells = {
                name: text if text[0] != "'" else unescape_cell(c)
                for name, c in zip(columns, record, strict=False)
                if (text := c.strip())
            }
            rows.append((number, cells))
    except csv.Error as error:
        problems.append(_broken_quote(error, number + 1, line + 1, reader.line_num))
    return Table(columns, rows, problems)


def _read_json(text: str) -> Table:
    rows, columns, problems = read_json(text, unescape_cell)
    return Table(columns, rows, problems)


def read_table(data: bytes, fmt: str) -> Table:
    """Parse ``data`` as ``csv`` or ``json`` (see the module docstring)."""
    text = decode(data)
    if "\x00" in text:
        raise InvalidInput(
            "the file holds NUL characters: it is not a text file",
            danish="Filen indeholder NUL-tegn: den er ikke en tekstfil.",
        )
    if fmt == "json":
        return _read_json(text)
    if fmt != "csv":
        raise InvalidInput(
            f"unknown format {fmt!r} (use csv or json)",
            danish=f"Ukendt format {fmt!r} (brug csv eller json).",
        )
    return _read_csv(text)
