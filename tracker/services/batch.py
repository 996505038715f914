"""Batch import: a whole file of hypothesis attributes and figures, all or nothing.

Every cell is checked first and every problem is collected with its row and column;
on any problem nothing is written. Then the changes are applied in the caller's one
write transaction: attribute changes and new hypotheses through the ordinary use
cases, figure records and their events as bulk inserts (an import of 100,000 cells
must not build 200,000 ORM objects). Unchanged values write nothing; an empty cell
leaves the value as it is.
"""

import re
from dataclasses import dataclass, field
from decimal import InvalidOperation
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session

from db import history, queries
from db.models import Bucket, Figure
from tracker.domain.money import MAX_ABS_KR, MoneyError, parse_amount
from tracker.domain.rules import stage_move_needs_note
from tracker.domain.stages import Stage, parse_stage
from tracker.errors import InvalidInput, ParatError
from tracker.io.table_reader import Problem, Table
from tracker.services import hypotheses
from tracker.services.context import ChangeContext
from tracker.services.programme import get_programme
from tracker.services.validation import check_code, check_text

__all__ = ["ImportFailed", "ImportSummary", "apply_table"]

TEXT_COLUMNS = {"title": 200, "area": 200, "owner": 200, "description": 10_000, "note": 2000}
ATTRIBUTE_COLUMNS = ("title", "area", "owner", "description", "stage", "bucket", "confidence")
_FIGURE_COLUMN = re.compile(r"^(potential|realised|investment)_(\d{4})$")
_PLAIN_NUMBER = re.compile(r"^(?P<sign>-?)(?P<whole>\d{1,13})(?:(?P<sep>[.,])(?P<frac>\d{1,12}))?$")
_NONE = ("none", "ingen")
_MAX_LISTED = 50


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


@dataclass(slots=True)
class _Row:
    number: int
    code: str
    attributes: dict[str, Any] = field(default_factory=dict)
    figures: dict[tuple[str, int], int] = field(default_factory=dict)
    note: str = ""


def _amount(text: str) -> int:
    """Money in the syntax of DESIGN.md §4; a fast path for plain numbers (mio. kr.)
    with at most six decimals, which is what a spreadsheet of figures holds."""
    m = _PLAIN_NUMBER.match(text)
    if m is not None:
        whole, frac = m["whole"], m["frac"] or ""
        # "1.000" is ambiguous (a thousand, or one?): parse_amount says so.
        if len(frac) <= 6 and not (m["sep"] == "." and len(frac) == 3):
            kr = int(whole) * 1_000_000 + int(frac.ljust(6, "0"))
            if kr <= MAX_ABS_KR:
                return -kr if m["sign"] else kr
    return parse_amount(text)


def _confidence(text: str) -> int | None:
    cleaned = text.rstrip("%").strip()
    if cleaned.lower() in _NONE:
        return None
    if not cleaned.isascii() or not cleaned.isdigit() or not 0 <= int(cleaned) <= 100:
        raise InvalidInput(f"{text!r} is not a whole percent from 0 to 100 (or none)")
    return int(cleaned)


def _check_columns(
    table: Table, first_year: int, target_year: int, problems: list[Problem]
) -> dict[str, tuple[str, int]]:
    figure_columns: dict[str, tuple[str, int]] = {}
    seen: set[str] = set()
    for name in table.columns:
        if name == "":
            continue  # spreadsheets save stray empty columns; a value there is an error
        if name in seen:
            problems.append(Problem(1, name, "the column appears twice"))
        seen.add(name)
        if name == "code" or name in TEXT_COLUMNS or name in ATTRIBUTE_COLUMNS:
            continue
        m = _FIGURE_COLUMN.match(name)
        if m is None:
            problems.append(
                Problem(
                    1,
                    name,
                    "unknown column (use code, title, area, owner, stage, bucket, confidence, "
                    "description, note, potential_YYYY, realised_YYYY, investment_YYYY)",
                )
            )
            continue
        year = int(m[2])
        if not first_year <= year <= target_year:
            problems.append(
                Problem(
                    1, name, f"{year} is outside the programme's years {first_year}–{target_year}"
                )
            )
            continue
        figure_columns[name] = (m[1], year)
    if "code" not in seen:
        problems.append(Problem(1, "code", "the column code is missing"))
    return figure_columns


