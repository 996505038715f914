"""The JSON export: the status object of ``parat status --json`` plus ``meta``
(generated_at, generated_by, tool_version), with ``--since`` ``diff`` (the object
of ``parat diff --json``), with ``--risk`` ``risk`` (the object of ``parat risk
--json``), and when the programme has rammer ``budget`` (the object of ``parat
budget report --json`` for the moment's year).

Integer kroner in ``*_kr`` fields; the JSON Schema is ``parat export --schema``.
"""

import json
from typing import Any

from tracker.report import Report, diff_to_dict, iso, status_to_dict

__all__ = ["render", "report_to_dict"]


def report_to_dict(report: Report) -> dict[str, Any]:
    """The export document: ``meta`` first, then the status keys, then ``diff`` and
    ``risk`` when the report holds them."""
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
    if report.risk is not None:
        from tracker.report.risk import risk_to_dict

        document["risk"] = risk_to_dict(report.risk)
    if report.budget is not None:
        from tracker.report.budget import budget_to_dict

        document["budget"] = budget_to_dict(report.budget)
    return document


def render(report: Report) -> str:
    """Pretty-printed UTF-8 JSON text with a final newline."""
    return json.dumps(report_to_dict(report), ensure_ascii=False, indent=2) + "\n"
