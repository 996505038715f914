"""Status summaries in Markdown, HTML, PDF, XLSX, CSV and JSON.

Compute once, render many: a :class:`~tracker.report.Report` (the status of
``parat status --json`` plus details, history and an optional "Siden sidst") is built
once by the services (``Parat.report()``) and rendered here by one module per format.
Each renderer, and the library it needs (Jinja2, fpdf2, XlsxWriter, pydantic), is
imported only when that format is asked for, so ``import tracker.exports`` costs
nothing. This package reads only :mod:`tracker.report` and :mod:`tracker.domain`:
it never opens a database.

>>> from tracker.exports import render                       # doctest: +SKIP
>>> html = render(parat.report(), "html")                     # doctest: +SKIP
>>> parat.export("xlsx")                                      # doctest: +SKIP
"""

import importlib
from typing import Any, Literal

from tracker.report import Report

__all__ = [
    "BINARY_FORMATS",
    "CSV_DIALECTS",
    "EXTENSIONS",
    "FORMATS",
    "HISTORY_FORMATS",
    "RISK_FORMATS",
    "json_schema",
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
#: The formats that list the audit log (the spreadsheet's Historik sheet); the others
#: need not read it.
HISTORY_FORMATS = frozenset({"xlsx"})
#: The formats that show "Hvor sikre er vi?" when the report holds the risk figures.
RISK_FORMATS = frozenset({"md", "html", "pdf", "xlsx", "json"})
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


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the JSON export (generated from the pydantic models)."""
    from tracker.exports.schema import export_json_schema

    return export_json_schema()
