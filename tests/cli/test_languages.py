"""Danish by default, English on request: every help page, the usage errors, the
errors a user causes and the confirmations, through the real CLI in both languages."""

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
from babel.messages.pofile import read_po
from typer.testing import CliRunner

from tracker.cli import app
from tracker.i18n import LOCALE_DIR

PO = Path(LOCALE_DIR) / "da" / "LC_MESSAGES" / "parat.po"


def _catalogue() -> list[tuple[str, str]]:
    """(English, Danish) of every message; a plural gives its first forms."""
    with PO.open("rb") as f:
        catalogue = read_po(f)
    pairs = []
    for message in catalogue:
        if not message.id:
            continue
        english = message.id if isinstance(message.id, str) else message.id[0]
        danish = message.string if isinstance(message.string, str) else message.string[0]
        pairs.append((english, danish))
    return pairs


def _paths() -> Iterator[list[str]]:
    root = typer.main.get_command(app)
    groups: list[tuple[object, list[str]]] = [(root, [])]
    while groups:
        group, path = groups.pop()
        for name, command in group.commands.items():  # type: ignore[attr-defined]
            yield [*path, name]
            if hasattr(command, "commands"):
                groups.append((command, [*path, name]))


COMMANDS = [[], *[p for p in _paths() if p]]


def _words(text: str) -> bool:
    """A message long enough to be recognised in running text (not 'Options')."""
    bare = text.split("{")[0].strip()
    return len(bare.split()) >= 3


@pytest.fixture
def danish_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PARAT_LANG", raising=False)


def test_every_message_has_a_danish_translation() -> None:
    with PO.open("rb") as f:
        catalogue = read_po(f)
    missing = [
        m.id
        for m in catalogue
        if m.id
        and (not m.string or (not isinstance(m.string, str) and not all(m.string)) or m.fuzzy)
    ]
    assert missing == []


