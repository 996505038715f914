"""The status summary as Markdown (GitHub flavour), for agendas and wikis."""

from tracker.exports.templating import md_env
from tracker.exports.view import summary_view
from tracker.report import Report

__all__ = ["render"]


def render(report: Report) -> str:
    """Render the summary; every user text is escaped for Markdown."""
    return md_env().get_template("summary.md.j2").render(v=summary_view(report))
