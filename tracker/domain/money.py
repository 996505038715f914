"""Money in and out: parsing user input and Danish display.

Amounts are whole kroner as ``int``. Input is read in mio. kr. unless a unit says
otherwise; ``Decimal`` is used only while parsing. Output for people is Danish
(``12,5 mio. kr.``, ``4.500.000 kr.``) with ordinary spaces, so that it survives
terminals, CSV files and copy-paste alike.
"""

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, Inexact, InvalidOperation, localcontext

from tracker.domain.bilingual import BilingualError

__all__ = [
    "DECIMAL_MARK",
    "DEFAULT_DISPLAY",
    "DISPLAY_UNITS",
    "GROUP_MARK",
    "MAX_ABS_KR",
    "MAX_DECIMALS",
    "Display",
    "MoneyError",
    "format_kr",
    "format_mio",
    "format_mio_change",
    "format_mio_change_number",
    "format_mio_exact",
    "format_mio_number",
    "has_unit",
    "parse_amount",
    "parse_display",
    "parse_unit",
    "round_half_up",
    "unit_name",
    "weighted_amount",
]

#: Largest amount accepted: 1.000.000 mio. kr. (far above any municipal budget, far
#: below the 64-bit column limit).
MAX_ABS_KR = 10**12


class MoneyError(BilingualError):
    """An input that is not an amount of whole kroner; the message says why (in
    English, and in Danish in :attr:`danish`)."""


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
    "1.000 kr": 1_000,
    "1.000 kr.": 1_000,
    "1000 kr": 1_000,
    "1000 kr.": 1_000,
    "kr": 1,
    "kr.": 1,
}
#: A unit in force, as options and messages name it.
_UNIT_NAMES = {1: "kr", 1_000: "tkr", 1_000_000: "mio"}

_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_NUMBER = re.compile(
    r"^(?P<sign>[-+\u2212]?)\s*(?P<num>[0-9][0-9.,\u00a0\u202f ]*)\s*(?P<unit>.*)$"
)
# Thousands grouping: a first group of 1–3 digits that does not start with 0.
_GROUPED = re.compile(r"^[1-9][0-9]{0,2}([. ][0-9]{3})+$")


def _ungrouped(raw: str) -> tuple[str, str]:
    return (
        f"{raw!r}: thousands must be grouped in threes",
        f"{raw!r}: tusinder skal grupperes tre og tre",
    )


def _digits(num: str, unit_factor: int, raw: str) -> Decimal:
    """Turn the number part into a Decimal, honouring Danish and English separators."""
    num = _SPACES.sub(" ", num).strip()
    if num.count(",") > 1:
        raise MoneyError(
            f"{raw!r} has more than one decimal comma", f"{raw!r} har mere end ét decimalkomma"
        )
    if "," in num:
        whole, frac = num.split(",")
        if "." in frac or " " in frac:
            raise MoneyError(
                f"{raw!r}: separators after the decimal comma",
                f"{raw!r} har skilletegn efter decimalkommaet",
            )
        if "." in whole or " " in whole:
            if not _GROUPED.match(whole):
                raise MoneyError(*_ungrouped(raw))
            whole = whole.replace(".", "").replace(" ", "")
        if not frac:
            raise MoneyError(
                f"{raw!r}: digits are missing after the comma",
                f"{raw!r} mangler cifre efter kommaet",
            )
        return Decimal(f"{whole}.{frac}")
    if " " in num:
        if not _GROUPED.match(num):
            raise MoneyError(*_ungrouped(raw))
        num = num.replace(" ", "").replace(".", "")
        return Decimal(num)
    dots = num.count(".")
    if dots == 0:
        return Decimal(num)
    if dots > 1 or (unit_factor <= 1_000 and _GROUPED.match(num)):
        # "4.500.000 kr" groups thousands; so do "4.500 kr" and "1.080 tkr": in kroner
        # and thousands the Danish point is the only reading a budget means.
        if not _GROUPED.match(num):
            raise MoneyError(*_ungrouped(raw))
        return Decimal(num.replace(".", ""))
    whole, frac = num.split(".")
    if _GROUPED.match(num):
        # "4.500" (mio. or tkr) is 4500 to a Danish reader and 4,5 to an English one:
        # a factor of 1000 hangs on it, so refuse rather than guess.
        decimal = f"{whole},{frac.rstrip('0')}".rstrip(",")
        as_decimal = format_kr(int(Decimal(f"{whole}.{frac}") * unit_factor))
        as_grouped = format_kr(int(f"{whole}{frac}") * unit_factor)
        raise MoneyError(
            f"{raw!r} is ambiguous in mio. kr.: write {decimal} for {as_decimal} "
            f"or {whole}{frac} for {as_grouped} (or give the unit, e.g. {raw.strip()} kr)",
            f"{raw!r} kan læses på to måder i mio. kr.: skriv {decimal} for {as_decimal} "
            f"eller {whole}{frac} for {as_grouped} (eller skriv enheden, fx {raw.strip()} kr)",
        )
    if not frac:
        raise MoneyError(
            f"{raw!r}: digits are missing after the point",
            f"{raw!r} mangler cifre efter punktummet",
        )
    return Decimal(num)


