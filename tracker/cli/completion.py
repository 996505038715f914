"""Shell completion of values from the chosen database: hypothesis codes, bucket keys,
snapshot names (and stages, which need no database).

Typer completes commands and options by itself (``parat --install-completion``);
these functions are the ``autocompletion=`` of the arguments and options that name
data. They run while the shell waits, with the command line parsed leniently (no
callback has run): the database is the one ``--db`` on that line, the environment or
the configuration file names. It is opened read-only, never created or upgraded, and
anything that goes wrong (no database, no programme, a bad file) completes nothing:
a traceback in the middle of a prompt helps nobody.
"""

import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import typer

from tracker.domain.stages import Stage

__all__ = [
    "complete_buckets",
    "complete_codes",
    "complete_rammer",
    "complete_snapshots",
    "complete_stages",
]

Completion = list[tuple[str, str]]


@contextmanager
def _quiet() -> Iterator[None]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


def _from_database(ctx: typer.Context, read: Callable[[Any], Completion]) -> Completion:
    """``read(parat)`` on the database the command line names, or nothing."""
    try:
        with _quiet():
            from tracker.config import load_settings
            from tracker.services import open_parat

            db = ctx.find_root().params.get("db")
            database = load_settings({"database": db})["database"]
            with open_parat(
                database, read_only=True, create=False, upgrade=False, source="cli"
            ) as parat:
                return read(parat)
    except Exception:  # no database, no programme, a bad configuration: complete nothing
        return []


def _starting(incomplete: str, items: Completion) -> Completion:
    folded = incomplete.casefold()
    return [(value, about) for value, about in items if value.casefold().startswith(folded)]


def complete_codes(ctx: typer.Context, incomplete: str) -> Completion:
    """The hypothesis codes (with their titles, which zsh and fish show)."""
    return _starting(
        incomplete, _from_database(ctx, lambda p: [(h.code, h.title) for h in p.hypotheses()])
    )


def complete_buckets(ctx: typer.Context, incomplete: str) -> Completion:
    """The programme's bucket keys (with their names)."""
    return _starting(
        incomplete, _from_database(ctx, lambda p: [(b.key, b.name) for b in p.buckets()])
    )


def complete_rammer(ctx: typer.Context, incomplete: str) -> Completion:
    """The rammer's keys (with their names)."""
    return _starting(
        incomplete, _from_database(ctx, lambda p: [(r.key, r.name) for r in p.rammer()])
    )


def complete_snapshots(ctx: typer.Context, incomplete: str) -> Completion:
    """The snapshot names, newest first as listed."""
    return _starting(
        incomplete, _from_database(ctx, lambda p: [(s.name, "") for s in p.snapshots()])
    )


def complete_stages(ctx: typer.Context, incomplete: str) -> Completion:
    """The stage keys (with their Danish labels)."""
    return _starting(incomplete, [(stage.value, stage.label) for stage in Stage])
