"""Danish display helpers for the UI, on top of :mod:`tracker.domain.money`."""

from datetime import datetime

from tracker.domain import labels as da
from tracker.domain.money import format_mio, format_mio_exact, format_mio_number
from tracker.report.moments import show_date, show_time
from tracker.report.words import word

__all__ = [
    "FIELD_LABELS",
    "KIND_LABELS",
    "date",
    "datetime_short",
    "mio",
    "mio_short",
    "pct",
    "word",
]

#: The Danish names of the figure kinds.
KIND_LABELS = da.KIND_LABELS
#: The Danish names of a hypothesis's fields, as the history shows them.
FIELD_LABELS = da.FIELD_LABELS


#: ``12,5 mio. kr.``
mio = format_mio
#: ``12,5`` (the column header says mio. kr.).
mio_short = format_mio_number
#: Kroner as mio. kr. without losing a krone, for editing: ``4567000`` → ``4,567``.
mio_exact = format_mio_exact


def pct(part: int, whole: int) -> str:
    """Whole percent of ``whole``, ``–`` when there is nothing to compare with."""
    if whole <= 0:
        return "–"
    return f"{round(100 * part / whole)} %"


def date(moment: datetime | None) -> str:
    """``12.03.2018`` in Copenhagen time, whatever the machine's zone."""
    return show_date(moment)


def datetime_short(moment: datetime | None) -> str:
    """``12.03.2018 10:15`` in Copenhagen time, whatever the machine's zone."""
    return show_time(moment)


def count(n: int) -> str:
    """``10.000`` (Danish thousands separator, independent of the process locale)."""
    return f"{n:,}".replace(",", ".")