def parse_unit(text: str) -> int:
    """Kroner per unit of a unit's name: ``kr`` → 1, ``t.kr.``/``1.000 kr.`` → 1.000,
    ``mio. kr.`` → 1.000.000 (any case); :class:`MoneyError` for anything else."""
    unit = _SPACES.sub(" ", text.strip().lower())
    if not unit or unit not in _UNITS:
        raise MoneyError(
            f"unknown unit {text.strip()!r} (use kr, tkr or mio)",
            f"ukendt enhed {text.strip()!r} (brug kr, tkr eller mio)",
        )
    return _UNITS[unit]


def unit_name(factor: int) -> str:
    """The option's name of a unit: 1 → ``kr``, 1.000 → ``tkr``, 1.000.000 → ``mio``."""
    return _UNIT_NAMES[factor]


def has_unit(text: str) -> bool:
    """Whether an amount's text names its own unit (``29 tkr``), not the one in force."""
    match = _NUMBER.match(text.strip().removeprefix("(").removesuffix(")").strip())
    return match is not None and bool(match["unit"].strip())


def parse_amount(text: str, unit: int = 1_000_000) -> int:
    """Parse an amount as a person writes it and return whole kroner.

    A bare number is in ``unit`` kroner (default mio. kr.: ``4,5`` → 4 500 000); a
    unit in the text wins: ``t``/``tkr`` means thousands, ``kr`` means kroner. In
    mio. kr. a decimal comma and a decimal point are both read, and a point before
    exactly three digits (``4.500``) is refused as ambiguous; in kroner and
    thousands a point groups thousands (``1.080``) and the comma is the decimal
    mark. Spaces group thousands; ``(250.000)`` is an accountant's minus. Anything
    else (``abc``, ``4,5,6``, ``1e9``, ``nan``, an empty text, or an amount finer
    than one krone) raises :class:`MoneyError` with a message fit to show the user.
    """
    if not isinstance(text, str):
        raise MoneyError(f"{text!r} is not an amount", f"{text!r} er ikke et beløb")
    raw = text
    stripped = raw.strip()
    if not stripped:
        raise MoneyError(
            "an amount is required (for example 4,5 or 29 tkr)",
            "skriv et beløb (fx 4,5 eller 29 tkr)",
        )
    accounting = len(stripped) > 2 and stripped[0] == "(" and stripped[-1] == ")"
    if accounting:
        stripped = stripped[1:-1].strip()
    match = _NUMBER.match(stripped)
    if match is None:
        raise MoneyError(
            f"{raw!r} is not an amount (write for example 4,5 or 29 tkr)",
            f"{raw!r} er ikke et beløb (skriv fx 4,5 eller 29 tkr)",
        )
    named = _SPACES.sub(" ", match["unit"].strip().lower())
    if named not in _UNITS:
        unknown = match["unit"].strip()
        raise MoneyError(
            f"{raw!r}: unknown unit {unknown!r} (use mio., tkr or kr)",
            f"{raw!r}: ukendt enhed {unknown!r} (brug mio., tkr eller kr)",
        )
    factor = _UNITS[named] if named else unit
    try:
        number = _digits(match["num"], factor, raw)
    except InvalidOperation:
        raise MoneyError(f"{raw!r} is not an amount", f"{raw!r} er ikke et beløb") from None
    if match["sign"] in ("-", "\u2212") or accounting:
        if accounting and match["sign"]:
            raise MoneyError(
                f"{raw!r}: a sign inside parentheses", f"{raw!r} har et fortegn inde i parentesen"
            )
        number = -number
    with localcontext() as exact:
        # The default 28 digits would round "1,000…0001" (30 decimals) to a whole
        # million silently; an inexact product means more digits than any amount has.
        exact.prec = 60
        exact.traps[Inexact] = True
        try:
            value = number * factor
        except Inexact:
            raise MoneyError(
                f"{raw!r} has too many digits", f"{raw!r} har for mange cifre"
            ) from None
    return _checked(value, raw)


def _checked(value: Decimal, raw: str) -> int:
    if value != value.to_integral_value():
        raise MoneyError(f"{raw!r} is finer than one krone", f"{raw!r} er finere end én krone")
    kr = int(value)
    if abs(kr) > MAX_ABS_KR:
        raise MoneyError(
            f"{raw!r} is too large (at most 1.000.000 mio. kr.)",
            f"{raw!r} er for stort (højst 1.000.000 mio. kr.)",
        )
    return kr


