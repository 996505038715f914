"""The summaries in English, for a reader who chose it: no Danish word but the data's
(names, titles, areas the programme holds), in every format a person reads; the
Danish documents stay Danish (the goldens hold them byte for byte)."""

import html
import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.exports.readback import pdf_text

SINCE = "Chefgruppemøde 1"
#: The Danish words of the documents' fixed text (headings, notes, sentences): none
#: may stand in an English document outside the data.
DANISH_WORDS = (
    "Overblik", "Puljer", "Pulje", "Faser", "Fase", "Mål", "Vægtet", "Besluttet",
    "Realiseret", "Valideret", "Udmøntet", "Mangler", "Beløb", "Hypoteser", "Advarsler",
    "Siden", "Ændring", "Før", "Hvem", "Kode", "Titel", "Område", "Ansvarlig", "Vægt",
    "Antal", "År", "I alt", "pr.", "Udskrevet", "kl.", "og", "med", "til", "af", "Forløb",
    "Statusrapport", "Fremdrift", "Ingen", "Netto", "Brutto", "Dobbelttælling",
    "Overskud", "fordelt", "Sandsynlighed", "Forventet", "Uafhængige", "Samvarierende",
    "Budgetopfølgning", "Udvalg", "Tillæg", "Forbrug", "Korrigeret", "Afvigelse",
    "Oprindeligt", "Overførsler", "heraf", "årsvirkning", "tæller", "godkendt", "afvist",
    "Afgørelse", "Dato", "Navn", "Art", "Fra", "Til", "vandfald", "øremærket",
    "simulationer", "Tal", "Side", "Beslutning", "kvantificeret", "besluttet",
)  # fmt: skip
_WORDS = re.compile(r"(?<!\w)(" + "|".join(re.escape(w) for w in DANISH_WORDS) + r")(?!\w)")


def _data(cli: Any, db: Path) -> list[str]:
    """Every text the programme holds (its JSON export: names, titles, notes, …),
    line breaks as the documents show them (spaces), longest first, so that a name is
    taken out before a word inside it."""
    result = cli("export", "--format", "json", "--since", SINCE, db=db)
    assert result.exit_code == 0, result.output
    found: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, str) and len(value) > 1:
            found.add(" ".join(value.split()))
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(json.loads(result.stdout))
    return sorted(found, key=len, reverse=True)


def _danish_left(text: str, data: list[str], *, wrapped: bool = False) -> list[str]:
    """The Danish in ``text`` once the data is taken out: words of the list, and any
    word with æ, ø or å. ``wrapped``: the text breaks the data's cells over lines (a
    PDF), so a word of the data counts as data wherever it stands."""
    text = " ".join(text.split())
    for value in data:
        text = text.replace(value, " ")
    words = set(_WORDS.findall(text)) | set(re.findall(r"\w*[æøåÆØÅ]\w*", text))
    if wrapped:
        words -= {w for value in data for w in re.findall(r"\w+", value)}
    return sorted(words)


def _md_text(page: str) -> str:
    """The Markdown as read: its escapes undone (``\\|``, ``&amp;``)."""
    return html.unescape(re.sub(r"\\([\\`*_\[\]|~#])", r"\1", page))


def _html_text(page: str) -> str:
    """What a reader meets in the page: its text, its tooltips and the chart's title."""
    page = re.sub(r"<style.*?</style>", " ", page, flags=re.S)
    tips = " ".join(re.findall(r'title="([^"]*)"', page))
    return html.unescape(re.sub(r"<[^>]+>", " ", page) + " " + tips)


@pytest.fixture
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARAT_LANG", "en")


@pytest.mark.parametrize("fmt", ["md", "html", "pdf"])
def test_an_english_summary_has_no_danish_but_the_data(
    fmt: str, cli: Any, hard_db: Path, tmp_path: Path, english: None
) -> None:
    out = tmp_path / f"summary.{fmt}"
    result = cli(
        "export", "--format", fmt, "--since", SINCE, "--risk", "--output", str(out), db=hard_db
    )
    assert result.exit_code == 0, result.output
    if fmt == "pdf":
        text = pdf_text(out)
    elif fmt == "html":
        text = out.read_text(encoding="utf-8")
        assert '<html lang="en">' in text
        text = _html_text(text)
    else:
        text = _md_text(out.read_text(encoding="utf-8"))
    # the sections a reader looks for, in English
    for heading in ("Overview", "Buckets", "Stages", "Hypotheses", "Warnings", "Budget follow-up"):
        assert heading in text, heading
    assert "How sure are we?" in text
    assert _danish_left(text, _data(cli, hard_db), wrapped=fmt == "pdf") == []


def test_the_english_summary_says_when_and_by_whom_in_english(
    cli: Any, hard_db: Path, english: None
) -> None:
    result = cli("export", "--format", "md", "--since", SINCE, db=hard_db)
    assert result.exit_code == 0, result.output
    assert "**Status as of 12.03.2018 at 10:00**" in result.stdout
    assert "*Printed 12.03.2018 at 10:00 by tester · Parat " in result.stdout
    assert "## Since Chefgruppemøde 1 (12.02.2018 at 10:00) until 12.03.2018" in result.stdout


def test_the_danish_summary_is_still_danish(cli: Any, hard_db: Path) -> None:
    """(The export tests read Danish by default; the goldens hold every byte.)"""
    result = cli("export", "--format", "md", "--since", SINCE, db=hard_db)
    assert result.exit_code == 0, result.output
    assert "**Status pr. 12.03.2018 kl. 10:00**" in result.stdout
    assert "## Overblik" in result.stdout
    assert "Overview" not in result.stdout


def test_the_word_list_finds_danish(cli: Any, hard_db: Path) -> None:
    """The check above can fail: on the Danish summary it finds the Danish words."""
    result = cli("export", "--format", "md", "--since", SINCE, "--risk", db=hard_db)
    left = _danish_left(_md_text(result.stdout), _data(cli, hard_db))
    assert {"Overblik", "Udskrevet", "Budgetopfølgning", "Sandsynlighed"} <= set(left)
