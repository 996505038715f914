"""The report layer: the plain values that services return and every front end shows.

- :mod:`tracker.report.views`: what is stored (programme, buckets, hypotheses, the
  audit log), as frozen values without ORM objects;
- :mod:`tracker.report.model`: the :class:`Report` an export renders (the status plus
  details, history and an optional diff);
- :mod:`tracker.report.shapes`: the JSON objects of ``parat status --json`` and
  ``parat diff --json``, which the JSON export embeds unchanged.

Services build these values; the CLI, the UI and the exports read them. Nothing here
touches the database or a rendering library (stdlib and ``tracker.domain`` only), so
importing it costs a CLI call nothing.
"""

from tracker.report.model import ExportMeta, Report
from tracker.report.shapes import diff_to_dict, iso, status_to_dict
from tracker.report.views import (
    BucketView,
    EventView,
    HypothesisDetail,
    HypothesisView,
    OverlapView,
    ProgrammeView,
    ValidationView,
)

__all__ = [
    "BucketView",
    "EventView",
    "ExportMeta",
    "HypothesisDetail",
    "HypothesisView",
    "OverlapView",
    "ProgrammeView",
    "Report",
    "ValidationView",
    "diff_to_dict",
    "iso",
    "status_to_dict",
]
