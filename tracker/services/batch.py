"""Batch import: a whole file of hypothesis attributes and figures, all or nothing.

Every cell is read and checked first (:mod:`tracker.domain.cells`), and every problem
is collected with its row and column; on any problem nothing is written. Then the
changes are applied in the caller's one write transaction: attribute changes through
the ordinary use case; new hypotheses, figure records and their events as bulk inserts
(:mod:`db.bulk`) that write the same rows and events as the ordinary use cases.
Unchanged values write nothing; an empty cell leaves the value as it is.
"""

import dataclasses
import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlmodel import Session

from db import bulk, history, queries
from tracker.domain.benefits import BenefitType
from tracker.domain.cells import (
    ATTRIBUTE_COLUMNS,
    DEFAULT_OPTIONS,
    ParsedRow,
    Problem,
    ReadOptions,
    check_cuts,
    check_known,
    parse_cell_amount,
    parse_rows,
    read_header,
)
from tracker.domain.rules import figure_changed
from tracker.domain.stages import Stage
from tracker.errors import InvalidInput, ParatError, StaleVersion
from tracker.io.table_reader import Table
from tracker.services import guard, hypotheses
from tracker.services.context import ChangeContext
from tracker.services.import_ranges import check_ranges
from tracker.services.programme import get_programme
from tracker.services.progress import CHECK, Progress, counted
from tracker.services.validation import check_text

__all__ = [
    "CheckedTable",
    "ImportFailed",
    "ImportSummary",
    "apply_checked",
    "apply_table",
    "check_table",
]

#: The amount parser of a cell, under the name the import's tests know it by.
_amount = parse_cell_amount
_MAX_LISTED = 50
#: The action of a figure's event.
_FIGURE_SET = "figure.set"
#: The action of a new hypothesis's event (as the ordinary use case writes it).
_HYPOTHESIS_ADD = "hypothesis.add"


class ImportFailed(InvalidInput):
    """The file has problems; nothing was written. ``problems`` lists them all."""

    def __init__(self, filename: str, problems: list[Problem]) -> None:
        self.problems = problems
        shown = [f"  {p}" for p in problems[:_MAX_LISTED]]
        shown_da = [f"  {p.danish_line()}" for p in problems[:_MAX_LISTED]]
        if len(problems) > _MAX_LISTED:
            shown.append(f"  … and {len(problems) - _MAX_LISTED} more")
            shown_da.append(f"  … og {len(problems) - _MAX_LISTED} mere")
        count = f"{len(problems)} error{'s' if len(problems) != 1 else ''}"
        super().__init__(
            f"{filename}: {count}, nothing was imported",
            danish=f"{filename}: {len(problems)} fejl, intet er importeret.",
            details=shown,
            danish_details=shown_da,
        )


@dataclass(slots=True)
class ImportSummary:
    """What an import changed (or would change)."""

    rows: int = 0
    added: list[str] = field(default_factory=list)
    attribute_changes: int = 0
    figure_changes: int = 0
    hypotheses_changed: int = 0
    cut_changes: int = 0
    """Cuts (udmøntet_YYYY) made, changed or withdrawn."""

    @property
    def changes(self) -> int:
        return len(self.added) + self.attribute_changes + self.figure_changes + self.cut_changes


@dataclass(slots=True)
class CheckedTable:
    """A table whose every cell is checked, read under the write guard."""

    filename: str
    programme_id: int
    rows: list[ParsedRow]
    existing: dict[str, Any]
    """code → the hypothesis as read under the guard (a row with ``id``, ``version``)."""
    moment: datetime
    """The moment of the import's changes, read once the guard was held."""


