"""Undo checks and writes under the hypothesis's lock: a change that another
connection commits right as an undo gets going is never overwritten by it.

Two connections on the same store, both engines. The second write is placed
deterministically with an engine event on the undo's connection (no sleeps): it runs
just before the undo's statement that takes its lock (PostgreSQL: the writers'
advisory lock, before the hypothesis's row lock; SQLite: ``BEGIN IMMEDIATE``), or just
after it.
"""

from collections.abc import Callable, Iterator
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine

import tracker
from tests.conftest import FIXED_NOW
from tracker.errors import ExitCode, ParatError
from tracker.services import Parat
from tracker.services.store import Store


def _takes_the_lock(engine: Engine, statement: str) -> bool:
    if engine.dialect.name == "sqlite":
        return statement.startswith("BEGIN IMMEDIATE")
    return "pg_advisory_xact_lock" in statement


def once_at_the_lock(engine: Engine, when: str, action: Callable[[], None]) -> list[str]:
    """Run ``action`` once, ``when`` ("before"/"after") the undo's locking statement
    runs on ``engine``; returns the statements seen (to show where it ran)."""
    seen: list[str] = []

    def hook(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)
        if _takes_the_lock(engine, statement) and not getattr(hook, "done", False):
            hook.done = True  # type: ignore[attr-defined]
            action()

    event.listen(engine, f"{when}_cursor_execute", hook)
    return seen


@pytest.fixture
def anna(store_url: str) -> Iterator[Parat]:
    with tracker.open(store_url, actor="anna", clock=lambda: FIXED_NOW) as p:
        p.create_programme()
        p.add_hypothesis("H01", title="Indkøb")
        p.set_figure("H01", 2018, potential="5")
        yield p


@pytest.fixture
def bo(store_url: str) -> Iterator[Parat]:
    with tracker.open(store_url, actor="bo", clock=lambda: FIXED_NOW) as p:
        yield p


def figure_event(p: Parat) -> int:
    """The id of anna's figure change (the fixed clock puts her setup in one moment)."""
    return next(e.id for e in p.history() if e.action == "figure.set")


def potential(p: Parat) -> int:
    return p.hypothesis("H01").figures[2018]["potential"]


def test_a_change_committed_as_undo_starts_makes_it_refuse(anna: Parat, bo: Parat) -> None:
    events_before = len(anna.history())
    once_at_the_lock(anna.engine, "before", lambda: bo.set_figure("H01", 2018, potential="7"))
    with pytest.raises(ParatError) as refused:
        anna.undo(figure_event(anna))
    assert refused.value.exit_code == ExitCode.STALE
    assert "has changed since by bo" in str(refused.value)
    assert potential(anna) == 7_000_000  # bo's change stands
    assert len(anna.history()) == events_before + 1  # bo's event; no undo was written


def _impatient(url: str) -> Engine:
    """An engine whose writes give up at once when another holds the lock."""
    from db.engine import make_engine

    if url.startswith("sqlite"):
        engine = make_engine(url)

        @event.listens_for(engine, "connect")
        def _no_wait(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.execute("PRAGMA busy_timeout = 0")

        return engine
    return sa.create_engine(url, connect_args={"options": "-c lock_timeout=50"})


def test_no_change_lands_inside_an_undo(anna: Parat, store_url: str) -> None:
    impatient = Parat(Store(_impatient(store_url)), actor="bo", clock=lambda: FIXED_NOW)
    attempts: list[str] = []

    def change() -> None:
        try:
            impatient.set_figure("H01", 2018, potential="7")
            attempts.append("landed")
        except ParatError as error:  # the door's line for a write that could not wait
            attempts.append(f"waits: {error}")

    try:
        target = figure_event(anna)
        once_at_the_lock(anna.engine, "after", change)
        (undone,) = anna.undo(target)
        assert attempts and attempts[0].startswith("waits"), attempts
        assert potential(anna) == 0
        # Once the undo has committed, the change goes after it, from the undo's value.
        change()
        assert attempts[1] == "landed" and potential(anna) == 7_000_000
        last = anna.history(limit=1)[0]
        assert (last.actor, last.old_value, last.new_value) == ("bo", "0", "7000000")
        assert undone.new_value == "0"
    finally:
        impatient.engine.dispose()
