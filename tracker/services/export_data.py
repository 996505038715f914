"""Reading what an export needs, in one read transaction: the status, each
hypothesis's figures per year and description, and the audit log.

The status comes from :func:`load_status` (the one computation behind
``parat status --json``); the details and the log are read beside it in the same
transaction, so every part describes the same moment.
"""

from datetime import datetime

from sqlmodel import Session

from db import queries
from tracker.domain.status import Status
from tracker.report import EventView, HypothesisDetails
from tracker.services.audit import audit_log
from tracker.services.status import load_status

__all__ = ["HISTORY_LIMIT", "load_export_parts"]

#: At most this many audit-log entries go into one export (newest first).
HISTORY_LIMIT = 5000


def _details(session: Session, as_of: datetime) -> dict[str, HypothesisDetails]:
    conn = session.connection()
    row = queries.programme_row(conn)
    assert row is not None  # load_status has checked
    per_id: dict[int, dict[str, dict[int, int]]] = {}
    for hid, kind, year, amount in queries.current_figures(
        conn, first_year=row.first_year, last_year=row.target_year, as_of=as_of
    ):
        per_id.setdefault(hid, {}).setdefault(kind, {})[year] = amount
    result: dict[str, HypothesisDetails] = {}
    for h in queries.hypothesis_rows(conn, row.id):
        kinds = per_id.get(h.id, {})
        result[h.code] = HypothesisDetails(
            code=h.code,
            description=h.description or "",
            confidence_pct=h.confidence_pct,
            potential=kinds.get("potential", {}),
            realised=kinds.get("realised", {}),
            investment=kinds.get("investment", {}),
        )
    return result


def _history(
    session: Session, as_of: datetime, since: datetime | None, limit: int
) -> tuple[tuple[EventView, ...], bool]:
    """The newest ``limit`` entries of the audit log up to ``as_of``, and whether there
    were more."""
    rows = audit_log(session, since=since, until=as_of, limit=limit + 1)
    return tuple(rows[:limit]), len(rows) > limit


def load_export_parts(
    session: Session,
    as_of: datetime,
    *,
    history: bool = False,
    history_since: datetime | None = None,
    history_limit: int = HISTORY_LIMIT,
) -> tuple[Status, dict[str, HypothesisDetails], tuple[EventView, ...], bool]:
    """Status, details by code, and (when asked) the newest log entries up to ``as_of``.

    Returns ``(status, details, history, history_truncated)``.
    """
    status = load_status(session, as_of)
    details = _details(session, as_of)
    entries: tuple[EventView, ...] = ()
    truncated = False
    if history:
        entries, truncated = _history(session, as_of, history_since, history_limit)
    return status, details, entries, truncated
