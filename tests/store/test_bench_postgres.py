"""The PostgreSQL benchmark meets a server that is down: one line, no traceback."""

import os
import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_unreachable_server_is_one_line_and_the_benchmark_is_skipped() -> None:
    url = f"postgresql+psycopg://postgres:hemmelig@127.0.0.1:{_closed_port()}/test"
    env = {**os.environ, "PARAT_TEST_DATABASE_URL": url}
    env.pop("PARAT_BENCH_DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks", "postgres"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    shown = url.replace(":hemmelig@", ":***@")
    lines = [line for line in result.stdout.splitlines() if "unreachable" in line]
    assert len(lines) == 1 and f"PostgreSQL is unreachable at {shown}" in lines[0]
    assert "hemmelig" not in result.stdout + result.stderr
    assert "Large programme" not in result.stdout  # skipped, not run on SQLite alone
