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

import errno
import os
from collections.abc import Sequence
from enum import IntEnum
from typing import ClassVar

__all__ = [
    "AlreadyExists",
    "ExitCode",
    "FileProblem",
    "InvalidInput",
    "NotFound",
    "NotPermitted",
    "ParatError",
    "ReadOnlyError",
    "StaleVersion",
    "UnusableDatabase",
    "file_error",
    "shown_path",
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

    def __init__(
        self,
        message: str,
        *,
        danish: str | None = None,
        details: Sequence[str] = (),
        danish_details: Sequence[str] | None = None,
    ) -> None:
        super().__init__("\n".join((message, *details)))
        self.headline = message
        """The one line that says what went wrong."""
        self.details: tuple[str, ...] = tuple(details)
        """Further lines, one per item (an import's rows in error), shown under it."""
        self.danish: str = danish or self.DANISH
        """The line in Danish, for the terminal UI."""
        self.danish_details: tuple[str, ...] = tuple(
            self.details if danish_details is None else danish_details
        )
        """The further lines in Danish."""


class InvalidInput(ParatError):
    """A value that cannot be accepted (bad amount, stage, year, …)."""

    DANISH = "Værdien kan ikke bruges. Intet er ændret."


class NotFound(ParatError):
    """An unknown hypothesis code, bucket key, snapshot, or no programme yet."""

    DANISH = "Det findes ikke (eller fandtes ikke endnu på det tidspunkt)."


class NotPermitted(ParatError):
    """The actor may not do this (a figure's registrant validating it, someone who is
    not a validator), whatever the value."""

    DANISH = "Du har ikke ret til det. Intet er ændret."


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


class FileProblem(InvalidInput):
    """The system refused a file or folder the user named: it is a folder, its folder
    is a file, the name is too long, no access, the disk is full, …"""

    DANISH = "Filen kan ikke bruges. Intet er ændret."


def shown_path(path: "str | os.PathLike[str] | bytes") -> str:
    """A path for a one-line message: quoted, with line breaks and other control
    characters escaped (a name may hold them; the message must stay one line)."""
    text = os.fsdecode(path) if isinstance(path, bytes) else os.fspath(path)
    return repr(text)


#: The usual reasons the system refuses a file, in Danish (its own are English).
_WHY_DA = {
    errno.EACCES: "ingen adgang",
    errno.EPERM: "ingen adgang",
    errno.ENOSPC: "disken er fuld",
    errno.EDQUOT: "diskkvoten er brugt op",
    errno.EROFS: "skrivebeskyttet drev",
    errno.ENAMETOOLONG: "navnet er for langt",
    errno.EISDIR: "det er en mappe",
    errno.ENOTDIR: "en del af stien er ikke en mappe",
    errno.ENOENT: "findes ikke",
    errno.EEXIST: "findes allerede",
    errno.ELOOP: "for mange symbolske links",
    errno.EFBIG: "filen bliver for stor",
    errno.EIO: "læse- eller skrivefejl",
}


def file_error(error: OSError, what: str = "", what_da: str = "") -> FileProblem:
    """The one line for an :class:`OSError` on a user's path: what it was (``what``,
    e.g. "the backup file" / "sikkerhedskopien"), which file, and why."""
    name = error.filename2 if error.filename2 is not None else error.filename
    where = f" {shown_path(name)}" if name is not None else ""
    why = error.strerror or type(error).__name__
    why_da = _WHY_DA.get(error.errno or 0, why)
    english = f"cannot use {what or 'the file'}{where}: {why}"
    danish = f"Kan ikke bruge {what_da or 'filen'}{where} ({why_da}). Intet er ændret."
    return FileProblem(english, danish=danish)
