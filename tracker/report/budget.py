"""The rammer, the cuts and the budget follow-up as services return them, and their
JSON shapes (``parat ramme list --json``, ``parat budget cuts --json``, ``parat budget
report --json``; the JSON export embeds the follow-up's as ``budget``).

Budget amounts keep the budget's sign (+ udgift, − indtægt); a cut's amount is
positive (the gain), shown as a minus on the ramme's budget. A figure not given is
``null`` in a line and counts 0 in the totals.
"""

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from tracker.domain import labels as _da
from tracker.domain.budget import AMOUNT_KEYS, BudgetAmounts, BudgetFollowUp, BudgetLine
from tracker.i18n import N_, _

__all__ = [
    "BUDGET_FOLLOW_UP",
    "COLUMNS",
    "CUTS_NOTE",
    "SHORT_COLUMNS",
    "SIGN_NOTE",
    "BudgetRow",
    "CutView",
    "RammeView",
    "budget_rows",
    "budget_to_dict",
    "cut_to_dict",
    "line_to_dict",
    "ramme_to_dict",
    "table_decimals",
]


@dataclass(frozen=True, slots=True)
class RammeView:
    """A ramme (bevillingsområde) as stored."""

    key: str
    name: str
    udvalg: str
    serviceramme: bool
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class CutView:
    """A standing cut (udmøntning): a hypothesis's reduction of a ramme for a year."""

    code: str
    """The hypothesis."""
    ramme: str
    """The ramme's key."""
    ramme_name: str
    year: int
    amount_kr: int
    """Positive: the gain; the ramme's budget is that much lower."""
    decision: str
    """The decision it rests on (Byrådet 08.10.2015, pkt. 12)."""
    recorded_at: datetime
    actor: str
    note: str = ""


def ramme_to_dict(r: RammeView) -> dict[str, Any]:
    return {"key": r.key, "name": r.name, "udvalg": r.udvalg, "serviceramme": r.serviceramme}


def cut_to_dict(c: CutView) -> dict[str, Any]:
    from tracker.report.shapes import iso

    return {
        "code": c.code,
        "ramme": c.ramme,
        "ramme_name": c.ramme_name,
        "year": c.year,
        "amount_kr": c.amount_kr,
        "decision": c.decision,
        "recorded_at": iso(c.recorded_at),
        "actor": c.actor,
        "note": c.note,
    }


def line_to_dict(line: BudgetLine) -> dict[str, Any]:
    """One ramme of the follow-up: who it is, then its amounts (``null``: not given)."""
    return {
        "key": line.key,
        "name": line.name,
        "udvalg": line.udvalg,
        "serviceramme": line.serviceramme,
        **{key: getattr(line, key) for key in AMOUNT_KEYS},
    }


def _amounts(totals: BudgetAmounts) -> dict[str, int]:
    return asdict(totals)


def budget_to_dict(follow_up: BudgetFollowUp) -> dict[str, Any]:
    """``{"year", "rammer": [...], "totals": {...}}``: the lines in the report's order
    (inside the serviceramme first, by udvalg, by key), totals the sums of the lines."""
    return {
        "year": follow_up.year,
        "rammer": [line_to_dict(line) for line in follow_up.lines],
        "totals": _amounts(follow_up.totals),
    }


# The follow-up's words (English; Danish from the catalogue: the documents' words).
BUDGET_FOLLOW_UP = N_("Budget follow-up")
INSIDE_SERVICERAMME = N_("Inside the serviceramme")
OUTSIDE_SERVICERAMME = N_("Outside the serviceramme")
NO_UDVALG = N_("(no committee)")
TOTAL = N_("Total")
SIGN_NOTE = N_("A minus means underspending, a plus overspending.")
CUTS_NOTE = N_("Cuts show as a minus: they reduce the ramme's budget.")
#: The labels' Danish words for them: the catalogue's Danish is the same (a test
#: holds them together).
DANISH_WORDS: dict[str, str] = {
    INSIDE_SERVICERAMME: _da.INSIDE_SERVICERAMME,
    OUTSIDE_SERVICERAMME: _da.OUTSIDE_SERVICERAMME,
    NO_UDVALG: _da.NO_UDVALG,
    TOTAL: _da.TOTAL,
}
#: The columns in a terminal's width.
SHORT_COLUMNS: dict[str, str] = {
    "original": N_("Orig. budget"),
    "supplementary": N_("Suppl."),
    "carried": N_("Carried"),
    "corrected": N_("Corr. budget"),
    "actual": N_("Actual"),
    "forecast": N_("Forecast"),
    "deviation": N_("Dev. corr."),
    "deviation_original": N_("Dev. orig."),
    "cuts": N_("Budgeted"),
}

