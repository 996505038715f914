"""The write guard: what every writer of hypotheses takes before it reads.

A write that depends on what it reads (a version check, the current figure an event
names as the old value, whether a figure changes at all) must read it under the
lock that keeps it from moving until the commit. Every write path takes the same
guard, the one lock of :mod:`db.locks`:

- a single hypothesis (an edit, a figure, from the CLI, the UI or the API) through
  :func:`tracker.services.hypotheses.find_hypothesis` with ``for_update=True``;
- many at once (an import, an undo) through :func:`hold`, in id order.

And one rule for the moment of a change: it is read once per transaction, after the
guard is held (the store's door gives the work a clock that reads once, see
:meth:`tracker.services.store.Store.change`), so a writer that waited for another
is stamped after it, and ``--as-of`` never shows a state that never existed.
"""

from collections.abc import Iterable
from datetime import datetime

from sqlmodel import Session

from db.locks import lock_hypotheses
from tracker.services.context import ChangeContext

__all__ = ["hold"]


def hold(session: Session, ctx: ChangeContext, hypothesis_ids: Iterable[int]) -> datetime:
    """Lock the hypotheses until the commit and return the moment of the change.

    Objects the session read before the locks may be older than what the locks now
    guard: they are expired, so that the work reads them again.
    """
    session.flush()  # nothing of this transaction's own is expired unwritten
    lock_hypotheses(session.connection(), hypothesis_ids)
    session.expire_all()
    return ctx.now()
