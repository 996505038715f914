"""The status of the 10,000-hypothesis programme with cuts (udmøntning) and
validations, through Parat, next to a hand-written raw sqlite3 query of the same
totals (pipeline, weighted, udmøntet, validated for the target year; aim <= 3x).

On top of :mod:`benchmarks.large_programme` (600,000 figure records): two rammer, a
cut for the target year (and one for the year before) of every decided and
implemented hypothesis (4,000), withdrawn again for every tenth; and the finance
department's verdict on the realised 2018 figure of every third hypothesis (3,334),
one in seven rejected; all through the real services (``Parat.batch``).
"""

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.common import Timing
from benchmarks.large_programme import build

HYPOTHESES = 10_000
DECIDED = ("decided", "implemented")
STAGES = ("identified", "qualified", "quantified", "decided", "implemented")

PARAT = """
import json, sys, time
import tracker
runs = []
with tracker.open(sys.argv[1], actor="bench") as p:
    for _ in range(int(sys.argv[2])):
        t = time.perf_counter()
        status = p.status()
        runs.append(time.perf_counter() - t)
t = status.totals
print(json.dumps({"runs": runs, "weighted_kr": t.weighted_kr, "pipeline_kr": t.pipeline_kr,
                  "budgeted_kr": t.budgeted_kr, "validated_kr": t.validated_kr,
                  "measure": status.progress_measure.value}))
"""

# The same totals by hand, per year as status has them (bench_status's floor): the
# latest record per (hypothesis, kind, year), the stage weight, rounding half up per
# hypothesis; the latest cut per (hypothesis, ramme, year) (a withdrawn one has no
# amount); the realised record standing now whose latest verdict approves it.
RAW = """
import json, sqlite3, sys, time
con = sqlite3.connect(sys.argv[1])
figures = '''
WITH cur AS (
  SELECT hypothesis_id, kind, year, amount_kr, max(id)
  FROM figure WHERE year BETWEEN 2015 AND 2018 GROUP BY hypothesis_id, kind, year
), w(stage, pct) AS (VALUES ('identified',10),('qualified',25),('quantified',50),
  ('decided',75),('implemented',90),('realised',100),('dropped',0))
SELECT cur.year,
  sum(CASE WHEN kind='potential' AND h.stage != 'dropped' THEN amount_kr ELSE 0 END),
  sum(CASE WHEN kind='potential' THEN (amount_kr * w.pct + 50) / 100 ELSE 0 END),
  sum(CASE WHEN kind='realised' THEN amount_kr ELSE 0 END),
  sum(CASE WHEN kind='investment' THEN amount_kr ELSE 0 END)
FROM cur JOIN hypothesis h ON h.id = cur.hypothesis_id JOIN w ON w.stage = h.stage
GROUP BY cur.year ORDER BY cur.year
'''
cuts = '''
SELECT year, sum(amount_kr) FROM (
  SELECT year, amount_kr, max(id) FROM budget_cut GROUP BY hypothesis_id, ramme_id, year
) GROUP BY year ORDER BY year
'''
validated = '''
WITH verdict AS (SELECT figure_id, approved, max(id) FROM validation GROUP BY figure_id),
standing AS (
  SELECT max(id) AS id FROM figure WHERE kind = 'realised' GROUP BY hypothesis_id, year
)
SELECT f.year, sum(f.amount_kr) FROM verdict
JOIN standing ON standing.id = verdict.figure_id
JOIN figure f ON f.id = verdict.figure_id
WHERE verdict.approved GROUP BY f.year ORDER BY f.year
'''
runs = []
for _ in range(int(sys.argv[2])):
    t = time.perf_counter()
    years = con.execute(figures).fetchall()
    budgeted = dict(con.execute(cuts).fetchall())
    valid = dict(con.execute(validated).fetchall())
    runs.append(time.perf_counter() - t)
print(json.dumps({"runs": runs, "weighted_kr": years[-1][2], "pipeline_kr": years[-1][1],
                  "budgeted_kr": budgeted[2018], "validated_kr": valid[2018]}))
"""


def fill(db: Path) -> tuple[int, int]:
    """The rammer, the cuts and the verdicts, through the services; returns how many
    cut lines and verdicts were written."""
    import tracker

    with tracker.open(str(db), actor="bench") as p:
        p.add_ramme("kd", name="Kommunaldirektøren", udvalg="Økonomiudvalget")
        p.add_ramme("aeldre", name="Ældre", udvalg="Social")
        p.set_programme(validators="okonomi")
        lines = []
        for i in range(HYPOTHESES):
            if STAGES[i % len(STAGES)] not in DECIDED:
                continue
            code, ramme = f"G{i + 1:05d}", ("kd", "aeldre")[i % 2]
            for year, amount in ((2018, (i % 97 + 1) * 40_000), (2017, 100_000)):
                lines.append(json.dumps({
                    "cmd": "budget.cut", "code": code, "ramme": ramme, "year": year,
                    "amount": amount, "unit": "kr", "decision": "Byrådet 08.10.2015, pkt. 12",
                }))  # fmt: skip
            if i % 10 == 3:
                lines.append(json.dumps(
                    {"cmd": "budget.uncut", "code": code, "ramme": ramme, "year": 2018}
                ))  # fmt: skip
        results = list(p.batch(lines, atomic=True))
        assert all(r.ok for r in results), next(r for r in results if not r.ok)
    with tracker.open(str(db), actor="okonomi") as p:
        verdicts = [
            json.dumps(
                {
                    "cmd": "figure.validate",
                    "code": f"G{i + 1:05d}",
                    "year": 2018,
                    "approve": bool(i % 7),
                    "ref": f"sag 18/{i}",
                }
            )
            for i in range(0, HYPOTHESES, 3)
        ]
        results = list(p.batch(verdicts, atomic=True))
        assert all(r.ok for r in results), next(r for r in results if not r.ok)
    return len(lines), len(verdicts)


def _run(script: str, db: Path, repeat: int) -> dict:  # type: ignore[type-arg]
    out = subprocess.run(
        [sys.executable, "-c", script, str(db), str(repeat)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out)


def main(repeat: int = 7) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "layers.db"
        build(db, hypotheses=HYPOTHESES)
        cut_lines, verdicts = fill(db)
        raw_runs: list[float] = []
        parat_runs: list[float] = []
        # Alternate whole rounds so that drift hits both alike.
        for _ in range(3):
            raw = _run(RAW, db, repeat)
            parat = _run(PARAT, db, repeat)
            raw_runs += raw["runs"][1:]
            parat_runs += parat["runs"][1:]
        for key in ("weighted_kr", "pipeline_kr", "budgeted_kr", "validated_kr"):
            assert raw[key] == parat[key], (key, raw, parat)
        assert parat["measure"] == "validated"
        raw_t, parat_t = Timing(tuple(raw_runs)), Timing(tuple(parat_runs))
        ratio = parat_t.median / raw_t.median
        print(
            f"\n## Status with udmøntning and validation ({HYPOTHESES:,} hypotheses, "
            f"{cut_lines:,} cut lines, {verdicts:,} verdicts)"
        )
        print(f"  raw sqlite3 query of the same totals  {raw_t}")
        print(f"  Parat status()                        {parat_t}")
        verdict = "within aim" if ratio <= 3 else "ABOVE aim"
        print(f"  ratio Parat / raw = {ratio:.2f}x (aim <= 3x: {verdict})")
        print(f"  udmøntet {parat['budgeted_kr']:,} kr · valideret {parat['validated_kr']:,} kr")


if __name__ == "__main__":
    main()
