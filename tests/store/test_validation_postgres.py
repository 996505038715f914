"""On PostgreSQL the right to validate is the role ``parat_validator``, checked by the
server: real login roles, set up as the README's shared installation sets up its
writers (default privileges before the tables exist), so the migration must take
INSERT on the validation table back from them. A writer without the role is refused
by the server (one line); one with it validates; the registrant is refused whatever
roles they hold. Both engines: a changed figure loses its validation, and --as-of
sees it before and after."""

import json
import secrets
from collections.abc import Iterator
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.pool import NullPool
from typer.testing import CliRunner

from tracker.cli import app

VALIDATOR_ROLE = "parat_validator"


def _ok(result: Any) -> Any:
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result


@pytest.fixture
def shared(pg_server: Any) -> Iterator[dict[str, str]]:
    """A new database and three login roles with the writers' rights (none of them a
    validator yet); the database migrated by its owner. Yields name → URL (``owner``
    included); everything is dropped afterwards, the roles too (the validator role
    that the migration made, at the end of the run: ``PgServer.close``)."""
    suffix = secrets.token_hex(4)
    database = f"parat_pgval_{suffix}"
    names = {who: f"parat_{who}_{suffix}" for who in ("writer", "plain", "checker")}
    admin = pg_server.admin
    with admin.connect() as conn:
        for role in names.values():
            conn.exec_driver_sql(f'CREATE ROLE "{role}" LOGIN')
        conn.exec_driver_sql(f'CREATE DATABASE "{database}"')
    owner_url = pg_server.url_for(database)
    in_db = sa.create_engine(owner_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    try:
        roles = ", ".join(f'"{r}"' for r in names.values())
        with in_db.connect() as conn:
            conn.exec_driver_sql(f"GRANT USAGE ON SCHEMA public TO {roles}")
            conn.exec_driver_sql(
                "ALTER DEFAULT PRIVILEGES IN SCHEMA public "
                f"GRANT SELECT, INSERT, UPDATE ON TABLES TO {roles}"
            )
            conn.exec_driver_sql(
                f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE ON SEQUENCES TO {roles}"
            )
        _ok(CliRunner().invoke(app, ["--db", owner_url, "db", "upgrade"]))
        with admin.connect() as conn:
            conn.exec_driver_sql(f'GRANT {VALIDATOR_ROLE} TO "{names["checker"]}"')
        yield {
            "owner": owner_url,
            **{who: pg_server.url_for(database, user=role) for who, role in names.items()},
        }
    finally:
        in_db.dispose()
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
            for role in names.values():
                conn.exec_driver_sql(f'DROP ROLE IF EXISTS "{role}"')


@pytest.mark.postgres
def test_the_server_decides_who_may_validate(shared: dict[str, str]) -> None:
    runner = CliRunner()

    def run(who: str, actor: str, *args: str) -> Any:
        return runner.invoke(app, ["--db", shared[who], "--actor", actor, *args])

    _ok(run("writer", "anna", "init"))
    _ok(run("writer", "anna", "hypothesis", "add", "H01", "--title", "Digital post"))
    _ok(run("writer", "anna", "figure", "set", "H01", "2018", "--realised", "4"))
    validate = ("figure", "validate", "H01", "2018", "--approve", "--ref", "sag 18/1234")

    # A writer may do everything else, but the server refuses the validation: the
    # programme's list of validators (empty here) is not what decides on PostgreSQL.
    refused = run("plain", "bo", *validate)
    assert refused.exit_code == 1
    assert refused.stdout == ""
    assert refused.stderr == (
        "parat: the database refused the validation: only members of the role "
        "parat_validator may validate figures (ask the database administrator)\n"
    )
    # A member of the role who registered the figure is refused all the same.
    registrant = run("checker", "anna", *validate)
    assert registrant.exit_code == 1
    assert "anna registered the realised figure of H01 for 2018" in registrant.stderr

    done = _ok(run("checker", "cecilie", *validate))
    assert done.stdout == "H01 2018: realised 4,0 mio. kr. approved (sag 18/1234).\n"
    status = json.loads(_ok(run("plain", "bo", "status", "--json")).stdout)
    assert (status["progress_measure"], status["totals"]["validated_kr"]) == (
        "validated",
        4_000_000,
    )
    history = json.loads(_ok(run("plain", "bo", "history", "--json")).stdout)
    assert (history[0]["action"], history[0]["actor"]) == ("figure.validate", "cecilie")

    engine = sa.create_engine(shared["owner"], poolclass=NullPool)
    try:
        with engine.connect() as conn:
            grants = conn.exec_driver_sql(
                "SELECT grantee FROM information_schema.role_table_grants"
                " WHERE table_name = 'validation' AND privilege_type = 'INSERT'"
            ).scalars()
            assert set(grants) == {VALIDATOR_ROLE}
            count = conn.exec_driver_sql("SELECT count(*) FROM validation").scalar()
            assert count == 1  # the refused calls left nothing
    finally:
        engine.dispose()


def test_a_changed_figure_loses_its_validation_on_both_engines(
    store_cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On PostgreSQL the tests connect as the superuser, whom the server lets validate;
    on SQLite the programme names the validator."""
    monkeypatch.setenv("PARAT_NOW", "2018-03-12T09:00:00+00:00")
    for args in (
        ("init",),
        ("programme", "set", "--validators", "cecilie"),
        ("hypothesis", "add", "H01", "--title", "Digital post"),
        ("figure", "set", "H01", "2018", "--realised", "4"),
    ):
        _ok(store_cli(*args))
    monkeypatch.setenv("PARAT_NOW", "2018-03-12T12:00:00+00:00")
    _ok(store_cli("--actor", "cecilie", "figure", "validate", "H01", "2018", "--approve",
                  "--ref", "sag 1"))  # fmt: skip
    monkeypatch.setenv("PARAT_NOW", "2018-03-12T18:00:00+00:00")
    _ok(store_cli("figure", "set", "H01", "2018", "--realised", "4,5"))

    def validated(*args: str) -> tuple[str, int]:
        s = json.loads(_ok(store_cli("status", "--json", *args)).stdout)
        return s["progress_measure"], s["totals"]["validated_kr"]

    assert validated() == ("validated", 0)
    assert validated("--as-of", "2018-03-12T10:00:00Z") == ("realised", 0)
    assert validated("--as-of", "2018-03-12T15:00:00Z") == ("validated", 4_000_000)
    d = json.loads(_ok(store_cli("diff", "--since", "2018-03-12T10:00:00Z", "--json")).stdout)
    assert [(v["verdict"], v["amount_kr"], v["standing"]) for v in d["validations"]] == [
        ("approved", 4_000_000, False)
    ]
