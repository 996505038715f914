"""``parat snapshot rename`` and ``delete``: each an event, each undone by ``parat undo``."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.cli.conftest import Refuse


@pytest.fixture
def tick(monkeypatch: pytest.MonkeyPatch) -> Callable[[], None]:
    """Move the clock on a minute: each command is its own moment, as in real use
    (undo reverts the actor's last command: the events of one moment)."""
    minutes = iter(range(1, 60))

    def run() -> None:
        monkeypatch.setenv("PARAT_NOW", f"2018-03-13T09:{next(minutes):02d}:00Z")

    return run


def _names(ok_json: Callable[..., Any]) -> list[tuple[str, str]]:
    return [(s["name"], s["at"]) for s in ok_json("snapshot", "list", "--json")]


def test_rename_is_an_event_and_undo_renames_back(
    programme: Path, ok: Callable[..., Any], ok_json: Callable[..., Any], tick: Callable[[], None]
) -> None:
    ok("snapshot", "add", "Marts", "--at", "2018-03-12T10:00")
    tick()
    assert (
        "'Marts' is now 'Chefgruppe marts'"
        in ok("snapshot", "rename", "Marts", "Chefgruppe marts").stdout
    )
    assert _names(ok_json) == [("Chefgruppe marts", "2018-03-12T09:00:00Z")]
    [event] = ok_json("history", "--json", "--limit", "1")
    assert (event["action"], event["old"], event["new"]) == (
        "snapshot.rename",
        "Marts",
        "Chefgruppe marts",
    )
    before = ok_json("status", "--json", "--as-of", "Chefgruppe marts")["totals"]

    tick()
    ok("undo")
    assert _names(ok_json) == [("Marts", "2018-03-12T09:00:00Z")]
    assert ok_json("status", "--json", "--as-of", "Marts")["totals"] == before
    tick()
    ok("undo")  # the undo of the undo renames it again
    assert _names(ok_json) == [("Chefgruppe marts", "2018-03-12T09:00:00Z")]


def test_delete_is_an_event_and_undo_names_the_moment_again(
    programme: Path,
    ok: Callable[..., Any],
    ok_json: Callable[..., Any],
    refuse: Refuse,
    tick: Callable[[], None],
) -> None:
    ok("snapshot", "add", "Marts", "--at", "2018-03-12T10:00")
    tick()
    tick()
    ok("snapshot", "delete", "Marts")
    assert _names(ok_json) == []
    [event] = ok_json("history", "--json", "--limit", "1")
    assert (event["action"], event["subject"], event["old"]) == (
        "snapshot.delete",
        "Marts",
        "2018-03-12T09:00:00+00:00",
    )
    refuse("status", "--as-of", "Marts")  # no longer a name (exit 1: not found)
    undone = ok_json("history", "--json", "--limit", "0")
    tick()
    ok("undo")
    assert _names(ok_json) == [("Marts", "2018-03-12T09:00:00Z")]
    after = ok_json("history", "--json", "--limit", "0")
    assert len(after) == len(undone) + 1 and after[0]["note"] == f"undo of event #{event['id']}"


def test_adding_a_snapshot_is_undone_by_deleting_it(
    programme: Path, ok: Callable[..., Any], ok_json: Callable[..., Any], tick: Callable[[], None]
) -> None:
    tick()
    ok("snapshot", "add", "Marts")
    tick()
    added = ok_json("history", "--json", "--limit", "1")[0]
    assert added["action"] == "snapshot.add"
    # Naming a moment is no one's last change: it is undone by its event's id.
    ok("undo", str(added["id"]))
    assert _names(ok_json) == []


def test_refused_renames_and_deletes(
    programme: Path, ok: Callable[..., Any], refuse: Refuse, tick: Callable[[], None]
) -> None:
    ok("snapshot", "add", "A", "--at", "2018-03-12T10:00")
    tick()
    ok("snapshot", "add", "B", "--at", "2018-03-12T10:00")
    tick()
    assert "exists already" in refuse("snapshot", "rename", "A", "B").stderr
    assert "no snapshot named 'C'" in refuse("snapshot", "rename", "C", "D").stderr
    assert "no snapshot named 'C'" in refuse("snapshot", "delete", "C").stderr
    refuse("snapshot", "rename", "A", "  ")


def test_undoing_a_delete_whose_name_is_taken_again_is_refused(
    programme: Path,
    ok: Callable[..., Any],
    ok_json: Callable[..., Any],
    refuse: Refuse,
    tick: Callable[[], None],
) -> None:
    ok("snapshot", "add", "A", "--at", "2018-03-12T10:00")
    tick()
    tick()
    ok("snapshot", "delete", "A")
    deleted = ok_json("history", "--json", "--limit", "1")[0]["id"]
    ok("snapshot", "add", "A", "--at", "2018-03-12T10:00")
    tick()
    assert "exists already" in refuse("undo", str(deleted)).stderr
