"""Errors a user can cause, each with the exit code the CLI gives it.

Services raise these; front ends turn them into one line on stderr (CLI) or a
message next to the field (UI). Anything else is a bug and may show a traceback.

Each error carries its line in two languages, written side by side where it is
raised: ``str(error)`` is English, like the rest of the CLI's diagnostics (scripts
and tests read them), and ``error.danish`` is what the Danish terminal UI shows.
An error raised without a Danish line (one the UI cannot meet, such as a backup
or an import problem) still gets a plain Danish sentence for its kind, so the UI
never shows English.
"""

from enum import IntEnum
from typing import ClassVar

__all__ = [
    "AlreadyExists",
    "ExitCode",
    "InvalidInput",
    "NotFound",
    "ParatError",
    "ReadOnlyError",
    "StaleVersion",
    "UnusableDatabase",
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
    """Base of the errors a user can cause; ``str(error)`` is the CLI's (English) line,
    :attr:`danish` the terminal UI's."""

    exit_code: ExitCode = ExitCode.INVALID
    #: The UI's line when the raiser gave no Danish one (a sentence for the kind).
    DANISH: ClassVar[str] = "Det kunne ikke lade sig gøre. Intet er ændret."

    def __init__(self, message: str, *, danish: str | None = None) -> None:
        super().__init__(message)
        self.danish: str = danish or self.DANISH
        """The line in Danish, for the terminal UI."""


class InvalidInput(ParatError):
    """A value that cannot be accepted (bad amount, stage, year, …)."""

    DANISH = "Værdien kan ikke bruges. Intet er ændret."


class NotFound(ParatError):
    """An unknown hypothesis code, bucket key, snapshot, or no programme yet."""

    DANISH = "Det findes ikke (eller fandtes ikke endnu på det tidspunkt)."


class AlreadyExists(ParatError):
    """Creating something that exists already (a programme, a code)."""

    DANISH = "Det findes allerede. Intet er ændret."


class ReadOnlyError(ParatError):
    """A write on a read-only connection."""

    DANISH = "Skrivebeskyttet: denne forbindelse kan kun læse. Intet er ændret."


class UnusableDatabase(ParatError):
    """The database cannot be used as asked: a bad path or URL, a file that is not a
    database, a server that refuses, or a schema this version cannot work with."""

    DANISH = "Databasen kan ikke bruges. Intet er ændret."


class StaleVersion(ParatError):
    """An update named a version that is no longer current."""

    exit_code = ExitCode.STALE

    def __init__(self, code: str, expected: int | None, actual: int | None) -> None:
        self.code = code
        self.expected = expected
        self.actual = actual
        if expected is None:
            message = f"{code} was changed by someone else at the same time; reload and try again"
            danish = f"{code} blev ændret af en anden samtidig. Genindlæs og prøv igen."
        else:
            message = (
                f"{code} has changed since version {expected} (now version {actual}); "
                "reload it and try again"
            )
            danish = (
                f"{code} er ændret siden version {expected} (nu version {actual}). "
                "Genindlæs og prøv igen."
            )
        super().__init__(message, danish=danish)
