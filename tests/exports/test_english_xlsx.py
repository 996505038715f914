"""The spreadsheet in English for a reader who chose it (``--lang en``): every sheet
name and cell read back with openpyxl holds no Danish word but the programme's data
(titles, names, areas, owners, notes, bucket and ramme names) and the amounts, which
read the Danish way in both languages; the default stays the Danish document."""

import contextlib
import json
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

import tracker
from tests.exports.readback import xlsx_book
from tracker.domain import labels as da
from tracker.domain.benefits import BenefitType
from tracker.domain.diff import BudgetChange, CutChange, Diff, ValidationChange
from tracker.domain.stages import Stage
from tracker.exports import render

from .test_since import UNTIL, diff

__all__ = ["diff"]

AT = datetime(2018, 3, 1, 10, 0, tzinfo=UTC)

#: The words both languages write alike (and the amounts' unit, Danish in both).
ALIKE = {"Pipeline", "Minimum", "Version", "Note", "Ramme", "Serviceramme", "Batch", "Reference"}
#: Danish words and phrases an English sheet must not hold (besides any æ, ø or å).
DANISH_WORDS = {
    *(v for v in vars(da).values() if isinstance(v, str) and len(v) < 40),
    *(
        v
        for table in (
            da.ACTION_LABELS,
            da.SOURCE_LABELS,
            da.SETTING_LABELS,
            da.VERDICT_LABELS,
            da.MEASURE_HINTS,
            da.BUDGET_COLUMNS,
            da.BUDGET_KIND_LABELS,
            da.FIELD_LABELS,
        )
        for v in table.values()
    ),
    *(s.label for s in Stage),
    *(t.label for t in BenefitType),
    "Overblik",
    "Hypoteser",
    "Puljer",
    "Faser",
    "Mål",
    "Vægtet",
    "Besluttet",
    "Realiseret",
    "Udmøntet",
    "Beløb",
    "Historik",
    "Ændring",
    "Før",
    "Nu",
    "Hvem",
    "Ingen",
    "Nøgletal",
    "Advarsler",
    "Budgetopfølgning",
    "Tillæg",
    "Forbrug",
    "Forventet",
    "Forklaring",
    "Statusrapport",
    "Status pr.",
    "Udskrevet",
    "Tidspunkt",
    "Kilde",
    "Handling",
    "Hypotese",
    "Felt",
    "Efter",
    "Fra",
    "Til",
    "Art",
    "Navn",
    "Nøgle",
    "Sidst ændret",
    "Fortryder",
    "Kun de nyeste",
    "Siden",
    "Afgørelse",
    "Dato",
    "Reference",
    "Mangler",
    "Kode",
    "Titel",
    "Fase",
    "Pulje",
    "Sikkerhed",
    "Antal",
    "Investering",
    "Netto",
    "Brutto",
    "Overskud",
    "Valideret",
    "Beslutning",
    "Udvalg",
    "Potentiale",
    "Maksimum",
    "Gevinsttype",
    "Sandsynlighed",
    "Fuld pulje",
    "Samvarierende",
    "Uafhængige",
    "i alt",
    "og",
    "med",
    "af",
    "til",
    "pr.",
    "kl.",
    "ny",
    "fjernet",
    "før",
    "nu",
    "ja",
    "nej",
    "hypoteser",
    "simulationer",
    "beløb",
    "vandfald",
    "øremærket",
    "årsvirkning",
    "alle",
    "programmets",
    "høstet",
    "potentiale",
    "besluttet",
    "vægt",
    "tæller",
    "ikke",
    "godkendt",
    "afvist",
    "hændelser",
    "hændelse",
    "ingen",
    "eller",
    "senere",
    "målåret",
    "fasens",
} - ALIKE
_DANISH_LETTERS = re.compile("[æøåÆØÅ]")


def _strings(value: Any) -> Iterator[str]:
    """Every string in a JSON value (keys left out), JSON held in a string too."""
    if isinstance(value, str):
        yield value
        if value.startswith(("{", "[")):
            with contextlib.suppress(ValueError):
                yield from _strings(json.loads(value))
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in ("label", "message", "measure_label"):  # labels are not data
                yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _data(cli: Any, db: Path) -> list[str]:
    """What the programme holds (data: it stays as it was entered), longest first."""
    found: set[str] = set()
    for args in (["status", "--json"], ["history", "--json", "--limit", "0"],
                 ["ramme", "list", "--json"], ["snapshot", "list", "--json"]):  # fmt: skip
        result = cli("--lang", "en", *args, db=db)
        assert result.exit_code == 0, result.output
        found.update(_strings(json.loads(result.stdout)))
    # the unit of the amounts (Danish in both languages) and the synthetic diff's data
    found.update(("mio. kr.", "Chefgruppemøde 1. februar", "Rehabilitering", "Vikarer",
                  "<b>Genforhandling</b>", "=Budgetlagt i 2016", "<i>Timer</i>", "Biler", "Ny",
                  "Energi", "=Byrådet 10.10.2016", "Byrådet 08.10.2015", "økonomi", "anna",
                  "jens"))  # fmt: skip
    labels = {*DANISH_WORDS, *ALIKE}
    return sorted((t for t in found if t.strip() and t not in labels), key=len, reverse=True)