def _parse_rows(
    table: Table,
    figure_columns: dict[str, tuple[str, int]],
    buckets: dict[str, int],
    problems: list[Problem],
) -> list[_Row]:
    parsed: list[_Row] = []
    first_row: dict[str, int] = {}
    for number, cells in table.rows:
        raw_code = cells.get("code", "")
        if not raw_code:
            problems.append(Problem(number, "code", "the code is missing"))
            continue
        try:
            code = check_code(raw_code)
        except InvalidInput as error:
            problems.append(Problem(number, "code", str(error)))
            continue
        if code in first_row:
            problems.append(
                Problem(number, "code", f"{code} appears already in row {first_row[code]}")
            )
            continue
        first_row[code] = number
        row = _Row(number, code)
        for name, text in cells.items():
            try:
                if name == "":
                    raise InvalidInput(f"{text!r} is in a column without a name")
                if name in figure_columns:
                    kind, year = figure_columns[name]
                    try:
                        kr = _amount(text)
                    except (MoneyError, InvalidOperation) as error:
                        raise InvalidInput(str(error)) from None
                    if kind == "investment" and kr < 0:
                        raise InvalidInput("an investment cannot be negative")
                    row.figures[(kind, year)] = kr
                elif name in TEXT_COLUMNS:
                    value = check_text(text, name, max_len=TEXT_COLUMNS[name])
                    if name == "note":
                        row.note = value
                    else:
                        row.attributes[name] = value
                elif name == "stage":
                    try:
                        row.attributes["stage"] = parse_stage(text)
                    except ValueError as error:
                        raise InvalidInput(str(error)) from None
                elif name == "bucket":
                    key = text.strip().lower()
                    if key in _NONE:
                        row.attributes["bucket"] = None
                    elif key not in buckets:
                        raise InvalidInput(
                            f"unknown bucket {text!r} (known: {', '.join(buckets)}, or none)"
                        )
                    else:
                        row.attributes["bucket"] = key
                elif name == "confidence":
                    row.attributes["confidence_pct"] = _confidence(text)
            except InvalidInput as error:
                problems.append(Problem(number, name or "(unnamed)", str(error)))
        parsed.append(row)
    return parsed


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
    figure_columns = _check_columns(table, prog.first_year, prog.target_year, problems)
    conn = session.connection()
    b = Bucket.__table__  # type: ignore[attr-defined]
    buckets = {
        key: bid
        for key, bid in conn.execute(
            sa.select(b.c.key, b.c.id).where(b.c.programme_id == prog.id).order_by(b.c.key)
        )
    }
    rows = _parse_rows(table, figure_columns, buckets, problems)
    existing = {h.code: h for h in queries.hypothesis_rows(conn, prog.id)}
    for row in rows:
        h = existing.get(row.code)
        if h is None:
            if "title" not in row.attributes:
                problems.append(
                    Problem(
                        row.number,
                        "code",
                        f"unknown hypothesis {row.code} (give a title to add it)",
                    )
                )
            continue
        new_stage = row.attributes.get("stage")
        if new_stage is None:
            continue
        if stage_move_needs_note(Stage(h.stage), new_stage) and not row.note:
            problems.append(
                Problem(
                    row.number,
                    "stage",
                    f"moving {row.code} from {h.stage} to {new_stage.value} needs a note "
                    "(a note column)",
                )
            )
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

    # Rows read before the attribute changes are still right when there were none.
    fresh = None if touched else existing
    summary.figure_changes = _apply_figures(session, ctx, prog.id, rows, now, touched, fresh)
    summary.hypotheses_changed = len(touched)
    return summary, touched


def _apply_figures(
    session: Session,
    ctx: ChangeContext,
    programme_id: int,
    rows: list[_Row],
    now: Any,
    touched: list[str],
    hypothesis_rows: dict[str, Any] | None = None,
) -> int:
    """Bulk-insert the changed figures, their events and one version bump per hypothesis.

    The rows go to the driver's ``executemany`` as tuples (SQLAlchemy's per-row
    parameter processing would cost more than the inserts); the moment is converted
    once by the column's own type, so it is stored exactly as the ORM stores it.
    """
    if not any(row.figures for row in rows):
        return 0
    conn = session.connection()
    prog = get_programme(session)
    if hypothesis_rows is None:
        hypothesis_rows = {h.code: h for h in queries.hypothesis_rows(conn, programme_id)}
    ids = {code: (h.id, h.updated_at) for code, h in hypothesis_rows.items()}
    current = history.current_amounts(
        conn, first_year=prog.first_year, last_year=prog.target_year, as_of=now
    )
    figure_table = Figure.__table__  # type: ignore[attr-defined]
    moment_type = figure_table.c.recorded_at.type
    to_db = moment_type.dialect_impl(conn.dialect).bind_processor(conn.dialect)
    stamp = to_db(now) if to_db else now
    touched_set = set(touched)
    actor, source = ctx.actor, ctx.source
    field_names: dict[tuple[str, int], str] = {}
    figure_rows: list[tuple[Any, ...]] = []
    event_rows: list[tuple[Any, ...]] = []
    bumped: list[tuple[Any, ...]] = []
    for row in rows:
        hid, updated_at = ids[row.code]
        code, note = row.code, row.note
        before = len(figure_rows)
        for key, kr in row.figures.items():  # in the file's column order
            kind, year = key
            old = current.get((hid, kind, year))
            if old == kr or (old is None and kr == 0):
                continue
            name = field_names.get(key)
            if name is None:
                name = field_names[key] = f"{kind}.{year}"
            figure_rows.append((hid, year, kind, kr, stamp, actor, source, note))
            event_rows.append(
                (
                    programme_id,
                    stamp,
                    actor,
                    source,
                    "figure.set",
                    hid,
                    code,
                    name,
                    None if old is None else str(old),
                    str(kr),
                    note,
                )
            )
        if len(figure_rows) > before:
            if code not in touched_set:
                touched.append(code)
                touched_set.add(code)
            if updated_at != now:
                bumped.append((stamp, hid))
    if not figure_rows:
        return 0
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    if conn.dialect.name == "sqlite" and len(figure_rows) > 10_000:
        # A large batch touches many index pages: a bigger page cache (64 MiB) for
        # this connection keeps them in memory instead of spilling them mid-way.
        conn.exec_driver_sql("PRAGMA cache_size = -65536")

    def marks(n: int) -> str:
        return ", ".join([mark] * n)

    conn.exec_driver_sql(
        "INSERT INTO figure (hypothesis_id, year, kind, amount_kr, recorded_at, actor, source,"
        f" note) VALUES ({marks(8)})",
        figure_rows,
    )
    conn.exec_driver_sql(
        "INSERT INTO event (programme_id, at, actor, source, action, hypothesis_id, subject,"
        f" field, old_value, new_value, note) VALUES ({marks(11)})",
        event_rows,
    )
    if bumped:
        conn.exec_driver_sql(
            f"UPDATE hypothesis SET version = version + 1, updated_at = {mark} WHERE id = {mark}",
            bumped,
        )
    return len(figure_rows)
