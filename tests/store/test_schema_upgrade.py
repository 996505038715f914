"""Schema upgrades keep the data: fill a database at the first migration, upgrade it
step by step to the newest, and find everything (on SQLite and PostgreSQL).

The fill is written against the FIRST migration's tables (frozen here as lightweight
``sa.table`` descriptions), not against today's models, so the test keeps meaning
something as migrations are added: every later migration must carry this data along.
"""

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

import tracker
from db.engine import make_engine
from db.schema import HEAD, current_revision, upgrade
from db.types import UTCDateTime
from tracker.domain.stages import Stage

FIRST = "0001"
T0 = datetime(2017, 9, 1, 8, 30, 0, 250_000, tzinfo=UTC)
T1 = T0 + timedelta(days=30)
BIG = 3_000_000_000  # kroner beyond 32 bits


def _t(name: str, *columns: str, moments: tuple[str, ...] = ()) -> sa.TableClause:
    cols = [sa.column(c) for c in columns] + [sa.column(m, UTCDateTime()) for m in moments]
    return sa.table(name, *cols)


# The tables as the first migration made them (columns that a fill needs).
PROGRAMME = _t(
    "programme",
    "id",
    "name",
    "target_kr",
    "target_year",
    "first_year",
    "allocation",
    moments=("created_at", "updated_at"),
)
STAGE_WEIGHT = _t("stage_weight", "programme_id", "stage", "weight_pct")
BUCKET = _t("bucket", "id", "programme_id", "key", "name", "target_kr", "priority")
HYPOTHESIS = _t(
    "hypothesis",
    "id",
    "programme_id",
    "code",
    "title",
    "area",
    "owner",
    "description",
    "stage",
    "bucket_id",
    "confidence_pct",
    "version",
    moments=("created_at", "updated_at"),
)
FIGURE = _t(
    "figure",
    "id",
    "hypothesis_id",
    "year",
    "kind",
    "amount_kr",
    "actor",
    "source",
    "note",
    moments=("recorded_at",),
)
EVENT = _t(
    "event",
    "id",
    "programme_id",
    "actor",
    "source",
    "action",
    "hypothesis_id",
    "subject",
    "field",
    "old_value",
    "new_value",
    "note",
    moments=("at",),
)
SNAPSHOT = _t("snapshot", "id", "programme_id", "name", "actor", moments=("at", "created_at"))

WEIGHTS = {"identified": 10, "qualified": 30, "quantified": 50, "decided": 80}
WEIGHTS |= {"implemented": 90, "realised": 100, "dropped": 0}


