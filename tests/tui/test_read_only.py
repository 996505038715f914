"""``parat --read-only``: the whole UI to look at, every edit refused with a clear line."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Input

import tracker
from tracker.i18n import _
from tracker.services import Parat
from tui.access import READ_ONLY, READ_ONLY_MARK
from tui.app import ParatApp, create_app
from tui.dialogs.new_hypothesis import NewHypothesisDialog
from tui.dialogs.note import NoteDialog
from tui.screens.dashboard import DashboardScreen
from tui.widgets.topbar import TopBar

from .conftest import open_detail, settle


@pytest.fixture
def viewer(demo_db: Path) -> Iterator[Parat]:
    with tracker.open(str(demo_db), actor="viewer", source="tui", read_only=True) as parat:
        yield parat


def _messages(app: ParatApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


def test_read_only_shows_the_marker_and_refuses_every_edit(viewer: Parat, ui_parat: Parat) -> None:
    app = create_app(viewer, poll_seconds=None)
    before = ui_parat.last_change()

    async def run() -> None:
        async with app.run_test(size=(160, 50)) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, DashboardScreen)
            assert _(READ_ONLY_MARK) in app.screen.query_one(TopBar).render().plain  # type: ignore[union-attr]

            await pilot.press("n")  # new hypothesis
            await settle(pilot)
            assert not isinstance(app.screen, NewHypothesisDialog)
            assert _messages(app).count(_(READ_ONLY)) == 1

            await pilot.press("2")
            await settle(pilot)
            await pilot.press("d")  # drop the hypothesis under the cursor
            await settle(pilot)
            assert not isinstance(app.screen, NoteDialog)
            assert _messages(app).count(_(READ_ONLY)) == 2

            screen = await open_detail(pilot, "H04")
            figure = screen.query_one("#fig-potential-2018", Input)
            assert figure.value == "11" and figure.disabled
            await pilot.press("ctrl+s")
            await pilot.press("d")
            await settle(pilot)
            assert _messages(app).count(_(READ_ONLY)) == 4
            assert not isinstance(app.screen, NoteDialog)

            # Even a write that reaches the services comes back as the same clear line.
            app.call_service(lambda p: p.set_stage("H04", "identified"))
            await settle(pilot)
            assert _messages(app).count(_(READ_ONLY)) == 5

    import asyncio

    asyncio.run(run())
    assert ui_parat.last_change() == before
    assert ui_parat.hypothesis("H04").hypothesis.stage.value == "decided"


@pytest.mark.slow
def test_parat_read_only_reaches_the_ui(demo_db: Path) -> None:
    """``parat --read-only --db FILE`` under a pseudo-terminal shows the marker."""
    import contextlib
    import os
    import pty
    import select
    import sys
    import time

    parat = str(Path(sys.executable).with_name("parat"))
    pid, fd = pty.fork()
    if pid == 0:  # the child: the UI
        os.environ["TERM"] = "xterm-256color"
        os.execv(parat, [parat, "--read-only", "--db", str(demo_db)])
    seen, deadline = b"", time.monotonic() + 30
    try:
        while b"mangler (m" not in seen and time.monotonic() < deadline:
            if select.select([fd], [], [], 0.1)[0]:
                seen += os.read(fd, 65536)
        assert _(READ_ONLY_MARK).encode() in seen, seen[-500:]
        os.write(fd, b"q")
        while time.monotonic() < deadline:
            done, _status = os.waitpid(pid, os.WNOHANG)
            if done:
                return
            if select.select([fd], [], [], 0.1)[0]:
                with contextlib.suppress(OSError):
                    os.read(fd, 65536)
        pytest.fail("parat did not quit on q")
    finally:
        with contextlib.suppress(ProcessLookupError, ChildProcessError):
            os.kill(pid, 9)
            os.waitpid(pid, 0)
        os.close(fd)
