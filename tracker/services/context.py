"""Who is changing things, from where, and when: stamped on every event."""

import dataclasses
import getpass
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

__all__ = ["ChangeContext", "default_actor", "utcnow"]


def utcnow() -> datetime:
    """The current moment in UTC (the services' default clock).

    ``PARAT_NOW`` (ISO 8601, e.g. ``2018-03-12T10:00:00Z``) fixes the clock for
    reproducible runs: tests, golden files, screenshots.
    """
    fixed = os.environ.get("PARAT_NOW")
    if fixed:
        try:
            moment = datetime.fromisoformat(fixed.strip().replace("Z", "+00:00"))
        except ValueError:
            from tracker.errors import InvalidInput

            raise InvalidInput(
                f"PARAT_NOW {fixed!r} is not a moment (write e.g. 2018-03-12T10:00:00Z)",
                danish=f"PARAT_NOW {fixed!r} er ikke et tidspunkt (skriv fx 2018-03-12T10:00:00Z).",
            ) from None
        from tracker.services.moments import check_year

        return check_year(moment if moment.tzinfo else moment.replace(tzinfo=UTC), fixed)
    return datetime.now(UTC)


#: The longest actor name: it is stamped on every event and shown in every history line.
ACTOR_MAX_LEN = 100


def default_actor(explicit: str | None = None) -> str:
    """``--actor``, else ``PARAT_ACTOR``, else the operating-system user (a blank one
    falls through to the next): the one place an actor enters, checked like any short
    text (one line, no C0/C1 control characters, at most :data:`ACTOR_MAX_LEN`
    characters), so that no name can forge a line in the history. A bad name raises
    :class:`InvalidInput` naming where it came from."""
    if explicit is not None and explicit.strip():  # a blank --actor falls back
        return _checked_actor(explicit, "--actor")
    from_env = os.environ.get("PARAT_ACTOR", "")
    if from_env.strip():
        return _checked_actor(from_env, "PARAT_ACTOR")
    try:
        return _checked_actor(getpass.getuser(), "the system user name")
    except Exception:  # no (usable) user name in some containers
        return "unknown"


def _checked_actor(name: str, where: str) -> str:
    from tracker.domain.rules import RuleError, normal_text
    from tracker.errors import InvalidInput

    try:
        return normal_text(name, "actor", required=True, max_len=ACTOR_MAX_LEN, multiline=False)
    except RuleError as error:
        raise InvalidInput(f"{where}: {error}", danish=f"{where}: {error.danish}") from None


@dataclass(frozen=True, slots=True)
class ChangeContext:
    """The stamp of a change: actor, source (cli, tui, api, import:FILE) and clock."""

    actor: str
    """Who made the change."""
    source: str = "api"
    """Where it came from."""
    clock: Callable[[], datetime] = utcnow
    """Returns the real moment (fixed in tests): when a change is recorded."""
    at: datetime | None = None
    """An explicit moment the change is dated (``--at``: loading an earlier
    meeting's state); ``None``: the clock's. It may not go backwards (see
    :func:`tracker.services.stamp.check_moment`)."""

    def now(self) -> datetime:
        """The moment the change is dated: ``at`` if given, else the clock's."""
        return self.at if self.at is not None else self.clock()

    def recorded(self) -> datetime:
        """The real moment the change is written, whatever it is dated."""
        return self.clock()

    def for_transaction(self) -> "ChangeContext":
        """This context for one write transaction: its clock is read once, the first
        time the moment is asked for, and gives that moment ever after.

        The store's door hands this to the work (:meth:`Store.change`), so every
        event of one command carries one moment, and the moment is read inside the
        transaction: the guard asks for it once it holds the write locks
        (:func:`tracker.services.guard.hold`), so moments follow commit order.
        """
        return dataclasses.replace(self, clock=_Once(self.clock))


class _Once:
    """A clock that reads ``clock`` on its first call and repeats that moment."""

    __slots__ = ("_clock", "_moment")

    def __init__(self, clock: Callable[[], datetime]) -> None:
        self._clock = clock
        self._moment: datetime | None = None

    def __call__(self) -> datetime:
        if self._moment is None:
            self._moment = self._clock()
        return self._moment
