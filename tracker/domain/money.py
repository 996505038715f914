"""Money in and out: parsing user input and Danish display.

Amounts are whole kroner as ``int``. Input is read in mio. kr. unless a unit says
otherwise; ``Decimal`` is used only while parsing. Output for people is Danish
(``12,5 mio. kr.``, ``4.500.000 kr.``) with ordinary spaces, so that it survives
terminals, CSV files and copy-paste alike.
"""

import re
from decimal import ROUND_HALF_UP, Decimal, Inexact, InvalidOperation, localcontext
from functools import cache

__all__ = [
    "MAX_ABS_KR",
    "MoneyError",
    "format_kr",
    "format_mio",
    "format_mio_number",
    "parse_amount",
    "round_half_up",
]

#: Largest amount accepted: 1.000.000 mio. kr. (far above any municipal budget, far
#: below the 64-bit column limit).
MAX_ABS_KR = 10**12


class MoneyError(ValueError):
    """An input that is not an amount of whole kroner; the message says why."""


_UNITS: dict[str, int] = {
    "": 1_000_000,
    "mio": 1_000_000,
    "mio.": 1_000_000,
    "mio kr": 1_000_000,
    "mio. kr": 1_000_000,
    "mio. kr.": 1_000_000,
    "mio kr.": 1_000_000,
    "mkr": 1_000_000,
    "mkr.": 1_000_000,
    "m": 1_000_000,
    "t": 1_000,
    "t.": 1_000,
    "tkr": 1_000,
    "tkr.": 1_000,
    "t. kr": 1_000,
    "t. kr.": 1_000,
    "t.kr.": 1_000,
    "t.kr": 1_000,
    "kr": 1,
    "kr.": 1,
}

_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_NUMBER = re.compile(
    r"^(?P<sign>[-+\u2212]?)\s*(?P<num>[0-9][0-9.,\u00a0\u202f ]*)\s*(?P<unit>.*)$"
)
# Thousands grouping: a first group of 1–3 digits that does not start with 0.
_GROUPED = re.compile(r"^[1-9][0-9]{0,2}([. ][0-9]{3})+$")


def _digits(num: str, unit_factor: int, raw: str) -> Decimal:
    """Turn the number part into a Decimal, honouring Danish and English separators."""
    num = _SPACES.sub(" ", num).strip()
    if num.count(",") > 1:
        raise MoneyError(f"{raw!r} has more than one decimal comma")
    if "," in num:
        whole, frac = num.split(",")
        if "." in frac or " " in frac:
            raise MoneyError(f"{raw!r}: separators after the decimal comma")
        if "." in whole or " " in whole:
            if not _GROUPED.match(whole):
                raise MoneyError(f"{raw!r}: thousands must be grouped in threes")
            whole = whole.replace(".", "").replace(" ", "")
        if not frac:
            raise MoneyError(f"{raw!r}: digits are missing after the comma")
        return Decimal(f"{whole}.{frac}")
    if " " in num:
        if not _GROUPED.match(num):
            raise MoneyError(f"{raw!r}: thousands must be grouped in threes")
        num = num.replace(" ", "").replace(".", "")
        return Decimal(num)
    dots = num.count(".")
    if dots == 0:
        return Decimal(num)
    if dots > 1 or (unit_factor == 1 and _GROUPED.match(num)):
        # "4.500.000 kr" groups thousands; so does "4.500 kr" (a kroner amount with
        # a decimal point would be finer than a krone anyway).
        if not _GROUPED.match(num):
            raise MoneyError(f"{raw!r}: thousands must be grouped in threes")
        return Decimal(num.replace(".", ""))
    whole, frac = num.split(".")
    if _GROUPED.match(num):
        # "4.500" (mio. or tkr) is 4500 to a Danish reader and 4,5 to an English one:
        # a factor of 1000 hangs on it, so refuse rather than guess.
        raise MoneyError(
            f"{raw!r} is ambiguous: write {whole},{frac} with a decimal comma, "
            f"or {whole}{frac} without the point"
        )
    if not frac:
        raise MoneyError(f"{raw!r}: digits are missing after the point")
    return Decimal(num)


