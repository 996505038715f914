"""The tables and headings of the CLI's text output in the reader's language: an
English reader meets no Danish word but the data's, a Danish reader no English one."""

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tracker.cli import app
from tracker.domain import labels as da
from tracker.domain.benefits import BenefitType
from tracker.domain.stages import Stage
from tracker.i18n import _, set_language
from tracker.report import budget
from tracker.report import words as w

#: The words here that the documents and the UI have too (the same constant name).
SHARED = sorted(
    name
    for name in dir(w)
    if name.isupper() and hasattr(da, name) and isinstance(getattr(w, name), str)
)

#: The tables of words both have (measures, columns, the log's actions, …).
TABLES = sorted(
    name
    for name in dir(w)
    if name.isupper()
    and isinstance(getattr(w, name), dict)
    and isinstance(getattr(da, name, None), dict)
)


def test_the_cli_says_a_measure_as_the_documents_do() -> None:
    assert len(SHARED) > 30
    set_language("da")
    try:
        assert {name: _(getattr(w, name)) for name in SHARED} == {
            name: getattr(da, name) for name in SHARED
        }
        # every table both modules have (the documents' word() reads them)
        for name in TABLES:
            english, danish = getattr(w, name), getattr(da, name)
            shared = sorted(set(english) & set(danish))
            assert shared, name
            assert {k: _(english[k]) for k in shared} == {k: danish[k] for k in shared}, name
        assert {k: _(v) for k, v in w.RANGE_LABELS.items()} == da.RANGE_LABELS
        assert {k: _(v) for k, v in w.KIND_LABELS.items()} == da.KIND_LABELS
        assert {k: _(v) for k, v in w.BUDGET_KIND_LABELS.items()} == da.BUDGET_KIND_LABELS
        assert {k: _(v) for k, v in budget.SHORT_COLUMNS.items()} == da.BUDGET_SHORT_COLUMNS
        assert {k: _(k) for k in budget.DANISH_WORDS} == budget.DANISH_WORDS
        for name in ("BUDGET_FOLLOW_UP", "SIGN_NOTE", "CUTS_NOTE"):
            assert _(getattr(budget, name)) == getattr(da, name)
    finally:
        set_language(None)


#: The text outputs with fixed labels; {db} is the database.
COMMANDS = [
    ["status"],
    ["programme", "show"],
    ["bucket", "list"],
    ["hypothesis", "list"],
    ["hypothesis", "show", "H01"],
    ["diff", "--since", "Møde"],
    ["overlap", "list"],
    ["ramme", "list"],
    ["budget", "report", "2018"],
    ["budget", "report", "2018", "--as-of", "2018-03-12T11:00"],
    ["budget", "cuts"],
    ["snapshot", "list"],
]
#: What the test programme holds (data: it stays as it was entered).
DATA = (
    "Parat til fremtiden",
    "Faldende driftsbalance",
    "Demografisk udvikling",
    "Politisk prioritering",
    "Digital post",
    "Færre vikarer",
    "Energi",
    "Administration",
    "Skole",
    "Ejendomme",
    "Møde",
    "mio. kr.",  # amounts are shown the Danish way in both languages
    "Hjemmeplejens timer",
    "Kommunaldirektøren",
    "Økonomiudvalget",
    "Byrådet 08.10.2015, pkt. 12",
)
#: The words both languages write alike.
ALIKE = {"Pipeline", "Minimum", "Version", "Note", "Ramme", "Serviceramme"}
#: The Danish words an English table must not hold.
DANISH_WORDS = {
    *(v for v in vars(da).values() if isinstance(v, str) and len(v) < 30),
    *(s.label for s in Stage),
    *(t.label for t in BenefitType),
    *da.BUDGET_SHORT_COLUMNS.values(),
    "Historik",
    "Fasebevægelser",
    "Nøgle",
    "Prioritet",
    "Visning",
    "Fordeling",
    "Vægte",
    "Tæller med",
    "vandfald",
    "øremærket",
    "med årsvirkning",
    "Status pr.",
    "decimaler",
    "ingen",
    "intet",
    "nu",
} - ALIKE
#: The English words a Danish table must not hold (those that are the same in both
#: languages, such as Pipeline, left out).
ENGLISH_WORDS = {
    text
    for text in (
        *(
            getattr(w, name)
            for name in dir(w)
            if name.isupper() and isinstance(getattr(w, name), str)
        ),
        *(getattr(budget, name) for name in ("BUDGET_FOLLOW_UP", "TOTAL", "SIGN_NOTE")),
        *budget.SHORT_COLUMNS.values(),
        "History",
        "Stage moves",
        "Figures",
        "Key",
        "Priority",
        "Display",
        "Allocation",
        "Weights",
        "Counting",
        "waterfall",
        "with annual effect",
        "Status as of",
        "decimals",
        "none",
        "nothing",
        "now",
    )
    if text not in ALIKE
}