def _fill_at_first_revision(conn: sa.Connection) -> None:
    conn.execute(
        PROGRAMME.insert(),
        [
            {
                "id": 1,
                "name": "Parat til fremtiden – økonomisk råderum",
                "target_kr": 125_000_000,
                "target_year": 2018,
                "first_year": 2015,
                "allocation": "earmarked",
                "created_at": T0,
                "updated_at": T0,
            }
        ],
    )
    conn.execute(
        STAGE_WEIGHT.insert(),
        [{"programme_id": 1, "stage": s, "weight_pct": w} for s, w in WEIGHTS.items()],
    )
    conn.execute(
        BUCKET.insert(),
        [
            {"id": 1, "programme_id": 1, "key": "driftsbalance", "name": "Faldende driftsbalance"}
            | {"target_kr": 50_000_000, "priority": 1},
            {"id": 2, "programme_id": 1, "key": "demografi", "name": "Demografisk udvikling"}
            | {"target_kr": 25_000_000, "priority": 2},
            {"id": 3, "programme_id": 1, "key": "politisk", "name": "Politisk prioritering"}
            | {"target_kr": 50_000_000, "priority": 3},
        ],
    )
    hypotheses = [
        ("H01", "Fælles indkøb – æøå", "Indkøb", "Søren Ødegård", "decided", 1, None, 7),
        ("H02", "Rehabilitering", "Ældre", "", "quantified", 2, 65, 3),
        ("H03", "Digital post", "IT", "Åse", "dropped", None, None, 2),
    ]
    conn.execute(
        HYPOTHESIS.insert(),
        [
            {
                "id": i,
                "programme_id": 1,
                "code": code,
                "title": title,
                "area": area,
                "owner": owner,
                "description": f"Beskrivelse af {code}\nmed to linjer",
                "stage": stage,
                "bucket_id": bucket,
                "confidence_pct": confidence,
                "version": version,
                "created_at": T0,
                "updated_at": T1,
            }
            for i, (code, title, area, owner, stage, bucket, confidence, version) in enumerate(
                hypotheses, start=1
            )
        ],
    )
    figures = [
        # (hypothesis, year, kind, kroner, moment): H01's 2018 potential changed at T1.
        (1, 2018, "potential", 4_000_000, T0),
        (1, 2018, "potential", BIG, T1),
        (1, 2018, "realised", 1_250_000, T1),
        (1, 2016, "investment", 500_000, T0),
        (2, 2018, "potential", 10_000_000, T0),
        (2, 2017, "potential", 5_000_000, T0),
        (3, 2018, "potential", 2_000_000, T0),
    ]
    conn.execute(
        FIGURE.insert(),
        [
            {
                "id": n,
                "hypothesis_id": h,
                "year": year,
                "kind": kind,
                "amount_kr": kr,
                "recorded_at": at,
                "actor": "anna",
                "source": "cli",
                "note": f"tal {n}",
            }
            for n, (h, year, kind, kr, at) in enumerate(figures, start=1)
        ],
    )
    conn.execute(
        EVENT.insert(),
        [
            {
                "id": 1,
                "programme_id": 1,
                "at": T1,
                "actor": "anna",
                "source": "cli",
                "action": "figure.set",
                "hypothesis_id": 1,
                "subject": "H01",
                "field": "potential.2018",
                "old_value": "4000000",
                "new_value": str(BIG),
                "note": "nyt skøn",
            },
            {
                "id": 2,
                "programme_id": 1,
                "at": T1,
                "actor": "bo",
                "source": "tui",
                "action": "hypothesis.set",
                "hypothesis_id": 3,
                "subject": "H03",
                "field": "stage",
                "old_value": "qualified",
                "new_value": "dropped",
                "note": "dækket af andet projekt",
            },
        ],
    )
    conn.execute(
        SNAPSHOT.insert(),
        [
            {"id": 1, "programme_id": 1, "name": "Chefgruppemøde", "actor": "anna"}
            | {"at": T0, "created_at": T0}
        ],
    )
    if conn.dialect.name == "postgresql":
        # Explicit ids do not move PostgreSQL's sequences: do what a real load would.
        for table in ("programme", "bucket", "hypothesis", "figure", "event", "snapshot"):
            conn.exec_driver_sql(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT max(id) FROM {table}))"
            )


def _counts(conn: sa.Connection) -> dict[str, int]:
    tables = ("programme", "stage_weight", "bucket", "hypothesis", "figure", "event", "snapshot")
    return {t: conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar_one() for t in tables}


def _revisions_after_first() -> list[str]:
    from alembic.script import ScriptDirectory

    from db.schema import alembic_config

    script = ScriptDirectory.from_config(alembic_config())
    assert script.get_current_head() == HEAD, "db.schema.HEAD must name Alembic's head"
    order = [r.revision for r in reversed(list(script.walk_revisions()))]
    assert order[0] == FIRST
    return order[1:]


