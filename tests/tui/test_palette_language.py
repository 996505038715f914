"""Textual's own palette commands (theme, quit, keys, screenshot, …) speak the reader's
language: Danish by default, English on request."""

import asyncio

import pytest
from textual.app import App
from textual.command import CommandPalette
from textual.widgets import Input

from tracker.i18n import _, set_language
from tui.app import ParatApp
from tui.commands import SYSTEM_TEXTS

from .conftest import palette_offers, settle, until


async def _type(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    for ch in text:
        await pilot.press("space" if ch == " " else ch)


def test_every_built_in_command_has_its_translation(app: ParatApp) -> None:
    """What Textual offers is all known here (an upgrade that adds a command fails),
    and each text has its Danish line."""

    async def run() -> None:
        async with app.run_test(size=(160, 50)) as pilot:
            await settle(pilot)
            texts = {
                text
                for command in App.get_system_commands(app, app.screen)
                for text in (command.title, command.help)
            }
            assert texts <= set(SYSTEM_TEXTS)

    asyncio.run(run())
    set_language("da")
    try:
        assert [t for t in SYSTEM_TEXTS if _(t) == t] == []
    finally:
        set_language(None)


@pytest.mark.parametrize(
    ("language", "shown", "not_shown"),
    [
        (
            "da",
            ["Afslut", "Farvetema", "Taster", "Skærmbillede", "Søg efter kommandoer …"],
            ["Quit", "Theme"],
        ),
        (
            "en",
            ["Quit", "Theme", "Keys", "Screenshot", "Search for commands…"],
            ["Afslut", "Farvetema"],
        ),
    ],
)
def test_the_palette_shows_the_built_in_commands_in_the_language_chosen(
    app: ParatApp, monkeypatch: pytest.MonkeyPatch, language: str, shown: list[str],
    not_shown: list[str],
) -> None:  # fmt: skip
    monkeypatch.setenv("PARAT_LANG", language)

    async def run() -> None:
        async with app.run_test(size=(160, 50)) as pilot:
            await settle(pilot)
            titles = [c.title for c in app.get_system_commands(app.screen)]
            *shown_titles, prompt = shown
            assert set(shown_titles) <= set(titles) and not set(not_shown) & set(titles)
            await pilot.press("ctrl+p")
            await until(pilot, lambda: isinstance(app.screen, CommandPalette))
            assert app.screen.query_one(Input).placeholder == prompt
            for title in shown_titles:
                await _type(pilot, title.lower())
                await until(pilot, lambda: palette_offers(app, title))  # noqa: B023
                for _ch in title:
                    await pilot.press("backspace")
            # the Danish one does what Textual's does: it quits
            if language == "da":
                await _type(pilot, "afslut")
                await until(pilot, lambda: palette_offers(app, "Afslut"))
                assert app.return_code is None
                await pilot.press("enter")
                await until(pilot, lambda: app.return_code == 0)

    asyncio.run(run())
