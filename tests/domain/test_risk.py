"""How sure are we: the expected value, the simulated certainty and the overlaps,
against figures computed by hand and against the properties every programme keeps."""

import random
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.domain.risk import (
    DRAWS,
    SEED,
    Certainty,
    OverlapFacts,
    Risk,
    RiskFacts,
    RiskHypothesis,
    compute_risk,
    expected_amount,
    simulate,
)
from tracker.domain.status import Allocation, BucketFacts

MIO = 1_000_000
TOLERANCE = 0.015  # a probability from 20,000 draws is good to about ±0,01


def fixed(code: str, weight: int, kr: int, bucket: str | None = None) -> RiskHypothesis:
    """A hypothesis without a range."""
    return RiskHypothesis(code, weight, kr, kr, kr, bucket)


# Target 125; 50 at 100 %, 60 and 40 at 50 %: totals 50 / 90 / 110 / 150, a quarter each.
WORKED = RiskFacts(
    125 * MIO,
    (fixed("H1", 100, 50 * MIO), fixed("H2", 50, 60 * MIO), fixed("H3", 50, 40 * MIO)),
)


def test_worked_case_independent_and_together() -> None:
    risk = compute_risk(WORKED)
    assert (risk.draws, risk.seed) == (DRAWS, SEED) == (20_000, 2018)
    assert risk.expected_kr == risk.gross_expected_kr == 100 * MIO
    assert risk.overlap_expected_kr == 0
    assert risk.independent.p_target == pytest.approx(0.25, abs=TOLERANCE)
    assert risk.independent.p80_kr == 50 * MIO
    assert risk.independent.p95_kr == 50 * MIO
    # moving together: 50 or 150, half each
    assert risk.together.p_target == pytest.approx(0.50, abs=TOLERANCE)
    assert risk.together.p80_kr == 50 * MIO
    assert risk.together.p95_kr == 50 * MIO


def test_the_spread_counts_every_draw_between_the_extremes() -> None:
    spread = compute_risk(WORKED).spread
    assert (spread.low_kr, spread.high_kr) == (50 * MIO, 150 * MIO)
    assert len(spread.counts) == 24 and sum(spread.counts) == DRAWS
    # the four totals 50 / 90 / 110 / 150 fall into four bins, a quarter each
    filled = [c for c in spread.counts if c]
    assert len(filled) == 4
    assert [c / DRAWS for c in filled] == pytest.approx([0.25] * 4, abs=TOLERANCE)
    certain = compute_risk(RiskFacts(125 * MIO, (fixed("H1", 100, 7),)), draws=10).spread
    assert (certain.low_kr, certain.high_kr, certain.counts) == (7, 7, (10,))


def test_worked_case_draws_only_the_four_totals() -> None:
    ind, tog = simulate(WORKED).programme()
    values, counts = _counts(ind.sorted_kr)
    assert values == [50 * MIO, 90 * MIO, 110 * MIO, 150 * MIO]
    assert [c / DRAWS for c in counts] == pytest.approx([0.25] * 4, abs=TOLERANCE)
    values, counts = _counts(tog.sorted_kr)
    assert values == [50 * MIO, 150 * MIO]
    assert [c / DRAWS for c in counts] == pytest.approx([0.5, 0.5], abs=TOLERANCE)


def _counts(sorted_kr: object) -> tuple[list[int], list[int]]:
    seen: dict[int, int] = {}
    for x in sorted_kr:  # type: ignore[attr-defined]
        assert x == int(x), "a programme without ranges draws whole kroner"
        seen[int(x)] = seen.get(int(x), 0) + 1
    return list(seen), list(seen.values())


def test_expected_rounds_each_term_half_up() -> None:
    # 25 % × (2 + 8 + 2) / 6 = 0,5 → 1 for each, so 2 in all (not 1 from the exact sum)
    two = (RiskHypothesis("A", 25, 2, 2, 2), RiskHypothesis("B", 25, 2, 2, 2))
    assert [expected_amount(h) for h in two] == [1, 1]
    assert compute_risk(RiskFacts(0, two), draws=10).expected_kr == 2
    # halves go away from zero for a loss too: 50 % × −1 = −0,5 → −1
    assert expected_amount(RiskHypothesis("L", 50, -1, -1, -1)) == -1
    # the PERT mean: 90 % × (10 + 4 × 40 + 100) / 6 = 40,5 → 41
    assert expected_amount(RiskHypothesis("R", 90, 10, 40, 100)) == 41


