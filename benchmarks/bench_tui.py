"""Speed of the terminal UI, as ratios against floors measured in the same run.

1. First full paint of the dashboard (headless ``App.run_test``, 160×50), from
   opening the database to the status drawn, next to a minimal Textual app with one
   16-row DataTable: on the sample programme and with 10,000 hypotheses.
2. Key press to updated table while typing a search over 10,000 rows (median ms).
3. The whole process to first paint under a pseudo-terminal (``parat --db sample``),
   next to a script that only imports typer, sqlmodel and textual.app.

Run: ``python -m benchmarks.bench_tui`` (or through ``make bench``).
"""

import asyncio
import contextlib
import os
import pty
import select
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

NOW = datetime(2018, 3, 12, 9, 0, tzinfo=UTC)
SIZE = (160, 50)
ROUNDS = 5


# -- 1. first paint, headless --------------------------------------------------------
async def _minimal_paint() -> float:
    from textual.app import App, ComposeResult
    from textual.widgets import DataTable

    class Minimal(App[None]):
        def compose(self) -> ComposeResult:
            yield DataTable()

        def on_mount(self) -> None:
            table = self.query_one(DataTable)
            table.add_columns("Kode", "Titel", "Fase", "Beløb")
            for i in range(16):
                table.add_row(f"H{i:02d}", "Titel", "Besluttet", "1,0")

    start = time.perf_counter()
    app = Minimal()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        return time.perf_counter() - start


async def _dashboard_paint(db: Path) -> float:
    import tracker
    from tui.app import create_app

    start = time.perf_counter()
    with tracker.open(str(db), actor="bench", source="tui") as parat:
        app = create_app(parat, poll_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            while app.status is None:
                await asyncio.sleep(0.001)
            await pilot.pause()
            return time.perf_counter() - start


def first_paint(db: Path, label: str) -> dict[str, Any]:
    # One round of each unmeasured: the first pays the imports (measured by the
    # whole-process case below), which made the first round's ratio meaningless.
    asyncio.run(_minimal_paint())
    asyncio.run(_dashboard_paint(db))
    ours, floor = [], []
    for _ in range(ROUNDS):
        floor.append(asyncio.run(_minimal_paint()))
        ours.append(asyncio.run(_dashboard_paint(db)))
    ratios = [o / f for o, f in zip(ours, floor, strict=True)]
    result = {
        "case": f"first paint, {label}",
        "ours_s": statistics.median(ours),
        "floor_s": statistics.median(floor),
        "ratio": statistics.median(ratios),
        "ratio_min": min(ratios),
        "ratio_max": max(ratios),
    }
    print(
        f"first paint ({label}): {result['ours_s'] * 1000:.0f} ms vs minimal DataTable app "
        f"{result['floor_s'] * 1000:.0f} ms -> ratio {result['ratio']:.2f} "
        f"(min {result['ratio_min']:.2f}, max {result['ratio_max']:.2f}, {ROUNDS} rounds)"
    )
    return result


# -- 2. key press to updated table ---------------------------------------------------
_KEYS = [*"ældre", *["backspace"] * 5, *"h001", *["backspace"] * 4, *"jensen"]


async def _keys(db: Path) -> tuple[list[float], list[float]]:
    """Per key: (key sent → table repainted with the new rows, pilot round trip)."""
    import tracker
    from tui.app import create_app
    from tui.widgets.hypothesis_table import HypothesisTable

    painted: list[float] = []
    original = HypothesisTable.render_line

    def render_line(self: HypothesisTable, y: int) -> Any:
        painted.append(time.perf_counter())
        return original(self, y)

    to_paint: list[float] = []
    round_trip: list[float] = []
    HypothesisTable.render_line = render_line  # type: ignore[method-assign]
    try:
        with tracker.open(str(db), actor="bench", source="tui") as parat:
            app = create_app(parat, poll_seconds=None)
            async with app.run_test(size=SIZE) as pilot:
                while app.status is None:
                    await asyncio.sleep(0.005)
                await pilot.press("2")
                await pilot.pause()
                table = app.screen.query_one(HypothesisTable)
                await pilot.press("slash")
                await pilot.pause()
                for key in _KEYS:
                    painted.clear()
                    before = table.rows
                    start = time.perf_counter()
                    await pilot.press(key)
                    await pilot.pause()
                    round_trip.append(time.perf_counter() - start)
                    assert table.rows is not before
                    assert painted, "the table was not repainted"
                    to_paint.append(max(painted) - start)
    finally:
        HypothesisTable.render_line = original  # type: ignore[method-assign]
    return to_paint, round_trip


async def _pilot_floor() -> list[float]:
    """The same pilot round trip for a key typed into a lone Input (Textual's own cost)."""
    from textual.app import App, ComposeResult
    from textual.widgets import Input

    class Lone(App[None]):
        def compose(self) -> ComposeResult:
            yield Input()

    timings = []
    async with Lone().run_test(size=SIZE) as pilot:
        for key in _KEYS:
            start = time.perf_counter()
            await pilot.press(key)
            await pilot.pause()
            timings.append(time.perf_counter() - start)
    return timings


def key_to_table(db: Path) -> dict[str, Any]:
    to_paint, round_trip = asyncio.run(_keys(db))
    floor = asyncio.run(_pilot_floor())
    result = {
        "case": "key to table",
        "median_ms": statistics.median(to_paint) * 1000,
        "max_ms": max(to_paint) * 1000,
        "pilot_round_trip_ms": statistics.median(round_trip) * 1000,
        "pilot_floor_ms": statistics.median(floor) * 1000,
    }
    print(
        f"key press -> table repainted, 10,000 rows: median {result['median_ms']:.1f} ms "
        f"(max {result['max_ms']:.1f} ms, {len(to_paint)} keys); pilot round trip "
        f"{result['pilot_round_trip_ms']:.1f} ms vs {result['pilot_floor_ms']:.1f} ms for a "
        "key into a lone Input"
    )
    return result


# -- 3. whole process under a pseudo-terminal ----------------------------------------
def _pty_run(argv: list[str], marker: bytes, timeout: float = 30.0) -> float:
    """Seconds from spawning ``argv`` in a pty until ``marker`` appears in its output."""
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child
        os.environ["TERM"] = "xterm-256color"
        os.execv(argv[0], argv)
    rows, cols = SIZE[1], SIZE[0]
    import fcntl

    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    seen = b""
    try:
        while time.perf_counter() - start < timeout:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen = (seen + chunk)[-200_000:]
            if marker in seen:
                return time.perf_counter() - start
        raise RuntimeError(f"{argv[0]}: marker {marker!r} not seen; last output {seen[-300:]!r}")
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)


