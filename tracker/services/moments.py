"""Reading and showing moments: a snapshot name, a date, or a date and time.

Dates and times without a zone are Copenhagen time (the programme's municipality):

* ``2018-03-12`` or ``12.03.2018`` (a date) means the END of that day in
  Europe/Copenhagen (23:59:59.999999), so "as of 12.03.2018" includes that day's
  changes;
* ``2018-03-12T10:00``, ``2018-03-12 10:00`` or ``12.03.2018 10:00`` is that minute
  in Copenhagen; an explicit zone (``Z``, ``+01:00``) is honoured.

A snapshot name is looked up first, so a snapshot may be called ``2018-03-12`` too.

Every moment a person reads (CLI text, the terminal UI, documents) is shown in
Copenhagen time too, whatever the machine's zone (CI and servers run in UTC): through
:func:`local_time` and the ``show_*`` functions here, the one place that knows the zone.
JSON keeps UTC.
"""

import re
from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

from tracker.errors import InvalidInput

__all__ = [
    "LOCAL",
    "as_utc",
    "local_time",
    "parse_moment",
    "show_date",
    "show_moment",
    "show_time",
]

#: The zone in which dates are read and shown: the programme municipality's.
LOCAL = ZoneInfo("Europe/Copenhagen")

_DANISH = re.compile(
    r"^(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})"
    r"(?:[ T](?P<H>\d{1,2})[:.](?P<M>\d{2})(?:[:.](?P<S>\d{2}))?)?$"
)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

HINT = "write a snapshot name, a date (2018-03-12 or 12.03.2018) or a time (2018-03-12T10:00)"
HINT_DA = (
    "skriv navnet på et øjebliksbillede, en dato (12.03.2018 eller 2018-03-12) "
    "eller et tidspunkt (12.03.2018 10:00)"
)


def _end_of_day(day: datetime) -> datetime:
    local = datetime.combine(day.date(), time.max, tzinfo=LOCAL)
    return local.astimezone(UTC)


def parse_moment(text: str) -> datetime | None:
    """A date or datetime (see the module docstring) as an aware UTC moment, or
    ``None`` when the text is not a date at all. An impossible date (31.02.2018)
    raises :class:`InvalidInput`."""
    cleaned = text.strip()
    if not cleaned:
        return None
    try:
        m = _DANISH.match(cleaned)
        if m:
            day = datetime(int(m["y"]), int(m["m"]), int(m["d"]))
            if m["H"] is None:
                return _end_of_day(day)
            moment = day.replace(
                hour=int(m["H"]), minute=int(m["M"]), second=int(m["S"] or 0), tzinfo=LOCAL
            )
            return moment.astimezone(UTC)
        if not re.match(r"^\d{4}-\d{2}-\d{2}", cleaned):
            return None
        if _ISO_DATE.match(cleaned):
            return _end_of_day(datetime.fromisoformat(cleaned))
        moment = datetime.fromisoformat(cleaned.replace("Z", "+00:00"))
    except ValueError as error:
        raise InvalidInput(
            f"{text.strip()!r} is not a valid date or time ({error})",
            danish=f"{text.strip()!r} er ikke en gyldig dato eller et gyldigt tidspunkt.",
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=LOCAL)
    return moment.astimezone(UTC)


def local_time(moment: datetime) -> datetime:
    """The moment in Copenhagen time (summer time included), as people read it."""
    return moment.astimezone(LOCAL)


def show_date(moment: datetime | None) -> str:
    """``12.03.2018``, the day in Copenhagen; empty for ``None``."""
    return "" if moment is None else local_time(moment).strftime("%d.%m.%Y")


def show_time(moment: datetime | None) -> str:
    """``12.03.2018 10:15`` in Copenhagen time, to the minute; empty for ``None``."""
    return "" if moment is None else local_time(moment).strftime("%d.%m.%Y %H:%M")


def show_moment(moment: datetime) -> str:
    """``12.03.2018 10:00`` in Copenhagen time (``12.03.2018`` at the end of a day),
    with seconds when it has them: a moment someone chose (an as-of, a snapshot)."""
    local = local_time(moment)
    if local.time() == time.max:
        return local.strftime("%d.%m.%Y")
    if local.second or local.microsecond:
        return local.strftime("%d.%m.%Y %H:%M:%S")
    return local.strftime("%d.%m.%Y %H:%M")


def as_utc(moment: datetime) -> datetime:
    """An API caller's moment as aware UTC; a naive one is read as Copenhagen time."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=LOCAL)
    return moment.astimezone(UTC)
