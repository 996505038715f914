"""The files a user names: written only as regular files (a link is followed, a
device, pipe, socket or folder is refused and never replaced), read only when they
are regular files of at most 200 MB (checked before anything is opened or read).

Parat runs as root here, as it may for a user: a replaced device is a broken
machine. The device in these tests is a null device made in the test's own folder
(``os.mknod``), never ``/dev/null`` itself, so that a regression breaks only the
test, not the machine.
"""

import os
import socket
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.adversarial.conftest import Refused, in_process
from tests.cli.conftest import rows
from tracker.errors import InvalidInput
from tracker.io.files import MAX_INPUT_BYTES, read_input_file

pytestmark = pytest.mark.skipif(os.name != "posix", reason="FIFOs and device nodes are POSIX")

CSV = "code;title;potential_2018\nH01;Digital post;6\n"


def _null_device(path: Path) -> Path:
    """A character device like /dev/null (1, 3), made where the test may break it."""
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:  # pragma: no cover - needs root (CAP_MKNOD)
        pytest.skip("making a device node needs root")
    return path


@pytest.fixture
def device(tmp_path: Path) -> Path:
    return _null_device(tmp_path / "null")


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe"
    os.mkfifo(path)
    return path


@pytest.fixture
def unix_socket(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "sock"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    try:
        yield path
    finally:
        server.close()


def _is_fifo(path: Path) -> bool:
    return stat.S_ISFIFO(os.lstat(path).st_mode)


def _is_device(path: Path) -> bool:
    return stat.S_ISCHR(os.lstat(path).st_mode)


# -- output ---------------------------------------------------------------------


def test_export_through_a_link_writes_the_file_it_points_to(
    ok: Any, programme: Path, tmp_path: Path
) -> None:
    real = tmp_path / "real.md"
    real.write_text("old\n")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    ok("export", "--format", "md", "--output", str(link))
    assert link.is_symlink() and link.readlink() == real
    assert real.read_text().startswith("# ")
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_export_keeps_an_existing_files_permissions(
    ok: Any, programme: Path, tmp_path: Path
) -> None:
    out = tmp_path / "status.md"
    out.write_text("old\n")
    out.chmod(0o640)
    ok("export", "--format", "md", "--output", str(out))
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    assert out.read_text().startswith("# ")


def test_export_refuses_a_named_pipe_and_leaves_it_a_pipe(refused: Refused, fifo: Path) -> None:
    refused(
        "export", "--format", "md", "--output", str(fifo),
        says=(f"--output: {str(fifo)!r} is a named pipe (FIFO), not a regular file",),
    )  # fmt: skip
    assert _is_fifo(fifo)


def test_export_refuses_a_device_and_leaves_it_a_device(refused: Refused, device: Path) -> None:
    for fmt in ("md", "xlsx"):
        refused("export", "--format", fmt, "-o", str(device), says=("is a device",))
        assert _is_device(device)


def test_export_refuses_a_link_to_dev_null_and_keeps_the_link(
    refused: Refused, tmp_path: Path
) -> None:
    link = tmp_path / "status.md"
    link.symlink_to("/dev/null")
    line = refused("export", "--format", "md", "--output", str(link), says=("is a device",))
    assert "/dev/null" in line  # where the link led
    assert link.is_symlink() and os.readlink(link) == "/dev/null"
    assert _is_device(Path("/dev/null"))


def test_export_refuses_a_socket_and_a_folder(
    refused: Refused, unix_socket: Path, tmp_path: Path
) -> None:
    refused("export", "--format", "md", "-o", str(unix_socket), says=("is a socket",))
    assert stat.S_ISSOCK(os.lstat(unix_socket).st_mode)
    refused("export", "--format", "md", "-o", str(tmp_path), says=("is a folder",))


def test_backup_refuses_a_pipe_and_a_device_even_with_force(
    refused: Refused, fifo: Path, device: Path
) -> None:
    refused("backup", str(fifo), "--force", says=("backup: ", "is a named pipe (FIFO)"))
    assert _is_fifo(fifo)
    refused("backup", str(device), "--force", says=("is a device",))
    assert _is_device(device)
    # without --force the kind is the answer, not "exists already"
    refused("backup", str(device), says=("is a device",))


def test_backup_refuses_a_link_to_a_device_and_keeps_both(
    refused: Refused, device: Path, tmp_path: Path
) -> None:
    link = tmp_path / "backup.db"
    link.symlink_to(device)
    refused("backup", str(link), "--force", says=("is a device", str(device)))
    assert link.is_symlink() and _is_device(device)


def test_backup_through_a_link_writes_its_target(ok: Any, programme: Path, tmp_path: Path) -> None:
    real = tmp_path / "kept" / "real.db"
    real.parent.mkdir()
    real.write_bytes(b"old")
    link = tmp_path / "backup.db"
    link.symlink_to(real)
    ok("backup", str(link), "--force")
    assert link.is_symlink()
    assert rows(real, "SELECT code FROM hypothesis ORDER BY code") == [
        ("H01",), ("H02",), ("H03",),
    ]  # fmt: skip


@pytest.mark.slow
def test_restore_refuses_a_pipe_as_the_database(tmp_path: Path, programme: Path) -> None:
    pipe = tmp_path / "db-pipe"
    os.mkfifo(pipe)
    done = in_process("--db", str(pipe), "restore", str(programme))
    assert done.returncode == 1, done
    assert done.stderr.count("\n") == 1 and "is a named pipe (FIFO)" in done.stderr
    assert done.stdout == "" and _is_fifo(pipe)


# -- input ----------------------------------------------------------------------


@pytest.mark.slow
def test_import_of_a_pipe_with_no_writer_is_refused_at_once(programme: Path, fifo: Path) -> None:
    before = programme.read_bytes()
    done = in_process("--db", str(programme), "import", str(fifo), "--format", "csv")
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == (
        f"parat: {str(fifo)!r} is a named pipe (FIFO), not a regular file; nothing was read\n"
    )
    assert programme.read_bytes() == before


@pytest.mark.slow
@pytest.mark.parametrize("endless", ["/dev/zero", "/dev/urandom"])
def test_import_never_reads_an_endless_device(programme: Path, endless: str) -> None:
    before = programme.read_bytes()
    done = in_process("--db", str(programme), "import", endless, "--format", "csv")
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == f"parat: {endless!r} is a device, not a regular file; nothing was read\n"
    assert programme.read_bytes() == before


@pytest.mark.slow
def test_restore_from_a_pipe_or_a_device_is_refused(tmp_path: Path, fifo: Path) -> None:
    target = tmp_path / "new.db"
    for source, kind in ((fifo, "a named pipe (FIFO)"), (Path("/dev/zero"), "a device")):
        done = in_process("--db", str(target), "restore", str(source))
        assert (done.returncode, done.stdout) == (1, ""), done
        assert done.stderr == (
            f"parat: restore: {str(source)!r} is {kind}, not a regular file; nothing was read\n"
        )
    assert not target.exists()


def test_import_of_a_folder_or_a_socket_is_refused(
    refused: Refused, tmp_path: Path, unix_socket: Path
) -> None:
    folder = tmp_path / "tal.csv"
    folder.mkdir()
    refused("import", str(folder), says=("is a folder, not a regular file",))
    refused("import", str(unix_socket), "--format", "csv", says=("is a socket",))


def test_import_over_the_size_limit_is_refused_before_reading(
    refused: Refused, tmp_path: Path
) -> None:
    big = tmp_path / "tal.csv"
    with big.open("wb") as handle:  # sparse: no disk used, no byte worth reading
        handle.write(CSV.encode())
        handle.truncate(MAX_INPUT_BYTES + 1)
    refused(
        "import", str(big),
        says=(f"{str(big)!r} is 200.1 MB; Parat reads files of at most 200 MB",),
    )  # fmt: skip


def test_import_through_a_link_to_a_regular_file_works(
    ok: Any, programme: Path, tmp_path: Path
) -> None:
    real = tmp_path / "real.csv"
    real.write_text(CSV, encoding="utf-8")
    link = tmp_path / "tal.csv"
    link.symlink_to(real)
    ok("import", str(link))
    assert rows(programme, "SELECT count(*) FROM figure WHERE amount_kr = 6000000") == [(1,)]


def test_the_limit_is_checked_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "tal.csv"
    path.write_bytes(b"x" * 1_500_000)
    assert read_input_file(path, 1_500_000) == b"x" * 1_500_000
    with pytest.raises(InvalidInput) as refusal:
        read_input_file(path, 1_000_000)
    assert str(refusal.value) == f"{str(path)!r} is 1.5 MB; Parat reads files of at most 1 MB"
    assert refusal.value.danish == f"{str(path)!r} fylder 1,5 MB; Parat læser filer på højst 1 MB."


def test_every_refusal_has_a_danish_line(tmp_path: Path, fifo: Path, device: Path) -> None:
    from tracker.io.files import write_atomic

    for call in (
        lambda: read_input_file(fifo),
        lambda: read_input_file(tmp_path / "missing.csv"),
        lambda: write_atomic(device, b"x"),
        lambda: write_atomic(tmp_path / "no" / "such.md", b"x"),
    ):
        with pytest.raises(InvalidInput) as refusal:
            call()
        assert refusal.value.danish != InvalidInput.DANISH, refusal.value
        assert str(refusal.value) != refusal.value.danish
