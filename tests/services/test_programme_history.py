"""The programme's past frame survives a rename: its history is keyed by its id.

Through the real CLI on both engines; the clock moves between the steps.
"""

import json
from typing import Any

import pytest

T0 = "2018-03-01T09:00:00Z"
T = "2018-03-01T10:00:00Z"  # after init, before every change


@pytest.fixture
def at(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    def move(moment: str) -> None:
        monkeypatch.setenv("PARAT_NOW", moment)

    return move


def ok(result: Any) -> Any:
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result


def frame(cli: Any, *args: str) -> dict[str, Any]:
    programme: dict[str, Any] = json.loads(ok(cli("status", "--json", *args)).stdout)["programme"]
    return programme


def test_status_as_of_before_a_rename_shows_the_frame_of_then(store_cli: Any, at: Any) -> None:
    at(T0)
    ok(store_cli("init"))
    at("2018-03-02T09:00:00Z")
    ok(store_cli("programme", "set", "--target", "100"))
    at("2018-03-03T09:00:00Z")
    ok(store_cli("programme", "set", "--name", "Nyt navn", "--weight", "decided=70"))
    at("2018-03-04T09:00:00Z")
    ok(store_cli("programme", "set", "--target", "80", "--weight", "decided=60"))
    at("2018-03-05T09:00:00Z")

    then = frame(store_cli, "--as-of", T)
    assert (then["name"], then["target_kr"]) == ("Parat til fremtiden", 125_000_000)
    assert then["weights"]["decided"] == 75
    between = frame(store_cli, "--as-of", "2018-03-03T10:00:00Z")
    assert (between["name"], between["target_kr"]) == ("Nyt navn", 100_000_000)
    assert between["weights"]["decided"] == 70
    now = frame(store_cli)
    assert (now["name"], now["target_kr"], now["weights"]["decided"]) == (
        "Nyt navn",
        80_000_000,
        60,
    )


def test_undo_after_a_rename_names_the_later_change(store_cli: Any, at: Any) -> None:
    at(T0)
    ok(store_cli("init"))
    at("2018-03-02T09:00:00Z")
    ok(store_cli("--actor", "anna", "programme", "set", "--target", "100"))
    at("2018-03-03T09:00:00Z")
    ok(store_cli("--actor", "bo", "programme", "set", "--name", "Nyt navn"))
    ok(store_cli("--actor", "bo", "programme", "set", "--target", "80"))
    at("2018-03-04T09:00:00Z")
    refused = store_cli("--actor", "anna", "undo")
    assert refused.exit_code == 3
    later = json.loads(ok(store_cli("history", "--json")).stdout)[0]
    assert later["field"] == "target_kr" and later["actor"] == "bo"
    assert f"by bo (event #{later['id']})" in refused.stderr
