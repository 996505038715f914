"""The Python API for scripts: ``with tracker.open(path, actor=…) as p``.

Store-level tests run on both engines (``store_url``: a SQLite file, a PostgreSQL
database); "unchanged" is an engine-neutral dump of every table.
"""

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

import tracker
from tests.storeutil import dump_store, rows
from tracker.errors import InvalidInput, NotFound, ParatError, StaleVersion


def _programme(url: str) -> str:
    with tracker.open(url, actor="x") as p:
        p.create_programme()
        p.add_hypothesis("H04", title="Rehabilitering", owner="Lone", stage="quantified")
        p.add_hypothesis("H05", title="Indkøb", owner="Mads", stage="Besluttet")
    return url


@pytest.fixture
def prog(store_url: str) -> str:
    """Two hypotheses, once per engine."""
    return _programme(store_url)


@pytest.fixture
def prog_file(db_path: Path) -> str:
    """The same on a SQLite file only: for checks that never reach the store."""
    return _programme(f"sqlite:///{db_path}")


def test_set_figure_text_int_and_decimal(prog: str) -> None:
    with tracker.open(prog, actor="x") as p:
        h, changed = p.set_figure("H04", 2018, potential="4,5", realised=1_000_000)
        assert (changed, h.version) == (2, 2)
        p.set_figure("h05", 2018, potential=Decimal("2000000"), investment="29 tkr")
        p.set_figure("H05", 2017, potential=1_000_001)
        detail = p.hypothesis("H04")
        assert detail.figures == {2018: {"potential": 4_500_000, "realised": 1_000_000}}
        status = p.status()
    assert status.totals.pipeline_kr == 6_500_000
    # 4.500.000 × 50 % + 2.000.000 × 75 %
    assert status.totals.weighted_kr == 2_250_000 + 1_500_000
    assert status.totals.decided_kr == 2_000_000
    assert status.totals.realised_kr == 1_000_000
    assert status.totals.investment_kr == 29_000
    assert status.totals.gap_kr == 125_000_000 - 3_750_000
    y2017 = next(y for y in status.years if y.year == 2017)
    assert (y2017.pipeline_kr, y2017.weighted_kr) == (1_000_001, 750_001)  # 750.000,75 → up


def test_events_carry_actor_and_source_api(prog: str) -> None:
    with tracker.open(prog, actor="x") as p:
        p.set_figure("H04", 2018, potential="4,5")
    assert set(rows(prog, "SELECT DISTINCT actor, source FROM event")) == {("x", "api")}


def test_update_with_stale_version_is_refused(prog: str) -> None:
    with tracker.open(prog, actor="x") as p:
        h, _ = p.update_hypothesis("H04", owner="Lone Bech", expect_version=1)
        assert h.version == 2
        before = dump_store(prog)
        with pytest.raises(StaleVersion) as caught:
            p.update_hypothesis("H04", owner="Anden", expect_version=1)
        assert (caught.value.code, caught.value.expected, caught.value.actual) == ("H04", 1, 2)
        assert caught.value.exit_code == 3  # what a script sees from the CLI, too
        assert str(caught.value) == (
            "H04 has changed since version 1 (now version 2); reload it and try again"
        )
        with pytest.raises(StaleVersion):
            p.set_figure("H04", 2018, potential="1", expect_version=1)
        with pytest.raises(StaleVersion):
            p.set_stage("H04", "decided", expect_version=1)
    assert dump_store(prog) == before


def test_two_scripts_at_once_the_second_is_refused(prog: str) -> None:
    with tracker.open(prog, actor="a") as a, tracker.open(prog, actor="b") as b:
        seen_a = a.hypothesis("H04").hypothesis.version
        seen_b = b.hypothesis("H04").hypothesis.version
        a.update_hypothesis("H04", title="A's title", expect_version=seen_a)
        with pytest.raises(StaleVersion):
            b.update_hypothesis("H04", title="B's title", expect_version=seen_b)
        assert b.hypothesis("H04").hypothesis.title == "A's title"


