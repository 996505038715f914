"""The fixed words of tables, headings and notes, English here, Danish from the
catalogue (shown with ``_()`` where they are printed: the CLI).

Where the Danish documents and the UI have the same word (:mod:`tracker.domain.labels`),
a constant (or a table) here has the same name and its Danish translation is that
word, so a measure is called the same in ``parat status`` as in the export (a test
holds them together). :func:`word` goes the other way, for the surfaces that are
written with the Danish labels (the exports, the UI): the label itself for a Danish
reader, this module's English for an English one.

The stages' and benefit types' Danish labels are their own (:func:`stage_name`,
:func:`benefit_name`); an English reader sees their keys, as ``--json`` and
``history`` show them.
"""

from functools import cache

from tracker.domain import labels as da
from tracker.domain.benefits import BenefitType
from tracker.domain.stages import Stage
from tracker.i18n import N_, danish

__all__ = ["allocation_name", "benefit_name", "stage_name", "word"]

# The measures.
TARGET = N_("Target")
REALISED = N_("Realised")
VALIDATED = N_("Validated")
DECIDED = N_("Decided")
BUDGETED = N_("Budgeted")
WEIGHTED = N_("Weighted")
PIPELINE = N_("Pipeline")
GAP = N_("Gap")
GAP_EXPLAINED = N_("Gap (target − weighted)")
INVESTMENT = N_("Investment")
INVESTMENT_TOTAL = N_("Total investment")
NET = N_("Net")
PROGRESS_MEASURE = N_("Progress measured on")
POTENTIAL = N_("Potential")
BASELINE_EXPLAINED = N_("Baseline (decided)")
SLIPPAGE_EXPLAINED = N_("Slippage (pipeline − baseline)")
SURPLUS = N_("Surplus")
UNASSIGNED = N_("Not assigned")
OVERLAP_PIPELINE = N_("Double counting (pipeline)")
OVERLAP_WEIGHTED = N_("Double counting (weighted)")

#: The figure kinds, in the order every table shows them.
KIND_LABELS = {"potential": POTENTIAL, "realised": REALISED, "investment": INVESTMENT}
RANGE_LABELS = {"low": N_("Minimum"), "high": N_("Maximum")}

# Words of tables.
CODE = N_("Code")
TITLE = N_("Title")
AREA = N_("Area")
OWNER = N_("Owner")
STAGE = N_("Stage")
BUCKET = N_("Bucket")
WEIGHT = N_("Weight")
CONFIDENCE = N_("Confidence")
DESCRIPTION = N_("Description")
COUNT = N_("Count")
YEAR = N_("Year")
THEN = N_("Then")
NOW = N_("Now")
CHANGE = N_("Change")
KEY = N_("Key")
PRIORITY = N_("Priority")
VERSION = N_("Version")
BENEFIT_TYPE = N_("Benefit type")

# Headings.
BUCKETS = N_("Buckets")
STAGES = N_("Stages")
HYPOTHESES = N_("Hypotheses")
WARNINGS = N_("Warnings")
SINCE = N_("Since last time")
ADDED = N_("New hypotheses")
DROPPED = N_("Dropped hypotheses")
VALIDATIONS = N_("Validations")
OTHER_BENEFITS = N_("Other benefits (not counted toward the target)")

# Overlaps, rammer, the budget follow-up and cuts.
GROSS = N_("Gross")
OVERLAP = N_("Double counting")
NETTO = N_("Net")
OVERLAPS = N_("Overlaps")
NAME = N_("Name")
AMOUNT = N_("Amount")
NOTE = N_("Note")
RAMME = N_("Ramme")
UDVALG = N_("Committee")
SERVICERAMME = N_("Serviceramme")
DECISION = N_("Decision")
WHO = N_("Who")
DATE = N_("Date")
MOMENT = N_("Moment")
CREATED_BY = N_("Created by")
NO_CUTS = N_("No cuts.")
AMOUNTS_IN = N_("Amounts in {unit}")
AS_OF = N_("as of")
OVERLAP_CHANGES = N_("Overlaps changed")
BUDGET_CHANGES = N_("Budget figures changed")
CUT_CHANGES = N_("Cuts changed")
#: A ramme's budget figures, in the order every table shows them.
BUDGET_KIND_LABELS = {
    "original": N_("Original budget"),
    "supplementary": N_("Supplementary and reallocations"),
    "carried": N_("Carried over"),
    "actual": N_("Actual / accounts"),
    "forecast": N_("Forecast of the accounts"),
}

_ALLOCATIONS = {"waterfall": "vandfald", "earmarked": "øremærket"}


def stage_name(stage: Stage) -> str:
    """``Kvantificeret`` for a Danish reader, ``quantified`` for an English one."""
    return stage.label if danish() else stage.value


def benefit_name(benefit: BenefitType) -> str:
    """``Kontant`` for a Danish reader, ``kontant`` (the key) for an English one."""
    return benefit.label if danish() else benefit.value


def allocation_name(allocation: str) -> str:
    """``vandfald`` for a Danish reader, ``waterfall`` (the key) for an English one."""
    return _ALLOCATIONS.get(allocation, allocation) if danish() else allocation


def word(label: str) -> str:
    """A Danish label of :mod:`tracker.domain.labels` in the reader's language: itself
    for a Danish reader (so a Danish document reads exactly as it is written there);
    for an English one the word here of the same name (or the same table and key).
    A label with no English word here stays as it is."""
    return label if danish() else _english_words().get(label, label)


@cache
def _english_words() -> dict[str, str]:
    english: dict[str, str] = {}
    for name, source in globals().items():
        label = getattr(da, name, None)
        if not name.isupper():
            continue
        if isinstance(source, str) and isinstance(label, str):
            english.setdefault(label, source)
        elif isinstance(source, dict) and isinstance(label, dict):
            for key, text in source.items():
                if isinstance(label.get(key), str):
                    english.setdefault(label[key], text)
    return english
