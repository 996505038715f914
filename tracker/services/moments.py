"""Reading moments someone typed: a snapshot name, a date, or a date and time.

Dates and times without a zone are Copenhagen time (the programme's municipality):

* ``2018-03-12`` or ``12.03.2018`` (a date) means the END of that day in
  Europe/Copenhagen (23:59:59.999999), so "as of 12.03.2018" includes that day's
  changes;
* ``2018-03-12T10:00``, ``2018-03-12 10:00`` or ``12.03.2018 10:00`` is that minute
  in Copenhagen; an explicit zone (``Z``, ``+01:00``) is honoured.

A snapshot name is looked up first, so a snapshot may be called ``2018-03-12`` too.

Every moment a person reads is shown in Copenhagen time too: that is
:mod:`tracker.report.moments`, whose zone this module reads in.
"""

import re
from datetime import UTC, datetime, time

from tracker.errors import InvalidInput
from tracker.report.moments import LOCAL

__all__ = ["HINT", "HINT_DA", "as_utc", "parse_moment"]

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


def as_utc(moment: datetime) -> datetime:
    """An API caller's moment as aware UTC; a naive one is read as Copenhagen time."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=LOCAL)
    return moment.astimezone(UTC)
