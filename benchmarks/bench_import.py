"""``parat import`` of 100,000 figure cells, and of 200,000 new hypotheses, each next
to a floor (aim ≤ 3×).

Figures: the floor reads the same file with the ``csv`` module and inserts one figure row
per cell with raw ``sqlite3.executemany`` (no validation, no diffing, no events).
The import does all of that: decoding, dialect detection, money parsing, checks of
every cell, comparing with the current figures, figure records AND events, version
bumps, one transaction. Both run on copies of the same database; timed in-process
(CLI start-up excluded from both).

New hypotheses (``python -m benchmarks.bench_import new [COUNT]``): the floor reads
the same file with the ``csv`` module and writes the same rows with raw
``sqlite3.executemany``: the hypothesis rows, their ids read back, and one
``hypothesis.add`` event each with the same JSON. The import adds the checks of every
cell and code, and the comparison with the stored hypotheses. Its peak memory is
shown too: Python's own allocations (``tracemalloc``, in a run of its own) and the
process's peak resident size.
"""

import csv
import json
import resource
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
import tracemalloc
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


NEW_COLUMNS = ("code", "title", "area", "owner", "stage", "bucket", "confidence")
STAGES = ("identified", "qualified", "quantified", "decided")
BUCKETS = ("driftsbalance", "demografi", "politisk")


def write_new_csv(path: Path, hypotheses: int) -> None:
    """``;`` file of hypotheses that do not exist yet, every attribute given."""
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, delimiter=";")
        writer.writerow(NEW_COLUMNS)
        for i in range(hypotheses):
            writer.writerow(
                [
                    f"N{i + 1:06d}",
                    f"Ny besparelse nr. {i + 1} på område {i % 97}",
                    f"Område {i % 97}",
                    f"Ejer {i % 53}",
                    STAGES[i % len(STAGES)],
                    BUCKETS[i % len(BUCKETS)],
                    str(i % 101),
                ]
            )


def floor_new(db: Path, csv_path: Path) -> None:
    now = moment_text(datetime.now(UTC))
    conn = sqlite3.connect(db)
    try:
        (programme_id,) = conn.execute("SELECT id FROM programme").fetchone()
        buckets = dict(conn.execute("SELECT key, id FROM bucket"))
        last = conn.execute("SELECT coalesce(max(id), 0) FROM hypothesis").fetchone()[0]
        rows, values = [], []
        with csv_path.open(encoding="utf-8", newline="") as f:
            reader = csv.reader(f, delimiter=";")
            next(reader)
            for code, title, area, owner, stage, bucket, pct in reader:
                confidence = int(pct)
                rows.append(
                    (programme_id, code, title, area, owner, "", stage, buckets[bucket], confidence)
                )
                new = {
                    "title": title,
                    "area": area,
                    "owner": owner,
                    "description": "",
                    "stage": stage,
                    "confidence_pct": confidence,
                    "bucket": bucket,
                }
                values.append((code, json.dumps(new, ensure_ascii=False)))
        with conn:
            conn.executemany(
                "INSERT INTO hypothesis (programme_id, code, title, area, owner, description,"
                " stage, bucket_id, confidence_pct, version, created_at, updated_at)"
                f" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, '{now}', '{now}')",
                rows,
            )
            ids = dict(conn.execute("SELECT code, id FROM hypothesis WHERE id > ?", (last,)))
            conn.executemany(
                "INSERT INTO event (programme_id, at, actor, source, action, hypothesis_id,"
                " subject, field, old_value, new_value, note, recorded_at)"
                f" VALUES ({programme_id}, '{now}', 'floor', 'floor', 'hypothesis.add', ?, ?,"
                f" '', NULL, ?, '', '{now}')",
                [(ids[code], code, new_value) for code, new_value in values],
            )
    finally:
        conn.close()


def new_hypotheses(count: int = 200_000, runs: int = 3) -> dict[str, float]:
    """Time the import of ``count`` new hypotheses against :func:`floor_new`."""
    import tracker

    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "base.db"
        build(base, hypotheses=10, revisions=1)
        csv_path = Path(tmp) / "new.csv"
        write_new_csv(csv_path, count)
        floors, imports = [], []
        for run in range(runs + 1):  # the last run only measures memory
            db = Path(tmp) / f"floor{run}.db"
            shutil.copy(base, db)
            if run < runs:
                t0 = time.perf_counter()
                floor_new(db, csv_path)
                floors.append(time.perf_counter() - t0)
            db = Path(tmp) / f"import{run}.db"
            shutil.copy(base, db)
            with tracker.open(str(db), actor="bench") as p:
                if run == runs:
                    tracemalloc.start()
                t0 = time.perf_counter()
                result = p.import_file(csv_path)
                elapsed = time.perf_counter() - t0
                if run == runs:
                    _, peak = tracemalloc.get_traced_memory()
                    tracemalloc.stop()
                else:
                    imports.append(elapsed)
            assert len(result.summary.added) == count, result.summary
    f, i = min(floors), min(imports)
    fm, im = statistics.median(floors), statistics.median(imports)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"import of {count:,} new hypotheses, {runs} interleaved runs:")
    for label, low, mid in (
        ("floor (csv + raw executemany, rows+events)", f, fm),
        ("parat import (checks, rows+events)", i, im),
    ):
        print(f"  {label}: min {low * 1000:6.0f} ms  median {mid * 1000:6.0f} ms")
    print(f"  ratio {i / f:.2f}x (medians: {im / fm:.2f}x)   aim <= 3x")
    print(f"  peak memory: Python {peak / 2**20:.0f} MiB (tracemalloc, one import),")
    print(f"  process peak resident {rss:.0f} MiB (the whole benchmark)")
    return {"floor_s": f, "import_s": i, "ratio": i / f, "peak_mib": peak / 2**20}


if __name__ == "__main__":
    if sys.argv[1:2] == ["new"]:
        new_hypotheses(int(sys.argv[2]) if len(sys.argv) > 2 else 200_000)
    elif len(sys.argv) > 1:
        main(int(sys.argv[1]))
    else:
        main()
        new_hypotheses()
