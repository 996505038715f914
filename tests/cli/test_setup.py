"""`parat init`, `demo`, `db upgrade`, `db info`, and usage errors."""

import json
from pathlib import Path

import pytest

from db.schema import HEAD
from tests.cli.conftest import dump, no_traceback, rows


def test_init_defaults_from_the_source_document(ok, ok_json, db_path: Path) -> None:
    result = ok("init")
    assert result.stdout.strip() == (
        "Created 'Parat til fremtiden': 125,0 mio. kr. in 2018, 3 buckets."
    )
    p = ok_json("programme", "show", "--json")
    assert (p["name"], p["target_kr"], p["target_year"], p["first_year"], p["allocation"]) == (
        "Parat til fremtiden",
        125_000_000,
        2018,
        2015,
        "waterfall",
    )
    assert p["weights"] == {
        "identified": 10,
        "qualified": 25,
        "quantified": 50,
        "decided": 75,
        "implemented": 90,
        "realised": 100,
        "dropped": 0,
    }
    assert [(b["key"], b["name"], b["target_kr"], b["priority"]) for b in p["buckets"]] == [
        ("driftsbalance", "Faldende driftsbalance", 50_000_000, 1),
        ("demografi", "Demografisk udvikling", 25_000_000, 2),
        ("politisk", "Politisk prioritering", 50_000_000, 3),
    ]
    assert rows(db_path, "SELECT action, actor, source FROM event") == [
        ("programme.create", "tester", "cli")
    ]


def test_init_with_options(ok, ok_json) -> None:
    ok(
        "init",
        "--name",
        "Råderum 2030",
        "--target",
        "80",
        "--target-year",
        "2030",
        "--first-year",
        "2027",
    )
    p = ok_json("programme", "show", "--json")
    assert (p["name"], p["target_kr"], p["target_year"], p["first_year"]) == (
        "Råderum 2030",
        80_000_000,
        2030,
        2027,
    )
    status = ok_json("status", "--json")
    assert [y["year"] for y in status["years"]] == [2027, 2028, 2029, 2030]


def test_second_init_is_refused(ok, refuse) -> None:
    ok("init")
    result = refuse("init")
    assert "already holds a programme" in result.stderr
    refuse("init", "--name", "Andet")


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--target", "abc"], "target: 'abc' is not an amount"),
        (["--target", "0"], "target must be above 0"),
        (["--target", "-5"], "target must be above 0"),
        (["--first-year", "2019"], "2019"),
        (["--name", "  "], "name must not be empty"),
    ],
)
def test_init_bad_values(refuse, db_path: Path, args: list[str], fragment: str) -> None:
    result = refuse("init", *args)
    assert fragment in result.stderr
    # nothing was created: no database file is left behind
    assert not db_path.exists()
    assert "there is no database at" in refuse("status").stderr


def test_demo(ok, ok_json, db_path: Path) -> None:
    result = ok("demo", "--no-tui")
    assert "16 sample hypotheses" in result.stdout
    status = ok_json("status", "--json")
    assert len(status["hypotheses"]) == 16
    assert all(h["title"].endswith("(eksempel)") for h in status["hypotheses"])
    assert status["programme"]["target_kr"] == 125_000_000
    stages = {h["stage"] for h in status["hypotheses"]}
    assert {"identified", "qualified", "quantified", "decided", "dropped"} <= stages
    sources = {s for (s,) in rows(db_path, "SELECT DISTINCT source FROM event")}
    assert sources == {"demo"}


def test_demo_on_a_programme_is_refused(ok, refuse) -> None:
    ok("init")
    assert "already holds a programme" in refuse("demo", "--no-tui").stderr


def test_demo_without_no_tui_still_writes(cli, ok_json) -> None:
    result = cli("demo")  # not a terminal here: it writes, then says why no UI opened
    assert result.exit_code == 0, result.output
    assert "Not a terminal" in result.stderr
    assert len(ok_json("hypothesis", "list", "--json")) == 16


def test_db_upgrade_and_info(ok, db_path: Path) -> None:
    result = ok("db", "upgrade")
    assert result.stdout.strip() == f"Database is at schema revision {HEAD}."
    before = dump(db_path)
    ok("db", "upgrade")  # idempotent
    assert dump(db_path) == before
    info = ok("db", "info").stdout
    assert f"sqlite:///{db_path}" in info
    assert f"schema:   {HEAD} (newest {HEAD})" in info


def test_db_info_on_an_empty_database_says_empty(ok, tmp_path: Path, cli) -> None:
    import sqlite3

    sqlite3.connect(tmp_path / "new.db").close()  # a file without Parat's schema
    result = cli("db", "info", db=tmp_path / "new.db")
    assert result.exit_code == 0
    assert f"schema:   empty (newest {HEAD})" in result.stdout


def test_db_info_hides_a_password(cli) -> None:
    result = cli("db", "info", db="postgresql+psycopg://anna:hemmelig@127.0.0.1:1/none")
    no_traceback(result)
    assert "hemmelig" not in result.stdout + result.stderr


def test_no_programme_yet(ok, refuse) -> None:
    ok("db", "upgrade")  # a database with the schema and no programme
    for args in (["status"], ["programme", "show"], ["hypothesis", "list"], ["bucket", "list"]):
        result = refuse(*args)
        assert result.stderr.strip() == (
            "parat: no programme in this database yet: run `parat init` or `parat demo`"
        )


