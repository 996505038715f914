"""`parat programme show|set` and `parat bucket list|set`."""

from pathlib import Path

import pytest

from tests.cli.conftest import rows


@pytest.fixture(autouse=True)
def _init(ok) -> None:
    ok("init")


def test_programme_show_text(ok) -> None:
    text = ok("programme", "show").stdout
    assert "Parat til fremtiden" in text
    assert "125,0 mio. kr. with annual effect in 2018" in text
    assert "2015–2018" in text
    assert "decided 75 %" in text
    danish = ok("--lang", "da", "programme", "show").stdout
    assert "Mål:         125,0 mio. kr. med årsvirkning i 2018" in danish
    assert "Fordeling:   vandfald" in danish and "Besluttet 75 %" in danish
    assert "Faldende driftsbalance" in text


def test_programme_show_json_keys(ok_json) -> None:
    p = ok_json("programme", "show", "--json")
    assert set(p) >= {
        "name",
        "target_kr",
        "target_year",
        "first_year",
        "allocation",
        "weights",
        "buckets",
        "created_at",
        "updated_at",
    }
    assert p["created_at"] == "2018-03-12T09:00:00Z"


def test_programme_set_target_allocation_and_weights(ok, ok_json, db_path: Path) -> None:
    result = ok(
        "programme",
        "set",
        "--target",
        "130,5",
        "--allocation",
        "earmarked",
        "--weight",
        "decided=80",
        "--weight",
        "Kvalificeret=30%",
        "--note",
        "Byrådets beslutning",
    )
    assert result.stdout.strip() == "Programme updated."
    p = ok_json("programme", "show", "--json")
    assert p["target_kr"] == 130_500_000
    assert p["allocation"] == "earmarked"
    assert p["weights"]["decided"] == 80
    assert p["weights"]["qualified"] == 30
    assert p["weights"]["identified"] == 10
    events = rows(
        db_path,
        "SELECT field, old_value, new_value, note, actor, source FROM event "
        "WHERE action = 'programme.set' ORDER BY id",
    )
    assert events == [
        ("target_kr", "125000000", "130500000", "Byrådets beslutning", "tester", "cli"),
        ("allocation", "waterfall", "earmarked", "Byrådets beslutning", "tester", "cli"),
        ("weight.decided", "75", "80", "Byrådets beslutning", "tester", "cli"),
        ("weight.qualified", "25", "30", "Byrådets beslutning", "tester", "cli"),
    ]
    # the status uses the new weights and mode
    status = ok_json("status", "--json")
    assert status["programme"]["allocation"] == "earmarked"
    assert status["programme"]["weights"]["decided"] == 80
    assert status["totals"]["target_kr"] == 130_500_000


def test_programme_set_same_values_writes_no_event(ok, db_path: Path) -> None:
    ok("programme", "set", "--target", "125", "--allocation", "waterfall", "--weight", "decided=75")
    assert rows(db_path, "SELECT count(*) FROM event WHERE action = 'programme.set'") == [(0,)]


def test_programme_set_years(ok, ok_json) -> None:
    ok("programme", "set", "--first-year", "2016", "--target-year", "2019", "--name", "Ny")
    p = ok_json("programme", "show", "--json")
    assert (p["first_year"], p["target_year"], p["name"]) == (2016, 2019, "Ny")


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--weight", "decided=abc"], "--weight 'decided=abc': write STAGE=PCT"),
        (["--weight", "decided"], "write STAGE=PCT"),
        (["--weight", "decided="], "write STAGE=PCT"),
        (["--weight", "decided=-5"], "write STAGE=PCT"),
        (["--weight", "decided=50.5"], "write STAGE=PCT"),
        (["--weight", "decided=101"], "weight of decided must be a whole percent from 0 to 100"),
        (["--weight", "nope=50"], "unknown stage 'nope'"),
        (["--weight", "Forkastet=10"], "the weight of dropped is always 0 %"),
        # a good weight before a bad one: neither is kept
        (["--weight", "decided=80", "--weight", "nope=50"], "unknown stage 'nope'"),
        (["--allocation", "fifo"], "unknown allocation 'fifo' (use waterfall or earmarked)"),
        (["--target", "abc"], "target: 'abc' is not an amount"),
        (["--target", "0"], "target must be above 0"),
        (["--target", "4,5 kr"], "finer than one krone"),
        (["--first-year", "2019"], "2019"),
        # a valid change before a bad one: rolled back together
        (["--target", "200", "--allocation", "fifo"], "unknown allocation"),
    ],
)
def test_programme_set_refused(refuse, args: list[str], fragment: str) -> None:
    result = refuse("programme", "set", *args)
    assert fragment in result.stderr


