"""``parat import`` of a CSV with 100,000 figure cells next to a floor (aim ≤ 3×).

The floor reads the same file with the ``csv`` module and inserts one figure row
per cell with raw ``sqlite3.executemany`` (no validation, no diffing, no events).
The import does all of that: decoding, dialect detection, money parsing, checks of
every cell, comparing with the current figures, figure records AND events, version
bumps, one transaction. Both run on copies of the same database; timed in-process
(CLI start-up excluded from both).
"""

import csv
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.large_programme import build, moment_text

RUNS = 5
YEARS = (2015, 2016, 2017, 2018)
KINDS = ("potential", "realised", "investment")


def write_csv(path: Path, hypotheses: int) -> int:
    """``;``/decimal-comma file: code + 12 figure columns per hypothesis."""
    columns = [f"{kind}_{year}" for kind in KINDS for year in YEARS]
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, delimiter=";")
        writer.writerow(["code", *columns])
        for i in range(hypotheses):
            writer.writerow(
                [f"G{i + 1:05d}"]
                + [f"{(i % 89) + k},{(i * 7 + k) % 1000:03d}" for k in range(len(columns))]
            )
    return hypotheses * len(columns)


def floor(db: Path, csv_path: Path) -> None:
    now = moment_text(datetime.now(UTC))
    conn = sqlite3.connect(db)
    try:
        ids = dict(conn.execute("SELECT code, id FROM hypothesis"))
        rows = []
        with csv_path.open(encoding="utf-8", newline="") as f:
            reader = csv.reader(f, delimiter=";")
            header = next(reader)
            keys = [(name.split("_")[0], int(name.split("_")[1])) for name in header[1:]]
            for record in reader:
                hid = ids[record[0]]
                for (kind, year), cell in zip(keys, record[1:], strict=True):
                    kr = int(cell.replace(",", "")) * 1000
                    rows.append((hid, year, kind, kr, now, "floor", "floor", ""))
        with conn:
            conn.executemany(
                "INSERT INTO figure (hypothesis_id, year, kind, amount_kr, recorded_at, actor,"
                " source, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
    finally:
        conn.close()


def main(hypotheses: int = 8_334) -> dict[str, float]:
    import tracker

    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "base.db"
        build(base, hypotheses=hypotheses, revisions=1)
        csv_path = Path(tmp) / "figures.csv"
        cells = write_csv(csv_path, hypotheses)
        floors, imports = [], []
        for run in range(RUNS):
            db = Path(tmp) / f"floor{run}.db"
            shutil.copy(base, db)
            t0 = time.perf_counter()
            floor(db, csv_path)
            floors.append(time.perf_counter() - t0)
            db = Path(tmp) / f"import{run}.db"
            shutil.copy(base, db)
            with tracker.open(str(db), actor="bench") as p:
                t0 = time.perf_counter()
                result = p.import_file(csv_path)
                imports.append(time.perf_counter() - t0)
            assert result.summary.figure_changes == cells, result.summary
    # On a shared machine the minimum is the best estimate of the work itself; the
    # medians are printed beside it to show the noise.
    f, i = min(floors), min(imports)
    fm, im = statistics.median(floors), statistics.median(imports)
    print(f"import of {cells:,} figure cells ({hypotheses:,} rows), {RUNS} interleaved runs:")
    for label, low, mid in (
        ("floor (csv + raw executemany, figures only)", f, fm),
        ("parat import (checks, diff, figures+events)", i, im),
    ):
        print(f"  {label}: min {low * 1000:6.0f} ms  median {mid * 1000:6.0f} ms")
    print(f"  ratio {i / f:.2f}x (medians: {im / fm:.2f}x)   aim <= 3x")
    return {"floor_s": f, "import_s": i, "ratio": i / f}


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 8_334)
