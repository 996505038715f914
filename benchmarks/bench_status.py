"""The status of a large programme (600,000 figure records) computed through Parat,
next to a hand-written raw sqlite3 query of the same totals (aim <= 3x), and the peak
memory of the process that computes it (aim <= 250 MB)."""

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.common import Timing
from benchmarks.large_programme import build

PARAT = """
import json, sys, time
import tracker
runs = []
with tracker.open(sys.argv[1], actor="bench") as p:
    for _ in range(int(sys.argv[2])):
        t = time.perf_counter()
        status = p.status()
        runs.append(time.perf_counter() - t)
# VmHWM, not ru_maxrss: Linux carries ru_maxrss over exec() from the parent (which
# built the large database in memory), VmHWM belongs to this process alone.
hwm = next(int(line.split()[1]) for line in open("/proc/self/status")
           if line.startswith("VmHWM:"))
print(json.dumps({"runs": runs, "weighted_kr": status.totals.weighted_kr,
                  "pipeline_kr": status.totals.pipeline_kr, "maxrss_kb": hwm}))
"""

# The same totals by hand: latest record per (hypothesis, kind, year), the stage
# weight, rounding half up per hypothesis, summed per year.
RAW = """
import json, sqlite3, sys, time
con = sqlite3.connect(sys.argv[1])
sql = '''
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
runs = []
for _ in range(int(sys.argv[2])):
    t = time.perf_counter()
    rows = con.execute(sql).fetchall()
    runs.append(time.perf_counter() - t)
print(json.dumps({"runs": runs, "weighted_kr": rows[-1][2], "pipeline_kr": rows[-1][1]}))
"""


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
        db = Path(tmp) / "large.db"
        build(db)
        raw_runs: list[float] = []
        parat_runs: list[float] = []
        # Alternate whole rounds so that drift hits both alike.
        for _ in range(3):
            raw = _run(RAW, db, repeat)
            parat = _run(PARAT, db, repeat)
            raw_runs += raw["runs"][1:]
            parat_runs += parat["runs"][1:]
        assert raw["weighted_kr"] == parat["weighted_kr"], (raw, parat)
        assert raw["pipeline_kr"] == parat["pipeline_kr"], (raw, parat)
        raw_t, parat_t = Timing(tuple(raw_runs)), Timing(tuple(parat_runs))
        ratio = parat_t.median / raw_t.median
        print("\n## Large programme status (10,000 hypotheses, 600,000 figure records)")
        print(f"  raw sqlite3 query of the same totals  {raw_t}")
        print(f"  Parat status()                        {parat_t}")
        verdict = "within aim" if ratio <= 3 else "ABOVE aim"
        print(f"  ratio Parat / raw = {ratio:.2f}x (aim <= 3x: {verdict})")
        mb = parat["maxrss_kb"] / 1024
        print(f"  peak memory (max RSS of the status process) = {mb:.0f} MB (aim <= 250 MB)")


if __name__ == "__main__":
    main()
