"""Hypotheses by area: Danish order, no area last, and subtotals that add up to the
programme's totals."""

from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.groups import NO_AREA, by_area
from tracker.domain.stages import Stage
from tracker.domain.status import HypothesisFacts, ProgrammeFacts, compute_status

AS_OF = datetime(2018, 3, 12, 9, 0, tzinfo=UTC)
PROGRAMME = ProgrammeFacts(name="P", target_kr=10_000_000, target_year=2018, first_year=2017)


def _status(areas: list[str], amounts: list[int] | None = None):  # type: ignore[no-untyped-def]
    amounts = amounts or [1_000_000 * (i + 1) for i in range(len(areas))]
    facts = [
        HypothesisFacts(f"H{i + 1:02}", f"T{i}", Stage.DECIDED, area=area,
                        potential={2018: kr}, realised={2018: kr // 3})
        for i, (area, kr) in enumerate(zip(areas, amounts, strict=True))
    ]  # fmt: skip
    return compute_status(PROGRAMME, facts, AS_OF)


def test_areas_in_danish_order_the_ones_without_last() -> None:
    groups = by_area(_status(["Ældre", "", "Børn", "Åben by", "ørsted", "Zoo", "Børn"]).hypotheses)
    assert [g.area for g in groups] == ["Børn", "Zoo", "Ældre", "ørsted", "Åben by", NO_AREA]
    børn = groups[0]
    assert [h.code for h in børn.hypotheses] == ["H03", "H07"]
    # 3 mio. + 7 mio. decided, weighted 75 %
    assert (børn.pipeline_kr, børn.decided_kr, børn.weighted_kr) == (
        10_000_000, 10_000_000, 7_500_000,
    )  # fmt: skip


@given(
    st.lists(
        st.tuples(st.sampled_from(["", "A", "Ældre", "ældre ", "B"]), st.integers(-(10**9), 10**9)),
        min_size=1,
        max_size=12,
    )
)
def test_subtotals_add_up_to_the_totals(rows: list[tuple[str, int]]) -> None:
    s = _status([a for a, _ in rows], [kr for _, kr in rows])
    groups = by_area(s.hypotheses)
    assert sum(len(g.hypotheses) for g in groups) == len(s.hypotheses)
    for measure in ("pipeline_kr", "weighted_kr", "decided_kr", "realised_kr"):
        assert sum(getattr(g, measure) for g in groups) == getattr(s.totals, measure)
