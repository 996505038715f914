"""The status summary as one self-contained HTML page (inline CSS and SVG chart).

Jinja2 autoescapes every value; a Content-Security-Policy forbids scripts and any
outside resource, so the page is safe to open and to put on the intranet as is.
"""

from tracker.exports.chart import TARGET_COLOUR, layout_chart
from tracker.exports.templating import html_env
from tracker.exports.view import summary_view
from tracker.report import Report

__all__ = ["render"]


def render(report: Report) -> str:
    """Render the summary page."""
    status = report.status
    return (
        html_env()
        .get_template("summary.html.j2")
        .render(
            v=summary_view(report),
            c=layout_chart(status),
            meta=report.meta,
            target_colour=TARGET_COLOUR,
            target_year=status.programme.target_year,
            gap_over=status.totals.gap_kr < 0,
        )
    )
