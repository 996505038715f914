"""Every change through the CLI writes its event: actor, source `cli`, when, old → new."""

import getpass
from pathlib import Path

import pytest

from tests.cli.conftest import rows

CHANGES: list[tuple[str, ...]] = [
    ("programme", "set", "--target", "130"),
    ("programme", "set", "--allocation", "earmarked"),
    ("programme", "set", "--weight", "decided=80"),
    ("bucket", "set", "demografi", "--target", "30"),
    ("bucket", "set", "anlaeg", "--add", "--name", "Anlæg", "--target", "1"),
    ("hypothesis", "add", "H09", "--title", "Ny"),
    ("hypothesis", "set", "H02", "--owner", "Cai"),
    ("hypothesis", "set", "H02", "--stage", "decided"),
    ("hypothesis", "drop", "H03", "--note", "Opgivet"),
    ("figure", "set", "H02", "2018", "--potential", "2"),
]


def _new_events(db_path: Path, after: int) -> list[tuple]:
    return rows(
        db_path,
        "SELECT action, actor, source, at FROM event WHERE id > ? ORDER BY id",
        after,
    )


def _last_id(db_path: Path) -> int:
    return rows(db_path, "SELECT coalesce(max(id), 0) FROM event")[0][0]


@pytest.mark.parametrize("change", CHANGES, ids=lambda c: " ".join(c[:3]))
def test_each_change_writes_an_event_with_actor_from_option(
    programme, ok, db_path: Path, change: tuple[str, ...]
) -> None:
    last = _last_id(db_path)
    ok("--actor", "Anna Bech", *change)
    events = _new_events(db_path, last)
    assert len(events) == 1
    action, actor, source, at = events[0]
    assert action.split(".")[0] in {"programme", "bucket", "hypothesis", "figure"}
    assert (actor, source) == ("Anna Bech", "cli")
    assert at.startswith("2018-03-12 09:00:00")  # the fixed clock, stored as UTC


def test_actor_from_environment(programme, ok, db_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("PARAT_ACTOR", "script-7")
    last = _last_id(db_path)
    ok("hypothesis", "set", "H02", "--owner", "Cai")
    assert [(a, s) for _, a, s, _ in _new_events(db_path, last)] == [("script-7", "cli")]


def test_option_beats_environment(programme, ok, db_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("PARAT_ACTOR", "script-7")
    last = _last_id(db_path)
    ok("--actor", "lone", "hypothesis", "set", "H02", "--owner", "Cai")
    assert [a for _, a, _, _ in _new_events(db_path, last)] == ["lone"]


@pytest.mark.parametrize("env_value", [None, "", "   "])
def test_actor_falls_back_to_the_os_user(
    programme, ok, db_path: Path, monkeypatch, env_value: str | None
) -> None:
    if env_value is None:
        monkeypatch.delenv("PARAT_ACTOR", raising=False)
    else:
        monkeypatch.setenv("PARAT_ACTOR", env_value)
    last = _last_id(db_path)
    ok("hypothesis", "set", "H02", "--owner", "Cai")
    assert [a for _, a, _, _ in _new_events(db_path, last)] == [getpass.getuser()]


def test_blank_actor_option_falls_back(programme, ok, db_path: Path) -> None:
    last = _last_id(db_path)
    ok("--actor", "  ", "hypothesis", "set", "H02", "--owner", "Cai")
    assert [a for _, a, _, _ in _new_events(db_path, last)] == ["tester"]


def test_figure_records_carry_actor_and_source(programme, ok, db_path: Path) -> None:
    ok("--actor", "Anna", "figure", "set", "H02", "2018", "--potential", "2")
    assert rows(db_path, "SELECT actor, source FROM figure ORDER BY id DESC LIMIT 1") == [
        ("Anna", "cli")
    ]


def test_refused_change_writes_no_event(programme, refuse) -> None:
    # `refuse` compares the whole database, the event table included
    refuse("--actor", "Anna", "hypothesis", "set", "H02", "--stage", "nope")
    refuse("--actor", "Anna", "figure", "set", "H02", "2018", "--potential", "abc")


def test_reads_write_no_event(programme, ok, db_path: Path) -> None:
    last = _last_id(db_path)
    for call in (
        ("status",),
        ("status", "--json"),
        ("programme", "show"),
        ("bucket", "list"),
        ("hypothesis", "list"),
        ("hypothesis", "show", "H01"),
        ("db", "info"),
    ):
        ok(*call)
    assert _new_events(db_path, last) == []
