"""The keymap of the configuration file is the keys in force: in the app, the key bar
and the help screen (Textual's ``App.set_keymap``); an unknown binding id is refused."""

import asyncio
from pathlib import Path

import pytest
from textual.widgets import Markdown

from tests.tui.conftest import settle
from tracker.config import ConfigError, load_settings
from tracker.services import Parat
from tui.app import create_app
from tui.keymap import bindings_by_id, checked_keymap
from tui.screens.help import HELP, HelpScreen
from tui.widgets.keybar import KeyBar


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder whose parat.toml remaps help to ``h``; parat runs in a
    subfolder of it (the file is found upward)."""
    (tmp_path / "parat.toml").write_text(
        '[keymap]\n"app.help" = "h"\n"dashboard.export" = "x,ctrl+e"\n', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path / "home" if (tmp_path / "home").is_dir() else tmp_path)
    return tmp_path


def test_a_remapped_key_works_and_is_shown(ui_parat: Parat, project: Path) -> None:
    keymap = checked_keymap(load_settings())
    assert keymap == {"app.help": "h", "dashboard.export": "x,ctrl+e"}
    app = create_app(ui_parat, poll_seconds=None, keymap=keymap)

    async def run() -> None:
        async with app.run_test(size=(160, 50)) as pilot:
            await settle(pilot)
            bar = app.screen.query_one(KeyBar).render().plain  # type: ignore[union-attr]
            assert " h Hjælp" in bar and "?" not in bar
            assert " x Eksportér" in bar
            await pilot.press("question_mark")  # the default key no longer opens it
            await pilot.pause()
            assert not isinstance(app.screen, HelpScreen)
            await pilot.press("h")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            help_text = app.screen.query_one(Markdown).source
            assert "| `h` | Denne hjælp |" in help_text
            assert "| `x` eller `^e` | Eksportér" in help_text
            assert "| `q` | Afslut |" in help_text  # not remapped: its own key

    asyncio.run(run())


def test_an_unknown_binding_id_is_one_line_naming_file_and_key(
    project: Path,
) -> None:
    (project / "parat.toml").write_text('[keymap]\n"app.hlep" = "h"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as refused:
        checked_keymap(load_settings())
    line = str(refused.value)
    assert "\n" not in line
    assert line.startswith(f"{project / 'parat.toml'}: keymap.app.hlep: no key binding")


def test_the_help_names_only_keys_that_are_bindings() -> None:
    import re

    named = set(re.findall(r"\{([a-z-]+\.[a-z_-]+)\}", HELP))
    assert named, "the help names its keys by binding id"
    assert named <= set(bindings_by_id())
