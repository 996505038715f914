"""``parat --read-only import FILE --dry-run`` writes nothing, so a viewer may run it:
on SQLite it prints what would move exactly as a writer's dry run does (exit 0) and
the file stays byte for byte as it was; on PostgreSQL, where a read-only transaction
cannot apply and roll back, it is refused in one line that says so."""

import hashlib
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.storeutil import dump_store

CSV = "code;title;stage;potential_2018\nH01;Indkøb;decided;4,5\nH02;Energi;;1\n"


@pytest.fixture
def figures_csv(tmp_path: Path) -> Path:
    path = tmp_path / "tal.csv"
    path.write_text(CSV, encoding="utf-8")
    return path


def _sqlite_file(url: str) -> Path | None:
    sa_url = sa.make_url(url)
    return Path(str(sa_url.database)) if sa_url.get_backend_name() == "sqlite" else None


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_viewer_dry_run_shows_what_would_move(
    store_cli, store_url: str, figures_csv: Path
) -> None:
    assert store_cli("init").exit_code == 0
    assert store_cli("hypothesis", "add", "H01", "--title", "Indkøb").exit_code == 0
    assert store_cli("figure", "set", "H01", "2018", "--potential", "2").exit_code == 0
    writer = store_cli("import", str(figures_csv), "--dry-run")
    assert writer.exit_code == 0, writer.output
    assert "H02" in writer.stdout and "nothing was written" in writer.stdout
    before = dump_store(store_url)
    file = _sqlite_file(store_url)
    digest = _digest(file) if file else None

    viewer = store_cli("import", str(figures_csv), "--dry-run", read_only=True)

    if file is None:
        assert (viewer.exit_code, viewer.stdout) == (1, ""), viewer.output
        assert viewer.stderr == (
            "parat: this connection is read-only: a dry run applies the import and rolls "
            "it back, which PostgreSQL refuses in a read-only transaction; run it as a "
            "role that may write (it changes nothing)\n"
        )
    else:
        assert (viewer.exit_code, viewer.stderr) == (0, ""), viewer.output
        assert viewer.stdout == writer.stdout
        assert _digest(file) == digest
    assert dump_store(store_url) == before
