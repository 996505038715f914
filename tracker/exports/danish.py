"""Danish display for documents: amounts in mio. kr., percentages, dates.

The amounts are :mod:`tracker.domain.money`'s, under the short names the renderers
use.
Moments are shown in Danish time (Europe/Copenhagen): the summary is read in Denmark,
whatever the server's clock zone (the zone itself is :mod:`tracker.report.moments`').
"""

from datetime import datetime, tzinfo

from tracker.domain.money import (
    format_mio,
    format_mio_change_number,
    format_mio_exact,
    format_mio_number,
)
from tracker.i18n import _
from tracker.report.moments import LOCAL, local_time, show_date

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


#: ``12_500_000`` → ``12,5``; ``-1_250_000`` → ``-1,3`` (half away from zero).
mio = format_mio_number
#: ``12_500_000`` → ``12,5 mio. kr.``
mio_kr = format_mio
#: A change: ``+1,5``, ``-0,3``, ``0,0``.
signed_mio = format_mio_change_number


def csv_mio(kr: int, decimal_sep: str = ",") -> str:
    """Kroner as mio. kr., exact to the krone and without thousands separators, so
    that the importer reads it back to the same krone: ``29_000`` → ``0,029``."""
    return format_mio_exact(kr, decimal_sep, grouped=False)


def pct(value: int) -> str:
    """``75`` → ``75 %`` (Danish typography: a space before the sign)."""
    return f"{value} %"


#: The moment in Danish time.
local = local_time
#: ``12.03.2018``; empty for ``None``.
date = show_date


def date_time(moment: datetime | None) -> str:
    """``12.03.2018 kl. 10:00`` (``12.03.2018 at 10:00`` in English); empty for ``None``."""
    if moment is None:
        return ""
    at = local(moment)
    return _("{date} at {time}").format(date=at.strftime("%d.%m.%Y"), time=at.strftime("%H:%M"))
