"""Many processes updating the same hypotheses at once: the no-lost-update load.

Used by ``tests/store/test_concurrent_processes.py`` (on SQLite and PostgreSQL) and by
``benchmarks/bench_postgres.py`` (as a load: updates per second, refused as stale).

Each writer is its own OS process. Every update goes through the real CLI (the
Typer app, exactly what the ``parat`` console script runs, called in-process to spare
the interpreter start-up): ``hypothesis show CODE --json`` reads the version and the
current potential just before, then ``figure set … --expect-version V`` adds a
random amount to the potential, or ``hypothesis set … --owner TAG --expect-version V``
renames the owner. Every attempt carries a unique tag as its note, so the checker can
find exactly which updates reached the store and the event log.

Run one writer by hand: ``python -m tests.concurrent_writers URL ID ROUNDS OUT_DIR``.
"""

import io
import json
import os
import random
import subprocess
import sys
import time
import traceback
from collections.abc import Sequence
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CODES = ("H01", "H02")
YEAR = 2018
INITIAL_POTENTIAL_KR = 1_000_000
STALE_EXIT = 3


@dataclass(frozen=True, slots=True)
class LoadResult:
    """What a run of the load did."""

    records: list[dict[str, Any]]
    """One record per attempted update (see :func:`worker`)."""
    seconds: float
    """Wall time from the start signal until the last writer finished."""

    @property
    def succeeded(self) -> int:
        return sum(1 for r in self.records if r["rc"] == 0)

    @property
    def refused(self) -> int:
        return sum(1 for r in self.records if r["rc"] == STALE_EXIT)


def prepare(url: str) -> dict[str, int]:
    """A programme with the hypotheses the writers fight over; returns their versions."""
    import tracker

    versions = {}
    with tracker.open(url, actor="setup") as p:
        p.create_programme()
        for code in CODES:
            p.add_hypothesis(code, title=f"Fælles hypotese {code} (æøå)", owner="start")
            view, _ = p.set_figure(code, YEAR, potential=INITIAL_POTENTIAL_KR)
            versions[code] = view.version
    return versions


def _invoke(args: Sequence[str]) -> tuple[int, str, str]:
    """Run the CLI in this process; returns (exit code, stdout, stderr)."""
    from tracker.cli import app

    out, err = io.StringIO(), io.StringIO()
    code: int
    with redirect_stdout(out), redirect_stderr(err):
        try:
            app(list(args), prog_name="parat", standalone_mode=True)
            code = 0
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
        except BaseException:  # a leak: recorded, and the checker fails on it
            err.write(traceback.format_exc())
            code = -1
    return code, out.getvalue(), err.getvalue()


def worker(url: str, worker_id: int, rounds: int, out_dir: Path) -> None:
    """One writer process: read, then update with ``--expect-version``, ``rounds`` times."""
    import tracker.cli  # noqa: F401  (import before the start signal)

    (out_dir / f"ready-{worker_id}").touch()
    while not (out_dir / "go").exists():
        time.sleep(0.005)
    rng = random.Random(worker_id)
    actor = f"w{worker_id}"
    base = ["--db", url, "--actor", actor]
    with (out_dir / f"worker-{worker_id}.jsonl").open("w", encoding="utf-8") as log:
        for round_ in range(rounds):
            code = rng.choice(CODES)
            tag = f"w{worker_id}-r{round_}"
            rc, out, err = _invoke([*base, "hypothesis", "show", code, "--json"])
            record: dict[str, Any] = {"tag": tag, "worker": worker_id, "code": code}
            if rc != 0:
                log.write(json.dumps({**record, "step": "read", "rc": rc, "stderr": err}) + "\n")
                continue
            shown = json.loads(out)
            version = shown["version"]
            current = next((f["potential_kr"] for f in shown["figures"] if f["year"] == YEAR), None)
            if rng.random() < 0.6:
                delta = rng.randint(1, 9_999) * 100
                value: int | str = current + delta
                args = ["figure", "set", code, str(YEAR), "--potential", f"{value} kr"]
                record.update(kind="figure", delta=delta)
            else:
                value = tag
                args = ["hypothesis", "set", code, "--owner", tag]
                record.update(kind="owner", delta=0)
            rc, out, err = _invoke([*base, *args, "--note", tag, "--expect-version", str(version)])
            record.update(step="write", version=version, value=value, rc=rc, stderr=err)
            log.write(json.dumps(record, ensure_ascii=False) + "\n")


def _args(url: str, worker_id: int, rounds: int, work_dir: Path) -> list[str]:
    return [url, str(worker_id), str(rounds), str(work_dir)]


