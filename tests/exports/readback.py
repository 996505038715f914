"""Reading exports back for the tests: Markdown and HTML tables, CSV rows, XLSX sheets,
PDF text. Expected values are built from ``parat status --json`` with the core's own
Babel formatter, never with the exporters' code."""

import csv
import io
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from tracker.domain.money import format_mio, format_mio_number
from tracker.domain.stages import Stage

STAGE_LABELS = {s.value: s.label for s in Stage}


#: The headers of the double-counting tables (brutto/netto, the overlaps' list).
OVERLAP_HEADERS = (["", "Brutto", "Dobbelttælling", "Netto"],
                   ["Navn", "Hypoteser", "Beløb", "Vægtet", "Note"])  # fmt: skip


def apart(tables: list[list[list[str]]]) -> tuple[list[list[list[str]]], list[list[list[str]]]]:
    """(the status tables, the double-counting tables) of a summary, each in order."""
    overlaps = [t for t in tables if t and t[0] in OVERLAP_HEADERS]
    return [t for t in tables if not t or t[0] not in OVERLAP_HEADERS], overlaps


def n(kr: int) -> str:
    """An amount as the tables show it (core formatter: Babel, one decimal)."""
    return format_mio_number(kr)


def expected_tables(data: dict[str, Any]) -> dict[str, list[list[str]]]:
    """The rows each summary table must hold, from the status JSON."""
    names = {b["key"]: b["name"] for b in data["buckets"]}
    weights = data["programme"]["weights"]
    # The waterfall rule ignores earmarks: the tables show them in brackets.
    if data["programme"]["allocation"] == "waterfall":
        names = {key: f"({name})" for key, name in names.items()}
    # Udmøntet is a layer, between decided and realised, once the programme has rammer.
    layer = data["programme"].get("has_rammer", False)
    budgeted = ["budgeted_kr"] if layer else []
    return {
        "headline": [
            ["Mål", format_mio(data["totals"]["target_kr"])],
            ["Realiseret", format_mio(data["totals"]["realised_kr"])],
            *([["Udmøntet", format_mio(data["totals"]["budgeted_kr"])]] if layer else []),
            ["Besluttet", format_mio(data["totals"]["decided_kr"])],
            ["Vægtet", format_mio(data["totals"]["weighted_kr"])],
            ["Pipeline", format_mio(data["totals"]["pipeline_kr"])],
            ["Mangler", format_mio(data["totals"]["gap_kr"])],
        ],
        "buckets": [
            [b["name"], n(b["target_kr"]), n(b["pipeline_kr"]), n(b["weighted_kr"]),
             n(b["decided_kr"]), *(n(b[k]) for k in budgeted), n(b["realised_kr"]),
             n(b["validated_kr"]), n(b["gap_kr"])]
            for b in data["buckets"]
        ],
        "stages": [
            [s["label"], f"{weights[s['stage']]} %", str(s["count"]), n(s["pipeline_kr"]),
             n(s["weighted_kr"])]
            for s in data["stages"]
        ],
        "years": [
            [str(y["year"]), n(y["pipeline_kr"]), n(y["decided_kr"]), n(y["weighted_kr"]),
             *(n(y[k]) for k in budgeted), n(y["realised_kr"]), n(y["validated_kr"]),
             n(y["investment_kr"]), n(y["net_kr"])]
            for y in data["years"]
        ],
        "hypotheses": _grouped_hypotheses(data, names, budgeted),
        # each hypothesis's own figures: their sum is brutto (before overlaps)
        "hypotheses_total": [n(data["totals"][k]) for k in
                             ("gross_pipeline_kr", "gross_weighted_kr", "gross_decided_kr",
                              *budgeted, "gross_realised_kr", "gross_validated_kr")],
        "overlap_measures": [
            [label, n(data["totals"][f"gross_{key}_kr"]), n(data["totals"][overlap]),
             n(data["totals"][f"{key}_kr"])]
            for label, key, overlap in (
                ("Pipeline", "pipeline", "overlap_kr"),
                ("Vægtet", "weighted", "overlap_weighted_kr"),
                ("Besluttet", "decided", "overlap_decided_kr"),
                ("Realiseret", "realised", "overlap_realised_kr"),
                ("Valideret", "validated", "overlap_validated_kr"),
            )
        ] if data["overlaps"] else [],
        "years_total": ["I alt", *(n(sum(y[k] for y in data["years"])) for k in
                        ("pipeline_kr", "decided_kr", "weighted_kr", *budgeted, "realised_kr",
                         "validated_kr", "investment_kr", "net_kr"))],
        "other_benefits": [
            [o["label"], str(o["count"]), n(o["pipeline_kr"]), n(o["weighted_kr"]),
             ", ".join(h["code"] for h in data["hypotheses"] if h["benefit_type"] == o["type"])]
            for o in data["other_benefits"]
            if o["count"]
        ],
    }  # fmt: skip


