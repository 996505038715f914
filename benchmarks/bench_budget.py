"""``parat budget report --json`` for 200 rammer × 8 years next to one ``parat status
--json`` of the same database, whole processes (aim <= 1.5x).

The sample programme gets 200 rammer in 10 udvalg (a tenth outside the
serviceramme), the five budget figures for 2014–2021 of each (8.000 records, through
``parat budget import``, the way a finance extract arrives) and a cut of every
decided hypothesis on a ramme.
"""

import sys
import tempfile
from functools import partial
from pathlib import Path

from benchmarks import generate
from benchmarks.common import BIN, clean_env, interleaved, report, run_process

RAMMER = 200
YEARS = range(2014, 2022)


def _extract(path: Path) -> Path:
    lines = ["ramme;year;original;supplementary;carried;actual;forecast"]
    for i in range(RAMMER):
        for year in YEARS:
            base = 1_000 + 37 * i + year % 7
            lines.append(
                f"r{i:03d};{year};{base} tkr;{-(i % 9) * 11} tkr;{i % 5} tkr;"
                f"{base - 17} tkr;{base + 3} tkr"
            )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def fill(db: Path, folder: Path) -> None:
    """The rammer, their figures and the cuts, through the real CLI and API."""
    import tracker

    with tracker.open(str(db), actor="bench") as p:
        for i in range(RAMMER):
            p.add_ramme(
                f"r{i:03d}",
                name=f"Ramme {i:03d}",
                udvalg=f"Udvalg {i % 10}",
                serviceramme=i % 10 != 0,
            )
        result = p.import_budget(_extract(folder / "udtraek.csv"))
        assert result.changes == RAMMER * len(YEARS) * 5, result
        decided = [h for h in p.status().hypotheses if h.decided_kr > 0]
        for n, h in enumerate(decided):
            p.cut(h.code, f"r{n:03d}", 2018, h.decided_kr // 2, decision="Byrådet, pkt. 12")


def main(repeat: int = 15) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = generate.sample(folder / "sample.db")
        fill(db, folder)
        env = clean_env()
        parat = [str(BIN / "parat"), "--db", str(db)]
        tasks = {
            "parat status --json": partial(run_process, [*parat, "status", "--json"], env),
            "parat budget report 2018 --json": partial(
                run_process, [*parat, "budget", "report", "2018", "--json"], env
            ),
            "parat budget report 2018 (text)": partial(
                run_process, [*parat, "budget", "report", "2018"], env
            ),
            "python -c pass": partial(run_process, [sys.executable, "-c", "pass"], env),
        }
        timings = interleaved(tasks, repeat)
        report(
            f"Budget follow-up: {RAMMER} rammer × {len(YEARS)} years (sample programme)",
            timings,
            ("parat budget report 2018 --json", "parat status --json"),
            1.5,
        )


if __name__ == "__main__":
    main()
