"""``parat import``: read a file, check every cell, apply it in ONE transaction.

Events carry the source ``import:FILENAME``. With ``dry_run`` the changes are
applied inside the transaction, compared with the state before (the same
"what moved" view as ``parat diff``), and rolled back.
"""

import dataclasses
import os
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session

from tracker.domain.diff import Diff
from tracker.errors import InvalidInput
from tracker.io.table_reader import read_table
from tracker.services.batch import ImportSummary, apply_table
from tracker.services.context import ChangeContext
from tracker.services.diff import compare_moments
from tracker.services.stamp import check_moment
from tracker.services.store import Store
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
            raise InvalidInput(f"unknown format {fmt!r} (use csv or json)")
        return chosen
    return "json" if path.suffix.lower() == ".json" else "csv"


def import_file(
    store: Store,
    context: ChangeContext,
    path: str | os.PathLike[str],
    *,
    fmt: str | None = None,
    dry_run: bool = False,
) -> ImportResult:
    """Import ``path`` (see the module docstring) through ``store``'s one door.

    The file is read and checked before the transaction begins; a dry run is a
    write that the store rolls back.
    """
    file = Path(path)
    try:
        data = file.read_bytes()
    except OSError as error:
        raise InvalidInput(f"cannot read {file}: {error.strerror or error}") from None
    try:
        table = read_table(data, _format(file, fmt))
    except InvalidInput as error:
        raise InvalidInput(f"{file.name}: {error}") from None
    # One moment for every event of the file; with ``at`` it is dated then, and the
    # real moment it is written is still one.
    recorded = context.recorded()
    ctx = dataclasses.replace(context, source=f"import:{file.name}", clock=lambda: recorded)
    now = ctx.now()

    def work(session: Session) -> ImportResult:
        check_moment(session, ctx)
        before = load_moment(session, now) if dry_run else None
        summary, _touched = apply_table(session, ctx, table, file.name)
        if before is None:
            return ImportResult(file.name, summary, dry_run=False)
        session.flush()
        after = load_moment(session, now)
        diff = compare_moments(
            before,
            after,
            since_label="før import",
            until_label=f"efter import af {file.name}",
            stage_author=lambda _hid: (now, ctx.actor, ""),
            figure_author=lambda _hid, _kind, _year: (now, ctx.actor),
        )
        return ImportResult(file.name, summary, dry_run=True, diff=diff)

    return store.write(work, commit=not dry_run)
