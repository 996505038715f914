"""Reading an import file into rows of text cells (CSV or JSON), with row numbers.

CSV as Danish Excel and others save it: ``;`` or ``,`` (or tab) as separator,
detected from the header line; UTF-8 with or without BOM, UTF-16 with BOM, else
cp1252. A text cell that an exporter neutralised against formula injection (a ``'``
before ``= + - @``, tab or CR, or before a ``'`` of the text itself) gets exactly that
one ``'`` removed, as ``tracker.exports.tabular`` writes it.

JSON: a list of objects, or ``{"hypotheses": [...]}``; values are text, numbers or
null (null = empty cell). Row numbers count the header as row 1 in CSV, and the
objects from 1 in JSON.
"""

import csv
import io
import json
from dataclasses import dataclass

from tracker.domain.cells import Problem
from tracker.errors import InvalidInput

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


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252")


def _delimiter(header: str) -> str:
    counts = {d: header.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _read_csv(text: str) -> Table:
    problems: list[Problem] = []
    first_line = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first_line))
    rows: list[tuple[int, dict[str, str]]] = []
    columns: tuple[str, ...] = ()
    number = 0
    try:
        for record in reader:
            number += 1
            if number == 1:
                columns = tuple(unescape_cell(c).lower() for c in record)
                continue
            if not any(c.strip() for c in record):
                continue
            if len(record) > len(columns):
                extra = [c for c in record[len(columns) :] if c.strip()]
                if extra:
                    problems.append(
                        Problem(number, "", f"{len(record)} cells but {len(columns)} columns")
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
        problems.append(Problem(number + 1, "", f"unreadable CSV: {error}"))
    return Table(columns, rows, problems)


def _json_cell(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, (bool, dict, list)):
        raise ValueError("must be text or a number")
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _read_json(text: str) -> Table:
    try:
        data = json.loads(text)
    except ValueError as error:
        raise InvalidInput(f"not valid JSON: {error}") from None
    if isinstance(data, dict) and "hypotheses" in data:
        data = data["hypotheses"]
    if not isinstance(data, list):
        raise InvalidInput('JSON must be a list of objects (or {"hypotheses": [...]})')
    problems: list[Problem] = []
    rows: list[tuple[int, dict[str, str]]] = []
    columns: dict[str, None] = {}
    for number, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            problems.append(Problem(number, "", "is not an object"))
            continue
        cells: dict[str, str] = {}
        for key, value in item.items():
            name = str(key).strip().lower()
            columns.setdefault(name)
            try:
                cell = _json_cell(value)
            except ValueError as error:
                problems.append(Problem(number, name, str(error)))
                continue
            if cell is not None and cell.strip():
                cells[name] = unescape_cell(cell)
        if cells:
            rows.append((number, cells))
    return Table(tuple(columns), rows, problems)


def read_table(data: bytes, fmt: str) -> Table:
    """Parse ``data`` as ``csv`` or ``json`` (see the module docstring)."""
    try:
        text = _decode(data)
    except UnicodeDecodeError:
        raise InvalidInput("the file is neither UTF-8 nor cp1252 text") from None
    if "\x00" in text:
        raise InvalidInput("the file holds NUL characters: it is not a text file")
    if fmt == "json":
        return _read_json(text)
    if fmt != "csv":
        raise InvalidInput(f"unknown format {fmt!r} (use csv or json)")
    return _read_csv(text)
