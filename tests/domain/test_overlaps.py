"""Double counting (dobbelttælling) in the status arithmetic: hand-computed cases for
each rule, and properties that hold on random programmes with random overlaps."""

from dataclasses import replace
from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.domain.test_status import hypothesis_lists, programmes
from tracker.domain.benefits import BenefitType
from tracker.domain.money import weighted_amount
from tracker.domain.overlaps import Overlap, describe_state
from tracker.domain.stages import Stage
from tracker.domain.status import (
    Allocation,
    BucketFacts,
    HypothesisFacts,
    ProgrammeFacts,
    Status,
    compute_status,
)

AS_OF = datetime(2018, 3, 12, 9, 0, tzinfo=UTC)
M = 1_000_000
MEASURES = ("pipeline_kr", "weighted_kr", "decided_kr", "realised_kr", "validated_kr")
BUCKETS = (BucketFacts("a", "A", 10 * M, 1), BucketFacts("b", "B", 10 * M, 2))


def _programme(allocation: Allocation = Allocation.WATERFALL) -> ProgrammeFacts:
    return ProgrammeFacts("P", 30 * M, 2018, 2015, allocation=allocation, buckets=BUCKETS)


def _h(code: str, stage: Stage, potential: int, **kw: object) -> HypothesisFacts:
    return HypothesisFacts(code, code, stage, owner="x", potential={2018: potential}, **kw)  # type: ignore[arg-type]


HS = [
    _h("H1", Stage.DECIDED, 8 * M, bucket="a", realised={2018: 3 * M}),  # weight 75
    _h("H2", Stage.QUANTIFIED, 6 * M, bucket="b", realised={2018: 500_001}),  # 50
    _h("H3", Stage.REALISED, 4 * M, bucket="b", realised={2018: 4 * M}),  # 100
]


def _one(overlap: Overlap, hs: list[HypothesisFacts] = HS, **kw: object) -> Status:
    return compute_status(_programme(**kw), hs, AS_OF, [overlap])  # type: ignore[arg-type]


def test_weighted_takes_the_lowest_member_weight() -> None:
    s = _one(Overlap("O", ("H1", "H2"), 1_000_001))
    (o,) = s.overlaps
    assert (o.weight_pct, o.weighted_kr) == (50, 500_001)  # 500.000,5 rounds up
    assert s.totals.gross_weighted_kr == 6 * M + 3 * M + 4 * M
    assert s.totals.weighted_kr == 13 * M - 500_001
    assert s.totals.pipeline_kr == 18 * M - 1_000_001


def test_decided_only_when_every_member_is_decided() -> None:
    assert _one(Overlap("O", ("H1", "H2"), M)).overlaps[0].decided_kr == 0
    assert _one(Overlap("O", ("H1", "H3"), M)).overlaps[0].decided_kr == M
    assert _one(Overlap("O", ("H1", "H3"), M)).totals.decided_kr == 12 * M - M


def test_realised_when_every_member_has_realised_at_most_the_smallest() -> None:
    # H2 has realised 500.001 kr.: no more of the 2 mio. can have been counted twice
    assert _one(Overlap("O", ("H1", "H2"), 2 * M)).overlaps[0].realised_kr == 500_001
    assert _one(Overlap("O", ("H1", "H3"), 2 * M)).overlaps[0].realised_kr == 2 * M
    without = [HS[0], replace(HS[1], realised={})]
    assert _one(Overlap("O", ("H1", "H2"), 2 * M), without).overlaps[0].realised_kr == 0


def test_validated_by_the_rule_for_realised_over_the_validated_figures() -> None:
    # H1 validated 3 mio., H3 validated 1 mio. (of its 4 realised): at most 1 mio. of
    # the 2 mio. can have been validated twice; without H3 validated, nothing
    hs = [replace(HS[0], validated={2018: 3 * M}), HS[1], replace(HS[2], validated={2018: M})]
    s = _one(Overlap("O", ("H1", "H3"), 2 * M), hs)
    assert (s.overlaps[0].realised_kr, s.overlaps[0].validated_kr) == (2 * M, M)
    assert (s.totals.gross_validated_kr, s.totals.overlap_validated_kr) == (4 * M, M)
    assert s.totals.validated_kr == 3 * M
    assert s.years[-1].validated_kr == 3 * M  # the target-year row is netto too
    earmarked = _one(Overlap("O", ("H1", "H3"), 2 * M), hs, allocation=Allocation.EARMARKED)
    assert [b.validated_kr for b in earmarked.buckets] == [3 * M - M, M]  # off H1's "a"
    hs[2] = HS[2]
    assert _one(Overlap("O", ("H1", "H3"), 2 * M), hs).overlaps[0].validated_kr == 0


def test_dropped_and_other_type_members_do_not_count() -> None:
    hs = [*HS, _h("H4", Stage.DROPPED, 9 * M), _h("H5", Stage.DECIDED, 9 * M,
          benefit_type=BenefitType.FRIGJORT_TID)]  # fmt: skip
    lone = _one(Overlap("O", ("H4", "H1", "H5"), M), hs)
    (o,) = lone.overlaps
    assert (o.counted, o.counts, o.pipeline_kr, o.weighted_kr) == (("H1",), False, 0, 0)
    assert lone.totals.overlap_kr == 0
    assert lone.totals.pipeline_kr == lone.totals.gross_pipeline_kr
    # two counted members left: counted over them, the dropped one's weight ignored
    (o,) = _one(Overlap("O", ("H4", "H3", "H1"), M), hs).overlaps
    assert (o.counted, o.weight_pct, o.weighted_kr, o.decided_kr) == (("H3", "H1"), 75, 750_000, M)
    # an unknown code counts as a member that does not count
    assert not _one(Overlap("O", ("H1", "H9"), M)).overlaps[0].counts


