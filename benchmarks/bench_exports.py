"""Exports: seconds and peak memory per format, for the sample programme and for
10,000 hypotheses; the XLSX of 10,000 next to a bare XlsxWriter write of the same cells.

The sample programme is exported end to end from a SQLite file (``Parat.export``:
read + render). The 10,000 hypotheses are a synthetic status computed in memory
(``compute_status``), so the figures measure the renderers. Times are medians of a
few runs; peak memory is measured by tracemalloc in a separate run (tracemalloc
slows the code it watches, so it is never mixed with the timing).

Run: ``python -m benchmarks.bench_exports`` (``make bench`` runs all benchmarks).
"""

import random
import statistics
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

FORMATS = ("md", "html", "pdf", "xlsx", "csv", "json")
NOW = datetime(2018, 3, 12, 9, 0, tzinfo=UTC)


def _median_seconds(work: Callable[[], Any], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _peak_mib(work: Callable[[], Any]) -> float:
    tracemalloc.start()
    try:
        work()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / 2**20


def big_report(n: int = 10_000, seed: int = 7) -> Any:
    """A status of ``n`` hypotheses with figures in every year, and their details."""
    from tracker.domain.stages import Stage
    from tracker.domain.status import BucketFacts, HypothesisFacts, ProgrammeFacts, compute_status
    from tracker.report import ExportMeta, HypothesisDetail, HypothesisView, Report

    rng = random.Random(seed)
    programme = ProgrammeFacts(
        name="Parat til fremtiden",
        target_kr=125_000_000,
        target_year=2018,
        first_year=2015,
        buckets=(
            BucketFacts("driftsbalance", "Faldende driftsbalance", 50_000_000, 1),
            BucketFacts("demografi", "Demografisk udvikling", 25_000_000, 2),
            BucketFacts("politisk", "Politisk prioritering", 50_000_000, 3),
        ),
    )
    stages = list(Stage)
    facts, details = [], {}
    for i in range(n):
        code = f"H{i + 1:05d}"
        years = range(2015, 2019)
        potential = {y: rng.randrange(0, 5_000_000, 1000) for y in years}
        realised = {y: rng.randrange(0, 2_000_000, 1000) for y in years if rng.random() < 0.5}
        investment = {y: rng.randrange(0, 1_000_000, 1000) for y in years if rng.random() < 0.3}
        facts.append(
            HypothesisFacts(
                code=code,
                title=f"Hypotese {i + 1} om bedre drift i område {i % 40} – æøå",
                stage=stages[i % len(stages)],
                area=f"Område {i % 40}",
                owner=f"Ansvarlig {i % 300}",
                bucket=("driftsbalance", "demografi", "politisk", None)[i % 4],
                updated_at=NOW - timedelta(days=i % 90),
                potential=potential,
                realised=realised,
                investment=investment,
            )
        )
        figures: dict[int, dict[str, int]] = {}
        kinds = ("potential", "realised", "investment")
        for kind, amounts in zip(kinds, (potential, realised, investment), strict=True):
            for year, kr in amounts.items():
                figures.setdefault(year, {})[kind] = kr
        details[code] = HypothesisDetail(
            HypothesisView(code, facts[-1].title, facts[-1].area, facts[-1].owner, "Beskrivelse",
                           facts[-1].stage, facts[-1].bucket, None, 1, NOW, NOW),
            dict(sorted(figures.items())),
        )  # fmt: skip
    status = compute_status(programme, facts, NOW)
    meta = ExportMeta(generated_at=NOW, generated_by="bench", tool_version="bench")
    return Report(status=status, meta=meta, details=details)


def bare_xlsx(report: Any) -> bytes:
    """The floor: the Hypoteser sheet's cells written with bare XlsxWriter calls."""
    import io

    import xlsxwriter

    from tracker.exports.xlsx import WORKBOOK_OPTIONS

    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out, WORKBOOK_OPTIONS)
    ws = wb.add_worksheet("Hypoteser")
    money = wb.add_format({"num_format": "#,##0.0,,"})
    years = range(2015, 2019)
    for row, h in enumerate(report.status.hypotheses, start=1):
        d = report.details[h.code]
        ws.write_string(row, 0, h.code)
        ws.write_string(row, 1, h.title)
        ws.write_string(row, 2, h.area)
        ws.write_string(row, 3, h.owner)
        ws.write_string(row, 4, h.stage.label)
        if h.bucket:
            ws.write_string(row, 5, h.bucket)
        for col, value in enumerate(
            (h.weight_pct, h.pipeline_kr, h.weighted_kr, h.decided_kr, h.realised_kr,
             h.investment_kr, h.version),
            start=7,
        ):  # fmt: skip
            ws.write_number(row, col, value, money)
        ws.write_string(row, 15, d.hypothesis.description)
        col = 16
        for y in years:
            kinds = d.figures.get(y, {})
            for kind in ("potential", "realised", "investment"):
                if kinds.get(kind) is not None:
                    ws.write_number(row, col, kinds[kind], money)
                col += 1
    wb.close()
    return out.getvalue()


