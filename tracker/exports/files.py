"""Writing an export to a file: the whole file or nothing (shared by the CLI and the UI)."""

import errno
import os
import secrets
from pathlib import Path

from tracker.errors import InvalidInput

__all__ = ["write_atomic"]


def write_atomic(path: Path, data: bytes, *, label: str = "--output") -> None:
    """Write ``data`` to ``path`` through a temporary file renamed into place, so a
    reader never sees half a file. Problems raise :class:`InvalidInput` naming
    ``label`` (the option or field the path came from)."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InvalidInput(
            f"{label}: the folder {str(folder)!r} does not exist",
            danish=f"{label}: mappen {str(folder)!r} findes ikke.",
        )
    if path.is_dir():
        raise InvalidInput(
            f"{label}: {str(path)!r} is a folder; give a file name",
            danish=f"{label}: {str(path)!r} er en mappe – skriv et filnavn.",
        )
    try:
        # Not tempfile.mkstemp: it creates the file 0600, and an export is meant to be
        # shared. os.open with 0666 lets the user's umask decide, as for any new file.
        tmp = str(folder / f".{path.name}.{secrets.token_hex(6)}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as error:
        why = _WHY_DA.get(error.errno or 0, "")
        raise InvalidInput(
            f"{label}: cannot write {str(path)!r}: {error.strerror}",
            danish=f"{label}: kan ikke skrive {str(path)!r}{f' ({why})' if why else ''}.",
        ) from None


#: The usual reasons a file cannot be written, in Danish (the system's are English).
_WHY_DA = {
    errno.EACCES: "ingen adgang",
    errno.EPERM: "ingen adgang",
    errno.ENOSPC: "disken er fuld",
    errno.EROFS: "skrivebeskyttet drev",
    errno.ENAMETOOLONG: "navnet er for langt",
}