@pytest.mark.parametrize(
    "amount",
    ["abc", "4,5 kr", "", "1e9", 4.5, True, Decimal("0.5"), Decimal("NaN"), 10**13],
)
def test_bad_amounts_are_refused(prog_file: str, amount: object) -> None:
    # refused while parsing, before the store is touched: one engine is enough
    before = dump_store(prog_file)
    with tracker.open(prog_file, actor="x") as p, pytest.raises(InvalidInput):
        p.set_figure("H04", 2018, potential="1", realised=amount)  # type: ignore[arg-type]
    assert dump_store(prog_file) == before


def test_none_amount_means_not_given(prog: str) -> None:
    with tracker.open(prog, actor="x") as p:
        _, changed = p.set_figure("H04", 2018, potential="1", realised=None)
        assert changed == 1


def test_errors_are_paraterrors(prog: str) -> None:
    with tracker.open(prog, actor="x") as p:
        with pytest.raises(NotFound, match="unknown hypothesis 'H99'"):
            p.set_figure("H99", 2018, potential="1")
        with pytest.raises(InvalidInput, match="outside the programme's years"):
            p.set_figure("H04", 2020, potential="1")
        with pytest.raises(InvalidInput, match="unknown stage"):
            p.set_stage("H04", "nope")
        with pytest.raises(InvalidInput, match="needs a note"):
            p.set_stage("H04", "identified")


def test_status_as_of_a_past_moment(store_url: str) -> None:
    moment = [datetime(2018, 1, 1, 9, 0, tzinfo=UTC)]
    with tracker.open(store_url, actor="x", clock=lambda: moment[0]) as p:
        p.create_programme()
        p.add_hypothesis("H01", title="t", owner="o", stage="realised")
        p.set_figure("H01", 2018, potential="1")
        moment[0] += timedelta(days=10)
        p.set_figure("H01", 2018, potential="3")
        assert p.status().totals.pipeline_kr == 3_000_000
        past = p.status(as_of=datetime(2018, 1, 5, tzinfo=UTC))
        assert past.totals.pipeline_kr == 1_000_000
        with pytest.raises(NotFound, match="did not exist yet"):
            p.status(as_of=datetime(2017, 12, 31, tzinfo=UTC))


def test_default_database_from_environment(monkeypatch, tmp_path: Path) -> None:
    path = tmp_path / "env.db"
    monkeypatch.setenv("PARAT_DATABASE_URL", f"sqlite:///{path}")
    with tracker.open(actor="x") as p:
        p.create_programme(name="Fra miljøet")
    with tracker.open(str(path)) as p:
        assert p.programme().name == "Fra miljøet"


def test_actor_defaults_to_environment(db_path: Path) -> None:
    with tracker.open(str(db_path)) as p:  # conftest sets PARAT_ACTOR=tester
        p.create_programme()
    assert rows(f"sqlite:///{db_path}", "SELECT actor, source FROM event") == [("tester", "api")]


def test_unchanged_programme_values_write_nothing(store_url: str) -> None:
    moment = [datetime(2018, 1, 1, 9, 0, tzinfo=UTC)]
    with tracker.open(store_url, actor="x", clock=lambda: moment[0]) as p:
        p.create_programme()
        moment[0] += timedelta(days=1)
        before = dump_store(store_url)
        p.set_programme(target="125", allocation="waterfall", weights={"decided": 75})
        assert dump_store(store_url) == before
        p.set_programme(target="130")
        assert p.programme().updated_at == moment[0]


def test_unknown_bucket_lists_the_known_keys_in_order(prog: str, tmp_path: Path) -> None:
    # PostgreSQL returns rows without ORDER BY in table order, SQLite in index order:
    # the list in the message must be the same (alphabetical) on both.
    with tracker.open(prog, actor="x") as p:
        p.set_bucket("anlaeg", name="Anlæg", target=1, create=True)
        known = "anlaeg, demografi, driftsbalance, politisk"
        with pytest.raises(NotFound) as on_bucket:
            p.set_bucket("nope", target=1)
        assert str(on_bucket.value) == f"unknown bucket 'nope' (known: {known})"
        with pytest.raises(NotFound) as on_hypothesis:
            p.update_hypothesis("H04", bucket="nope")
        assert str(on_hypothesis.value) == str(on_bucket.value)
        path = tmp_path / "b.csv"
        path.write_text("code;bucket\nH04;nope\n")
        with pytest.raises(ParatError) as on_import:
            p.import_file(path)
    assert f"unknown bucket 'nope' (known: {known}, or none)" in str(on_import.value)
