"""The inverse of budget events: a budget figure set back, a cut withdrawn or put back.

A ``budget.set`` event names the ramme, the kind and the year (``original.2018``) and
the amounts before and after; its inverse records the earlier amount (or clears the
figure that did not exist). A ``budget.cut`` event is undone by putting back the cut
that stood before it (with the decision it rested on), or by withdrawing it when there
was none; a ``budget.uncut`` by cutting again with the withdrawn cut's amount and
decision. Nothing is deleted: each inverse is a new record and a new event.
"""

from collections.abc import Sequence
from datetime import timedelta

from sqlmodel import Session

from db import budget as store
from db.models import Hypothesis
from db.undo import EventRow
from tracker.services.budget import set_budget
from tracker.services.context import ChangeContext
from tracker.services.cuts import record_cut
from tracker.services.hypotheses import touch
from tracker.services.rammer import find_ramme

__all__ = ["ON_BUDGET", "ON_CUT", "current_budget_value", "repeated_budget", "revert_budget"]

ON_BUDGET = ("budget.set",)
ON_CUT = ("budget.cut", "budget.uncut")


def _split(field: str) -> tuple[str, int]:
    """``original.2018`` or ``kd.2018`` → (``original``, 2018); a ramme key may hold
    dots, the year never does."""
    head, _, year = field.rpartition(".")
    return head, int(year)


def _standing_cut(
    session: Session, e: EventRow, ramme_id: int, year: int, *, before: bool
) -> store.CutRow | None:
    """The cut of the event's hypothesis, ramme and year standing now, or just before
    the event (the event and its record share one moment)."""
    as_of = e.at - timedelta(microseconds=1) if before else None
    rows = store.current_cuts(
        session.connection(),
        as_of=as_of,
        hypothesis_id=e.hypothesis_id,
        ramme_id=ramme_id,
        year=year,
    )
    return rows[0] if rows else None


def repeated_budget(events: Sequence[EventRow]) -> str | None:
    """A budget figure or cut that the events change more than once (``kd
    original.2018``), or ``None``: such a command is undone one event at a time."""
    seen: set[tuple[bool, str, str]] = set()
    for e in events:
        key = (e.action in ON_BUDGET, e.subject, e.field)
        if key in seen:
            return f"{e.subject} {e.field}"
        seen.add(key)
    return None


def current_budget_value(session: Session, programme_id: int, e: EventRow) -> str | None:
    """The value the budget event's figure or cut holds now, as events store it."""
    head, year = _split(e.field)
    if e.action in ON_BUDGET:
        ramme = find_ramme(session, programme_id, e.subject)
        amounts = store.budget_amounts(
            session.connection(), as_of=None, years=[year], ramme_ids=[ramme.id or 0]
        )
        amount = amounts.get((ramme.id or 0, head, year))
    else:
        ramme = find_ramme(session, programme_id, head)
        cut = _standing_cut(session, e, ramme.id or 0, year, before=False)
        amount = None if cut is None else cut.amount_kr
    return None if amount is None else str(amount)


def revert_budget(
    session: Session, ctx: ChangeContext, programme_id: int, events: Sequence[EventRow]
) -> set[int]:
    """Write the inverse of budget and cut events (newest first); the caller has
    checked that each still holds what its event left. Returns the hypotheses whose
    cuts moved (their version moves once, here)."""
    budget: dict[tuple[str, int], dict[str, int | None]] = {}
    notes: dict[tuple[str, int], str] = {}
    touched: dict[int, Hypothesis] = {}
    now = ctx.now()
    for e in events:
        note = f"undo of event #{e.id}"
        head, year = _split(e.field)
        if e.action in ON_BUDGET:
            # newest first: the oldest event's earlier value is the one kept
            old = None if e.old_value is None else int(e.old_value)
            budget.setdefault((e.subject, year), {})[head] = old
            notes[(e.subject, year)] = note
            continue
        ramme = find_ramme(session, programme_id, head)
        assert ramme.id is not None and e.hypothesis_id is not None
        standing = _standing_cut(session, e, ramme.id, year, before=False)
        earlier = _standing_cut(session, e, ramme.id, year, before=True)
        # A withdrawal is undone by the cut it withdrew; a cut by the one it replaced,
        # or by withdrawing it (a withdrawal record keeps the decision it ends).
        kept = earlier or standing
        record_cut(
            session, ctx, now, programme_id=programme_id, hypothesis_id=e.hypothesis_id,
            code=e.subject, ramme_id=ramme.id, ramme_key=ramme.key, year=year,
            amount=None if earlier is None else earlier.amount_kr,
            decision="" if kept is None else kept.decision, note=note, standing=standing,
        )  # fmt: skip
        h = touched.get(e.hypothesis_id) or session.get(Hypothesis, e.hypothesis_id)
        assert h is not None
        touched[e.hypothesis_id] = h
    for (key, year), kinds in budget.items():
        amounts = {kind: amount for kind, amount in kinds.items() if amount is not None}
        clear = [kind for kind, amount in kinds.items() if amount is None]
        set_budget(session, ctx, key, year, amounts, clear=clear, note=notes[(key, year)])
    for h in touched.values():
        touch(h, now)  # one version step per hypothesis, however many cuts go back
        session.add(h)
    session.flush()
    return set(touched)
