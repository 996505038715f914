"""The bulk writes of an import: the SQL copy of "a figure changed" says what the
domain's rule says, on both engines, and SQLite's fast path writes exactly what the
generic path writes."""

import shutil
from datetime import timedelta
from functools import cache
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy.engine import Engine

import tracker
from db import bulk, history
from db.engine import make_engine, write_session
from tests.conftest import FIXED_NOW
from tests.storeutil import dump_store
from tracker.domain.rules import ZERO_IS_A_VALUE, figure_changed

AMOUNTS = (0, 1, -1, 5, 4_500_000, 10**12, -(10**12))


KINDS = ("potential", "realised", "investment", "low", "high")


def _sql_changed(engine: Engine, old: int | None, new: int, kind: str = "potential") -> bool:
    old_param = sa.bindparam("old", old, type_=sa.BigInteger)
    new_param = sa.bindparam("new", new, type_=sa.BigInteger)
    kind_param = sa.bindparam("kind", kind, type_=sa.String)
    changed = bulk.figure_changed_sql(old_param, new_param, kind_param)
    with engine.connect() as conn:
        return bool(conn.execute(sa.select(changed)).scalar())


def test_the_sql_rule_is_the_domain_rule_on_both_engines(store_url: str) -> None:
    assert frozenset(bulk.ZERO_IS_A_VALUE) == ZERO_IS_A_VALUE
    engine = make_engine(store_url)
    try:
        for kind in KINDS:
            for old in (None, *AMOUNTS):
                for new in AMOUNTS:
                    expected = figure_changed(old, new, kind)
                    assert _sql_changed(engine, old, new, kind) is expected, (old, new, kind)
    finally:
        engine.dispose()


@cache
def _memory() -> Engine:
    return sa.create_engine("sqlite://")


@given(
    st.none() | st.integers(-(10**12), 10**12),
    st.integers(-(10**12), 10**12),
    st.sampled_from(KINDS),
)
def test_the_sql_rule_is_the_domain_rule_for_any_amounts(
    old: int | None, new: int, kind: str
) -> None:
    assert _sql_changed(_memory(), old, new, kind) is figure_changed(old, new, kind)


def _cells(ids: dict[str, int]) -> list[bulk.Cell]:
    """A first zero, an unchanged amount, a change, a new figure, two cells of one key."""
    return [
        (ids["H01"], 2018, "potential", 4_500_000, "fra området"),  # unchanged
        (ids["H01"], 2017, "potential", 0, ""),  # no record, 0: no change
        (ids["H01"], 2018, "realised", 1_000_000, "x"),  # no record: new
        (ids["H02"], 2018, "potential", 3_500_000, ""),  # changed
        (ids["H02"], 2016, "investment", 0, ""),  # from 200.000 to 0: changed
    ]


def _write(url: str, generic: bool) -> None:
    engine = make_engine(url)
    now = FIXED_NOW + timedelta(days=1)
    try:
        with write_session(engine) as session:
            conn = session.connection()
            ids = {code: row.id for code, row in bulk.hypothesis_ids(conn, 1).items()}
            cells = _cells(ids)
            common: dict[str, Any] = {
                "programme_id": 1,
                "now": now,
                "actor": "importer",
                "source": "import:t.csv",
                "action": "figure.set",
            }
            if generic:
                current = history.current_amounts(conn, first_year=2015, last_year=2018, as_of=now)
                code = {hid: c for c, hid in ids.items()}
                changes: list[bulk.FigureChange] = [
                    (hid, code[hid], kind, year, current.get((hid, kind, year)), kr, note)
                    for hid, year, kind, kr, note in cells
                    if figure_changed(current.get((hid, kind, year)), kr, kind)
                ]
                bulk.insert_figure_changes(conn, changes, **common)
                changed = {change[0] for change in changes}
            else:
                _, changed = bulk.insert_changed_figures_sqlite(conn, cells, **common)
            bulk.bump_versions(conn, sorted(changed), now)
    finally:
        engine.dispose()


def test_the_sqlite_fast_path_writes_what_the_generic_path_writes(tmp_path: Path) -> None:
    first = tmp_path / "fast.db"
    with tracker.open(str(first), actor="setup", clock=lambda: FIXED_NOW) as p:
        p.create_programme()
        p.add_hypothesis("H01", title="Ældrepleje")
        p.add_hypothesis("H02", title="Digital post")
        p.set_figure("H01", 2018, potential="4,5")
        p.set_figure("H02", 2018, potential="3")
        p.set_figure("H02", 2016, investment="0,2")
    second = tmp_path / "generic.db"
    shutil.copy(first, second)
    before = dump_store(f"sqlite:///{first}")

    _write(f"sqlite:///{first}", generic=False)
    _write(f"sqlite:///{second}", generic=True)

    fast, generic = dump_store(f"sqlite:///{first}"), dump_store(f"sqlite:///{second}")
    assert fast == generic
    new_figures = fast["figure"][len(before["figure"]) :]
    assert [(f[3], f[2], f[4], f[6]) for f in new_figures] == [
        ("realised", 2018, 1_000_000, "importer"),
        ("potential", 2018, 3_500_000, "importer"),
        ("investment", 2016, 0, "importer"),
    ]
    new_events = fast["event"][len(before["event"]) :]
    assert [(e[7], e[8], e[9], e[10]) for e in new_events] == [
        ("H01", "realised.2018", None, "1000000"),
        ("H02", "potential.2018", "3000000", "3500000"),
        ("H02", "investment.2016", "200000", "0"),
    ]
    versions = {h[2]: h[-4] for h in fast["hypothesis"]}  # version, created, updated, type
    assert versions == {"H01": 3, "H02": 4}
