"""The status arithmetic against hand-computed figures, and its invariants.

The programme below is small enough to add up by hand; every expected number in this
file was computed on paper from the facts, not by running the code.
"""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.domain.status_reference import reference_status
from tracker.domain.stages import DEFAULT_WEIGHTS, Stage
from tracker.domain.status import (
    STALE_AFTER,
    Allocation,
    BucketFacts,
    HypothesisFacts,
    Measures,
    ProgrammeFacts,
    Status,
    allocate_earmarked,
    allocate_waterfall,
    compute_status,
    weighted_amount,
)

AS_OF = datetime(2018, 3, 12, 9, 0, tzinfo=UTC)
MEASURES = (
    "pipeline_kr",
    "weighted_kr",
    "decided_kr",
    "realised_kr",
    "budgeted_kr",
    "validated_kr",
)

BUCKETS = (
    # given out of priority order on purpose: the result is sorted by priority
    BucketFacts("c", "Pulje C", 50_000_000, 3),
    BucketFacts("a", "Pulje A", 30_000_000, 1),
    BucketFacts("b", "Pulje B", 20_000_000, 2),
)

PROGRAMME = ProgrammeFacts(
    name="Testprogram",
    target_kr=100_000_000,
    target_year=2018,
    first_year=2016,
    buckets=BUCKETS,
)

HYPOTHESES = (
    # decided 75 %: 10.000.005 × 0,75 = 7.500.003,75 → 7.500.004
    HypothesisFacts(
        "H1",
        "Et",
        Stage.DECIDED,
        owner="Anna",
        bucket="a",
        updated_at=datetime(2018, 3, 1, tzinfo=UTC),
        potential={2016: 1_000_000, 2017: 5_000_000, 2018: 10_000_005},
        realised={2017: 4_000_000, 2018: 3_000_000},
        investment={2016: 2_000_000},
    ),
    # quantified, confidence 33 %: 1.000.005 × 0,33 = 330.001,65 → 330.002; stale (60 days)
    HypothesisFacts(
        "H2",
        "To",
        Stage.QUANTIFIED,
        owner="Bo",
        bucket="b",
        confidence_pct=33,
        updated_at=AS_OF - timedelta(days=60),
        potential={2018: 1_000_005},
        investment={2017: 500_000},
    ),
    # qualified 25 %: 1.000.002 × 0,25 = 250.000,5 → 250.001 (half up); no owner
    HypothesisFacts(
        "H3",
        "Tre",
        Stage.QUALIFIED,
        owner="",
        updated_at=AS_OF - timedelta(days=59, hours=23),
        potential={2018: 1_000_002},
    ),
    # dropped: counts 0 everywhere, earns no owner or stale warning
    HypothesisFacts(
        "H4",
        "Fire",
        Stage.DROPPED,
        owner="",
        bucket="a",
        updated_at=AS_OF - timedelta(days=400),
        potential={2018: 5_000_000},
    ),
    # realised 100 %, realised above potential
    HypothesisFacts(
        "H5",
        "Fem",
        Stage.REALISED,
        owner="Cai",
        bucket="c",
        updated_at=AS_OF,
        potential={2018: 40_000_000},
        realised={2018: 41_000_000},
    ),
    # quantified without a potential for 2018
    HypothesisFacts("H6", "Seks", Stage.QUANTIFIED, owner="Dorte", updated_at=AS_OF),
)

PIPELINE = 10_000_005 + 1_000_005 + 1_000_002 + 40_000_000
WEIGHTED = 7_500_004 + 330_002 + 250_001 + 40_000_000
DECIDED = 10_000_005 + 40_000_000
REALISED = 3_000_000 + 41_000_000


@pytest.fixture(scope="module")
def waterfall() -> Status:
    return compute_status(PROGRAMME, HYPOTHESES, AS_OF)


@pytest.fixture(scope="module")
def earmarked() -> Status:
    return compute_status(replace(PROGRAMME, allocation=Allocation.EARMARKED), HYPOTHESES, AS_OF)


