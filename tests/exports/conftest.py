"""The export tests' programme: built once through the real CLI on a fixed clock, with
the hard cases in one place (æøå, quotes, markup, formula-looking text, big and
negative amounts, a dropped hypothesis, a rounding half)."""

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tracker.cli import app

EARLIER = "2018-01-15T09:00:00+00:00"
GOLDEN = Path(__file__).parent / "golden"
SCRIPT = "<script>alert(1)</script>"
FORMULA = '=HYPERLINK("http://x","y")'
MARKDOWN_TITLE = "# Overskrift | med *stjerner*, _streg_ og `kode` [x](http://x)"

#: (PARAT_NOW, argv) steps; every amount in the input syntax a user types (a bare
#: number is mio. kr.; units tkr and kr; either decimal comma or point).
STEPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (EARLIER, ("init",)),
    (EARLIER, ("hypothesis", "add", "H01", "--title", "Rehabilitering før hjemmehjælp – æøå ÆØÅ",
               "--area", "Ældre og sundhed", "--owner", 'Lone "Lotte" Bech',
               "--stage", "quantified", "--bucket", "demografi")),
    (EARLIER, ("figure", "set", "H01", "2018", "--potential", "4,5")),
    (EARLIER, ("figure", "set", "H01", "2015", "--potential", "0,029", "--realised", "29 tkr")),
    (EARLIER, ("figure", "set", "H01", "2016", "--investment", "1.234.567 kr")),
    (EARLIER, ("hypothesis", "add", "H02", "--title", SCRIPT, "--area", "Børn & unge",
               "--owner", "@admin", "--stage", "quantified", "--bucket", "politisk",
               "--description", "Linje 1\nLinje | 2 med *stjerner* og [link](http://x)")),
    (EARLIER, ("figure", "set", "H02", "2018", "--potential", "12345,678901", "--accept-large")),
    (EARLIER, ("hypothesis", "add", "H03", "--title", FORMULA, "--area", "+45 1234",
               "--owner", "-5 %", "--stage", "qualified",
               "--description", "=1+2")),
    (EARLIER, ("figure", "set", "H03", "2018", "--potential", "-1,2", "--allow-negative")),
    (EARLIER, ("figure", "set", "H03", "2017", "--realised", "1 kr")),
    (EARLIER, ("hypothesis", "add", "H04", "--title", MARKDOWN_TITLE, "--area", "HR",
               "--owner", "Birgitte Nielsen", "--stage", "realised", "--confidence", "40",
               "--bucket", "driftsbalance")),
    (EARLIER, ("figure", "set", "H04", "2018", "--potential", "7", "--realised", "8")),
    (EARLIER, ("hypothesis", "add", "H05", "--title",
               "Genforhandling af 'leasing' og \"forsikring\"", "--owner", "Mette Holm")),
    (EARLIER, ("figure", "set", "H05", "2017", "--potential", "1")),
    (EARLIER, ("figure", "set", "H05", "2018", "--potential", "2,5")),
    (EARLIER, ("hypothesis", "add", "H06", "--title", "Frigjort tid i visitationen",
               "--owner", "Mette Holm", "--stage", "decided", "--type", "Frigjort tid")),
    (EARLIER, ("figure", "set", "H06", "2018", "--potential", "3")),
    # double counting: H04 and H01 claim the same hours (the note looks like a
    # formula); H06 does not count toward the target, so "Visitation" deducts nothing
    (EARLIER, ("overlap", "add", 'Fælles <b>timer</b> & "vikarer"', "--members", "H04,H01",
               "--amount", "1", "--note", "=SUM(A1) – æøå")),
    (EARLIER, ("overlap", "add", "Visitation", "--members", "H06,H02", "--amount", "0,5")),
    # rammer and their 2018 budget (signed: an income is minus), a cut on one of them
    (EARLIER, ("ramme", "add", "kd", "--name", "Kommunaldirektørens ramme",
               "--udvalg", "Økonomiudvalget")),
    (EARLIER, ("ramme", "add", "aeldre", "--name", "Ældre & sundhed – <hjemmepleje>",
               "--udvalg", "Social- og sundhedsudvalget")),
    (EARLIER, ("ramme", "add", "bolig", "--name", "=Boligstøtte", "--udvalg",
               "Social- og sundhedsudvalget", "--ikke-serviceramme")),
    (EARLIER, ("budget", "set", "kd", "2018", "--original", "46,6", "--supplementary",
               "-31,571", "--carried", "0,5", "--actual", "18,66")),
    (EARLIER, ("budget", "set", "aeldre", "2018", "--original", "812,4", "--forecast",
               "815,029")),
    (EARLIER, ("budget", "set", "bolig", "2018", "--original", "-2.500 tkr")),
    (EARLIER, ("budget", "cut", "H04", "--ramme", "kd", "--year", "2018", "--amount", "7",
               "--decision", "Byrådet 08.10.2015, pkt. 12")),
    ("2018-02-12T09:00:00+00:00", ("snapshot", "add", "Chefgruppemøde 1")),
    ("2018-03-12T09:00:00+00:00", ("hypothesis", "set", "H01", "--stage", "decided",
                                    "--decision", "Chefgruppemøde 2 | <i>12.03.2018</i>")),
    ("2018-03-12T09:00:00+00:00", ("figure", "set", "H01", "2018", "--potential", "5,5")),
    # a range (trepunktsestimat), so "Hvor sikre er vi?" has a spread to simulate
    ("2018-03-12T09:00:00+00:00", ("figure", "set", "H01", "2018", "--low", "3", "--high", "7")),
    ("2018-03-12T09:00:00+00:00", ("hypothesis", "drop", "H05", "--note", "Budgetlagt i 2016")),
    ("2018-03-12T09:00:00+00:00", ("overlap", "set", 'Fælles <b>timer</b> & "vikarer"',
                                   "--amount", "1,5")),
    ("2018-03-12T09:00:00+00:00", ("budget", "cut", "H01", "--ramme", "aeldre", "--year", "2018",
                                   "--amount", "2,5", "--decision", "Byrådet 12.03.2018, pkt. 4")),
    ("2018-03-12T09:00:00+00:00", ("budget", "set", "kd", "2018", "--actual", "18,7")),
    # validation: the finance department approves H04's realised 2018 (a reference
    # that looks like a formula, a note with markup) and rejects H01's 2015
    ("2018-03-12T09:00:00+00:00", ("programme", "set", "--validators", "Økonomi-Åse")),
    ("2018-03-12T09:00:00+00:00", ("--actor", "Økonomi-Åse", "figure", "validate", "H04",
                                   "2018", "--approve", "--ref", "=sag 18/1234",
                                   "--note", "<b>bilag</b> | ok")),
    ("2018-03-12T09:00:00+00:00", ("--actor", "Økonomi-Åse", "figure", "validate", "H01",
                                   "2015", "--reject", "--ref", "sag 18/99")),
)  # fmt: skip


