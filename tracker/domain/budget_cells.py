"""The cells of a budget extract read as values: which column is which (Danish or
English headings), the ramme, the year and the signed amounts.

A finance system's extract says ``Ramme; År; Oprindeligt budget; Tillægsbevillinger
og omplaceringer (net); Overførsler; Forbrug; Forventet regnskab``; Parat's own words
are ``ramme; year; original; supplementary; carried; actual; forecast``. A heading may
give its unit (``Forbrug (1.000 kr.)``). Pure: text in, values and problems out;
every problem is collected with its row and column.
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from tracker.domain.budget import BUDGET_KINDS
from tracker.domain.cells import Problem, parse_cell_amount
from tracker.domain.money import MoneyError, parse_unit
from tracker.domain.rules import RuleError, normal_text

__all__ = ["BudgetHeader", "BudgetRow", "parse_budget_rows", "read_budget_header"]

#: A heading (case-folded, spaces squeezed) → what the column holds.
_NAMES: dict[str, str] = {
    **dict.fromkeys(("ramme", "rammenøgle", "ramme nøgle", "key", "nøgle"), "ramme"),
    **dict.fromkeys(("year", "år", "budgetår", "regnskabsår"), "year"),
    **dict.fromkeys(("note", "bemærkning"), "note"),
    **dict.fromkeys(
        ("original", "oprindeligt budget", "oprindeligt", "opr. budget", "budget"), "original"
    ),
    **dict.fromkeys(
        (
            "supplementary",
            "tillæg",
            "tillægsbevillinger",
            "tillægsbevillinger og omplaceringer",
            "tillægsbevillinger og omplaceringer (net)",
            "omplaceringer",
        ),
        "supplementary",
    ),
    **dict.fromkeys(
        ("carried", "overførsler", "overførsler fra forrige år", "overført", "overførsel"),
        "carried",
    ),
    **dict.fromkeys(
        ("actual", "forbrug", "regnskab", "forbrug / regnskab", "forbrug/regnskab"), "actual"
    ),
    **dict.fromkeys(("forecast", "forventet regnskab", "forventet"), "forecast"),
}
_HINT = (
    "unknown column (use ramme, year, original, supplementary, carried, actual, forecast, "
    "note, or their Danish headings: Oprindeligt budget, Tillæg…, Overførsler, "
    "Forbrug/Regnskab, Forventet regnskab)"
)
_HINT_DA = (
    "Ukendt kolonne (brug Ramme, År, Oprindeligt budget, Tillæg, Overførsler, "
    "Forbrug/Regnskab, Forventet regnskab, Note, eller de engelske navne ramme, year, "
    "original, supplementary, carried, actual, forecast, note)."
)
_SPACES = re.compile(r"\s+")
_UNIT = re.compile(r"^(?P<body>.*?)\s*[(\[](?P<unit>[^)\]]*)[)\]]$")


@dataclass(slots=True)
class BudgetHeader:
    """What each column of an extract holds."""

    names: dict[str, str] = field(default_factory=dict)
    """Column → ``ramme``, ``year`` or ``note``."""
    kinds: dict[str, tuple[str, int | None]] = field(default_factory=dict)
    """Column → (budget kind, kroner per bare number when the heading names a unit)."""


@dataclass(slots=True)
class BudgetRow:
    """One row of an extract, every cell read."""

    number: int
    ramme: str
    """The ramme's key as written, lower-cased."""
    year: int
    amounts: dict[str, int] = field(default_factory=dict)
    """Kind → kroner, signed as in the budget; empty cells left out."""
    note: str = ""


def _fold(text: str) -> str:
    return _SPACES.sub(" ", text.strip()).casefold()


def _name(folded: str) -> str | None:
    if folded in _NAMES:
        return _NAMES[folded]
    if folded.startswith("tillæg"):  # Tillægsbevillinger, Tillæg/omplaceringer, …
        return "supplementary"
    return None


def _column(heading: str) -> tuple[str, int | None] | None:
    """What a heading names, with the unit it gives (``Forbrug (1.000 kr.)``); a
    bracket that is no unit is part of the name (``… (net)``). ``None``: nothing
    known."""
    folded = _fold(heading)
    match = _UNIT.match(folded)
    if match is not None:
        try:
            unit = parse_unit(match["unit"])
        except MoneyError:
            unit = None
        what = _name(match["body"]) if unit is not None else None
        if what in BUDGET_KINDS:
            return what, unit
    what = _name(folded)
    return None if what is None else (what, None)


