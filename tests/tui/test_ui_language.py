"""The UI speaks the reader's language: Danish by default, English on request
(``parat --lang en``, ``PARAT_LANG=en``, the configuration file), everywhere a person
reads it: screens, panels, the key bar, dialogs, the help."""

import asyncio
import html
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from textual.pilot import Pilot

from tracker.i18n import LOCALE_DIR, set_language
from tracker.services import Parat
from tui.app import ParatApp, create_app
from tui.widgets.keybar import KeyBar

from .conftest import settle

#: Danish words the UI's own text used (and the English UI must not show); the data
#: (titles, areas, owners, bucket names) is taken out before the check.
DANISH_WORDS = (
    "Overblik", "Hypoteser", "Siden sidst", "Afslut", "Hjælp", "Genindlæs", "Annullér",
    "Gem", "Søg", "Ryd", "Forkast", "Indlæser", "Tilbage", "Eksportér", "mangler",
    "vægtet", "Advarsler", "Ingen", "Fase", "Kode", "Titel", "Område", "Ansvarlig",
    "Ændret", "Luk", "Vis", "Sandsynlighed", "Beregner", "Kommandoer", "Øjebliksbillede",
    "Tast", "Handling", "Beløb", "Dato", "Fil", "Mappe", "Felter", "Tal", "Forlad",
)  # fmt: skip
_DANISH = re.compile(r"[æøåÆØÅ]|\b(?:" + "|".join(map(re.escape, DANISH_WORDS)) + r")\b")


def _visible(app: ParatApp) -> str:
    """The text on the screen now (the SVG screenshot's text), without the data."""
    svg = app.export_screenshot()
    text = " ".join(html.unescape(t) for t in re.findall(r"<text[^>]*>(.*?)</text>", svg))
    text = text.replace("\xa0", " ")
    data: set[str] = set()
    if app.status is not None:
        p = app.status.programme
        data |= {p.name, *(b.name for b in p.buckets)}
        for h in app.status.hypotheses:
            data |= {h.title, h.area, h.owner}
        # the warnings are the domain's sentences (Danish in the CLI too), not the UI's
        data |= {w.message for w in app.status.warnings}
    # whole, then word by word (a narrow column cuts a title: "Ældre og sund…")
    words = {w for d in data for w in re.findall(r"\w+", d)} - set(DANISH_WORDS)
    for item in sorted((d for d in data | words if d), key=len, reverse=True):
        text = re.sub(rf"(?<!\w){re.escape(item)}(?!\w)", " ", text)
    return text


def _danish_in(text: str) -> list[str]:
    return sorted(set(_DANISH.findall(text)))


async def _walk(pilot: Pilot[None]) -> dict[str, str]:
    """Every screen and dialog a user reaches from the keys, with its visible text."""
    app = pilot.app
    assert isinstance(app, ParatApp)
    seen: dict[str, str] = {}

    async def look(name: str) -> None:
        await settle(pilot)
        seen[name] = _visible(app)

    await look("overview")
    for key, name in (("e", "export"), ("n", "new hypothesis"), ("a", "as of")):
        await pilot.press(key)
        await look(name)
        await pilot.press("escape")
        await settle(pilot)
    await pilot.press("question_mark")
    await look("help")
    await pilot.press("escape")
    for key, name in (("2", "hypotheses"), ("3", "since last"), ("4", "budget")):
        await pilot.press(key)
        await look(name)
    await pilot.press("2")
    await settle(pilot)
    app.open_hypothesis("H01")
    await look("hypothesis")
    return seen


@pytest.fixture
def english() -> Iterator[None]:
    """English asked for (as ``parat --lang en`` does), then back to the default."""
    set_language("en")
    yield
    set_language(None)


@pytest.fixture
def danish() -> Iterator[None]:
    set_language("da")
    yield
    set_language(None)


def _danish_in_english_ui(app: ParatApp) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}

    async def run() -> None:
        async with app.run_test(size=(160, 50)) as pilot:
            seen = await _walk(pilot)
            assert "Overview" in seen["overview"] and "Hypotheses" in seen["hypotheses"]
            for name, text in seen.items():
                if danish := _danish_in(text):
                    found[name] = danish

    asyncio.run(run())
    return found


@pytest.mark.usefixtures("english")
def test_the_english_ui_shows_no_danish_of_its_own(app: ParatApp) -> None:
    """Overview, Hypotheses, Since last, a hypothesis, the help, and the export, new
    hypothesis and as-of dialogs (the budget screen: the next test)."""
    found = _danish_in_english_ui(app)
    found.pop("budget", None)
    assert found == {}


@pytest.mark.usefixtures("english")
def test_the_budget_screen_in_english_shows_no_danish(app: ParatApp) -> None:
    assert _danish_in_english_ui(app).get("budget") is None


@pytest.mark.usefixtures("danish")
def test_the_danish_ui_shows_no_english_key_labels(app: ParatApp) -> None:
    """Danish (the default): the key bar and the top bar in Danish, none of the
    English source words."""

    async def run() -> None:
        async with app.run_test(size=(160, 50)) as pilot:
            await settle(pilot)
            for key in ("1", "2", "3", "4"):
                await pilot.press(key)
                await settle(pilot)
                bar = app.screen.query_one(KeyBar).render()
                plain = getattr(bar, "plain", str(bar))
                assert "Afslut" in plain and "Hjælp" in plain, plain
                for english in ("Quit", "Help", "Reload", "New", "Commands", "Search"):
                    assert not re.search(rf"\b{english}\b", plain), (key, plain)
            text = _visible(app)
            assert "Overblik" in text and "Overview" not in text

    asyncio.run(run())