def _bucket_rows(status: Status) -> list[tuple[str, int, int, int, int, int]]:
    return [
        (b.key, b.pipeline_kr, b.weighted_kr, b.decided_kr, b.realised_kr, b.gap_kr)
        for b in status.buckets
    ]


def test_hand_totals(waterfall: Status) -> None:
    t = waterfall.totals
    assert (PIPELINE, WEIGHTED, DECIDED, REALISED) == (
        52_000_012,
        48_080_007,
        50_000_005,
        44_000_000,
    )
    assert t.target_kr == 100_000_000
    assert t.pipeline_kr == 52_000_012
    assert t.weighted_kr == 48_080_007
    assert t.decided_kr == 50_000_005
    assert t.realised_kr == 44_000_000
    assert t.investment_kr == 2_500_000
    assert t.gap_kr == 51_919_993


def test_hand_hypotheses(waterfall: Status) -> None:
    rows = {
        h.code: (
            h.weight_pct,
            h.pipeline_kr,
            h.weighted_kr,
            h.decided_kr,
            h.realised_kr,
            h.investment_kr,
        )
        for h in waterfall.hypotheses
    }
    assert rows == {
        "H1": (75, 10_000_005, 7_500_004, 10_000_005, 3_000_000, 2_000_000),
        "H2": (33, 1_000_005, 330_002, 0, 0, 500_000),
        "H3": (25, 1_000_002, 250_001, 0, 0, 0),
        "H4": (0, 0, 0, 0, 0, 0),
        "H5": (100, 40_000_000, 40_000_000, 40_000_000, 41_000_000, 0),
        "H6": (50, 0, 0, 0, 0, 0),
    }
    assert [h.code for h in waterfall.hypotheses] == ["H1", "H2", "H3", "H4", "H5", "H6"]


def test_hand_waterfall_buckets(waterfall: Status) -> None:
    # priority order a (30), b (20), c (50)
    assert _bucket_rows(waterfall) == [
        ("a", 30_000_000, 30_000_000, 30_000_000, 30_000_000, 0),
        ("b", 20_000_000, 18_080_007, 20_000_000, 14_000_000, 1_919_993),
        ("c", 2_000_012, 0, 5, 0, 50_000_000),
    ]
    assert waterfall.surplus == Measures(0, 0, 0, 0)
    assert waterfall.unassigned == Measures(0, 0, 0, 0)


def test_hand_waterfall_surplus() -> None:
    small = replace(
        PROGRAMME,
        buckets=(BucketFacts("a", "A", 10_000_000, 1), BucketFacts("b", "B", 5_000_000, 2)),
    )
    status = compute_status(small, HYPOTHESES, AS_OF)
    assert _bucket_rows(status) == [
        ("a", 10_000_000, 10_000_000, 10_000_000, 10_000_000, 0),
        ("b", 5_000_000, 5_000_000, 5_000_000, 5_000_000, 0),
    ]
    assert status.surplus == Measures(37_000_012, 33_080_007, 35_000_005, 29_000_000)


def test_hand_earmarked_buckets(earmarked: Status) -> None:
    assert _bucket_rows(earmarked) == [
        ("a", 10_000_005, 7_500_004, 10_000_005, 3_000_000, 22_499_996),
        ("b", 1_000_005, 330_002, 0, 0, 19_669_998),
        ("c", 40_000_000, 40_000_000, 40_000_000, 41_000_000, 10_000_000),
    ]
    assert earmarked.unassigned == Measures(1_000_002, 250_001, 0, 0)
    assert earmarked.surplus == Measures(0, 0, 0, 0)
    # the totals do not depend on the allocation mode
    assert earmarked.totals.weighted_kr == 48_080_007


