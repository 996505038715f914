"""A full or closed stdout, through the real console script (issue 17).

``parat status > /dev/full`` printed a traceback (or, with the output still in the
buffer when the command ended, failed only at interpreter exit); ``| head -c0``
must end quietly. Both exit 1, with no traceback and no "Exception ignored".
"""

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

PARAT = Path(sys.executable).with_name("parat")

COMMANDS = [
    ("status",),
    ("status", "--json"),
    ("history",),
    ("history", "--json"),
    ("hypothesis", "list", "--json"),
    ("programme", "show"),
    ("export", "-f", "md"),
    ("export", "-f", "json"),
    ("export", "--schema"),
    ("--help",),
]


def _run(db: Path, args: tuple[str, ...], stdout: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(PARAT), "--db", str(db), *args],
        stdout=stdout,  # type: ignore[arg-type]
        stderr=subprocess.PIPE,
        text=True,
        check=False,
        timeout=60,
    )


def _full_device() -> str:
    if not stat.S_ISCHR(os.stat("/dev/full").st_mode):
        pytest.skip("/dev/full is not the full device here")
    return "/dev/full"


@pytest.mark.parametrize("args", COMMANDS)
def test_a_full_stdout_is_one_line_and_exit_1(programme: Path, args: tuple[str, ...]) -> None:
    with open(_full_device(), "w") as full:
        done = _run(programme, args, full)
    assert done.returncode == 1, done.stderr
    assert done.stderr == "parat: cannot write the output: No space left on device\n"


@pytest.mark.parametrize("args", COMMANDS)
def test_a_closed_pipe_ends_quietly(programme: Path, args: tuple[str, ...]) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before a byte is written: `| head -c0`
    try:
        done = _run(programme, args, write_end)
    finally:
        os.close(write_end)
    assert done.returncode == 1, done.stderr
    assert done.stderr == ""


def test_a_reader_that_stops_early_ends_it_quietly(programme: Path) -> None:
    """A real pipeline: `parat history --json | head -c1`."""
    writer = subprocess.Popen(
        [str(PARAT), "--db", str(programme), "history", "--json", "--limit", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert writer.stdout is not None and writer.stderr is not None
    assert writer.stdout.read(1) == b"["
    writer.stdout.close()
    assert writer.wait(timeout=60) in (0, 1)  # 0 when it all fit into the pipe at once
    assert writer.stderr.read() == b""


def test_an_error_still_reaches_stderr_when_stdout_is_full(programme: Path) -> None:
    with open(_full_device(), "w") as full:
        done = _run(programme, ("status", "--as-of", "0001-01-01"), full)
    assert done.returncode == 1
    assert done.stderr == "parat: '0001-01-01' is outside the years 1900–2200\n"