def _book_texts(data: bytes) -> list[tuple[str, str]]:
    """(where, text) for each sheet name, each text cell and the document's title."""
    book = xlsx_book(data)
    texts = [("properties.title", book.properties.title or "")]
    for ws in book.worksheets:
        texts.append(("sheet name", ws.title))
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    texts.append((f"{ws.title}!{cell.coordinate}", cell.value))
    return texts


def danish_in(data: bytes, programme_data: list[str]) -> list[str]:
    """The texts of the workbook that still read Danish, each with where it is."""
    found = []
    for where, text in _book_texts(data):
        rest = text
        for datum in programme_data:
            rest = rest.replace(datum, " ")
        words = sorted(w for w in DANISH_WORDS if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", rest))
        if _DANISH_LETTERS.search(rest) or words:
            found.append(f"{where}: {text!r} {words}")
    return found


def _export(cli: Any, db: Path, tmp_path: Path, *args: str) -> bytes:
    path = tmp_path / "status.xlsx"
    result = cli(*args[:2], "export", "-f", "xlsx", "-o", str(path), *args[2:], db=db)
    assert result.exit_code == 0, result.output
    return path.read_bytes()


@pytest.mark.parametrize(
    "args",
    [
        ("--lang", "en"),
        ("--lang", "en", "--since", "Chefgruppemøde 1", "--risk"),
    ],
    ids=["plain", "since-risk"],
)
def test_the_hard_programme_in_english_has_no_danish_word(
    cli: Any, hard_db: Path, tmp_path: Path, args: tuple[str, ...]
) -> None:
    data = _export(cli, hard_db, tmp_path, *args)
    assert danish_in(data, _data(cli, hard_db)) == []


def test_the_demo_in_english_has_no_danish_word(cli: Any, demo_db: Path, tmp_path: Path) -> None:
    data = _export(cli, demo_db, tmp_path, "--lang", "en", "--since", "2018-01-01", "--risk")
    book = xlsx_book(data)
    assert book.sheetnames[:2] == ["Since last time", "Overview"]
    assert "How sure are we" in book.sheetnames and book.sheetnames[-1] == "History"
    assert danish_in(data, _data(cli, demo_db)) == []


def test_every_since_section_in_english(
    cli: Any, hard_db: Path, diff: Diff, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The changes sheet with every section: budget figures, cuts (an uncut too),
    validations, overlaps, stage moves, added and dropped."""
    budget_diff = replace(
        diff,
        budget_changes=(
            BudgetChange("kd", "Kommunaldirektørens ramme", "original", 2018, 30_000_000,
                         46_600_000, AT, "økonomi"),
        ),
        cut_changes=(
            CutChange("H02", "Vikarer", "kd", 2019, 1_500_000, 2_500_000,
                      "=Byrådet 10.10.2016", AT, "tester"),
            CutChange("H03", "Energi", "kd", 2017, 500_000, None, "Byrådet 08.10.2015", AT,
                      "anna"),
        ),
        validations=(
            ValidationChange("H01", "Rehabilitering", 2017, True, 1_800_000, "sag 18/1234",
                             "", AT, "jens", False),
        ),
    )  # fmt: skip
    monkeypatch.setenv("PARAT_LANG", "en")
    with tracker.open(str(hard_db), actor="tester", clock=lambda: UNTIL) as p:
        report = p.report(diff=budget_diff)
    data = render(report, "xlsx")
    assert xlsx_book(data).sheetnames[0] == "Since last time"
    assert danish_in(data, [*_data(cli, hard_db), "sag 18/1234"]) == []


def test_the_default_spreadsheet_stays_danish(run_export: Any, tmp_path: Path) -> None:
    path = tmp_path / "status.xlsx"
    run_export("-f", "xlsx", "-o", str(path))
    data = path.read_bytes()
    book = xlsx_book(data)
    assert book.sheetnames == ["Overblik", "Hypoteser", "År", "Budgetopfølgning", "Historik"]
    assert book["Overblik"]["A5"].value == "Nøgletal"
    assert danish_in(data, []) != []  # the check finds Danish where there is some
