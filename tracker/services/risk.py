"""How sure are we (hvor sikre er vi), from the store: the status at a moment, the
simulation's input built from it, and the simulated figures.

The input is read exactly as the status is (:func:`tracker.services.timetravel.load_moment`:
figures recorded up to the moment, attributes and frame as the events had left
them), so a past moment's certainty is computed from what was known then, and the
same moment, draws and seed give the same figures in every surface. numpy is loaded
only when :func:`load_risk` simulates.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from tracker.domain.risk import DRAWS, MAX_DRAWS, MAX_SEED, SEED, Risk, compute_risk
from tracker.domain.risk_facts import OverlapFacts, RiskFacts
from tracker.domain.risk_inputs import risk_facts_of
from tracker.domain.status import Status, compute_status
from tracker.errors import InvalidInput
from tracker.services.status import gc_paused
from tracker.services.timetravel import Moment, load_moment

__all__ = [
    "Draws",
    "load_risk",
    "load_risk_facts",
    "overlaps_of",
    "risk_at",
]


@dataclass(frozen=True, slots=True)
class Draws:
    """How the simulation draws: the number of draws and the seed, stated beside
    every figure it gives."""

    draws: int = DRAWS
    """Number of draws (simulationer)."""
    seed: int = SEED
    """The random generator's seed."""

    def __post_init__(self) -> None:
        for name, value, high in (("draws", self.draws, MAX_DRAWS), ("seed", self.seed, MAX_SEED)):
            low = 1 if name == "draws" else 0
            if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
                raise InvalidInput(
                    f"{name} must be a whole number from {low} to {high}, got {value!r}",
                    danish=f"{'Antal simulationer' if name == 'draws' else 'Seed'} skal være "
                    f"et helt tal fra {low} til {high}.",
                )


def overlaps_of(status: Status) -> tuple[OverlapFacts, ...]:
    """The overlaps (dobbelttælling) the status counts, for the simulation: each over
    its counted members (counting type, not dropped), deducted in the draws where all
    of them come true; an overlap with fewer than two such members takes nothing off."""
    return tuple(OverlapFacts(o.counted, o.amount_kr) for o in status.overlaps if o.counts)


def risk_at(moment: Moment, status: Status) -> RiskFacts:
    """The simulation's input at ``moment``, for the ``status`` computed from it."""
    return risk_facts_of(status, moment.hypotheses, overlaps_of(status))


def load_risk_facts(session: Session, as_of: datetime) -> tuple[Status, RiskFacts]:
    """The status at ``as_of`` and the simulation's input beside it (one read)."""
    with gc_paused():
        moment = load_moment(session, as_of)
        status = compute_status(moment.programme, moment.hypotheses, as_of, moment.overlaps)
    return status, risk_at(moment, status)


def load_risk(session: Session, as_of: datetime, draws: Draws) -> tuple[Status, Risk]:
    """The status at ``as_of`` and how sure it is, simulated with ``draws``."""
    status, facts = load_risk_facts(session, as_of)
    return status, compute_risk(facts, draws=draws.draws, seed=draws.seed)
