"""Benefit types (gevinsttyper): only the counting types enter the measures; the
others are summed beside them."""

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.domain.status_reference import reference_status
from tests.domain.test_status import AS_OF, hypothesis_lists, programmes
from tracker.domain.benefits import (
    DEFAULT_COUNTING,
    BenefitType,
    counting_text,
    parse_counting,
    to_benefit_type,
)
from tracker.domain.stages import Stage
from tracker.domain.status import HypothesisFacts, ProgrammeFacts, compute_status

T = BenefitType


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("kontant", T.KONTANT),
        ("KONTANT", T.KONTANT),
        ("Kontant gevinst (budgettet reduceres)", T.KONTANT),
        ("kontant gevinst", T.KONTANT),
        ("undgaaet", T.UNDGAAET),
        ("Undgåede udgifter", T.UNDGAAET),
        ("undgået", T.UNDGAAET),
        ("frigjort_tid", T.FRIGJORT_TID),
        ("Frigjort tid / kapacitet", T.FRIGJORT_TID),
        ("  frigjort   tid ", T.FRIGJORT_TID),
        ("kvalitativ", T.KVALITATIV),
        ("Kvalitativ (ikke-økonomisk) gevinst", T.KVALITATIV),
    ],
)
def test_a_type_is_read_from_its_key_or_danish_label(text: str, expected: BenefitType) -> None:
    assert to_benefit_type(text) is expected


@pytest.mark.parametrize("text", ["", "cash", "kontanter", "1"])
def test_an_unknown_type_names_the_known_keys(text: str) -> None:
    with pytest.raises(ValueError, match="use kontant, undgaaet, frigjort_tid, kvalitativ"):
        to_benefit_type(text)


def test_counting_types_are_parsed_and_written_in_the_tables_order() -> None:
    assert parse_counting("undgaaet, Kontant") == {T.KONTANT, T.UNDGAAET}
    assert counting_text(parse_counting("kvalitativ,kontant")) == "kontant,kvalitativ"
    assert {T.KONTANT} == DEFAULT_COUNTING
    with pytest.raises(ValueError, match="at least one"):
        parse_counting(" , ")


PROGRAMME = ProgrammeFacts("P", 125_000_000, 2018, 2015)


def _h(code: str, kr: int, benefit: BenefitType, stage: Stage = Stage.DECIDED) -> HypothesisFacts:
    return HypothesisFacts(
        code, code, stage, owner="o", potential={2018: kr, 2017: kr}, benefit_type=benefit
    )


def test_a_non_counting_hypothesis_changes_no_measure_and_is_shown_beside() -> None:
    cash = [_h("H1", 10_000_000, T.KONTANT)]
    freed = _h("H2", 4_000_000, T.FRIGJORT_TID)
    avoided = _h("H3", 3_000_001, T.UNDGAAET, Stage.QUANTIFIED)
    alone = compute_status(PROGRAMME, cash, AS_OF)
    both = compute_status(PROGRAMME, [*cash, freed, avoided], AS_OF)
    for name in ("totals", "buckets", "surplus", "unassigned", "stages", "years"):
        assert getattr(both, name) == getattr(alone, name)
    assert [
        (o.benefit_type, o.count, o.pipeline_kr, o.weighted_kr) for o in both.other_benefits
    ] == [
        (T.UNDGAAET, 1, 3_000_001, 1_500_001),  # 50 % rounded half up
        (T.FRIGJORT_TID, 1, 4_000_000, 3_000_000),
        (T.KVALITATIV, 0, 0, 0),
    ]
    shown = {h.code: (h.benefit_type, h.counts, h.weighted_kr) for h in both.hypotheses}
    assert shown == {
        "H1": (T.KONTANT, True, 7_500_000),
        "H2": (T.FRIGJORT_TID, False, 3_000_000),
        "H3": (T.UNDGAAET, False, 1_500_001),
    }


def test_counting_a_type_moves_its_hypotheses_into_the_measures() -> None:
    hs = [_h("H1", 10_000_000, T.KONTANT), _h("H2", 4_000_000, T.FRIGJORT_TID)]
    counting = dataclasses.replace(PROGRAMME, counting_types=frozenset({T.KONTANT, T.FRIGJORT_TID}))
    status = compute_status(counting, hs, AS_OF)
    assert status.totals.pipeline_kr == 14_000_000
    assert status.totals.weighted_kr == 10_500_000
    assert [o.benefit_type for o in status.other_benefits] == [T.UNDGAAET, T.KVALITATIV]
    all_cash = [dataclasses.replace(h, benefit_type=T.KONTANT) for h in hs]
    assert status.totals == compute_status(PROGRAMME, all_cash, AS_OF).totals


types = st.sampled_from(list(BenefitType))


@settings(max_examples=200, deadline=None)
@given(programmes(), hypothesis_lists(max_count=20), st.data())
def test_mixed_types_equal_the_plain_computation_and_the_counting_part(
    programme: ProgrammeFacts, hs: list[HypothesisFacts], data: st.DataObject
) -> None:
    counting = frozenset(data.draw(st.sets(types, min_size=1)))
    programme = dataclasses.replace(programme, counting_types=counting)
    hs = [dataclasses.replace(h, benefit_type=data.draw(types)) for h in hs]
    status = compute_status(programme, hs, AS_OF)
    assert status == reference_status(programme, hs, AS_OF)
    only_counting = compute_status(programme, [h for h in hs if h.benefit_type in counting], AS_OF)
    assert status.totals == only_counting.totals
    assert status.buckets == only_counting.buckets
    assert status.years == only_counting.years
    assert len(status.hypotheses) == len(hs)
    assert sum(o.count for o in status.other_benefits) == len(hs) - len(only_counting.hypotheses)
