"""The JSON export: the status object of ``parat status --json`` plus ``meta``
(generated_at, generated_by, tool_version) and, with ``--since``, ``diff``.

Integer kroner in ``*_kr`` fields; the JSON Schema is ``parat export --schema``.
"""

import json
from dataclasses import asdict
from typing import Any

from tracker.domain.diff import Diff
from tracker.domain.status import Status
from tracker.report import Report, iso, status_to_dict

__all__ = ["diff_to_dict", "render", "report_to_dict"]


def _frame(s: Status) -> dict[str, Any]:
    return {"totals": asdict(s.totals), "buckets": [asdict(b) for b in s.buckets]}


def diff_to_dict(d: Diff) -> dict[str, Any]:
    """ "Siden sidst" as JSON: the totals and buckets at both moments and what moved."""
    return {
        "since": iso(d.since),
        "until": iso(d.until),
        "since_label": d.since_label,
        "until_label": d.until_label,
        "before": _frame(d.before),
        "after": _frame(d.after),
        "stage_moves": [
            {
                "code": m.code,
                "title": m.title,
                "old_stage": None if m.old_stage is None else m.old_stage.value,
                "new_stage": None if m.new_stage is None else m.new_stage.value,
                "at": iso(m.at),
                "actor": m.actor,
                "note": m.note,
            }
            for m in d.stage_moves
        ],
        "figure_changes": [
            {
                "code": c.code,
                "title": c.title,
                "kind": c.kind,
                "year": c.year,
                "old_kr": c.old_kr,
                "new_kr": c.new_kr,
                "at": iso(c.at),
                "actor": c.actor,
            }
            for c in d.figure_changes
        ],
        "added": list(d.added),
        "dropped": list(d.dropped),
    }


def report_to_dict(report: Report) -> dict[str, Any]:
    """The export document: ``meta`` first, then the status keys, then ``diff``."""
    m = report.meta
    document: dict[str, Any] = {
        "meta": {
            "generated_at": iso(m.generated_at),
            "generated_by": m.generated_by,
            "tool_version": m.tool_version,
        },
        **status_to_dict(report.status),
    }
    if report.diff is not None:
        document["diff"] = diff_to_dict(report.diff)
    return document


def render(report: Report) -> str:
    """Pretty-printed UTF-8 JSON text with a final newline."""
    return json.dumps(report_to_dict(report), ensure_ascii=False, indent=2) + "\n"
