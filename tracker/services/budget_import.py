"""``parat budget import``: a budget extract (CSV or XLSX) in ONE transaction.

Columns: ``ramme``, ``year`` and any of the five figures, in Parat's words or the
Danish headings of a finance system's extract (:mod:`tracker.domain.budget_cells`).
Every cell is checked first, and every problem is listed with its row and column;
on any problem nothing is written. Then each changed figure is a new record and a
``budget.set`` event with the source ``import:FILENAME``; an empty cell leaves a
figure as it is. A dry run applies the file and rolls it back.
"""

import dataclasses
import os
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from sqlmodel import Session

from db import budget as store
from db.models import BudgetFigure
from tracker.domain.budget import BUDGET_KINDS
from tracker.domain.budget_cells import parse_budget_rows, read_budget_header
from tracker.domain.cells import Problem
from tracker.errors import InvalidInput
from tracker.io.files import read_input_file
from tracker.io.table_reader import Table, read_table
from tracker.services.batch import ImportFailed
from tracker.services.context import ChangeContext
from tracker.services.events import event_values, record_events
from tracker.services.figures import unit_factor
from tracker.services.programme import get_programme
from tracker.services.progress import CHECK, READ, WRITE, Progress, report
from tracker.services.stamp import check_moment
from tracker.services.store import Store

__all__ = ["BudgetImportResult", "apply_budget_table", "import_budget", "read_extract"]


@dataclass(frozen=True, slots=True)
class BudgetImportResult:
    """What a budget import changed (or, in a dry run, would change)."""

    filename: str
    rows: int
    changes: int
    dry_run: bool


def read_extract(path: Path) -> Table:
    """The file as a table: XLSX by its name, else CSV (JSON by its name, as the
    other import)."""
    data = read_input_file(path)  # a regular file of at most 200 MB, or one line
    suffix = path.suffix.lower()
    try:
        if suffix in (".xlsx", ".xlsm"):
            from tracker.io.xlsx_table import read_xlsx

            return read_xlsx(data)
        return read_table(data, "json" if suffix == ".json" else "csv")
    except InvalidInput as error:
        raise InvalidInput(f"{path.name}: {error}", danish=f"{path.name}: {error.danish}") from None


def apply_budget_table(
    session: Session, ctx: ChangeContext, table: Table, filename: str, unit: int
) -> tuple[int, int]:
    """Check every cell of ``table`` and write its changed figures in the session's
    transaction; returns (rows, changes). Raises :class:`ImportFailed` listing every
    problem, before anything is written."""
    problems: list[Problem] = list(table.problems)
    header = read_budget_header(table.columns, problems)
    rows = parse_budget_rows(table.rows, header, problems, unit)
    programme = get_programme(session, for_update=True)
    assert programme.id is not None
    conn = session.connection()
    rammer = {r.key: r.id for r in store.ramme_rows(conn, programme.id)}
    ramme_column = next((c for c, what in header.names.items() if what == "ramme"), "ramme")
    for row in rows:
        if row.ramme not in rammer:
            problems.append(
                Problem(
                    row.number,
                    ramme_column,
                    f"unknown ramme {row.ramme!r} (add it with `parat ramme add`)",
                    f"Ukendt ramme {row.ramme!r} (opret den med `parat ramme add`).",
                )
            )
    if problems:
        problems.sort(key=lambda p: (p.row, p.column))
        raise ImportFailed(filename, problems)
    current = store.budget_amounts(
        conn,
        as_of=None,
        years={row.year for row in rows},
        ramme_ids={rammer[row.ramme] for row in rows},
    )
    now = ctx.now()
    records: list[dict[str, object]] = []
    events: list[dict[str, object]] = []
    for row in rows:
        rid = rammer[row.ramme]
        for kind in BUDGET_KINDS:
            if kind not in row.amounts:
                continue
            old, new = current.get((rid, kind, row.year)), row.amounts[kind]
            if old == new:
                continue
            records.append(
                {
                    "ramme_id": rid,
                    "year": row.year,
                    "kind": kind,
                    "amount_kr": new,
                    "recorded_at": now,
                    "actor": ctx.actor,
                    "source": ctx.source,
                    "note": row.note,
                }
            )
            events.append(
                event_values(
                    ctx,
                    now,
                    programme_id=programme.id,
                    action="budget.set",
                    subject=row.ramme,
                    field=f"{kind}.{row.year}",
                    old=old,
                    new=new,
                    note=row.note,
                )
            )
    if records:
        session.execute(sa.insert(BudgetFigure.__table__), records)  # type: ignore[attr-defined]
        record_events(session, events)
    return len(rows), len(records)


def import_budget(
    store_: Store,
    context: ChangeContext,
    path: str | os.PathLike[str],
    *,
    dry_run: bool = False,
    unit: str = "mio",
    progress: Progress | None = None,
) -> BudgetImportResult:
    """Import the budget extract at ``path`` through the store's one door (see the
    module docstring); ``unit`` is the unit of a bare number (a heading's wins)."""
    factor = unit_factor(unit)
    file = Path(path)
    report(progress, READ, 0, 1)
    table = read_extract(file)
    report(progress, CHECK, 0, 1)
    ctx = dataclasses.replace(context, source=f"import:{file.name}")

    def work(session: Session, ctx: ChangeContext) -> BudgetImportResult:
        check_moment(session, ctx)
        rows, changes = apply_budget_table(session, ctx, table, file.name, factor)
        report(progress, WRITE, 1, 1)
        return BudgetImportResult(file.name, rows, changes, dry_run)

    return store_.change(work, ctx, commit=not dry_run)
