"""The rules on values and changes, independent of storage and of the surface.

Every service, the batch import and the terminal UI check a value through the one
function here, so that a rule (a percent is 0–100, an investment is not negative, a
figure equal to the current one is no change) cannot differ between them. A broken
rule raises :class:`RuleError` with its line in English and in Danish.
"""

import re

from tracker.domain.bilingual import BilingualError
from tracker.domain.labels import value_name
from tracker.domain.stages import Stage

__all__ = [
    "DECISION_MAX",
    "NONE_WORDS",
    "PERCENT_MAX",
    "PERCENT_MIN",
    "ZERO_IS_A_VALUE",
    "RuleError",
    "check_figure_amount",
    "figure_changed",
    "is_whole_percent",
    "normal_code",
    "normal_text",
    "parse_confidence",
    "stage_move_needs_note",
]

#: A whole percent (a confidence override, a stage weight) lies in this range.
PERCENT_MIN, PERCENT_MAX = 0, 100
#: Words that mean "no value" in a cell or option (English and Danish).
NONE_WORDS = ("none", "ingen")
#: The longest decision reference a stage move or a cut may name ("Chefgruppemøde 2,
#: 12.03.2018, pkt. 4", "Byrådet 08.10.2015, pkt. 12"): one line.
DECISION_MAX = 200

_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,31}$")


class RuleError(BilingualError):
    """A value that breaks a rule: ``str(error)`` is the English line, :attr:`danish`
    the Danish one."""


def stage_move_needs_note(old: Stage, new: Stage) -> bool:
    """A move backward in the lifecycle, or to dropped, must be explained by a note."""
    if old == new:
        return False
    if new is Stage.DROPPED:
        return True
    if old is Stage.DROPPED:
        return False
    return new.rank < old.rank


#: The figure kinds for which a first 0 is a value: a range's minimum or maksimum of 0
#: says the gain may come to nothing, which no record (the range is the potential)
#: does not say. The names are those of :data:`tracker.domain.ranges.RANGE_KINDS`.
ZERO_IS_A_VALUE = frozenset({"low", "high"})


def figure_changed(old_kr: int | None, new_kr: int, kind: str = "potential") -> bool:
    """Whether recording ``new_kr`` over the current record ``old_kr`` of a ``kind``
    figure is a change.

    ``None`` is no record; a 0 where there is no record is no change either, so a
    spreadsheet full of zeros writes nothing, except for the kinds in
    :data:`ZERO_IS_A_VALUE`. (The bulk import's SQLite path says the same in SQL,
    :func:`db.bulk.figure_changed_sql`; a test holds the two equal.)
    """
    if old_kr is None:
        return new_kr != 0 or kind in ZERO_IS_A_VALUE
    return old_kr != new_kr


def check_figure_amount(kind: str, kr: int) -> int:
    """An amount of a figure kind as it may be recorded: an investment is a cost, so it
    is never negative (a negative potential, a loss, is allowed)."""
    if kind == "investment" and kr < 0:
        raise RuleError("an investment cannot be negative", "En investering kan ikke være negativ.")
    return kr


def is_whole_percent(value: object) -> bool:
    """A whole percent from 0 to 100 (``bool`` is not a number here)."""
    return (
        isinstance(value, int)
        and not isinstance(value, bool)
        and PERCENT_MIN <= value <= PERCENT_MAX
    )


def parse_confidence(text: str) -> int | None:
    """A confidence override as a person types it: ``75``, ``75 %``; empty, ``none`` or
    ``ingen`` for none (the stage's weight counts then)."""
    cleaned = text.strip().rstrip("%").strip()
    if not cleaned or cleaned.lower() in NONE_WORDS:
        return None
    if cleaned.isascii() and cleaned.isdigit() and is_whole_percent(int(cleaned)):
        return int(cleaned)
    raise RuleError(
        f"{text!r} is not a whole percent from {PERCENT_MIN} to {PERCENT_MAX} (or none)",
        f"{value_name('confidence')}: et helt tal fra {PERCENT_MIN} til {PERCENT_MAX}, eller tomt",
    )


def normal_code(code: str) -> str:
    """A hypothesis code: letters, digits, ``_ . -`` (at most 32); upper-cased."""
    code = code.strip()
    if not _CODE.match(code):
        raise RuleError(
            f"invalid code {code!r}: use letters, digits, '-', '_' or '.' (at most 32)",
            f"Ugyldig kode {code!r}: brug bogstaver, cifre, '-', '_' eller '.' (højst 32 tegn).",
        )
    return code.upper()


def normal_text(
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
    da = value_name(what)
    if required and not value:
        raise RuleError(f"{what} must not be empty", f"{da} må ikke være tom.")
    if len(value) > max_len:
        raise RuleError(
            f"{what} is longer than {max_len} characters", f"{da} er længere end {max_len} tegn."
        )
    allowed = "\n\r\t" if (max_len > 200 if multiline is None else multiline) else ""
    # C0 and C1 controls, DEL, and the Unicode line and paragraph separators: each can
    # break a line or forge one in a table, a log line or a terminal.
    if any(
        (ord(c) < 32 or 0x7F <= ord(c) <= 0x9F or c in "\u2028\u2029") and c not in allowed
        for c in value
    ):
        if "\n" in value or "\r" in value:
            raise RuleError(f"{what} must be one line", f"{da} skal stå på én linje.")
        raise RuleError(f"{what} contains control characters", f"{da} indeholder kontroltegn.")
    return value
