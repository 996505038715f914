"""The JSON shapes: the status and the "what moved" diff as plain JSON-ready data
(integer kroner in ``*_kr`` fields, moments in UTC).

``parat status --json`` and ``parat diff --json`` print them, and the JSON export
embeds the same two objects, so a script reads one shape wherever it comes from; the
keys are documented in the README.
"""

from dataclasses import asdict
from datetime import datetime
from typing import TYPE_CHECKING, Any

from tracker.domain.benefits import BenefitType
from tracker.domain.status import Measures, Status

if TYPE_CHECKING:
    from tracker.domain.diff import Diff  # the status alone does not need it

__all__ = ["BUCKET_KEYS", "TOTAL_KEYS", "diff_to_dict", "iso", "status_to_dict"]


def iso(moment: datetime | None) -> str | None:
    """ISO 8601 in UTC with a ``Z``, seconds precision (stable in golden files)."""
    if moment is None:
        return None
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


#: The layers added after the others to the values (last in their fields), each with
#: the key it follows in every JSON object: udmøntet right after decided, validated
#: right after realised.
_LAYERS = {"decided_kr": "budgeted_kr", "realised_kr": "validated_kr"}


def _layered(values: dict[str, Any]) -> dict[str, Any]:
    """The keys in the order of the layers: udmøntet (``budgeted_kr``) right after
    decided, before realised; validated (``validated_kr``) right after realised."""
    moved = {
        after: values.pop(key)
        for after, key in _LAYERS.items()
        if key in values and after in values
    }
    if not moved:
        return values
    ordered: dict[str, Any] = {}
    for key, value in values.items():
        ordered[key] = value
        if key in moved:
            ordered[_LAYERS[key]] = moved[key]
    return ordered


def _measures(m: Measures) -> dict[str, int]:
    return _layered(asdict(m))


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
            "last_year": p.end_year,
            "allocation": p.allocation.value,
            "weights": {stage.value: pct for stage, pct in p.weights.items()},
            "counting_types": [t.value for t in BenefitType if t in p.counting_types],
            "has_rammer": p.has_rammer,
        },
        "totals": _layered(asdict(status.totals)),
        "progress_measure": status.progress_measure.value,
        "buckets": [_layered(asdict(b)) for b in status.buckets],
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
        "years": [_layered(asdict(y)) for y in status.years],
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
                "budgeted_kr": h.budgeted_kr,
                "realised_kr": h.realised_kr,
                "validated_kr": h.validated_kr,
                "investment_kr": h.investment_kr,
                "version": h.version,
                "updated_at": iso(h.updated_at),
                "baseline_kr": h.baseline_kr,
                "slippage_kr": h.slippage_kr,
                "benefit_type": h.benefit_type.value,
                "counts": h.counts,
            }
            for h in status.hypotheses
        ],
        "other_benefits": [
            {
                "type": o.benefit_type.value,
                "label": o.benefit_type.label,
                "count": o.count,
                "pipeline_kr": o.pipeline_kr,
                "weighted_kr": o.weighted_kr,
            }
            for o in status.other_benefits
        ],
        "overlaps": [
            {
                "name": o.name,
                "members": list(o.members),
                "amount_kr": o.amount_kr,
                "weighted_kr": o.weighted_kr,
                "note": o.note,
                "counted": list(o.counted),
                "counts": o.counts,
                "weight_pct": o.weight_pct,
                "pipeline_kr": o.pipeline_kr,
                "decided_kr": o.decided_kr,
                "realised_kr": o.realised_kr,
                "validated_kr": o.validated_kr,
                "bucket": o.bucket,
            }
            for o in status.overlaps
        ],
        "warnings": [
            {"code": w.code, "hypothesis": w.hypothesis, "message": w.message}
            for w in status.warnings
        ],
    }


