"""``parat undo`` of a 48,000-cell import next to the import itself (aim ≤ 3×).

An undo writes what the import wrote, reversed: a figure record and an event per
cell, one version step per hypothesis, in one transaction; it also locks and
re-checks every cell against the current figures. The import is the floor: the same
number of records and events, plus the file's parsing and checks. Both are timed
in-process through the Python API (start-up excluded), on copies of one database.
"""

import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.bench_import import write_csv
from benchmarks.large_programme import build

RUNS = 3


def main(hypotheses: int = 4_000) -> dict[str, float]:
    import tracker

    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "base.db"
        build(base, hypotheses=hypotheses, revisions=1)
        csv_path = Path(tmp) / "figures.csv"
        cells = write_csv(csv_path, hypotheses)
        imports, undos = [], []
        for run in range(RUNS):
            db = Path(tmp) / f"undo{run}.db"
            shutil.copy(base, db)
            with tracker.open(str(db), actor="bench") as p:
                t0 = time.perf_counter()
                result = p.import_file(csv_path)
                imports.append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                undone = p.undo()
                undos.append(time.perf_counter() - t0)
            assert result.summary.figure_changes == cells, result.summary
            assert len(undone) == cells, len(undone)
    i, u = min(imports), min(undos)
    im, um = statistics.median(imports), statistics.median(undos)
    print(f"undo of an import of {cells:,} figure cells ({hypotheses:,} rows), {RUNS} runs:")
    for label, low, mid in (
        ("parat import (checks, diff, figures+events)", i, im),
        ("parat undo (locks, checks, figures+events)", u, um),
    ):
        print(f"  {label}: min {low * 1000:6.0f} ms  median {mid * 1000:6.0f} ms")
    print(f"  ratio {u / i:.2f}x (medians: {um / im:.2f}x)   aim <= 3x")
    return {"import_s": i, "undo_s": u, "ratio": u / i}


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 4_000)
