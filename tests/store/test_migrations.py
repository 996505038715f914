"""The schema: one Alembic head, applied on open, idempotent, matching the models.

Every check but the SQLite PRAGMAs runs on both engines (``store_url``).
"""

from pathlib import Path

import sqlalchemy as sa
from sqlmodel import SQLModel

import db.models  # noqa: F401  (registers the tables)
import tracker
from db.engine import BUSY_TIMEOUT_MS, make_engine
from db.schema import HEAD, MIGRATIONS, alembic_config, current_revision
from tests.storeutil import dump_store

TABLES = {
    "programme", "stage_weight", "bucket", "hypothesis", "figure", "event", "snapshot",
    "overlap", "ramme", "budget_figure", "budget_cut", "validation",
}  # fmt: skip


def _url(path: Path) -> str:
    return f"sqlite:///{path}"


def _tables(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return set(sa.inspect(conn).get_table_names())
    finally:
        engine.dispose()


def test_head_is_alembics_single_head() -> None:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    assert script.get_heads() == [HEAD]
    assert Path(script.dir) == MIGRATIONS


def test_new_database_is_upgraded_on_open(store_url: str) -> None:
    assert _tables(store_url) == set()
    with tracker.open(store_url) as p:
        assert not p.has_programme()
    assert _tables(store_url) == TABLES | {"alembic_version"}
    engine = make_engine(store_url)
    with engine.connect() as conn:
        assert current_revision(conn) == HEAD
    engine.dispose()


def test_open_without_upgrade_leaves_a_new_store_empty(store_url: str) -> None:
    with tracker.open(store_url, upgrade=False):
        pass
    engine = make_engine(store_url)
    with engine.connect() as conn:
        assert current_revision(conn) is None
    engine.dispose()
    assert _tables(store_url) == set()


def test_db_upgrade_is_idempotent(store_cli, store_url: str) -> None:
    assert store_cli("db", "upgrade").exit_code == 0
    first = dump_store(store_url)
    assert store_cli("db", "upgrade").exit_code == 0
    assert dump_store(store_url) == first
    assert store_cli("init").exit_code == 0
    with_data = dump_store(store_url)
    assert store_cli("db", "upgrade").exit_code == 0
    assert dump_store(store_url) == with_data
    assert sum(map(len, with_data.values())) > sum(map(len, first.values()))
    assert _tables(store_url) == TABLES | {"alembic_version"}


def test_models_match_the_migration(store_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with tracker.open(store_url):
        pass
    engine = make_engine(store_url)
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


def test_foreign_keys_are_enforced(store_url: str) -> None:
    with tracker.open(store_url):
        pass
    engine = make_engine(store_url)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO bucket (programme_id, key, name, target_kr, priority) "
                "VALUES (999, 'x', 'x', 1, 1)"
            )
    except sa.exc.IntegrityError as error:
        assert "foreign key" in str(error).lower()
    else:  # pragma: no cover - the assertion below explains the failure
        raise AssertionError("a bucket of a missing programme was accepted")
    finally:
        engine.dispose()


def test_a_newer_schema_is_refused(store_cli, store_url: str) -> None:
    assert store_cli("init").exit_code == 0
    engine = make_engine(store_url)
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    engine.dispose()
    before = dump_store(store_url)
    result = store_cli("status")
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "parat: the database has schema revision 9999, newer than this version of parat"
    )
    assert dump_store(store_url) == before
    upgrade = store_cli("db", "upgrade")
    assert (upgrade.exit_code, upgrade.stderr) == (1, result.stderr)
    assert "Traceback" not in upgrade.stdout + upgrade.stderr
    assert dump_store(store_url) == before


def test_money_columns_are_integers(store_url: str) -> None:
    with tracker.open(store_url):
        pass
    engine = make_engine(store_url)
    with engine.connect() as conn:
        inspector = sa.inspect(conn)
        for table, column in (
            ("programme", "target_kr"),
            ("bucket", "target_kr"),
            ("figure", "amount_kr"),
            ("budget_figure", "amount_kr"),
            ("budget_cut", "amount_kr"),
        ):
            types = {c["name"]: c["type"] for c in inspector.get_columns(table)}
            assert isinstance(types[column], sa.BigInteger), (table, types[column])
    engine.dispose()
