"""Every write takes the same guard, and is stamped once it holds it.

Two connections on one store, both engines. An import (anna) and another writer
(bo: `parat figure set --expect-version`, or a save with the version the UI showed)
race on H01. The other write is placed deterministically with an engine event on the
import's connection, no sleeps:

- *before the guard*: just before the import's first look at the hypotheses (SQLite:
  its ``BEGIN IMMEDIATE``, the write lock; PostgreSQL: its advisory lock, which
  every writer takes first). Bo commits while the import waits; the
  import must then read bo's values and be stamped after bo.
- *inside the guard*: just after the import has read the current figures (SQLite:
  after ``BEGIN IMMEDIATE``). Bo, on a connection that gives up at once instead of
  waiting for the lock, must not get in; once the import has committed, bo's save
  with the version he saw is refused as stale (exit 3).

The clock is ``PARAT_NOW``, moved on by the test while the writers wait, as a real
clock moves on.
"""

from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from itertools import pairwise
from pathlib import Path
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

T = [FIXED_NOW + timedelta(minutes=n) for n in range(5)]


def _set_clock(monkeypatch: pytest.MonkeyPatch, moment: datetime) -> None:
    monkeypatch.setenv("PARAT_NOW", moment.isoformat())


def _before_guard(engine: Engine, statement: str) -> bool:
    if engine.dialect.name == "sqlite":
        return statement.startswith("BEGIN IMMEDIATE")
    return "pg_advisory_xact_lock" in statement


def _inside_guard(engine: Engine, statement: str) -> bool:
    if engine.dialect.name == "sqlite":
        return statement.startswith("BEGIN IMMEDIATE")
    return "FROM figure" in statement


