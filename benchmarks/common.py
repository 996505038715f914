"""Timing helpers: interleaved runs, medians and the spread that tells the noise."""

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

BIN = Path(sys.executable).parent
ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Timing:
    """Seconds of repeated runs: the median and the inter-quartile spread."""

    runs: tuple[float, ...]

    @property
    def median(self) -> float:
        return statistics.median(self.runs)

    @property
    def spread(self) -> float:
        """Inter-quartile range relative to the median (the noise)."""
        if len(self.runs) < 4:
            return 0.0
        q = statistics.quantiles(self.runs, n=4)
        return (q[2] - q[0]) / self.median

    def __str__(self) -> str:
        return f"{self.median * 1000:8.1f} ms (±{self.spread * 100:4.1f} % IQR, n={len(self.runs)})"


def run_process(argv: Sequence[str], env: dict[str, str] | None = None) -> float:
    """Wall time of one whole process; fails loudly if it fails."""
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start


def interleaved(
    tasks: dict[str, Callable[[], float]], repeat: int, warmup: int = 2
) -> dict[str, Timing]:
    """Run the tasks in turn ``repeat`` times so that drift hits all of them alike."""
    for _ in range(warmup):
        for task in tasks.values():
            task()
    runs: dict[str, list[float]] = {name: [] for name in tasks}
    for _ in range(repeat):
        for name, task in tasks.items():
            runs[name].append(task())
    return {name: Timing(tuple(r)) for name, r in runs.items()}


def report(title: str, timings: dict[str, Timing], ratio: tuple[str, str], aim: float) -> float:
    """Print the timings and the ratio target/floor; returns the ratio."""
    print(f"\n## {title}")
    for name, timing in timings.items():
        print(f"  {name:<34} {timing}")
    target, floor = ratio
    value = timings[target].median / timings[floor].median
    verdict = "within aim" if value <= aim else "ABOVE aim"
    print(f"  ratio {target} / {floor} = {value:.2f}x (aim <= {aim}x: {verdict})")
    return value


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PARAT_")}
    env.update(extra)
    return env


def byte_compiled() -> None:
    """Byte-compile Parat's own packages, as the libraries beside them are.

    pip compiled the libraries when it installed them; Parat is installed editable,
    so its modules are compiled on first import and the bytecode kept, except where
    ``PYTHONDONTWRITEBYTECODE`` is set (as on these machines): there every run
    compiles them from source again, a cost no installed ``parat`` pays and a floor of
    precompiled libraries does not pay either. Compiled here once, both sides of a
    start-up ratio start alike.
    """
    import compileall

    for package in ("tracker", "db", "tui"):
        compileall.compile_dir(ROOT / package, quiet=1)
