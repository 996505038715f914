"""Use cases on udmøntning: a decided gain written into the budget as a reduction of
a named ramme for a named year (budgetår or overslagsår), with the decision it rests
on.

A cut is a positive amount (the gain; the ramme's budget is that much lower). There
is one standing cut per hypothesis, ramme and year: cutting again replaces it (an
event from the old amount to the new), ``uncut`` withdraws it (a record without an
amount, and its event). Both are changes of the hypothesis (its version moves), and
nothing is ever deleted, so a past status shows the cuts that stood then.
"""

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Session

from db import budget as store
from db.models import BudgetCut
from tracker.domain.rules import DECISION_MAX
from tracker.errors import InvalidInput, NotFound, StaleVersion
from tracker.report.budget import CutView
from tracker.services.context import ChangeContext
from tracker.services.events import record_event
from tracker.services.figures import unit_factor
from tracker.services.hypotheses import find_hypothesis, touch
from tracker.services.programme import get_programme
from tracker.services.rammer import find_ramme
from tracker.services.validation import Amount, check_text, check_year, to_kroner

__all__ = ["DECISION_MAX", "cut", "list_cuts", "record_cut", "uncut"]


def _standing(
    session: Session, hypothesis_id: int, ramme_id: int, year: int
) -> store.CutRow | None:
    rows = store.current_cuts(
        session.connection(),
        as_of=None,
        hypothesis_id=hypothesis_id,
        ramme_id=ramme_id,
        year=year,
    )
    return rows[0] if rows else None


def record_cut(
    session: Session,
    ctx: ChangeContext,
    now: datetime,
    *,
    programme_id: int,
    hypothesis_id: int,
    code: str,
    ramme_id: int,
    ramme_key: str,
    year: int,
    amount: int | None,
    decision: str,
    note: str = "",
    standing: store.CutRow | None = None,
) -> None:
    """Write one cut record and its event (``budget.cut``; an ``amount`` of ``None``
    withdraws the ``standing`` cut: ``budget.uncut``). The caller moves the
    hypothesis's version (once per command)."""
    session.execute(
        sa.insert(BudgetCut.__table__),  # type: ignore[attr-defined]
        [
            {
                "hypothesis_id": hypothesis_id,
                "ramme_id": ramme_id,
                "year": year,
                "amount_kr": amount,
                "decision": decision,
                "recorded_at": now,
                "actor": ctx.actor,
                "source": ctx.source,
                "note": note,
            }
        ],
    )
    withdrawn = amount is None
    # A cut's event tells the decision it rests on; a withdrawal, why.
    event_note = note if withdrawn else (f"{decision}; {note}" if note else decision)
    record_event(
        session,
        ctx,
        now,
        programme_id=programme_id,
        action="budget.uncut" if withdrawn else "budget.cut",
        subject=code,
        hypothesis_id=hypothesis_id,
        field=f"{ramme_key}.{year}",
        old=None if standing is None else standing.amount_kr,
        new=amount,
        note=event_note,
    )


