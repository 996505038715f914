"""Loading the states of earlier meetings in order: ``init --at``, ``import --at``,
``snapshot add --at``; then each meeting's status comes back, to the krone."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.cli.conftest import Refuse, rows

#: Each meeting's file, the moment its state is dated, and the snapshot after it.
MEETINGS = (
    (
        "code;title;stage;potential_2018\n"
        "H01;Digital post;quantified;4,5\n"
        "H02;Færre vikarer;identified;2\n",
        "2017-09-01T10:00",
        ("Chefgruppe september", "05.09.2017"),
    ),
    (
        "code;stage;potential_2018\nH01;decided;5\nH02;;3\n",
        "2017-11-01T10:00",
        ("Chefgruppe november", "10.11.2017"),
    ),
    (
        "code;title;stage;potential_2018\nH03;Energi;qualified;1,2\nH02;;qualified;\n",
        "15.01.2018",
        ("Chefgruppe januar", "2018-01-20"),
    ),
)

#: Hand-computed: weighted = potential × the stage's default weight (10/25/50/75 %).
EXPECTED = {
    "Chefgruppe september": {
        "pipeline": 4_500_000 + 2_000_000,
        "weighted": 2_250_000 + 200_000,
        "H01": ("quantified", 4_500_000, 2_250_000),
    },
    "Chefgruppe november": {
        "pipeline": 5_000_000 + 3_000_000,
        "weighted": 3_750_000 + 300_000,
        "H01": ("decided", 5_000_000, 3_750_000),
    },
    "Chefgruppe januar": {
        "pipeline": 5_000_000 + 3_000_000 + 1_200_000,
        "weighted": 3_750_000 + 750_000 + 300_000,
        "H01": ("decided", 5_000_000, 3_750_000),
    },
}


def _load(ok: Callable[..., Any], tmp_path: Path, upto: int) -> None:
    ok("init", "--at", "2017-09-01T09:00")
    for n, (text, at, (name, snap_at)) in enumerate(MEETINGS[:upto], 1):
        file = tmp_path / f"meeting{n}.csv"
        file.write_text(text, encoding="utf-8")
        ok("import", str(file), "--at", at)
        ok("snapshot", "add", name, "--at", snap_at)


def test_three_meetings_come_back_to_the_krone(
    ok: Callable[..., Any], ok_json: Callable[..., Any], tmp_path: Path
) -> None:
    _load(ok, tmp_path, 3)
    for name, want in EXPECTED.items():
        s = ok_json("status", "--json", "--as-of", name)
        assert (s["totals"]["pipeline_kr"], s["totals"]["weighted_kr"]) == (
            want["pipeline"],
            want["weighted"],
        ), name
        h01 = next(h for h in s["hypotheses"] if h["code"] == "H01")
        assert (h01["stage"], h01["pipeline_kr"], h01["weighted_kr"]) == want["H01"], name
    # The state now is the last meeting's: nothing after it was loaded.
    now = ok_json("status", "--json")
    assert now["totals"]["weighted_kr"] == EXPECTED["Chefgruppe januar"]["weighted"]


def test_history_keeps_when_each_change_was_recorded(
    ok: Callable[..., Any], ok_json: Callable[..., Any], tmp_path: Path
) -> None:
    _load(ok, tmp_path, 1)
    events = ok_json("history", "--json", "--limit", "0")
    figure = next(e for e in events if e["action"] == "figure.set")
    assert figure["at"] == "2017-09-01T08:00:00Z"  # 10:00 Copenhagen summer time
    assert figure["recorded_at"] == "2018-03-12T09:00:00Z"  # the tests' clock
    created = next(e for e in events if e["action"] == "programme.create")
    assert created["at"] == "2017-09-01T07:00:00Z"
    text = ok("history", "--limit", "0").stdout
    assert "01.09.2017 10:00 (registreret 12.03.2018 10:00)" in text
    # A change made now is dated now: one moment shown.
    ok("snapshot", "add", "Nu")
    [newest] = ok_json("history", "--json", "--limit", "0")[:1]
    assert newest["action"] == "snapshot.add" and newest["at"] == newest["recorded_at"]
    assert ok("history", "--limit", "0").stdout.splitlines()[0].count("12.03.2018") == 1


def test_a_moment_going_backwards_is_refused_and_nothing_written(
    ok: Callable[..., Any], cli: Callable[..., Any], db_path: Path, tmp_path: Path
) -> None:
    _load(ok, tmp_path, 2)
    late = tmp_path / "late.csv"
    late.write_text("code;potential_2018\nH01;9\n", encoding="utf-8")
    before = db_path.read_bytes()
    for at in ("2017-10-15", "2017-11-05T12:00"):  # before the last change; the last snapshot
        result = cli("import", str(late), "--at", at)
        assert result.exit_code == 1, result.stdout
        assert result.stdout == ""
        [line] = result.stderr.splitlines()
        assert line.startswith("parat: --at ") and "earlier than the newest change" in line
        assert db_path.read_bytes() == before
    assert not db_path.with_name(db_path.name + "-wal").exists()
    result = cli("import", str(late), "--at", "2019-01-01")
    assert result.exit_code == 1 and "in the future" in result.stderr
    assert db_path.read_bytes() == before
    # The same moment as the newest, or a later one, is accepted.
    ok("import", str(late), "--at", "2017-11-10")


def test_init_at_a_moment_and_a_snapshot_before_it_is_refused(
    ok: Callable[..., Any], refuse: Refuse, db_path: Path
) -> None:
    ok("init", "--at", "12.02.2018")
    assert rows(db_path, "SELECT created_at FROM programme") == [("2018-02-12 22:59:59.999999",)]
    line = refuse("snapshot", "add", "Før", "--at", "11.02.2018").stderr
    assert "before the programme was created" in line
    ok("snapshot", "add", "Samme dag", "--at", "12.02.2018")


@pytest.mark.parametrize("at", ["i går", "31.02.2018"])
def test_a_moment_that_is_not_one_is_refused(
    refuse: Refuse, ok: Callable[..., Any], at: str
) -> None:
    ok("init")
    refuse("import", "nothing.csv", "--at", at)