# Two hypotheses that both claim 10 mio.: 40 at 50 % and 30 at 100 %.
OVERLAP = RiskFacts(
    50 * MIO,
    (fixed("H1", 50, 40 * MIO), fixed("H2", 100, 30 * MIO)),
    overlaps=(OverlapFacts(("H1", "H2"), 10 * MIO),),
)


def test_overlap_is_weighted_at_the_lowest_member_weight() -> None:
    risk = compute_risk(OVERLAP)
    assert risk.gross_expected_kr == 20 * MIO + 30 * MIO
    assert risk.overlap_expected_kr == 5 * MIO  # 10 mio. × 50 %
    assert risk.expected_kr == 45 * MIO


def test_overlap_is_drawn_only_when_all_members_come_true() -> None:
    # H1 true: 40 + 30 − 10 = 60; H1 false: 30 (no deduction, else 20 would appear)
    for totals in simulate(OVERLAP).programme():
        values, counts = _counts(totals.sorted_kr)
        assert values == [30 * MIO, 60 * MIO]
        assert counts[1] / DRAWS == pytest.approx(0.5, abs=TOLERANCE)
    risk = compute_risk(OVERLAP)
    assert risk.independent.p_target == pytest.approx(0.5, abs=TOLERANCE)
    assert (risk.independent.p80_kr, risk.together.p80_kr) == (30 * MIO, 30 * MIO)


def test_overlap_of_two_uncertain_members() -> None:
    facts = replace(OVERLAP, hypotheses=(fixed("H1", 50, 40 * MIO), fixed("H2", 50, 30 * MIO)))
    risk = compute_risk(facts)
    assert risk.expected_kr == 20 * MIO + 15 * MIO - 5 * MIO
    ind, tog = simulate(facts).programme()
    # independent: none 0, H2 only 30, H1 only 40, both 60 (not 70): a quarter each
    values, counts = _counts(ind.sorted_kr)
    assert values == [0, 30 * MIO, 40 * MIO, 60 * MIO]
    assert [c / DRAWS for c in counts] == pytest.approx([0.25] * 4, abs=TOLERANCE)
    # together: both or none
    values, counts = _counts(tog.sorted_kr)
    assert values == [0, 60 * MIO]


BUCKETS = (BucketFacts("b", "Pulje B", 30 * MIO, 2), BucketFacts("a", "Pulje A", 40 * MIO, 1))


def test_waterfall_probability_that_each_bucket_fills() -> None:
    facts = replace(WORKED, buckets=(*BUCKETS, BucketFacts("c", "Pulje C", 0, 3)))
    risk = compute_risk(facts)
    assert [b.key for b in risk.buckets] == ["a", "b", "c"]
    a, b, c = risk.buckets
    # a fills from 40: every total; b from 40 + 30 = 70: all but the 50
    assert (a.p_full, a.p_full_together) == (1.0, 1.0)
    assert b.p_full == pytest.approx(0.75, abs=TOLERANCE)
    assert b.p_full_together == pytest.approx(0.5, abs=TOLERANCE)
    assert (c.p_full, c.p_full_together) == (1.0, 1.0)  # no target: always full
    assert risk.unassigned_expected_kr == 0


def test_waterfall_buckets_hold_what_the_total_leaves_them() -> None:
    """The expected 100 fills a (40) and b (30); P50 of the total is 90, its P80 and
    P95 are 50: a holds 40 of each, b what is left above 40, up to its 30."""
    facts = replace(WORKED, buckets=(*BUCKETS, BucketFacts("c", "Pulje C", 0, 3)))
    a, b, c = compute_risk(facts).buckets
    assert [x.outlook.expected_kr for x in (a, b, c)] == [40 * MIO, 30 * MIO, 0]
    assert a.outlook.independent == Certainty(1.0, 40 * MIO, 40 * MIO, 40 * MIO)
    assert b.outlook.independent == Certainty(b.p_full, 30 * MIO, 10 * MIO, 10 * MIO)
    assert (b.outlook.together.p80_kr, b.outlook.together.p95_kr) == (10 * MIO, 10 * MIO)
    assert b.outlook.together.p_target == b.p_full_together
    assert c.outlook.independent == Certainty(1.0, 0, 0, 0)


