"""How an event's field, stage values and source read in Danish (``history``, ``show``).

The stable keys (``stage``, ``potential.2018``, ``cli``) stay in JSON and in English."""

from tracker.domain import labels as da
from tracker.domain.stages import Stage
from tracker.i18n import danish

__all__ = ["SOURCE_LABELS", "decision_label", "field_label", "source_label", "stage_label"]


def stage_label(value: str) -> str:
    try:
        return Stage(value).label
    except ValueError:
        return value


#: Where a change came from (the event's ``source``), as a Danish reader says it.
SOURCE_LABELS: dict[str, str] = {
    "cli": "kommandolinje",
    "tui": "skærmbillede",
    "batch": "batch",
    "import": "import",
    "undo": "fortryd",
}


def source_label(source: str) -> str:
    """The event's source as the reader sees it (the stable key in JSON and English)."""
    return SOURCE_LABELS.get(source, source) if danish() else source


def decision_label() -> str:
    """The word before a stage move's decision reference: ``beslutning`` / ``decision``."""
    return da.DECISION.lower() if danish() else "decision"


def field_label(field: str) -> str:
    """``stage`` → ``Fase``, ``potential.2018`` → ``Potentiale 2018`` (Danish only)."""
    name, _dot, year = field.partition(".")
    label = (
        da.FIELD_LABELS.get(name)
        or da.KIND_LABELS.get(name)
        or da.BUDGET_KIND_LABELS.get(name)
        or _OTHER_FIELDS.get(name)
    )
    if label is None:
        return field
    if name == "weight" and year:
        return f"{label} {stage_label(year).lower()}"
    return f"{label} {year}" if year else label


_OTHER_FIELDS = {
    "name": "Navn",
    "at": "Tidspunkt",
    "target_kr": da.TARGET,
    "target_year": "Målår",
    "first_year": "Første år",
    "last_year": "Sidste år",
    "weight": da.WEIGHT,
    "allocation": "Fordeling",
    "priority": "Prioritet",
    "display": "Visning",
    "members": da.HYPOTHESES,
    "amount_kr": da.AMOUNT,
    "note": da.NOTE,
    "udvalg": "Udvalg",
    "serviceramme": "Serviceramme",
    "validated": da.VALIDATED,
    "validators": "Validatorer",
}
