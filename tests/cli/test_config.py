"""The configuration through the real CLI: flag > environment > file > default, the
project's parat.toml found from the working folder up, and a bad file refused in one
line (file, key, what) with exit 1 and no traceback."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.cli.conftest import dump, no_traceback
from tracker.cli import app


def show(runner: CliRunner, *args: str) -> dict[str, dict[str, object]]:
    result = runner.invoke(app, [*args, "config", "show", "--json"])
    assert result.exit_code == 0, result.output
    settings: dict[str, dict[str, object]] = json.loads(result.stdout)["settings"]
    return settings


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder with a parat.toml; parat runs in a subfolder of it."""
    root = tmp_path / "projekt"
    (root / "rapporter").mkdir(parents=True)
    (root / "parat.toml").write_text(
        'database = "budget.db"\nactor = "Fil"\n[display]\nunit = "tkr"\ndecimals = 1\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(root / "rapporter")
    monkeypatch.delenv("PARAT_ACTOR")
    return root


def test_flag_beats_environment_beats_file_beats_default(
    runner: CliRunner, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PARAT_LANG", raising=False)  # the suite runs in English
    toml = str(project / "parat.toml")
    got = show(runner)
    assert got["database"] == {
        "value": str(project / "budget.db"),
        "source": "file",
        "origin": toml,
    }
    assert got["actor"] == {"value": "Fil", "source": "file", "origin": toml}
    assert got["language"] == {"value": "da", "source": "default", "origin": None}

    monkeypatch.setenv("PARAT_ACTOR", "Miljø")
    monkeypatch.setenv("PARAT_DECIMALS", "2")
    got = show(runner)
    assert got["actor"] == {"value": "Miljø", "source": "env", "origin": "PARAT_ACTOR"}
    assert got["display.decimals"] == {"value": 2, "source": "env", "origin": "PARAT_DECIMALS"}
    assert got["display.unit"]["source"] == "file"

    got = show(runner, "--actor", "Flag", "--db", "andet.db")
    assert got["actor"] == {"value": "Flag", "source": "flag", "origin": "--actor"}
    assert got["database"] == {"value": "andet.db", "source": "flag", "origin": "--db"}


def test_the_settings_are_the_ones_used(
    runner: CliRunner, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The file's database and actor are used; its display shows amounts in t.kr.
    assert runner.invoke(app, ["demo", "--no-tui"]).exit_code == 0
    assert (project / "budget.db").is_file()
    shown = runner.invoke(app, ["status"])
    assert shown.exit_code == 0, shown.output
    assert "125.000,0 t.kr." in shown.stdout
    changed = runner.invoke(app, ["figure", "set", "H04", "2018", "--potential", "5"])
    assert changed.exit_code == 0, changed.output
    history = json.loads(runner.invoke(app, ["history", "H04", "--json"]).stdout)
    assert history[0]["actor"] == "Fil"  # the newest event, stamped with the file's actor
    # --display beats the file; PARAT_DISPLAY beats the file too.
    assert "target 125,0 mio. kr." in runner.invoke(app, ["status", "--display", "mio"]).stdout
    monkeypatch.setenv("PARAT_DISPLAY", "kr")
    assert "125.000.000 kr." in runner.invoke(app, ["status", "--decimals", "0"]).stdout


def test_parat_config_points_at_the_user_file(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    mine = tmp_path / "mine.toml"
    mine.write_text('[ui]\ntheme = "nord"\n[keymap]\n"app.quit" = "ctrl+q"\n', "utf-8")
    monkeypatch.setenv("PARAT_CONFIG", str(mine))
    got = show(runner)
    assert got["ui.theme"] == {"value": "nord", "source": "file", "origin": str(mine)}
    assert got["keymap.app.quit"] == {"value": "ctrl+q", "source": "file", "origin": str(mine)}
    text = runner.invoke(app, ["config", "show"]).stdout
    assert "keymap.app.quit" in text and f"file {mine}" in text


def test_the_user_config_folder_is_read(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PARAT_LANG", raising=False)  # the suite runs in English
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "xdg-config" / "parat"  # XDG_CONFIG_HOME (tests/conftest.py)
    folder.mkdir(parents=True)
    (folder / "config.toml").write_text('language = "en"\n', "utf-8")
    (tmp_path / "parat.toml").write_text('language = "da"\n', "utf-8")
    got = show(runner)
    assert got["language"] == {
        "value": "da",
        "source": "file",
        "origin": str(tmp_path / "parat.toml"),
    }
    (tmp_path / "parat.toml").unlink()
    assert show(runner)["language"]["origin"] == str(folder / "config.toml")


@pytest.mark.parametrize(
    ("text", "key", "what"),
    [
        ('[display]\nunit = "mill"\n', "display.unit", "'mio', 'tkr' or 'kr'"),
        ("[display]\ndecimals = 7\n", "display.decimals", "must be at most 3, not 7"),
        ('databse = "x.db"\n', "databse", "unknown key"),
        ('language = "de"\n', "language", "'da' or 'en'"),
        ('actor = "a\\u0007b"\n', "actor", "actor"),
        ('[keymap]\n"app.quit" = "ctrl q"\n', "keymap.app.quit", "not a list of keys"),
        ("display = 1\n", "display", "must be a table"),
        ("database = \n", None, "not valid TOML"),
    ],
)
def test_a_bad_file_is_one_line_naming_file_and_key(
    runner: CliRunner,
    db_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    text: str,
    key: str | None,
    what: str,
) -> None:
    assert runner.invoke(app, ["--db", str(db_path), "demo", "--no-tui"]).exit_code == 0
    before = dump(db_path)
    monkeypatch.chdir(tmp_path)
    toml = tmp_path / "parat.toml"
    toml.write_text(text, encoding="utf-8")
    for args in (["status"], ["figure", "set", "H04", "2018", "--potential", "5"]):
        result = runner.invoke(app, ["--db", str(db_path), *args])
        no_traceback(result)
        assert result.exit_code == 1, result.output
        lines = result.stderr.splitlines()
        assert len(lines) == 1, lines
        prefix = f"parat: {toml}: {key}: " if key else f"parat: {toml}: "
        assert lines[0].startswith(prefix) and what in lines[0], lines[0]
    assert dump(db_path) == before


def test_a_bad_variable_and_a_missing_parat_config_are_one_line(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PARAT_DECIMALS", "many")
    result = runner.invoke(app, ["config", "show"])
    assert result.exit_code == 1
    assert result.stderr.startswith("parat: PARAT_DECIMALS: ") and "'many'" in result.stderr
    monkeypatch.delenv("PARAT_DECIMALS")
    monkeypatch.setenv("PARAT_CONFIG", str(tmp_path / "nowhere.toml"))
    result = runner.invoke(app, ["config", "show"])
    assert result.exit_code == 1
    assert (
        result.stderr
        == f"parat: PARAT_CONFIG: {tmp_path / 'nowhere.toml'}: no such configuration file\n"
    )
