"""Showing moments to people: Copenhagen time, whatever the machine's zone.

Every moment a person reads (CLI text, the terminal UI, documents) goes through
:func:`local_time` and the ``show_*`` functions here, the one place that knows the
zone (CI and servers run in UTC). JSON keeps UTC (:func:`tracker.report.iso`).
Reading a moment someone typed is :mod:`tracker.services.moments`.
"""

from datetime import datetime, time
from zoneinfo import ZoneInfo

__all__ = ["LOCAL", "local_time", "show_date", "show_moment", "show_time"]

#: The zone in which dates are read and shown: the programme municipality's.
LOCAL = ZoneInfo("Europe/Copenhagen")


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
