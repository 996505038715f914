"""The report layer: the plain values that services return and every front end shows.

- :mod:`tracker.report.views`: what is stored (programme, buckets, hypotheses, the
  audit log), as frozen values without ORM objects;
- :mod:`tracker.report.model`: the :class:`Report` an export renders (the status plus
  details, history and an optional diff);
- :mod:`tracker.report.shapes`: the JSON objects of ``parat status --json`` and
  ``parat diff --json``, which the JSON export embeds unchanged.

Services build these values; the CLI, the UI and the exports read them. Nothing here
touches the database or a rendering library (stdlib and ``tracker.domain`` only), so
importing it costs a CLI call nothing; each name is imported from its module when
first used.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

#: Where each name lives: a caller that needs one module (the JSON shapes, a moment's
#: wording) does not pay for the others.
_HOME = {
    "ExportMeta": "model",
    "Report": "model",
    "diff_to_dict": "shapes",
    "iso": "shapes",
    "status_to_dict": "shapes",
    "BucketView": "views",
    "EventView": "views",
    "HypothesisDetail": "views",
    "HypothesisView": "views",
    "OverlapView": "views",
    "ProgrammeView": "views",
    "ValidationView": "views",
}


def __getattr__(name: str) -> Any:
    if name in _HOME:
        return getattr(import_module(f"tracker.report.{_HOME[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