def test_hand_stages(waterfall: Status) -> None:
    assert [
        (s.stage, s.label, s.count, s.pipeline_kr, s.weighted_kr) for s in waterfall.stages
    ] == [
        (Stage.IDENTIFIED, "Identificeret", 0, 0, 0),
        (Stage.QUALIFIED, "Kvalificeret", 1, 1_000_002, 250_001),
        (Stage.QUANTIFIED, "Kvantificeret", 2, 1_000_005, 330_002),
        (Stage.DECIDED, "Besluttet", 1, 10_000_005, 7_500_004),
        (Stage.IMPLEMENTED, "Implementeret", 0, 0, 0),
        (Stage.REALISED, "Realiseret", 1, 40_000_000, 40_000_000),
        (Stage.DROPPED, "Forkastet", 1, 0, 0),
    ]


def test_hand_years(waterfall: Status) -> None:
    rows = [
        (
            y.year,
            y.pipeline_kr,
            y.weighted_kr,
            y.decided_kr,
            y.realised_kr,
            y.investment_kr,
            y.net_kr,
        )
        for y in waterfall.years
    ]
    assert rows == [
        (2016, 1_000_000, 750_000, 1_000_000, 0, 2_000_000, -1_000_000),
        (2017, 5_000_000, 3_750_000, 5_000_000, 4_000_000, 500_000, 4_500_000),
        (2018, 52_000_012, 48_080_007, 50_000_005, 44_000_000, 0, 52_000_012),
    ]


def test_hand_warnings(waterfall: Status) -> None:
    got = {(w.code, w.hypothesis): w.message for w in waterfall.warnings}
    assert got == {
        ("stale", "H2"): "H2 er ikke opdateret i 60 dage",
        ("no-owner", "H3"): "H3 har ingen ansvarlig",
        ("realised-above-potential", "H5"): (
            "H5: realiseret 41,0 mio. kr. over potentialet 40,0 mio. kr. i 2018"
        ),
        ("missing-potential", "H6"): "H6 er kvantificeret men har intet potentiale for 2018",
        # H1, H2 and H5 carry an earmark; the dropped H4 does not count
        ("earmark-ignored", None): (
            "3 hypoteser har en øremærket pulje, men vandfaldsreglen ser bort fra øremærkning"
        ),
    }


# -- single rules ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kr", "pct", "expected"),
    [
        (1_000_005, 25, 250_001),  # 250.001,25
        (1_000_002, 25, 250_001),  # 250.000,5 → up
        (1_000_006, 25, 250_002),  # 250.001,5 → up
        (-1_000_002, 25, -250_001),  # away from zero
        (1, 50, 1),
        (3, 50, 2),
        (1, 10, 0),
        (5, 10, 1),  # 0,5 → 1
        (1_000_005, 100, 1_000_005),
        (1_000_005, 0, 0),
        (125_000_000, 75, 93_750_000),
    ],
)
def test_weighted_amount(kr: int, pct: int, expected: int) -> None:
    assert weighted_amount(kr, pct) == expected


def _one(h: HypothesisFacts, **programme: object) -> Status:
    return compute_status(replace(PROGRAMME, **programme), [h], AS_OF)


def test_rounding_is_per_hypothesis_then_summed() -> None:
    # three × 250.000,5: rounded each → 3 × 250.001; rounding the sum would give 750.002
    hs = [
        HypothesisFacts(f"H{i}", "x", Stage.QUALIFIED, owner="o", potential={2018: 1_000_002})
        for i in range(3)
    ]
    status = compute_status(PROGRAMME, hs, AS_OF)
    assert status.totals.weighted_kr == 750_003


def test_confidence_override_beats_stage_weight() -> None:
    h = HypothesisFacts("H1", "x", Stage.IDENTIFIED, owner="o", potential={2018: 2_000_000})
    assert _one(h).hypotheses[0].weighted_kr == 200_000
    assert _one(replace(h, confidence_pct=80)).hypotheses[0].weighted_kr == 1_600_000
    zero = _one(replace(h, confidence_pct=0)).hypotheses[0]
    assert (zero.weight_pct, zero.weighted_kr, zero.pipeline_kr) == (0, 0, 2_000_000)


def test_dropped_counts_zero_even_with_confidence() -> None:
    h = HypothesisFacts(
        "H1",
        "x",
        Stage.DROPPED,
        owner="o",
        confidence_pct=90,
        potential={2018: 2_000_000},
        realised={2018: 1_000_000},
    )
    row = _one(h).hypotheses[0]
    assert (row.weight_pct, row.pipeline_kr, row.weighted_kr, row.decided_kr) == (0, 0, 0, 0)


