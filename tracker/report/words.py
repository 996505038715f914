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
from typing import TYPE_CHECKING

from tracker.domain import labels as da
from tracker.domain.benefits import BenefitType
from tracker.domain.stages import Stage
from tracker.i18n import N_, _, danish

if TYPE_CHECKING:
    from tracker.domain.status import Warning

__all__ = [
    "allocation_name",
    "area_name",
    "benefit_name",
    "source_name",
    "stage_name",
    "warning_kind",
    "warning_sentence",
    "word",
]

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

NO_AREA = N_("(no area)")

# -- The documents' headings and notes (the exports; the same names as the labels) --
OVERVIEW = N_("Overview")
TRAJECTORY = N_("Trajectory toward the annual effect")
NO_WARNINGS = N_("No warnings.")
STAGE_MOVES = N_("Stage moves")
NO_STAGE_MOVES = N_("No stage moves.")
FIGURE_CHANGES = N_("Figures changed")
NO_FIGURE_CHANGES = N_("No figures changed.")
TOTAL = N_("Total")
WEIGHTED_NOTE = N_("Weighted = pipeline × weight (the stage's weight or a given confidence).")
NET_NOTE = N_("Net = potential − investment.")
IN_MIO = N_("Amounts in mio. kr.")
OVERLAP_NOTE = N_(
    "Net = gross − double counting. An overlap is taken off when all its hypotheses "
    "count: from weighted at the lowest weight among them, from decided when all are "
    "decided, from realised when all have realised (at most the smallest amount)."
)
OVERLAP_GROSS_NOTE = N_("The stages and the hypotheses' own figures are gross.")
OVERLAP_NOT_COUNTED = N_("does not count")
NOT_COUNTED = N_("not counted toward the target")
VALIDATION_NOTE = N_(
    "Validated = realised as the finance department has approved it against the "
    "accounts; a changed realised figure must be validated again. The progress is "
    "measured on the validated figures once the programme has validations, otherwise "
    "on the realised ones."
)
VERDICT_LABELS = {"approved": N_("approved"), "rejected": N_("rejected")}
SIGN_NOTE = N_("A minus means underspending, a plus overspending.")
CUTS_NOTE = N_("Cuts show as a minus: they reduce the ramme's budget.")
BUDGET_FOLLOW_UP = N_("Budget follow-up")
#: The follow-up's columns (``*_kr`` key without ``_kr`` → its heading).
BUDGET_COLUMNS = {
    "original": N_("Original budget"),
    "supplementary": N_("Supplements and reallocations"),
    "carried": N_("Carried forward"),
    "corrected": N_("Corrected budget"),
    "actual": N_("Actual"),
    "forecast": N_("Forecast of the accounts"),
    "deviation": N_("Deviation from corrected"),
    "deviation_original": N_("Deviation from original"),
    "cuts": N_("Budgeted"),
}
#: Measure key → what it is, in a few words (the hint beside a headline figure).
MEASURE_HINTS = {
    "realised": N_("harvested in the target year"),
    "validated": N_("realised and approved by the finance department"),
    "budgeted": N_("written into the budget for the target year"),
    "decided": N_("potential decided or later"),
    "weighted": N_("potential × the stage's weight"),
    "pipeline": N_("all potential in the target year"),
    "gap": N_("target − weighted"),
}
#: Measure key → its label.
MEASURE_LABELS = {
    "target": TARGET,
    "realised": REALISED,
    "validated": VALIDATED,
    "budgeted": BUDGETED,
    "decided": DECIDED,
    "weighted": WEIGHTED,
    "pipeline": PIPELINE,
    "gap": GAP,
    "investment": INVESTMENT,
    "net": NET,
}

#: A warning's stable code → its kind, in a few words.
WARNING_KINDS = {
    "missing-potential": N_("no potential"),
    "no-owner": N_("no owner"),
    "realised-above-potential": N_("realised above the potential"),
    "stale": N_("not updated for long"),
    "bucket-targets-mismatch": N_("bucket targets do not add up"),
    "earmark-ignored": N_("earmark ignored"),
    "decided-not-budgeted": N_("decided, not budgeted"),
    "budgeted-above-potential": N_("budgeted above the potential"),
    "budgeted-not-decided": N_("budgeted, not decided"),
    "overlap-above-member-potential": N_("overlap above the potential"),
}