#: Golden file → the ``parat export`` options that produce it from the hard programme.
CASES: dict[str, tuple[str, ...]] = {
    "summary.md": ("-f", "md"),
    "summary.html": ("-f", "html"),
    "hypotheses.csv": ("-f", "csv"),
    "hypotheses-excel-us.csv": ("-f", "csv", "--csv-dialect", "excel-us"),
    "status.json": ("-f", "json"),
    # the meeting pack: what moved since the last meeting's snapshot, first
    "summary-since.md": ("-f", "md", "--since", "Chefgruppemøde 1"),
    "summary-since.html": ("-f", "html", "--since", "Chefgruppemøde 1"),
    # how sure are we: only when asked, with the default draws and seed stated
    "summary-risk.md": ("-f", "md", "--risk"),
    "summary-risk.html": ("-f", "html", "--risk"),
    "status-risk.json": ("-f", "json", "--risk"),
}


def build_hard_programme(db: Path, home: Path) -> None:
    """Run :data:`STEPS` through the real CLI into the new SQLite file ``db``."""
    runner = CliRunner()
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PARAT_ACTOR", "tester")
        mp.setenv("HOME", str(home))
        mp.delenv("PARAT_DATABASE_URL", raising=False)
        for now, argv in STEPS:
            mp.setenv("PARAT_NOW", now)
            result = runner.invoke(app, ["--db", str(db), *argv])
            assert result.exit_code == 0, (argv, result.output)


@pytest.fixture(autouse=True)
def _danish_documents(monkeypatch: pytest.MonkeyPatch) -> None:
    """The summaries are Danish documents by default: these tests read them so (the
    English ones are tests/exports/test_english.py's, which choose it)."""
    monkeypatch.setenv("PARAT_LANG", "da")


@pytest.fixture(scope="session")
def hard_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file holding the hard-case programme (read-only for the tests)."""
    folder = tmp_path_factory.mktemp("hard")
    db = folder / "hard.db"
    build_hard_programme(db, folder / "home")
    return db


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file holding the sample programme (``parat demo``), read-only."""
    folder = tmp_path_factory.mktemp("demo")
    db = folder / "demo.db"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PARAT_ACTOR", "tester")
        mp.setenv("HOME", str(folder / "home"))
        mp.setenv("PARAT_NOW", "2018-03-12T09:00:00+00:00")
        mp.delenv("PARAT_DATABASE_URL", raising=False)
        result = CliRunner().invoke(app, ["--db", str(db), "demo", "--no-tui"])
        assert result.exit_code == 0, result.output
    return db


@pytest.fixture
def run_export(cli: Any, hard_db: Path) -> Any:
    """``parat --db hard.db export ARGS…`` with the fixed clock; returns the result."""

    def run(*args: str) -> Any:
        result = cli("export", *args, db=hard_db)
        assert result.exit_code == 0, result.output
        return result

    return run


@pytest.fixture
def status_json(cli: Any, hard_db: Path) -> dict[str, Any]:
    """``parat status --json`` for the hard programme: the figures every format must show."""
    result = cli("status", "--json", db=hard_db)
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data
