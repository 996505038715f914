"""Which files Parat may read and write: the one policy for every user-named file.

Parat runs with the rights of whoever starts it, root included, so a file name is
checked before anything is opened:

- **Output** (``export --output``, the UI's export, ``backup``, the database a
  ``restore`` writes): a new name, or an existing regular file. A symbolic link is
  followed and its target written, so the link stays a link. Anything else (a folder,
  a device such as ``/dev/null``, a named pipe, a socket) is refused in one line and
  never replaced. A file is written whole or not at all: a temporary file in the
  target's folder, renamed over it (:func:`write_atomic`).
- **Input** (``import``, ``restore``): a regular file (a symbolic link to one is
  fine), checked with ``stat`` before it is opened, so a named pipe with no writer
  cannot hang Parat and ``/dev/zero`` is never read; and an import file of at most
  :data:`MAX_INPUT_BYTES`, checked before it is read into memory.

Every refusal is an :class:`InvalidInput` naming the file, in English and Danish.
"""

import errno
import os
import secrets
import stat
from pathlib import Path

from tracker.errors import InvalidInput

__all__ = [
    "MAX_INPUT_BYTES",
    "check_input_file",
    "output_target",
    "read_input_file",
    "replace_into",
    "write_atomic",
]

#: The largest import file Parat reads (200 MB); the README says so where import is
#: described. A savings catalogue is a few hundred kilobytes; a file a thousand
#: times larger is a mistake, and it is read whole into memory.
MAX_INPUT_BYTES = 200_000_000


