"""Whether an amount is one a person meant: the sign of a gain, and its size.

A budget writes a saving as a reduction, with a minus; Parat counts a gain as a
positive amount. A figure in kroner read as millions is a million times too large,
and nothing in the number itself says so; the programme's target does: no single
figure of a programme is larger than the whole programme. Pure: amounts in, the
amount or a :class:`~tracker.domain.rules.RuleError` out.
"""

from dataclasses import dataclass

from tracker.domain.money import MAX_ABS_KR, format_kr, format_mio, unit_name
from tracker.domain.rules import RuleError, check_figure_amount

__all__ = ["DEFAULT_OPTIONS", "ReadOptions", "judge_amount"]

_UNIT_WORDS = {1: ("kroner", "kroner"), 1_000: ("thousands of kroner", "tusinde kroner")}


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How amounts are read and which are let through."""

    unit: int = 1_000_000
    """Kroner per bare number (a unit in the text, or in a column's heading, wins)."""
    reductions_negative: bool = False
    """The input writes a gain as a reduction, with a minus: potential and realised
    figures change sign (an investment does not)."""
    allow_negative: bool = False
    """A negative potential or realised figure (a loss) is meant."""
    accept_large: bool = False
    """A figure larger than the whole target is meant."""
    target_kr: int | None = None
    """The programme's whole target; no plausibility check without it."""
    skip_columns: frozenset[str] = frozenset()
    """Columns of a file to leave out (case-folded headings)."""

    @property
    def limit_kr(self) -> int:
        """The largest figure let through."""
        if self.accept_large or self.target_kr is None:
            return MAX_ABS_KR
        return self.target_kr


DEFAULT_OPTIONS = ReadOptions()


def _likely_reading(kr: int, unit: int, target_kr: int) -> int | None:
    """The smaller unit in which ``kr`` (read in ``unit``) fits the target. A figure
    written in kroner or thousands is a whole number of them: with decimals in the
    unit in force, it was meant in that unit."""
    if kr % unit:
        return None
    for smaller in (1_000, 1):
        if smaller < unit and abs(kr) * smaller // unit <= target_kr:
            return smaller
    return None


def judge_amount(
    kind: str,
    kr: int,
    text: str | None,
    unit: int,
    options: ReadOptions,
    *,
    in_file: bool = True,
    unit_from_heading: bool = False,
    own_unit: bool = False,
) -> int:
    """``kr`` if it may be recorded as a ``kind`` figure, else :class:`RuleError`.

    ``text`` is what was written (``None`` for a number given as kroner), ``unit``
    the unit its bare number was read in; ``in_file`` chooses the hints of an
    import (``--reductions-negative``) over those of one figure; the unit came from
    a column's heading (``unit_from_heading``) or from the text (``own_unit``).
    """
    check_figure_amount(kind, kr)
    if kr < 0 and kind != "investment" and not options.allow_negative:
        written = repr(text) if text is not None else format_kr(kr)
        if options.reductions_negative:
            raise RuleError(
                f"{written} is an increase (a loss) in a file read with --reductions-negative:"
                " a gain is positive in Parat (--allow-negative records it as a loss)",
                f"{written} er en merudgift (et tab): en gevinst er positiv i Parat.",
            )
        hint = (
            "reductions written with a minus? use --reductions-negative"
            if in_file
            else "write a saving as a positive gain (--allow-negative records a loss)"
        )
        raise RuleError(
            f"{format_kr(kr)} is negative, and a gain is positive in Parat: {hint}",
            f"{format_kr(kr)} er negativt: en gevinst er positiv i Parat. "
            "Skriv besparelsen uden minus.",
        )
    if abs(kr) > options.limit_kr:
        assert options.target_kr is not None
        what = f"{format_mio(kr)} is more than the whole target ({format_mio(options.target_kr)})"
        hvad = f"{format_mio(kr)} er mere end hele målet ({format_mio(options.target_kr)})"
        reading = None if own_unit else _likely_reading(kr, unit, options.target_kr)
        if reading is None:
            raise RuleError(
                f"{what}: use --accept-large if it is meant",
                f"{hvad}. Er beløbet ment sådan, så gem det med --accept-large.",
            )
        words, ord_ = _UNIT_WORDS[reading]
        name = unit_name(reading)
        how = (
            "check the unit in the column's heading" if unit_from_heading else f"use --unit {name}"
        )
        example = format_kr(abs(kr) // unit)[: -len(" kr.")]
        raise RuleError(
            f"{what}: {words}? {how}",
            f"{hvad}: mente du {ord_}? Skriv enheden, fx {example} {name}.",
        )
    return kr
