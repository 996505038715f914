"""Progress bars on stderr for long work: drawn on a terminal (a pty), never in a pipe."""

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import FIXED_NOW

PARAT = str(Path(sys.executable).with_name("parat"))
ROWS = 6_000


def _big_import(path: Path) -> Path:
    """New hypotheses with four years of potential: enough rows for many reports."""
    lines = ["code;title;potential_2015;potential_2016;potential_2017;potential_2018"]
    lines += [f"P{i:05d};Forslag {i};0,1;0,2;0,3;0,4" for i in range(ROWS)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _env() -> dict[str, str]:
    return {
        **os.environ,
        "PARAT_ACTOR": "tester",
        "PARAT_NOW": FIXED_NOW.isoformat(),
        "TERM": "xterm-256color",
        "COLUMNS": "100",
    }


@pytest.fixture
def programme_db(tmp_path: Path) -> Path:
    db = tmp_path / "parat.db"
    subprocess.run([PARAT, "--db", str(db), "init"], check=True, env=_env(), capture_output=True)
    return db


def _on_a_terminal(argv: list[str]) -> tuple[int, bytes, bytes]:
    """Run with stderr on a pty (a terminal) and stdout on a pipe; (code, stdout, tty)."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=follower, env=_env())
    os.close(follower)
    seen = bytearray()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        ready, _, _ = select.select([leader], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the other end closed
                break
            if not chunk:
                break
            seen += chunk
        elif proc.poll() is not None:
            break
    os.close(leader)
    assert proc.stdout is not None
    stdout = proc.stdout.read()
    return proc.wait(timeout=60), stdout, bytes(seen)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("language", "phase", "done"),
    [
        ("en", "Import stor.csv: Checking rows", "Imported stor.csv: "),
        ("da", "Import af stor.csv: Kontrollerer rækker", "stor.csv er indlæst: "),
    ],
)
def test_import_on_a_terminal_shows_a_bar_and_stdout_keeps_only_data(
    programme_db: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    language: str,
    phase: str,
    done: str,
) -> None:
    monkeypatch.setenv("PARAT_LANG", language)
    csv = _big_import(tmp_path / "stor.csv")
    code, stdout, terminal = _on_a_terminal([PARAT, "--db", str(programme_db), "import", str(csv)])
    assert code == 0, terminal
    if language == "en":
        assert stdout.decode() == (
            f"Imported stor.csv: {ROWS} rows, {ROWS} hypotheses added, 0 attribute changes, "
            f"{ROWS * 4} figure changes.\n"
        )
    assert stdout.decode().startswith(done)
    shown = terminal.decode("utf-8", "replace")
    assert phase in shown
    assert "━" in shown  # the bar itself
    assert f"/{ROWS}" in shown  # counted in rows


@pytest.mark.slow
def test_import_in_a_pipe_shows_no_bar(programme_db: Path, tmp_path: Path) -> None:
    csv = _big_import(tmp_path / "stor.csv")
    done = subprocess.run(
        [PARAT, "--db", str(programme_db), "import", str(csv)],
        capture_output=True,
        env=_env(),
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == b""
    assert done.stdout.decode().startswith("Imported stor.csv: ")
    assert b"\x1b" not in done.stdout


@pytest.mark.slow
def test_backup_and_export_on_a_terminal_show_a_bar(programme_db: Path, tmp_path: Path) -> None:
    backup = tmp_path / "kopi.db"
    code, stdout, terminal = _on_a_terminal(
        [PARAT, "--db", str(programme_db), "backup", str(backup)]
    )
    assert code == 0, terminal
    assert stdout.decode().startswith("Backed up ")
    assert "Backup kopi.db: Copying pages" in terminal.decode("utf-8", "replace")
    code, stdout, terminal = _on_a_terminal(
        [PARAT, "--db", str(programme_db), "export", "--format", "md"]
    )
    assert code == 0, terminal
    assert stdout.decode().startswith("#")  # the Markdown itself, nothing else
    assert b"\x1b" not in stdout
    assert "Export md: " in terminal.decode("utf-8", "replace")