#: The totals compared, in display order (the target too: it may change in between).
TOTAL_KEYS = (
    "target_kr",
    "pipeline_kr",
    "weighted_kr",
    "decided_kr",
    "budgeted_kr",
    "realised_kr",
    "validated_kr",
    "gap_kr",
    "investment_kr",
    "baseline_kr",
    "slippage_kr",
    "gross_pipeline_kr",
    "gross_weighted_kr",
    "gross_decided_kr",
    "gross_realised_kr",
    "overlap_kr",
    "overlap_weighted_kr",
    "overlap_decided_kr",
    "overlap_realised_kr",
    "gross_validated_kr",
    "overlap_validated_kr",
)
BUCKET_KEYS = (
    "target_kr",
    "pipeline_kr",
    "weighted_kr",
    "decided_kr",
    "budgeted_kr",
    "realised_kr",
    "validated_kr",
    "gap_kr",
)


def _compare(before: dict[str, int], after: dict[str, int], keys: tuple[str, ...]) -> Any:
    """``before``/``after``/``change`` objects of the same keys; a side that lacks a key
    (a bucket that did not exist yet) counts 0."""
    return {
        "before": {k: before.get(k, 0) for k in keys},
        "after": {k: after.get(k, 0) for k in keys},
        "change": {k: after.get(k, 0) - before.get(k, 0) for k in keys},
    }


def diff_to_dict(d: "Diff") -> dict[str, Any]:
    """ "Siden sidst" as JSON: the object of ``parat diff --json`` and the ``diff`` of
    the JSON export alike.

    Totals and buckets as ``before``/``after``/``change`` objects of ``*_kr`` keys
    (``target_kr`` beside them is the target at ``until``), then what moved.
    """
    old_buckets = {b.key: asdict(b) for b in d.before.buckets}
    buckets = []
    for b in d.after.buckets:
        entry: dict[str, Any] = {
            "key": b.key,
            "name": b.name,
            "priority": b.priority,
            "target_kr": b.target_kr,
        }
        entry.update(_compare(old_buckets.get(b.key, {}), asdict(b), BUCKET_KEYS))
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
                "decision": m.decision,
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
        "validations": [
            {
                "code": v.code,
                "title": v.title,
                "year": v.year,
                "verdict": "approved" if v.approved else "rejected",
                "amount_kr": v.amount_kr,
                "reference": v.reference,
                "note": v.note,
                "at": iso(v.at),
                "actor": v.actor,
                "standing": v.standing,
            }
            for v in d.validations
        ],
        "overlap_changes": [
            {
                "name": c.name,
                "old_members": None if c.before is None else list(c.before.members),
                "new_members": None if c.after is None else list(c.after.members),
                "old_kr": None if c.before is None else c.before.amount_kr,
                "new_kr": None if c.after is None else c.after.amount_kr,
                "change_kr": (c.after.amount_kr if c.after else 0)
                - (c.before.amount_kr if c.before else 0),
                "old_note": None if c.before is None else c.before.note,
                "new_note": None if c.after is None else c.after.note,
                "at": iso(c.at),
                "actor": c.actor,
            }
            for c in d.overlap_changes
        ],
        "budget_changes": [
            {
                "ramme": b.ramme,
                "name": b.name,
                "kind": b.kind,
                "year": b.year,
                "old_kr": b.old_kr,
                "new_kr": b.new_kr,
                "change_kr": (b.new_kr or 0) - (b.old_kr or 0),
                "at": iso(b.at),
                "actor": b.actor,
            }
            for b in d.budget_changes
        ],
        "cut_changes": [
            {
                "code": c.code,
                "title": c.title,
                "ramme": c.ramme,
                "year": c.year,
                "old_kr": c.old_kr,
                "new_kr": c.new_kr,
                "change_kr": (c.new_kr or 0) - (c.old_kr or 0),
                "decision": c.decision,
                "at": iso(c.at),
                "actor": c.actor,
            }
            for c in d.cut_changes
        ],
    }