def once(engine: Engine, when: str, at: Callable[[Engine, str], bool], action: Any) -> list[str]:
    """Run ``action`` once, ``when`` ("before"/"after") the first statement on
    ``engine`` that ``at`` picks; returns what ran there (to show it did)."""
    ran: list[str] = []

    def hook(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if not ran and at(engine, statement):
            ran.append(statement)
            action()

    event.listen(engine, f"{when}_cursor_execute", hook)
    return ran


@pytest.fixture
def anna(store_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Parat]:
    _set_clock(monkeypatch, T[0])
    with tracker.open(store_url, actor="anna") as p:
        p.create_programme()
        p.add_hypothesis("H01", title="Indkøb")
        p.set_figure("H01", 2018, potential="5")
        yield p


@pytest.fixture
def bo(store_url: str) -> Iterator[Parat]:
    with tracker.open(store_url, actor="bo") as p:
        yield p


def _impatient(url: str) -> Parat:
    """Bo on a connection whose writes give up at once when another holds the lock."""
    from db.engine import make_engine

    if url.startswith("sqlite"):
        engine = make_engine(url)

        @event.listens_for(engine, "connect")
        def _no_wait(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.execute("PRAGMA busy_timeout = 0")

    else:
        engine = sa.create_engine(url, connect_args={"options": "-c lock_timeout=50"})
    return Parat(Store(engine), actor="bo")


@pytest.fixture
def figures_csv(tmp_path: Path) -> Path:
    path = tmp_path / "tal.csv"
    path.write_text("code;potential_2018\nH01;20\n", encoding="utf-8")
    return path


def figure_events(p: Parat) -> list[Any]:
    return sorted((e for e in p.history() if e.action == "figure.set"), key=lambda e: e.id)


def assert_one_story(p: Parat) -> None:
    """The figure's events, in commit order, tell one story: each starts from the
    value the one before left, their moments follow that order, and the figure now
    is the last one's."""
    events = figure_events(p)
    for earlier, later in pairwise(events):
        assert later.old_value == earlier.new_value, (earlier, later)
        assert later.at > earlier.at, (earlier, later)
    assert str(p.hypothesis("H01").figures[2018]["potential"]) == events[-1].new_value


def test_a_figure_set_while_an_import_waits_is_its_old_value(
    anna: Parat, figures_csv: Path, store_cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    version = anna.hypothesis("H01").hypothesis.version

    def bo_sets() -> None:
        _set_clock(monkeypatch, T[2])
        monkeypatch.setenv("PARAT_ACTOR", "bo")
        done = store_cli("figure", "set", "H01", "2018", "--potential", "7",
                         "--expect-version", str(version))  # fmt: skip
        assert done.exit_code == 0, done.stderr
        _set_clock(monkeypatch, T[3])  # the clock moves on while the import waits

    _set_clock(monkeypatch, T[1])
    ran = once(anna.engine, "before", _before_guard, bo_sets)
    result = anna.import_file(figures_csv)
    assert ran and result.summary.figure_changes == 1
    *_, set_by_bo, imported = figure_events(anna)
    assert (set_by_bo.actor, set_by_bo.new_value) == ("bo", "7000000")
    assert (imported.old_value, imported.new_value) == ("7000000", "20000000")
    assert imported.at == T[3]
    assert_one_story(anna)
    assert anna.hypothesis("H01").hypothesis.version == version + 2  # one step each


@pytest.mark.parametrize("save", ["figure", "stage"])
def test_a_c_a_save_inside_an_imports_guard_waits_then_is_stale(
    anna: Parat, figures_csv: Path, store_url: str, save: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _set_clock(monkeypatch, T[1])
    version = anna.hypothesis("H01").hypothesis.version
    impatient = _impatient(store_url)
    attempts: list[str] = []

    def bo_saves() -> None:  # the version bo's screen showed before the import
        try:
            if save == "figure":
                impatient.set_figure("H01", 2018, potential="7", expect_version=version)
            else:
                impatient.update_hypothesis("H01", stage="decided", expect_version=version)
            attempts.append("landed")
        except ParatError as error:
            attempts.append("stale" if error.exit_code == ExitCode.STALE else "waits")

    try:
        ran = once(anna.engine, "after", _inside_guard, bo_saves)
        anna.import_file(figures_csv)
        assert ran and attempts == ["waits"]
        bo_saves()  # once the import has committed
        assert attempts == ["waits", "stale"]
    finally:
        impatient.store.close()
    h = anna.hypothesis("H01")
    assert h.figures[2018]["potential"] == 20_000_000
    assert h.hypothesis.stage.value == "identified" and h.hypothesis.version == version + 1
    assert_one_story(anna)


def test_b_an_import_that_waits_for_a_writer_is_stamped_after_it(
    anna: Parat, bo: Parat, figures_csv: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def bo_decides() -> None:
        _set_clock(monkeypatch, T[2])
        bo.update_hypothesis("H01", stage="decided")
        _set_clock(monkeypatch, T[3])

    _set_clock(monkeypatch, T[1])
    ran = once(anna.engine, "before", _before_guard, bo_decides)
    anna.import_file(figures_csv)
    assert ran
    decided = next(e for e in anna.history() if e.field == "stage")
    imported = figure_events(anna)[-1]
    assert decided.at < imported.at and decided.id < imported.id
    # Each moment shows a state that existed: before bo, after bo, after the import.
    states = []
    for moment in (T[1], T[2], T[2] + timedelta(seconds=30), T[3]):
        (h,) = anna.status(as_of=moment).hypotheses
        states.append((h.stage.value, h.pipeline_kr))
    assert states == [
        ("identified", 5_000_000),
        ("decided", 5_000_000),
        ("decided", 5_000_000),
        ("decided", 20_000_000),
    ]


def test_d_a_write_to_another_hypothesis_inside_an_imports_guard_waits(
    anna: Parat, figures_csv: Path, store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Row locks keep two writers of one hypothesis apart; writers of different
    hypotheses must still be stamped in commit order, so bo's save of H02 placed
    inside the import's transaction may not commit before it."""
    anna.add_hypothesis("H02", title="Rengøring")
    _set_clock(monkeypatch, T[1])
    impatient = _impatient(store_url)
    attempts: list[str] = []

    def bo_saves() -> None:
        try:
            impatient.set_figure("H02", 2018, potential="3")
            attempts.append("landed")
        except ParatError:
            attempts.append("waits")

    try:
        ran = once(anna.engine, "after", _inside_guard, bo_saves)
        anna.import_file(figures_csv)
        assert ran and attempts == ["waits"]
        _set_clock(monkeypatch, T[2])
        bo_saves()  # once the import has committed
        assert attempts == ["waits", "landed"]
    finally:
        impatient.store.close()
    imported, saved = figure_events(anna)[-2:]
    assert (imported.subject, saved.subject) == ("H01", "H02"), (imported, saved)
    assert imported.at < saved.at and imported.id < saved.id