def test_programme_weights_replace_defaults() -> None:
    weights = {**DEFAULT_WEIGHTS, Stage.DECIDED: 80}
    h = HypothesisFacts("H1", "x", Stage.DECIDED, owner="o", potential={2018: 1_000_000})
    row = _one(h, weights=weights).hypotheses[0]
    assert (row.weight_pct, row.weighted_kr) == (80, 800_000)


@pytest.mark.parametrize(
    ("stage", "decided"),
    [
        (Stage.IDENTIFIED, 0),
        (Stage.QUALIFIED, 0),
        (Stage.QUANTIFIED, 0),
        (Stage.DECIDED, 3_000_000),
        (Stage.IMPLEMENTED, 3_000_000),
        (Stage.REALISED, 3_000_000),
        (Stage.DROPPED, 0),
    ],
)
def test_decided_stages(stage: Stage, decided: int) -> None:
    h = HypothesisFacts("H1", "x", stage, owner="o", potential={2018: 3_000_000})
    assert _one(h).totals.decided_kr == decided


def test_realised_counts_at_any_stage() -> None:
    h = HypothesisFacts(
        "H1", "x", Stage.QUALIFIED, owner="o", potential={2018: 3}, realised={2018: 2}
    )
    assert _one(h).totals.realised_kr == 2


def test_years_outside_the_programme_are_ignored() -> None:
    h = HypothesisFacts(
        "H1",
        "x",
        Stage.REALISED,
        owner="o",
        potential={2014: 9, 2018: 1, 2019: 9},
        investment={2014: 7, 2019: 7},
    )
    status = _one(h)
    assert [y.year for y in status.years] == [2016, 2017, 2018]
    assert status.totals.pipeline_kr == 1
    assert status.totals.investment_kr == 0


def test_the_later_years_run_to_the_last_year_and_leave_the_target_year_alone() -> None:
    h = HypothesisFacts(
        "H1",
        "x",
        Stage.DECIDED,
        owner="o",
        potential={2018: 1_000_000, 2019: 2_000_000, 2021: 3_000_000, 2022: 9},
        realised={2020: 500_000},
        investment={2019: 100_000},
    )
    shorter = compute_status(PROGRAMME, [h], AS_OF)
    later = compute_status(replace(PROGRAMME, last_year=2021), [h], AS_OF)
    assert [y.year for y in later.years] == [2016, 2017, 2018, 2019, 2020, 2021]
    by_year = {y.year: y for y in later.years}
    assert (by_year[2019].pipeline_kr, by_year[2019].weighted_kr) == (2_000_000, 1_500_000)
    assert (by_year[2019].investment_kr, by_year[2019].net_kr) == (100_000, 1_900_000)
    assert by_year[2020].realised_kr == 500_000 and by_year[2021].decided_kr == 3_000_000
    # the target-year measures are those of the programme without the later years
    assert (later.totals.pipeline_kr, later.totals.weighted_kr) == (1_000_000, 750_000)
    assert later.totals.gap_kr == shorter.totals.gap_kr
    assert later.buckets == shorter.buckets
    # investments count over every year shown
    assert (shorter.totals.investment_kr, later.totals.investment_kr) == (0, 100_000)


def test_gap_is_negative_when_over_fulfilled() -> None:
    h = HypothesisFacts("H1", "x", Stage.REALISED, owner="o", potential={2018: 130_000_000})
    assert _one(h).totals.gap_kr == -30_000_000


def test_empty_programme() -> None:
    status = compute_status(PROGRAMME, [], AS_OF)
    assert status.totals.gap_kr == 100_000_000
    assert all(s.count == 0 for s in status.stages)
    assert status.warnings == ()


# -- warnings, one code at a time -------------------------------------------------------


def _codes(status: Status) -> list[tuple[str, str | None]]:
    return [(w.code, w.hypothesis) for w in status.warnings]


