"""The hypotheses as CSV, one row per hypothesis with its figures per year, in the
column layout that ``parat import`` reads back.

Columns: ``code;title;area;owner;stage;bucket;confidence;description`` and, per year
of the programme, ``potential_YYYY;realised_YYYY;investment_YYYY``. Amounts are in
mio. kr. (the importer reads a bare number as mio. kr.) with every decimal needed to be
exact to the krone (``4,5``, ``0,029``, ``1,234567``); an empty cell means no figure.

Dialects: ``danish`` (``;`` and decimal comma, what Danish Excel opens) and
``excel-us`` (``,`` and decimal point). UTF-8 with a byte-order mark, CRLF lines.

Safety (OWASP CSV injection): a text cell that starts with ``=``, ``+``, ``-``,
``@``, tab, carriage return or ``'`` gets one leading ``'``; numbers are never
prefixed. Reading back, strip exactly one leading ``'`` from a text cell.
"""

import csv
import io

from tracker.exports.danish import csv_mio
from tracker.exports.model import HypothesisDetails, Report

__all__ = ["DIALECTS", "FIELDS", "KINDS", "header", "neutralise", "render"]

#: The text columns before the per-year figures.
FIELDS = ("code", "title", "area", "owner", "stage", "bucket", "confidence", "description")
KINDS = ("potential", "realised", "investment")
#: dialect → (delimiter, decimal separator)
DIALECTS = {"danish": (";", ","), "excel-us": (",", ".")}
_RISKY = ("=", "+", "-", "@", "\t", "\r", "'")


def neutralise(text: str) -> str:
    """Prefix ``'`` to text a spreadsheet could take for a formula (and to a leading ``'``)."""
    return "'" + text if text.startswith(_RISKY) else text


def header(first_year: int, target_year: int) -> list[str]:
    """The column names for a programme's years."""
    years = range(first_year, target_year + 1)
    return [*FIELDS, *(f"{kind}_{year}" for year in years for kind in KINDS)]


def render(report: Report, dialect: str = "danish") -> str:
    """The CSV text, starting with a byte-order mark."""
    delimiter, decimal = DIALECTS[dialect]
    p = report.status.programme
    years = range(p.first_year, p.target_year + 1)
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header(p.first_year, p.target_year))
    empty = HypothesisDetails(code="")
    for h in report.status.hypotheses:
        d = report.details.get(h.code, empty)
        row = [
            neutralise(h.code),
            neutralise(h.title),
            neutralise(h.area),
            neutralise(h.owner),
            h.stage.value,
            neutralise(h.bucket or ""),
            "" if d.confidence_pct is None else str(d.confidence_pct),
            neutralise(d.description),
        ]
        for year in years:
            for amounts in (d.potential, d.realised, d.investment):
                kr = amounts.get(year)
                row.append("" if kr is None else csv_mio(kr, decimal))
        writer.writerow(row)
    return out.getvalue()
