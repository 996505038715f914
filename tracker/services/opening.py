"""Opening a database for the Python API: ``tracker.open(...)``."""

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime

from tracker.services.api import Parat
from tracker.services.context import default_actor, utcnow
from tracker.services.stamp import explicit_moment
from tracker.services.store import Store

__all__ = ["open_parat"]


@contextmanager
def open_parat(
    db: str | os.PathLike[str] | None = None,
    *,
    actor: str | None = None,
    source: str = "api",
    clock: Callable[[], datetime] = utcnow,
    upgrade: bool = True,
    read_only: bool = False,
    create: bool = True,
    at: datetime | str | None = None,
) -> Iterator[Parat]:
    """Open a database (path or URL; default: ``PARAT_DATABASE_URL`` or the user's file).

    The schema is brought up to date on open unless ``upgrade=False``. With
    ``read_only`` every write is refused with :class:`ReadOnlyError` before it touches
    the data, and the connection itself is read-only too. ``create=False`` refuses a
    SQLite file that does not exist with :class:`NotFound` instead of creating it
    (and its folders). A database that cannot be used raises
    :class:`UnusableDatabase`; no database error leaves untranslated.

    ``at`` dates every write of this object at that moment (a datetime, or text such
    as ``12.02.2018``) instead of now, to load the state of an earlier meeting; a
    moment earlier than the newest change or snapshot is refused with
    :class:`InvalidInput`, and so is one in the future.
    """
    # Everything that can be refused without the database is checked before it is
    # opened: a refused call must not leave a new file behind.
    moment = explicit_moment(at)
    who = default_actor(actor)
    with Store.open(db, read_only=read_only, upgrade=upgrade, create=create) as store:
        yield Parat(store, actor=who, source=source, clock=clock, at=moment)
