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

from tracker.domain.benefits import to_benefit_type
from tracker.domain.bilingual import BilingualError, danish_of
from tracker.domain.headings import FigureColumn, Header, attribute_name, figure_heading
from tracker.domain.money import MAX_ABS_KR, MoneyError, has_unit, parse_amount
from tracker.domain.plausible import DEFAULT_OPTIONS, ReadOptions, judge_amount
from tracker.domain.rules import (
    DECISION_MAX,
    NONE_WORDS,
    RuleError,
    normal_code,
    normal_text,
    parse_confidence,
    stage_move_needs_note,
)
from tracker.domain.stages import Stage, parse_stage

__all__ = [
    "ATTRIBUTE_COLUMNS",
    "DEFAULT_OPTIONS",
    "TEXT_COLUMNS",
    "Header",
    "ParsedRow",
    "Problem",
    "ReadOptions",
    "check_columns",
    "check_cuts",
    "check_known",
    "figure_column",
    "parse_cell_amount",
    "parse_rows",
    "read_header",
    "widen_years",
]

#: The text columns and their longest value.
TEXT_COLUMNS = {
    "title": 200,
    "area": 200,
    "owner": 200,
    "description": 10_000,
    "note": 2000,
    "decision": DECISION_MAX,
}
#: The columns that change a hypothesis's attributes (a file without them holds figures).
ATTRIBUTE_COLUMNS = (
    "title",
    "area",
    "owner",
    "description",
    "stage",
    "bucket",
    "confidence",
    "benefit_type",
)
_KNOWN_COLUMNS = frozenset({"code", *TEXT_COLUMNS, *ATTRIBUTE_COLUMNS, "ramme"})
_COLUMN_HINT = (
    "unknown column (use code, title, area, owner, stage, bucket, confidence, "
    "benefit_type, description, note, decision, potential_YYYY, realised_YYYY, "
    "investment_YYYY, low_YYYY, high_YYYY, udmøntet_YYYY with ramme)"
)
_COLUMN_HINT_DA = (
    "ukendt kolonne (brug code, title, area, owner, stage, bucket, confidence, "
    "benefit_type, description, note, potential_ÅÅÅÅ, realised_ÅÅÅÅ, investment_ÅÅÅÅ "
    "eller de danske overskrifter, fx Kode og Potentiale 2018)"
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
    """What is wrong, in English."""
    danish: str
    """What is wrong, in Danish."""

    def __str__(self) -> str:
        where = [f"row {self.row}"] if self.row else []
        if self.column:
            where.append(f"column {self.column}")
        return f"{', '.join(where) or 'file'}: {self.message}"

    def danish_line(self) -> str:
        """The line in Danish: ``række 3, kolonne potential_2018: …``."""
        where = [f"række {self.row}"] if self.row else []
        if self.column:
            where.append(f"kolonne {self.column}")
        return f"{', '.join(where) or 'filen'}: {self.danish}"


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
    cuts: dict[int, int] = field(default_factory=dict)
    """year → the cut (udmøntning) of :attr:`ramme` in kroner, positive; 0 withdraws
    the standing one."""
    ramme: str | None = None
    """The ramme its cuts reduce (its key, lower-cased)."""
    decision: str = ""
    """The decision the row rests on: recorded with its stage move, and with its cuts."""


def parse_cell_amount(text: str, unit: int = 1_000_000) -> int:
    """An amount cell in kroner: the money syntax of :func:`parse_amount` (a bare
    number in ``unit`` kroner), with a fast path for plain numbers, which is what a
    spreadsheet of figures holds.

    In mio. kr. the fast path takes ``-?D{1,13}([.,]D{1,6})?`` (ASCII digits) and
    nothing else; everything else, and "1.000" (a thousand, or one?), goes to
    :func:`parse_amount`. In other units it takes whole ``-?D+`` only.
    String methods instead of a regular expression: this runs once per cell.
    """
    negative = text[:1] == "-"
    body = text[1:] if negative else text
    if unit != 1_000_000:
        if body.isdigit() and body.isascii() and len(body) <= 13:
            kr = int(body) * unit
            if kr <= MAX_ABS_KR:
                return -kr if negative else kr
        return parse_amount(text, unit)
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
    """``potential_2018`` (or ``Potentiale 2018``, ``2018``) → ``("potential", 2018)``;
    ``None`` for any other name."""
    try:
        column = figure_heading(name)
    except MoneyError:
        return None
    return None if column is None else (column.kind, column.year)


def _skip_hint(name: str) -> tuple[str, str]:
    shown = f"'{name}'" if not name.replace("_", "").replace("-", "").isalnum() else name
    return f"leave it out with --skip-column {shown}", f"spring den over med --skip-column {shown}"


def widen_years(year: int, first_year: int) -> str:
    """The command that makes ``year`` one of the programme's years."""
    which = "--first-year" if year < first_year else "--last-year"
    return f"parat programme set {which} {year}"


def read_header(
    columns: Iterable[str],
    first_year: int,
    last_year: int,
    problems: list[Problem],
    options: ReadOptions = DEFAULT_OPTIONS,
) -> Header:
    """What each column of a header holds; a problem for each column that is unknown,
    repeated or outside the programme's years, and for a missing code column.
    Columns named in ``options.skip_columns`` are left out."""
    header = Header()
    seen: dict[str, str] = {}  # what a column holds → the first column holding it
    skipped: set[str] = set()
    for name in columns:
        if name == "":
            continue  # spreadsheets save stray empty columns; a value there is an error
        if name.casefold() in options.skip_columns:
            skipped.add(name.casefold())
            continue
        attribute = attribute_name(name)
        try:
            column = None if attribute else figure_heading(name)
        except MoneyError as error:
            problems.append(Problem(1, name, str(error), error.danish))
            continue
        if attribute is None and column is None:
            problems.append(Problem(1, name, _COLUMN_HINT, _COLUMN_HINT_DA))
            continue
        what = attribute or f"{column.kind}_{column.year}"  # type: ignore[union-attr]
        if what in seen:
            first = seen[what]
            if first == name:
                problems.append(
                    Problem(1, name, "the column appears twice", "kolonnen står to gange")
                )
            else:
                problems.append(
                    Problem(1, name, f"same as column {first}", f"den samme som kolonne {first}")
                )
            continue
        seen[what] = name
        if attribute is not None:
            header.names[name] = attribute
            continue
        assert column is not None
        if not first_year <= column.year <= last_year:
            widen = widen_years(column.year, first_year)
            skip, skip_da = _skip_hint(name)
            problems.append(
                Problem(
                    1,
                    name,
                    f"{column.year} is outside the programme's years {first_year}–{last_year} "
                    f"(widen them with `{widen}`, or {skip})",
                    f"{column.year} ligger uden for programmets år {first_year}–{last_year} "
                    f"(udvid dem med `{widen}`, eller {skip_da})",
                )
            )
            continue
        header.figures[name] = column
    for name in sorted(options.skip_columns - skipped):
        problems.append(
            Problem(
                1,
                name,
                "--skip-column names no column of the file",
                "--skip-column nævner ingen kolonne i filen",
            )
        )
    if "code" not in seen:
        problems.append(
            Problem(1, "code", "the column code is missing", "kolonnen code (Kode) mangler")
        )
    return header


def check_columns(
    columns: Iterable[str],
    first_year: int,
    last_year: int,
    problems: list[Problem],
    options: ReadOptions = DEFAULT_OPTIONS,
) -> dict[str, tuple[str, int]]:
    """The figure columns (name → (kind, year)) of a header, with the problems of
    :func:`read_header`."""
    header = read_header(columns, first_year, last_year, problems, options)
    return {name: (c.kind, c.year) for name, c in header.figures.items()}


def _bucket(text: str, buckets: Mapping[str, str]) -> str | None:
    key = text.strip().casefold()
    if key in NONE_WORDS:
        return None
    if key not in buckets:
        known = ", ".join(sorted(set(buckets.values())))
        raise BilingualError(
            f"unknown bucket {text!r} (known: {known}, or none)",
            f"ukendt pulje {text!r} (kendte: {known} eller ingen)",
        )
    return buckets[key]


def _attribute(row: ParsedRow, name: str, text: str, buckets: Mapping[str, str]) -> None:
    """Read one attribute cell into ``row``; raises ``ValueError`` with the problem."""
    if name == "":
        raise BilingualError(
            f"{text!r} is in a column without a name", f"{text!r} står i en kolonne uden navn"
        )
    if name in TEXT_COLUMNS:
        value = normal_text(text, name, max_len=TEXT_COLUMNS[name])
        if name == "note":
            row.note = value
        elif name == "decision":
            row.decision = value
        else:
            row.attributes[name] = value
    elif name == "stage":
        row.attributes["stage"] = parse_stage(text)
    elif name == "bucket":
        row.attributes["bucket"] = _bucket(text, buckets)
    elif name == "confidence":
        row.attributes["confidence_pct"] = parse_confidence(text)
    elif name == "benefit_type":
        row.attributes["benefit_type"] = to_benefit_type(text)
    elif name == "ramme":
        row.ramme = text.strip().lower()


def parse_rows(
    rows: Iterable[tuple[int, Mapping[str, str]]],
    columns: Header | Mapping[str, tuple[str, int]],
    buckets: Mapping[str, str] | Collection[str],
    problems: list[Problem],
    options: ReadOptions = DEFAULT_OPTIONS,
) -> list[ParsedRow]:
    """Read every cell of ``rows`` ((number, column → text), empty cells left out).

    ``columns`` is what :func:`read_header` found (or the figure columns of
    :func:`check_columns`); ``buckets`` maps what a bucket cell may say (a key or a
    name, case-folded) to the bucket's key, or lists the keys. A row without a
    valid, unrepeated code is left out; any other bad cell is a problem and its row
    is kept (so that its other cells are checked too).
    """
    header = columns if isinstance(columns, Header) else _plain_header(columns)
    if not isinstance(buckets, Mapping):
        buckets = {key: key for key in buckets}
    code_column = header.code_column
    names = header.names
    figure_columns = {
        name: (c.kind, c.year, options.unit if c.unit is None else c.unit, c.unit is not None)
        for name, c in header.figures.items()
    }
    flip = options.reductions_negative
    limit = options.limit_kr
    parsed: list[ParsedRow] = []
    first_row: dict[str, int] = {}
    for number, cells in rows:
        raw_code = cells.get(code_column, "")
        if not raw_code:
            problems.append(Problem(number, code_column, "the code is missing", "koden mangler"))
            continue
        try:
            code = normal_code(raw_code)
        except RuleError as error:
            problems.append(Problem(number, code_column, str(error), error.danish))
            continue
        if code in first_row:
            problems.append(
                Problem(
                    number,
                    code_column,
                    f"{code} appears already in row {first_row[code]}",
                    f"{code} står allerede i række {first_row[code]}",
                )
            )
            continue
        first_row[code] = number
        row = ParsedRow(number, code)
        figures = row.figures
        for name, text in cells.items():
            column = figure_columns.get(name)
            if column is not None:  # the bulk of a file: kept out of the general checks below
                kind, year, unit, from_heading = column
                try:
                    kr = parse_cell_amount(text, unit)
                    if flip and kind != "investment":
                        kr = -kr
                    if kind == "budgeted":
                        row.cuts[year] = _cut_amount(kr, text)
                        continue
                    if kr < 0 or kr > limit:
                        kr = judge_amount(
                            kind,
                            kr,
                            text,
                            unit,
                            options,
                            unit_from_heading=from_heading,
                            own_unit=has_unit(text),
                        )
                    figures[kind, year] = kr
                except (MoneyError, RuleError, InvalidOperation) as error:
                    problems.append(Problem(number, name, str(error), danish_of(error)))
                continue
            attribute = names.get(name, name)
            if attribute == "code":
                continue
            try:
                _attribute(row, attribute, text, buckets)
            except ValueError as error:  # MoneyError and RuleError are ValueErrors too
                problems.append(Problem(number, name or "(unnamed)", str(error), danish_of(error)))
        parsed.append(row)
    return parsed


def _cut_amount(kr: int, text: str) -> int:
    """A cut cell's kroner: the gain, positive (0 withdraws the standing cut)."""
    if kr < 0:
        raise RuleError(
            f"{text!r} is negative: a cut (udmøntet) is the gain, a positive amount "
            "(reductions written with a minus? use --reductions-negative)",
            f"{text!r} er negativt: en udmøntning er gevinsten, et positivt beløb.",
        )
    return kr


def _plain_header(figure_columns: Mapping[str, tuple[str, int]]) -> Header:
    header = Header({name: name for name in _KNOWN_COLUMNS})
    header.figures = {name: FigureColumn(*column) for name, column in figure_columns.items()}
    return header


def check_cuts(
    rows: Sequence[ParsedRow], rammer: Collection[str], header: Header, problems: list[Problem]
) -> None:
    """A row's cuts need a known ramme (a ``ramme`` column) and, when they udmønte
    anything, the decision they rest on (a ``decision`` column, else the note)."""
    names = {what: name for name, what in header.names.items()}
    ramme_column = names.get("ramme", "ramme")
    decision_column = names.get("decision", "decision")
    for row in rows:
        if not row.cuts:
            continue
        if row.ramme is None:
            problems.append(
                Problem(
                    row.number,
                    ramme_column,
                    "a cut (udmøntet) needs the ramme it reduces",
                    "En udmøntning kræver den ramme, den reducerer.",
                )
            )
        elif row.ramme not in rammer:
            problems.append(
                Problem(
                    row.number,
                    ramme_column,
                    f"unknown ramme {row.ramme!r} (add it with `parat ramme add`)",
                    f"Ukendt ramme {row.ramme!r} (opret den med `parat ramme add`).",
                )
            )
        if any(row.cuts.values()) and not (row.decision or row.note):
            problems.append(
                Problem(row.number, decision_column, "a cut (udmøntet) needs the decision "
                        "it rests on: a decision (Beslutning) column",
                        "En udmøntning kræver den beslutning, den hviler på: en kolonne "
                        "Beslutning.")
            )  # fmt: skip


def check_known(
    rows: Sequence[ParsedRow], stages: Mapping[str, Stage | None], problems: list[Problem]
) -> None:
    """Check ``rows`` against the stored hypotheses: code → its current stage (``None``
    when the file moves no stage). An unknown code must give a title (it adds the
    hypothesis); a stage move that needs a note must have one."""
    for row in rows:
        if row.decision and "stage" not in row.attributes and not row.cuts:
            problems.append(
                Problem(
                    row.number,
                    "decision",
                    "a decision goes with a stage or a cut: fill in the row's stage",
                    "En beslutning hører til et faseskift eller en udmøntning: udfyld "
                    "rækkens fase.",
                )
            )
        if row.code not in stages:
            if "title" not in row.attributes:
                problems.append(
                    Problem(
                        row.number,
                        "code",
                        f"unknown hypothesis {row.code} (give a title to add it)",
                        f"ukendt hypotese {row.code} (angiv en titel for at tilføje den)",
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
                    f"{row.code} flyttes fra {old_stage.label} til {new_stage.label} og kræver "
                    "en note (en note-kolonne)",
                )
            )
