"""How sure are we, for 10,000 hypotheses with ranges and 20,000 draws: Parat's
simulation (both ways, buckets, overlaps, percentiles) next to a bare numpy loop that
draws the same Bernoulli and Beta variates and sums them (aim <= 1.5x), and the peak
memory of the process that simulates (aim <= 500 MB)."""

import json
import random
import subprocess
import sys

from benchmarks.common import Timing
from tracker.domain.risk import OverlapFacts, RiskFacts, RiskHypothesis
from tracker.domain.status import BucketFacts

HYPOTHESES = 10_000
WEIGHTS = (10, 25, 50, 75, 90, 100)


def programme(n: int = HYPOTHESES, seed: int = 1) -> RiskFacts:
    """A large programme: every hypothesis has a range, 200 overlaps, three buckets."""
    rnd = random.Random(seed)
    hypotheses = []
    for i in range(n):
        likely = rnd.randint(100_000, 5_000_000)
        low = likely - rnd.randint(1, likely)
        high = likely + rnd.randint(1, 2 * likely)
        hypotheses.append(RiskHypothesis(f"H{i:05d}", rnd.choice(WEIGHTS), low, likely, high))
    codes = [h.code for h in hypotheses]
    overlaps = tuple(
        OverlapFacts(tuple(rnd.sample(codes, rnd.randint(2, 3))), rnd.randint(0, 500_000))
        for _ in range(200)
    )
    buckets = tuple(BucketFacts(k, k, t, p) for p, (k, t) in enumerate(BUCKETS, start=1))
    return RiskFacts(n * 1_600_000, tuple(hypotheses), overlaps, buckets=buckets)


BUCKETS = (("drift", 6_000_000_000), ("anlaeg", 4_000_000_000), ("buffer", 2_000_000_000))

# VmHWM, not ru_maxrss: Linux carries ru_maxrss over exec() from the parent.
HWM = """
hwm = next(int(line.split()[1]) for line in open("/proc/self/status")
           if line.startswith("VmHWM:"))
"""

PARAT = (
    """
import json, sys, time
from benchmarks.bench_risk import programme
from tracker.domain.risk import compute_risk
facts = programme()
runs = []
for _ in range(int(sys.argv[1])):
    t = time.perf_counter()
    risk = compute_risk(facts)
    runs.append(time.perf_counter() - t)
"""
    + HWM
    + """
print(json.dumps({"runs": runs, "maxrss_kb": hwm, "p_target": risk.independent.p_target}))
"""
)

# The independent draws alone, as plainly as numpy allows: the same chunks of whole
# draws, a uniform per hypothesis and draw, a Beta variate where it came true.
FLOOR = (
    """
import json, sys, time
import numpy as np
from benchmarks.bench_risk import programme
facts = programme()
hs = facts.hypotheses
p = np.array([h.weight_pct for h in hs]) / 100
low = np.array([h.low_kr for h in hs], dtype=float)
span = np.array([h.high_kr for h in hs], dtype=float) - low
alpha = 1 + 4 * (np.array([h.likely_kr for h in hs]) - low) / span
beta = 6 - alpha
runs = []
for _ in range(int(sys.argv[1])):
    t = time.perf_counter()
    rng = np.random.default_rng(2018)
    rows = (1 << 20) // len(hs)
    totals = []
    for start in range(0, 20_000, rows):
        n = min(rows, 20_000 - start)
        row, col = np.divmod(np.flatnonzero(rng.random((n, len(hs))) < p), len(hs))
        amount = low[col] + span[col] * rng.beta(alpha[col], beta[col])
        totals.append(np.bincount(row, weights=amount, minlength=n))
    total = np.concatenate(totals)
    runs.append(time.perf_counter() - t)
reached = float((total >= facts.target_kr).mean())
"""
    + HWM
    + """
print(json.dumps({"runs": runs, "maxrss_kb": hwm, "p_target": reached}))
"""
)


def _run(script: str, repeat: int) -> dict:  # type: ignore[type-arg]
    out = subprocess.run(
        [sys.executable, "-c", script, str(repeat)], check=True, capture_output=True, text=True
    ).stdout
    return json.loads(out)


def main(rounds: int = 3) -> None:
    floor_runs: list[float] = []
    parat_runs: list[float] = []
    # Alternate whole processes so that drift hits both alike.
    for _ in range(rounds):
        floor = _run(FLOOR, 1)
        parat = _run(PARAT, 1)
        floor_runs += floor["runs"]
        parat_runs += parat["runs"]
    floor_t, parat_t = Timing(tuple(floor_runs)), Timing(tuple(parat_runs))
    ratio = parat_t.median / floor_t.median
    print(f"\n## Risk simulation ({HYPOTHESES:,} hypotheses with ranges, 20,000 draws)")
    print(f"  bare numpy: Bernoulli + Beta, summed   {floor_t}")
    print(f"  Parat compute_risk()                   {parat_t}")
    verdict = "within aim" if ratio <= 1.5 else "ABOVE aim"
    print(f"  ratio Parat / bare numpy = {ratio:.2f}x (aim <= 1.5x: {verdict})")
    print(
        f"  p_target: Parat {parat['p_target']:.4f}, "
        f"bare numpy (no overlaps) {floor['p_target']:.4f}"
    )
    mb, floor_mb = parat["maxrss_kb"] / 1024, floor["maxrss_kb"] / 1024
    print(f"  peak memory (max RSS of the simulating process) = {mb:.0f} MB (aim <= 500 MB)")
    print(f"  peak memory of the bare numpy process = {floor_mb:.0f} MB")


if __name__ == "__main__":
    main()