def test_earmarked_buckets_have_their_own_figures() -> None:
    facts = RiskFacts(
        125 * MIO,
        (fixed("H1", 100, 50 * MIO, "a"), fixed("H2", 50, 60 * MIO, "b"), fixed("H3", 50, 40)),
        overlaps=(OverlapFacts(("H2", "H1"), 10 * MIO),),
        allocation=Allocation.EARMARKED,
        buckets=BUCKETS,
    )
    risk = compute_risk(facts)
    a, b = risk.buckets
    assert a.outlook.expected_kr == 50 * MIO
    # the overlap is carried by the bucket of its first member: 30 − 10 × 50 %
    assert b.outlook.expected_kr == 25 * MIO
    assert risk.unassigned_expected_kr == 20
    assert risk.expected_kr == a.outlook.expected_kr + b.outlook.expected_kr + 20
    assert a.outlook.independent.p80_kr == a.outlook.together.p95_kr == 50 * MIO
    assert a.p_full == a.outlook.independent.p_target == 1.0
    # b: 60 − 10 = 50 when H2 comes true (H1 always does), else 0; target 30
    assert b.p_full == pytest.approx(0.5, abs=TOLERANCE)
    assert b.outlook.independent.p95_kr == b.outlook.together.p80_kr == 0
    ind, _ = simulate(facts).slot(1)
    assert _counts(ind.sorted_kr)[0] == [0, 50 * MIO]


def test_same_seed_same_figures_other_seed_other_draws() -> None:
    facts = _programme(random.Random(7), 40, overlaps=True)
    first, again = compute_risk(facts, draws=5_000), compute_risk(facts, draws=5_000)
    assert first == again
    other = compute_risk(facts, draws=5_000, seed=SEED + 1)
    assert other.seed == SEED + 1 and other.expected_kr == first.expected_kr
    assert other.independent != first.independent and other.together != first.together


def _programme(rnd: random.Random, n: int, *, overlaps: bool) -> RiskFacts:
    hypotheses = []
    for i in range(n):
        likely = rnd.randint(0, 20) * MIO + rnd.randint(0, 999_999)
        low = likely - rnd.choice([0, rnd.randint(0, likely)])
        high = likely + rnd.choice([0, rnd.randint(0, 2 * likely + 1)])
        weight = rnd.choice([0, 10, 25, 50, 75, 90, 100, rnd.randint(0, 100)])
        hypotheses.append(RiskHypothesis(f"H{i:02d}", weight, low, likely, high))
    found = [
        OverlapFacts(tuple(rnd.sample([h.code for h in hypotheses], rnd.randint(2, 3))), amount)
        for amount in (rnd.randint(0, 3 * MIO) for _ in range(5 if overlaps else 0))
    ]
    return RiskFacts(n * 4 * MIO, tuple(hypotheses), overlaps=tuple(found))


@pytest.mark.parametrize("seed", range(6))
def test_simulated_mean_converges_on_the_expected_value(seed: int) -> None:
    """Within three standard errors, plus half a krone per rounded term. Independent
    draws only without overlaps: they deduct an overlap with the product of the member
    weights, while the expected value uses the lowest weight, which is what the
    move-together draws deduct."""
    rnd = random.Random(seed)
    plain = _programme(rnd, 30, overlaps=False)
    overlapping = _programme(rnd, 30, overlaps=True)
    ind, _ = simulate(plain).programme()
    _, tog = simulate(overlapping).programme()
    cases = ((ind, compute_risk(plain, draws=1)), (tog, compute_risk(overlapping, draws=1)))
    for totals, risk in cases:
        mean = float(totals.sorted_kr.mean())
        error = float(totals.sorted_kr.std()) / DRAWS**0.5
        assert error > 0, "a test with nothing uncertain proves nothing here"
        slack = 0.5 * (30 + len(overlapping.overlaps))
        assert abs(mean - risk.expected_kr) <= 3 * error + slack


CODES = [f"H{i}" for i in range(6)]


