"""``status --as-of`` on a large programme next to the current status (aim ≤ 1.5×).

The programme: 10,000 hypotheses × 4 years × 3 kinds × 5 revisions = 600,000 figure
records with their events, written by :mod:`benchmarks.large_programme`. Both are
timed through the Python API in the same process (CLI start-up is the same for both
and would only dilute the ratio). The moment lies between revisions 2 and 3, so
that the rebuild has later figures to skip and later stage events to undo... and
a second moment just before the stage moves.
"""

import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from benchmarks.large_programme import REVISION_DAYS, START, build

RUNS = 5


def _median(fn) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


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
            current = _median(p.status)
            as_of_middle = _median(lambda: p.status(middle))
            as_of_early = _median(lambda: p.status(early))
            check = p.status(middle)
    ratio_middle = as_of_middle / current
    ratio_early = as_of_early / current
    print(f"status (current):              {current * 1000:7.0f} ms (median of {RUNS})")
    print(
        f"status --as-of (revision 3):   {as_of_middle * 1000:7.0f} ms  ratio {ratio_middle:.2f}x"
    )
    print(f"status --as-of (before moves): {as_of_early * 1000:7.0f} ms  ratio {ratio_early:.2f}x")
    print(f"aim: <= 1.5x   (as-of pipeline {check.totals.pipeline_kr:,} kr.)")
    return {"current_s": current, "ratio_middle": ratio_middle, "ratio_early": ratio_early}


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
