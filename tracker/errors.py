"""Errors a user can cause, each with the exit code the CLI gives it.

Services raise these; front ends turn them into one line on stderr (CLI) or a
message next to the field (UI). Anything else is a bug and may show a traceback.
"""

from enum import IntEnum

__all__ = [
    "AlreadyExists",
    "ExitCode",
    "InvalidInput",
    "NotFound",
    "ParatError",
    "ReadOnlyError",
    "StaleVersion",
]


class ExitCode(IntEnum):
    """The CLI's documented exit codes."""

    OK = 0
    INVALID = 1
    """Invalid input, unknown code, or anything else the user can fix."""
    USAGE = 2
    """Unknown command or option (Typer/Click's own code)."""
    STALE = 3
    """Someone changed the hypothesis first (stale version)."""


class ParatError(Exception):
    """Base of the errors a user can cause; ``str(error)`` is the line to show."""

    exit_code: ExitCode = ExitCode.INVALID


class InvalidInput(ParatError):
    """A value that cannot be accepted (bad amount, stage, year, …)."""


class NotFound(ParatError):
    """An unknown hypothesis code, bucket key, snapshot, or no programme yet."""


class AlreadyExists(ParatError):
    """Creating something that exists already (a programme, a code)."""


class ReadOnlyError(ParatError):
    """A write on a read-only connection."""


class StaleVersion(ParatError):
    """An update named a version that is no longer current."""

    exit_code = ExitCode.STALE

    def __init__(self, code: str, expected: int | None, actual: int | None) -> None:
        self.code = code
        self.expected = expected
        self.actual = actual
        if expected is None:
            message = f"{code} was changed by someone else at the same time; reload and try again"
        else:
            message = (
                f"{code} has changed since version {expected} (now version {actual}); "
                "reload it and try again"
            )
        super().__init__(message)
