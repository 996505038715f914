"""Time travel is exact: after any sequence of dated changes, the status at each past
moment equals the status that was shown at that moment (except the lock version,
which is always the current one).

On both engines: 25 examples on SQLite files, 10 on PostgreSQL.
"""

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tracker
from tests.conftest import PgServer
from tracker.errors import ParatError
from tracker.report import status_to_dict

CODES = ["H01", "H02", "H03"]
STAGES = ["identified", "qualified", "quantified", "decided", "implemented", "realised", "dropped"]

OPERATIONS = st.one_of(
    st.tuples(
        st.just("figure"),
        st.sampled_from(CODES),
        st.integers(2015, 2018),
        st.sampled_from(["potential", "realised", "investment"]),
        st.integers(0, 20_000_000),
    ),
    st.tuples(st.just("stage"), st.sampled_from(CODES), st.sampled_from(STAGES)),
    st.tuples(st.just("title"), st.sampled_from(CODES), st.sampled_from(["A", "B", "Ny titel"])),
    st.tuples(
        st.just("bucket"), st.sampled_from(CODES), st.sampled_from([None, "demografi", "politisk"])
    ),
    st.tuples(st.just("confidence"), st.sampled_from(CODES), st.sampled_from([None, 0, 40, 95])),
    st.tuples(st.just("weight"), st.sampled_from(STAGES[:-1]), st.integers(0, 100)),
    st.tuples(st.just("target"), st.integers(50, 200)),
    st.tuples(
        st.just("bucket_target"), st.sampled_from(["demografi", "politisk"]), st.integers(1, 80)
    ),
    st.tuples(st.just("allocation"), st.sampled_from(["waterfall", "earmarked"])),
    st.tuples(st.just("add"), st.sampled_from(["H02", "H03"])),
    st.tuples(st.just("undo")),
)


def apply(p: Any, op: tuple[Any, ...]) -> None:
    kind = op[0]
    if kind == "figure":
        p.set_figure(op[1], op[2], **{op[3]: op[4]})
    elif kind == "stage":
        p.set_stage(op[1], op[2], note="flyttet")
    elif kind == "title":
        p.update_hypothesis(op[1], title=op[2])
    elif kind == "bucket":
        p.update_hypothesis(op[1], bucket=op[2])
    elif kind == "confidence":
        p.update_hypothesis(op[1], confidence_pct=op[2])
    elif kind == "weight":
        p.set_programme(weights={op[1]: op[2]})
    elif kind == "target":
        p.set_programme(target=op[1] * 1_000_000)
    elif kind == "bucket_target":
        p.set_bucket(op[1], target=op[2] * 1_000_000)
    elif kind == "allocation":
        p.set_programme(allocation=op[1])
    elif kind == "add":
        p.add_hypothesis(op[1], title=f"Hypotese {op[1]}", stage="quantified")
    else:
        p.undo()


def comparable(status: Any) -> dict[str, Any]:
    data = status_to_dict(status)
    for h in data["hypotheses"]:
        h.pop("version")
    return data


def check_time_travel(url: str, operations: list[tuple[Any, ...]]) -> None:
    clock = {"now": datetime(2018, 1, 1, 9, tzinfo=UTC)}
    with tracker.open(url, actor="tester", clock=lambda: clock["now"]) as p:
        p.create_programme()
        p.add_hypothesis("H01", title="A", stage="qualified")
        shown = [(clock["now"], comparable(p.status()))]
        for op in operations:
            clock["now"] += timedelta(hours=1, microseconds=1)
            try:
                apply(p, op)
            except ParatError:
                continue  # e.g. an unknown code or nothing to undo: no change
            shown.append((clock["now"], comparable(p.status())))
        for moment, expected in shown:
            assert comparable(p.status(moment)) == expected


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(operations=st.lists(OPERATIONS, min_size=1, max_size=12))
def test_status_as_of_every_step_equals_what_was_shown(
    tmp_path_factory: Any, operations: list[tuple[Any, ...]]
) -> None:
    db = Path(tmp_path_factory.mktemp("tt")) / "parat.db"
    check_time_travel(f"sqlite:///{db}", operations)


@pytest.mark.postgres
@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(operations=st.lists(OPERATIONS, min_size=1, max_size=12))
def test_status_as_of_every_step_equals_what_was_shown_on_postgresql(
    pg_server: PgServer, operations: list[tuple[Any, ...]]
) -> None:
    with pg_server.empty_database() as url:
        check_time_travel(url, operations)
