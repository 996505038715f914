"""Rewrite the export golden files from the current code: ``make golden``.

Builds the hard-case programme (the one the golden tests build) in a temporary
SQLite file, exports each case on the tests' fixed clock and actor, and writes the
files under ``tests/exports/golden/``. The tests themselves never write them; review
the diff (``git diff tests/exports/golden``) like code before committing it.

Run from the checkout: ``python -m tests.exports.update_golden``.
"""

import os
import sys
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import FIXED_NOW
from tests.exports.conftest import CASES, GOLDEN, build_hard_programme
from tracker.cli import app

ROOT = GOLDEN.parents[2]


def export_cases(folder: Path) -> dict[str, bytes]:
    """Golden file name → what ``parat export`` writes for it today."""
    db = folder / "hard.db"
    build_hard_programme(db, folder / "home")
    runner = CliRunner()
    produced: dict[str, bytes] = {}
    with pytest.MonkeyPatch.context() as mp:
        # the environment of a test (tests/conftest.py), fixed clock included
        mp.setenv("PARAT_ACTOR", "tester")
        mp.setenv("HOME", str(folder / "home"))
        mp.setenv("XDG_DATA_HOME", str(folder / "xdg-data"))
        mp.setenv("PARAT_NOW", FIXED_NOW.isoformat())
        mp.delenv("PARAT_DATABASE_URL", raising=False)
        mp.delenv("PARAT_READ_ONLY", raising=False)
        for name, options in sorted(CASES.items()):
            result = runner.invoke(app, ["--db", str(db), "export", *options])
            if result.exit_code != 0:
                raise SystemExit(f"update_golden: export {name} failed: {result.output}")
            produced[name] = result.stdout_bytes
    return produced


def main() -> int:
    os.environ["PARAT_LANG"] = "da"  # the goldens are the Danish documents
    with tempfile.TemporaryDirectory(prefix="parat-golden-") as tmp:
        produced = export_cases(Path(tmp))
    GOLDEN.mkdir(exist_ok=True)
    for name, data in produced.items():
        path = GOLDEN / name
        state = "unchanged" if path.exists() and path.read_bytes() == data else "written"
        if state == "written":
            path.write_bytes(data)
        print(f"{state:>9}  {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