def read_budget_header(
    columns: Iterable[str], problems: list[Problem], skip: frozenset[str] = frozenset()
) -> BudgetHeader:
    """What each column holds; a problem for an unknown or repeated column, for a
    missing ramme or year column, and for a file without a single figure column."""
    header = BudgetHeader()
    seen: dict[str, str] = {}
    for name in columns:
        if name == "" or name.casefold() in skip:
            continue
        what = _column(name)
        if what is None:
            problems.append(Problem(1, name, _HINT, _HINT_DA))
            continue
        kind, unit = what
        if kind in seen:
            problems.append(
                Problem(
                    1, name, f"same as column {seen[kind]}", f"Samme som kolonnen {seen[kind]}."
                )
            )
            continue
        seen[kind] = name
        if kind in BUDGET_KINDS:
            header.kinds[name] = (kind, unit)
        else:
            header.names[name] = kind
    for needed in ("ramme", "year"):
        if needed not in seen:
            problems.append(
                Problem(1, needed, f"the column {needed} is missing", f"Kolonnen {needed} mangler.")
            )
    if not header.kinds:
        problems.append(
            Problem(
                1,
                "",
                "no figure column (original, actual, …)",
                "Ingen kolonne med budgettal (Oprindeligt budget, Forbrug, …).",
            )
        )
    return header


def _year(text: str) -> int:
    cleaned = text.strip()
    if not (len(cleaned) == 4 and cleaned.isascii() and cleaned.isdigit()):
        raise ValueError(f"{text!r} is not a year")
    year = int(cleaned)
    if not 1900 <= year <= 2200:
        raise ValueError(f"{year} is not a plausible year (1900–2200)")
    return year


def parse_budget_rows(
    rows: Iterable[tuple[int, Mapping[str, str]]],
    header: BudgetHeader,
    problems: list[Problem],
    unit: int = 1_000_000,
) -> list[BudgetRow]:
    """Read every row: the ramme (as written), the year, each amount (a bare number in
    ``unit``, unless the heading names one; any sign). A row naming a ramme and year
    that an earlier row named is a problem."""
    column_of = {what: name for name, what in header.names.items()}
    ramme_column, year_column = column_of.get("ramme", "ramme"), column_of.get("year", "year")
    note_column = column_of.get("note")
    parsed: list[BudgetRow] = []
    first: dict[tuple[str, int], int] = {}
    for number, cells in rows:
        ramme = cells.get(ramme_column, "").strip().lower()
        if not ramme:
            problems.append(
                Problem(number, ramme_column, "the ramme is missing", "Rammen mangler.")
            )
            continue
        try:
            year = _year(cells.get(year_column, ""))
        except ValueError as error:
            given = cells.get(year_column, "").strip()
            message = "the year is missing" if not given else str(error)
            danish = "Året mangler." if not given else f"{given!r} er ikke et år (1900–2200)."
            problems.append(Problem(number, year_column, message, danish))
            continue
        if (ramme, year) in first:
            problems.append(
                Problem(number, ramme_column, f"{ramme} {year} appears already in row "
                        f"{first[ramme, year]}",
                        f"{ramme} {year} står allerede i række {first[ramme, year]}.")
            )  # fmt: skip
            continue
        first[ramme, year] = number
        row = BudgetRow(number, ramme, year)
        for name, (kind, own_unit) in header.kinds.items():
            text = cells.get(name)
            if not text:
                continue
            try:
                row.amounts[kind] = parse_cell_amount(text, own_unit or unit)
            except MoneyError as error:
                problems.append(Problem(number, name, str(error), error.danish))
            except ArithmeticError as error:
                problems.append(Problem(number, name, str(error), f"{text!r} er ikke et beløb."))
        if note_column and cells.get(note_column):
            try:
                row.note = normal_text(cells[note_column], "note", max_len=2000)
            except RuleError as error:
                problems.append(Problem(number, note_column, str(error), error.danish))
        parsed.append(row)
    return parsed
