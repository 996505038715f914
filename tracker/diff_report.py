"""The "what moved" diff as plain JSON-ready data (integer kroner in ``*_kr`` fields).

``parat diff --json`` prints it; exports and the UI may read the same shape.
"""

from dataclasses import asdict
from typing import Any

from tracker.domain.diff import Diff
from tracker.report import iso

__all__ = ["TOTAL_KEYS", "diff_to_dict"]

#: The totals compared, in display order.
TOTAL_KEYS = (
    "pipeline_kr",
    "weighted_kr",
    "decided_kr",
    "realised_kr",
    "gap_kr",
    "investment_kr",
    "baseline_kr",
    "slippage_kr",
)
_BUCKET_KEYS = ("pipeline_kr", "weighted_kr", "decided_kr", "realised_kr", "gap_kr")


def _compare(before: dict[str, int], after: dict[str, int], keys: tuple[str, ...]) -> Any:
    return {
        "before": {k: before.get(k, 0) for k in keys},
        "after": {k: after.get(k, 0) for k in keys},
        "change": {k: after.get(k, 0) - before.get(k, 0) for k in keys},
    }


def diff_to_dict(d: Diff) -> dict[str, Any]:
    """The object of ``parat diff --json``."""
    old_buckets = {b.key: asdict(b) for b in d.before.buckets}
    buckets = []
    for b in d.after.buckets:
        entry = {"key": b.key, "name": b.name, "target_kr": b.target_kr}
        entry.update(_compare(old_buckets.get(b.key, {}), asdict(b), _BUCKET_KEYS))
        buckets.append(entry)
    return {
        "since": iso(d.since),
        "until": iso(d.until),
        "since_label": d.since_label,
        "until_label": d.until_label,
        "totals": {
            "target_kr": d.after.totals.target_kr,
            **_compare(asdict(d.before.totals), asdict(d.after.totals), TOTAL_KEYS),
        },
        "buckets": buckets,
        "stage_moves": [
            {
                "code": m.code,
                "title": m.title,
                "old_stage": m.old_stage.value if m.old_stage else None,
                "new_stage": m.new_stage.value if m.new_stage else None,
                "at": iso(m.at),
                "actor": m.actor,
                "note": m.note,
            }
            for m in d.stage_moves
        ],
        "figure_changes": [
            {
                "code": f.code,
                "title": f.title,
                "kind": f.kind,
                "year": f.year,
                "old_kr": f.old_kr,
                "new_kr": f.new_kr,
                "change_kr": (f.new_kr or 0) - (f.old_kr or 0),
                "at": iso(f.at),
                "actor": f.actor,
            }
            for f in d.figure_changes
        ],
        "added": list(d.added),
        "dropped": list(d.dropped),
    }
