"""The cells of an import file read as values: amounts, stages, codes, confidence,
column headings such as ``potential_2018``.

Pure: text in, values and problems out. Nothing stops at the first problem: every
problem is collected with its row and column, so that a file is fixed in one go. The
use case (:mod:`tracker.services.batch`) checks the rows against the stored
hypotheses and applies them.
"""

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import InvalidOperation
from typing import Any

from tracker.domain.labels import FIGURE_KINDS
from tracker.domain.money import MAX_ABS_KR, MoneyError, parse_amount
from tracker.domain.rules import (
    NONE_WORDS,
    RuleError,
    check_figure_amount,
    normal_code,
    normal_text,
    parse_confidence,
    stage_move_needs_note,
)
from tracker.domain.stages import Stage, parse_stage

__all__ = [
    "ATTRIBUTE_COLUMNS",
    "TEXT_COLUMNS",
    "ParsedRow",
    "Problem",
    "check_columns",
    "check_known",
    "figure_column",
    "parse_cell_amount",
    "parse_rows",
]

#: The text columns and their longest value.
TEXT_COLUMNS = {"title": 200, "area": 200, "owner": 200, "description": 10_000, "note": 2000}
#: The columns that change a hypothesis's attributes (a file without them holds figures).
ATTRIBUTE_COLUMNS = ("title", "area", "owner", "description", "stage", "bucket", "confidence")
_KNOWN_COLUMNS = frozenset({"code", *TEXT_COLUMNS, *ATTRIBUTE_COLUMNS})
_COLUMN_HINT = (
    "unknown column (use code, title, area, owner, stage, bucket, confidence, "
    "description, note, potential_YYYY, realised_YYYY, investment_YYYY)"
)
#: 10 ** (6 - decimals): a fraction of a million with that many decimals, in kroner.
_SCALE = (1_000_000, 100_000, 10_000, 1_000, 100, 10, 1)


@dataclass(frozen=True, slots=True)
class Problem:
    """One error in an import file: where and what."""

    row: int
    """Row number (CSV: the header is row 1; JSON: the objects from 1); 0 = the file."""
    column: str
    """Column name ('' for the whole row or file)."""
    message: str

    def __str__(self) -> str:
        where = [f"row {self.row}"] if self.row else []
        if self.column:
            where.append(f"column {self.column}")
        return f"{', '.join(where) or 'file'}: {self.message}"


@dataclass(slots=True)
class ParsedRow:
    """One row of a file, every cell read."""

    number: int
    """The row's number in the file."""
    code: str
    """The hypothesis's code, upper-cased."""
    attributes: dict[str, Any] = field(default_factory=dict)
    """Attribute → new value (``confidence_pct``, ``stage`` as a :class:`Stage`, …);
    an empty cell is left out (it leaves the value as it is)."""
    figures: dict[tuple[str, int], int] = field(default_factory=dict)
    """(kind, year) → kroner, in the file's column order."""
    note: str = ""
    """The row's note, recorded with each of its changes."""


def parse_cell_amount(text: str) -> int:
    """An amount cell in kroner: the money syntax of :func:`parse_amount`, with a fast
    path for plain numbers (mio. kr.) with at most six decimals, which is what a
    spreadsheet of figures holds.

    The fast path takes ``-?D{1,13}([.,]D{1,6})?`` (ASCII digits) and nothing else;
    everything else, and "1.000" (a thousand, or one?), goes to :func:`parse_amount`.
    String methods instead of a regular expression: this runs once per cell.
    """
    negative = text[:1] == "-"
    body = text[1:] if negative else text
    whole, sep, frac = body.partition(",")
    if not sep:
        whole, sep, frac = body.partition(".")
    if (
        whole.isdigit()
        and whole.isascii()
        and len(whole) <= 13
        and (
            not sep
            or (
                frac.isdigit()
                and frac.isascii()
                and len(frac) <= 6
                and not (sep == "." and len(frac) == 3)
            )
        )
    ):
        kr = int(whole) * 1_000_000 + (int(frac) * _SCALE[len(frac)] if sep else 0)
        if kr <= MAX_ABS_KR:
            return -kr if negative else kr
    return parse_amount(text)


def figure_column(name: str) -> tuple[str, int] | None:
    """``potential_2018`` → ``("potential", 2018)``; ``None`` for any other name."""
    kind, sep, year = name.rpartition("_")
    if sep and kind in FIGURE_KINDS and len(year) == 4 and year.isascii() and year.isdigit():
        return kind, int(year)
    return None