def parse_amount(text: str) -> int:
    """Parse an amount as a person writes it and return whole kroner.

    Without a unit the amount is in mio. kr. (``4,5`` → 4 500 000); ``t``/``tkr``
    means thousands, ``kr`` means kroner. Decimal comma and decimal point are both
    read; dots or spaces group thousands. Anything else (``abc``, ``4,5,6``,
    ``1e9``, ``nan``, an empty text, or an amount finer than one krone) raises
    :class:`MoneyError` with a message fit to show the user.
    """
    if not isinstance(text, str):
        raise MoneyError(f"{text!r} is not an amount")
    raw = text
    stripped = raw.strip()
    if not stripped:
        raise MoneyError("an amount is required (for example 4,5 or 29 tkr)")
    match = _NUMBER.match(stripped)
    if match is None:
        raise MoneyError(f"{raw!r} is not an amount (write for example 4,5 or 29 tkr)")
    unit = _SPACES.sub(" ", match["unit"].strip().lower())
    if unit not in _UNITS:
        raise MoneyError(f"{raw!r}: unknown unit {match['unit'].strip()!r} (use mio., tkr or kr)")
    factor = _UNITS[unit]
    try:
        number = _digits(match["num"], factor, raw)
    except InvalidOperation:
        raise MoneyError(f"{raw!r} is not an amount") from None
    if match["sign"] in ("-", "\u2212"):
        number = -number
    with localcontext() as exact:
        # The default 28 digits would round "1,000…0001" (30 decimals) to a whole
        # million silently; an inexact product means more digits than any amount has.
        exact.prec = 60
        exact.traps[Inexact] = True
        try:
            value = number * factor
        except Inexact:
            raise MoneyError(f"{raw!r} has too many digits") from None
    return _checked(value, raw)


def _checked(value: Decimal, raw: str) -> int:
    if value != value.to_integral_value():
        raise MoneyError(f"{raw!r} is finer than one krone")
    kr = int(value)
    if abs(kr) > MAX_ABS_KR:
        raise MoneyError(f"{raw!r} is too large (at most 1.000.000 mio. kr.)")
    return kr


def round_half_up(value: Decimal) -> int:
    """Round to whole kroner, halves away from zero: the one rounding rule of Parat."""
    return int(value.to_integral_value(rounding=ROUND_HALF_UP))


@cache
def _symbols() -> tuple[str, str]:
    """Danish decimal and group symbols, from Babel's locale data (read once)."""
    # Babel is imported here, not at module level: the CLI's start-up path stays lean.
    from babel.numbers import get_decimal_symbol, get_group_symbol

    return get_decimal_symbol("da_DK"), get_group_symbol("da_DK")


def _format_decimal(value: Decimal, decimals: int) -> str:
    """Group thousands and write the decimal mark the Danish way (``1.234,5``).

    Babel supplies the symbols; the digits come from Python's own formatting, which is
    exact for ``Decimal`` and about fifty times faster than ``format_decimal`` (the
    status of a large programme formats tens of thousands of amounts).
    """
    decimal_mark, group_mark = _symbols()
    text = f"{value:,.{decimals}f}"
    return text.translate(str.maketrans(",.", group_mark + decimal_mark))


def format_mio_number(kr: int, decimals: int = 1) -> str:
    """The number part of :func:`format_mio`: ``12500000`` → ``12,5``."""
    mio = (Decimal(kr) / 1_000_000).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    if mio == 0:
        mio = abs(mio)  # never "-0,0"
    return _format_decimal(mio, decimals)


def format_mio(kr: int, decimals: int = 1) -> str:
    """Danish display in millions: ``12500000`` → ``12,5 mio. kr.`` (rounded half up)."""
    return f"{format_mio_number(kr, decimals)} mio. kr."


def format_kr(kr: int) -> str:
    """Danish display in kroner: ``4500000`` → ``4.500.000 kr.``."""
    return f"{_format_decimal(Decimal(kr), 0)} kr."