@pytest.mark.parametrize(
    ("stage", "warned"),
    [
        (Stage.IDENTIFIED, False),
        (Stage.QUALIFIED, False),
        (Stage.QUANTIFIED, True),
        (Stage.DECIDED, True),
        (Stage.IMPLEMENTED, True),
        (Stage.REALISED, True),
        (Stage.DROPPED, False),
    ],
)
def test_warning_missing_potential(stage: Stage, warned: bool) -> None:
    # a potential in another year does not count: the target year's is missing
    h = HypothesisFacts("H1", "x", stage, owner="o", potential={2017: 5})
    assert (("missing-potential", "H1") in _codes(_one(h))) is warned


def test_warning_missing_potential_clears_with_a_potential() -> None:
    h = HypothesisFacts("H1", "x", Stage.DECIDED, owner="o", potential={2018: 5})
    assert _codes(_one(h)) == []


@pytest.mark.parametrize(("owner", "warned"), [("", True), ("   ", True), ("Anna", False)])
def test_warning_no_owner(owner: str, warned: bool) -> None:
    h = HypothesisFacts("H1", "x", Stage.IDENTIFIED, owner=owner)
    assert (_codes(_one(h)) == [("no-owner", "H1")]) is warned
    assert (_codes(_one(h)) == []) is not warned


def test_warning_realised_above_potential_per_year() -> None:
    h = HypothesisFacts(
        "H1",
        "x",
        Stage.IMPLEMENTED,
        owner="o",
        potential={2016: 1_000_000, 2017: 2_000_000, 2018: 3_000_000},
        realised={2016: 1_000_000, 2017: 2_500_000, 2018: 3_000_001},
    )
    warnings = [w for w in _one(h).warnings if w.code == "realised-above-potential"]
    assert [w.message for w in warnings] == [
        "H1: realiseret 2,5 mio. kr. over potentialet 2,0 mio. kr. i 2017",
        "H1: realiseret 3,0 mio. kr. over potentialet 3,0 mio. kr. i 2018",
    ]


@pytest.mark.parametrize(
    ("age", "warned"),
    [
        (timedelta(days=59, hours=23, minutes=59), False),
        (timedelta(days=60), True),
        (timedelta(days=61), True),
        (timedelta(days=0), False),
    ],
)
def test_warning_stale(age: timedelta, warned: bool) -> None:
    assert timedelta(days=60) == STALE_AFTER
    h = HypothesisFacts("H1", "x", Stage.QUALIFIED, owner="o", updated_at=AS_OF - age)
    assert (_codes(_one(h)) == [("stale", "H1")]) is warned
    if warned:
        assert _one(h).warnings[0].message == f"H1 er ikke opdateret i {age.days} dage"


def test_warning_stale_not_for_dropped_or_unknown_time() -> None:
    old = AS_OF - timedelta(days=365)
    dropped = HypothesisFacts("H1", "x", Stage.DROPPED, owner="o", updated_at=old)
    never = HypothesisFacts("H2", "x", Stage.QUALIFIED, owner="o", updated_at=None)
    assert _codes(compute_status(PROGRAMME, [dropped, never], AS_OF)) == []


def test_warning_bucket_targets_mismatch() -> None:
    status = compute_status(replace(PROGRAMME, target_kr=125_000_000), [], AS_OF)
    assert _codes(status) == [("bucket-targets-mismatch", None)]
    assert status.warnings[0].message == (
        "Puljernes mål (100,0 mio. kr.) svarer ikke til programmets mål (125,0 mio. kr.)"
    )
    # no buckets at all: nothing to compare
    assert compute_status(replace(PROGRAMME, buckets=()), [], AS_OF).warnings == ()


# -- the allocation helpers ------------------------------------------------------------


def test_allocate_waterfall_negative_total_is_all_surplus() -> None:
    assert allocate_waterfall(-5, BUCKETS) == ([0, 0, 0], -5)


def test_allocate_waterfall_ties_by_key() -> None:
    buckets = [BucketFacts("z", "Z", 10, 1), BucketFacts("y", "Y", 10, 1)]
    assert allocate_waterfall(15, buckets) == ([5, 10], 0)


