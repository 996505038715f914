"""The range check of an import: minimum ≤ potential ≤ maksimum, across the columns
of a row and the figures already recorded.

A file may give a year's potential, its minimum and its maksimum in three columns, or
only some of them: a new potential in a file of potentials must still lie inside the
range recorded before, and a new minimum needs a potential, from the file or from the
database. The values checked are those standing after the import (a cell that
changes nothing leaves the record as it is), as ``figure set`` checks them.
"""

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from db import history
from tracker.domain.cells import Header, ParsedRow, Problem
from tracker.domain.ranges import RANGE_KINDS, check_range
from tracker.domain.rules import RuleError, figure_changed

__all__ = ["check_ranges"]

_POTENTIAL = "potential"
_RANGE_AND_POTENTIAL = (_POTENTIAL, *RANGE_KINDS)


def check_ranges(
    conn: Any,
    rows: Sequence[ParsedRow],
    header: Header,
    ids: Mapping[str, Any],
    as_of: datetime,
    problems: list[Problem],
) -> None:
    """A problem for each row and year whose range fails after the import.

    ``ids`` maps the codes stored already to their rows (with ``id``); a code not in it
    is a new hypothesis, with nothing recorded. The recorded figures are read at
    ``as_of`` (the import's moment), only of the kinds and years the file can move.
    """
    columns = {(c.kind, c.year): name for name, c in header.figures.items()}
    years = sorted({year for kind, year in columns if kind in _RANGE_AND_POTENTIAL})
    if not years:
        return
    with_ranges = any(kind in RANGE_KINDS for kind, _ in columns)

    def standing(kinds: tuple[str, ...]) -> dict[tuple[int, str, int], int]:
        return history.current_amounts(
            conn, first_year=years[0], last_year=years[-1], as_of=as_of, kinds=kinds
        )

    recorded = standing(RANGE_KINDS)
    if not recorded and not with_ranges:
        return  # a file of potentials, and no range recorded that one could leave
    recorded.update(standing((_POTENTIAL,)))
    for row in rows:
        stored = ids.get(row.code)
        hid = None if stored is None else stored.id
        for year in years:
            given = {
                k: row.figures[k, year] for k in _RANGE_AND_POTENTIAL if (k, year) in row.figures
            }
            if not given:
                continue
            potential, low, high = (
                _after(k, None if hid is None else recorded.get((hid, k, year)), given)
                for k in _RANGE_AND_POTENTIAL
            )
            problem = _problem(row, year, potential, low, high, given, columns)
            if problem is not None:
                problems.append(problem)


def _after(kind: str, old: int | None, given: Mapping[str, int]) -> int | None:
    """The ``kind`` figure standing after the import: the cell's when it changes the
    record (:func:`figure_changed`), else the record."""
    if kind not in given or not figure_changed(old, given[kind], kind):
        return old
    return given[kind]


def _problem(
    row: ParsedRow,
    year: int,
    potential: int | None,
    low: int | None,
    high: int | None,
    given: Mapping[str, int],
    columns: Mapping[tuple[str, int], str],
) -> Problem | None:
    """The row's problem for ``year``, at the column of the cell to fix: the range's
    when the file gives it, else the potential's."""
    try:
        check_range(potential, low, high)
    except RuleError as error:
        if potential is None:
            side = "low" if "low" in given else "high"
            return Problem(
                row.number,
                columns[side, year],
                f"{row.code} {year}: a range needs a potential for the same year "
                f"(a column potential_{year}, or one recorded already)",
                f"{row.code} {year}: Et spænd kræver et potentiale for samme år "
                f"(en kolonne Potentiale {year}, eller et allerede registreret).",
            )
        side = "low" if low is not None and low > potential else "high"
        kind = side if side in given else _POTENTIAL
        return Problem(
            row.number,
            columns[kind, year],
            f"{row.code} {year}: {error}",
            f"{row.code} {year}: {error.danish}",
        )
    return None
