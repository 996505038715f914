"""``parat import``: read a file, check every cell, apply it in ONE transaction.

Events carry the source ``import:FILENAME``. With ``dry_run`` the changes are
applied inside the transaction, compared with the state before (the same
"what moved" view as ``parat diff``), and rolled back. On a read-only SQLite store
the dry run is applied to an in-memory copy of the database instead (the file is
only read); PostgreSQL cannot apply and roll back in a read-only transaction, so
there it is refused in one line.
"""

import dataclasses
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session

from db.engine import memory_copy
from tracker.domain.cells import DEFAULT_OPTIONS, ReadOptions
from tracker.domain.diff import Diff
from tracker.errors import InvalidInput, ReadOnlyError
from tracker.io.files import read_input_file
from tracker.io.table_reader import read_table
from tracker.services.batch import ImportSummary, apply_checked, check_table
from tracker.services.context import ChangeContext
from tracker.services.dberrors import READ_ONLY
from tracker.services.diff import compare_moments
from tracker.services.progress import READ, WRITE, Progress, report
from tracker.services.stamp import check_moment
from tracker.services.store import Store, translated
from tracker.services.timetravel import load_moment

__all__ = ["ImportResult", "import_file"]


@dataclass(frozen=True, slots=True)
class ImportResult:
    """The outcome of an import: counts, and (dry run) what would move."""

    filename: str
    summary: ImportSummary
    dry_run: bool
    diff: Diff | None = None


def _format(path: Path, fmt: str | None) -> str:
    if fmt:
        chosen = fmt.strip().lower()
        if chosen not in ("csv", "json"):
            raise InvalidInput(
                f"unknown format {fmt!r} (use csv or json)",
                danish=f"Ukendt format {fmt!r}: brug csv eller json.",
            )
        return chosen
    return "json" if path.suffix.lower() == ".json" else "csv"


def import_file(
    store: Store,
    context: ChangeContext,
    path: str | os.PathLike[str],
    *,
    fmt: str | None = None,
    dry_run: bool = False,
    options: ReadOptions = DEFAULT_OPTIONS,
    progress: Progress | None = None,
) -> ImportResult:
    """Import ``path`` (see the module docstring) through ``store``'s one door, its
    cells read with ``options`` (unit, signs, what to let through); ``progress`` is
    told how far it is (reading, the rows checked, writing).

    The file is read into a table before the transaction begins; inside
    it, the hypotheses it names are locked before anything they hold is read, and
    the moment of every event is read then (see
    :func:`tracker.services.batch.check_table`). A dry run is a write that the store
    rolls back.
    """
    file = Path(path)
    report(progress, READ, 0, 1)
    data = read_input_file(file)  # a regular file of at most 200 MB, or one line
    try:
        table = read_table(data, _format(file, fmt))
    except InvalidInput as error:
        raise InvalidInput(f"{file.name}: {error}", danish=f"{file.name}: {error.danish}") from None
    ctx = dataclasses.replace(context, source=f"import:{file.name}")

    def work(session: Session, ctx: ChangeContext) -> ImportResult:
        check_moment(session, ctx)
        checked = check_table(session, ctx, table, file.name, options, progress)
        now = checked.moment  # read under the guard: after any writer it waited for
        before = load_moment(session, now) if dry_run else None
        report(progress, WRITE, 0, 1)
        summary, _touched = apply_checked(session, ctx, checked)
        if before is None:
            return ImportResult(file.name, summary, dry_run=False)
        session.flush()
        after = load_moment(session, now)
        decisions = {
            after.ids[row.code]: row.decision for row in checked.rows if row.code in after.ids
        }
        diff = compare_moments(
            before,
            after,
            since_label="før import",
            until_label=f"efter import af {file.name}",
            stage_author=lambda hid: (now, ctx.actor, "", decisions.get(hid, "")),
            figure_author=lambda _hid, _kind, _year: (now, ctx.actor),
        )
        return ImportResult(file.name, summary, dry_run=True, diff=diff)

    if dry_run and store.read_only:
        return _dry_run_on_copy(store, work, ctx)
    return store.change(work, ctx, commit=not dry_run)


def _dry_run_on_copy(
    store: Store, work: Callable[[Session, ChangeContext], ImportResult], ctx: ChangeContext
) -> ImportResult:
    """Run a dry run's ``work`` on an in-memory copy of a read-only SQLite store."""
    if store.engine.dialect.name != "sqlite":
        raise ReadOnlyError(
            f"{READ_ONLY}: a dry run applies the import and rolls it back, which PostgreSQL "
            "refuses in a read-only transaction; run it as a role that may write "
            "(it changes nothing)",
            danish="Forbindelsen er skrivebeskyttet: en prøvekørsel mod PostgreSQL kræver en "
            "rolle, der må skrive (den ændrer intet).",
        )
    with translated():
        copy = memory_copy(store.engine)
    with Store(copy) as scratch:
        return scratch.change(work, ctx, commit=False)
