"""A fast generator of a large programme, straight into a migrated SQLite file.

The schema comes from Parat itself (``tracker.open`` migrates, the programme is
created through the API); the bulk rows are written with raw ``executemany`` in the
same layout the services write (naive UTC text moments, one event per figure
record), so that every read path sees an ordinary database.

Default size (the issue's benchmark): 10,000 hypotheses × 4 years × 3 kinds × 5
revisions = 600,000 figure records, each with its ``figure.set`` event.
"""

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

__all__ = ["REVISION_DAYS", "START", "build", "moment_text"]

#: The first revision's moment; revision ``r`` is ``r × REVISION_DAYS`` days later.
START = datetime(2017, 1, 2, 9, 0, tzinfo=UTC)
REVISION_DAYS = 30
KINDS = ("potential", "realised", "investment")
STAGES = ("identified", "qualified", "quantified", "decided", "implemented")


def moment_text(moment: datetime) -> str:
    """A moment as SQLAlchemy stores it in SQLite (naive UTC, microseconds)."""
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


def build(
    path: Path,
    *,
    hypotheses: int = 10_000,
    years: tuple[int, ...] = (2015, 2016, 2017, 2018),
    revisions: int = 5,
) -> int:
    """Write the programme into ``path`` (a new file); returns the figure records."""
    import tracker

    with tracker.open(str(path), actor="generator", clock=lambda: START) as p:
        p.create_programme()
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        with conn:
            programme_id = conn.execute("SELECT id FROM programme").fetchone()[0]
            created = moment_text(START)
            last = moment_text(START + timedelta(days=REVISION_DAYS * (revisions - 1)))
            conn.executemany(
                "INSERT INTO hypothesis (id, programme_id, code, title, area, owner, description,"
                " stage, bucket_id, confidence_pct, version, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, 'Område', 'Ejer', '', ?, NULL, NULL, ?, ?, ?)",
                (
                    (
                        i + 1,
                        programme_id,
                        f"G{i + 1:05d}",
                        f"Hypotese {i + 1}",
                        STAGES[i % len(STAGES)],
                        1 + revisions,
                        created,
                        last,
                    )
                    for i in range(hypotheses)
                ),
            )
            conn.executemany(
                "INSERT INTO event (programme_id, at, actor, source, action, hypothesis_id,"
                " subject, field, old_value, new_value, note, recorded_at)"
                " VALUES (?, ?, 'generator', 'generator', 'hypothesis.add', ?, ?, '', NULL, ?, '',"
                " ?2)",
                (
                    (programme_id, created, i + 1, f"G{i + 1:05d}", '{"stage": "identified"}')
                    for i in range(hypotheses)
                ),
            )
            # Stage moves: every hypothesis not at 'identified' moved there in revision 2.
            moved_at = moment_text(START + timedelta(days=REVISION_DAYS))
            conn.executemany(
                "INSERT INTO event (programme_id, at, actor, source, action, hypothesis_id,"
                " subject, field, old_value, new_value, note, recorded_at)"
                " VALUES (?, ?, 'generator', 'generator', 'hypothesis.set', ?, ?, 'stage',"
                " 'identified', ?, '', ?2)",
                (
                    (programme_id, moved_at, i + 1, f"G{i + 1:05d}", STAGES[i % len(STAGES)])
                    for i in range(hypotheses)
                    if i % len(STAGES)
                ),
            )
            figure_rows = []
            event_rows = []
            for r in range(revisions):
                at = moment_text(START + timedelta(days=REVISION_DAYS * r))
                for i in range(hypotheses):
                    for year in years:
                        for k, kind in enumerate(KINDS):
                            amount = (i % 97 + 1) * 100_000 * (r + 1) // (k + 1) + year
                            old = (
                                None
                                if r == 0
                                else str((i % 97 + 1) * 100_000 * r // (k + 1) + year)
                            )
                            figure_rows.append((i + 1, year, kind, amount, at))
                            event_rows.append(
                                (
                                    programme_id,
                                    at,
                                    i + 1,
                                    f"G{i + 1:05d}",
                                    f"{kind}.{year}",
                                    old,
                                    str(amount),
                                )
                            )
            conn.executemany(
                "INSERT INTO figure (hypothesis_id, year, kind, amount_kr, recorded_at, actor,"
                " source, note) VALUES (?, ?, ?, ?, ?, 'generator', 'generator', '')",
                figure_rows,
            )
            conn.executemany(
                "INSERT INTO event (programme_id, at, actor, source, action, hypothesis_id,"
                " subject, field, old_value, new_value, note, recorded_at)"
                " VALUES (?, ?, 'generator', 'generator', 'figure.set', ?, ?, ?, ?, ?, '', ?2)",
                event_rows,
            )
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    return len(figure_rows)
