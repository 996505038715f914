"""The same behaviour on a SQLite file and on PostgreSQL (``--db URL``).

Each test runs once per engine (the ``store_url`` fixture); the last one compares the
two engines' output directly.
"""

import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from typer.testing import CliRunner

import tracker
from db.schema import HEAD
from tests.storeutil import dump_store
from tracker.cli import app

CPH = timezone(timedelta(hours=1), "CET")


def test_moments_come_back_as_the_same_utc_instant(store_url: str) -> None:
    # A clock in Copenhagen time with microseconds: stored as naive UTC, read as UTC.
    moments = [datetime(2018, 3, 12, 10, 15, 30, 123456, tzinfo=CPH)]
    with tracker.open(store_url, actor="anna", clock=lambda: moments[0]) as p:
        p.create_programme()
        p.add_hypothesis("H01", title="Indkøb")
        p.set_figure("H01", 2018, potential="4,5")
        moments[0] = moments[0] + timedelta(days=2, microseconds=1)
        p.set_figure("H01", 2018, potential="6")
        detail = p.hypothesis("H01")
        before = p.status(as_of=datetime(2018, 3, 13, 9, 0, tzinfo=UTC))
        just_before = p.status(as_of=moments[0] - timedelta(microseconds=1))
        after = p.status(as_of=moments[0])
    h = detail.hypothesis
    assert h.created_at == datetime(2018, 3, 12, 9, 15, 30, 123456, tzinfo=UTC)
    assert h.created_at.tzinfo == UTC and h.updated_at.tzinfo == UTC
    assert h.updated_at == moments[0]
    assert [e.at for e in detail.events][:1] == [moments[0]]
    # --as-of compares in SQL: the boundary is exact to the microsecond on both engines.
    assert before.totals.pipeline_kr == 4_500_000
    assert just_before.totals.pipeline_kr == 4_500_000
    assert after.totals.pipeline_kr == 6_000_000


def test_money_beyond_32_bits_is_exact(store_cli) -> None:
    assert store_cli("init").exit_code == 0
    big = 12_345_678_901  # kroner: does not fit in 32 bits
    for code, amount in (("H01", f"{big} kr"), ("H02", "9.876.543.210 kr"), ("H03", "-1 kr")):
        assert store_cli("hypothesis", "add", code, "--title", f"Stor {code}").exit_code == 0
        result = store_cli(
            "figure", "set", code, "2018", "--potential", amount,
            "--accept-large", "--allow-negative",
        )  # fmt: skip
        assert result.exit_code == 0, result.output
    shown = json.loads(store_cli("hypothesis", "show", "H01", "--json").stdout)
    potential = next(f["potential_kr"] for f in shown["figures"] if f["year"] == 2018)
    assert potential == big and isinstance(potential, int)
    status = json.loads(store_cli("status", "--json").stdout)
    assert status["totals"]["pipeline_kr"] == big + 9_876_543_210 - 1


def test_a_stale_version_is_refused_and_changes_nothing(store_cli, store_url: str) -> None:
    assert store_cli("demo", "--no-tui").exit_code == 0
    version = json.loads(store_cli("hypothesis", "show", "H04", "--json").stdout)["version"]
    assert store_cli("hypothesis", "set", "H04", "--owner", "Ny").exit_code == 0
    before = dump_store(store_url)
    result = store_cli(
        "figure", "set", "H04", "2018", "--potential", "9", "--expect-version", str(version)
    )
    assert result.exit_code == 3
    assert result.stderr.strip() == (
        f"parat: H04 has changed since version {version} (now version {version + 1}); "
        "reload it and try again"
    )
    assert dump_store(store_url) == before


def test_a_duplicate_code_is_one_clear_line(store_cli, store_url: str) -> None:
    assert store_cli("init").exit_code == 0
    assert store_cli("hypothesis", "add", "H01", "--title", "Første").exit_code == 0
    before = dump_store(store_url)
    result = store_cli("hypothesis", "add", "h01", "--title", "Anden")
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert "H01 exists already" in result.stderr
    assert dump_store(store_url) == before


def test_db_upgrade_and_info(store_cli) -> None:
    result = store_cli("db", "upgrade")
    assert result.exit_code == 0, result.output
    assert f"revision {HEAD}" in result.stdout + result.stderr
    info = store_cli("db", "info")
    assert f"schema:   {HEAD} (newest {HEAD})" in info.stdout


@pytest.mark.postgres
def test_sqlite_and_postgresql_give_identical_output(pg_server, tmp_path: Path) -> None:
    runner = CliRunner()
    sqlite_url = f"sqlite:///{tmp_path / 'same.db'}"
    with pg_server.database() as pg_url:
        outputs = {}
        for url in (sqlite_url, pg_url):
            assert runner.invoke(app, ["--db", url, "demo", "--no-tui"]).exit_code == 0
            runner.invoke(app, ["--db", url, "figure", "set", "H01", "2016", "--realised", "1,5"])
            commands = [
                ["status", "--json"],
                ["status"],
                ["hypothesis", "list", "--json"],
                *(["hypothesis", "show", f"H{n:02d}", "--json"] for n in range(1, 17)),
            ]
            outputs[url] = [runner.invoke(app, ["--db", url, *c]).stdout for c in commands]
        assert outputs[sqlite_url] == outputs[pg_url]
        assert json.loads(outputs[pg_url][0])["totals"]["weighted_kr"] > 0


def test_parat_database_url_selects_the_store(store_url: str, runner, monkeypatch) -> None:
    monkeypatch.setenv("PARAT_DATABASE_URL", store_url)
    assert runner.invoke(app, ["init"]).exit_code == 0
    assert runner.invoke(app, ["hypothesis", "add", "H01", "--title", "Miljø"]).exit_code == 0
    with tracker.open(store_url) as p:
        assert [h.code for h in p.hypotheses()] == ["H01"]
    info = runner.invoke(app, ["db", "info"]).stdout
    assert store_url.split("://")[0] in info


RAISE = "DO $$ BEGIN RAISE EXCEPTION 'provoked' USING ERRCODE = '{state}'; END $$"


@pytest.mark.postgres
@pytest.mark.parametrize("state", ["serialization_failure", "deadlock_detected"])
def test_serialization_failures_and_deadlocks_are_retried(pg_server, state: str) -> None:
    from tracker.errors import StaleVersion

    with pg_server.database() as url, tracker.open(url) as p:
        p.create_programme()
        p.add_hypothesis("H01", title="Indkøb")
        attempts = []

        def flaky(session, ctx):  # type: ignore[no-untyped-def]
            attempts.append(1)
            from tracker.services.hypotheses import update_hypothesis

            view, _ = update_hypothesis(session, ctx, "H01", owner=f"try {len(attempts)}")
            if len(attempts) < 3:
                session.connection().exec_driver_sql(RAISE.format(state=state))
            return view

        view = p._write(flaky, "H01")
        assert len(attempts) == 3
        assert (view.owner, p.hypothesis("H01").hypothesis.owner) == ("try 3", "try 3")
        events = [e for e in p.hypothesis("H01").events if e.field == "owner"]
        assert len(events) == 1  # the failed attempts left nothing behind

        def always(session, ctx):  # type: ignore[no-untyped-def]
            session.connection().exec_driver_sql(RAISE.format(state=state))

        with pytest.raises(StaleVersion) as refused:
            p._write(always, "H01")
        assert refused.value.exit_code == 3
        assert "H01 was changed by someone else at the same time" in str(refused.value)
