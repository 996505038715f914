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

__all__ = ["risk_facts_of", "risk_hypothesis"]


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
    counting = []
    for c in status.hypotheses:
        if c.counts:
            h = facts[c.code]
            recorded = year in h.potential
            counting.append(risk_hypothesis(c, recorded, h.low.get(year), h.high.get(year)))
    codes = {h.code for h in counting}
    return RiskFacts(
        target_kr=status.programme.target_kr,
        hypotheses=tuple(counting),
        overlaps=tuple(o for o in overlaps if all(m in codes for m in o.members)),
        allocation=status.programme.allocation,
        buckets=tuple(status.programme.buckets),
    )


def risk_hypothesis(
    c: HypothesisContribution, has_potential: bool, low: int | None, high: int | None
) -> RiskHypothesis:
    """One hypothesis as the simulation sees it, from its row of the status and its
    range for the target year (``has_potential``: a potential is recorded for it).

    One that never comes true (dropped, or a weight of 0), or has no potential and so
    no range, counts what the status counts, without a spread."""
    if c.weight_pct == 0 or not has_potential:
        kr = c.pipeline_kr
        return RiskHypothesis(c.code, c.weight_pct, kr, kr, kr, c.bucket)
    low_kr, likely, high_kr = range_of(c.pipeline_kr, low, high)
    return RiskHypothesis(c.code, c.weight_pct, low_kr, likely, high_kr, c.bucket)