def check_table(
    session: Session,
    ctx: ChangeContext,
    table: Table,
    filename: str,
    options: ReadOptions = DEFAULT_OPTIONS,
    progress: Progress | None = None,
) -> CheckedTable:
    """Check every cell of ``table`` against the store, under the write guard.

    The hypotheses the file names are locked (:func:`tracker.services.guard.hold`)
    before anything they hold is read: their stages (which moves need a note), their
    attributes and versions here, their current figures when applied. So the import
    is computed against the state it writes over: a change committed by someone
    else before the guard was held is seen, and is the old value of the import's
    events (the import is re-based on it); none can be committed in between. The
    file names no versions, so there is nothing to refuse it for; should a version
    still move before the write, the bump refuses it (:class:`StaleVersion`).

    Each year's range (minimum ≤ potential ≤ maksimum) is checked with the values
    standing after the import, the recorded ones included
    (:func:`tracker.services.import_ranges.check_ranges`).

    Cells are read with ``options`` (the programme's target bounds every figure);
    ``progress`` is told the rows checked. Raises :class:`ImportFailed` listing every
    problem.
    """
    prog = get_programme(session)
    assert prog.id is not None
    problems = list(table.problems)
    options = dataclasses.replace(options, target_kr=prog.target_kr)
    header = read_header(table.columns, prog.first_year, prog.last_year, problems, options)
    conn = session.connection()
    cells = counted(table.rows, len(table.rows), progress, CHECK)
    rows = parse_rows(cells, header, _bucket_names(conn, prog.id), problems, options)
    ids = bulk.hypothesis_ids(conn, prog.id)
    moment = guard.hold(session, ctx, (ids[r.code].id for r in rows if r.code in ids))
    existing: dict[str, Any]
    if header.holds(ATTRIBUTE_COLUMNS):
        existing = {h.code: h for h in queries.hypothesis_rows(conn, prog.id)}
        stages: dict[str, Stage | None] = {code: Stage(h.stage) for code, h in existing.items()}
    else:  # figures (and notes) only: ids and versions are all it needs
        existing = ids if conn.dialect.name == "sqlite" else bulk.hypothesis_ids(conn, prog.id)
        stages = dict.fromkeys(existing)
    check_known(rows, stages, problems)
    check_ranges(conn, rows, header, ids, moment, problems)
    if any(row.cuts for row in rows):
        from db.budget import ramme_rows

        check_cuts(rows, {r.key for r in ramme_rows(conn, prog.id)}, header, problems)
    if problems:
        problems.sort(key=lambda p: (p.row, p.column))
        raise ImportFailed(filename, problems)
    return CheckedTable(filename, prog.id, rows, existing, moment)


def apply_table(
    session: Session,
    ctx: ChangeContext,
    table: Table,
    filename: str,
    options: ReadOptions = DEFAULT_OPTIONS,
) -> tuple[ImportSummary, list[str]]:
    """Check and apply ``table`` in the session's transaction (see :func:`check_table`
    and :func:`apply_checked`)."""
    return apply_checked(session, ctx, check_table(session, ctx, table, filename, options))


def apply_checked(
    session: Session, ctx: ChangeContext, checked: CheckedTable
) -> tuple[ImportSummary, list[str]]:
    """Apply a checked table in the session's transaction, at its moment.

    Raises :class:`ImportFailed` when a use case refuses a row (nothing is written
    then, as the caller's transaction rolls back). Returns the summary and the codes
    touched.
    """
    rows, existing, filename, now = checked.rows, checked.existing, checked.filename, checked.moment
    summary = ImportSummary(rows=len(rows))
    touched: list[str] = []
    new_rows: list[ParsedRow] = []  # added together, in the file's order of events
    for row in rows:
        h = existing.get(row.code)
        if h is None:
            new_rows.append(row)
            continue
        _add_new(session, ctx, checked.programme_id, new_rows, summary, touched, filename)
        try:
            changes = {}
            for name, value in row.attributes.items():
                now_value = h.bucket if name == "bucket" else getattr(h, name)
                if isinstance(value, Stage):
                    value = value.value
                if now_value != value:
                    changes[name] = value
            if changes:
                # The decision goes with the stage move; a stage the row leaves as it
                # was moves nothing, and its decision is no news either.
                decision = row.decision if "stage" in changes else ""
                _, changed = hypotheses.update_hypothesis(
                    session, ctx, row.code, note=row.note, decision=decision, **changes
                )
                summary.attribute_changes += changed
                touched.append(row.code)
        except ParatError as error:
            problem = Problem(row.number, "", error.headline, error.danish)
            raise ImportFailed(filename, [problem]) from None

    _add_new(session, ctx, checked.programme_id, new_rows, summary, touched, filename)
    # Those added or changed above have had their version bump in this transaction.
    known = None if summary.added else existing  # else new hypotheses have ids to read
    summary.figure_changes = _apply_figures(
        session, ctx, checked.programme_id, rows, now, touched, existing, known
    )
    summary.cut_changes = _apply_cuts(session, ctx, checked.programme_id, rows, now, touched,
                                      existing)  # fmt: skip
    summary.hypotheses_changed = len(touched)
    return summary, touched


