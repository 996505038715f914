"""The events of a bulk figure import, value by value (both engines: SQLite writes
them with one ``INSERT … SELECT``, PostgreSQL through ``executemany``), and the
importer's fast money path agreeing with the reference parser."""

import json
from decimal import InvalidOperation
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.money import MoneyError, parse_amount
from tracker.services.batch import _amount


def ok(result: Any) -> Any:
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result


def test_each_changed_figure_gets_one_event_with_its_old_and_new_value(
    store_cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok(store_cli("init"))
    ok(store_cli("hypothesis", "add", "H01", "--title", "Indkøb"))
    ok(store_cli("hypothesis", "add", "H02", "--title", "Porto"))
    ok(store_cli("figure", "set", "H01", "2017", "--potential", "2"))
    ok(store_cli("figure", "set", "H01", "2017", "--potential", "3"))  # the current one
    ok(store_cli("figure", "set", "H02", "2018", "--realised", "1 kr"))
    # A record dated after the import's moment is not "current" at that moment.
    monkeypatch.setenv("PARAT_NOW", "2030-01-01T00:00:00+00:00")
    ok(store_cli("figure", "set", "H02", "2016", "--potential", "7"))
    monkeypatch.setenv("PARAT_NOW", "2018-06-01T12:00:00+00:00")
    path = tmp_path / "tal.csv"
    path.write_text(
        "code;potential_2017;potential_2016;realised_2018;investment_2015;potential_2015;note\n"
        "H01;3;-1,5;;0;0,000001;rettet\n"  # 2017 unchanged, an empty cell, 0 for no figure
        "H02;4,25;8;29 kr;1.234.000 kr;;\n",
        encoding="utf-8",
    )
    before = {e["id"] for e in json.loads(ok(store_cli("history", "--json")).stdout)}
    out = ok(store_cli("import", str(path), "--allow-negative")).stdout
    assert "6 figure changes" in out, out
    events = [
        e
        for e in reversed(json.loads(ok(store_cli("history", "--json")).stdout))
        if e["id"] not in before
    ]
    assert [
        (e["action"], e["subject"], e["field"], e["old"], e["new"], e["note"]) for e in events
    ] == [
        ("figure.set", "H01", "potential.2016", None, "-1500000", "rettet"),
        ("figure.set", "H01", "potential.2015", None, "1", "rettet"),
        ("figure.set", "H02", "potential.2017", None, "4250000", ""),
        ("figure.set", "H02", "potential.2016", None, "8000000", ""),
        ("figure.set", "H02", "realised.2018", "1", "29", ""),
        ("figure.set", "H02", "investment.2015", None, "1234000", ""),
    ]
    assert {(e["source"], e["actor"], e["at"]) for e in events} == {
        ("import:tal.csv", "tester", "2018-06-01T12:00:00Z")
    }


_NUMBERISH = st.text(alphabet="0123456789-,. ²٣", max_size=22)


@given(st.one_of(_NUMBERISH, st.from_regex(r"-?\d{1,14}([.,]\d{1,8})?", fullmatch=True)))
def test_the_fast_path_agrees_with_the_reference_parser(text: str) -> None:
    try:
        expected: int | type[Exception] = parse_amount(text)
    except (MoneyError, InvalidOperation) as error:
        expected = type(error)
    try:
        got: int | type[Exception] = _amount(text)
    except (MoneyError, InvalidOperation) as error:
        got = type(error)
    assert got == expected, text


def test_a_database_at_0002_keeps_its_events_and_gets_the_partial_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    import tracker
    from db.engine import make_engine
    from db.schema import HEAD, downgrade

    db = tmp_path / "gammel.db"
    with tracker.open(str(db)) as p:
        p.create_programme()
        p.add_hypothesis("H01", title="Indkøb")
        p.set_figure("H01", 2018, potential="4,5")
    # Today's models write a newer schema: written at the head, taken back to 0002.
    engine = make_engine(f"sqlite:///{db}")
    downgrade(engine, "0002")
    engine.dispose()
    with sqlite3.connect(db) as conn:
        events = conn.execute("SELECT * FROM event ORDER BY id").fetchall()
    with tracker.open(str(db)) as p:  # upgrades to the newest schema
        assert p.hypothesis("H01").hypothesis.title == "Indkøb"
    with sqlite3.connect(db) as conn:
        after = conn.execute("SELECT * FROM event ORDER BY id").fetchall()
        (sql,) = conn.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'ix_event_action_at'"
        ).fetchone()
        version = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    assert [e[: len(events[0])] for e in after] == events
    assert sql.endswith("WHERE action <> 'figure.set'") and version == HEAD
    assert any(e[5] == "figure.set" for e in events)


def test_a_dry_run_then_the_import_on_the_same_connection(
    store: Any, store_url: str, tmp_path: Path
) -> None:
    store.create_programme()
    store.add_hypothesis("H01", title="Indkøb")
    path = tmp_path / "tal.csv"
    path.write_text("code,potential_2018,realised_2018\nH01,4.5,0.25\n", encoding="utf-8")
    dry = store.import_file(path, dry_run=True)
    assert dry.dry_run and dry.summary.figure_changes == 2
    assert [e.action for e in store.history()].count("figure.set") == 0  # rolled back
    done = store.import_file(path)
    assert not done.dry_run and done.summary.figure_changes == 2
    assert [e.action for e in store.history()].count("figure.set") == 2
    assert store.import_file(path).summary.figure_changes == 0