def test_allocate_earmarked_unknown_key_is_unassigned() -> None:
    assert allocate_earmarked([("a", 1), ("nope", 2), (None, 4)], BUCKETS) == ([0, 1, 0], 6)


# -- invariants (property-based) ---------------------------------------------------------

money = st.integers(min_value=-50_000_000, max_value=200_000_000)
stages = st.sampled_from(list(Stage))


@st.composite
def programmes(draw: st.DrawFn) -> ProgrammeFacts:
    n = draw(st.integers(min_value=0, max_value=4))
    buckets = tuple(
        BucketFacts(
            f"b{i}",
            f"B{i}",
            draw(st.integers(min_value=0, max_value=80_000_000)),
            draw(st.integers(min_value=1, max_value=5)),
        )
        for i in range(n)
    )
    weights = {s: draw(st.integers(min_value=0, max_value=100)) for s in Stage}
    return ProgrammeFacts(
        name="P",
        target_kr=draw(st.integers(min_value=1, max_value=300_000_000)),
        target_year=2018,
        first_year=2015,
        allocation=draw(st.sampled_from(list(Allocation))),
        weights=weights,
        buckets=buckets,
        last_year=draw(st.sampled_from([None, 2018, 2019, 2020])),
        has_rammer=draw(st.booleans()),
        has_validations=draw(st.booleans()),
    )


@st.composite
def hypothesis_lists(
    draw: st.DrawFn, nonnegative: bool = False, max_count: int = 8
) -> list[HypothesisFacts]:
    amounts = st.integers(min_value=0, max_value=200_000_000) if nonnegative else money
    years = st.dictionaries(st.integers(min_value=2014, max_value=2021), amounts, max_size=4)
    edges = [STALE_AFTER, STALE_AFTER - timedelta(microseconds=1)]
    ages = (
        st.none()
        | st.sampled_from(edges)
        | st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=120))
    )
    count = draw(st.integers(min_value=0, max_value=max_count))
    cuts = st.integers(min_value=1, max_value=100_000_000)  # a cut is a positive gain
    return [
        HypothesisFacts(
            code=f"H{i:02d}",
            title="t",
            stage=draw(stages),
            owner=draw(st.sampled_from(["", "Anna"])),
            bucket=draw(st.sampled_from([None, "b0", "b1", "b2", "b3", "unknown"])),
            confidence_pct=draw(st.none() | st.integers(min_value=0, max_value=100)),
            potential=draw(years),
            realised=(realised := draw(years)),
            # the validated figures: some of the realised ones, as they stand
            validated={y: kr for y, kr in realised.items() if draw(st.booleans())},
            investment=draw(st.dictionaries(st.integers(2014, 2019), amounts, max_size=4)),
            updated_at=None if (age := draw(ages)) is None else AS_OF - age,
            baseline_kr=draw(st.none() | amounts),
            budgeted=draw(st.dictionaries(st.integers(2014, 2021), cuts, max_size=3)),
        )
        for i in reversed(range(count))  # out of code order: the status sorts them
    ]


def _sum_buckets(status: Status, name: str) -> int:
    return sum(getattr(b, name) for b in status.buckets)


@settings(max_examples=100, deadline=None)
@given(programmes(), hypothesis_lists())
def test_buckets_and_rest_add_up_to_total(programme: ProgrammeFacts, hs: list) -> None:
    status = compute_status(programme, hs, AS_OF)
    for name in MEASURES:
        total = getattr(status.totals, name)
        if programme.allocation is Allocation.WATERFALL:
            assert _sum_buckets(status, name) + getattr(status.surplus, name) == total
            assert getattr(status.unassigned, name) == 0
        else:
            assert _sum_buckets(status, name) + getattr(status.unassigned, name) == total
            assert getattr(status.surplus, name) == 0


