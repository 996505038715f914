"""The hypotheses as CSV, one row per hypothesis with its figures per year, in the
column layout that ``parat import`` reads back.

Columns: ``code;title;area;owner;stage;bucket;confidence;benefit_type;description``
and, per year of the programme, ``potential_YYYY;realised_YYYY;investment_YYYY``,
followed by ``low_YYYY;high_YYYY`` (the potential's range) when any hypothesis has
a range, so that a programme without ranges keeps its columns. Amounts are in
mio. kr. (a bare number is mio. kr. to the importer) with every decimal needed to be
exact to the krone (``4,5``, ``0,029``, ``1,234567``); an empty cell means no figure.

Dialects: ``danish`` (``;`` and decimal comma, what Danish Excel opens) and
``excel-us`` (``,`` and decimal point). UTF-8 with a byte-order mark, CRLF lines.

Safety (OWASP CSV injection): a text cell that starts with ``=``, ``+``, ``-``,
``@``, tab, carriage return or ``'`` gets one leading ``'``; numbers are never
prefixed. Reading back, strip exactly one leading ``'`` from a text cell.
"""

import csv
import io

from tracker.domain.labels import FIGURE_KINDS
from tracker.domain.ranges import RANGE_KINDS
from tracker.exports.danish import csv_mio
from tracker.report import Report

__all__ = ["DIALECTS", "FIELDS", "KINDS", "header", "neutralise", "render"]

#: The text columns before the per-year figures.
FIELDS = (
    "code",
    "title",
    "area",
    "owner",
    "stage",
    "bucket",
    "confidence",
    "benefit_type",
    "description",
)
KINDS = FIGURE_KINDS
#: dialect → (delimiter, decimal separator)
DIALECTS = {"danish": (";", ","), "excel-us": (",", ".")}
_RISKY = ("=", "+", "-", "@", "\t", "\r", "'")


def neutralise(text: str) -> str:
    """Prefix ``'`` to text a spreadsheet could take for a formula (and to a leading ``'``)."""
    return "'" + text if text.startswith(_RISKY) else text


def header(first_year: int, last_year: int, kinds: tuple[str, ...] = KINDS) -> list[str]:
    """The column names for a programme's years (to the last overslagsår)."""
    years = range(first_year, last_year + 1)
    return [*FIELDS, *(f"{kind}_{year}" for year in years for kind in kinds)]


def _kinds(report: Report) -> tuple[str, ...]:
    """The figure kinds of the columns: the range's too when any figure has one."""
    ranged = any(
        kind in kinds
        for d in report.details.values()
        for kinds in d.figures.values()
        for kind in RANGE_KINDS
    )
    return (*KINDS, *RANGE_KINDS) if ranged else KINDS


def render(report: Report, dialect: str = "danish") -> str:
    """The CSV text, starting with a byte-order mark."""
    delimiter, decimal = DIALECTS[dialect]
    p = report.status.programme
    years = p.years
    kinds_shown = _kinds(report)
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header(p.first_year, p.end_year, kinds_shown))
    for h in report.status.hypotheses:
        d = report.details.get(h.code)
        stored = d.hypothesis if d else None
        confidence = stored.confidence_pct if stored else None
        figures = d.figures if d else {}
        row = [
            neutralise(h.code),
            neutralise(h.title),
            neutralise(h.area),
            neutralise(h.owner),
            h.stage.value,
            neutralise(h.bucket or ""),
            "" if confidence is None else str(confidence),
            h.benefit_type.value,
            neutralise(stored.description if stored else ""),
        ]
        for year in years:
            kinds = figures.get(year, {})
            for kind in kinds_shown:
                kr = kinds.get(kind)
                row.append("" if kr is None else csv_mio(kr, decimal))
        writer.writerow(row)
    return out.getvalue()