@pytest.mark.parametrize(
    "args",
    [
        ["bogus"],
        ["status", "--nope"],
        ["figure", "set", "H01", "abc"],
        ["figure", "set"],
        ["hypothesis", "add", "H09"],  # --title is required
        ["bucket", "set", "demografi", "--priority", "x"],
        ["programme", "set", "--target-year", "20x8"],
    ],
)
def test_usage_errors_exit_2(ok, refuse, args: list[str]) -> None:
    ok("init")
    result = refuse(*args, code=2)
    assert result.stderr.rstrip().endswith(" --help)")  # where to read the usage


def test_help_lists_every_command(ok) -> None:
    text = ok("--help").stdout
    for command in ("init", "demo", "status", "programme", "bucket", "hypothesis", "figure", "db"):
        assert command in text


def test_bare_parat_prints_help(ok) -> None:
    assert "Usage" in ok().stdout


def test_database_url_from_environment(monkeypatch, runner, tmp_path: Path) -> None:
    from tracker.cli import app

    path = tmp_path / "env.db"
    monkeypatch.setenv("PARAT_DATABASE_URL", f"sqlite:///{path}")
    result = runner.invoke(app, ["init"])
    assert result.exit_code == 0, result.stderr
    assert rows(path, "SELECT name FROM programme") == [("Parat til fremtiden",)]


def test_default_database_is_in_the_data_folder(runner, tmp_path: Path) -> None:
    from tracker.cli import app

    assert runner.invoke(app, ["db", "upgrade"]).exit_code == 0
    result = runner.invoke(app, ["db", "info"])
    assert result.exit_code == 0
    # conftest points XDG_DATA_HOME at the test's own folder
    assert str(tmp_path / "xdg-data" / "parat" / "parat.db") in result.stdout


def test_db_info_on_a_missing_default_database_names_it(runner, tmp_path: Path) -> None:
    from tracker.cli import app

    result = runner.invoke(app, ["db", "info"])
    assert result.exit_code == 1
    assert str(tmp_path / "xdg-data" / "parat" / "parat.db") in result.stderr
    assert not (tmp_path / "xdg-data").exists()


def test_status_json_is_only_json(ok) -> None:
    ok("demo", "--no-tui")
    out = ok("status", "--json").stdout
    assert json.loads(out)["programme"]["name"] == "Parat til fremtiden"
    assert out.lstrip().startswith("{")


@pytest.mark.parametrize(
    ("target", "fragment"),
    [
        ("{tmp}/a-file/x.db", "cannot create the database folder"),
        ("{tmp}", "is a folder, not a regular file"),
        ("{tmp}/not-a-db.txt", "database error: file is not a database"),
        ("foo://bar", "cannot use this database URL"),
        ("postgresql+psycopg://anna:hemmelig@host:port/x", "cannot use this database URL"),
        ("://x", "cannot use this database URL"),
    ],
)
def test_unusable_database_is_one_line(cli, tmp_path: Path, target: str, fragment: str) -> None:
    (tmp_path / "a-file").write_text("a file, not a folder")
    text_file = tmp_path / "not-a-db.txt"
    text_file.write_text("hello\n" * 200)
    for args in (["status"], ["init"], ["db", "upgrade"], ["db", "info"]):
        result = cli(*args, db=target.format(tmp=tmp_path))
        assert result.exit_code == 1, (args, result.stdout, result.stderr)
        no_traceback(result)
        lines = result.stderr.splitlines()
        # a command that only reads does not try to create the folder: no database there
        wanted = (
            "there is no database at"
            if "a-file" in target and args in (["status"], ["db", "info"])
            else fragment
        )
        assert len(lines) == 1 and wanted in lines[0], (args, result.stderr)
        assert "hemmelig" not in result.stderr
    assert text_file.read_text() == "hello\n" * 200


def test_bad_fixed_clock_is_one_line(programme, refuse, monkeypatch) -> None:
    monkeypatch.setenv("PARAT_NOW", "i morgen")
    result = refuse("hypothesis", "set", "H02", "--owner", "Cai")
    assert result.stderr.strip() == (
        "parat: PARAT_NOW 'i morgen' is not a moment (write e.g. 2018-03-12T10:00:00Z)"
    )
    refuse("status")


@pytest.mark.parametrize(
    "args",
    [
        ["status"],
        ["status", "--json"],
        ["hypothesis", "list"],
        ["hypothesis", "show", "H01"],
        ["history"],
        ["programme", "show"],
        ["export", "--format", "json"],
        ["db", "info"],
        ["hypothesis", "add", "H01", "--title", "X"],
    ],
)
def test_a_command_on_a_missing_database_creates_nothing(
    cli, tmp_path: Path, args: list[str]
) -> None:
    missing = tmp_path / "ny" / "mappe" / "parat.db"
    result = cli(*args, db=missing)
    assert result.exit_code == 1, (result.stdout, result.stderr)
    assert result.stdout == ""
    assert result.stderr == (
        f"parat: there is no database at {missing}: create one with `parat init` or `parat demo`\n"
    )
    assert not (tmp_path / "ny").exists()


def test_init_and_demo_still_create_a_missing_database(ok, cli, tmp_path: Path) -> None:
    for command in (["init"], ["demo", "--no-tui"]):
        target = tmp_path / command[0] / "parat.db"
        result = cli(*command, db=target)
        assert result.exit_code == 0, result.stderr
        assert target.exists()
        assert cli("status", db=target).exit_code == 0
