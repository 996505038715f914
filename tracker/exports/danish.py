"""Danish display for documents: amounts in mio. kr., percentages, dates.

:func:`mio` gives exactly what :func:`tracker.domain.money.format_mio_number` gives
(a test holds them together), in integer arithmetic, because a summary of 10,000
hypotheses formats some 100,000 amounts and Babel costs ~20 µs a call.
Moments are shown in Danish time (Europe/Copenhagen): the summary is read in Denmark,
whatever the server's clock zone (the zone itself is :mod:`tracker.services.moments`').
"""

from datetime import datetime, tzinfo
from decimal import Decimal

from tracker.services.moments import LOCAL, local_time, show_date

__all__ = [
    "DANISH_TIME",
    "csv_mio",
    "date",
    "date_time",
    "local",
    "mio",
    "mio_kr",
    "pct",
    "signed_mio",
]


DANISH_TIME: tzinfo = LOCAL


def mio(kr: int, decimals: int = 1) -> str:
    """``12_500_000`` → ``12,5``; ``-1_250_000`` → ``-1,3`` (half away from zero)."""
    scale = 10 ** (6 - decimals)
    q, r = divmod(abs(kr), scale)
    if 2 * r >= scale:
        q += 1
    whole, frac = divmod(q, 10**decimals)
    text = f"{whole:,}".replace(",", ".")
    if decimals:
        text += f",{frac:0{decimals}d}"
    return f"-{text}" if kr < 0 and q else text


def mio_kr(kr: int) -> str:
    """``12_500_000`` → ``12,5 mio. kr.``"""
    return f"{mio(kr)} mio. kr."


def signed_mio(kr: int) -> str:
    """A change: ``+1,5``, ``-0,3``, ``0,0``."""
    text = mio(kr)
    return f"+{text}" if kr > 0 and text != "0,0" else text


def csv_mio(kr: int, decimal_sep: str = ",") -> str:
    """Kroner as mio. kr. with every decimal needed to be exact to the krone.

    ``4_500_000`` → ``4,5``; ``29_000`` → ``0,029``; ``1`` → ``0,000001``;
    ``12_000_000`` → ``12``. No thousands separators: the importer reads it back
    (a bare number is mio. kr.) to the same krone.
    """
    value = Decimal(kr).scaleb(-6).normalize()
    text = f"{value:f}"
    if decimal_sep == "." and len(text.partition(".")[2]) == 3:
        # "1.234" reads as a thousands group to a Danish eye, and the parser refuses it
        # as ambiguous: one more (exact) zero makes it a decimal point.
        text += "0"
    return text.replace(".", decimal_sep)


def pct(value: int) -> str:
    """``75`` → ``75 %`` (Danish typography: a space before the sign)."""
    return f"{value} %"


#: The moment in Danish time.
local = local_time
#: ``12.03.2018``; empty for ``None``.
date = show_date


def date_time(moment: datetime | None) -> str:
    """``12.03.2018 kl. 10:00``; empty for ``None``."""
    return "" if moment is None else local(moment).strftime("%d.%m.%Y kl. %H:%M")