@st.composite
def certain_programmes(draw: st.DrawFn) -> RiskFacts:
    """No ranges, weights 0 or 100 %: nothing is uncertain."""
    n = draw(st.integers(0, len(CODES)))
    hypotheses = tuple(
        fixed(
            code,
            draw(st.sampled_from([0, 100])),
            draw(st.integers(-(10**9), 10**9)),
            draw(st.sampled_from([None, "a", "b", "unknown"])),
        )
        for code in CODES[:n]
    )
    overlaps = tuple(
        OverlapFacts(tuple(members), draw(st.integers(0, 10**9)))
        for members in draw(
            st.lists(st.lists(st.sampled_from(CODES[:n]), min_size=2, unique=True), max_size=3)
            if n >= 2
            else st.just([])
        )
    )
    return RiskFacts(
        draw(st.integers(-(10**9), 3 * 10**9)),
        hypotheses,
        overlaps,
        draw(st.sampled_from(Allocation)),
        BUCKETS,
    )


def _certain_totals(facts: RiskFacts) -> tuple[int, dict[str | None, int]]:
    """The one total (and per earmark) of a programme in which nothing is uncertain."""
    true = {h.code: h for h in facts.hypotheses if h.weight_pct == 100}
    per: dict[str | None, int] = {}
    for h in true.values():
        per[h.bucket] = per.get(h.bucket, 0) + h.likely_kr
    for o in facts.overlaps:
        if all(m in true for m in o.members):
            first = true[o.members[0]].bucket
            per[first] = per.get(first, 0) - o.amount_kr
    return sum(per.values()), per


def _all_figures(risk: Risk) -> list[int]:
    return [getattr(c, f"p{p}_kr") for c in (risk.independent, risk.together) for p in (50, 80, 95)]


@settings(max_examples=120, deadline=None)
@given(certain_programmes())
def test_without_uncertainty_every_figure_is_the_total(facts: RiskFacts) -> None:
    total, per = _certain_totals(facts)
    risk = compute_risk(facts, draws=50)
    assert risk.expected_kr == total
    assert _all_figures(risk) == [total] * 6
    reached = 1.0 if total >= facts.target_kr else 0.0
    assert risk.independent.p_target == risk.together.p_target == reached
    filled = 0
    for b in risk.buckets:
        if facts.allocation is Allocation.WATERFALL:
            before, filled = filled, filled + b.target_kr
            assert b.p_full == b.p_full_together == (1.0 if total >= filled else 0.0)
            held = min(max(total - before, 0), b.target_kr)
            assert [b.outlook.independent.p50_kr, b.outlook.together.p95_kr] == [held, held]
            continue
        own = per.get(b.key, 0)
        assert b.outlook.expected_kr == own
        figures = [b.outlook.independent.p50_kr, b.outlook.together.p95_kr]
        assert figures == [own, own]
        assert b.p_full == b.p_full_together == (1.0 if own >= b.target_kr else 0.0)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: RiskHypothesis("H1", 101, 1, 1, 1), "H1: weight 101"),
        (lambda: RiskHypothesis("H1", True, 1, 1, 1), "H1: weight True"),
        (lambda: RiskHypothesis("H1", 50, 2, 1, 3), "low <= likely <= high"),
        (lambda: RiskHypothesis("H1", 50, 1, 3, 2), "low <= likely <= high"),
        (lambda: RiskHypothesis("H1", 50, 1, 1.5, 2), "whole kroner"),  # type: ignore[arg-type]
        (lambda: OverlapFacts(("H1",), 5), "two or more distinct"),
        (lambda: OverlapFacts(("H1", "H1"), 5), "two or more distinct"),
        (lambda: OverlapFacts(("H1", "H2"), -5), "cannot be negative"),
    ],
)
def test_bad_values_are_refused(make: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        make()  # type: ignore[operator]


def test_bad_programmes_are_refused() -> None:
    with pytest.raises(ValueError, match="H1 is given twice"):
        compute_risk(RiskFacts(0, (fixed("H1", 50, 1), fixed("H1", 50, 2))))
    with pytest.raises(ValueError, match="H9 not among the hypotheses"):
        compute_risk(replace(OVERLAP, overlaps=(OverlapFacts(("H1", "H9"), 1),)))
    with pytest.raises(ValueError, match="draws must be at least 1"):
        compute_risk(WORKED, draws=0)
