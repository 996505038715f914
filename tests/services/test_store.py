"""The door to the store: every call of the Python API, the import included, is
gated, retried and translated in one place, on both engines."""

import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.pool import NullPool

import tracker
from db.models import Bucket
from tests.conftest import FIXED_NOW
from tests.storeutil import dump_store, rows
from tracker.errors import AlreadyExists, ReadOnlyError, UnusableDatabase
from tracker.services.hypotheses import update_hypothesis
from tracker.services.store import Store

CSV = "code;title;potential_2018\nH01;Indkøb;4,5\nH02;Energi;1\n"


def _seed(url: str) -> None:
    with tracker.open(url, actor="tester", clock=lambda: FIXED_NOW) as p:
        p.create_programme()
        p.add_hypothesis("H01", title="Indkøb", owner="Anna")


@pytest.fixture
def figures_csv(tmp_path: Path) -> Path:
    path = tmp_path / "tal.csv"
    path.write_text(CSV, encoding="utf-8")
    return path


def test_an_import_on_a_read_only_store_is_refused_before_it_begins(
    store_url: str, figures_csv: Path
) -> None:
    _seed(store_url)
    before = dump_store(store_url)
    with tracker.open(store_url, read_only=True) as viewer:
        with pytest.raises(ReadOnlyError) as refused:
            viewer.import_file(figures_csv)
        assert viewer.hypothesis("H01").hypothesis.title == "Indkøb"  # reading still works
    assert str(refused.value) == (
        "this connection is read-only (opened read-only); nothing was changed"
    )
    assert dump_store(store_url) == before


def _writable(path: Path) -> bool:
    try:
        with path.open("r+b"):
            return True
    except PermissionError:
        return False


def test_an_import_into_a_sqlite_file_nobody_may_write_is_refused(
    tmp_path: Path, figures_csv: Path
) -> None:
    path = tmp_path / "parat.db"
    _seed(str(path))
    before = dump_store(f"sqlite:///{path}")
    path.chmod(0o444)
    try:
        if _writable(path):
            pytest.skip("this user may write a file of mode 0444 (root with CAP_DAC_OVERRIDE)")
        with tracker.open(str(path)) as p, pytest.raises(ReadOnlyError) as refused:
            p.import_file(figures_csv)
    finally:
        path.chmod(0o644)
    assert str(refused.value).startswith(
        "this connection is read-only (attempt to write a readonly"
    )
    assert dump_store(f"sqlite:///{path}") == before


@pytest.mark.postgres
def test_an_import_by_a_select_only_role_is_refused(pg_server, figures_csv: Path) -> None:
    with pg_server.database() as owner_url:
        _seed(owner_url)
        before = dump_store(owner_url)
        with (
            pg_server.select_only_role(owner_url) as viewer_url,
            tracker.open(viewer_url) as p,  # opened normally: the server refuses
            pytest.raises(ReadOnlyError) as refused,
        ):
            p.import_file(figures_csv)
        assert str(refused.value).startswith(
            "this connection is read-only: this database role may only read (permission denied"
        )
        assert dump_store(owner_url) == before


@pytest.mark.postgres
def test_an_import_into_a_read_only_postgresql_database_is_refused(
    pg_server, figures_csv: Path
) -> None:
    with pg_server.database() as url:
        _seed(url)
        before = dump_store(url)
        name = sa.make_url(url).database
        with pg_server.admin.connect() as conn:
            conn.exec_driver_sql(f'ALTER DATABASE "{name}" SET default_transaction_read_only = on')
        with tracker.open(url) as p, pytest.raises(ReadOnlyError) as refused:
            p.import_file(figures_csv, dry_run=True)
        assert str(refused.value) == (
            "this connection is read-only (the server refused the write); nothing was changed"
        )
        assert dump_store(url) == before


def test_a_dry_run_write_applies_flushes_and_rolls_back(store_url: str) -> None:
    _seed(store_url)
    before = dump_store(store_url)
    with tracker.open(store_url, actor="tester", clock=lambda: FIXED_NOW) as p:

        def rename(session):  # type: ignore[no-untyped-def]
            view, changed = update_hypothesis(session, p.context, "H01", owner="Bo")
            return view.owner, changed

        assert p.store.write(rename, commit=False) == ("Bo", 1)
        assert dump_store(store_url) == before

        def orphan(session):  # type: ignore[no-untyped-def]
            # refused only when flushed: the dry run flushes before it rolls back
            session.add(Bucket(programme_id=999, key="x", name="x", target_kr=1, priority=9))

        with pytest.raises(AlreadyExists):
            p.store.write(orphan, commit=False)
    assert dump_store(store_url) == before


@pytest.mark.postgres
def test_a_real_serialization_failure_is_retried_by_the_door(pg_server) -> None:
    """Two connections on the server: the door's SERIALIZABLE transaction reads H01,
    another connection changes H01 and commits, and the door's update then fails
    with 40001 (could not serialize access due to concurrent update). The door runs
    the work again, which sees the other change and succeeds."""
    with pg_server.empty_database() as url:
        _seed(url)
        other = sa.create_engine(url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
        attempts: list[int] = []
        try:
            with tracker.open(url, actor="tester", clock=lambda: FIXED_NOW) as p:

                def work(session):  # type: ignore[no-untyped-def]
                    attempts.append(1)
                    conn = session.connection(execution_options={"isolation_level": "SERIALIZABLE"})
                    conn.exec_driver_sql("SELECT count(*) FROM hypothesis")  # the snapshot
                    if len(attempts) == 1:
                        with other.connect() as elsewhere:
                            elsewhere.exec_driver_sql(
                                "UPDATE hypothesis SET area = 'Udbud' WHERE code = 'H01'"
                            )
                    view, _ = update_hypothesis(session, p.context, "H01", owner="Bo")
                    return view

                view = p.store.write(work, code="H01")
                events = [e.field for e in p.hypothesis("H01").events]
        finally:
            other.dispose()
        assert len(attempts) == 2
        assert (view.owner, view.area) == ("Bo", "Udbud")
        assert rows(url, "SELECT owner, area FROM hypothesis WHERE code = 'H01'") == [
            ("Bo", "Udbud")
        ]
        assert events.count("owner") == 1  # the failed attempt left nothing behind


def test_unusable_databases_are_one_parat_error_from_the_python_api(tmp_path: Path) -> None:
    text = tmp_path / "not-a-db.txt"
    text.write_text("hello\n" * 200)
    (tmp_path / "a-file").write_text("a file, not a folder")
    cases = {
        str(text): "database error: file is not a database",
        str(tmp_path): "is a folder, not a regular file",
        str(tmp_path / "a-file" / "x.db"): "cannot create the database folder",
        "foo://bar": "cannot use this database URL",
    }
    for target, line in cases.items():
        with pytest.raises(UnusableDatabase) as caught, tracker.open(target):
            pass
        assert line in str(caught.value), target
        assert len(str(caught.value).splitlines()) == 1
    assert text.read_text() == "hello\n" * 200


def test_a_newer_schema_is_an_unusable_database(tmp_path: Path) -> None:
    path = tmp_path / "parat.db"
    _seed(str(path))
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.close()
    with pytest.raises(UnusableDatabase) as caught:
        Store.open(str(path))
    assert str(caught.value) == (
        "the database has schema revision 9999, newer than this version of parat"
    )