def run_load(
    url: str, work_dir: Path, *, writers: int = 8, rounds: int = 25, timeout: float = 300
) -> LoadResult:
    """Start ``writers`` processes at once against a prepared store; collect records."""
    work_dir.mkdir(parents=True, exist_ok=True)
    # check() reads the stale line's English words, whatever the caller's language
    # (the benchmarks run with Danish, the default)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PARAT_LANG": "en"}
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.concurrent_writers", *_args(url, i, rounds, work_dir)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        for i in range(writers)
    ]
    deadline = time.monotonic() + timeout
    while not all((work_dir / f"ready-{i}").exists() for i in range(writers)):
        if time.monotonic() > deadline or any(p.poll() not in (None, 0) for p in procs):
            break
        time.sleep(0.01)
    started = time.perf_counter()
    (work_dir / "go").touch()
    outputs = []
    for p in procs:
        out, _ = p.communicate(timeout=max(1.0, deadline - time.monotonic()))
        outputs.append(out.decode(errors="replace"))
    seconds = time.perf_counter() - started
    crashed = [(p.returncode, o) for p, o in zip(procs, outputs, strict=True) if p.returncode]
    if crashed:
        raise AssertionError(f"a writer process crashed: {crashed[0]}")
    records = []
    for i in range(writers):
        with (work_dir / f"worker-{i}.jsonl").open(encoding="utf-8") as log:
            records.extend(json.loads(line) for line in log)
    return LoadResult(records, seconds)


def check(url: str, result: LoadResult, initial_versions: dict[str, int]) -> dict[str, int]:
    """Assert that no update was lost; returns counts. Raises AssertionError otherwise.

    - every attempt ended with exit 0 or the stale exit code 3, and said so in one line;
    - every successful update is in the store and in the event log, once; no refused
      one is anywhere;
    - the potential equals the start plus the sum of the successful increments, the
      version grew by one per successful update, and the potential's events form an
      unbroken chain (each old value is the previous new value).
    """
    import sqlalchemy as sa

    import tracker
    from db.engine import make_engine
    from db.models import Figure, Hypothesis

    problems: list[str] = []
    for r in result.records:
        if r["rc"] == 0 and r["stderr"]:
            problems.append(f"{r['tag']}: succeeded but said {r['stderr']!r}")
        elif r["rc"] == STALE_EXIT:
            lines = r["stderr"].strip().splitlines()
            stale = len(lines) == 1 and lines[0].startswith(f"parat: {r['code']} ")
            if not stale or "reload" not in lines[0]:
                problems.append(f"{r['tag']}: refused without the one stale line: {lines}")
        elif r["rc"] != 0:
            problems.append(f"{r['tag']} ({r['step']}): exit {r['rc']}: {r['stderr']}")
    assert not problems, "\n".join(problems[:10])

    writes = [r for r in result.records if r["step"] == "write"]
    wins = {r["tag"]: r for r in writes if r["rc"] == 0}
    engine = make_engine(url)
    try:
        with tracker.open(url, actor="checker") as p:
            for code in CODES:
                detail = p.hypothesis(code)
                mine = [e for e in reversed(detail.events) if e.actor.startswith("w")]
                code_wins = {t: r for t, r in wins.items() if r["code"] == code}
                logged = [e.note for e in mine]
                assert sorted(logged) == sorted(code_wins), (
                    f"{code}: the event log and the successful updates differ: "
                    f"only logged {sorted(set(logged) - set(code_wins))[:5]}, "
                    f"only reported {sorted(set(code_wins) - set(logged))[:5]}"
                )
                increments = sum(r["delta"] for r in code_wins.values())
                potential = detail.figures[YEAR]["potential"]
                assert potential == INITIAL_POTENTIAL_KR + increments, (
                    f"{code}: potential {potential} != start + successful increments "
                    f"{INITIAL_POTENTIAL_KR + increments}"
                )
                chain = [e for e in mine if e.field == f"potential.{YEAR}"]
                previous = str(INITIAL_POTENTIAL_KR)
                for e in chain:
                    assert e.old_value == previous, f"{code}: lost update before {e.note}"
                    assert e.new_value == str(code_wins[e.note]["value"])
                    previous = e.new_value
                owners = [e for e in mine if e.field == "owner"]
                if owners:
                    assert detail.hypothesis.owner == owners[-1].new_value
                # Each success moved the version on by one, from the one its writer read.
                start = initial_versions[code]
                versions = sorted(r["version"] for r in code_wins.values())
                assert versions == list(range(start, start + len(versions))), (
                    f"{code}: successful updates did not start from distinct versions"
                )
                assert detail.hypothesis.version == start + len(versions)
        f = Figure.__table__  # type: ignore[attr-defined]
        h = Hypothesis.__table__  # type: ignore[attr-defined]
        with engine.connect() as conn:
            rows = conn.execute(
                sa.select(f.c.note, f.c.amount_kr, h.c.code)
                .join(h, h.c.id == f.c.hypothesis_id)
                .where(f.c.actor.like("w%"))
            ).all()
    finally:
        engine.dispose()
    figure_wins = {t: r for t, r in wins.items() if r["kind"] == "figure"}
    stored = {note: (amount, code) for note, amount, code in rows}
    assert len(rows) == len(stored) == len(figure_wins), "figure records and successes differ"
    for tag, r in figure_wins.items():
        assert stored.get(tag) == (r["value"], r["code"]), f"{tag}: figure record missing/wrong"
    return {
        "attempts": len(writes),
        "succeeded": len(wins),
        "refused": sum(1 for r in writes if r["rc"] == STALE_EXIT),
    }


if __name__ == "__main__":
    worker(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), Path(sys.argv[4]))
