"""Progress of long work (an import, an export, a backup), told through a plain callback.

A use case that may take a while takes ``progress``: a callable
``(phase, done, total)``, called as it goes. ``phase`` is one of the stable keys
below (the front end says it in words: a progress bar on a terminal, nothing in a
pipe), ``done`` and ``total`` count the phase's steps (rows, pages). The services
know no front end, so nothing here draws anything.
"""

from collections.abc import Iterable, Iterator
from typing import Protocol, TypeVar

__all__ = ["CHECK", "COPY", "READ", "RENDER", "WRITE", "Progress", "counted", "report"]

T = TypeVar("T")

READ = "read"
"""Reading: a file into a table, or the status an export renders."""
CHECK = "check"
"""Checking the rows of an import (steps: rows)."""
WRITE = "write"
"""Writing in the database: an import's changes."""
RENDER = "render"
"""Rendering an export in its format."""
COPY = "copy"
"""Copying a database into a backup (steps: pages)."""

#: How many rows pass between two reports (a report per row would cost more than
#: a terminal can show).
EVERY = 500


class Progress(Protocol):
    def __call__(self, phase: str, done: int, total: int) -> None: ...


def report(progress: Progress | None, phase: str, done: int, total: int) -> None:
    """Tell ``progress``, if there is one."""
    if progress is not None:
        progress(phase, done, total)


def counted(items: Iterable[T], total: int, progress: Progress | None, phase: str) -> Iterable[T]:
    """``items`` as they are, telling ``progress`` every :data:`EVERY` of them."""
    if progress is None:
        return items
    return _counting(items, total, progress, phase)


def _counting(items: Iterable[T], total: int, progress: Progress, phase: str) -> Iterator[T]:
    progress(phase, 0, total)
    done = 0
    for item in items:
        yield item
        done += 1
        if done % EVERY == 0:
            progress(phase, done, total)
    progress(phase, done, total)
