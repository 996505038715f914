"""Concurrent writers on one store (a SQLite file, a PostgreSQL database): no lost
update, no "database is locked", no spurious stale-version refusal."""

import threading

import pytest

import tracker
from tracker.errors import StaleVersion


@pytest.fixture
def shared(store_url: str) -> str:
    with tracker.open(store_url, actor="setup") as p:
        p.create_programme()
        for code in ("H01", "H02"):
            p.add_hypothesis(code, title=code, owner="o")
    return store_url


def _run(workers: list) -> list[BaseException]:
    errors: list[BaseException] = []

    def guard(work) -> None:  # type: ignore[no-untyped-def]
        try:
            work()
        except BaseException as error:  # collected for the assertion below
            errors.append(error)

    threads = [threading.Thread(target=guard, args=(w,)) for w in workers]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return errors


@pytest.mark.slow
def test_two_writers_interleave_without_errors(shared: str) -> None:
    start = threading.Barrier(2)

    def writer(code: str, actor: str):  # type: ignore[no-untyped-def]
        def work() -> None:
            with tracker.open(shared, actor=actor) as p:
                start.wait()
                for i in range(1, 16):
                    p.set_figure(code, 2018, potential=i * 1000)
                    p.update_hypothesis("H01" if code == "H02" else "H02", area=f"{actor}{i}")

        return work

    assert _run([writer("H01", "a"), writer("H02", "b")]) == []
    with tracker.open(shared) as p:
        status = p.status()
        assert status.totals.pipeline_kr == 30_000
        assert {h.code: h.pipeline_kr for h in status.hypotheses} == {
            "H01": 15_000,
            "H02": 15_000,
        }
        # every change bumped the version exactly once: 1 + 15 figures + 15 updates
        assert {h.code: h.version for h in status.hypotheses} == {"H01": 31, "H02": 31}


@pytest.mark.slow
def test_same_version_two_writers_exactly_one_wins(shared: str) -> None:
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def writer(owner: str):  # type: ignore[no-untyped-def]
        def work() -> None:
            with tracker.open(shared, actor=owner) as p:
                seen = p.hypothesis("H01").hypothesis.version
                start.wait()
                try:
                    p.update_hypothesis("H01", owner=owner, expect_version=seen)
                    outcomes.append(f"won:{owner}")
                except StaleVersion:
                    outcomes.append("stale")

        return work

    assert _run([writer("anna"), writer("bo")]) == []
    assert sorted(o.split(":")[0] for o in outcomes) == ["stale", "won"]
    winner = next(o.split(":")[1] for o in outcomes if o.startswith("won"))
    with tracker.open(shared) as p:
        h = p.hypothesis("H01").hypothesis
    assert (h.owner, h.version) == (winner, 2)
