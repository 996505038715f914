"""Checks on user-supplied values, shared by every service that takes them."""

import re
from decimal import Decimal

from tracker.domain.money import MAX_ABS_KR, MoneyError, parse_amount
from tracker.domain.stages import Stage, parse_stage
from tracker.errors import InvalidInput

__all__ = [
    "Amount",
    "check_code",
    "check_key",
    "check_percent",
    "check_text",
    "check_year",
    "to_kroner",
    "to_stage",
]

#: An amount as the Python API takes it: ``int`` kroner, an integral ``Decimal`` of
#: kroner, or text in the money syntax a user types (``"4,5"`` = 4,5 mio. kr.; see
#: :func:`tracker.domain.money.parse_amount`).
Amount = int | Decimal | str

#: The Danish names of the values checked here, for the UI's lines.
DANISH_NAMES = {
    "amount": "Beløbet",
    "potential": "Potentiale",
    "realised": "Realiseret",
    "investment": "Investering",
    "target": "Målet",
    "title": "Titel",
    "area": "Område",
    "owner": "Ansvarlig",
    "description": "Beskrivelse",
    "note": "Noten",
    "name": "Navnet",
    "confidence": "Sikkerhed",
}


def danish_name(what: str) -> str:
    """``title`` → ``Titel`` (the name itself when there is no Danish one)."""
    return DANISH_NAMES.get(what, what)


_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,31}$")
_KEY = re.compile(r"^[a-z0-9][a-z0-9_\-]{0,31}$")


def to_kroner(value: Amount, what: str = "amount") -> int:
    """Turn an API or CLI amount into whole kroner, or raise :class:`InvalidInput`."""
    da = danish_name(what)
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
            return parse_amount(value)
        except MoneyError as error:
            raise InvalidInput(
                f"{what}: {error}",
                danish=f"{da}: {value.strip()!r} er ikke et beløb. Skriv fx 4,5 eller 29 tkr.",
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


def check_code(code: str) -> str:
    """A hypothesis code: letters, digits, ``_ . -``; stored in upper case."""
    code = code.strip()
    if not _CODE.match(code):
        raise InvalidInput(
            f"invalid code {code!r}: use letters, digits, '-', '_' or '.' (at most 32)",
            danish=f"Ugyldig kode {code!r}: brug bogstaver, cifre, '-', '_' eller '.' "
            "(højst 32 tegn).",
        )
    return code.upper()


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
    """Strip and check a text. Short fields (names, titles: ``max_len`` ≤ 200 unless
    ``multiline`` says otherwise) are one line, so that tables and one-line messages
    stay whole; long ones (descriptions, notes) may hold line breaks and tabs."""
    value = value.strip()
    da = danish_name(what)
    if required and not value:
        raise InvalidInput(f"{what} must not be empty", danish=f"{da} må ikke være tom.")
    if len(value) > max_len:
        raise InvalidInput(
            f"{what} is longer than {max_len} characters",
            danish=f"{da} er længere end {max_len} tegn.",
        )
    allowed = "\n\r\t" if (max_len > 200 if multiline is None else multiline) else ""
    if any((ord(c) < 32 or c in "\x7f\u2028\u2029") and c not in allowed for c in value):
        if "\n" in value or "\r" in value:
            raise InvalidInput(f"{what} must be one line", danish=f"{da} skal stå på én linje.")
        raise InvalidInput(
            f"{what} contains control characters", danish=f"{da} indeholder kontroltegn."
        )
    return value


def check_percent(value: int, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
        raise InvalidInput(
            f"{what} must be a whole percent from 0 to 100, not {value!r}",
            danish=f"{danish_name(what)}: et helt tal fra 0 til 100, ikke {value!r}.",
        )
    return value


def check_year(year: int, first_year: int, target_year: int) -> int:
    if isinstance(year, bool) or not isinstance(year, int):
        raise InvalidInput(f"year {year!r} is not a year", danish=f"{year!r} er ikke et år.")
    if not first_year <= year <= target_year:
        raise InvalidInput(
            f"year {year} is outside the programme's years {first_year}–{target_year}",
            danish=f"År {year} ligger uden for programmets år {first_year}–{target_year}.",
        )
    return year
