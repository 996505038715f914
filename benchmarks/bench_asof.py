"""``status --as-of`` on a large programme next to the current status (aim ≤ 1.5×).

The programme: 10,000 hypotheses × 4 years × 3 kinds × 5 revisions = 600,000 figure
records with their events, written by :mod:`benchmarks.large_programme`. Both are
timed through the Python API in the same process (CLI start-up is the same for both
and would only dilute the ratio), in interleaved rounds. Two moments: between
revisions 2 and 3 (every hypothesis changed later, so its last change before the
moment is rebuilt), and before the stage moves (later stage events are undone).
"""

import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from benchmarks.large_programme import REVISION_DAYS, START, build

RUNS = 7


def _timed(fn) -> float:  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def _interleaved(*fns) -> list[list[float]]:  # type: ignore[no-untyped-def]
    """Run the candidates in turn, RUNS rounds, so that they share the machine's load."""
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(RUNS):
        for i, fn in enumerate(fns):
            times[i].append(_timed(fn))
    return times


def main(hypotheses: int = 10_000) -> dict[str, float]:
    import tracker

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "large.db"
        t0 = time.perf_counter()
        records = build(path, hypotheses=hypotheses)
        print(f"generated {records:,} figure records in {time.perf_counter() - t0:.1f} s")
        middle = START + timedelta(days=REVISION_DAYS * 2, hours=1)
        early = START + timedelta(days=REVISION_DAYS // 2)
        with tracker.open(str(path), actor="bench") as p:
            p.status()  # warm the page cache once
            current, middle_t, early_t = _interleaved(
                p.status, lambda: p.status(middle), lambda: p.status(early)
            )
            check = p.status(middle)
    # On a shared machine the minimum is the best estimate of the work itself; the
    # medians are printed beside it to show the noise.
    base = min(current)
    ratio_middle = min(middle_t) / base
    ratio_early = min(early_t) / base

    def show(label: str, t: list[float]) -> str:
        return (
            f"{label:<30} min {min(t) * 1000:6.0f} ms  median {statistics.median(t) * 1000:6.0f} ms"
        )

    print(f"{RUNS} interleaved rounds:")
    print(show("status (current)", current))
    print(show("status --as-of (revision 3)", middle_t) + f"  ratio {ratio_middle:.2f}x")
    print(show("status --as-of (before moves)", early_t) + f"  ratio {ratio_early:.2f}x")
    print(f"aim: <= 1.5x   (as-of pipeline {check.totals.pipeline_kr:,} kr.)")
    return {"current_s": base, "ratio_middle": ratio_middle, "ratio_early": ratio_early}


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
