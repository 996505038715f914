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
from db.models import Bucket, Figure, Hypothesis
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
#: 10 ** (6 - decimals): a fraction of a million with that many decimals, in kroner.
_SCALE = (1_000_000, 100_000, 10_000, 1_000, 100, 10, 1)
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
    with at most six decimals, which is what a spreadsheet of figures holds.

    The fast path takes ``-?D{1,13}([.,]D{1,6})?`` (ASCII digits) and nothing else;
    everything else, and "1.000" (a thousand, or one?), goes to :func:`parse_amount`.
    String methods instead of a regular expression: this runs once per cell.
    """
    negative = text[:1] == "-"
    body = text[1:] if negative else text
    whole, sep, frac = body.partition(",")
    if not sep:
        whole, sep, frac = body.partition(".")
    if (
        whole.isdigit()
        and whole.isascii()
        and len(whole) <= 13
        and (
            not sep
            or (
                frac.isdigit()
                and frac.isascii()
                and len(frac) <= 6
                and not (sep == "." and len(frac) == 3)
            )
        )
    ):
        kr = int(whole) * 1_000_000 + (int(frac) * _SCALE[len(frac)] if sep else 0)
        if kr <= MAX_ABS_KR:
            return -kr if negative else kr
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
        figures = row.figures
        for name, text in cells.items():
            column = figure_columns.get(name)
            if column is not None:  # the bulk of a file: kept out of the general checks below
                try:
                    kr = _amount(text)
                except (MoneyError, InvalidOperation) as error:
                    problems.append(Problem(number, name, str(error)))
                    continue
                if kr < 0 and column[0] == "investment":
                    problems.append(Problem(number, name, "an investment cannot be negative"))
                    continue
                figures[column] = kr
                continue
            try:
                if name == "":
                    raise InvalidInput(f"{text!r} is in a column without a name")
                if name in TEXT_COLUMNS:
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
    if any(name in ATTRIBUTE_COLUMNS for name in table.columns):
        existing = {h.code: h for h in queries.hypothesis_rows(conn, prog.id)}
    else:  # figures (and notes) only: the ids are all it needs
        existing = _hypothesis_ids(conn, prog.id)
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

    # Those added or changed above have had their version bump in this transaction.
    known = None if touched else existing  # else new hypotheses have ids to read
    summary.figure_changes = _apply_figures(session, ctx, prog.id, rows, now, touched, known)
    summary.hypotheses_changed = len(touched)
    return summary, touched


def _hypothesis_ids(conn: Any, programme_id: int) -> dict[str, Any]:
    """code → a row with the hypothesis's ``id`` (and ``code``) only."""
    h = Hypothesis.__table__  # type: ignore[attr-defined]
    query = sa.select(h.c.id, h.c.code).where(h.c.programme_id == programme_id)
    return {row.code: row for row in conn.execute(query)}


def _apply_figures(
    session: Session,
    ctx: ChangeContext,
    programme_id: int,
    rows: list[_Row],
    now: Any,
    touched: list[str],
    known: dict[str, Any] | None = None,
) -> int:
    """Write the changed figures, one event each and one version bump per hypothesis.

    A figure changes when its amount differs from the record current at ``now`` (no
    record counts as 0 for a cell of 0). The writes bypass SQLAlchemy's per-row
    parameter processing (it would cost more than the inserts); the moment is
    converted once by the column's own type, so it is stored as the ORM stores it.
    """
    if not any(row.figures for row in rows):
        return 0
    conn = session.connection()
    if known is None:
        known = _hypothesis_ids(conn, programme_id)
    ids = {code: h.id for code, h in known.items()}
    moment_type = Figure.__table__.c.recorded_at.type  # type: ignore[attr-defined]
    to_db = moment_type.dialect_impl(conn.dialect).bind_processor(conn.dialect)
    stamp = to_db(now) if to_db else now
    prog = get_programme(session)
    years = (prog.first_year, prog.target_year)
    write = _write_figures_sqlite if conn.dialect.name == "sqlite" else _write_figures
    count, changed = write(conn, ctx, programme_id, rows, ids, now, stamp, years)
    if not count:
        return 0
    # Those added or changed above have had their version bump in this transaction.
    bumped_already = set(touched)
    bumped: list[tuple[Any, ...]] = []
    for row in rows:
        hid = ids[row.code]
        if hid in changed and row.code not in bumped_already:
            bumped.append((stamp, hid))
            touched.append(row.code)
    if bumped:
        mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
        conn.exec_driver_sql(
            f"UPDATE hypothesis SET version = version + 1, updated_at = {mark} WHERE id = {mark}",
            bumped,
        )
    return count


_EVENT_COLUMNS = (
    "programme_id, at, actor, source, action, hypothesis_id, subject, field, old_value,"
    " new_value, note"
)
_FIGURE_COLUMNS = "hypothesis_id, year, kind, amount_kr, recorded_at, actor, source, note"