_TRIVIAL_APP = """
import typer, sqlmodel
from textual.app import App
from textual.widgets import Static

class Trivial(App):
    def compose(self):
        yield Static("mangler (mål")

Trivial().run()
"""


def process_paint(db: Path) -> dict[str, Any]:
    parat = str(Path(sys.executable).with_name("parat"))
    floor_script = "import typer, sqlmodel, textual.app; print('ready', flush=True)"
    marker = b"mangler (m"  # drawn by the progress panel once the status is in
    ours, floor, trivial = [], [], []
    for _ in range(ROUNDS):
        floor.append(_pty_run([sys.executable, "-c", floor_script], b"ready"))
        trivial.append(_pty_run([sys.executable, "-c", _TRIVIAL_APP], marker))
        ours.append(_pty_run([parat, "--db", str(db)], marker))
    ratios = [o / f for o, f in zip(ours, floor, strict=True)]
    trivial_ratio = statistics.median(t / f for t, f in zip(trivial, floor, strict=True))
    result = {
        "case": "process to first paint",
        "ours_s": statistics.median(ours),
        "floor_s": statistics.median(floor),
        "ratio": statistics.median(ratios),
        "ratio_min": min(ratios),
        "ratio_max": max(ratios),
        "trivial_app_ratio": trivial_ratio,
    }
    print(
        f"process to first paint (pty, sample): {result['ours_s'] * 1000:.0f} ms vs "
        f"import typer+sqlmodel+textual.app {result['floor_s'] * 1000:.0f} ms -> ratio "
        f"{result['ratio']:.2f} (min {result['ratio_min']:.2f}, max {result['ratio_max']:.2f}); "
        f"a trivial Textual app (one Static) in the same harness: {trivial_ratio:.2f}"
    )
    return result


def main() -> list[dict[str, Any]]:
    from benchmarks.tui_data import write_programme

    os.environ["PARAT_NOW"] = NOW.isoformat()
    os.environ.setdefault("PARAT_ACTOR", "bench")
    with tempfile.TemporaryDirectory() as tmp:
        sample = write_programme(Path(tmp) / "sample.db", 16, NOW)
        big = write_programme(Path(tmp) / "big.db", 10_000, NOW)
        print("== Terminal UI ==")
        return [
            first_paint(sample, "sample programme"),
            first_paint(big, "10,000 hypotheses"),
            key_to_table(big),
            process_paint(sample),
        ]


if __name__ == "__main__":
    main()
