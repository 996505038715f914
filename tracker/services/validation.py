"""Checks on user-supplied values, shared by every service that takes them."""

import re
from collections.abc import Mapping
from decimal import Decimal

from tracker.domain.benefits import BenefitType, to_benefit_type
from tracker.domain.cells import widen_years
from tracker.domain.labels import value_name
from tracker.domain.money import MAX_ABS_KR, MoneyError, parse_amount
from tracker.domain.rules import (
    DECISION_MAX,
    PERCENT_MAX,
    PERCENT_MIN,
    RuleError,
    is_whole_percent,
    normal_code,
    normal_text,
    parse_confidence,
)
from tracker.domain.stages import Stage, parse_stage
from tracker.errors import InvalidInput

__all__ = [
    "Amount",
    "check_benefit_type",
    "check_code",
    "check_decision",
    "check_key",
    "check_percent",
    "check_text",
    "check_year",
    "require_change",
    "to_confidence",
    "to_kroner",
    "to_stage",
]

#: An amount as the Python API takes it: ``int`` kroner, an integral ``Decimal`` of
#: kroner, or text in the money syntax of :func:`parse_amount` (``"4,5"`` = 4,5 mio. kr.).
Amount = int | Decimal | str

_KEY = re.compile(r"^[a-z0-9][a-z0-9_\-]{0,31}$")


def to_kroner(value: Amount, what: str = "amount", unit: int = 1_000_000) -> int:
    """Turn an API or CLI amount into whole kroner (a bare number in text is in
    ``unit`` kroner), or raise :class:`InvalidInput`."""
    da = value_name(what)
    if isinstance(value, bool):
        raise InvalidInput(f"{what}: {value!r} is not an amount", danish=f"{da}: ikke et beløb.")
    if isinstance(value, int):
        kr = value
    elif isinstance(value, Decimal):
        if not value.is_finite() or value != value.to_integral_value():
            raise InvalidInput(
                f"{what}: {value} is not a whole number of kroner",
                danish=f"{da}: {value} er ikke et helt antal kroner.",
            )
        kr = int(value)
    elif isinstance(value, str):
        try:
            return parse_amount(value, unit)
        except MoneyError as error:
            raise InvalidInput(
                f"{what}: {error}",
                danish=f"{da}: {error.danish}.",
            ) from None
    else:
        raise InvalidInput(f"{what}: {value!r} is not an amount", danish=f"{da}: ikke et beløb.")
    if abs(kr) > MAX_ABS_KR:
        raise InvalidInput(f"{what}: {kr} kr. is too large", danish=f"{da}: {kr} kr. er for stort.")
    return kr


def to_stage(value: Stage | str) -> Stage:
    if isinstance(value, Stage):
        return value
    try:
        return parse_stage(value)
    except ValueError as error:
        known = ", ".join(s.label for s in Stage)
        raise InvalidInput(
            str(error), danish=f"Ukendt fase {value!r}: vælg en af {known}."
        ) from None


def check_benefit_type(value: BenefitType | str) -> BenefitType:
    """A benefit type (gevinsttype) from its key or Danish label."""
    try:
        return to_benefit_type(value)
    except ValueError as error:
        known = ", ".join(t.value for t in BenefitType)
        raise InvalidInput(
            str(error), danish=f"Ukendt gevinsttype {str(value).strip()!r}: vælg en af {known}."
        ) from None


def check_code(code: str) -> str:
    """A hypothesis code: letters, digits, ``_ . -``; stored in upper case."""
    try:
        return normal_code(code)
    except RuleError as error:
        raise InvalidInput(str(error), danish=error.danish) from None


def check_key(key: str) -> str:
    """A bucket key: lower-case letters, digits, ``_ -``."""
    key = key.strip().lower()
    if not _KEY.match(key):
        raise InvalidInput(
            f"invalid bucket key {key!r}: use a-z, digits, '-' or '_'",
            danish=f"Ugyldig puljenøgle {key!r}: brug a-z, cifre, '-' eller '_'.",
        )
    return key


def check_text(
    value: str,
    what: str,
    *,
    required: bool = False,
    max_len: int = 200,
    multiline: bool | None = None,
) -> str:
    """Strip and check a text (see :func:`tracker.domain.rules.normal_text`)."""
    try:
        return normal_text(value, what, required=required, max_len=max_len, multiline=multiline)
    except RuleError as error:
        raise InvalidInput(str(error), danish=error.danish) from None


def check_validators(text: str) -> str:
    """Who may validate realised figures (``anna, bo``), as stored: comma-separated,
    each name checked like an actor's."""
    from tracker.domain.validations import parse_validators, validators_text
    from tracker.services.context import ACTOR_MAX_LEN

    names = parse_validators(check_text(text, "validators", max_len=2000, multiline=False))
    for name in names:
        check_text(name, "validators", required=True, max_len=ACTOR_MAX_LEN, multiline=False)
    return validators_text(names)


def check_decision(value: str) -> str:
    """A decision reference: one line of at most :data:`DECISION_MAX` characters."""
    return check_text(value, "decision", max_len=DECISION_MAX)


def check_percent(value: int, what: str) -> int:
    if not is_whole_percent(value):
        low, high = PERCENT_MIN, PERCENT_MAX
        raise InvalidInput(
            f"{what} must be a whole percent from {low} to {high}, not {value!r}",
            danish=f"{value_name(what)}: et helt tal fra {low} til {high}, ikke {value!r}.",
        )
    return value


def to_confidence(value: int | str, what: str = "confidence") -> int | None:
    """A confidence override: a whole percent, or text as a person types it
    (``75``, ``75 %``; ``none``/``ingen``/empty: none, the stage's weight counts)."""
    if isinstance(value, str):
        try:
            return parse_confidence(value)
        except RuleError as error:
            raise InvalidInput(
                f"{what} {value.strip()!r}: the confidence must be a whole percent from "
                f"{PERCENT_MIN} to {PERCENT_MAX}, or none",
                danish=error.danish,
            ) from None
    return check_percent(value, "confidence")


def require_change(given: Mapping[str, object], options: str = "at least one option") -> None:
    """Refuse a change command that names nothing to change (every front end's line)."""
    if all(value is None for value in given.values()):
        raise InvalidInput(
            f"nothing to change: give {options} (see --help)",
            danish="Intet at ændre: angiv mindst én værdi.",
        )


def check_year(year: int, first_year: int, last_year: int) -> int:
    """``year`` when it is one of the programme's years; else an error that says how
    to widen them."""
    if isinstance(year, bool) or not isinstance(year, int):
        raise InvalidInput(f"year {year!r} is not a year", danish=f"{year!r} er ikke et år.")
    if not first_year <= year <= last_year:
        option = widen_years(year, first_year)  # the import's advice too
        raise InvalidInput(
            f"year {year} is outside the programme's years {first_year}–{last_year} "
            f"(widen them with `{option}`)",
            danish=f"År {year} ligger uden for programmets år {first_year}–{last_year} "
            f"(udvid dem med `{option}`).",
        )
    return year
