"""The simulation's input from a status: which hypotheses count, with which chance
and which range. Pure: a :class:`Status` and the facts it was computed from in, a
:class:`RiskFacts` out.

The chance of each hypothesis is the weight the status applied to it (its
confidence override, else its stage's weight; 0 when dropped), and its most likely
gain the status's pipeline figure (the target year's potential; 0 when dropped or
when there is none), so the expected value and the status can never disagree on
who counts and how much. Only the benefit types that count toward the target enter.
"""

from collections.abc import Sequence

from tracker.domain.ranges import range_of
from tracker.domain.risk_facts import OverlapFacts, RiskFacts, RiskHypothesis
from tracker.domain.status import HypothesisContribution, HypothesisFacts, Status

__all__ = ["risk_facts_of"]


def risk_facts_of(
    status: Status,
    hypotheses: Sequence[HypothesisFacts],
    overlaps: Sequence[OverlapFacts] = (),
) -> RiskFacts:
    """The simulation's input for ``status``, computed from ``hypotheses`` (their
    ranges for the target year). ``overlaps`` whose members do not all count are
    left out: nothing is counted twice toward the target then."""
    year = status.programme.target_year
    facts = {h.code: h for h in hypotheses}
    counting = [_hypothesis(c, facts[c.code], year) for c in status.hypotheses if c.counts]
    codes = {h.code for h in counting}
    return RiskFacts(
        target_kr=status.programme.target_kr,
        hypotheses=tuple(counting),
        overlaps=tuple(o for o in overlaps if all(m in codes for m in o.members)),
        allocation=status.programme.allocation,
        buckets=tuple(status.programme.buckets),
    )


def _hypothesis(c: HypothesisContribution, h: HypothesisFacts, year: int) -> RiskHypothesis:
    if c.weight_pct == 0 or year not in h.potential:
        # it never comes true (dropped, or a weight of 0), or it has no potential and
        # so no range: its amount is what the status counts, without a spread
        return RiskHypothesis(
            c.code, c.weight_pct, c.pipeline_kr, c.pipeline_kr, c.pipeline_kr, c.bucket
        )
    low, likely, high = range_of(c.pipeline_kr, h.low.get(year), h.high.get(year))
    return RiskHypothesis(c.code, c.weight_pct, low, likely, high, c.bucket)
