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

from tracker.domain.budget import AMOUNT_KEYS, BudgetAmounts, BudgetFollowUp, BudgetLine

__all__ = [
    "CutView",
    "RammeView",
    "budget_to_dict",
    "cut_to_dict",
    "line_to_dict",
    "ramme_to_dict",
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
