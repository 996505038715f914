"""Fixtures for the terminal UI: the sample programme in a real SQLite file, the app
over it, and a helper that waits until the app's workers are done."""

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from textual.app import App
from textual.pilot import Pilot

import tracker
from tests.conftest import FIXED_NOW
from tracker.demo import write_demo
from tracker.services import Parat
from tui.app import ParatApp, create_app
from tui.screens.detail import DetailScreen


@pytest.fixture(autouse=True)
def _danish_ui(monkeypatch: pytest.MonkeyPatch) -> None:
    """The UI's tests read the UI as most of its users do: in Danish, the default (the
    suite's own default is English; a test of the English UI asks for it)."""
    monkeypatch.setenv("PARAT_LANG", "da")


@pytest.fixture(autouse=True)
def _machine_in_utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The machine's zone is UTC, as on CI and most servers: the screen must still show
    Copenhagen time (the programme municipality's), whatever the host's zone."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def demo_db(db_path: Path) -> Path:
    """The sample programme, written with the fixed clock."""
    with tracker.open(str(db_path), actor="tester") as parat:
        write_demo(parat.engine, FIXED_NOW, actor="tester")
    return db_path


@pytest.fixture
def ui_parat(demo_db: Path) -> Iterator[Parat]:
    """The services as the UI opens them (source ``tui``)."""
    with tracker.open(str(demo_db), actor="tester", source="tui") as parat:
        yield parat


@pytest.fixture
def app(ui_parat: Parat) -> ParatApp:
    return create_app(ui_parat, poll_seconds=None)


async def settle(pilot: Pilot[None]) -> None:
    """Wait for every worker and the messages they posted, a few rounds deep."""
    for _ in range(4):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def open_detail(pilot: Pilot[None], code: str) -> DetailScreen:
    """Open hypothesis ``code`` the way the app does and wait until its screen is loaded."""
    app = pilot.app
    assert isinstance(app, ParatApp)
    app.open_hypothesis(code)
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, DetailScreen)
    return screen


async def until(pilot: Pilot[None], condition: Callable[[], bool], seconds: float = 10.0) -> None:
    """Wait until ``condition()`` holds (asynchronous UI work such as the command
    palette's search takes longer on a busy machine); fail after ``seconds``."""
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    assert condition(), "the UI did not reach the expected state in time"


def palette_offers(app: App[None], text: str) -> bool:
    """The command palette's highlighted command mentions ``text`` (its search runs
    asynchronously: pressing Enter before it has caught up picks a stale command)."""
    from textual.widgets import OptionList

    for option_list in app.screen.query(OptionList):
        index = option_list.highlighted
        if index is not None and option_list.option_count > index:
            prompt = option_list.get_option_at_index(index).prompt
            plain = getattr(prompt, "plain", None) or str(prompt)
            if text.casefold() in plain.casefold():
                return True
    return False


LATER = FIXED_NOW + timedelta(hours=1)


def static_text(widget: object) -> str:
    """What a Static shows, as plain text."""
    from rich.console import Console

    console = Console(width=200, record=True)
    console.print(widget.content)  # type: ignore[attr-defined]
    return console.export_text()


@pytest.fixture
def moved_db(demo_db: Path) -> Path:
    """The sample at the meeting (snapshot), then H04 back to quantified and a new H17
    potential, an hour later."""
    with tracker.open(str(demo_db), actor="tester", clock=lambda: FIXED_NOW) as parat:
        parat.add_snapshot("Chefgruppemøde marts")
    with tracker.open(str(demo_db), actor="anna", clock=lambda: LATER) as parat:
        parat.set_stage("H04", "quantified", note="Mangler budgetaftale")
        parat.set_figure("H01", 2018, potential="20")
        parat.add_hypothesis("H17", title="Ny idé")
    return demo_db


@pytest.fixture
def later_parat(moved_db: Path) -> Iterator[Parat]:
    with tracker.open(
        str(moved_db), actor="tester", source="tui", clock=lambda: LATER + timedelta(hours=1)
    ) as parat:
        yield parat


def other_process(db: Path, *args: str) -> None:
    """A second writer: the real CLI in another process, as colleague "kollega"."""
    env = {**os.environ, "PARAT_ACTOR": "kollega"}
    result = subprocess.run(
        [str(Path(sys.executable).with_name("parat")), "--db", str(db), *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
