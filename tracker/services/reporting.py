"""Building the :class:`~tracker.report.Report` an export renders, in one read
transaction: the status, each hypothesis's figures per year and description, the
audit log, and who made the export.

The status comes from :func:`load_status` (the one computation behind
``parat status --json``); the details and the log are read beside it in the same
transaction, so every part describes the same moment. ``Parat.report()`` and
``Parat.export()`` call :func:`read_report`; :func:`export_status` renders a status
already in hand.
"""

from collections.abc import Mapping
from datetime import UTC, datetime

from sqlmodel import Session

from db import queries
from tracker.domain.budget import BudgetFollowUp
from tracker.domain.diff import Diff
from tracker.domain.status import Status
from tracker.report import EventView, ExportMeta, HypothesisDetail, HypothesisView, Report
from tracker.services.audit import audit_log
from tracker.services.context import ChangeContext, default_actor, utcnow
from tracker.services.risk import Draws, load_risk
from tracker.services.status import load_status

__all__ = ["HISTORY_LIMIT", "export_meta", "export_status", "read_report"]

#: At most this many audit-log entries go into one export (newest first).
HISTORY_LIMIT = 5000


def export_meta(now: datetime, actor: str | None = None) -> ExportMeta:
    """Who makes an export (``actor``, else ``PARAT_ACTOR``, else the OS user), when,
    with this version of Parat."""
    from tracker.version import __version__

    return ExportMeta(generated_at=now, generated_by=default_actor(actor), tool_version=__version__)


def _details(session: Session, as_of: datetime) -> dict[str, HypothesisDetail]:
    conn = session.connection()
    row = queries.programme_row(conn)
    assert row is not None  # load_status has checked
    per_id: dict[int, dict[int, dict[str, int]]] = {}
    for hid, kind, year, amount in queries.current_figures(
        conn, first_year=row.first_year, last_year=row.last_year, as_of=as_of
    ):
        per_id.setdefault(hid, {}).setdefault(year, {})[kind] = amount
    return {
        h.code: HypothesisDetail(
            hypothesis=HypothesisView.of(h), figures=dict(sorted(per_id.get(h.id, {}).items()))
        )
        for h in queries.hypothesis_rows(conn, row.id)
    }


def _history(
    session: Session, as_of: datetime, since: datetime | None, limit: int
) -> tuple[tuple[EventView, ...], bool]:
    """The newest ``limit`` entries of the audit log up to ``as_of``, and whether there
    were more."""
    rows = audit_log(session, since=since, until=as_of, limit=limit + 1)
    return tuple(rows[:limit]), len(rows) > limit


def read_report(
    session: Session,
    as_of: datetime,
    ctx: ChangeContext,
    *,
    diff: Diff | None = None,
    history: bool = True,
    history_limit: int = HISTORY_LIMIT,
    risk: Draws | None = None,
) -> Report:
    """The status at ``as_of`` with its details, and (when asked) the newest log entries
    up to then, after ``diff.since`` when there is a diff, and how sure it is (``risk``:
    simulated with those draws); stamped by ``ctx``."""
    as_of = as_of.astimezone(UTC)  # the status and its JSON speak UTC
    certainty = None
    if risk is None:
        status = load_status(session, as_of)
    else:
        status, certainty = load_risk(session, as_of, risk)
    entries: tuple[EventView, ...] = ()
    truncated = False
    if history:
        since = diff.since if diff is not None else None
        entries, truncated = _history(session, as_of, since, history_limit)
    return Report(
        status=status,
        meta=export_meta(ctx.now(), ctx.actor),
        details=_details(session, as_of),
        history=entries,
        history_truncated=truncated,
        diff=diff,
        risk=certainty,
        budget=_budget(session, status, as_of),
    )


def _budget(session: Session, status: Status, as_of: datetime) -> BudgetFollowUp | None:
    """The follow-up of the target year (as ``parat budget report`` without a year),
    when the programme had rammer then."""
    if not status.programme.has_rammer:
        return None
    from tracker.services.budget import follow_up_at

    return follow_up_at(session, status.programme.target_year, as_of)


def export_status(
    status: Status,
    fmt: str,
    *,
    details: Mapping[str, HypothesisDetail] | None = None,
    history: tuple[EventView, ...] = (),
    diff: Diff | None = None,
    meta: ExportMeta | None = None,
    csv_dialect: str = "danish",
) -> str | bytes:
    """Render a status already in hand (``Parat.status()``, or one computed without a
    database) in one format; text formats return ``str``, PDF and XLSX ``bytes``.

    ``details`` (per-year figures, descriptions) fill the CSV's and the spreadsheet's
    per-year columns; without them those cells stay empty. ``diff`` adds "Siden
    sidst". ``meta`` defaults to now, the current user and this version of Parat.
    """
    from tracker.exports import render

    report = Report(
        status=status,
        meta=meta or export_meta(utcnow()),
        details=dict(details or {}),
        history=history,
        diff=diff,
    )
    return render(report, fmt, csv_dialect=csv_dialect)
