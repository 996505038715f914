"""Use cases on the rammer's budget figures: record them, and the follow-up
(budgetopfølgning) of a year, now or at a past moment.

Budget figures are kroner with the budget's sign (+ udgift, − indtægt), any amount
syntax (``46,6``, ``-3.100 tkr``, ``18.700.000 kr``); each change is a new record and
an event, a cleared figure a record without an amount.
"""

from collections.abc import Iterable, Mapping
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Session

from db import budget as store
from db.models import BudgetFigure
from tracker.domain.budget import BUDGET_KINDS, BudgetFollowUp, RammeFacts, follow_up
from tracker.errors import InvalidInput
from tracker.report.budget import RammeView
from tracker.services.context import ChangeContext
from tracker.services.events import event_values, record_events
from tracker.services.figures import unit_factor
from tracker.services.programme import get_programme
from tracker.services.rammer import find_ramme, ramme_view, rammer_at
from tracker.services.validation import Amount, check_text, to_kroner

__all__ = ["check_budget_year", "follow_up_at", "report_year", "set_budget"]

_OPTIONS = ", ".join(f"--{kind}" for kind in BUDGET_KINDS)


def check_budget_year(year: int) -> int:
    """A budget year: any plausible year (a ramme's accounts may predate the
    programme, as the source document's 2014 accounts do)."""
    if isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 2200:
        raise InvalidInput(
            f"year {year!r} is not a plausible year (1900–2200)",
            danish=f"{year!r} er ikke et brugbart år (1900–2200).",
        )
    return year


def _kind(kind: str) -> str:
    if kind not in BUDGET_KINDS:
        raise InvalidInput(
            f"unknown budget figure {kind!r} (use {', '.join(BUDGET_KINDS)})",
            danish=f"Ukendt budgettal {kind!r}: brug {', '.join(BUDGET_KINDS)}.",
        )
    return kind


def set_budget(
    session: Session,
    ctx: ChangeContext,
    key: str,
    year: int,
    amounts: Mapping[str, Amount],
    *,
    clear: Iterable[str] = (),
    note: str = "",
    unit: str = "mio",
) -> tuple[RammeView, int]:
    """Record budget figures (kind → amount) of one ramme and year, and clear those
    named in ``clear``; a bare number in text is in ``unit``. Each changed figure is a
    new record and one ``budget.set`` event; an unchanged one writes nothing. Returns
    the ramme and the number of changes."""
    cleared = [_kind(kind) for kind in clear]
    if not amounts and not cleared:
        raise InvalidInput(
            f"give at least one of {_OPTIONS} (or --clear KIND)",
            danish="Angiv mindst ét budgettal: oprindeligt budget, tillæg, overførsler, "
            "forbrug eller forventet regnskab.",
        )
    both = sorted(set(cleared) & set(amounts))
    if both:
        raise InvalidInput(
            f"--{both[0]} is both given and cleared: give one",
            danish=f"{both[0]} er både angivet og ryddet: vælg det ene.",
        )
    factor = unit_factor(unit)
    programme = get_programme(session, for_update=True)
    assert programme.id is not None
    ramme = find_ramme(session, programme.id, key)
    assert ramme.id is not None
    check_budget_year(year)
    note = check_text(note, "note", max_len=2000)
    new: dict[str, int | None] = {
        _kind(kind): to_kroner(amount, kind, factor) for kind, amount in amounts.items()
    }
    new.update(dict.fromkeys(cleared))
    conn = session.connection()
    current = {
        kind: amount
        for (_rid, kind, _year), amount in store.budget_amounts(
            conn, as_of=None, years=[year], ramme_ids=[ramme.id]
        ).items()
    }
    now = ctx.now()
    records: list[dict[str, object]] = []
    events: list[dict[str, object]] = []
    for kind in BUDGET_KINDS:
        if kind not in new or current.get(kind) == new[kind]:
            continue
        records.append(
            {
                "ramme_id": ramme.id,
                "year": year,
                "kind": kind,
                "amount_kr": new[kind],
                "recorded_at": now,
                "actor": ctx.actor,
                "source": ctx.source,
                "note": note,
            }
        )
        events.append(
            event_values(
                ctx,
                now,
                programme_id=programme.id,
                action="budget.set",
                subject=ramme.key,
                field=f"{kind}.{year}",
                old=current.get(kind),
                new=new[kind],
                note=note,
            )
        )
    if records:
        session.execute(sa.insert(BudgetFigure.__table__), records)  # type: ignore[attr-defined]
        record_events(session, events)
    return ramme_view(ramme), len(records)


def report_year(session: Session, as_of: datetime) -> int:
    """The year a follow-up shows unless asked: the programme's target year as it
    stood at ``as_of`` (the year the programme's gains are counted in, not the
    calendar year of the moment)."""
    from db.history import programme_value_at

    changed, old = programme_value_at(session.connection(), "target_year", as_of)
    if changed and old:
        return int(old)
    return get_programme(session).target_year


def follow_up_at(session: Session, year: int, as_of: datetime) -> BudgetFollowUp:
    """The follow-up of ``year`` as it stood at ``as_of``: the rammer then, their
    latest figures recorded by then, and the cuts standing then (summed per ramme)."""
    check_budget_year(year)
    programme = get_programme(session)
    assert programme.id is not None
    rows = rammer_at(session, programme.id, as_of)
    if not rows:
        return follow_up(year, [], {})
    conn = session.connection()
    keys = {r.id: r.key for r in rows}
    figures: dict[str, dict[str, int | None]] = {}
    for (rid, kind, _year), amount in store.budget_amounts(conn, as_of=as_of, years=[year]).items():
        if rid in keys:
            figures.setdefault(keys[rid], {})[kind] = amount
    cuts: dict[str, int] = {}
    for cut in store.current_cuts(conn, as_of=as_of, year=year):
        if cut.ramme_id in keys:
            key = keys[cut.ramme_id]
            cuts[key] = cuts.get(key, 0) + cut.amount_kr
    rammer = [RammeFacts(r.key, r.name, r.udvalg, r.serviceramme) for r in rows]
    return follow_up(year, rammer, figures, cuts)
