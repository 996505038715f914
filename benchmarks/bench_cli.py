"""``parat status --json`` on the sample programme, whole process, next to a floor
script that only imports sqlmodel and typer and reads one row (aim <= 1.3x); and
``parat risk --json`` (the simulation: numpy, 20,000 draws both ways) next to one
``parat status --json`` process (aim <= 1.5x), in the same interleaved runs.

Both start from bytecode: the floor's libraries were compiled by pip, Parat's own
modules are compiled first (see :func:`benchmarks.common.byte_compiled`)."""

import sys
import tempfile
from functools import partial
from pathlib import Path

from benchmarks import generate
from benchmarks.common import BIN, byte_compiled, clean_env, interleaved, report, run_process

FLOOR = """
import sys
import sqlmodel, typer
from sqlalchemy import create_engine, text
engine = create_engine("sqlite:///" + sys.argv[1])
with engine.connect() as conn:
    print(conn.execute(text("SELECT name FROM programme")).scalar())
"""


def main(repeat: int = 15) -> None:
    byte_compiled()
    with tempfile.TemporaryDirectory() as tmp:
        db = generate.sample(Path(tmp) / "sample.db")
        env = clean_env()
        tasks = {
            "floor (import sqlmodel+typer, 1 row)": partial(
                run_process, [sys.executable, "-c", FLOOR, str(db)], env
            ),
            "parat status --json": partial(
                run_process, [str(BIN / "parat"), "--db", str(db), "status", "--json"], env
            ),
            "parat risk --json": partial(
                run_process, [str(BIN / "parat"), "--db", str(db), "risk", "--json"], env
            ),
            "python -c pass": partial(run_process, [sys.executable, "-c", "pass"], env),
        }
        timings = interleaved(tasks, repeat)
        report(
            "CLI start-up: parat status --json (sample programme)",
            timings,
            ("parat status --json", "floor (import sqlmodel+typer, 1 row)"),
            1.3,
        )
        report(
            "How sure are we: parat risk --json (sample programme, 20,000 draws)",
            {name: timings[name] for name in ("parat risk --json", "parat status --json")},
            ("parat risk --json", "parat status --json"),
            1.5,
        )


if __name__ == "__main__":
    main()
