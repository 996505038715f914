"""Completing a hypothesis code (``parat hypothesis show H1<TAB>``, bash), whole process,
next to one ``parat status --json`` on the sample programme (aim <= 1.5x)."""

import sys
import tempfile
from functools import partial
from pathlib import Path

from benchmarks import generate
from benchmarks.common import BIN, clean_env, interleaved, report, run_process


def main(repeat: int = 15) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = generate.sample(Path(tmp) / "sample.db")
        words = f"parat --db {db} hypothesis show H1"
        completing = clean_env(
            _PARAT_COMPLETE="complete_bash",
            COMP_WORDS=words,
            COMP_CWORD=str(len(words.split()) - 1),
        )
        tasks = {
            "parat status --json": partial(
                run_process, [str(BIN / "parat"), "--db", str(db), "status", "--json"], clean_env()
            ),
            "complete a code (bash)": partial(run_process, [str(BIN / "parat")], completing),
            "python -c pass": partial(run_process, [sys.executable, "-c", "pass"], clean_env()),
        }
        timings = interleaved(tasks, repeat)
        report(
            "Completion of a hypothesis code (sample programme)",
            timings,
            ("complete a code (bash)", "parat status --json"),
            1.5,
        )


if __name__ == "__main__":
    main()
