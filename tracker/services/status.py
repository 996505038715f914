"""Compute the status from the store: SQL fetches the values standing at the moment,
the domain adds up."""

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from sqlmodel import Session

from tracker.domain.status import Status, compute_status
from tracker.services.timetravel import load_moment

__all__ = ["gc_paused", "load_status"]


@contextmanager
def gc_paused(*, keep: bool = False) -> Iterator[None]:
    """Keep the cyclic garbage collector out of a bulk read.

    A status of 10,000 hypotheses builds a few hundred thousand objects, none of them
    in a reference cycle; the allocations alone set off collections that walk every
    live object and find nothing, a third of the time. Reference counting still frees
    everything once it is dropped. A collector that was already off is left off.

    ``keep``: what was built will be held for a while (the UI's first status), so it
    is moved out of the collector's sight (``gc.freeze``) instead of being walked by
    the next collections. Objects in a cycle that are garbage at that moment stay
    until the process ends: for a one-off, not for every read.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
        if keep:
            gc.freeze()
    finally:
        if enabled:
            gc.enable()


def load_status(session: Session, as_of: datetime) -> Status:
    """The status of the programme exactly as it stood at ``as_of``: figures recorded
    up to that moment, attributes and frame as the events had left them."""
    with gc_paused():
        moment = load_moment(session, as_of)
        return compute_status(moment.programme, moment.hypotheses, as_of, moment.overlaps)