# Danish alphabetical order: æ, ø, å after z.
_DANISH = str.maketrans({"æ": "{", "ø": "|", "å": "}"})


def _grouped_hypotheses(
    data: dict[str, Any], names: dict[str, str], budgeted: list[str]
) -> list[list[str]]:
    """The hypothesis rows grouped by area (Danish order, no area last), each area
    followed by its subtotal row (when there is more than one area): sums of the
    JSON's own per-hypothesis kroner."""
    areas: dict[str, list[dict[str, Any]]] = {}
    for h in data["hypotheses"]:
        if h["counts"]:  # the others are under "Øvrige gevinster"
            areas.setdefault(h["area"].strip(), []).append(h)
    order = sorted(areas, key=lambda a: (a == "", a.casefold().translate(_DANISH)))
    rows: list[list[str]] = []
    for area in order:
        for h in areas[area]:
            rows.append(
                [h["code"], h["title"], h["area"], h["owner"], STAGE_LABELS[h["stage"]],
                 names.get(h["bucket"], "") if h["bucket"] else "", f"{h['weight_pct']} %",
                 n(h["pipeline_kr"]), n(h["weighted_kr"]), n(h["decided_kr"]),
                 *(n(h[k]) for k in budgeted), n(h["realised_kr"]), n(h["validated_kr"])]
            )  # fmt: skip
        if len(areas) > 1:
            sums = [
                n(sum(h[k] for h in areas[area]))
                for k in (
                    "pipeline_kr",
                    "weighted_kr",
                    "decided_kr",
                    *budgeted,
                    "realised_kr",
                    "validated_kr",
                )
            ]
            rows.append(["", f"I alt {area or '(uden område)'}", "", "", "", "", "", *sums])
    return rows


class _Tables(HTMLParser):
    """Collects every table's rows (cell text) and the headline cards of the HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[str]]] = []
        self.cards: list[list[str]] = []
        self.tags: list[str] = []
        self.scripts = 0
        self.links = 0
        self._cell: list[str] | None = None
        self._card_part: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        cls = dict(attrs).get("class") or ""
        if tag == "script":
            self.scripts += 1
        if tag == "a":
            self.links += 1
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "div" and "card" in cls.split():
            self.cards.append([])
        elif tag == "div" and cls in ("label", "value") and self.cards:
            self._card_part = cls

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None and self.tables:
            self.tables[-1][-1].append("".join(self._cell).strip())
            self._cell = None
        if tag == "div":
            self._card_part = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        if self._card_part is not None:
            self.cards[-1].append(data.strip())


def html_tables(text: str) -> _Tables:
    parser = _Tables()
    parser.feed(text)
    return parser


_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def md_tables(text: str) -> list[list[list[str]]]:
    """Every Markdown table as rows of raw (still escaped) cells; bold markers removed."""
    tables: list[list[list[str]]] = []
    current: list[list[str]] | None = None
    for line in text.splitlines():
        if line.startswith("|"):
            cells = [c.strip().strip("*") for c in _UNESCAPED_PIPE.split(line)[1:-1]]
            if current is None:
                current = []
                tables.append(current)
            if not all(set(c) <= set("-: ") for c in cells):
                current.append(cells)
        else:
            current = None
    return tables


def csv_rows(text: str, delimiter: str = ";") -> list[dict[str, str]]:
    assert text.startswith("\ufeff"), "the CSV starts with a byte-order mark"
    return list(csv.DictReader(io.StringIO(text[1:]), delimiter=delimiter))


def xlsx_book(data: bytes) -> Any:
    import openpyxl

    return openpyxl.load_workbook(io.BytesIO(data))


def pdf_text(path_or_bytes: Path | bytes) -> str:
    from pypdf import PdfReader

    source = path_or_bytes if isinstance(path_or_bytes, Path) else io.BytesIO(path_or_bytes)
    return "\n".join(page.extract_text() for page in PdfReader(source).pages)