def test_every_string_of_the_ui_has_its_danish_translation() -> None:
    """Each text tui/ marks for translation is in the Danish catalogue, translated
    (the catalogue-wide check would pass with a string never extracted)."""
    tui = Path(__file__).parents[2] / "tui"
    keywords = {"_": None, "N_": None, "ngettext": (1, 2)}
    marked = {
        message if isinstance(message, str) else message[0]
        for _file, _line, message, _comments, _context in extract_from_dir(
            str(tui), method_map=[("**.py", "python")], keywords=keywords
        )
    }
    with open(Path(LOCALE_DIR) / "da" / "LC_MESSAGES" / "parat.po", "rb") as f:
        catalogue = read_po(f)
    untranslated = sorted(
        m for m in marked if catalogue.get(m) is None or not catalogue.get(m).string
    )
    assert len(marked) > 200
    assert untranslated == []


@pytest.mark.usefixtures("danish")
def test_textuals_keys_panel_reads_the_danish_descriptions(app: ParatApp) -> None:
    """Textual's own Keys panel (palette → Keys) reads a binding's description as it
    stands: Danish in a Danish UI, not the English msgid."""
    from textual.widgets import KeyPanel

    from tui.textual_words import TEXTUAL_BINDINGS

    async def run() -> None:
        async with app.run_test(size=(160, 50)) as pilot:
            await settle(pilot)
            app.action_show_help_panel()
            await settle(pilot)
            panel = app.screen.query_one(KeyPanel)
            text = " ".join(
                str(b.description) for _n, b, _e, _t in app.screen.active_bindings.values()
            )
            assert panel.display
            assert "Eksportér" in text and "Export" not in text, text
            # Textual's own keys too (the focus keys, a panel's scrolling)
            said = {str(b.description) for _n, b, _e, _t in app.screen.active_bindings.values()}
            assert "Næste felt" in said, said
            assert said.isdisjoint(TEXTUAL_BINDINGS), said & set(TEXTUAL_BINDINGS)

    asyncio.run(run())


@pytest.mark.parametrize(
    ("module", "dialog", "open_it"),
    [
        ("tui.dialogs.as_of", "AsOfDialog", "action_as_of"),
        ("tui.dialogs.export", "ExportDialog", "action_export"),
    ],
)
@pytest.mark.usefixtures("danish")
def test_a_dialog_imported_when_first_opened_has_danish_keys(
    ui_parat: Parat, monkeypatch: pytest.MonkeyPatch, module: str, dialog: str, open_it: str
) -> None:
    """A dialog's module is imported when it is first opened, after the app start
    translated every class it knew: the Keys panel reads its bindings in Danish too."""
    import sys

    import tui.dialogs

    # As when the dialog is first opened: its module (and classes) imported afresh;
    # the old module is put back afterwards for the other tests.
    monkeypatch.delitem(sys.modules, module)
    monkeypatch.delattr(tui.dialogs, module.rpartition(".")[2])
    app = create_app(ui_parat, poll_seconds=None)

    async def run() -> None:
        async with app.run_test(size=(160, 50)) as pilot:
            await settle(pilot)
            assert module not in sys.modules
            getattr(app, open_it)()
            await settle(pilot)
            screen = app.screen
            assert type(screen) is getattr(sys.modules[module], dialog)  # the fresh class
            # its own bindings (those it inherits from Textual's Screen are Textual's)
            own = [b.description for _key, b in screen._bindings if b.action == "cancel"]
            assert own == ["Annullér"], own
            app.action_show_help_panel()
            await settle(pilot)
            shown = [str(b.description) for _n, b, _e, _t in screen.active_bindings.values()]
            assert "Annullér" in shown and "Cancel" not in shown, shown
            # the class itself speaks Danish now: the next dialog is made in Danish
            merged = getattr(sys.modules[module], dialog)._merged_bindings
            assert [b.description for _k, b in merged if b.action == "cancel"] == ["Annullér"]

    asyncio.run(run())


@pytest.mark.usefixtures("danish")
def test_textuals_own_notices_are_danish(app: ParatApp) -> None:
    """Ctrl+C (which no longer quits) and a saved screenshot: Textual's notices, in
    Danish."""

    async def run() -> None:
        async with app.run_test(size=(160, 50)) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+c")
            await settle(pilot)
            notices = [(n.title, n.message) for n in app._notifications]
            assert ("Vil du afslutte?", "Tryk [b]ctrl+q[/b] for at afslutte") in notices, notices

    asyncio.run(run())


@pytest.mark.usefixtures("danish")
def test_the_screenshot_notice_keeps_its_path() -> None:
    from tui.textual_words import textual_notice

    saved = "Saved screenshot to [$text-success]'/tmp/Parat 2018.svg'"
    assert textual_notice(saved, "Screenshot") == (
        "Skærmbilledet er gemt i [$text-success]'/tmp/Parat 2018.svg'",
        "Skærmbillede",
    )
    assert textual_notice("H01 er gemt", "") == ("H01 er gemt", "")
