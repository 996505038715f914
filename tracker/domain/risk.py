"""How sure are we (hvor sikre er vi): ranges, the probability of reaching the target
and double counting, as pure functions over plain values.

Every counting hypothesis comes true with its weight as probability; when it does, its
gain follows a Beta-PERT distribution on its range (low, likely, high), or is exactly
its potential when it has no range. Overlaps (the same gain claimed by several
hypotheses) are deducted when all their members come true.

The expected value (forventet værdi) is exact integer arithmetic. The probabilities and
percentiles come from a seeded Monte Carlo simulation (:mod:`tracker.domain.risk_sim`),
in two ways: hypotheses independent of each other (the main figures), and hypotheses
moving together (samvarierende: the widest spread). numpy is loaded only when
:func:`compute_risk` runs, so importing the domain stays cheap.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from tracker.domain.draws import DRAWS, MAX_DRAWS, MAX_SEED, PERCENTS, SEED
from tracker.domain.money import round_half_up
from tracker.domain.risk_facts import OverlapFacts, RiskFacts, RiskHypothesis, layout_of
from tracker.domain.status import Allocation, allocate_waterfall, weighted_amount

if TYPE_CHECKING:
    from tracker.domain.risk_sim import Simulation, Totals

__all__ = [
    "DRAWS",
    "MAX_DRAWS",
    "MAX_SEED",
    "PERCENTS",
    "SEED",
    "SPREAD_BINS",
    "BucketRisk",
    "Certainty",
    "Outlook",
    "OverlapFacts",
    "Risk",
    "RiskFacts",
    "RiskHypothesis",
    "Spread",
    "compute_risk",
    "expected_amount",
    "overlap_deduction",
    "simulate",
]

#: Bins of :attr:`Risk.spread`: as many as a small chart shows.
SPREAD_BINS = 24


@dataclass(frozen=True, slots=True)
class Certainty:
    """How sure, for one way of drawing: the chance of reaching a target and the
    amounts reached with 50, 80 and 95 % probability."""

    p_target: float
    """Probability (0-1) that the total reaches the target (sandsynlighed for at nå
    målet)."""
    p50_kr: int
    """The largest whole-kroner amount the total reaches with at least 50 % probability
    (nås med 50 % sandsynlighed)."""
    p80_kr: int
    """The same at 80 % (nås med 80 % sandsynlighed): a low percentile of the gain."""
    p95_kr: int
    """The same at 95 % (nås med 95 % sandsynlighed)."""


@dataclass(frozen=True, slots=True)
class Outlook:
    """Expected value and certainty of one total (the programme's, or a bucket's)."""

    expected_kr: int
    """Expected value (forventet værdi), net of overlaps, exact, kroner."""
    independent: Certainty
    """Hypotheses independent of each other (uafhængige): the main figures."""
    together: Certainty
    """Hypotheses moving together (samvarierende): the widest spread."""


@dataclass(frozen=True, slots=True)
class BucketRisk:
    """How sure one bucket (pulje) is to be filled."""

    key: str
    """The bucket's key."""
    target_kr: int
    """The bucket's target, kroner."""
    p_full: float
    """Probability (0-1) that it is filled to its target (sandsynlighed for fuld
    pulje), hypotheses independent. Waterfall: the programme's total reaches this
    bucket's target plus those filled before it; a bucket without a target is always
    full. Earmarked: its own total reaches its target."""
    p_full_together: float
    """The same with the hypotheses moving together."""
    outlook: Outlook
    """The bucket's figures. Earmarked: those of its own total (with its share of
    overlaps). Waterfall, where a bucket holds what the programme's total leaves for
    it (the total less the targets of the buckets before it, up to its own target):
    the expected value is the programme's filled into the buckets in priority order,
    as the status fills the weighted total; the chance of reaching is :attr:`p_full`,
    and each amount reached is the programme's, less the buckets before, up to the
    target (exact: what a bucket holds only grows with the total)."""


@dataclass(frozen=True, slots=True)
class Spread:
    """How the programme's simulated total spreads (hypotheses independent): a
    histogram, for a small chart beside the figures."""

    low_kr: int
    """The smallest total drawn, kroner."""
    high_kr: int
    """The largest total drawn, kroner."""
    counts: tuple[int, ...]
    """Draws per bin: equal bins from :attr:`low_kr` to :attr:`high_kr` (one bin
    when every draw gave the same total)."""