def cut(
    session: Session,
    ctx: ChangeContext,
    code: str,
    ramme: str,
    year: int,
    amount: Amount,
    decision: str,
    *,
    note: str = "",
    unit: str = "mio",
    expect_version: int | None = None,
) -> tuple[CutView, bool]:
    """Write (or replace) the hypothesis's reduction of ``ramme`` for ``year``.

    Returns the standing cut and whether anything changed (the same amount and
    decision again writes nothing)."""
    factor = unit_factor(unit)
    programme = get_programme(session)
    assert programme.id is not None
    check_year(year, programme.first_year, programme.last_year)
    h = find_hypothesis(session, programme.id, code, for_update=True)
    assert h.id is not None
    if expect_version is not None and h.version != expect_version:
        raise StaleVersion(h.code, expect_version, h.version)
    r = find_ramme(session, programme.id, ramme)
    assert r.id is not None
    kr = to_kroner(amount, "amount", factor)
    if kr <= 0:
        raise InvalidInput(
            "--amount must be above 0 kr.: a cut is the gain, a positive amount (it shows "
            "as a minus on the ramme's budget); withdraw one with `parat budget uncut`",
            danish="Beløbet skal være over 0 kr.: en udmøntning er gevinsten, et positivt "
            "beløb (det vises som minus på rammens budget). Træk en tilbage med "
            "`parat budget uncut`.",
        )
    decision = check_text(decision, "decision", required=True, max_len=DECISION_MAX)
    note = check_text(note, "note", max_len=2000)
    standing = _standing(session, h.id, r.id, year)
    if standing is not None and (standing.amount_kr, standing.decision) == (kr, decision):
        return _view(h.code, r, standing), False
    now = ctx.now()
    record_cut(
        session, ctx, now, programme_id=programme.id, hypothesis_id=h.id, code=h.code,
        ramme_id=r.id, ramme_key=r.key, year=year, amount=kr, decision=decision, note=note,
        standing=standing,
    )  # fmt: skip
    touch(h, now)  # a cut is a change of the hypothesis: its version moves
    session.add(h)
    session.flush()
    return CutView(h.code, r.key, r.name, year, kr, decision, now, ctx.actor, note), True


def uncut(
    session: Session,
    ctx: ChangeContext,
    code: str,
    ramme: str,
    year: int,
    *,
    note: str = "",
    expect_version: int | None = None,
) -> CutView:
    """Withdraw the hypothesis's standing cut of ``ramme`` for ``year`` (a record
    without an amount, and its event); returns the cut that was withdrawn."""
    programme = get_programme(session)
    assert programme.id is not None
    h = find_hypothesis(session, programme.id, code, for_update=True)
    assert h.id is not None
    if expect_version is not None and h.version != expect_version:
        raise StaleVersion(h.code, expect_version, h.version)
    r = find_ramme(session, programme.id, ramme)
    assert r.id is not None
    note = check_text(note, "note", max_len=2000)
    standing = _standing(session, h.id, r.id, year)
    if standing is None:
        raise NotFound(
            f"{h.code} has no cut of {r.key} for {year} (see `parat budget cuts {h.code}`)",
            danish=f"{h.code} har ingen udmøntning på {r.key} for {year}.",
        )
    now = ctx.now()
    record_cut(
        session, ctx, now, programme_id=programme.id, hypothesis_id=h.id, code=h.code,
        ramme_id=r.id, ramme_key=r.key, year=year, amount=None, decision=standing.decision,
        note=note, standing=standing,
    )  # fmt: skip
    touch(h, now)
    session.add(h)
    session.flush()
    return _view(h.code, r, standing)


def _view(code: str, r: object, c: store.CutRow) -> CutView:
    return CutView(
        code,
        r.key,  # type: ignore[attr-defined]
        r.name,  # type: ignore[attr-defined]
        c.year,
        c.amount_kr,
        c.decision,
        c.recorded_at,
        c.actor,
        c.note,
    )


def list_cuts(
    session: Session, *, code: str | None = None, as_of: datetime | None = None
) -> list[CutView]:
    """The standing cuts (of one hypothesis, or all) at ``as_of`` (default: now), by
    hypothesis code, year and ramme."""
    from db import queries
    from tracker.domain.codes import code_key

    programme = get_programme(session)
    assert programme.id is not None
    conn = session.connection()
    hypothesis_id = None
    if code is not None:
        hypothesis_id = find_hypothesis(session, programme.id, code).id
    codes = {h.id: h.code for h in queries.hypothesis_rows(conn, programme.id)}
    rammer = {r.id: r for r in store.ramme_rows(conn, programme.id)}
    views = [
        _view(codes[c.hypothesis_id], rammer[c.ramme_id], c)
        for c in store.current_cuts(conn, as_of=as_of, hypothesis_id=hypothesis_id)
    ]
    views.sort(key=lambda v: (code_key(v.code), v.year, v.ramme))
    return views
