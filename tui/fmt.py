"""Danish display helpers for the UI, on top of :mod:`tracker.domain.money`."""

from datetime import datetime

from tracker.domain.money import format_mio, format_mio_number
from tracker.services.moments import show_date, show_time

__all__ = ["FIELD_LABELS", "KIND_LABELS", "date", "datetime_short", "mio", "mio_short", "pct"]

#: The Danish names of the figure kinds, as the UI labels them.
KIND_LABELS: dict[str, str] = {
    "potential": "Potentiale",
    "realised": "Realiseret",
    "investment": "Investering",
}

#: The Danish names of a hypothesis's fields, as the history shows them.
FIELD_LABELS: dict[str, str] = {
    "title": "Titel",
    "area": "Område",
    "owner": "Ansvarlig",
    "description": "Beskrivelse",
    "stage": "Fase",
    "bucket": "Pulje",
    "confidence_pct": "Sikkerhed",
}


def mio(kr: int) -> str:
    """``12,5 mio. kr.``"""
    return format_mio(kr)


def mio_short(kr: int) -> str:
    """``12,5`` (the column header says mio. kr.)."""
    return format_mio_number(kr)


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


def mio_exact(kr: int) -> str:
    """Kroner as mio. kr. without losing a krone, for editing: ``4567000`` → ``4,567``."""
    from decimal import Decimal

    sign = "-" if kr < 0 else ""
    whole, rest = divmod(abs(kr), 1_000_000)
    text = f"{whole:,}".replace(",", ".")
    if rest:
        frac = str(Decimal(rest) / 1_000_000)[2:].rstrip("0")
        text += "," + frac
    return sign + text
