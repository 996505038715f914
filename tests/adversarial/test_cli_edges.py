"""What a user can type at the edges of the command line (issue 17): one line, an exit
code, no traceback, and nothing left behind.

- integer options read ASCII digits only, in their range (they gave tracebacks on
  ``²`` and overflowed the driver beyond 64 bits);
- a database path or URL that cannot work is refused before the driver sees it, and
  library warnings never reach stderr;
- what the file system refuses on a user's path is one line naming the file;
- a refused call that would have created the database leaves no file;
- an actor name cannot forge a line in the history.
"""

import contextlib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import tracker
from tests.cli.conftest import no_traceback
from tracker.errors import InvalidInput, ParatError

PARAT = Path(sys.executable).with_name("parat")
LONG_NAME = "n" * 300  # more than any file system allows for one name (255 bytes)


# -- 3. integer options ------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("history", "--limit", "99999999999999999999"),
        ("history", "--limit", "５"),  # fullwidth: int() reads it as 5
        ("history", "--limit", "١٢"),  # Arabic-Indic digits
        ("history", "--limit", "²"),  # isdigit() but not int()
        ("history", "--limit", "1_0"),  # int() reads it as 10
        ("history", "--limit", "-1"),
        ("undo", "99999999999999999999"),
        ("undo", "²"),
        ("undo", "0"),
        ("figure", "set", "H01", "99999999999999999999", "--potential", "1"),
        ("figure", "set", "H01", "２０１８", "--potential", "1"),
        ("figure", "set", "H01", "0", "--potential", "1"),
        ("figure", "set", "H01", "2018", "--potential", "1", "--expect-version", "²"),
        ("hypothesis", "set", "H01", "--owner", "X", "--expect-version", "99999999999999999999"),
        ("hypothesis", "drop", "H01", "--note", "x", "--expect-version", "-1"),
        ("bucket", "set", "demografi", "--priority", "99999999999999999999"),
        ("bucket", "set", "demografi", "--priority", "0"),
        ("bucket", "set", "demografi", "--priority", "100"),
        ("bucket", "set", "ny", "--add", "--name", "Ny", "--target", "1", "--priority", "-5"),
        ("bucket", "set", "ny", "--add", "--name", "Ny", "--target", "1", "--priority", "²"),
        ("programme", "set", "--target-year", "２０１９"),
        ("programme", "set", "--first-year", "99999999999999999999"),
    ],
)
def test_an_integer_option_takes_ascii_digits_in_its_range(
    programme: Path,
    refuse,
    args: tuple[str, ...],
) -> None:
    result = refuse(*args, code=2)
    [line] = result.stderr.splitlines()
    assert "Invalid value for" in line
    assert "is not a whole number" in line or "is outside" in line


@pytest.mark.parametrize(
    "args",
    [
        ("programme", "set", "--weight", "decided=²"),
        ("programme", "set", "--weight", "decided=１２"),
        ("programme", "set", "--weight", "decided=99999999999999999999"),
        ("hypothesis", "set", "H02", "--confidence", "²"),
        ("hypothesis", "set", "H02", "--confidence", "５０"),
        ("hypothesis", "set", "H02", "--confidence", "99999999999999999999"),
        ("hypothesis", "add", "H09", "--title", "x", "--confidence", "٥٠"),
    ],
)
def test_a_number_inside_an_option_is_read_the_same_way(
    programme: Path,
    refuse,
    args: tuple[str, ...],
) -> None:
    line = refuse(*args).stderr
    assert "write STAGE=PCT" in line or "whole percent from 0 to 100" in line


def test_a_new_bucket_with_a_negative_priority_is_refused_by_the_api(
    programme: Path,
) -> None:
    with tracker.open(str(programme), actor="tester") as p:
        for priority in (-5, 0, 100):
            with pytest.raises(InvalidInput, match="priority must be a whole number from 1 to 99"):
                p.set_bucket("ny", name="Ny", target="1", priority=priority, create=True)
        assert "ny" not in {b.key for b in p.buckets()}


# -- 4. database paths and URLs ----------------------------------------------------


