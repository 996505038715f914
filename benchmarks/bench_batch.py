"""``parat batch`` of 1,000 ``figure.set`` lines, whole process, next to one
``parat status --json`` process on the same sample programme (aim <= 5x).

A thousand separate ``parat figure set`` processes cost about a thousand start-ups;
the batch pays one, and then one transaction a line (each with its figure record,
its event and the version bump). Both run on copies of one sample database, in turn,
so that drift hits both alike; every batch run starts from a fresh copy, so each
line really changes a figure.
"""

import json
import shutil
import sys
import tempfile
from pathlib import Path

from benchmarks import generate
from benchmarks.common import BIN, clean_env, interleaved, report, run_process

LINES = 1_000
BATCH = "parat batch (1,000 figure.set)"
STATUS = "parat status --json"


def write_lines(path: Path, lines: int = LINES) -> Path:
    """``figure.set`` lines over the 16 sample hypotheses and four years; every value
    differs from the one before it on the same cell, so every line writes."""
    codes = [f"H{i:02d}" for i in range(1, 17)]
    with path.open("w", encoding="utf-8") as f:
        for i in range(lines):
            command = {
                "cmd": "figure.set",
                "code": codes[i % len(codes)],
                "year": 2015 + (i // len(codes)) % 4,
                # 2–7,999 mio.: inside every sample range (H08 2–13, H10 1–9, H11 2–16)
                "potential": f"{2 + i % 6},{i % 1000:03d}",
                "note": "benchmark",
            }
            f.write(json.dumps(command) + "\n")
    return path


def main(repeat: int = 7) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        base = generate.sample(Path(tmp) / "sample.db")
        lines = write_lines(Path(tmp) / "figures.jsonl")
        env = clean_env(PARAT_ACTOR="bench")
        parat = str(BIN / "parat")
        work = Path(tmp) / "work.db"

        def batch() -> float:
            shutil.copyfile(base, work)  # not timed: each run writes every line anew
            return run_process([parat, "--db", str(work), "batch", str(lines)], env)

        def status() -> float:
            return run_process([parat, "--db", str(base), "status", "--json"], env)

        # run_process fails loudly on a non-zero exit: a line that failed stops it
        timings = interleaved({BATCH: batch, STATUS: status}, repeat, warmup=1)
        return report(
            "parat batch: 1,000 figure.set lines in one process", timings, (BATCH, STATUS), 5.0
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 7)
