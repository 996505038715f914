"""The Monte Carlo draws behind :mod:`tracker.domain.risk`.

This is the one module of the domain that uses numpy; :mod:`tracker.domain.risk`
imports it only inside the functions that simulate, so that importing the domain (and
every CLI call that shows no certainty) does not load numpy.

Amounts are float64 kroner inside the draws: sums of whole kroner stay exact below
2^53 kr., so a programme without ranges gives its whole-kroner totals exactly.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from tracker.domain.risk_facts import Layout, RiskFacts, RiskHypothesis

__all__ = [
    "CDF_CELLS",
    "CHUNK_ELEMENTS",
    "SHAPE_NODES",
    "Simulation",
    "Totals",
    "pert_quantiles",
    "simulate",
]

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]

#: Draws × hypotheses drawn at once: bounds the working memory of a simulation to
#: some tens of MB whatever the programme's size (a few dozen bytes an element).
CHUNK_ELEMENTS = 1 << 20
#: Cells of the grid on which a PERT distribution's CDF is tabulated (move-together
#: case): a quantile is then within 1/2048 of the range of the exact one in the worst
#: cell, and within about 1e-6 where the density is smooth.
CDF_CELLS = 2048
#: At most this many PERT shapes are tabulated; a programme with more distinct shapes
#: interpolates between shapes evenly spaced over α in [1, 5].
SHAPE_NODES = 257

_GAUSS_T, _GAUSS_W = np.polynomial.legendre.leggauss(4)


@dataclass(frozen=True)
class Totals:
    """The simulated totals of one sum (programme, bucket) in one way of drawing."""

    sorted_kr: Floats
    """Every draw's total, ascending, kroner."""

    @property
    def draws(self) -> int:
        """Number of draws."""
        return len(self.sorted_kr)

    def share_reaching(self, amount_kr: int) -> float:
        """The share (0-1) of draws whose total is at least ``amount_kr``."""
        below = int(np.searchsorted(self.sorted_kr, amount_kr, side="left"))
        return (self.draws - below) / self.draws

    def histogram(self, bins: int) -> tuple[int, int, tuple[int, ...]]:
        """(smallest, largest, draws per bin): ``bins`` equal bins from the smallest
        total drawn to the largest, whole kroner (one bin when every draw is equal)."""
        low, high = math.floor(self.sorted_kr[0]), math.ceil(self.sorted_kr[-1])
        if low == high:
            return low, high, (self.draws,)
        counts, _edges = np.histogram(self.sorted_kr, bins=bins, range=(low, high))
        return low, high, tuple(int(c) for c in counts)

    def reached(self, percent: int) -> int:
        """The largest whole-kroner amount x with P(total ≥ x) ≥ ``percent`` %.

        With the draws sorted ascending, at least ⌈percent × draws / 100⌉ of them must
        be x or more: x is that many places from the top, rounded down (rounding up
        could name an amount the total reaches less often than promised).
        """
        need = -(-percent * self.draws // 100)
        return math.floor(self.sorted_kr[self.draws - max(need, 1)])


@dataclass(frozen=True)
class Simulation:
    """The totals of every draw, per slot (programme, or buckets then unassigned)."""

    independent_kr: Floats
    """Draws × slots, hypotheses independent of each other."""
    together_kr: Floats
    """Draws × slots, hypotheses moving together."""

    def programme(self) -> tuple[Totals, Totals]:
        """The programme's total (all slots), independent and together."""
        return _sorted(self.independent_kr.sum(axis=1)), _sorted(self.together_kr.sum(axis=1))

    def slot(self, i: int) -> tuple[Totals, Totals]:
        """One slot's total, independent and together."""
        return _sorted(self.independent_kr[:, i]), _sorted(self.together_kr[:, i])


def _sorted(a: Floats) -> Totals:
    return Totals(np.sort(a))


@dataclass(frozen=True)
class _Arrays:
    """The facts as arrays, one entry per hypothesis (and per overlap)."""

    pct: Ints
    base: Floats
    """Low when the hypothesis has a range (PERT adds span × X), else likely."""
    span: Floats
    alpha: Floats
    """PERT shape α = 1 + 4(M−L)/(H−L); β = 6 − α. 1 for those without a range."""
    ranged: npt.NDArray[np.bool_]
    slot: Ints
    overlap_members: list[list[int]]
    overlap_amount: Floats
    overlap_slot: Ints
    n_slots: int


def _arrays(hypotheses: Sequence[RiskHypothesis], layout: Layout, overlaps: Floats) -> _Arrays:
    n = len(hypotheses)
    low = np.fromiter((h.low_kr for h in hypotheses), np.float64, n)
    likely = np.fromiter((h.likely_kr for h in hypotheses), np.float64, n)
    high = np.fromiter((h.high_kr for h in hypotheses), np.float64, n)
    ranged = high > low
    span = high - low
    alpha = np.ones(n)
    alpha[ranged] = 1 + 4 * (likely[ranged] - low[ranged]) / span[ranged]
    return _Arrays(
        pct=np.fromiter((h.weight_pct for h in hypotheses), np.int64, n),
        base=np.where(ranged, low, likely),
        span=span,
        alpha=alpha,
        ranged=ranged,
        slot=np.asarray(layout.hypothesis_slots, dtype=np.int64),
        overlap_members=layout.overlap_members,
        overlap_amount=overlaps,
        overlap_slot=np.asarray(layout.overlap_slots, dtype=np.int64),
        n_slots=layout.n_slots,
    )


def simulate(facts: RiskFacts, layout: Layout, *, draws: int, seed: int) -> Simulation:
    """Draw both ways. The two use separate streams spawned from ``seed``, so the
    move-together figures do not depend on how the independent draws were chunked."""
    if draws < 1:
        raise ValueError(f"draws must be at least 1, got {draws}")
    amounts = np.fromiter((o.amount_kr for o in facts.overlaps), np.float64, len(facts.overlaps))
    arrays = _arrays(facts.hypotheses, layout, amounts)
    independent, together = np.random.SeedSequence(seed).spawn(2)
    return Simulation(
        _independent(arrays, draws, np.random.default_rng(independent)),
        _together(arrays, draws, np.random.default_rng(together)),
    )


def _overlap_matrix(a: _Arrays) -> Floats:
    """Overlaps × slots: each overlap's amount in the column of its slot."""
    m = np.zeros((len(a.overlap_amount), a.n_slots))
    m[np.arange(len(a.overlap_amount)), a.overlap_slot] = a.overlap_amount
    return m


def _independent(a: _Arrays, draws: int, rng: np.random.Generator) -> Floats:
    """Each hypothesis comes true with its own chance and draws its own PERT amount.

    Drawn in chunks of whole draws, with the hypotheses that have a range first: a
    Beta variate is drawn only where one of those came true (the Beta draws are most
    of the cost), and the fixed amounts of the others are one matrix product.
    """
    n, s = len(a.pct), a.n_slots
    order = np.argsort(~a.ranged, kind="stable")
    ranged = int(a.ranged.sum())
    p = a.pct[order] / 100
    r = order[:ranged]
    low, span, alpha, slot = a.base[r], a.span[r], a.alpha[r], a.slot[r]
    fixed = np.zeros((n - ranged, s))
    fixed[np.arange(n - ranged), a.slot[order[ranged:]]] = a.base[order[ranged:]]
    position = np.empty(n, dtype=np.int64)
    position[order] = np.arange(n)
    flat = position[np.asarray([i for m in a.overlap_members for i in m], dtype=np.int64)]
    starts = np.cumsum([0] + [len(m) for m in a.overlap_members[:-1]], dtype=np.int64)
    deduct = _overlap_matrix(a)
    out = np.empty((draws, s))
    rows_per_chunk = max(1, CHUNK_ELEMENTS // max(n, 1))
    for start in range(0, draws, rows_per_chunk):
        rows = min(rows_per_chunk, draws - start)
        hit = rng.random((rows, n)) < p
        chunk = np.zeros((rows, s))
        if ranged:
            # flat positions and divmod: several times faster than a 2-D nonzero
            row, col = np.divmod(np.flatnonzero(hit[:, :ranged]), ranged)
            amount = low[col] + span[col] * rng.beta(alpha[col], 6 - alpha[col])
            where = row if s == 1 else row * s + slot[col]
            # bincount sums the weights as float64 (its stub says int); asarray copies nothing
            sums = np.bincount(where, weights=amount, minlength=rows * s)
            chunk += np.asarray(sums, dtype=np.float64).reshape(rows, s)
        if ranged < n:
            chunk += hit[:, ranged:] @ fixed
        if len(flat):
            all_true = np.logical_and.reduceat(hit[:, flat], starts, axis=1)
            chunk -= all_true.astype(np.float64) @ deduct
        out[start : start + rows] = chunk
    return out


def _above(by_pct: Floats) -> Floats:
    """From sums per weight (index 0-100) to sums over weights above k, for k 0-99:
    what comes true when the common uniform puts ⌊100u⌋ at k."""
    return np.cumsum(by_pct[::-1], axis=0)[::-1][1:]


def _shape_nodes(alpha: Floats) -> tuple[Floats, Ints, Floats]:
    """The tabulated shapes, and for each α its node below and the share of the next.

    Few distinct shapes are tabulated exactly (share 0). A quantile is smooth in α, so
    interpolating between 257 evenly spaced shapes adds well under 1e-4 of the range.
    """
    distinct = np.unique(alpha)
    if len(distinct) <= SHAPE_NODES:
        return distinct, np.searchsorted(distinct, alpha).astype(np.int64), np.zeros(len(alpha))
    nodes = np.linspace(1.0, 5.0, SHAPE_NODES)
    step = nodes[1] - nodes[0]
    below = np.clip(((alpha - 1.0) // step).astype(np.int64), 0, SHAPE_NODES - 2)
    share = np.clip((alpha - nodes[below]) / step, 0.0, 1.0)
    return nodes, below, share


def _together(a: _Arrays, draws: int, rng: np.random.Generator) -> Floats:
    """One common uniform u per draw decides who comes true (i when u < p_i), one
    common v puts every amount at the v-quantile of its PERT distribution.

    With whole-percent weights the hypotheses that come true depend only on ⌊100u⌋,
    and a total is then a fixed sum plus a weighted sum of the tabulated quantiles at
    v. The work is proportional to draws × shapes, not draws × hypotheses.
    """
    s = a.n_slots
    fixed = np.zeros((101, s))
    np.add.at(fixed, (a.pct, a.slot), a.base)
    deducted = np.zeros((101, s))
    lowest = np.asarray([min(a.pct[i] for i in m) for m in a.overlap_members], dtype=np.int64)
    np.add.at(deducted, (lowest, a.overlap_slot), a.overlap_amount)
    constant = _above(fixed - deducted)

    r = np.flatnonzero(a.ranged)
    nodes, below, share = _shape_nodes(a.alpha[r])
    j = len(nodes)
    coef = np.zeros((101, s, max(j, 1)))
    if j:
        np.add.at(coef, (a.pct[r], a.slot[r], below), a.span[r] * (1 - share))
        upper = np.minimum(below + 1, j - 1)
        np.add.at(coef, (a.pct[r], a.slot[r], upper), a.span[r] * share)
    weights = _above(coef)

    cdf = _cdf_table(nodes)
    out = np.empty((draws, s))
    per_chunk = max(1, CHUNK_ELEMENTS // max(j, 1))
    for start in range(0, draws, per_chunk):
        rows = min(per_chunk, draws - start)
        u = rng.random(rows)
        # sorted v: np.interp is ten times faster on sorted input, and pairing the
        # sorted v with u (independent, exchangeable) leaves the draws' law unchanged
        v = np.sort(rng.random(rows))
        k = np.minimum((u * 100).astype(np.int64), 99)
        chunk = constant[k]
        if j:
            q = _interpolate(cdf, v)
            for kk in np.unique(k):
                idx = np.flatnonzero(k == kk)
                chunk[idx] += (weights[kk] @ q[:, idx]).T
        out[start : start + rows] = chunk
    return out


def pert_quantiles(alphas: Floats, v: Floats) -> Floats:
    """Quantiles of Beta(α, 6 − α) on [0, 1] at ``v`` (ascending), one row per α."""
    return _interpolate(_cdf_table(alphas), v)


def _cdf_table(alphas: Floats) -> Floats:
    """The CDF of Beta(α, 6 − α) at the edges of :data:`CDF_CELLS` cells, one row per α.

    PERT shapes have α and β in [1, 5], so the density is bounded and smooth inside
    (0, 1). A four-point Gauss-Legendre rule per cell integrates it (exact to rounding
    where the density is a polynomial, near it elsewhere); the sum is normalised so
    that it ends at exactly 1. Inverted by linear interpolation, a quantile always lies
    in the cell of the exact one: within 1/2048 of the range at worst (only in the far
    tails), within about 1e-6 where the density is smooth. That is exact enough
    against the simulation's own noise, and costs one vectorised table plus one
    interpolation per shape, where bisecting an incomplete beta for every draw and
    hypothesis would cost thousands of times more (scipy is not a dependency).
    """
    edges = np.linspace(0.0, 1.0, CDF_CELLS + 1)
    half = 0.5 / CDF_CELLS
    points = (edges[:-1] + half)[:, None] + half * _GAUSS_T[None, :]
    a = np.asarray(alphas, dtype=np.float64)[:, None, None]
    density = np.exp((a - 1) * np.log(points) + (5 - a) * np.log1p(-points))
    cdf = np.zeros((len(a), CDF_CELLS + 1))
    np.cumsum(density @ _GAUSS_W, axis=1, out=cdf[:, 1:])
    cdf /= cdf[:, -1:]
    return cdf


def _interpolate(cdf: Floats, v: Floats) -> Floats:
    """Invert each tabulated CDF at ``v`` (ascending, which np.interp is fast on)."""
    edges = np.linspace(0.0, 1.0, CDF_CELLS + 1)
    out = np.empty((len(cdf), len(v)))
    for row, c in zip(out, cdf, strict=True):
        row[:] = np.interp(v, c, edges)
    return out
