"""The sample programme for benchmarks (the large one: :mod:`benchmarks.large_programme`)."""

from datetime import UTC, datetime
from pathlib import Path

import tracker


def sample(path: Path) -> Path:
    """The sample programme of ``parat demo`` in a new SQLite file."""
    from tracker.demo import write_demo

    with tracker.open(str(path), actor="bench") as p:
        write_demo(p.engine, datetime.now(UTC))
    return path