# How sure are we (the risk section; the CLI's `parat risk` says the same).
RISK = N_("How sure are we?")
EXPECTED = N_("Expected value")
INDEPENDENT = N_("Independent")
TOGETHER = N_("Moving together")
RISK_EXPECTED = N_("Expected value: {amount}")
RISK_P_TARGET = N_("Probability of reaching {target}: {p} (moving together: {together})")
RISK_REACHED = N_("Amount reached with {pct} % probability: {amount}")
RISK_TOGETHER_REACHED = N_("Moving together, reached with {pcts} % probability: {amounts} {unit}")
RISK_P_LABEL = N_("Probability of reaching the target")
RISK_REACHED_LABEL = N_("Reached with {pct} % probability")
RISK_P_FULL = N_("Filled")
RISK_REACHED_SHORT = N_("Reached with {pct} %")
RISK_NOTE = N_(
    "From {draws} draws, seed {seed}. Independent: each hypothesis comes true on its "
    "own, with its weight as the chance; moving together: they come true and fall "
    "short together (the widest spread)."
)


# -- The audit log for people (the spreadsheet's Historik sheet) -------------------
#: A hypothesis's fields → their labels.
FIELD_LABELS = {
    "title": TITLE,
    "area": AREA,
    "owner": OWNER,
    "description": DESCRIPTION,
    "stage": STAGE,
    "bucket": BUCKET,
    "confidence_pct": CONFIDENCE,
    "benefit_type": BENEFIT_TYPE,
}
#: An event's action → what happened.
ACTION_LABELS = {
    "programme.create": N_("Programme created"),
    "programme.set": N_("Programme changed"),
    "bucket.add": N_("Bucket created"),
    "bucket.set": N_("Bucket changed"),
    "hypothesis.add": N_("Hypothesis created"),
    "hypothesis.set": N_("Hypothesis changed"),
    "hypothesis.drop": N_("Hypothesis dropped"),
    "figure.set": N_("Figure changed"),
    "snapshot.add": N_("Snapshot named"),
    "snapshot.rename": N_("Snapshot renamed"),
    "snapshot.delete": N_("Snapshot deleted"),
    "overlap.add": N_("Overlap created"),
    "overlap.set": N_("Overlap changed"),
    "overlap.drop": N_("Overlap removed"),
    "ramme.add": N_("Ramme created"),
    "ramme.set": N_("Ramme changed"),
    "budget.set": N_("Budget figure changed"),
    "budget.cut": N_("Cut recorded"),
    "budget.uncut": N_("Cut withdrawn"),
    "figure.validate": N_("Realised figure validated"),
}
#: Where a change was made → its name (``import:<file>``: :func:`source_name`).
SOURCE_LABELS = {
    "cli": N_("Command line"),
    "tui": N_("Screen"),
    "batch": N_("Batch"),
    "api": N_("Python API"),
    "demo": N_("Sample data"),
}
#: The programme's, buckets', overlaps' and rammer's fields in the log.
SETTING_LABELS = {
    "name": NAME,
    "target_kr": TARGET,
    "target_year": N_("Target year"),
    "first_year": N_("First year"),
    "last_year": N_("Last year"),
    "display_unit": N_("Display unit"),
    "display_decimals": N_("Decimals"),
    "allocation": N_("Allocation"),
    "priority": PRIORITY,
    "members": HYPOTHESES,
    "amount_kr": AMOUNT,
    "note": NOTE,
    "validators": N_("Validators"),
    "udvalg": UDVALG,
    "serviceramme": SERVICERAMME,
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


def source_name(source: str) -> str:
    """Where an event was made: ``Kommandolinje`` / ``Command line``; ``import:plan.csv``
    is ``Import af plan.csv`` / ``Import of plan.csv``."""
    if danish():
        return da.source_label(source)
    kind, _colon, detail = source.partition(":")
    if kind == "import":
        return _("Import of {file}").format(file=detail) if detail else _("Import")
    return word(da.SOURCE_LABELS.get(source, source))


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


def warning_sentence(warning: "Warning") -> str:
    """A data-quality warning's sentence in the reader's language (its stable code
    stays JSON's)."""
    return warning.message if danish() else (warning.english or warning.message)


def area_name(area: str) -> str:
    """An area group's name: the area as written, the no-area group's in the reader's
    language."""
    return word(area) if area == da.NO_AREA else area


def warning_kind(code: str) -> str:
    """A warning's code as a kind in the reader's language (the code if unknown)."""
    label = da.WARNING_KINDS.get(code)
    return code if label is None else word(label)