def round_half_up(value: Decimal) -> int:
    """Round to whole kroner, halves away from zero: the one rounding rule of Parat."""
    return int(value.to_integral_value(rounding=ROUND_HALF_UP))


def weighted_amount(kr: int, weight_pct: int) -> int:
    """``kr × weight``, rounded to whole kroner half up (away from zero).

    Integer arithmetic gives the same result as ``round_half_up(Decimal(kr) * pct / 100)``
    (a test holds them together) at a fraction of the cost.
    """
    if kr >= 0:
        return (kr * weight_pct + 50) // 100
    return -((-kr * weight_pct + 50) // 100)


#: The Danish decimal mark and thousands separator (what Babel's ``da_DK`` data says;
#: a test holds them to it). Constants rather than a lookup: the exports format some
#: 100,000 amounts, and loading Babel costs a CLI call about 30 ms.
DECIMAL_MARK = ","
GROUP_MARK = "."


def _grouped(n: int) -> str:
    """``1234567`` → ``1.234.567`` (``n`` ≥ 0)."""
    return f"{n:,}".replace(",", GROUP_MARK)


#: Decimals that show every krone, per unit's kroner: 6 in mio. kr., 3 in t.kr.
_EXACT = {1_000_000: 6, 1_000: 3, 1: 0}


def _units(kr: int, decimals: int, exact: int) -> int:
    """``abs(kr)`` in the smallest shown step (``decimals`` of a unit that needs
    ``exact`` decimals for one krone), rounded half up."""
    if decimals > exact:
        return abs(kr) * 10 ** (decimals - exact)
    scale = 10 ** (exact - decimals)
    q, r = divmod(abs(kr), scale)
    return q + 1 if 2 * r >= scale else q


def _scaled(kr: int, decimals: int, factor: int = 1_000_000) -> tuple[int, str]:
    """The sign of ``kr`` in units of ``factor`` kroner rounded to ``decimals`` (0 when
    it is 0) and its digits without a sign: ``-1_250_000, 1`` → ``(-1, "1,3")``.

    Integer arithmetic, halves away from zero (the rule of :func:`round_half_up`):
    exact for any amount, and cheap enough for a summary of 10,000 hypotheses.

    A non-zero amount never shows as nothing: when it would round to zero, it gets
    the decimals it needs to show its first digit (``40_000`` → ``0,04`` in mio.,
    ``1`` → ``0,000001``); so a change is never hidden behind ``0,0``.
    """
    exact = _EXACT[factor]
    q = _units(kr, decimals, exact)
    while not q and kr and decimals < exact:
        decimals += 1
        q = _units(kr, decimals, exact)
    whole, frac = divmod(q, 10**decimals)
    text = _grouped(whole)
    if decimals:
        text += f"{DECIMAL_MARK}{frac:0{decimals}d}"
    return (0 if q == 0 else -1 if kr < 0 else 1), text


#: Kroner per display unit, under the names that ``--display`` takes.
DISPLAY_UNITS: dict[str, int] = {"mio": 1_000_000, "tkr": 1_000, "kr": 1}
#: What follows an amount in each display unit.
_SUFFIXES = {"mio": "mio. kr.", "tkr": "t.kr.", "kr": "kr."}
#: Decimals a person may ask for (``--decimals``).
MAX_DECIMALS = 3


@dataclass(frozen=True, slots=True)
class Display:
    """How amounts are shown to people: a unit and the decimals in it (visning).

    The one Danish money formatter: every amount a person reads goes through it.
    Kroner are whole, so ``kr`` shows no decimals whatever ``decimals`` says. A
    non-zero amount that would round to zero gets more decimals (see
    :func:`_scaled`); :meth:`change_decimals` gives the two sides of a change the
    decimals that tell them apart.
    """

    unit: str = "mio"
    """``mio`` (mio. kr.), ``tkr`` (t.kr.) or ``kr``."""
    decimals: int = 1
    """Decimals in that unit, 0–3."""

    @property
    def factor(self) -> int:
        """Kroner per unit."""
        return DISPLAY_UNITS[self.unit]

    @property
    def suffix(self) -> str:
        """The unit as written after an amount: ``mio. kr.``, ``t.kr.``, ``kr.``."""
        return _SUFFIXES[self.unit]

    def _decimals(self, decimals: int | None) -> int:
        return 0 if self.unit == "kr" else self.decimals if decimals is None else decimals

    def number(self, kr: int, decimals: int | None = None) -> str:
        """The number alone: ``12_500_000`` → ``12,5`` (never ``-0,0``)."""
        sign, text = _scaled(kr, self._decimals(decimals), self.factor)
        return f"-{text}" if sign < 0 else text

    def amount(self, kr: int, decimals: int | None = None) -> str:
        """With the unit: ``12,5 mio. kr.``."""
        return f"{self.number(kr, decimals)} {self.suffix}"

    def change_number(self, kr: int, decimals: int | None = None) -> str:
        """A change with its sign: ``+1,5``, ``-0,3``, ``0,0`` (only when it is 0)."""
        sign, text = _scaled(kr, self._decimals(decimals), self.factor)
        return f"+{text}" if sign > 0 else f"-{text}" if sign < 0 else text

    def change(self, kr: int, decimals: int | None = None) -> str:
        """A change with its sign and unit: ``+0,5 mio. kr.``."""
        return f"{self.change_number(kr, decimals)} {self.suffix}"

    def change_decimals(self, old: int | None, new: int | None) -> int:
        """The decimals (at least this display's) at which a change from ``old`` to
        ``new`` shows: the two amounts look different and the change is not nothing,
        so that "9,5 → 9,6, Ændring 0,0" never stands for a change (``None``: no
        amount, counted as 0 for the change)."""
        decimals = self._decimals(None)
        if old == new:
            return decimals
        exact = _EXACT[self.factor]
        change = (new or 0) - (old or 0)
        while decimals < exact and (
            not _units(change, decimals, exact)
            or (
                old is not None
                and new is not None
                and self.number(old, decimals) == self.number(new, decimals)
            )
        ):
            decimals += 1
        return decimals


#: Mio. kr. with one decimal: the display unless the programme or a command says
#: otherwise.
DEFAULT_DISPLAY = Display()


def parse_display(unit: str, decimals: int | None = None) -> Display:
    """A :class:`Display` from the options' words; :class:`MoneyError` for others."""
    name = unit.strip().lower()
    if name not in DISPLAY_UNITS:
        raise MoneyError(
            f"unknown display unit {unit!r} (use mio, tkr or kr)",
            f"ukendt visningsenhed {unit!r} (brug mio, tkr eller kr)",
        )
    if decimals is None:
        decimals = DEFAULT_DISPLAY.decimals
    if isinstance(decimals, bool) or not 0 <= decimals <= MAX_DECIMALS:
        raise MoneyError(
            f"decimals must be a whole number from 0 to {MAX_DECIMALS}, not {decimals}",
            f"antal decimaler skal være et helt tal fra 0 til {MAX_DECIMALS}, ikke {decimals}",
        )
    return Display(name, decimals)


def format_mio_number(kr: int, decimals: int = 1) -> str:
    """The number part of :func:`format_mio`: ``12500000`` → ``12,5``; never ``-0,0``."""
    return DEFAULT_DISPLAY.number(kr, decimals)


def format_mio(kr: int, decimals: int = 1) -> str:
    """Danish display in millions: ``12500000`` → ``12,5 mio. kr.`` (rounded half up)."""
    return DEFAULT_DISPLAY.amount(kr, decimals)


def format_mio_change_number(kr: int) -> str:
    """A change in millions with its sign: ``+1,5``, ``-0,3``, ``0,0`` (no sign only
    when it is 0: a small change shows its first digit, ``+0,002``)."""
    return DEFAULT_DISPLAY.change_number(kr)


def format_mio_change(kr: int) -> str:
    """A change with its sign and unit: ``+0,5 mio. kr.``."""
    return DEFAULT_DISPLAY.change(kr)


def format_mio_exact(kr: int, decimal_mark: str = DECIMAL_MARK, *, grouped: bool = True) -> str:
    """Kroner as mio. kr. with every decimal needed to be exact to the krone, and no
    more: ``4_567_000`` → ``4,567``; ``1`` → ``0,000001``; ``12_000_000`` → ``12``.

    It reads back to the same krone with :func:`parse_amount` (a bare number is mio.
    kr.): for editing (``grouped``: ``1.234,5``) and for files (not grouped, with the
    file's decimal mark). A point before exactly three decimals reads as a thousands
    group (``1.234``), so one more exact zero makes it a decimal point (``1.2340``);
    likewise a whole number with one group mark gets a decimal zero (``3.125,0``).
    """
    whole, rest = divmod(abs(kr), 1_000_000)
    text = _grouped(whole) if grouped else str(whole)
    if rest:
        frac = f"{rest:06d}".rstrip("0")
        if decimal_mark == "." and len(frac) == 3:
            frac += "0"
        text += decimal_mark + frac
    elif grouped and text.count(GROUP_MARK) == 1:
        text += f"{decimal_mark}0"  # "3.125" alone is 3,125 or 3125 to a reader: ambiguous
    return f"-{text}" if kr < 0 else text


def format_kr(kr: int) -> str:
    """Danish display in kroner: ``4500000`` → ``4.500.000 kr.``."""
    return f"{'-' if kr < 0 else ''}{_grouped(abs(kr))} kr."