def test_bucket_list(ok, ok_json) -> None:
    text = ok("bucket", "list").stdout
    assert text.index("driftsbalance") < text.index("demografi") < text.index("politisk")
    assert "50,0 mio. kr." in text
    assert ok_json("bucket", "list", "--json") == [
        {
            "key": "driftsbalance",
            "name": "Faldende driftsbalance",
            "target_kr": 50_000_000,
            "priority": 1,
        },
        {
            "key": "demografi",
            "name": "Demografisk udvikling",
            "target_kr": 25_000_000,
            "priority": 2,
        },
        {
            "key": "politisk",
            "name": "Politisk prioritering",
            "target_kr": 50_000_000,
            "priority": 3,
        },
    ]


def test_bucket_set(ok, ok_json, db_path: Path) -> None:
    result = ok(
        "bucket", "set", "demografi", "--target", "30", "--priority", "4", "--name", "Demografi"
    )
    assert result.stdout.strip() == "Bucket demografi: Demografi, 30,0 mio. kr., priority 4."
    buckets = ok_json("bucket", "list", "--json")
    assert [b["key"] for b in buckets] == ["driftsbalance", "politisk", "demografi"]
    assert buckets[2] == {
        "key": "demografi",
        "name": "Demografi",
        "target_kr": 30_000_000,
        "priority": 4,
    }
    assert rows(
        db_path, "SELECT field, old_value, new_value FROM event WHERE action='bucket.set'"
    ) == [
        ("name", "Demografisk udvikling", "Demografi"),
        ("target_kr", "25000000", "30000000"),
        ("priority", "2", "4"),
    ]
    # 50 + 30 + 50 ≠ 125: the status warns
    codes = [w["code"] for w in ok_json("status", "--json")["warnings"]]
    assert codes == ["bucket-targets-mismatch"]


def test_bucket_add(ok, ok_json) -> None:
    ok("bucket", "set", "anlaeg", "--add", "--name", "Anlæg", "--target", "10")
    buckets = ok_json("bucket", "list", "--json")
    assert buckets[-1] == {"key": "anlaeg", "name": "Anlæg", "target_kr": 10_000_000, "priority": 4}


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (
            ["nope", "--target", "3"],
            "unknown bucket 'nope' (known: demografi, driftsbalance, politisk)",
        ),
        (["demografi", "--target", "-3"], "a bucket target cannot be negative"),
        (["demografi", "--target", "abc"], "bucket target: 'abc' is not an amount"),
        (["demografi", "--target", ""], "an amount is required"),
        (["demografi", "--name", ""], "bucket name must not be empty"),
        (["ny", "--add", "--name", "Ny"], "a new bucket needs --name and --target"),
        (["Bad Key!", "--add", "--name", "x", "--target", "1"], "invalid bucket key"),
        (["demografi"], "nothing to change: give --name, --target or --priority"),
        (["nope"], "nothing to change"),
        (["ny", "--add"], "nothing to change"),
    ],
)
def test_bucket_set_refused(refuse, args: list[str], fragment: str) -> None:
    result = refuse("bucket", "set", *args)
    assert fragment in result.stderr


def test_programme_set_without_options_is_refused(refuse) -> None:
    result = refuse("programme", "set")
    assert result.stderr.strip() == (
        "parat: nothing to change: give at least one option (see --help)"
    )
    refuse("programme", "set", "--note", "kun en note")