def check_columns(
    columns: Iterable[str], first_year: int, target_year: int, problems: list[Problem]
) -> dict[str, tuple[str, int]]:
    """The figure columns (name → (kind, year)) of a header; a problem for each column
    that is unknown, repeated or outside the programme's years, and for a missing
    ``code``."""
    figure_columns: dict[str, tuple[str, int]] = {}
    seen: set[str] = set()
    for name in columns:
        if name == "":
            continue  # spreadsheets save stray empty columns; a value there is an error
        if name in seen:
            problems.append(Problem(1, name, "the column appears twice"))
        seen.add(name)
        if name in _KNOWN_COLUMNS:
            continue
        column = figure_column(name)
        if column is None:
            problems.append(Problem(1, name, _COLUMN_HINT))
            continue
        year = column[1]
        if not first_year <= year <= target_year:
            problems.append(
                Problem(
                    1, name, f"{year} is outside the programme's years {first_year}–{target_year}"
                )
            )
            continue
        figure_columns[name] = column
    if "code" not in seen:
        problems.append(Problem(1, "code", "the column code is missing"))
    return figure_columns


def _attribute(row: ParsedRow, name: str, text: str, buckets: Collection[str]) -> None:
    """Read one attribute cell into ``row``; raises ``ValueError`` with the problem."""
    if name == "":
        raise ValueError(f"{text!r} is in a column without a name")
    if name in TEXT_COLUMNS:
        value = normal_text(text, name, max_len=TEXT_COLUMNS[name])
        if name == "note":
            row.note = value
        else:
            row.attributes[name] = value
    elif name == "stage":
        row.attributes["stage"] = parse_stage(text)
    elif name == "bucket":
        key = text.strip().lower()
        if key in NONE_WORDS:
            row.attributes["bucket"] = None
        elif key not in buckets:
            raise ValueError(f"unknown bucket {text!r} (known: {', '.join(buckets)}, or none)")
        else:
            row.attributes["bucket"] = key
    elif name == "confidence":
        row.attributes["confidence_pct"] = parse_confidence(text)


def parse_rows(
    rows: Iterable[tuple[int, Mapping[str, str]]],
    figure_columns: Mapping[str, tuple[str, int]],
    buckets: Collection[str],
    problems: list[Problem],
) -> list[ParsedRow]:
    """Read every cell of ``rows`` ((number, column → text), empty cells left out).

    ``figure_columns`` is what :func:`check_columns` found; ``buckets`` the keys a
    bucket cell may name. A row without a valid, unrepeated code is left out; any
    other bad cell is a problem and its row is kept (so that its other cells are
    checked too).
    """
    parsed: list[ParsedRow] = []
    first_row: dict[str, int] = {}
    for number, cells in rows:
        raw_code = cells.get("code", "")
        if not raw_code:
            problems.append(Problem(number, "code", "the code is missing"))
            continue
        try:
            code = normal_code(raw_code)
        except RuleError as error:
            problems.append(Problem(number, "code", str(error)))
            continue
        if code in first_row:
            problems.append(
                Problem(number, "code", f"{code} appears already in row {first_row[code]}")
            )
            continue
        first_row[code] = number
        row = ParsedRow(number, code)
        figures = row.figures
        for name, text in cells.items():
            column = figure_columns.get(name)
            if column is not None:  # the bulk of a file: kept out of the general checks below
                try:
                    figures[column] = check_figure_amount(column[0], parse_cell_amount(text))
                except (MoneyError, RuleError, InvalidOperation) as error:
                    problems.append(Problem(number, name, str(error)))
                continue
            if name == "code":
                continue
            try:
                _attribute(row, name, text, buckets)
            except ValueError as error:  # MoneyError and RuleError are ValueErrors too
                problems.append(Problem(number, name or "(unnamed)", str(error)))
        parsed.append(row)
    return parsed


def check_known(
    rows: Sequence[ParsedRow], stages: Mapping[str, Stage | None], problems: list[Problem]
) -> None:
    """Check ``rows`` against the stored hypotheses: code → its current stage (``None``
    when the file moves no stage). An unknown code must give a title (it adds the
    hypothesis); a stage move that needs a note must have one."""
    for row in rows:
        if row.code not in stages:
            if "title" not in row.attributes:
                problems.append(
                    Problem(
                        row.number,
                        "code",
                        f"unknown hypothesis {row.code} (give a title to add it)",
                    )
                )
            continue
        new_stage = row.attributes.get("stage")
        old_stage = stages[row.code]
        if new_stage is None or old_stage is None:
            continue
        if stage_move_needs_note(old_stage, new_stage) and not row.note:
            problems.append(
                Problem(
                    row.number,
                    "stage",
                    f"moving {row.code} from {old_stage.value} to {new_stage.value} needs a note "
                    "(a note column)",
                )
            )