#: The follow-up's columns after the ramme's: (key without ``_kr``, signed).
#: Deviations show their sign (+ merforbrug, − mindreforbrug).
COLUMNS: tuple[tuple[str, bool], ...] = (
    ("original", False),
    ("supplementary", False),
    ("carried", False),
    ("corrected", False),
    ("actual", False),
    ("forecast", False),
    ("deviation", True),
    ("deviation_original", True),
    ("cuts", False),
)


@dataclass(frozen=True, slots=True)
class BudgetRow:
    """One row of the follow-up as people read it."""

    kind: str
    """``section`` (inside/outside the serviceramme), ``group`` (an udvalg),
    ``line`` (a ramme), ``subtotal`` (of a group or a section) or ``total``."""
    label: str
    cells: tuple[str, ...]
    """The amounts, in :data:`COLUMNS` order; empty where none was given."""


def _cells(
    values: Any, shown: Any, decimals: int, given: frozenset[str] | None = None
) -> tuple[str, ...]:
    """The amounts as text; for a sum, ``given`` names the amounts some line has (a
    column no line was given stays empty in its sums too)."""
    cells = []
    for key, signed in COLUMNS:
        kr = getattr(values, f"{key}_kr")
        if kr is None or (given is not None and f"{key}_kr" not in given):
            cells.append("")
        elif key == "cuts":
            # A cut is the gain: on the ramme's budget it is a reduction, a minus.
            cells.append(shown.number(-kr, decimals) if kr else "")
        elif signed:
            cells.append(shown.change_number(kr, decimals))
        else:
            cells.append(shown.number(kr, decimals))
    return tuple(cells)


def _given(lines: Any) -> frozenset[str]:
    return frozenset(k for k in AMOUNT_KEYS if any(getattr(x, k) is not None for x in lines))


def budget_rows(f: BudgetFollowUp, shown: Any, decimals: int) -> list[BudgetRow]:
    """The follow-up as rows for a table: each side of the serviceramme with its
    udvalg groups (their rammer and a subtotal), the side's subtotal, the total; a
    subtotal that would repeat another (a side's only group, the only side) is left out.
    ``shown`` is the :class:`~tracker.domain.money.Display`, ``decimals`` its decimals
    (see :func:`table_decimals`); the words are in the reader's language."""
    rows: list[BudgetRow] = []
    total = _(TOTAL)
    one_side = len(f.sections) == 1
    for section in f.sections:
        one_group = len(section.groups) == 1
        side = _(INSIDE_SERVICERAMME if section.serviceramme else OUTSIDE_SERVICERAMME)
        rows.append(BudgetRow("section", side, ()))
        for group in section.groups:
            udvalg = group.udvalg or _(NO_UDVALG)
            rows.append(BudgetRow("group", udvalg, ()))
            for line in group.lines:
                rows.append(BudgetRow("line", line.name, _cells(line, shown, decimals)))
            if not one_group:
                cells = _cells(group.totals, shown, decimals, _given(group.lines))
                rows.append(BudgetRow("subtotal", f"{total} {udvalg}", cells))
        if not one_side:
            lines = [x for g in section.groups for x in g.lines]
            cells = _cells(section.totals, shown, decimals, _given(lines))
            rows.append(BudgetRow("subtotal", f"{total} {side[0].lower()}{side[1:]}", cells))
    rows.append(BudgetRow("total", total, _cells(f.totals, shown, decimals, _given(f.lines))))
    return rows


def table_decimals(f: BudgetFollowUp, shown: Any) -> int:
    """The decimals at which every amount of the follow-up shows exactly (at least
    the display's, at most 3)."""
    from tracker.domain.budget import exact_decimals

    amounts: list[int | None] = []
    for line in f.lines:
        amounts.extend(getattr(line, key) for key in AMOUNT_KEYS)
    amounts.extend(getattr(f.totals, key) for key in AMOUNT_KEYS)
    return exact_decimals(shown, amounts)
