"""Reading moments someone typed: a snapshot name, a date, or a date and time.

Dates and times without a zone are Copenhagen time (the programme's municipality):

* ``2018-03-12`` or ``12.03.2018`` (a date) means the END of that day in
  Europe/Copenhagen (23:59:59.999999), so "as of 12.03.2018" includes that day's
  changes;
* ``2018-03-12T10:00``, ``2018-03-12 10:00`` or ``12.03.2018 10:00`` is that minute
  in Copenhagen; an explicit zone (``Z``, ``+01:00``) is honoured.

A snapshot name is looked up first, so a snapshot may be called ``2018-03-12`` too.

Every moment a person or a caller gives passes here, and two kinds are refused
rather than guessed at:

* a year outside 1900–2200 (:data:`YEAR_MIN`, :data:`YEAR_MAX`): no programme lives
  there, and at the ends of the calendar converting to UTC overflows;
* a Copenhagen wall time that summer time makes ambiguous: in the hour the clocks
  skip (``2018-03-25T02:30``) or the hour they repeat (``2018-10-28T02:30``). The
  line offers both readings with explicit offsets, which are always accepted.

Every moment a person reads is shown in Copenhagen time too: that is
:mod:`tracker.report.moments`, whose zone this module reads in.
"""

import re
from datetime import UTC, datetime, time, timedelta

from tracker.errors import InvalidInput
from tracker.report.moments import LOCAL

__all__ = ["HINT", "HINT_DA", "YEAR_MAX", "YEAR_MIN", "as_utc", "check_year", "parse_moment"]

#: The years a moment may fall in.
YEAR_MIN, YEAR_MAX = 1900, 2200

_DANISH = re.compile(
    r"^(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})"
    r"(?:[ T](?P<H>\d{1,2})[:.](?P<M>\d{2})(?:[:.](?P<S>\d{2}))?)?$",
    re.ASCII,  # digits 0-9 only: int() would read other scripts' digits too
)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)
_ISO_START = re.compile(r"^\d{4}-\d{2}-\d{2}", re.ASCII)

HINT = "write a snapshot name, a date (2018-03-12 or 12.03.2018) or a time (2018-03-12T10:00)"
HINT_DA = (
    "skriv navnet på et øjebliksbillede, en dato (12.03.2018 eller 2018-03-12) "
    "eller et tidspunkt (12.03.2018 10:00)"
)


def check_year(moment: datetime, text: str | None = None) -> datetime:
    """Refuse a moment outside :data:`YEAR_MIN`–:data:`YEAR_MAX` (``text``: as typed)."""
    if not YEAR_MIN <= moment.year <= YEAR_MAX:
        shown = repr(text.strip()) if text is not None else moment.isoformat()
        raise InvalidInput(
            f"{shown} is outside the years {YEAR_MIN}–{YEAR_MAX}",
            danish=f"{shown} ligger uden for årene {YEAR_MIN}–{YEAR_MAX}.",
        )
    return moment


def _with_offset(wall: datetime, offset: timedelta | None) -> str:
    spec = "seconds" if wall.second or wall.microsecond else "minutes"
    return wall.replace(tzinfo=None).isoformat(timespec=spec) + _offset(offset)


def _offset(offset: timedelta | None) -> str:
    minutes = int((offset or timedelta()).total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _local(wall: datetime, text: str | None = None) -> datetime:
    """A naive Copenhagen wall time as an aware UTC moment, refusing one that summer
    time makes ambiguous (see the module docstring)."""
    check_year(wall, text)
    first, second = wall.replace(tzinfo=LOCAL, fold=0), wall.replace(tzinfo=LOCAL, fold=1)
    if first.utcoffset() == second.utcoffset():
        return first.astimezone(UTC)
    shown = repr(text.strip()) if text is not None else wall.isoformat()
    readings = (
        f"{_with_offset(wall, first.utcoffset())} or {_with_offset(wall, second.utcoffset())}"
    )
    # In the skipped hour the wall time does not come back from UTC unchanged.
    skipped = first.astimezone(UTC).astimezone(LOCAL).replace(tzinfo=None) != wall
    if skipped:
        raise InvalidInput(
            f"{shown} does not exist in Copenhagen (the clocks skip that hour when "
            f"summer time begins): write {readings}",
            danish=f"{shown} findes ikke i dansk tid (uret springer den time over, når "
            f"sommertiden begynder): skriv {readings}",
        )
    raise InvalidInput(
        f"{shown} happens twice in Copenhagen (the clocks repeat that hour when summer "
        f"time ends): write {readings}",
        danish=f"{shown} forekommer to gange i dansk tid (uret gentager den time, når "
        f"sommertiden slutter): skriv {readings}",
    )


def _end_of_day(day: datetime, text: str) -> datetime:
    return _local(datetime.combine(day.date(), time.max), text)


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
                return _end_of_day(day, text)
            wall = day.replace(hour=int(m["H"]), minute=int(m["M"]), second=int(m["S"] or 0))
            return _local(wall, text)
        if not _ISO_START.match(cleaned):
            return None
        if _ISO_DATE.match(cleaned):
            return _end_of_day(datetime.fromisoformat(cleaned), text)
        moment = datetime.fromisoformat(cleaned.replace("Z", "+00:00"))
    except ValueError as error:
        raise InvalidInput(
            f"{text.strip()!r} is not a valid date or time ({error})",
            danish=f"{text.strip()!r} er ikke en gyldig dato eller et gyldigt tidspunkt.",
        ) from None
    return as_utc(moment, text)


def as_utc(moment: datetime, text: str | None = None) -> datetime:
    """An API caller's moment as aware UTC; a naive one is read as Copenhagen time.
    A year outside 1900–2200, or a naive time summer time makes ambiguous, is refused
    with :class:`InvalidInput` (``text``: the moment as typed, for the line)."""
    if moment.tzinfo is None:
        return _local(moment, text)
    return check_year(moment, text).astimezone(UTC)
