"""The status as plain JSON-ready data (integer kroner in ``*_kr`` fields).

``parat status --json``, the exports and the UI read this one shape; its keys are
documented in the README.
"""

from dataclasses import asdict
from datetime import datetime
from typing import Any

from tracker.domain.status import Measures, Status

__all__ = ["iso", "status_to_dict"]


def iso(moment: datetime | None) -> str | None:
    """ISO 8601 in UTC with a ``Z``, seconds precision (stable in golden files)."""
    if moment is None:
        return None
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _measures(m: Measures) -> dict[str, int]:
    return asdict(m)


def status_to_dict(status: Status) -> dict[str, Any]:
    """The status object of ``parat status --json``."""
    p = status.programme
    return {
        "as_of": iso(status.as_of),
        "programme": {
            "name": p.name,
            "target_kr": p.target_kr,
            "target_year": p.target_year,
            "first_year": p.first_year,
            "allocation": p.allocation.value,
            "weights": {stage.value: pct for stage, pct in p.weights.items()},
        },
        "totals": asdict(status.totals),
        "buckets": [asdict(b) for b in status.buckets],
        "surplus": _measures(status.surplus),
        "unassigned": _measures(status.unassigned),
        "stages": [
            {
                "stage": s.stage.value,
                "label": s.label,
                "count": s.count,
                "pipeline_kr": s.pipeline_kr,
                "weighted_kr": s.weighted_kr,
            }
            for s in status.stages
        ],
        "years": [asdict(y) for y in status.years],
        "hypotheses": [
            {
                "code": h.code,
                "title": h.title,
                "area": h.area,
                "owner": h.owner,
                "stage": h.stage.value,
                "bucket": h.bucket,
                "weight_pct": h.weight_pct,
                "pipeline_kr": h.pipeline_kr,
                "weighted_kr": h.weighted_kr,
                "decided_kr": h.decided_kr,
                "realised_kr": h.realised_kr,
                "investment_kr": h.investment_kr,
                "version": h.version,
                "updated_at": iso(h.updated_at),
                "baseline_kr": h.baseline_kr,
                "slippage_kr": h.slippage_kr,
            }
            for h in status.hypotheses
        ],
        "warnings": [asdict(w) for w in status.warnings],
    }
