"""Generate programmes for benchmarks: the sample, or a large one written in bulk.

The large programme has 10,000 hypotheses, 4 years, 3 kinds of figure and 5
revisions of each: 600,000 figure records, written with raw ``executemany`` into a
database migrated by Parat itself.
"""

import random
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import tracker
from tracker.domain.stages import Stage

STAGES = [s.value for s in Stage]
KINDS = ("potential", "realised", "investment")


def sample(path: Path) -> Path:
    """The sample programme of ``parat demo`` in a new SQLite file."""
    from tracker.demo import write_demo

    with tracker.open(str(path), actor="bench") as p:
        write_demo(p.engine, datetime.now(UTC))
    return path


def large(path: Path, hypotheses: int = 10_000, revisions: int = 5, seed: int = 2018) -> Path:
    """A large programme (SQLite) with ``hypotheses × 4 years × 3 kinds × revisions``."""
    rng = random.Random(seed)
    with tracker.open(str(path), actor="bench") as p:
        p.create_programme()
    start = datetime(2017, 1, 1)
    con = sqlite3.connect(path)
    with con:
        con.executemany(
            "INSERT INTO hypothesis (id, programme_id, code, title, area, owner, description,"
            " stage, bucket_id, confidence_pct, version, created_at, updated_at)"
            " VALUES (?, 1, ?, ?, ?, ?, '', ?, NULL, NULL, 1, ?, ?)",
            (
                (
                    i,
                    f"H{i:05d}",
                    f"Hypotese {i}",
                    f"Område {i % 17}",
                    f"Ejer {i % 41}",
                    rng.choice(STAGES),
                    start.isoformat(" "),
                    start.isoformat(" "),
                )
                for i in range(1, hypotheses + 1)
            ),
        )
        rows = []
        fid = 0
        for revision in range(revisions):
            at = (start + timedelta(days=30 * revision)).isoformat(" ")
            for i in range(1, hypotheses + 1):
                for year in (2015, 2016, 2017, 2018):
                    # Realistic proportions: realised mostly below the potential (a few
                    # above, which the warnings then report), investments smaller.
                    potential = rng.randrange(0, 5_000_000)
                    amounts = {
                        "potential": potential,
                        "realised": potential * rng.randrange(0, 105) // 100,
                        "investment": rng.randrange(0, 1_000_000),
                    }
                    for kind in KINDS:
                        fid += 1
                        rows.append((fid, i, year, kind, amounts[kind], at, "bench", "bench"))
        con.executemany(
            "INSERT INTO figure (id, hypothesis_id, year, kind, amount_kr, recorded_at, actor,"
            " source, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '')",
            rows,
        )
    con.execute("ANALYZE")
    con.close()
    return path
