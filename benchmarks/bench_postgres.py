"""PostgreSQL next to SQLite, measured in the same run.

1. ``parat status --json`` as a whole process on the sample programme, with the
   interpreter's own start-up as the floor.
2. The large programme's status: 10,000 hypotheses × 4 years × 3 kinds × 5 revisions
   = 600,000 figure records (filled with ``executemany`` on SQLite, ``COPY`` on
   PostgreSQL), in-process and as a whole ``parat status --json`` process.
3. The concurrency test as a load: 8 writer processes updating the same two
   hypotheses through the CLI with ``--expect-version``; updates per second and how
   many were refused as stale.

PostgreSQL: the server in ``PARAT_BENCH_DATABASE_URL``, else ``PARAT_TEST_DATABASE_URL``
(a database of its own is created and dropped). Run: ``python -m benchmarks.bench_postgres``.
When that server cannot be reached, one line says so and this benchmark is skipped.
"""

import os
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.pool import NullPool

ROOT = Path(__file__).resolve().parent.parent
_SCRIPT = Path(sys.executable).parent / "parat"
PARAT = (
    [str(_SCRIPT)]
    if _SCRIPT.exists()
    else [sys.executable, "-c", "from tracker.cli import main; main()"]
)
HYPOTHESES = 10_000
YEARS = (2015, 2016, 2017, 2018)
KINDS = ("potential", "realised", "investment")
REVISIONS = 5
STAGES = ("identified", "qualified", "quantified", "decided", "implemented", "realised")
BASE = datetime(2017, 1, 2, 8, 0, tzinfo=UTC)


