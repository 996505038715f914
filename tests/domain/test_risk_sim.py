"""The simulation's parts: PERT quantiles against an independent reference, the
definition of the amounts reached, chunked draws, and numpy loaded only on demand."""

import math
import subprocess
import sys

import numpy as np
import pytest

from tracker.domain import risk_sim
from tracker.domain.risk import RiskFacts, RiskHypothesis, compute_risk, simulate
from tracker.domain.risk_sim import SHAPE_NODES, Totals, pert_quantiles


def _beta_cdf(x: float, a: float, b: float) -> float:
    """Regularised incomplete beta by its power series (pure Python, no numpy).

    I_x(a, b) = x^a / (a B(a, b)) × Σ_n (1 − b)_n / n! × a / (a + n) × x^n, used for
    x ≤ 1/2 where it converges fast, and I_x(a, b) = 1 − I_{1−x}(b, a) above.
    """
    if x > 0.5:
        return 1.0 - _beta_cdf(1.0 - x, b, a)
    log_beta = math.lgamma(a) + math.lgamma(b) - math.lgamma(a + b)
    term, total = 1.0, 1.0
    for n in range(1, 200):
        term *= (n - b) / n * x
        total += term * a / (a + n)
    return math.exp(a * math.log(x) - log_beta) / a * total if x > 0 else 0.0


def _beta_quantile(v: float, a: float, b: float) -> float:
    lo, hi = 0.0, 1.0
    for _ in range(60):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if _beta_cdf(mid, a, b) < v else (lo, mid)
    return (lo + hi) / 2


ALPHAS = [1.0, 1.0125, 1.3, 2.2, 3.0, 4.6, 5.0]
LEVELS = [0.001, 0.05, 0.2, 0.5, 0.8, 0.95, 0.999]


def test_pert_quantiles_match_an_independent_reference() -> None:
    got = pert_quantiles(np.asarray(ALPHAS), np.asarray(LEVELS))
    for row, a in zip(got, ALPHAS, strict=True):
        for q, v in zip(row, LEVELS, strict=True):
            assert q == pytest.approx(_beta_quantile(v, a, 6 - a), abs=5e-5), (a, v)


def test_pert_quantiles_closed_forms() -> None:
    # Beta(1, 5): F = 1 − (1 − x)^5; Beta(5, 1): F = x^5; Beta(3, 3) is symmetric
    v = np.linspace(0.0005, 0.9995, 500)
    one, five, three = pert_quantiles(np.asarray([1.0, 5.0, 3.0]), v)
    assert np.abs(one - (1 - (1 - v) ** 0.2)).max() < 1e-5
    assert np.abs(five - v**0.2).max() < 1e-5
    assert np.abs(three + three[::-1] - 1).max() < 1e-9


def test_reached_is_the_largest_amount_with_at_least_that_probability() -> None:
    totals = Totals(np.arange(100, dtype=np.float64))  # 0, 1, …, 99
    # 80 of the 100 draws are 20 or more, only 79 are 21 or more
    assert [totals.reached(p) for p in (50, 80, 95, 100)] == [50, 20, 5, 0]
    assert totals.share_reaching(20) == 0.8
    assert totals.share_reaching(100) == 0.0
    # rounded down: 7,9 kr. is reached by every draw, 8 kr. is not
    assert Totals(np.asarray([7.9, 12.0])).reached(95) == 7
    # a percent that is not a whole number of draws needs the next draw up
    assert Totals(np.asarray([1.0, 2.0, 3.0])).reached(50) == 2


def test_chunks_of_any_size_give_the_same_law(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(risk_sim, "CHUNK_ELEMENTS", 7)  # chunks of 2 draws, one of 1
    facts = RiskFacts(0, (RiskHypothesis("A", 50, 10, 10, 10), RiskHypothesis("B", 100, 0, 5, 20)))
    ind, tog = simulate(facts, draws=2_001).programme()
    for totals in ind, tog:
        assert totals.draws == 2_001
        assert totals.sorted_kr.min() > 0 and totals.sorted_kr.max() < 30
        # 5 from A, and B's PERT mean (0 + 4 × 5 + 20) / 6; the standard error is 0,14
        assert totals.sorted_kr.mean() == pytest.approx(5 + 40 / 6, abs=0.6)


def test_many_shapes_interpolate_close_to_each_shape_alone() -> None:
    """More distinct shapes than are tabulated: all at 100 % and moving together, the
    total is the sum of each hypothesis's own quantile at the same v."""
    n, draws = SHAPE_NODES + 43, 2_000  # one chunk, so the same u and v for each run
    hypotheses = tuple(
        RiskHypothesis(f"H{i}", 100, 0, 1_000 + 7 * i, 10_000 + 13 * i) for i in range(n)
    )
    assert len({(h.likely_kr / h.high_kr) for h in hypotheses}) > SHAPE_NODES
    _, together = simulate(RiskFacts(0, hypotheses), draws=draws).programme()
    alone = sum(
        simulate(RiskFacts(0, (h,)), draws=draws).programme()[1].sorted_kr for h in hypotheses
    )
    spans = sum(h.high_kr - h.low_kr for h in hypotheses)
    assert np.abs(together.sorted_kr - alone).max() < 1e-4 * spans


def test_a_single_range_moving_together_follows_its_pert() -> None:
    risk = compute_risk(RiskFacts(0, (RiskHypothesis("A", 100, 0, 3_000_000, 10_000_000),)))
    for p, figure in ((50, risk.together.p50_kr), (80, risk.together.p80_kr)):
        exact = 10_000_000 * _beta_quantile(1 - p / 100, 2.2, 3.8)
        assert figure == pytest.approx(exact, abs=0.02 * 10_000_000)


def test_importing_the_domain_does_not_load_numpy() -> None:
    code = (
        "import sys, tracker.domain, tracker.domain.risk, tracker.domain.status; "
        "print('numpy' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