def test_the_compiled_catalogue_is_current() -> None:
    """A .po edited without `make i18n` (or the install step) would go unseen."""
    mo = PO.with_suffix(".mo")
    assert mo.exists(), "run `make i18n` (the install step compiles the catalogues)"
    assert mo.stat().st_mtime >= PO.stat().st_mtime, "run `make i18n`"


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "parat")
def test_help_in_danish_has_no_english_and_english_has_no_danish(
    runner: CliRunner, path: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    pairs = [(en, da) for en, da in _catalogue() if en != da]
    monkeypatch.delenv("PARAT_LANG", raising=False)
    danish = runner.invoke(app, [*path, "--help"])
    assert danish.exit_code == 0, danish.output
    for word in ("Brug:", "Tilvalg:", "Vis denne hjælp"):
        assert word in danish.stdout
    english_left = [en for en, _ in pairs if _words(en) and en.split("{")[0] in danish.stdout]
    assert english_left == []
    for heading in ("Usage:", "Options:", "Commands:", "Arguments:", "[default:", "[required]"):
        assert heading not in danish.stdout

    english = runner.invoke(app, ["--lang", "en", *path, "--help"])
    assert english.exit_code == 0, english.output
    assert "Usage:" in english.stdout
    danish_left = [da for _, da in pairs if _words(da) and da.split("{")[0] in english.stdout]
    assert danish_left == []


USAGE_ERRORS = [
    (["hypothesis", "set", "H01", "--bogus"], "Tilvalget findes ikke: --bogus", "No such option"),
    (["hypothesis", "set"], "Argumentet 'code' mangler.", "Missing argument 'code'."),
    (["hypothesis", "bogus"], "Kommandoen 'bogus' findes ikke.", "No such command 'bogus'."),
    (["status", "extra"], "For mange argumenter (extra)", "Got unexpected extra argument"),
    (["export", "--format", "doc"], "Ugyldig værdi for '--format'", "Invalid value for '--format'"),
    (["history", "--limit"], "Tilvalget '--limit' skal have en værdi.", "requires an argument"),
]


@pytest.mark.parametrize(("args", "danish", "english"), USAGE_ERRORS)
def test_usage_errors_in_both_languages(
    runner: CliRunner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    danish: str,
    english: str,
) -> None:
    db = str(tmp_path / "x.db")
    monkeypatch.delenv("PARAT_LANG", raising=False)
    da = runner.invoke(app, ["--db", db, *args])
    assert da.exit_code == 2
    (line,) = da.stderr.splitlines()  # one line, like every other refusal
    assert line.startswith("parat: ") and danish.rstrip(".") in line and "(se: parat" in line
    assert "Error" not in da.stderr and "Usage" not in da.stderr
    en = runner.invoke(app, ["--lang", "en", "--db", db, *args])
    assert en.exit_code == 2
    (line,) = en.stderr.splitlines()
    assert english.rstrip(".") in line and "(see: parat" in line, line
    assert not (tmp_path / "x.db").exists()


def test_errors_and_confirmations_in_danish_by_default(
    runner: CliRunner, programme: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PARAT_LANG", raising=False)
    db = ["--db", str(programme)]
    done = runner.invoke(app, [*db, "hypothesis", "set", "H02", "--owner", "Carl"])
    assert done.stdout == "H02 er opdateret: 1 ændring, nu version 2.\n"
    stale = runner.invoke(
        app, [*db, "hypothesis", "set", "H02", "--owner", "Dan", "--expect-version", "1"]
    )
    assert stale.exit_code == 3
    assert stale.stderr == (
        "parat: H02 er ændret siden version 1 (nu version 2). Genindlæs og prøv igen.\n"
    )
    unknown = runner.invoke(app, [*db, "hypothesis", "show", "H99"])
    assert unknown.exit_code == 1
    assert unknown.stderr.startswith("parat: Hypotesen 'H99' findes ikke")
    history = runner.invoke(app, [*db, "history", "H02", "--limit", "1"])
    assert "H02 Ansvarlig: Bo → Carl" in history.stdout
    assert "[kommandolinje]" in history.stdout
    english = runner.invoke(app, ["--lang", "en", *db, "history", "H02", "--limit", "1"])
    assert "H02 owner: Bo → Carl" in english.stdout and "[cli]" in english.stdout


def test_stage_moves_read_as_danish_labels(
    runner: CliRunner, programme: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PARAT_LANG", raising=False)
    db = ["--db", str(programme)]
    assert (
        runner.invoke(app, [*db, "hypothesis", "set", "H01", "--stage", "decided"]).exit_code == 0
    )
    line = runner.invoke(app, [*db, "history", "H01", "--limit", "1"]).stdout
    assert "H01 Fase: Kvantificeret → Besluttet" in line


def test_json_stays_the_same_in_both_languages(
    runner: CliRunner, programme: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = ["--db", str(programme)]
    monkeypatch.delenv("PARAT_LANG", raising=False)
    danish = runner.invoke(app, [*db, "status", "--json"]).stdout
    english = runner.invoke(app, ["--lang", "en", *db, "status", "--json"]).stdout
    assert danish == english
    assert '"code": "' in danish


def test_a_language_parat_does_not_speak_is_one_line(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PARAT_LANG", "fr")
    result = runner.invoke(app, ["status"])
    assert result.exit_code == 1  # a bad setting, like one in the configuration file
    (line,) = result.stderr.splitlines()
    assert "PARAT_LANG" in line and "'fr'" in line, line


def test_the_real_parat_speaks_danish_without_flag_or_environment(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PARAT_LANG"}
    parat = Path(sys.executable).with_name("parat")
    missing = str(tmp_path / "none.db")
    result = subprocess.run(
        [str(parat), "--db", missing, "status"], env=env, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert result.stderr == (
        f"parat: Der er ingen database i {missing}. Opret en med `parat init` eller `parat demo`.\n"
    )
    english = subprocess.run(
        [str(parat), "--db", missing, "status"],
        env={**env, "PARAT_LANG": "en"},
        capture_output=True,
        text=True,
    )
    assert english.stderr.startswith(f"parat: there is no database at {missing}")
    help_page = subprocess.run([str(parat), "--help"], env=env, capture_output=True, text=True)
    assert help_page.stdout.startswith("Brug: parat [OPTIONS] COMMAND [ARGS]...")
    assert "Kommandoer:" in help_page.stdout


def test_every_help_text_of_the_tree_is_in_the_catalogue() -> None:
    """A help text added without `make i18n` would show in English to Danish users."""
    from tracker.cli.translate import help_texts

    known = {en for en, _ in _catalogue()}
    root = typer.main.get_command(app)
    assert [text for text in help_texts(root) if text not in known] == []
