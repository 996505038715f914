"""Status summaries in Markdown, HTML, PDF, XLSX, CSV and JSON.

Compute once, render many: a :class:`Report` (the status of ``parat status --json``
plus details, history and an optional "Siden sidst") is built once and rendered by
one module per format. Each renderer, and the library it needs (Jinja2, fpdf2,
XlsxWriter, pydantic), is imported only when that format is asked for, so
``import tracker.exports`` costs nothing.

>>> from tracker.exports import export                       # doctest: +SKIP
>>> html = export(parat.status(), "html")                     # doctest: +SKIP
>>> export_from(parat, "xlsx")                                # doctest: +SKIP
"""

import importlib
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Literal

from tracker.report import EventView, ExportMeta, HypothesisDetails, Report

if TYPE_CHECKING:
    from tracker.domain.diff import Diff
    from tracker.domain.status import Status

__all__ = [
    "BINARY_FORMATS",
    "CSV_DIALECTS",
    "FORMATS",
    "ExportMeta",
    "HypothesisDetails",
    "Report",
    "export",
    "export_from",
    "json_schema",
    "load_report",
    "render",
]

Format = Literal["md", "html", "pdf", "xlsx", "csv", "json"]

#: Format → module that renders it (``render(report, **options) -> str | bytes``).
_RENDERERS: dict[str, str] = {
    "md": "tracker.exports.markdown",
    "html": "tracker.exports.html",
    "pdf": "tracker.exports.pdf",
    "xlsx": "tracker.exports.xlsx",
    "csv": "tracker.exports.tabular",
    "json": "tracker.exports.json_",
}
FORMATS: tuple[str, ...] = tuple(_RENDERERS)
BINARY_FORMATS = frozenset({"pdf", "xlsx"})
CSV_DIALECTS = ("danish", "excel-us")
#: The file extension of each format.
EXTENSIONS = {"md": ".md", "html": ".html", "pdf": ".pdf", "xlsx": ".xlsx", "csv": ".csv",
              "json": ".json"}  # fmt: skip


def render(report: Report, fmt: str, *, csv_dialect: str = "danish") -> str | bytes:
    """Render a report; text formats return ``str``, PDF and XLSX return ``bytes``."""
    if fmt not in _RENDERERS:
        raise ValueError(f"unknown export format {fmt!r} (use one of {', '.join(FORMATS)})")
    if csv_dialect not in CSV_DIALECTS:
        raise ValueError(f"unknown CSV dialect {csv_dialect!r} (use danish or excel-us)")
    module = importlib.import_module(_RENDERERS[fmt])
    options: dict[str, Any] = {"dialect": csv_dialect} if fmt == "csv" else {}
    result: str | bytes = module.render(report, **options)
    return result


def export(
    status: "Status",
    fmt: str,
    *,
    details: Mapping[str, HypothesisDetails] | None = None,
    history: tuple[EventView, ...] = (),
    diff: "Diff | None" = None,
    meta: ExportMeta | None = None,
    csv_dialect: str = "danish",
) -> str | bytes:
    """Render ``status`` (from ``Parat.status()``) in one format.

    ``details`` (per-year figures, descriptions) fill the CSV's and the spreadsheet's
    per-year columns; without them those cells stay empty. ``diff`` adds "Siden
    sidst". ``meta`` defaults to now, the current user and this version of Parat.
    """
    if meta is None:
        meta = _meta(None, None)
    report = Report(
        status=status, meta=meta, details=dict(details or {}), history=history, diff=diff
    )
    return render(report, fmt, csv_dialect=csv_dialect)


def _meta(now: datetime | None, actor: str | None) -> ExportMeta:
    from tracker import __version__
    from tracker.services.context import default_actor, utcnow

    return ExportMeta(
        generated_at=now or utcnow(), generated_by=default_actor(actor), tool_version=__version__
    )


def load_report(
    parat: Any,
    *,
    as_of: datetime | None = None,
    diff: "Diff | None" = None,
    history: bool = True,
) -> Report:
    """Read everything an export needs from an open ``Parat``, in one transaction."""
    if as_of is not None:
        as_of = as_of.astimezone(UTC)  # the status and its JSON speak UTC
    status, details, entries, truncated = parat.export_parts(
        as_of, history=history, history_since=diff.since if diff is not None else None
    )
    meta = _meta(parat.context.now(), parat.context.actor)
    return Report(
        status=status,
        meta=meta,
        details=details,
        history=entries,
        history_truncated=truncated,
        diff=diff,
    )


def export_from(
    parat: Any,
    fmt: str,
    *,
    as_of: datetime | None = None,
    diff: "Diff | None" = None,
    csv_dialect: str = "danish",
) -> str | bytes:
    """Load the report from ``parat`` and render it: what the CLI and the UI call."""
    report = load_report(parat, as_of=as_of, diff=diff, history=fmt == "xlsx")
    return render(report, fmt, csv_dialect=csv_dialect)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the JSON export (generated from the pydantic models)."""
    from tracker.exports.schema import export_json_schema

    return export_json_schema()
