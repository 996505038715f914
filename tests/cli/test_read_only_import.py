"""``parat --read-only import FILE`` is refused in one line and writes nothing, on
both engines and in a whole process (its dry run, which writes nothing, is allowed:
tests/services/test_read_only_dry_run.py)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.conftest import dump
from tests.storeutil import dump_store

CSV = "code;title;potential_2018\nH01;Indkøb;4,5\nH02;Energi;1\n"
REFUSED = "parat: this connection is read-only (opened read-only); nothing was changed\n"


@pytest.fixture
def figures_csv(tmp_path: Path) -> Path:
    path = tmp_path / "tal.csv"
    path.write_text(CSV, encoding="utf-8")
    return path


def test_read_only_import_is_one_line_and_writes_nothing(
    store_cli, store_url: str, figures_csv: Path
) -> None:
    assert store_cli("init").exit_code == 0
    assert store_cli("hypothesis", "add", "H01", "--title", "Indkøb").exit_code == 0
    before = dump_store(store_url)
    for extra in ([], ["--format", "csv"]):
        result = store_cli("import", str(figures_csv), *extra, read_only=True)
        assert (result.exit_code, result.stdout, result.stderr) == (1, "", REFUSED), extra
        assert result.exception is None or isinstance(result.exception, SystemExit)
    assert dump_store(store_url) == before
    # the same file imports without --read-only: the refusal was the gate, not the file
    assert store_cli("import", str(figures_csv)).exit_code == 0
    assert dump_store(store_url) != before


@pytest.mark.slow
def test_read_only_import_in_a_whole_process(programme: Path, figures_csv: Path) -> None:
    before = dump(programme)
    parat = [sys.executable, "-c", "from tracker.cli import main; main()"]
    done = subprocess.run(
        [*parat, "--db", str(programme), "--read-only", "import", str(figures_csv)],
        capture_output=True,
        text=True,
        env={**os.environ, "PARAT_ACTOR": "tester"},
        timeout=60,
    )
    assert (done.returncode, done.stdout, done.stderr) == (1, "", REFUSED)
    assert dump(programme) == before
