"""What the detail screen's fields mean: their values as text, their Danish names, and
how a changed field becomes a service call. No widgets here, so it reads (and tests)
on its own.

Fields are named by the id of their input: ``title``, ``area``, ``owner``, ``stage``,
``bucket``, ``benefit_type``, ``confidence``, ``description`` and ``fig-KIND-YEAR`` for
the figures.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from tracker.domain import labels as da
from tracker.domain.benefits import BenefitType
from tracker.domain.labels import FIGURE_KINDS
from tracker.domain.money import MoneyError, parse_amount
from tracker.domain.rules import RuleError, parse_confidence
from tracker.domain.stages import Stage
from tracker.i18n import N_, _, danish
from tracker.report import HypothesisDetail, HypothesisView
from tracker.report.words import benefit_name, stage_name
from tracker.services import Parat
from tui.fmt import KIND_LABELS, mio, mio_exact

__all__ = [
    "KINDS",
    "NO_BUCKET",
    "TEXT_FIELDS",
    "Edit",
    "InvalidEdit",
    "build_edit",
    "field_label",
    "field_values",
    "money_error",
    "problem",
    "shown_value",
]

#: The figure kinds, in the order of the grid's columns.
KINDS = FIGURE_KINDS
#: The one-line text fields and their Danish names.
TEXT_FIELDS = tuple((key, da.FIELD_LABELS[key]) for key in ("title", "area", "owner"))
#: The bucket option meaning "no earmark".
NO_BUCKET = "\x00none"

_NAMES = {
    **dict(TEXT_FIELDS),
    "stage": da.STAGE,
    "bucket": da.BUCKET,
    "benefit_type": da.BENEFIT_TYPE,
    "confidence": da.CONFIDENCE,
    "description": da.DESCRIPTION,
}

Store = Callable[[Parat, int], tuple[HypothesisView, int]]


@dataclass(frozen=True, slots=True)
class Edit:
    """One change the user asked for, ready to send to the services."""

    field: str
    """The id of the input it came from (``title``, ``fig-potential-2018``, …)."""
    label: str
    """The field's Danish name."""
    shown: str
    """The new value as the user sees it."""
    call: Store
    """Stores the change, given the expected version."""
    note: str = ""
    """The note that goes with it into the history (a figure's)."""


class InvalidEdit(ValueError):
    """A value that cannot be saved; the message is shown next to the field."""


def field_label(field: str) -> str:
    """``2018 Potentiale``, ``Titel``, …"""
    if field.startswith("fig-"):
        _, kind, year = field.split("-")
        return f"{year} {KIND_LABELS[kind]}"
    return _NAMES.get(field, field)


def field_values(detail: HypothesisDetail, years: Iterable[int]) -> dict[str, str]:
    """Every field's value as its input shows it (figures in mio. kr., exact)."""
    h = detail.hypothesis
    values = {
        "title": h.title,
        "area": h.area,
        "owner": h.owner,
        "stage": h.stage.value,
        "bucket": h.bucket or NO_BUCKET,
        "benefit_type": h.benefit_type.value,
        "confidence": "" if h.confidence_pct is None else str(h.confidence_pct),
        "description": h.description,
    }
    for year in years:
        for kind in KINDS:
            kr = detail.figures.get(year, {}).get(kind)
            values[f"fig-{kind}-{year}"] = "" if kr is None else mio_exact(kr)
    return values


def shown_value(field: str, value: str) -> str:
    """A field's input text as a person reads it in a message (the conflict dialog)."""
    if field.startswith("fig-"):
        return mio(parse_amount(value)) if value else _("(no figure)")
    if field == "stage":
        return stage_name(Stage(value))
    if field == "bucket":
        return _("(no bucket)") if value == NO_BUCKET else value
    if field == "benefit_type":
        return benefit_name(BenefitType(value))
    if field == "confidence":
        return f"{value} %" if value else _("the stage's weight")
    return value or _("(empty)")


_MONEY_HINT = N_("Write e.g. 4,5 (mio. kr.), 29 tkr or 4.500.000 kr.")


def money_error(error: MoneyError) -> str:
    """Why the text is not an amount, in the reader's language, with an example."""
    reason = error.danish if danish() else str(error)
    return f"{reason}. {_(_MONEY_HINT)}"


def build_edit(code: str, field: str, value: str, *, note: str = "") -> Edit:
    """The service call for a changed field; :class:`InvalidEdit` when the value is
    not acceptable (nothing is sent then). A figure carries ``note`` into the history.
    Stage moves are not built here: they ask for a note (see the detail screen)."""
    label = field_label(field)
    if field.startswith("fig-"):
        _, kind, year_text = field.split("-")
        if kind not in KINDS:
            raise ValueError(f"not an editable field here: {field!r}")
        year = int(year_text)
        try:
            kr = parse_amount(value)
        except MoneyError as error:
            raise InvalidEdit(f"{label}: {money_error(error)}") from None
        return Edit(
            field,
            label,
            mio(kr),
            lambda p, v: p.set_figure(
                code,
                year,
                potential=kr if kind == "potential" else None,
                realised=kr if kind == "realised" else None,
                investment=kr if kind == "investment" else None,
                note=note,
                expect_version=v,
            ),
            note,
        )
    if field == "confidence":
        try:
            confidence = parse_confidence(value)
        except RuleError as error:
            raise InvalidEdit(error.danish) from None
        return Edit(
            field,
            label,
            shown_value(field, "" if confidence is None else str(confidence)),
            lambda p, v: p.update_hypothesis(code, confidence_pct=confidence, expect_version=v),
        )
    if field == "bucket":
        bucket = None if value == NO_BUCKET else value
        return Edit(
            field,
            label,
            shown_value(field, value),
            lambda p, v: p.update_hypothesis(code, bucket=bucket, expect_version=v),
        )
    if field == "benefit_type":
        benefit = BenefitType(value)  # a Select's value: always one of the keys
        return Edit(
            field,
            label,
            shown_value(field, value),
            lambda p, v: p.update_hypothesis(code, benefit_type=benefit, expect_version=v),
        )
    if field not in _NAMES or field == "stage":
        raise ValueError(f"not an editable field here: {field!r}")
    return Edit(
        field,
        label,
        value,
        lambda p, v: p.update_hypothesis(code, **{field: value}, expect_version=v),
    )


def problem(code: str, field: str, value: str) -> str:
    """Why ``value`` typed in a figure or the confidence cannot be saved ("" when it
    can); the other fields are checked by the services when saved."""
    if not (field.startswith("fig-") or field == "confidence"):
        return ""
    try:
        build_edit(code, field, value)
    except InvalidEdit as error:
        return str(error)
    return ""