@settings(max_examples=100, deadline=None)
@given(programmes(), hypothesis_lists())
def test_waterfall_buckets_stay_within_targets_in_priority_order(
    programme: ProgrammeFacts, hs: list
) -> None:
    status = compute_status(replace(programme, allocation=Allocation.WATERFALL), hs, AS_OF)
    for name in MEASURES:
        amounts = [getattr(b, name) for b in status.buckets]
        for b, amount in zip(status.buckets, amounts, strict=True):
            assert 0 <= amount <= b.target_kr
        # filled greedily in priority order: each bucket gets what the ones before left
        total, before = getattr(status.totals, name), 0
        for b, amount in zip(status.buckets, amounts, strict=True):
            assert amount == min(b.target_kr, max(0, total - before))
            before += b.target_kr
        surplus = getattr(status.surplus, name)
        if surplus > 0:
            assert all(a == b.target_kr for a, b in zip(amounts, status.buckets, strict=True))
    assert [b.priority for b in status.buckets] == sorted(b.priority for b in status.buckets)


@settings(max_examples=100, deadline=None)
@given(programmes(), hypothesis_lists(nonnegative=True))
def test_weighted_never_exceeds_pipeline(programme: ProgrammeFacts, hs: list) -> None:
    status = compute_status(programme, hs, AS_OF)
    for h in status.hypotheses:
        assert 0 <= h.weighted_kr <= h.pipeline_kr
    assert 0 <= status.totals.weighted_kr <= status.totals.pipeline_kr
    for y in status.years:
        assert 0 <= y.weighted_kr <= y.pipeline_kr


@settings(max_examples=100, deadline=None)
@given(programmes(), hypothesis_lists())
def test_weighted_magnitude_never_exceeds_pipeline(programme: ProgrammeFacts, hs: list) -> None:
    status = compute_status(programme, hs, AS_OF)
    for h in status.hypotheses:
        assert abs(h.weighted_kr) <= abs(h.pipeline_kr)
        assert h.weighted_kr * h.pipeline_kr >= 0  # same sign (or zero)
        assert h.weighted_kr == weighted_amount(h.pipeline_kr, h.weight_pct)


@settings(max_examples=100, deadline=None)
@given(programmes(), hypothesis_lists())
def test_totals_are_exact_sums(programme: ProgrammeFacts, hs: list) -> None:
    status = compute_status(programme, hs, AS_OF)
    t = status.totals
    for name in MEASURES:
        assert getattr(t, name) == sum(getattr(h, name) for h in status.hypotheses)
    assert t.investment_kr == sum(h.investment_kr for h in status.hypotheses)
    assert t.investment_kr == sum(y.investment_kr for y in status.years)
    assert t.gap_kr == programme.target_kr - t.weighted_kr
    # stages partition the hypotheses
    assert sum(s.count for s in status.stages) == len(hs)
    assert sum(s.pipeline_kr for s in status.stages) == t.pipeline_kr
    assert sum(s.weighted_kr for s in status.stages) == t.weighted_kr
    # the trajectory runs to the last year; the target year's row is the totals
    assert [y.year for y in status.years] == list(programme.years)
    (last,) = (y for y in status.years if y.year == programme.target_year)
    assert (last.pipeline_kr, last.weighted_kr, last.decided_kr, last.realised_kr) == (
        t.pipeline_kr,
        t.weighted_kr,
        t.decided_kr,
        t.realised_kr,
    )
    for y in status.years:
        assert y.net_kr == y.pipeline_kr - y.investment_kr
    # hand-recomputed from the facts, without the module's helpers
    expected_pipeline = sum(0 if h.stage is Stage.DROPPED else h.potential.get(2018, 0) for h in hs)
    assert t.pipeline_kr == expected_pipeline


@settings(max_examples=300, deadline=None)
@given(programmes(), hypothesis_lists(max_count=30))
def test_equals_the_plain_rule_by_rule_computation(programme: ProgrammeFacts, hs: list) -> None:
    """The optimised loop gives exactly the status of the plain version, field by field
    (totals, buckets, rest, funnel, years, every hypothesis, every warning in order)."""
    assert compute_status(programme, hs, AS_OF) == reference_status(programme, hs, AS_OF)
