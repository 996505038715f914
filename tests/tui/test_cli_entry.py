"""How the UI is reached from the command line, and what other commands never load."""

import contextlib
import json
import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest


@pytest.fixture
def english_cli(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI's English lines (the UI's tests default to Danish)."""
    monkeypatch.setenv("PARAT_LANG", "en")


def test_parat_without_command_in_a_pipe_prints_help(cli) -> None:  # type: ignore[no-untyped-def]
    # CliRunner is not a terminal: the UI cannot start, so the help is shown instead.
    result = cli()
    assert result.exit_code == 0
    assert "tui" in result.stdout and "demo" in result.stdout


@pytest.mark.usefixtures("english_cli")
def test_demo_outside_a_terminal_writes_and_says_how_to_open_the_ui(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("demo")
    assert result.exit_code == 0, result.output
    assert "Wrote the sample programme" in result.stdout
    assert "run `parat` in a terminal" in result.stderr


def test_demo_no_tui_only_writes(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("demo", "--no-tui")
    assert result.exit_code == 0, result.output
    assert json.loads(cli("status", "--json").stdout)["programme"]["target_kr"] == 125_000_000


@pytest.mark.slow
def test_other_commands_never_import_textual(db_path: Path) -> None:
    """``parat status`` runs the whole CLI, and textual must stay unloaded."""
    code = (
        "import sys\n"
        "from tracker.cli.main import app\n"
        "try:\n"
        f"    app(['--db', {str(db_path)!r}, 'demo', '--no-tui'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "try:\n"
        f"    app(['--db', {str(db_path)!r}, 'status'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'tui')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_the_ui_never_imports_the_database_layer() -> None:
    """tui talks to tracker's services only: no module under tui/ imports db."""
    root = Path(__file__).parents[2] / "tui"
    offenders = [
        str(path.relative_to(root.parent))
        for path in root.rglob("*.py")
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip().startswith(("import db", "from db.", "from db "))
        or line.strip().startswith(("import sqlalchemy", "from sqlalchemy", "from sqlmodel"))
    ]
    assert offenders == []


class _Terminal:
    """``parat`` under a pseudo-terminal, as a person starts it (or behind ``sh``)."""

    def __init__(self, argv: list[str]) -> None:
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: the UI
            os.environ["TERM"] = "xterm-256color"
            os.execv(argv[0], argv)

    def wait_for(self, marker: bytes, seconds: float = 30) -> None:
        seen, deadline = b"", time.monotonic() + seconds
        while marker not in seen and time.monotonic() < deadline:
            if select.select([self.fd], [], [], 0.1)[0]:
                seen += os.read(self.fd, 65536)
        assert marker in seen, seen[-500:]

    def exit_code(self, seconds: float) -> int | None:
        """The exit code once the UI has quit (its output drained meanwhile), or
        ``None`` if it is still running after ``seconds``."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            done, status = os.waitpid(self.pid, os.WNOHANG)
            if done:
                return os.waitstatus_to_exitcode(status)
            if self.fd < 0:
                time.sleep(0.1)
            elif select.select([self.fd], [], [], 0.1)[0]:
                with contextlib.suppress(OSError):
                    os.read(self.fd, 65536)
        return None

    def hang_up(self) -> None:
        os.close(self.fd)
        self.fd = -1

    def close(self) -> None:
        with contextlib.suppress(ProcessLookupError, ChildProcessError):
            os.kill(self.pid, 9)
            os.waitpid(self.pid, 0)
        if self.fd >= 0:
            os.close(self.fd)


_PARAT = str(Path(sys.executable).with_name("parat"))


@pytest.mark.slow
def test_parat_opens_the_ui_in_a_terminal_and_q_quits(demo_db: Path) -> None:
    """The real thing: ``parat --db FILE`` under a pseudo-terminal draws the dashboard."""
    terminal = _Terminal([_PARAT, "--db", str(demo_db)])
    try:
        terminal.wait_for(b"mangler (m")
        os.write(terminal.fd, b"q")
        assert terminal.exit_code(30) == 0, "parat did not quit on q"
    finally:
        terminal.close()


@pytest.mark.slow
def test_parat_quits_when_its_terminal_goes_away_without_a_hang_up_signal(
    demo_db: Path,
) -> None:
    """Under ``make run`` the hang-up reaches make, not the UI: closing the terminal
    must still end the UI (it used to spin on end-of-file, a core busy, forever)."""
    # deaf to SIGHUP, as it is behind make
    shell = f"trap '' HUP; exec '{_PARAT}' --db '{demo_db}'"
    terminal = _Terminal(["/bin/sh", "-c", shell])
    try:
        terminal.wait_for(b"mangler (m")
        terminal.hang_up()
        assert terminal.exit_code(10) is not None, "parat kept running without its terminal"
    finally:
        terminal.close()
