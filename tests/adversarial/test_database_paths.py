"""What the fuzz found where ``--db`` or a backup names something that is not a
database file: a folder, a named pipe, a text file, a loop of links. Each is one line
and exit 1, and nothing waits for ever (a real process, killed by a timeout)."""

import os
import shutil
from pathlib import Path

import pytest

from tests.adversarial.conftest import in_process


@pytest.fixture
def place(tmp_path: Path) -> Path:
    (tmp_path / "mappe").mkdir()
    os.mkfifo(tmp_path / "fifo")
    (tmp_path / "noter.txt").write_text("ikke en database\n", encoding="utf-8")
    (tmp_path / "loop").symlink_to("loop")
    return tmp_path


def _one_line(result, *fragments: str) -> None:  # type: ignore[no-untyped-def]
    assert result.returncode == 1, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("parat: "), result.stderr
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])


@pytest.mark.parametrize("read_only", [[], ["--read-only"]])
@pytest.mark.parametrize(("name", "says"), [("mappe", "is a folder"), ("fifo", "is a named pipe")])
@pytest.mark.parametrize("command", [["status"], ["bucket", "list"], ["backup", "ud.db"]])
def test_a_db_that_is_a_folder_or_a_pipe_is_one_line(
    place: Path, name: str, says: str, read_only: list[str], command: list[str]
) -> None:
    os.chdir(place)
    result = in_process("--db", str(place / name), *read_only, *command, timeout=30)
    _one_line(result, "--db", says)
    assert not (place / "ud.db").exists()


def test_a_backup_of_a_file_that_is_not_a_database_is_one_line(place: Path) -> None:
    result = in_process("--db", str(place / "noter.txt"), "backup", str(place / "ud.db"))
    _one_line(result, "noter.txt", "cannot be read as a Parat database")
    assert not (place / "ud.db").exists()


def test_restore_over_a_file_that_is_not_a_database_leaves_it(place: Path, programme: Path) -> None:
    backup = place / "kopi.db"
    shutil.copyfile(programme, backup)
    before = (place / "noter.txt").read_bytes()
    result = in_process("--db", str(place / "noter.txt"), "restore", str(backup), "--force")
    _one_line(result, "noter.txt", "cannot be read as a Parat database")
    assert (place / "noter.txt").read_bytes() == before


def test_restore_from_a_loop_of_links_is_one_line(place: Path, programme: Path) -> None:
    before = programme.read_bytes()
    result = in_process("--db", str(programme), "restore", str(place / "loop"))
    _one_line(result, "loop")
    assert programme.read_bytes() == before


def test_batch_from_a_named_pipe_is_refused_before_it_waits(place: Path, programme: Path) -> None:
    result = in_process("--db", str(programme), "batch", str(place / "fifo"), timeout=30)
    _one_line(result, "batch", "named pipe")


def test_an_empty_atomic_batch_on_a_read_only_store_writes_nothing(programme: Path) -> None:
    before = programme.read_bytes()
    result = in_process("--db", str(programme), "--read-only", "batch", "--atomic")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    assert programme.read_bytes() == before