def _median(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _spread(values: list[float]) -> str:
    return f"min {min(values):.3f} s, max {max(values):.3f} s"


def _server() -> str | None:
    return os.environ.get("PARAT_BENCH_DATABASE_URL") or os.environ.get("PARAT_TEST_DATABASE_URL")


def _unreachable(server: str) -> str | None:
    """Why the PostgreSQL server cannot be used (one line), or ``None`` when it answers."""
    url = sa.make_url(server)
    shown = url.render_as_string(hide_password=True)
    engine = sa.create_engine(url, poolclass=NullPool, connect_args={"connect_timeout": 5})
    try:
        with engine.connect():
            return None
    except sa.exc.DBAPIError as error:
        reason = str(error.orig).strip().splitlines()[0] if error.orig else type(error).__name__
        return f"PostgreSQL is unreachable at {shown} ({reason})"
    finally:
        engine.dispose()


@contextmanager
def _pg_database() -> Iterator[str | None]:
    server = _server()
    if not server:
        yield None
        return
    url = sa.make_url(server)
    name = f"parat_bench_{secrets.token_hex(5)}"
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def _cli(url: str, *args: str) -> None:
    subprocess.run([*PARAT, "--db", url, *args], check=True, capture_output=True, cwd=ROOT)


def _interleaved(engines: dict[str, str], repeat: int) -> dict[str, list[float]]:
    """Whole-process ``status --json`` times, alternating between the engines."""
    times: dict[str, list[float]] = {name: [] for name in engines}
    for _ in range(repeat):
        for name, url in engines.items():
            times[name].extend(_cli_times(url, 1))
    return times


def _cli_times(url: str, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        _cli(url, "status", "--json")
        times.append(time.perf_counter() - start)
    return times


def _fill_large(url: str) -> None:
    """The large programme: bulk inserts below the services (COPY on PostgreSQL)."""
    import tracker
    from db.engine import make_engine

    with tracker.open(url, actor="bench") as p:
        p.create_programme()
    moment = BASE.replace(tzinfo=None)
    hypotheses = [
        (1, f"H{n:05d}", f"Hypotese {n}", f"Område {n % 12}", f"Ejer {n % 40}", "", *rest)
        for n in range(1, HYPOTHESES + 1)
        for rest in [(STAGES[n % len(STAGES)], 1, moment, moment)]
    ]
    h_cols = "programme_id, code, title, area, owner, description, stage, version"
    h_cols += ", created_at, updated_at"

    def figures(first_id: int) -> Iterator[tuple[object, ...]]:
        for hid in range(first_id, first_id + HYPOTHESES):
            for year in YEARS:
                for k, kind in enumerate(KINDS):
                    for rev in range(REVISIONS):
                        amount = (hid % 97 + 1) * 10_000 * (k + 1) + rev * 1_000
                        at = moment + timedelta(days=rev * 7, seconds=hid % 3600)
                        yield (hid, year, kind, amount, at, "bench", "import", "")

    f_cols = "hypothesis_id, year, kind, amount_kr, recorded_at, actor, source, note"
    engine = make_engine(url)
    try:
        raw = engine.raw_connection()
        try:
            cur = raw.cursor()
            if engine.dialect.name == "postgresql":
                with cur.copy(f"COPY hypothesis ({h_cols}) FROM STDIN") as copy:
                    for row in hypotheses:
                        copy.write_row(row)
                cur.execute("SELECT min(id) FROM hypothesis")
                first = cur.fetchone()[0]
                with cur.copy(f"COPY figure ({f_cols}) FROM STDIN") as copy:
                    for row in figures(first):
                        copy.write_row(row)
                raw.commit()
            else:
                cur.execute("BEGIN IMMEDIATE")
                # SQLAlchemy's SQLite DateTime text format, so SQL comparisons match.
                fmt = "%Y-%m-%d %H:%M:%S.%f"
                cur.executemany(
                    f"INSERT INTO hypothesis ({h_cols}) VALUES (?,?,?,?,?,?,?,?,?,?)",
                    [(*r[:-2], r[-2].strftime(fmt), r[-1].strftime(fmt)) for r in hypotheses],
                )
                cur.execute("SELECT min(id) FROM hypothesis")
                first = cur.fetchone()[0]
                cur.executemany(
                    f"INSERT INTO figure ({f_cols}) VALUES (?,?,?,?,?,?,?,?)",
                    ((*r[:4], r[4].strftime(fmt), *r[5:]) for r in figures(first)),
                )
                cur.execute("COMMIT")
            cur.close()
        finally:
            raw.close()
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            # What autovacuum / a DBA does after a bulk load: fresh statistics (and the
            # visibility map that lets PostgreSQL answer from the covering index alone).
            conn.exec_driver_sql(
                "VACUUM ANALYZE figure" if engine.dialect.name == "postgresql" else "ANALYZE"
            )
            count = conn.exec_driver_sql("SELECT count(*) FROM figure").scalar_one()
        assert count == HYPOTHESES * len(YEARS) * len(KINDS) * REVISIONS
    finally:
        engine.dispose()


def _status_in_process(url: str, repeat: int) -> tuple[float, int]:
    import tracker

    with tracker.open(url, actor="bench") as p:
        p.status()  # warm
        result: list[int] = []
        seconds = _median(lambda: result.append(p.status().totals.weighted_kr), repeat)
    return seconds, result[0]


def _query_seconds(url: str, repeat: int) -> float:
    """The engine's own share: the current-figures query alone (120,000 rows)."""
    from db.engine import make_engine
    from db.queries import current_figures

    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            as_of = datetime.now(UTC)

            def run() -> int:
                return sum(
                    1 for _ in current_figures(conn, first_year=2015, last_year=2018, as_of=as_of)
                )

            run()
            return _median(run, repeat)
    finally:
        engine.dispose()


def _load(url: str, work: Path, writers: int, rounds: int) -> dict[str, float]:
    sys.path.insert(0, str(ROOT))
    from tests.concurrent_writers import check, prepare, run_load

    initial = prepare(url)
    result = run_load(url, work, writers=writers, rounds=rounds)
    counts = check(url, result, initial)
    return {
        "attempts": counts["attempts"],
        "succeeded": counts["succeeded"],
        "refused": counts["refused"],
        "seconds": result.seconds,
        "per_second": counts["attempts"] / result.seconds,
        "succeeded_per_second": counts["succeeded"] / result.seconds,
    }


def main() -> None:
    os.environ.setdefault("PARAT_ACTOR", "bench")
    server = _server()
    problem = _unreachable(server) if server else None
    if problem:
        print(f"bench_postgres: {problem}; benchmark skipped", flush=True)
        return
    work = Path(tempfile.mkdtemp(prefix="parat-bench-pg-"))
    try:
        with _pg_database() as pg_url, _pg_database() as pg_large, _pg_database() as pg_load:
            if pg_url is None:
                print("bench_postgres: PostgreSQL skipped (set PARAT_TEST_DATABASE_URL)")
            engines = {"sqlite": f"sqlite:///{work / 'demo.db'}"}
            large = {"sqlite": f"sqlite:///{work / 'large.db'}"}
            load = {"sqlite": f"sqlite:///{work / 'load.db'}"}
            if pg_url and pg_large and pg_load:
                engines["postgresql"], large["postgresql"], load["postgresql"] = (
                    pg_url,
                    pg_large,
                    pg_load,
                )
            _report_status(engines)
            _report_large(large)
            _report_load(load, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _report_status(engines: dict[str, str]) -> None:
    floor = [
        _median(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), 1)
        for _ in range(5)
    ]
    print(
        "\n`parat status --json`, sample programme, whole process "
        "(median of 9, engines interleaved so that machine load hits both alike)"
    )
    print(f"  floor (python -c pass)   {statistics.median(floor):.3f} s")
    for url in engines.values():
        _cli(url, "demo", "--no-tui")
        _cli(url, "status", "--json")  # warm the caches and the schema check
    times = _interleaved(engines, 9)
    medians = {name: statistics.median(t) for name, t in times.items()}
    for name, median in medians.items():
        print(f"  {name:<12}             {median:.3f} s  ({_spread(times[name])})")
    if "postgresql" in medians:
        print(f"  ratio postgresql/sqlite  {medians['postgresql'] / medians['sqlite']:.2f}")


def _report_large(large: dict[str, str]) -> None:
    print(
        f"\nLarge programme: {HYPOTHESES:,} hypotheses × {len(YEARS)} years × "
        f"{len(KINDS)} kinds × {REVISIONS} revisions = "
        f"{HYPOTHESES * len(YEARS) * len(KINDS) * REVISIONS:,} figure records"
    )
    fills = {}
    for name, url in large.items():
        start = time.perf_counter()
        _fill_large(url)
        fills[name] = time.perf_counter() - start
    wholes = _interleaved(large, 3)
    results = {}
    for name, url in large.items():
        fill = fills[name]
        query = _query_seconds(url, 5)
        in_process, weighted = _status_in_process(url, 5)
        whole = wholes[name]
        results[name] = (query, in_process, statistics.median(whole), weighted)
        print(
            f"  {name:<12} fill {fill:5.1f} s   current-figures query {query:.3f} s   "
            f"status in-process {in_process:.3f} s (medians of 5)   "
            f"`parat status --json` {statistics.median(whole):.3f} s "
            f"(median of 3; {_spread(whole)})"
        )
    if "postgresql" in results:
        pg, lite = results["postgresql"], results["sqlite"]
        assert pg[3] == lite[3], "the engines disagree on the weighted total"
        print(
            f"  ratio postgresql/sqlite  query {pg[0] / lite[0]:.2f}   "
            f"in-process {pg[1] / lite[1]:.2f}   whole process {pg[2] / lite[2]:.2f}   "
            f"(same weighted total: {pg[3]:,} kr)"
        )


def _report_load(load: dict[str, str], work: Path) -> None:
    writers, rounds = 8, 25
    print(
        f"\nConcurrency load: {writers} writer processes × {rounds} updates "
        "(read, then update with --expect-version) on 2 shared hypotheses"
    )
    for name, url in load.items():
        r = _load(url, work / f"load-{name}", writers, rounds)
        print(
            f"  {name:<12} {r['per_second']:6.1f} updates/s attempted, "
            f"{r['succeeded_per_second']:5.1f}/s succeeded; refused as stale "
            f"{r['refused']:.0f} of {r['attempts']:.0f} ({r['refused'] / r['attempts']:.0%}); "
            f"{r['seconds']:.1f} s; no update lost (checked)"
        )


if __name__ == "__main__":
    main()