def test_upgrading_from_the_first_migration_keeps_everything(store_url: str) -> None:
    engine = make_engine(store_url)
    try:
        upgrade(engine, FIRST)
        with engine.begin() as conn:
            assert current_revision(conn) == FIRST
            _fill_at_first_revision(conn)
            filled = _counts(conn)
        # Step by step, so that each migration is checked on data (none yet after 0001).
        for revision in _revisions_after_first():
            upgrade(engine, revision)
            with engine.connect() as conn:
                assert _counts(conn) == filled, f"rows lost by migration {revision}"
        upgrade(engine, "head")
        with engine.connect() as conn:
            assert current_revision(conn) == HEAD
            assert _counts(conn) == filled
            # 0004: every event written before it was written at its moment.
            moments = sa.table(
                "event", sa.column("at", UTCDateTime()), sa.column("recorded_at", UTCDateTime())
            )
            both = conn.execute(sa.select(moments.c.at, moments.c.recorded_at)).all()
            assert both == [(T1, T1), (T1, T1)]
            # 0005: every programme before it ended at its target year, shown as before.
            frame = conn.exec_driver_sql(
                "SELECT target_year, last_year, display_unit, display_decimals FROM programme"
            ).all()
            assert [tuple(row) for row in frame] == [(2018, 2018, "mio", 1)]
            # 0006: every gain before it counted as cash, and only cash counted.
            kinds = conn.exec_driver_sql("SELECT benefit_type FROM hypothesis").all()
            assert [row[0] for row in kinds] == ["kontant"] * 3
            counts = conn.exec_driver_sql("SELECT counting_types FROM programme").scalar()
            assert counts == "kontant"
    finally:
        engine.dispose()

    with tracker.open(store_url, actor="carl", clock=lambda: T1 + timedelta(days=1)) as p:
        prog = p.programme()
        assert (prog.name, prog.target_kr, prog.target_year, prog.first_year) == (
            "Parat til fremtiden – økonomisk råderum",
            125_000_000,
            2018,
            2015,
        )
        assert prog.allocation == "earmarked"
        assert (prog.last_year, prog.display.unit, prog.display.decimals) == (2018, "mio", 1)
        assert prog.weights[Stage.DECIDED] == 80 and prog.weights[Stage.QUALIFIED] == 30
        assert [(b.key, b.target_kr, b.priority) for b in prog.buckets] == [
            ("driftsbalance", 50_000_000, 1),
            ("demografi", 25_000_000, 2),
            ("politisk", 50_000_000, 3),
        ]
        views = {h.code: h for h in p.hypotheses()}
        assert sorted(views) == ["H01", "H02", "H03"]
        h1, h2, h3 = views["H01"], views["H02"], views["H03"]
        assert (h1.title, h1.owner, h1.stage, h1.bucket, h1.version) == (
            "Fælles indkøb – æøå",
            "Søren Ødegård",
            Stage.DECIDED,
            "driftsbalance",
            7,
        )
        assert (h2.confidence_pct, h2.bucket, h3.stage, h3.bucket) == (
            65,
            "demografi",
            Stage.DROPPED,
            None,
        )
        assert h1.created_at == T0 and h1.updated_at == T1
        assert h2.description == "Beskrivelse af H02\nmed to linjer"

        d1 = p.hypothesis("H01")
        assert d1.figures == {
            2016: {"investment": 500_000},
            2018: {"potential": BIG, "realised": 1_250_000},
        }
        assert [(e.actor, e.field, e.old_value, e.new_value, e.note) for e in d1.events] == [
            ("anna", "potential.2018", "4000000", str(BIG), "nyt skøn")
        ]
        assert p.hypothesis("H03").events[0].source == "tui"

        # The arithmetic over the carried data: earmarked, weights as stored.
        now = p.status()
        assert now.totals.pipeline_kr == BIG + 10_000_000  # H03 is dropped
        assert now.totals.weighted_kr == BIG * 80 // 100 + 6_500_000
        assert now.totals.realised_kr == 1_250_000
        then = p.status(as_of=T0 + timedelta(days=1))
        # exact time travel: H03 was dropped only at T1, so it still counted then
        assert then.totals.pipeline_kr == 4_000_000 + 10_000_000 + 2_000_000

        # The upgraded store keeps working: the version column still guards writes.
        view, changed = p.set_figure("H01", 2018, potential="3,5", expect_version=7)
        assert (changed, view.version) == (1, 8)
        added = p.add_hypothesis("H04", title="Ny efter opgradering")
        assert added.version == 1
