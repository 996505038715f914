"""The Danish words people read for Parat's measures, figure kinds and fields.

One table for every surface (the CLI, the terminal UI, the exports and their
templates), so that a measure has the same name wherever it is shown. The stages'
labels live with the stages (:mod:`tracker.domain.stages`).
"""

__all__ = [
    "AMOUNT",
    "AREA",
    "BUCKET",
    "CHANGE",
    "CODE",
    "COUNT",
    "DECIDED",
    "FIELD_LABELS",
    "FIGURE_KINDS",
    "GAP",
    "GAP_EXPLAINED",
    "INVESTMENT",
    "KIND_LABELS",
    "MEASURE_LABELS",
    "NET",
    "NOW",
    "OWNER",
    "PIPELINE",
    "POTENTIAL",
    "REALISED",
    "STAGE",
    "TARGET",
    "THEN",
    "TITLE",
    "TOTAL",
    "VALUE_NAMES",
    "WEIGHT",
    "WEIGHTED",
    "YEAR",
    "value_name",
]

# The measures of the status (in the order a reader goes from the goal to the hoped-for).
TARGET = "Mål"
"""The programme's target (mål) for the target year."""
REALISED = "Realiseret"
"""Realised gain (realiseret gevinst) in the target year."""
DECIDED = "Besluttet"
"""Potential of hypotheses that are decided or later."""
WEIGHTED = "Vægtet"
"""Potential × weight (stage weight or confidence)."""
PIPELINE = "Pipeline"
"""All potential in the target year."""
GAP = "Mangler"
"""Target − weighted."""
GAP_EXPLAINED = f"{GAP} (mål − vægtet)"
"""The gap with its definition, where a table has room for it."""
INVESTMENT = "Investering"
"""One-off cost (investering)."""
NET = "Netto"
"""Potential − investment, per year."""
POTENTIAL = "Potentiale"
"""The expected gain (gevinstpotentiale), a figure kind."""

#: Measure key (as in the status's ``*_kr`` fields) → its label.
MEASURE_LABELS: dict[str, str] = {
    "target": TARGET,
    "realised": REALISED,
    "decided": DECIDED,
    "weighted": WEIGHTED,
    "pipeline": PIPELINE,
    "gap": GAP,
    "investment": INVESTMENT,
    "net": NET,
}

#: The figure kinds (potential, realised, investment) → their labels, in the order
#: every table shows them.
KIND_LABELS: dict[str, str] = {
    "potential": POTENTIAL,
    "realised": REALISED,
    "investment": INVESTMENT,
}
#: The kinds of figure a hypothesis has per year.
FIGURE_KINDS: tuple[str, ...] = tuple(KIND_LABELS)

# Words of tables and forms.
CODE = "Kode"
TITLE = "Titel"
AREA = "Område"
OWNER = "Ansvarlig"
STAGE = "Fase"
BUCKET = "Pulje"
WEIGHT = "Vægt"
COUNT = "Antal"
YEAR = "År"
TOTAL = "I alt"
THEN = "Før"
NOW = "Nu"
CHANGE = "Ændring"
AMOUNT = "Beløb"

#: A hypothesis's fields → their labels (form fields, the history of changes).
FIELD_LABELS: dict[str, str] = {
    "title": TITLE,
    "area": AREA,
    "owner": OWNER,
    "description": "Beskrivelse",
    "stage": STAGE,
    "bucket": BUCKET,
    "confidence_pct": "Sikkerhed",
}

#: A checked value's name as the subject of a Danish error line ("Titel må ikke være
#: tom", "Beløbet: ikke et beløb"): definite where Danish wants it.
VALUE_NAMES: dict[str, str] = {
    "amount": "Beløbet",
    **KIND_LABELS,
    "target": "Målet",
    "title": TITLE,
    "area": AREA,
    "owner": OWNER,
    "description": FIELD_LABELS["description"],
    "note": "Noten",
    "name": "Navnet",
    "confidence": FIELD_LABELS["confidence_pct"],
}


def value_name(what: str) -> str:
    """``title`` → ``Titel`` (the name itself when there is no Danish one)."""
    return VALUE_NAMES.get(what, what)