def _apply_cuts(
    session: Session,
    ctx: ChangeContext,
    programme_id: int,
    rows: list[ParsedRow],
    now: datetime,
    touched: list[str],
    guarded: dict[str, Any],
) -> int:
    """Write the rows' cuts (udmøntet_YYYY) that differ from the standing ones, each a
    record and an event as ``parat budget cut`` writes them (0 withdraws a standing
    cut); one version bump per hypothesis not bumped by the import already."""
    if not any(row.cuts for row in rows):
        return 0
    from db.budget import current_cuts, ramme_rows
    from tracker.services.cuts import record_cut

    conn = session.connection()
    ids = bulk.hypothesis_ids(conn, programme_id)  # new hypotheses have ids by now
    rammer = {r.key: r for r in ramme_rows(conn, programme_id)}
    standing = {(c.hypothesis_id, c.ramme_id, c.year): c for c in current_cuts(conn, as_of=None)}
    count = 0
    changed: list[str] = []
    for row in rows:
        if not row.cuts:
            continue
        assert row.ramme is not None  # check_cuts
        h, r = ids[row.code], rammer[row.ramme]
        decision = row.decision or row.note
        for year, kr in row.cuts.items():
            now_cut = standing.get((h.id, r.id, year))
            if kr == 0:
                if now_cut is None:
                    continue
                amount, decision_of = None, now_cut.decision
            else:
                if now_cut is not None and (now_cut.amount_kr, now_cut.decision) == (kr, decision):
                    continue
                amount, decision_of = kr, decision
            record_cut(
                session, ctx, now, programme_id=programme_id, hypothesis_id=h.id, code=h.code,
                ramme_id=r.id, ramme_key=r.key, year=year, amount=amount, decision=decision_of,
                note=row.note if amount is None else "", standing=now_cut,
            )  # fmt: skip
            count += 1
            if row.code not in touched and row.code not in changed:
                changed.append(row.code)
    versions = {h.id: h.version for h in guarded.values()}
    bumped = [ids[code].id for code in changed]
    if bulk.bump_versions(conn, bumped, now, versions=versions) != len(bumped):
        raise StaleVersion("a hypothesis of the file", None, None)
    touched.extend(changed)
    return count


def _bucket_names(conn: Any, programme_id: int) -> dict[str, str]:
    """What a bucket cell may say (its key or its name, case-folded) → its key."""
    rows = queries.bucket_rows(conn, programme_id)
    return {**{b.name.casefold(): b.key for b in rows}, **{b.key: b.key for b in rows}}


def _add_new(
    session: Session,
    ctx: ChangeContext,
    programme_id: int,
    rows: list[ParsedRow],
    summary: ImportSummary,
    touched: list[str],
    filename: str,
) -> None:
    """Add the hypotheses of ``rows`` in bulk, with the values and the event that
    :func:`tracker.services.hypotheses.add_hypothesis` writes; then empty ``rows``."""
    if not rows:
        return
    conn = session.connection()
    buckets = bulk.bucket_keys(conn, programme_id)
    checked: list[bulk.NewHypothesis] = []
    for row in rows:
        try:
            checked.append(_new_hypothesis(row, buckets))
        except ParatError as error:
            problem = Problem(row.number, "", error.headline, error.danish)
            raise ImportFailed(filename, [problem]) from None
    bulk.insert_hypotheses(
        conn,
        checked,
        programme_id=programme_id,
        now=ctx.now(),
        actor=ctx.actor,
        source=ctx.source,
        action=_HYPOTHESIS_ADD,
        recorded=ctx.recorded(),
    )
    codes = [row.code for row in rows]
    summary.added.extend(codes)
    touched.extend(codes)
    rows.clear()