def test_waterfall_fills_with_netto() -> None:
    s = _one(Overlap("O", ("H1", "H3"), 2 * M))
    # weighted brutto 13 mio. → 11 mio. after 2 mio. × 75 % = 1,5 → 11,5
    assert [b.weighted_kr for b in s.buckets] == [10 * M, 1_500_000]
    assert s.surplus.weighted_kr == 0


def test_earmarked_takes_it_off_the_first_counted_members_bucket() -> None:
    s = _one(Overlap("O", ("H3", "H1"), 2 * M), allocation=Allocation.EARMARKED)
    by_key = {b.key: b for b in s.buckets}
    assert (by_key["a"].pipeline_kr, by_key["a"].weighted_kr) == (8 * M, 6 * M)
    # H2 + H3 in b: 10 mio., weighted 3 + 4; less the overlap 2 mio., weighted 1,5
    assert (by_key["b"].pipeline_kr, by_key["b"].weighted_kr) == (8 * M, 5_500_000)
    assert by_key["b"].gap_kr == 10 * M - 5_500_000
    assert s.overlaps[0].bucket == "b"


def test_the_warning_names_the_smallest_member() -> None:
    s = _one(Overlap("Timer", ("H1", "H3"), 5 * M))
    (w,) = [w for w in s.warnings if w.code == "overlap-above-member-potential"]
    assert w.hypothesis == "H3"
    assert w.message == (
        "Dobbelttællingen «Timer» (5,0 mio. kr.) er større end potentialet for H3 "
        "(4,0 mio. kr. i 2018)"
    )
    assert not [w for w in _one(Overlap("T", ("H1", "H3"), 4 * M)).warnings if w.hypothesis]


def test_no_overlaps_changes_nothing_but_the_brutto_fields() -> None:
    s = compute_status(_programme(), HS, AS_OF)
    t = s.totals
    assert s.overlaps == ()
    assert [getattr(t, f"gross_{m}") for m in MEASURES] == [getattr(t, m) for m in MEASURES]
    assert (t.overlap_kr, t.overlap_weighted_kr, t.overlap_decided_kr, t.overlap_realised_kr) == (
        0,
        0,
        0,
        0,
    )


def test_describe_state() -> None:
    state = '{"amount_kr": 2000000, "members": "H03,H04", "note": "Samme timer"}'
    assert describe_state(state) == "H03, H04 · 2,0 mio. kr. · Samme timer"
    assert describe_state("not json") == "not json"


@st.composite
def with_overlaps(draw: st.DrawFn) -> tuple[ProgrammeFacts, list[HypothesisFacts], list[Overlap]]:
    programme = draw(programmes())
    hs = draw(hypothesis_lists(max_count=10))
    types = st.sampled_from(list(BenefitType))
    hs = [replace(h, benefit_type=draw(types)) for h in hs]
    codes = [h.code for h in hs] + ["H98", "H99"]  # codes of no hypothesis too
    overlaps = [
        Overlap(
            f"O{i}",
            tuple(draw(st.lists(st.sampled_from(codes), min_size=2, max_size=4, unique=True))),
            draw(st.integers(min_value=1, max_value=50 * M)),
        )
        for i in range(draw(st.integers(min_value=0, max_value=4)))
    ]
    return programme, hs, overlaps


@settings(max_examples=200, deadline=None)
@given(with_overlaps())
def test_netto_is_brutto_less_the_overlaps_everywhere(case: tuple) -> None:
    programme, hs, overlaps = case
    plain = compute_status(programme, hs, AS_OF)
    s = compute_status(programme, hs, AS_OF, overlaps)
    t = s.totals
    # brutto is the status without overlaps; netto is brutto less what each takes off
    for m in MEASURES:
        assert getattr(t, f"gross_{m}") == getattr(plain.totals, m)
    for m, o_field in zip(MEASURES, ("overlap_kr", "overlap_weighted_kr", "overlap_decided_kr",
                                     "overlap_realised_kr", "overlap_validated_kr"),
                          strict=True):  # fmt: skip
        assert getattr(t, o_field) == sum(getattr(o, m) for o in s.overlaps)
        assert getattr(t, m) == getattr(t, f"gross_{m}") - getattr(t, o_field)
    assert t.gap_kr == programme.target_kr - t.weighted_kr
    # the buckets and their rest still add up to the totals
    rest = s.surplus if programme.allocation is Allocation.WATERFALL else s.unassigned
    for m in MEASURES:
        assert sum(getattr(b, m) for b in s.buckets) + getattr(rest, m) == getattr(t, m)
    (target_year,) = (y for y in s.years if y.year == programme.target_year)
    assert tuple(getattr(target_year, m) for m in MEASURES) == tuple(
        getattr(t, m) for m in MEASURES
    )
    weights = {h.code: h.weight_pct for h in plain.hypotheses}
    for o in s.overlaps:
        if not o.counts:
            assert (o.pipeline_kr, o.weighted_kr, o.decided_kr, o.realised_kr) == (0, 0, 0, 0)
            continue
        assert o.pipeline_kr == o.amount_kr
        assert o.weight_pct == min(weights[c] for c in o.counted)
        assert o.weighted_kr == weighted_amount(o.amount_kr, o.weight_pct)
        assert 0 <= o.weighted_kr <= o.amount_kr
        assert 0 <= o.realised_kr <= o.amount_kr
        assert 0 <= o.validated_kr <= o.amount_kr
        assert o.decided_kr in (0, o.amount_kr)
    # the rest of the picture is the plain one
    assert (s.hypotheses, s.stages, s.other_benefits) == (
        plain.hypotheses,
        plain.stages,
        plain.other_benefits,
    )
