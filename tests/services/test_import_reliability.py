"""The importer under generated files, and under SIGKILL in the middle of a large import.

Any file ends in success or in a clear error (row and column, or what is wrong with
the file), never a traceback; on error the database is unchanged. A killed import
leaves a database that opens, passes the integrity check and holds none of it.
"""

import csv
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

COLUMNS = [
    "code",
    "title",
    "area",
    "owner",
    "stage",
    "bucket",
    "confidence",
    "description",
    "note",
    "potential_2018",
    "realised_2016",
    "investment_2015",
    "potential_2019",
    "Potential_2017",
    "",
    "kode",
]
CELLS = st.one_of(
    st.sampled_from(
        [
            "H01",
            "H02",
            "h03",
            "",
            " ",
            "none",
            "ingen",
            "besluttet",
            "dropped",
            "driftsbalance",
            "=1+1",
            "'=SUM(A1)",
            "'-2",
            "-1,5",
            "4,5",
            "4.5",
            "4,5,6",
            "1e9",
            "nan",
            "29 tkr",
            "4.500.000 kr",
            "0,0000001",
            "999999999999",
            "80 %",
            "101",
            "Ny hypotese æøå",
            '"quoted"',
        ]
    ),
    st.text(max_size=12),
    st.decimals(min_value=-1000, max_value=1000, places=3, allow_nan=False).map(str),
)


def db_counts(db: Path) -> tuple[int, ...]:
    with sqlite3.connect(db) as conn:
        return tuple(
            conn.execute(f"SELECT count(*), coalesce(max(id), 0) FROM {t}").fetchone()[0]
            for t in ("event", "figure", "hypothesis", "bucket", "programme")
        )


def check_outcome(result: Any, db: Path, before: tuple[int, ...]) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.output
    assert result.exit_code in (0, 1), (result.exit_code, result.output)
    if result.exit_code == 1:
        first = result.stderr.splitlines()[0]
        assert first.startswith("parat: "), result.stderr
        listed = result.stderr.splitlines()[1:]
        assert all(line.startswith("  row ") or line.startswith("  …") for line in listed), (
            result.stderr
        )
        assert db_counts(db) == before


@pytest.fixture
def fuzz_db(cli: Any, db_path: Path) -> Path:
    assert cli("init").exit_code == 0
    assert cli("hypothesis", "add", "H01", "--title", "A").exit_code == 0
    assert cli("hypothesis", "add", "H02", "--title", "B", "--stage", "decided").exit_code == 0
    return db_path


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    header=st.lists(st.sampled_from(COLUMNS), min_size=1, max_size=7),
    rows=st.lists(st.lists(CELLS, max_size=8), max_size=6),
    delimiter=st.sampled_from([";", ",", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]),
)
def test_generated_csv_files(
    cli: Any,
    fuzz_db: Path,
    tmp_path: Path,
    header: list[str],
    rows: list[list[str]],
    delimiter: str,
    encoding: str,
) -> None:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    path = tmp_path / "fuzz.csv"
    path.write_bytes(out.getvalue().encode(encoding, errors="replace"))
    before = db_counts(fuzz_db)
    check_outcome(cli("import", str(path)), fuzz_db, before)


JSON_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), CELLS),
    lambda inner: (
        st.lists(inner, max_size=2) | st.dictionaries(st.text(max_size=3), inner, max_size=2)
    ),
    max_leaves=4,
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    data=st.one_of(
        st.lists(st.dictionaries(st.sampled_from(COLUMNS), JSON_VALUES, max_size=5), max_size=4),
        JSON_VALUES,
    )
)
def test_generated_json_files(cli: Any, fuzz_db: Path, tmp_path: Path, data: Any) -> None:
    path = tmp_path / "fuzz.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    before = db_counts(fuzz_db)
    check_outcome(cli("import", str(path)), fuzz_db, before)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(blob=st.binary(max_size=200))
def test_arbitrary_bytes(cli: Any, fuzz_db: Path, tmp_path: Path, blob: bytes) -> None:
    path = tmp_path / "noise.csv"
    path.write_bytes(b"code;potential_2018\n" + blob)
    before = db_counts(fuzz_db)
    check_outcome(cli("import", str(path)), fuzz_db, before)


@pytest.mark.slow
def test_sigkill_in_the_middle_of_a_large_import(tmp_path: Path) -> None:
    from benchmarks.bench_import import write_csv
    from benchmarks.large_programme import build

    db = tmp_path / "large.db"
    hypotheses = 5_000
    build(db, hypotheses=hypotheses, revisions=1)
    csv_path = tmp_path / "big.csv"
    write_csv(csv_path, hypotheses)
    before = db_counts(db)
    wal = Path(f"{db}-wal")
    start_size = wal.stat().st_size if wal.exists() else 0
    env = {**os.environ, "PARAT_ACTOR": "killer"}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from tracker.cli import main; main()",
            "--db",
            str(db),
            "import",
            str(csv_path),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    # Kill once the transaction has started writing pages (the WAL grows), long
    # before it can commit.
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if wal.exists() and wal.stat().st_size > start_size + 256 * 1024:
            break
        time.sleep(0.005)
    assert proc.poll() is None, "the import ended before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        imported = conn.execute(
            "SELECT count(*) FROM event WHERE source = 'import:big.csv'"
        ).fetchone()[0]
        assert imported == 0
        assert conn.execute("SELECT count(*) FROM figure WHERE actor = 'killer'").fetchone()[0] == 0
    assert db_counts(db) == before
    # And Parat itself opens it and computes the status.
    import tracker

    with tracker.open(str(db)) as p:
        assert len(p.status().hypotheses) == hypotheses


@settings(max_examples=300, deadline=None)
@given(
    sign=st.sampled_from(["", "-"]),
    whole=st.integers(min_value=0, max_value=10**7),
    frac=st.text(alphabet="0123456789", max_size=9),
    sep=st.sampled_from([",", "."]),
)
def test_fast_amount_path_agrees_with_parse_amount(
    sign: str, whole: int, frac: str, sep: str
) -> None:
    from tracker.domain.money import MoneyError, parse_amount
    from tracker.services.batch import _amount

    text = f"{sign}{whole}{sep + frac if frac else ''}"
    try:
        expected: object = parse_amount(text)
    except MoneyError as error:
        expected = str(error)
    try:
        got: object = _amount(text)
    except MoneyError as error:
        got = str(error)
    assert got == expected