def _new_hypothesis(row: ParsedRow, buckets: dict[str, int]) -> bulk.NewHypothesis:
    """``row``'s new hypothesis, checked as the ordinary use case checks it.

    The cell parser has read the code, the texts (with the use case's limits), the
    stage, the bucket and the confidence by the same rules already; what it leaves to
    the use case is that the title of a new hypothesis is not empty.
    """
    attrs = row.attributes
    title = check_text(attrs["title"], "title", required=True)
    area, owner = attrs.get("area", ""), attrs.get("owner", "")
    description = attrs.get("description", "")
    stage = Stage(attrs.get("stage", Stage.IDENTIFIED)).value
    pct = attrs.get("confidence_pct")
    bucket = attrs.get("bucket")
    benefit = BenefitType(attrs.get("benefit_type", BenefitType.KONTANT)).value
    # The event's keys in the ordinary use case's order: the values, then the bucket.
    new_value = json.dumps(
        {
            "title": title,
            "area": area,
            "owner": owner,
            "description": description,
            "stage": stage,
            "confidence_pct": pct,
            "benefit_type": benefit,
            "bucket": bucket,
        },
        ensure_ascii=False,
    )
    bucket_id = None if bucket is None else buckets[bucket]
    return (
        row.code,
        title,
        area,
        owner,
        description,
        stage,
        bucket_id,
        pct,
        benefit,
        new_value,
        row.note,
        row.decision,
    )


def _apply_figures(
    session: Session,
    ctx: ChangeContext,
    programme_id: int,
    rows: list[ParsedRow],
    now: datetime,
    touched: list[str],
    guarded: dict[str, Any],
    known: dict[str, Any] | None = None,
) -> int:
    """Write the changed figures, one event each and one version bump per hypothesis.

    A figure changes when its amount differs from the record current at ``now``
    (:func:`tracker.domain.rules.figure_changed`). Each bump names the version read
    under the guard (``guarded``); one that no longer holds refuses the import.
    """
    if not any(row.figures for row in rows):
        return 0
    conn = session.connection()
    if known is None:
        known = bulk.hypothesis_ids(conn, programme_id)
    ids = {code: h.id for code, h in known.items()}
    if conn.dialect.name == "sqlite":
        cells = [
            (hid, year, kind, kr, note)
            for row in rows
            if row.figures
            for hid, note in ((ids[row.code], row.note),)
            for (kind, year), kr in row.figures.items()  # in the file's column order
        ]
        count, changed = bulk.insert_changed_figures_sqlite(
            conn,
            cells,
            programme_id=programme_id,
            now=now,
            actor=ctx.actor,
            source=ctx.source,
            action=_FIGURE_SET,
            recorded=ctx.recorded(),
        )
    else:
        prog = get_programme(session)
        current = history.current_amounts(
            conn, first_year=prog.first_year, last_year=prog.last_year, as_of=now
        )
        figure_changes: list[bulk.FigureChange] = []
        for row in rows:
            hid, code, note = ids[row.code], row.code, row.note
            for (kind, year), kr in row.figures.items():  # in the file's column order
                old = current.get((hid, kind, year))
                if figure_changed(old, kr, kind):
                    figure_changes.append((hid, code, kind, year, old, kr, note))
        bulk.insert_figure_changes(
            conn,
            figure_changes,
            programme_id=programme_id,
            now=now,
            actor=ctx.actor,
            source=ctx.source,
            action=_FIGURE_SET,
            recorded=ctx.recorded(),
        )
        count, changed = len(figure_changes), {change[0] for change in figure_changes}
    if not count:
        return 0
    # Those added or changed above have had their version bump in this transaction.
    bumped_already = set(touched)
    bumped: list[int] = []
    for row in rows:
        hid = ids[row.code]
        if hid in changed and row.code not in bumped_already:
            bumped.append(hid)
            touched.append(row.code)
    versions = {h.id: h.version for h in guarded.values()}
    if bulk.bump_versions(conn, bumped, now, versions=versions) != len(bumped):
        raise StaleVersion("a hypothesis of the file", None, None)
    return count
