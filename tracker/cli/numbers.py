"""Whole numbers typed on the command line: the one reader behind every integer option.

Python's ``int()`` (and the coercion Typer does with it) takes far more than a person
means by a number: ``١٢`` and fullwidth ``１２`` are twelve, ``1_000`` is a thousand,
and ``²`` passes ``str.isdigit`` but not ``int()``. A number beyond 64 bits reaches
the database driver and overflows there. Here a whole number is ASCII digits only,
within the range its option allows; anything else is a usage error (exit 2) that
names the option and the range, before any database is opened.

Options take a :class:`WholeNumber` as their ``parser``; options whose value holds a
number inside other text (``--weight decided=80``, ``--confidence 75 %``) read the
number with :func:`read_whole`.
"""

import typer

from tracker.domain.draws import MAX_DRAWS, MAX_SEED
from tracker.i18n import _

__all__ = [
    "DATABASE_ID",
    "DECIMALS",
    "DRAW_COUNT",
    "LIMIT",
    "PRIORITY",
    "SEED_NUMBER",
    "VERSION",
    "YEAR",
    "WholeNumber",
    "read_whole",
]

#: The largest id or version a database column holds (PostgreSQL's ``integer``).
INT32_MAX = 2**31 - 1


def read_whole(text: str, low: int, high: int) -> int:
    """``text`` as a whole number from ``low`` to ``high``; :class:`ValueError` with the
    reason, in the language chosen, otherwise (ASCII digits only, no sign, no separators)."""
    cleaned = text.strip()
    digits = cleaned[1:] if cleaned.startswith("-") else cleaned
    outside = _("{number} is outside {low}–{high}")
    if cleaned != digits and digits.isascii() and digits.isdigit():
        raise ValueError(outside.format(number=cleaned, low=low, high=high))  # negative
    if not (cleaned.isascii() and cleaned.isdigit()):
        raise ValueError(
            _("{text} is not a whole number (digits 0-9 only)").format(text=repr(text))
        )
    # At most as many digits as the bound: int() of a huge string costs time.
    if len(cleaned.lstrip("0")) > len(str(high)) or not low <= int(cleaned) <= high:
        raise ValueError(outside.format(number=cleaned, low=low, high=high))
    return int(cleaned)


class WholeNumber:
    """A Typer ``parser`` for an integer option or argument from ``low`` to ``high``."""

    def __init__(self, low: int, high: int) -> None:
        self.low = low
        self.high = high

    def __call__(self, value: str | int) -> int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value  # a default written in the code
        try:
            return read_whole(str(value), self.low, self.high)
        except ValueError as error:
            raise typer.BadParameter(str(error)) from None


#: A calendar year (a programme's years, a figure's year), as moments are read.
YEAR = WholeNumber(1900, 2200)
#: A hypothesis's version (``--expect-version``).
VERSION = WholeNumber(1, INT32_MAX)
#: An event's id (``parat undo EVENT_ID``).
DATABASE_ID = WholeNumber(1, INT32_MAX)
#: How many rows to show (0 = all).
LIMIT = WholeNumber(0, INT32_MAX)
#: A bucket's priority: 1 is filled first (the services' rule).
PRIORITY = WholeNumber(1, 99)
#: Decimals shown in the display unit.
DECIMALS = WholeNumber(0, 3)
#: How many draws a simulation makes (``--draws``).
DRAW_COUNT = WholeNumber(1, MAX_DRAWS)
#: The simulation's seed (``--seed``).
SEED_NUMBER = WholeNumber(0, MAX_SEED)
