"""The README's shared installation, run as written: owner, writer and viewer roles.

The SQL is taken from the README section "A shared installation on PostgreSQL" (with
random role and database names), so the instructions cannot drift from what works.
"""

import json
import re
import secrets
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.pool import NullPool
from typer.testing import CliRunner

from tracker.cli import app

README = Path(__file__).resolve().parents[2] / "README.md"
NAMES = ("parat_owner", "parat_writer", "parat_viewer")


def _readme_sql() -> str:
    text = README.read_text(encoding="utf-8")
    section = text.split("## A shared installation on PostgreSQL", 1)[1]
    match = re.search(r"```sql\n(.*?)```", section, re.S)
    assert match, "the README section has no SQL block"
    return match.group(1)


def _statements(sql: str) -> list[str]:
    lines = [line for line in sql.splitlines() if not line.strip().startswith("--")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


@pytest.mark.postgres
def test_the_readme_roles_work_as_described(pg_server) -> None:
    suffix = secrets.token_hex(4)
    rename = {name: f"{name}_{suffix}" for name in (*NAMES, "parat")}
    sql = _readme_sql()
    for name, new in sorted(rename.items(), key=lambda kv: -len(kv[0])):
        sql = re.sub(rf"\b{name}\b", new, sql)
    database = rename["parat"]
    before_connect, after_connect = sql.split(f"\\c {database}", 1)
    roles = [rename[n] for n in NAMES]
    admin = pg_server.admin
    in_db = None
    runner = CliRunner()
    try:
        with admin.connect() as conn:
            for statement in _statements(before_connect):
                conn.exec_driver_sql(statement)
        in_db = sa.create_engine(
            pg_server.url_for(database), isolation_level="AUTOCOMMIT", poolclass=NullPool
        )
        with in_db.connect() as conn:
            for statement in _statements(after_connect):
                conn.exec_driver_sql(statement)
        owner, writer, viewer = (pg_server.url_for(database, user=r) for r in roles)

        # A writer cannot create the tables, and is told who can.
        result = runner.invoke(app, ["--db", writer, "status"])
        assert result.exit_code == 1
        assert "the owner must run `parat db upgrade`" in result.stderr
        assert runner.invoke(app, ["--db", owner, "db", "upgrade"]).exit_code == 0

        # The writer does the daily work, version checks included.
        assert runner.invoke(app, ["--db", writer, "demo", "--no-tui"]).exit_code == 0
        shown = json.loads(
            runner.invoke(app, ["--db", writer, "hypothesis", "show", "H04", "--json"]).stdout
        )
        set_ = ["figure", "set", "H04", "2018", "--potential", "5"]
        ok = runner.invoke(app, ["--db", writer, *set_, "--expect-version", str(shown["version"])])
        assert ok.exit_code == 0, ok.output
        stale = runner.invoke(
            app, ["--db", writer, *set_, "--expect-version", str(shown["version"])]
        )
        assert stale.exit_code == 3

        # The viewer reads everything and is refused writes with the clear line.
        status = runner.invoke(app, ["--db", viewer, "status", "--json"])
        assert status.exit_code == 0
        assert json.loads(status.stdout)["hypotheses"][3]["pipeline_kr"] == 5_000_000
        refused = runner.invoke(app, ["--db", viewer, "hypothesis", "set", "H04", "--owner", "X"])
        assert refused.exit_code == 1
        assert refused.stderr.startswith("parat: this connection is read-only: ")
        assert "permission denied" in refused.stderr
    finally:
        if in_db is not None:
            in_db.dispose()
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
            for role in roles:
                conn.exec_driver_sql(f'DROP ROLE IF EXISTS "{role}"')