def _found(words: set[str], text: str) -> list[str]:
    for data in DATA:
        text = text.replace(data, " ")
    return sorted(word for word in words if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text))


@pytest.fixture
def meeting(programme: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The CLI tests' programme with a snapshot ``Møde`` and a change after it."""
    monkeypatch.delenv("PARAT_LANG", raising=False)
    made = runner.invoke(app, ["--db", str(programme), "snapshot", "add", "Møde"])
    assert made.exit_code == 0, made.stderr
    monkeypatch.setenv("PARAT_NOW", "2018-03-12T10:00:00Z")  # an hour after the meeting
    for args in (
        ["figure", "set", "H01", "2018", "--potential", "5"],
        ["hypothesis", "set", "H02", "--stage", "qualified"],
        ["hypothesis", "set", "H03", "--type", "kvalitativ", "--owner", ""],
        ["overlap", "add", "Hjemmeplejens timer", "--members", "H01,H02", "--amount", "0,5"],
        ["ramme", "add", "kd", "--name", "Kommunaldirektøren", "--udvalg", "Økonomiudvalget"],
        ["budget", "set", "kd", "2018", "--original", "46,6", "--actual", "18,7"],
        ["hypothesis", "set", "H01", "--stage", "decided"],
        [
            "budget",
            "cut",
            "H01",
            "--ramme",
            "kd",
            "--year",
            "2018",
            "--amount",
            "1",
            "--decision",
            "Byrådet 08.10.2015, pkt. 12",
        ],
    ):
        done = runner.invoke(app, ["--db", str(programme), *args])
        assert done.exit_code == 0, (args, done.stderr)
    return programme


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_a_table_reads_in_the_language_chosen(
    meeting: Path, runner: CliRunner, args: list[str]
) -> None:
    danish = runner.invoke(app, ["--db", str(meeting), *args])
    english = runner.invoke(app, ["--lang", "en", "--db", str(meeting), *args])
    assert danish.exit_code == english.exit_code == 0, (danish.stderr, english.stderr)
    assert _found(DANISH_WORDS, english.stdout) == [], english.stdout
    assert _found(ENGLISH_WORDS, danish.stdout) == [], danish.stdout


def test_the_status_names_its_parts_in_each_language(meeting: Path, runner: CliRunner) -> None:
    danish = runner.invoke(app, ["--db", str(meeting), "status"]).stdout
    english = runner.invoke(app, ["--lang", "en", "--db", str(meeting), "status"]).stdout
    assert "Puljer (vandfald)" in danish and "Overskud" in danish
    assert "Buckets (waterfall)" in english and "Surplus" in english
    assert "Øvrige gevinster" in danish and "Other benefits" in english
    # the warnings: the Danish sentence alone; in English the code and the English one
    assert "H03 har ingen ansvarlig" in danish and "[no-owner]" not in danish
    assert "[no-owner] H03 has no owner" in english
