"""How sure are we (hvor sikre er vi), as JSON and as words: the one shape of
``parat risk --json``, ``parat status --json --risk`` and the JSON export's ``risk``,
and the way every surface writes a probability.

Probabilities are numbers from 0 to 1 in JSON, whole percent for people; amounts are
integer kroner in ``*_kr`` fields. The draws and the seed are stated with the figures.
"""

from decimal import Decimal
from typing import Any

from tracker.domain.money import round_half_up
from tracker.domain.risk import Certainty, Risk

__all__ = ["certainty_to_dict", "percent", "risk_to_dict"]


def certainty_to_dict(c: Certainty) -> dict[str, Any]:
    """``{"p_target", "p50_kr", "p80_kr", "p95_kr"}``."""
    return {"p_target": c.p_target, "p50_kr": c.p50_kr, "p80_kr": c.p80_kr, "p95_kr": c.p95_kr}


def risk_to_dict(risk: Risk) -> dict[str, Any]:
    """The risk object: the draws and seed, the target, the expected value, the two
    ways of drawing, and per bucket the same (``p_target``: that it is filled)."""
    return {
        "draws": risk.draws,
        "seed": risk.seed,
        "target_kr": risk.target_kr,
        "expected_kr": risk.expected_kr,
        "independent": certainty_to_dict(risk.independent),
        "together": certainty_to_dict(risk.together),
        "buckets": [
            {
                "key": b.key,
                "target_kr": b.target_kr,
                "expected_kr": b.outlook.expected_kr,
                "independent": certainty_to_dict(b.outlook.independent),
                "together": certainty_to_dict(b.outlook.together),
            }
            for b in risk.buckets
        ],
    }


def percent(p: float) -> str:
    """A probability for people, in whole percent (half up): ``38 %``. One that is
    neither certain nor impossible never shows as 0 or 100 %: ``< 1 %``, ``> 99 %``."""
    shown = round_half_up(Decimal(repr(p)) * 100)
    if p > 0 and shown == 0:
        return "< 1 %"
    if p < 1 and shown == 100:
        return "> 99 %"
    return f"{shown} %"