@pytest.mark.parametrize(
    ("db", "fragment"),
    [
        ("://", "cannot use this database URL"),
        ("sqlite:///%00", "NUL character"),
        ("postgresql+psycopg://postgres@[::1:5432/x", "its host or port is malformed"),
        ("sqlite:///{tmp}/x.db?mode=ro", "takes no query arguments"),
        ("{tmp}/" + LONG_NAME, "longer than the file system allows"),
        ("sqlite:///{tmp}/" + LONG_NAME + "/parat.db", "longer than the file system allows"),
        ("{tmp}/" + "d/" * 2100 + "parat.db", "longer than the file system allows"),
    ],
)
@pytest.mark.parametrize("call", [("init",), ("status",), ("db", "upgrade"), ("db", "info")])
def test_a_database_location_that_cannot_work_is_one_line(
    runner: Any, tmp_path: Path, db: str, fragment: str, call: tuple[str, ...]
) -> None:
    from tracker.cli import app

    result = runner.invoke(app, ["--db", db.format(tmp=tmp_path), *call])
    assert result.exit_code == 1, result.stderr
    no_traceback(result)
    [line] = result.stderr.splitlines()
    assert line.startswith("parat: ") and fragment in line
    assert list(tmp_path.iterdir()) == []  # nothing created


def test_a_nul_in_a_path_is_refused_by_the_api(tmp_path: Path) -> None:
    with pytest.raises(ParatError, match="NUL character"):
        tracker.open(str(tmp_path / "a\0b.db")).__enter__()


def test_library_warnings_do_not_reach_stderr(tmp_path: Path) -> None:
    """The real console script: SQLAlchemy warned in three lines about the query
    string before the real message."""
    url = f"sqlite:///{tmp_path / 'x.db'}?foo=bar"
    done = subprocess.run(
        [str(PARAT), "--db", url, "init"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 1
    [line] = done.stderr.splitlines()
    assert line.startswith("parat: ") and "Warning" not in line


# -- 5. what the file system refuses on a user's path ------------------------------


@contextlib.contextmanager
def mounted(where: Path, options: str) -> Iterator[Path]:
    """A small tmpfs at ``where`` (a full or a read-only disk); skips without root."""
    where.mkdir()
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)],
        capture_output=True,
        check=False,
    )
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {made.stderr.decode().strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", str(where)], check=False)


def _one_line_naming(result: Any, name: str) -> str:
    assert result.exit_code == 1, (result.stdout, result.stderr)
    no_traceback(result)
    [line] = result.stderr.splitlines()
    assert line.startswith("parat: ") and name in line, line
    return line


def test_backup_to_a_folder(programme: Path, cli: Any, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    for force in ((), ("--force",)):
        line = _one_line_naming(cli("backup", str(folder), *force), repr(str(folder)))
        assert "is a folder" in line
    assert list(folder.iterdir()) == []


def test_backup_into_a_file_as_folder(programme: Path, cli: Any) -> None:
    line = _one_line_naming(cli("backup", str(programme / "sub" / "b.db")), str(programme))
    assert "Not a directory" in line


def test_backup_name_too_long(programme: Path, cli: Any, tmp_path: Path) -> None:
    line = _one_line_naming(cli("backup", str(tmp_path / LONG_NAME)), LONG_NAME)
    assert "File name too long" in line


def test_backup_path_with_a_line_break_stays_one_line(
    programme: Path,
    cli: Any,
    tmp_path: Path,
) -> None:
    folder = tmp_path / "ny\nlinje"
    folder.mkdir()
    line = _one_line_naming(cli("backup", str(folder)), "ny\\nlinje")
    assert "is a folder" in line


def test_export_name_too_long(programme: Path, cli: Any, tmp_path: Path) -> None:
    _one_line_naming(cli("export", "-f", "md", "-o", str(tmp_path / LONG_NAME)), LONG_NAME)


def test_backup_onto_a_full_disk(programme: Path, cli: Any, tmp_path: Path) -> None:
    with mounted(tmp_path / "full", "size=64k") as disk:
        (disk / "pad").write_bytes(b"\0" * 60_000)
        line = _one_line_naming(cli("backup", str(disk / "b.db")), str(disk / "b.db"))
        assert "No space left on device" in line
        assert sorted(p.name for p in disk.iterdir()) == ["pad"]  # no partial file left


def test_backup_onto_a_read_only_disk(programme: Path, cli: Any, tmp_path: Path) -> None:
    with mounted(tmp_path / "ro", "ro,size=64k") as disk:
        _one_line_naming(cli("backup", str(disk / "b.db")), str(disk / "b.db"))


def test_a_line_break_in_a_message_is_escaped(programme: Path, cli: Any, tmp_path: Path) -> None:
    """Whatever a message quotes, it stays one line (here an import file's name)."""
    name = tmp_path / "a\nb\x1b[31m.csv"
    line = _one_line_naming(cli("import", str(name)), "a\\nb\\x1b[31m.csv")
    assert "\x1b" not in line


# -- 7. a refused call leaves no trace ---------------------------------------------


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("init", "--target-year", "0"), 2),
        (("init", "--target", "4.500"), 1),
        (("init", "--target", "abc"), 1),
        (("init", "--name", "  "), 1),
        (("init", "--first-year", "2019"), 1),
        (("init", "--at", "2018-03-25T02:30"), 1),
        (("init", "--at", "morgen"), 1),
        (("--actor", "a\nb", "init"), 1),
        (("db", "upgrade", "--nope"), 2),
    ],
)
def test_a_refused_init_creates_no_file_and_no_folder(
    runner: Any, tmp_path: Path, args: tuple[str, ...], code: int
) -> None:
    from tracker.cli import app

    target = tmp_path / "new" / "sub" / "parat.db"
    result = runner.invoke(app, ["--db", str(target), *args])
    assert result.exit_code == code, result.stderr
    no_traceback(result)
    assert list(tmp_path.iterdir()) == []


