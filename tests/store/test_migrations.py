"""The schema: one Alembic head, applied on open, idempotent, matching the models."""

import sqlite3
from pathlib import Path

import sqlalchemy as sa
from sqlmodel import SQLModel

import db.models  # noqa: F401  (registers the tables)
import tracker
from db.engine import BUSY_TIMEOUT_MS, make_engine
from db.schema import HEAD, MIGRATIONS, SchemaError, alembic_config, current_revision
from tests.cli.conftest import dump

TABLES = {"programme", "stage_weight", "bucket", "hypothesis", "figure", "event", "snapshot"}


def _url(path: Path) -> str:
    return f"sqlite:///{path}"


def test_head_is_alembics_single_head() -> None:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    assert script.get_heads() == [HEAD]
    assert Path(script.dir) == MIGRATIONS


def test_new_database_is_upgraded_on_open(db_path: Path) -> None:
    assert not db_path.exists()
    with tracker.open(str(db_path)) as p:
        assert not p.has_programme()
    names = {r[0] for r in sqlite3.connect(db_path).execute("SELECT name FROM sqlite_master")}
    assert TABLES | {"alembic_version"} <= names
    engine = make_engine(_url(db_path))
    with engine.connect() as conn:
        assert current_revision(conn) == HEAD
    engine.dispose()


def test_open_without_upgrade_leaves_a_new_file_empty(db_path: Path) -> None:
    with tracker.open(str(db_path), upgrade=False):
        pass
    engine = make_engine(_url(db_path))
    with engine.connect() as conn:
        assert current_revision(conn) is None
    engine.dispose()


def test_db_upgrade_is_idempotent(cli, db_path: Path) -> None:
    assert cli("db", "upgrade").exit_code == 0
    first = dump(db_path)
    assert cli("db", "upgrade").exit_code == 0
    assert cli("init").exit_code == 0
    with_data = dump(db_path)
    assert cli("db", "upgrade").exit_code == 0
    assert dump(db_path) == with_data
    assert len(with_data) > len(first)


def test_models_match_the_migration(db_path: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with tracker.open(str(db_path)):
        pass
    engine = make_engine(_url(db_path))
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, SQLModel.metadata)
    engine.dispose()
    assert diff == []


def test_sqlite_pragmas(db_path: Path) -> None:
    engine = make_engine(_url(db_path))
    with engine.connect() as conn:
        pragma = {
            name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in ("foreign_keys", "journal_mode", "busy_timeout")
        }
    engine.dispose()
    assert pragma == {"foreign_keys": 1, "journal_mode": "wal", "busy_timeout": BUSY_TIMEOUT_MS}
    assert BUSY_TIMEOUT_MS >= 5_000


def test_foreign_keys_are_enforced(db_path: Path) -> None:
    with tracker.open(str(db_path)):
        pass
    engine = make_engine(_url(db_path))
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO bucket (programme_id, key, name, target_kr, priority) "
                "VALUES (999, 'x', 'x', 1, 1)"
            )
    except sa.exc.IntegrityError as error:
        assert "FOREIGN KEY" in str(error)
    else:  # pragma: no cover - the assertion below explains the failure
        raise AssertionError("a bucket of a missing programme was accepted")
    finally:
        engine.dispose()


def test_a_newer_schema_is_refused(cli, db_path: Path) -> None:
    assert cli("init").exit_code == 0
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    before = dump(db_path)
    result = cli("status")
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "parat: the database has schema revision 9999, newer than this version of parat"
    )
    assert dump(db_path) == before
    upgrade = cli("db", "upgrade")
    assert (upgrade.exit_code, upgrade.stderr) == (1, result.stderr)
    assert "Traceback" not in upgrade.stdout + upgrade.stderr
    assert dump(db_path) == before
    assert issubclass(SchemaError, RuntimeError)


def test_money_columns_are_integers(db_path: Path) -> None:
    with tracker.open(str(db_path)):
        pass
    conn = sqlite3.connect(db_path)
    for table, column in (
        ("programme", "target_kr"),
        ("bucket", "target_kr"),
        ("figure", "amount_kr"),
    ):
        types = {r[1]: r[2] for r in conn.execute(f"PRAGMA table_info({table})")}
        assert types[column] == "BIGINT"
    conn.close()