def _kind(mode: int) -> tuple[str, str] | None:
    """What a file that is not a regular one is, in English and Danish."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder", "en mappe"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)", "en navngiven pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket", "en socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device", "en enhed"
    return "not a regular file", "ikke en almindelig fil"


def _named(path: Path, real: Path) -> str:
    """``'out.md'``, or ``'out.md' (→ /dev/null)`` when a link led elsewhere."""
    return repr(str(path)) if real == path else f"{str(path)!r} (→ {real})"


def _at(label: str) -> str:
    """The start of a line about the file a ``label`` (an option, a field) named."""
    return f"{label}: " if label else ""


def _cannot(label: str, path: Path, error: OSError, verb: tuple[str, str]) -> InvalidInput:
    why = _WHY_DA.get(error.errno or 0, "")
    return InvalidInput(
        f"{_at(label)}cannot {verb[0]} {str(path)!r}: {error.strerror or error}",
        danish=f"{_at(label)}kan ikke {verb[1]} {str(path)!r}{f' ({why})' if why else ''}.",
    )


def output_target(path: Path, *, label: str = "--output") -> Path:
    """The file to write for the user-named ``path``: ``path`` itself, or for a
    symbolic link the file it finally points to. Refuses (:class:`InvalidInput`)
    anything that exists and is not a regular file."""
    real = Path(os.path.realpath(path)) if path.is_symlink() else path
    try:
        mode = os.stat(real).st_mode
    except FileNotFoundError:
        return real  # a new name
    except OSError as error:  # a loop of links, a folder we may not enter, …
        raise _cannot(label, path, error, ("write", "skrive")) from None
    kind = _kind(mode)
    if kind is not None:
        hint = "give a file name" if stat.S_ISDIR(mode) else "only a regular file is written"
        hint_da = "skriv et filnavn" if stat.S_ISDIR(mode) else "kun en almindelig fil skrives"
        raise InvalidInput(
            f"{_at(label)}{_named(path, real)} is {kind[0]}, not a regular file; {hint}",
            danish=f"{_at(label)}{_named(path, real)} er {kind[1]}, ikke en almindelig fil – "
            f"{hint_da}.",
        )
    return real


def replace_into(tmp: Path, target: Path, *, label: str = "--output") -> None:
    """Rename the finished ``tmp`` over ``target``, checking ``target`` once more just
    before (something may have been put in its place since it was checked)."""
    output_target(target, label=label)
    os.replace(tmp, target)


def write_atomic(path: Path, data: bytes, *, label: str = "--output") -> None:
    """Write ``data`` to ``path`` (see :func:`output_target`) through a temporary file
    renamed into place, so a reader never sees half a file. Problems raise
    :class:`InvalidInput` naming ``label`` (the option or field the path came from)."""
    target = output_target(path, label=label)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise InvalidInput(
            f"{label}: the folder {str(folder)!r} does not exist",
            danish=f"{label}: mappen {str(folder)!r} findes ikke.",
        )
    try:
        # An existing file keeps its permissions; a new one gets 0666 less the umask,
        # as any new file does (not tempfile.mkstemp: that makes it 0600, and an
        # export is meant to be shared).
        try:
            mode = stat.S_IMODE(os.stat(target).st_mode)
        except FileNotFoundError:
            mode = None
        tmp = folder / f".{target.name}.{secrets.token_hex(6)}.tmp"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            if mode is not None:
                os.chmod(tmp, mode)
            replace_into(tmp, target, label=label)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    except OSError as error:
        raise _cannot(label, path, error, ("write", "skrive")) from None


def _megabytes(size: int, *, danish: bool = False) -> str:
    """``200 MB``, ``200.1 MB`` (``200,1 MB`` in Danish): tenths, rounded up, so a file
    just over the limit never reads as the limit itself."""
    whole, tenth = divmod(-(-size // 100_000), 10)
    return f"{whole}{(',' if danish else '.') + str(tenth) if tenth else ''} MB"


def _input_stat(path: Path, label: str) -> os.stat_result:
    try:
        info = os.stat(path)  # follows links: a link to a regular file is fine
    except OSError as error:
        raise _cannot(label, path, error, ("read", "læse")) from None
    kind = _kind(info.st_mode)
    if kind is not None:
        raise InvalidInput(
            f"{_at(label)}{str(path)!r} is {kind[0]}, not a regular file; nothing was read",
            danish=f"{_at(label)}{str(path)!r} er {kind[1]}, ikke en almindelig fil. "
            "Intet er læst.",
        )
    return info


def _too_large(path: Path, size: int | None, limit: int, label: str) -> InvalidInput:
    """``size`` ``None``: the file grew past the limit while it was read."""
    size_en = f"is {_megabytes(size)}" if size is not None else "has grown"
    size_da = f"fylder {_megabytes(size, danish=True)}" if size is not None else "er vokset"
    return InvalidInput(
        f"{_at(label)}{str(path)!r} {size_en}; Parat reads files of at most {_megabytes(limit)}",
        danish=f"{_at(label)}{str(path)!r} {size_da}; "
        f"Parat læser filer på højst {_megabytes(limit, danish=True)}.",
    )


def check_input_file(path: Path, *, label: str = "") -> Path:
    """``path`` if it is a regular file (or a link to one) that may be read; else
    :class:`InvalidInput`. For files another library opens (a backup SQLite reads)."""
    _input_stat(path, label)
    return path


def read_input_file(path: Path, limit: int = MAX_INPUT_BYTES, *, label: str = "") -> bytes:
    """The bytes of the regular file ``path``, of at most ``limit`` bytes.

    Checked with ``stat`` before it is opened, and again on the open file (the name
    may have been given to another file in between): a named pipe is never opened
    for reading (it would wait for a writer), a device is never read.
    """
    info = _input_stat(path, label)
    if info.st_size > limit:
        raise _too_large(path, info.st_size, limit, label)
    try:
        # O_NONBLOCK: should a pipe have taken the name since the stat, opening it
        # returns at once instead of waiting for a writer (fstat then refuses it).
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError as error:
        raise _cannot(label, path, error, ("read", "læse")) from None
    with os.fdopen(fd, "rb") as handle:
        opened = os.fstat(fd)
        if not stat.S_ISREG(opened.st_mode) or (opened.st_dev, opened.st_ino) != (
            info.st_dev,
            info.st_ino,
        ):
            raise InvalidInput(
                f"{_at(label)}{str(path)!r} changed while it was opened; try again",
                danish=f"{_at(label)}{str(path)!r} blev ændret, mens den blev åbnet. Prøv igen.",
            )
        try:
            data = handle.read(limit + 1)  # one byte more: a file that grew since
        except OSError as error:
            raise _cannot(label, path, error, ("read", "læse")) from None
    if len(data) > limit:
        raise _too_large(path, None, limit, label)
    return data


#: The usual reasons a file cannot be used, in Danish (the system's are English).
_WHY_DA = {
    errno.EACCES: "ingen adgang",
    errno.EPERM: "ingen adgang",
    errno.ENOENT: "findes ikke",
    errno.ENOSPC: "disken er fuld",
    errno.EROFS: "skrivebeskyttet drev",
    errno.ENAMETOOLONG: "navnet er for langt",
    errno.ELOOP: "for mange symbolske links",
    errno.EISDIR: "det er en mappe",
}
