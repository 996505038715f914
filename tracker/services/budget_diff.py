"""What moved in the budget between two moments: the rammer's figures and the cuts
(udmøntning), for ``parat diff`` and "Siden sidst"."""

from datetime import datetime

from sqlmodel import Session

from db import budget as store
from db import queries
from tracker.domain.budget import BUDGET_KINDS
from tracker.domain.codes import code_key
from tracker.domain.diff import BudgetChange, CutChange

__all__ = ["budget_changes"]


def budget_changes(
    session: Session, programme_id: int, since: datetime, until: datetime
) -> tuple[tuple[BudgetChange, ...], tuple[CutChange, ...]]:
    """The budget figures and the cuts that differ between ``since`` and ``until``,
    each with who recorded its latest value and when."""
    conn = session.connection()
    rammer = {r.id: r for r in store.ramme_rows(conn, programme_id)}
    if not rammer:
        return (), ()
    before = store.budget_records(conn, as_of=since)
    after = store.budget_records(conn, as_of=until)
    order = {kind: i for i, kind in enumerate(BUDGET_KINDS)}
    figures: list[BudgetChange] = []
    for key in sorted(
        set(before) | set(after),
        key=lambda k: (rammer[k[0]].key, k[2], order.get(k[1], len(order))),
    ):
        old = before.get(key, (None, None, ""))[0]
        new, at, actor = after.get(key, (None, None, ""))
        if old != new:
            r = rammer[key[0]]
            figures.append(BudgetChange(r.key, r.name, key[1], key[2], old, new, at, actor))
    cuts_before = {
        (c.hypothesis_id, c.ramme_id, c.year): c
        for c in store.current_cuts(conn, as_of=since, withdrawn=True)
    }
    cuts_after = {
        (c.hypothesis_id, c.ramme_id, c.year): c
        for c in store.current_cuts(conn, as_of=until, withdrawn=True)
    }
    hypotheses = {h.id: h for h in queries.hypothesis_rows(conn, programme_id)}
    cuts: list[CutChange] = []
    for cut_key in set(cuts_before) | set(cuts_after):
        was, now = cuts_before.get(cut_key), cuts_after.get(cut_key)
        old = was.amount_kr or None if was else None
        new = now.amount_kr or None if now else None
        if old == new or now is None:
            continue
        h = hypotheses[cut_key[0]]
        cuts.append(
            CutChange(
                h.code, h.title, rammer[cut_key[1]].key, cut_key[2], old, new, now.decision,
                now.recorded_at, now.actor,
            )
        )  # fmt: skip
    cuts.sort(key=lambda c: (code_key(c.code), c.year, c.ramme))
    return tuple(figures), tuple(cuts)
