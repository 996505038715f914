"""Batch import: a whole file of hypothesis attributes and figures, all or nothing.

Every cell is read and checked first (:mod:`tracker.domain.cells`), and every problem
is collected with its row and column; on any problem nothing is written. Then the
changes are applied in the caller's one write transaction: attribute changes and new
hypotheses through the ordinary use cases, figure records and their events as bulk
inserts (:mod:`db.bulk`). Unchanged values write nothing; an empty cell leaves the
value as it is.
"""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlmodel import Session

from db import bulk, history, queries
from tracker.domain.cells import (
    ATTRIBUTE_COLUMNS,
    ParsedRow,
    Problem,
    check_columns,
    check_known,
    parse_cell_amount,
    parse_rows,
)
from tracker.domain.rules import figure_changed
from tracker.domain.stages import Stage
from tracker.errors import InvalidInput, ParatError
from tracker.io.table_reader import Table
from tracker.services import hypotheses
from tracker.services.context import ChangeContext
from tracker.services.programme import get_programme

__all__ = ["ImportFailed", "ImportSummary", "apply_table"]

#: The amount parser of a cell, under the name the import's tests know it by.
_amount = parse_cell_amount
_MAX_LISTED = 50
#: The action of a figure's event.
_FIGURE_SET = "figure.set"


class ImportFailed(InvalidInput):
    """The file has problems; nothing was written. ``problems`` lists them all."""

    def __init__(self, filename: str, problems: list[Problem]) -> None:
        self.problems = problems
        shown = [f"  {p}" for p in problems[:_MAX_LISTED]]
        if len(problems) > _MAX_LISTED:
            shown.append(f"  … and {len(problems) - _MAX_LISTED} more")
        count = f"{len(problems)} error{'s' if len(problems) != 1 else ''}"
        super().__init__(f"{filename}: {count}, nothing was imported\n" + "\n".join(shown))


@dataclass(slots=True)
class ImportSummary:
    """What an import changed (or would change)."""

    rows: int = 0
    added: list[str] = field(default_factory=list)
    attribute_changes: int = 0
    figure_changes: int = 0
    hypotheses_changed: int = 0

    @property
    def changes(self) -> int:
        return len(self.added) + self.attribute_changes + self.figure_changes


def apply_table(
    session: Session, ctx: ChangeContext, table: Table, filename: str
) -> tuple[ImportSummary, list[str]]:
    """Check and apply ``table`` in the session's transaction.

    Raises :class:`ImportFailed` listing every problem (nothing is written then, as
    the caller's transaction rolls back). Returns the summary and the codes touched.
    """
    prog = get_programme(session)
    assert prog.id is not None
    problems = list(table.problems)
    figure_columns = check_columns(table.columns, prog.first_year, prog.target_year, problems)
    conn = session.connection()
    rows = parse_rows(table.rows, figure_columns, bulk.bucket_keys(conn, prog.id), problems)
    existing: dict[str, Any]
    if any(name in ATTRIBUTE_COLUMNS for name in table.columns):
        existing = {h.code: h for h in queries.hypothesis_rows(conn, prog.id)}
        stages: dict[str, Stage | None] = {code: Stage(h.stage) for code, h in existing.items()}
    else:  # figures (and notes) only: the ids are all it needs
        existing = bulk.hypothesis_ids(conn, prog.id)
        stages = dict.fromkeys(existing)
    check_known(rows, stages, problems)
    if problems:
        problems.sort(key=lambda p: (p.row, p.column))
        raise ImportFailed(filename, problems)

    summary = ImportSummary(rows=len(rows))
    now = ctx.now()
    touched: list[str] = []
    for row in rows:
        h = existing.get(row.code)
        try:
            if h is None:
                attrs = dict(row.attributes)
                hypotheses.add_hypothesis(
                    session,
                    ctx,
                    row.code,
                    title=attrs.pop("title"),
                    bucket=attrs.pop("bucket", None),
                    note=row.note,
                    **attrs,
                )
                summary.added.append(row.code)
                touched.append(row.code)
                continue
            changes = {}
            for name, value in row.attributes.items():
                now_value = h.bucket if name == "bucket" else getattr(h, name)
                if isinstance(value, Stage):
                    value = value.value
                if now_value != value:
                    changes[name] = value
            if changes:
                _, changed = hypotheses.update_hypothesis(
                    session, ctx, row.code, note=row.note, **changes
                )
                summary.attribute_changes += changed
                touched.append(row.code)
        except ParatError as error:
            raise ImportFailed(filename, [Problem(row.number, "", str(error))]) from None

    # Those added or changed above have had their version bump in this transaction.
    known = None if touched else existing  # else new hypotheses have ids to read
    summary.figure_changes = _apply_figures(session, ctx, prog.id, rows, now, touched, known)
    summary.hypotheses_changed = len(touched)
    return summary, touched


def _apply_figures(
    session: Session,
    ctx: ChangeContext,
    programme_id: int,
    rows: list[ParsedRow],
    now: datetime,
    touched: list[str],
    known: dict[str, Any] | None = None,
) -> int:
    """Write the changed figures, one event each and one version bump per hypothesis.

    A figure changes when its amount differs from the record current at ``now``
    (:func:`tracker.domain.rules.figure_changed`).
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
            conn, first_year=prog.first_year, last_year=prog.target_year, as_of=now
        )
        figure_changes: list[bulk.FigureChange] = []
        for row in rows:
            hid, code, note = ids[row.code], row.code, row.note
            for (kind, year), kr in row.figures.items():  # in the file's column order
                old = current.get((hid, kind, year))
                if figure_changed(old, kr):
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
    bulk.bump_versions(conn, bumped, now)
    return count
