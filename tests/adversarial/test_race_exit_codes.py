"""The races of issue 17 seen from the command line: ``parat undo`` whose value is
changed by someone else right as it takes its lock is refused with exit 3 and one
line, and the other's change stands; both engines.

The service-level races (an import against ``figure set --expect-version``, an undo
against a concurrent change) are in ``tests/services/test_write_guard_race.py`` and
``tests/services/test_undo_race.py``; this adds the CLI's exit code and line. The
other write is placed with an engine event, not a sleep: the hook listens on every
engine (the CLI opens its own), fires once, at the undo's locking statement.
"""

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine

import tracker
from tests.conftest import FIXED_NOW
from tests.services.test_undo_race import _takes_the_lock
from tracker.services import Parat


@pytest.fixture
def bo(store_url: str) -> Iterator[Parat]:
    with tracker.open(store_url, actor="anna", clock=lambda: FIXED_NOW) as anna:
        anna.create_programme()
        anna.add_hypothesis("H01", title="Indkøb")
        anna.set_figure("H01", 2018, potential="5")
    with tracker.open(store_url, actor="bo", clock=lambda: FIXED_NOW) as p:
        yield p


@pytest.fixture
def at_the_lock() -> Iterator[Callable[[Callable[[], None]], list[str]]]:
    """Run an action once, just before the first locking statement of any engine."""
    hooks: list[Any] = []

    def arm(action: Callable[[], None]) -> list[str]:
        ran: list[str] = []

        def hook(conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
            if not ran and _takes_the_lock(conn.engine, statement):
                ran.append(statement)
                action()

        event.listen(Engine, "before_cursor_execute", hook)
        hooks.append(hook)
        return ran

    yield arm
    for hook in hooks:
        event.remove(Engine, "before_cursor_execute", hook)


def test_an_undo_raced_by_a_change_exits_3_and_the_change_stands(
    bo: Parat,
    store_cli: Callable[..., Any],
    at_the_lock: Callable[[Callable[[], None]], list[str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PARAT_ACTOR", "anna")
    events_before = len(bo.history())
    target = next(e.id for e in bo.history() if e.action == "figure.set")  # anna's figure
    ran = at_the_lock(lambda: bo.set_figure("H01", 2018, potential="7"))
    result = store_cli("undo", str(target))
    assert ran, "the race was not placed"
    assert result.exit_code == 3, (result.exit_code, result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("parat: "), result.stderr
    assert "by bo" in lines[0]
    assert result.stdout == ""
    assert bo.hypothesis("H01").figures[2018]["potential"] == 7_000_000
    assert len(bo.history()) == events_before + 1  # bo's change; no undo was written