@dataclass(frozen=True, slots=True)
class Risk:
    """How sure are we (hvor sikre er vi): the programme's figures, per bucket too."""

    target_kr: int
    """The programme's target (mål) the probabilities are of reaching, kroner."""
    gross_expected_kr: int
    """Expected value before overlaps (brutto), kroner."""
    overlap_expected_kr: int
    """The weighted overlaps deducted from it (dobbelttælling), kroner."""
    expected_kr: int
    """Expected value (forventet værdi) net of overlaps (netto), kroner."""
    independent: Certainty
    """Hypotheses independent of each other (uafhængige): the main figures."""
    together: Certainty
    """Hypotheses moving together (samvarierende): the widest spread."""
    buckets: tuple[BucketRisk, ...]
    """Per bucket, in priority order."""
    unassigned_expected_kr: int
    """Earmarked mode: expected value of the hypotheses without an earmark (ikke
    øremærket), net of their overlaps; 0 in waterfall mode."""
    draws: int
    """Number of draws (simulationer) the probabilities come from."""
    seed: int
    """The random generator's seed, stated beside the figures."""
    spread: Spread
    """The spread of the total drawn (independent), for a chart."""


def expected_amount(h: RiskHypothesis) -> int:
    """One hypothesis's expected gain: weight × (low + 4 × likely + high) / 6, rounded to
    whole kroner half up (the PERT mean times the chance of coming true)."""
    three_point = h.low_kr + 4 * h.likely_kr + h.high_kr
    return round_half_up(Decimal(h.weight_pct * three_point) / 600)


def overlap_deduction(overlap: OverlapFacts, weights_pct: Mapping[str, int]) -> int:
    """What an overlap takes off the expected value: its amount × the lowest weight
    among its members, rounded half up (the chance that all of them come true when
    they move together)."""
    return weighted_amount(overlap.amount_kr, min(weights_pct[m] for m in overlap.members))


def simulate(facts: RiskFacts, *, draws: int = DRAWS, seed: int = SEED) -> "Simulation":
    """The simulated totals behind :func:`compute_risk` (for a chart of the spread)."""
    from tracker.domain import risk_sim

    return risk_sim.simulate(facts, layout_of(facts), draws=draws, seed=seed)


def compute_risk(facts: RiskFacts, *, draws: int = DRAWS, seed: int = SEED) -> Risk:
    """The expected value (exact) and the simulated certainty of the programme and its
    buckets. The same facts, draws and seed give the same figures."""
    from tracker.domain import risk_sim

    layout = layout_of(facts)
    weights = {h.code: h.weight_pct for h in facts.hypotheses}
    gross = [0] * layout.n_slots
    for h, s in zip(facts.hypotheses, layout.hypothesis_slots, strict=True):
        gross[s] += expected_amount(h)
    deducted = [0] * layout.n_slots
    for o, s in zip(facts.overlaps, layout.overlap_slots, strict=True):
        deducted[s] += overlap_deduction(o, weights)
    net = [g - d for g, d in zip(gross, deducted, strict=True)]
    sim = risk_sim.simulate(facts, layout, draws=draws, seed=seed)

    def certainty(totals: "Totals", target_kr: int) -> Certainty:
        p50, p80, p95 = (totals.reached(p) for p in PERCENTS)
        return Certainty(totals.share_reaching(target_kr), p50, p80, p95)

    ind_total, tog_total = sim.programme()
    independent = certainty(ind_total, facts.target_kr)
    together = certainty(tog_total, facts.target_kr)
    earmarked = facts.allocation is Allocation.EARMARKED
    bucket_risks = []
    filled_before = 0
    expected_filled, _surplus = allocate_waterfall(sum(net), layout.buckets)
    for i, b in enumerate(layout.buckets):
        if earmarked:
            ind, tog = sim.slot(i)
            outlook = Outlook(net[i], certainty(ind, b.target_kr), certainty(tog, b.target_kr))
            full, full_t = outlook.independent.p_target, outlook.together.p_target
        else:
            before, filled_before = filled_before, filled_before + max(b.target_kr, 0)
            empty = b.target_kr <= 0
            full = 1.0 if empty else ind_total.share_reaching(filled_before)
            full_t = 1.0 if empty else tog_total.share_reaching(filled_before)
            outlook = Outlook(
                expected_filled[i],
                _left_for(independent, full, before, b.target_kr),
                _left_for(together, full_t, before, b.target_kr),
            )
        bucket_risks.append(BucketRisk(b.key, b.target_kr, full, full_t, outlook))
    return Risk(
        target_kr=facts.target_kr,
        gross_expected_kr=sum(gross),
        overlap_expected_kr=sum(deducted),
        expected_kr=sum(net),
        independent=independent,
        together=together,
        buckets=tuple(bucket_risks),
        unassigned_expected_kr=net[-1] if earmarked else 0,
        draws=draws,
        seed=seed,
        spread=Spread(*ind_total.histogram(SPREAD_BINS)),
    )


def _left_for(programme: Certainty, p_full: float, before_kr: int, target_kr: int) -> Certainty:
    """A waterfall bucket's certainty from the programme's: it holds the total less
    ``before_kr`` (the targets filled first), at least 0 and at most its target."""

    def held(kr: int) -> int:
        return min(max(kr - before_kr, 0), max(target_kr, 0))

    return Certainty(p_full, held(programme.p50_kr), held(programme.p80_kr), held(programme.p95_kr))