def _write_figures_sqlite(
    conn: Any,
    ctx: ChangeContext,
    programme_id: int,
    rows: list[_Row],
    ids: dict[str, int],
    now: Any,
    stamp: Any,
    years: tuple[int, int],
) -> tuple[int, set[int]]:
    """SQLite: the checked cells go to a temporary table in one ``executemany``;
    SQLite compares them with the current records and inserts the changed ones, then
    their events, in two ``INSERT … SELECT`` (no per-cell work in Python). The write
    transaction began IMMEDIATE, so the figure rows after the last id read before
    are this import's."""
    cells = [
        (hid, year, kind, kr, note)
        for row in rows
        if row.figures
        for hid, note in ((ids[row.code], row.note),)
        for (kind, year), kr in row.figures.items()  # in the file's column order
    ]
    if len(cells) > 10_000:
        # A large batch touches many index pages: a bigger page cache (64 MiB) for
        # this connection keeps them in memory instead of spilling them mid-way.
        conn.exec_driver_sql("PRAGMA cache_size = -65536")
    last_id = conn.exec_driver_sql("SELECT coalesce(max(id), 0) FROM figure").scalar_one()
    # The temporary table is part of the transaction: a rollback removes it too.
    conn.exec_driver_sql("DROP TABLE IF EXISTS temp.parat_import_cell")
    conn.exec_driver_sql(
        "CREATE TEMP TABLE parat_import_cell"
        " (hypothesis_id INTEGER, year INTEGER, kind TEXT, amount_kr INTEGER, note TEXT)"
    )
    conn.exec_driver_sql("INSERT INTO temp.parat_import_cell VALUES (?, ?, ?, ?, ?)", cells)
    # The current record: the latest (by id) recorded at or before now.
    current = (
        "SELECT p.amount_kr FROM figure p WHERE p.hypothesis_id = c.hypothesis_id"
        " AND p.kind = c.kind AND p.year = c.year AND p.id <= :last"
        " AND p.recorded_at <= :at ORDER BY p.id DESC LIMIT 1"
    )
    count = conn.exec_driver_sql(
        f"INSERT INTO figure ({_FIGURE_COLUMNS})"
        " SELECT c.hypothesis_id, c.year, c.kind, c.amount_kr, :at, :actor, :source, c.note"
        " FROM temp.parat_import_cell c"
        f" WHERE coalesce(({current}), CASE WHEN c.amount_kr = 0 THEN 0 END)"
        " IS NOT c.amount_kr"
        " ORDER BY c.rowid",
        {"last": last_id, "at": stamp, "actor": ctx.actor, "source": ctx.source},
    ).rowcount
    conn.exec_driver_sql("DROP TABLE temp.parat_import_cell")
    if not count:
        return 0, set()
    # One event per new record, in the same order; old value = the record it replaced.
    old = (
        "SELECT CAST(p.amount_kr AS TEXT) FROM figure p WHERE p.hypothesis_id = f.hypothesis_id"
        " AND p.kind = f.kind AND p.year = f.year AND p.id <= :last"
        " AND p.recorded_at <= :at ORDER BY p.id DESC LIMIT 1"
    )
    conn.exec_driver_sql(
        f"INSERT INTO event ({_EVENT_COLUMNS})"
        " SELECT :programme, f.recorded_at, f.actor, f.source, 'figure.set', f.hypothesis_id,"
        f" h.code, f.kind || '.' || f.year, ({old}), CAST(f.amount_kr AS TEXT), f.note"
        " FROM figure f JOIN hypothesis h ON h.id = f.hypothesis_id"
        " WHERE f.id > :last ORDER BY f.id",
        {"programme": programme_id, "last": last_id, "at": stamp},
    )
    changed = conn.exec_driver_sql(
        "SELECT DISTINCT hypothesis_id FROM figure WHERE id > ?", (last_id,)
    ).scalars()
    return count, set(changed)


def _write_figures(
    conn: Any,
    ctx: ChangeContext,
    programme_id: int,
    rows: list[_Row],
    ids: dict[str, int],
    now: Any,
    stamp: Any,
    years: tuple[int, int],
) -> tuple[int, set[int]]:
    """Other engines: compared in Python with the current amounts, written by
    ``executemany`` (figures, then their events)."""
    current = history.current_amounts(conn, first_year=years[0], last_year=years[1], as_of=now)
    actor, source = ctx.actor, ctx.source
    figure_rows: list[tuple[Any, ...]] = []
    event_rows: list[tuple[Any, ...]] = []
    changed: set[int] = set()
    for row in rows:
        hid, code, note = ids[row.code], row.code, row.note
        for (kind, year), kr in row.figures.items():  # in the file's column order
            old = current.get((hid, kind, year))
            if old == kr or (old is None and kr == 0):
                continue
            changed.add(hid)
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
                    f"{kind}.{year}",
                    None if old is None else str(old),
                    str(kr),
                    note,
                )
            )
    if figure_rows:
        mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
        conn.exec_driver_sql(
            f"INSERT INTO figure ({_FIGURE_COLUMNS}) VALUES ({', '.join([mark] * 8)})",
            figure_rows,
        )
        conn.exec_driver_sql(
            f"INSERT INTO event ({_EVENT_COLUMNS}) VALUES ({', '.join([mark] * 11)})",
            event_rows,
        )
    return len(figure_rows), changed
