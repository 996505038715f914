"""The headings of an import file: which column is which, in Danish or English.

A savings catalogue as a municipality publishes it says ``Nr.; Forslag; Område;
2018; 2019 (1.000 kr.)``; Parat's own export says ``code; title; area;
potential_2018``. Both read to the same columns here. Pure: text in, values out.
"""

import re
from dataclasses import dataclass, field

from tracker.domain.labels import FIGURE_KINDS
from tracker.domain.money import MoneyError, parse_unit
from tracker.domain.ranges import RANGE_KINDS

__all__ = ["ATTRIBUTE_NAMES", "FigureColumn", "Header", "attribute_name", "figure_heading"]

#: A column's heading (case-folded) → the attribute it holds.
ATTRIBUTE_NAMES: dict[str, str] = {
    **dict.fromkeys(("code", "kode", "nr", "nr.", "nummer"), "code"),
    **dict.fromkeys(("title", "titel", "forslag"), "title"),
    **dict.fromkeys(("area", "område", "udvalg"), "area"),
    **dict.fromkeys(("owner", "ansvarlig"), "owner"),
    **dict.fromkeys(("stage", "fase"), "stage"),
    **dict.fromkeys(("bucket", "pulje"), "bucket"),
    **dict.fromkeys(("description", "beskrivelse"), "description"),
    **dict.fromkeys(("note", "bemærkning"), "note"),
    **dict.fromkeys(("decision", "beslutning"), "decision"),
    **dict.fromkeys(("confidence", "sikkerhed"), "confidence"),
    **dict.fromkeys(("benefit_type", "benefit type", "gevinsttype"), "benefit_type"),
    **dict.fromkeys(("ramme", "budgetramme"), "ramme"),
    **dict.fromkeys(("decision", "beslutning"), "decision"),
}
#: A figure kind's word in a heading (case-folded) → the kind.
_KIND_WORDS: dict[str, str] = {
    **{kind: kind for kind in (*FIGURE_KINDS, *RANGE_KINDS)},
    "potentiale": "potential",
    # the range of a potential (trepunktsestimat), as a catalogue heads it
    "minimum": "low",
    "maksimum": "high",
    "maximum": "high",
    "realized": "realised",
    "realiseret": "realised",
    "investering": "investment",
    # udmøntet_2018: a cut of the row's ramme for the year (not a figure of its own)
    "budgeted": "budgeted",
    "udmøntet": "budgeted",
    "udmøntning": "budgeted",
}
_SPACES = re.compile(r"\s+")
# "Potentiale 2018 (kr)", "2019 (1.000 kr.)", "potential_2020 [tkr]"
_HEADING = re.compile(r"^(?P<body>.*?)\s*(?:[(\[](?P<unit>[^)\]]*)[)\]])?$")
_WORD_SEP = re.compile(r"[\s_\-]+")


@dataclass(frozen=True, slots=True)
class FigureColumn:
    """A column of amounts."""

    kind: str
    """potential, realised, investment, or a range's low or high; ``budgeted``: a cut
    (udmøntning) of the row's ramme."""
    year: int
    """The year the amounts belong to."""
    unit: int | None = None
    """Kroner per bare number, when the heading names a unit (it wins over the
    import's unit)."""


@dataclass(slots=True)
class Header:
    """What an import file's header says, column by column."""

    names: dict[str, str] = field(default_factory=dict)
    """Column → the attribute it holds (``code``, ``title``, …, ``note``)."""
    figures: dict[str, FigureColumn] = field(default_factory=dict)
    """Column → the amounts it holds."""

    @property
    def code_column(self) -> str:
        """The column that holds the codes (``code`` when there is none)."""
        return next((name for name, what in self.names.items() if what == "code"), "code")

    def holds(self, names: tuple[str, ...]) -> bool:
        """Whether any column holds one of these attributes."""
        return any(what in names for what in self.names.values())


def _fold(name: str) -> str:
    return _SPACES.sub(" ", name.strip()).casefold()


def attribute_name(heading: str) -> str | None:
    """``Forslag`` → ``title``, ``Nr.`` → ``code``; ``None`` for any other heading."""
    return ATTRIBUTE_NAMES.get(_fold(heading))


def figure_heading(heading: str) -> FigureColumn | None:
    """``potential_2018``, ``Potentiale 2018 (kr)``, ``2019 (1.000 kr.)`` (a bare year
    is the potential), ``low_2018``/``Minimum 2018``, ``high_2018``/``Maksimum 2018``
    (the potential's range) → the column; ``None`` when the heading is no figure column.

    Raises :class:`MoneyError` when the heading is a figure column with a unit that
    is not one.
    """
    match = _HEADING.match(_fold(heading))
    assert match is not None  # the pattern matches any text
    words = [w for w in _WORD_SEP.split(match["body"]) if w]
    if len(words) == 1:
        kind, year = "potential", words[0]
    elif len(words) == 2 and words[0] in _KIND_WORDS:
        kind, year = _KIND_WORDS[words[0]], words[1]
    else:
        return None
    if not (len(year) == 4 and year.isascii() and year.isdigit()):
        return None
    unit = match["unit"]
    if unit is None:
        return FigureColumn(kind, int(year))
    try:
        return FigureColumn(kind, int(year), parse_unit(unit))
    except MoneyError:
        raise MoneyError(
            f"unknown unit {unit.strip()!r} in the heading (use kr, tkr, 1.000 kr. or mio. kr.)",
            f"ukendt enhed {unit.strip()!r} i overskriften (brug kr, tkr, 1.000 kr. eller "
            "mio. kr.)",
        ) from None