def _sample_db(folder: Path) -> str:
    import tracker
    from tracker.demo import write_demo

    db = str(folder / "demo.db")
    with tracker.open(db, actor="bench", clock=lambda: NOW) as p:
        write_demo(p.engine, NOW, actor="bench")
    return db


def main() -> None:
    import tracker
    from tracker.exports import render

    print("Exports: median seconds (peak MiB by tracemalloc, separate run)")
    with tempfile.TemporaryDirectory() as folder:
        db = _sample_db(Path(folder))
        with tracker.open(db, actor="bench", clock=lambda: NOW) as p:
            for fmt in FORMATS:  # warm up imports and fonts before timing
                p.export(fmt)
            print("  sample programme (16 hypotheses), read + render:")
            for fmt in FORMATS:
                seconds = _median_seconds(lambda f=fmt: p.export(f), 7)
                peak = _peak_mib(lambda f=fmt: p.export(f))
                print(f"    {fmt:5} {seconds:8.3f} s  {peak:7.1f} MiB")

    started = time.perf_counter()
    report = big_report()
    print(f"  10,000 hypotheses (status computed in memory in "
          f"{time.perf_counter() - started:.2f} s), render only:")  # fmt: skip
    sizes: dict[str, int] = {}
    timings: dict[str, float] = {}
    for fmt in FORMATS:
        runs = 1 if fmt == "pdf" else 3
        result: list[Any] = []
        timings[fmt] = _median_seconds(
            lambda f=fmt, out=result: out.append(render(report, f)), runs
        )
        sizes[fmt] = len(result[-1])
        peak = _peak_mib(lambda f=fmt: render(report, f))
        print(
            f"    {fmt:5} {timings[fmt]:8.3f} s  {peak:7.1f} MiB  {sizes[fmt] / 2**20:6.1f} MiB out"
        )

    ours, bare = [], []
    for _ in range(5):  # interleaved pairs, so load on a shared machine hits both alike
        ours.append(_median_seconds(lambda: render(report, "xlsx"), 1))
        bare.append(_median_seconds(lambda: bare_xlsx(report), 1))
    ratios = sorted(o / b for o, b in zip(ours, bare, strict=True))
    print(
        f"  XLSX 10,000: Parat {statistics.median(ours):.3f} s, bare XlsxWriter "
        f"{statistics.median(bare):.3f} s (medians of 5); ratio of medians "
        f"{statistics.median(ours) / statistics.median(bare):.2f}x, best-of "
        f"{min(ours) / min(bare):.2f}x, per pair {ratios[0]:.2f}-{ratios[-1]:.2f}x (aim <= 2x)"
    )


if __name__ == "__main__":
    main()