def test_the_api_keeps_a_new_file_only_when_something_was_written(tmp_path: Path) -> None:
    refused, kept = tmp_path / "a" / "refused.db", tmp_path / "kept.db"
    with pytest.raises(InvalidInput), tracker.open(str(refused)) as p:
        p.create_programme(target="abc")
    assert not refused.exists() and not refused.parent.exists()
    with pytest.raises(RuntimeError), tracker.open(str(kept)) as p:
        p.create_programme()
        raise RuntimeError("the caller's own error after a write")
    assert kept.exists()  # the programme was committed: it stays


def test_a_refused_call_on_an_existing_file_leaves_it(
    programme: Path,
    refuse,
) -> None:
    refuse("init", "--target", "abc")
    assert programme.exists()


# -- 8. the actor ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("actor", "fragment"),
    [
        ("Anna\n#99     12.03.2018 10:00  Bo", "actor must be one line"),
        ("Anna\rBo", "actor must be one line"),
        ("Anna\x1b[2KBo", "actor contains control characters"),
        ("Anna\x85Bo", "actor contains control characters"),  # C1: NEL
        ("Anna\x9bBo", "actor contains control characters"),  # C1: CSI
        ("Anna\u2028Bo", "actor contains control characters"),
        ("A" * 101, "actor is longer than 100 characters"),
    ],
)
def test_an_actor_cannot_forge_a_history_line(
    programme: Path,
    refuse,
    runner: Any,
    monkeypatch: pytest.MonkeyPatch,
    actor: str,
    fragment: str,
) -> None:
    line = refuse("--actor", actor, "snapshot", "add", "S").stderr
    assert line.startswith("parat: --actor: ") and fragment in line
    monkeypatch.setenv("PARAT_ACTOR", actor)
    line = refuse("snapshot", "add", "S").stderr
    assert line.startswith("parat: PARAT_ACTOR: ") and fragment in line
    with pytest.raises(InvalidInput, match=fragment):
        tracker.open(str(programme), actor=actor).__enter__()


def test_an_actor_is_refused_before_a_file_is_made(runner: Any, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput):
        tracker.open(str(tmp_path / "new.db"), actor="a\nb").__enter__()
    assert list(tmp_path.iterdir()) == []


def test_an_argument_that_is_not_utf8_is_a_usage_error(
    programme: Path,
    refuse,
) -> None:
    # Python keeps undecodable bytes of argv as lone surrogates (b"\x85" -> "\udc85").
    result = refuse("--actor", "Anna\udc85", "snapshot", "add", "S", code=2)
    assert "not valid UTF-8" in result.stderr
