"""The spreadsheet's sheets of what moved: Historik (the audit log) and Siden sidst."""

import re
from datetime import datetime

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from tracker.domain import labels as da
from tracker.domain.overlaps import describe_state
from tracker.domain.stages import Stage
from tracker.domain.validations import describe_verdict
from tracker.exports.view import since_heading, validation_table
from tracker.exports.xlsx_cells import FIGURE_FIELDS, Formats, naive, write_header, write_text
from tracker.i18n import _, danish
from tracker.report import Report
from tracker.report.words import allocation_name, source_name, stage_name, word

__all__ = ["history_sheet", "since_sheet"]


_STAGES = {stage.value: stage for stage in Stage}
_ALLOCATIONS = frozenset({"waterfall", "earmarked"})
#: Fields whose values are kroner (shown in mio. kr.), besides the figures.
_AMOUNT_FIELDS = frozenset({"target_kr", "amount_kr"})
#: Actions whose values are moments (ISO in the log, Copenhagen time in the sheet).
_MOMENT_ACTIONS = frozenset({"snapshot.add", "snapshot.delete"})
_UNDO = re.compile(r"undo of event #(\d+)")
#: Actions whose value is an overlap's whole state (shown in words, not as JSON).
_STATE_ACTIONS = frozenset({"overlap.add", "overlap.drop"})


def _field_label(field: str, action: str = "") -> str:
    """``potential.2018`` → ``Potentiale 2018``; ``stage`` → ``Fase``;
    ``weight.decided`` → ``Vægt Besluttet``; a programme's ``target_kr`` → ``Mål``
    (in English: ``Potential 2018``, ``Stage``, ``Weight decided``, ``Target``)."""
    kind, _dot, rest = field.partition(".")
    if kind in da.KIND_LABELS and rest.isdigit():
        return f"{word(da.KIND_LABELS[kind])} {rest}"
    if kind == "validated" and rest.isdigit():
        return f"{word(da.REALISED)} {rest}"
    if action == "budget.set" and kind in da.BUDGET_KIND_LABELS and rest.isdigit():
        return f"{word(da.BUDGET_KIND_LABELS[kind])} {rest}"
    if action.startswith("ramme.") and field in da.SETTING_LABELS:
        return word(da.SETTING_LABELS[field])
    if kind == "weight" and rest in _STAGES:
        return f"{word(da.WEIGHT)} {stage_name(_STAGES[rest])}"
    if field == "confidence_pct":
        return f"{word(da.CONFIDENCE)} %"
    if action.startswith(("programme.", "bucket.", "overlap.")) and field in da.SETTING_LABELS:
        return word(da.SETTING_LABELS[field])
    return word(da.FIELD_LABELS.get(field, field))


def _note(note: str) -> str:
    """The log's own English notes in the reader's words (a user's note is kept as
    written)."""
    undoes = _("Undoes event #{id}")
    return _UNDO.sub(lambda m: undoes.format(id=m.group(1)), note)


def _moment(value: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def history_sheet(wb: xlsxwriter.Workbook, report: Report, f: Formats) -> None:
    ws = wb.add_worksheet(_("History"))
    titles = (
        _("Time"),
        word(da.WHO),
        _("Source"),
        _("Action"),
        _("Hypothesis"),
        _("Field"),
        _("Before"),  # "Før" as da.THEN, but beside "After"
        _("After"),
        word(da.NOTE),
        word(da.DECISION),
    )
    write_header(ws, 0, titles, (), f)
    ws.set_column(0, 0, 17)
    ws.set_column(1, 2, 16)
    ws.set_column(3, 3, 24)
    ws.set_column(4, 4, 10)
    ws.set_column(5, 5, 16)
    ws.set_column(6, 7, 22)
    ws.set_column(8, 8, 40)
    ws.set_column(9, 9, 30)
    ws.freeze_panes(1, 0)
    row = 0
    for e in report.history:
        row += 1
        ws.write_datetime(row, 0, naive(e.at), f.moment)
        texts = (
            (1, e.actor),
            (2, source_name(e.source)),
            (3, word(da.action_label(e.action))),
            (4, e.subject),
            (5, _field_label(e.field, e.action)),
            (8, _note(e.note)),
            (9, e.decision),
        )
        for col, text in texts:
            if text:
                write_text(ws, row, col, text, f)
        amount = (
            any(e.field.startswith(prefix) for prefix in FIGURE_FIELDS)
            or e.field in _AMOUNT_FIELDS
            or e.action in ("budget.set", "budget.cut", "budget.uncut")
        )
        for col, value in ((6, e.old_value), (7, e.new_value)):
            if value is None:
                continue
            moment = _moment(value) if e.action in _MOMENT_ACTIONS else None
            if e.action in _STATE_ACTIONS:
                write_text(ws, row, col, describe_state(value), f)
            elif e.action == "figure.validate":
                write_text(ws, row, col, describe_verdict(value, in_danish=danish()), f)
            elif moment is not None:
                ws.write_datetime(row, col, naive(moment), f.moment)
            elif amount and value.lstrip("-").isdigit():
                ws.write_number(row, col, int(value), f.mio)
            elif e.field == "stage" and value in _STAGES:
                ws.write_string(row, col, stage_name(_STAGES[value]), f.text)
            elif e.field == "allocation" and value in _ALLOCATIONS:
                ws.write_string(row, col, allocation_name(value), f.text)
            else:
                write_text(ws, row, col, value, f)
    if row:
        ws.autofilter(0, 0, row, len(titles) - 1)
    if report.history_truncated:
        newest = _("Only the newest {count} events are included.")
        ws.write_string(row + 2, 0, newest.format(count=len(report.history)), f.subtitle)
    elif not report.history:
        ws.write_string(1, 0, _("No events in the period."), f.subtitle)


def since_sheet(wb: xlsxwriter.Workbook, report: Report, f: Formats) -> None:
    d = report.diff
    assert d is not None
    ws = wb.add_worksheet(word(da.SINCE))
    ws.set_column(0, 0, 26)
    ws.set_column(1, 1, 40)
    ws.set_column(2, 8, 15)
    ws.write_string(0, 0, since_heading(d), f.section)
    row = 2
    write_header(ws, row, ("", word(da.THEN), word(da.NOW), word(da.CHANGE)), (1, 2, 3), f)
    b, a = d.before.totals, d.after.totals
    for label, old, new in (
        (da.REALISED, b.realised_kr, a.realised_kr),
        (da.VALIDATED, b.validated_kr, a.validated_kr),
        *(
            ((da.BUDGETED, b.budgeted_kr, a.budgeted_kr),)
            if d.after.programme.has_rammer or d.before.programme.has_rammer
            else ()
        ),
        (da.DECIDED, b.decided_kr, a.decided_kr),
        (da.WEIGHTED, b.weighted_kr, a.weighted_kr),
        (da.PIPELINE, b.pipeline_kr, a.pipeline_kr),
        (da.GAP, b.gap_kr, a.gap_kr),
    ):
        row += 1
        ws.write_string(row, 0, word(label), f.text)
        ws.write_number(row, 1, old, f.mio)
        ws.write_number(row, 2, new, f.mio)
        ws.write_number(row, 3, new - old, f.mio)
    row += 2
    ws.write_string(row, 0, word(da.STAGE_MOVES), f.section)
    row += 1
    move_cols = (word(da.CODE), word(da.TITLE), _("From"), _("To"), _("Time"), word(da.WHO),
                 word(da.DECISION), word(da.NOTE))  # fmt: skip
    write_header(ws, row, move_cols, (), f)
    new, dropped = _("(new)"), _("(dropped)")
    for m in d.stage_moves:
        row += 1
        write_text(ws, row, 0, m.code, f)
        write_text(ws, row, 1, m.title, f)
        ws.write_string(row, 2, new if m.old_stage is None else stage_name(m.old_stage), f.text)
        ws.write_string(row, 3, new if m.new_stage is None else stage_name(m.new_stage), f.text)
        if m.at is not None:
            ws.write_datetime(row, 4, naive(m.at), f.moment)
        write_text(ws, row, 5, m.actor, f)
        write_text(ws, row, 6, m.decision, f)
        write_text(ws, row, 7, m.note, f)
    row += 2
    ws.write_string(row, 0, word(da.FIGURE_CHANGES), f.section)
    row += 1
    then_now = (word(da.THEN), word(da.NOW), word(da.CHANGE), word(da.WHO))
    cols = (word(da.CODE), word(da.TITLE), _("Kind"), word(da.YEAR), *then_now)
    write_header(ws, row, cols, (3, 4, 5, 6), f)
    for c in d.figure_changes:
        row += 1
        write_text(ws, row, 0, c.code, f)
        write_text(ws, row, 1, c.title, f)
        ws.write_string(row, 2, word(da.KIND_LABELS.get(c.kind, c.kind)), f.text)
        ws.write_number(row, 3, c.year, f.int)
        if c.old_kr is not None:
            ws.write_number(row, 4, c.old_kr, f.mio)
        if c.new_kr is not None:
            ws.write_number(row, 5, c.new_kr, f.mio)
        ws.write_number(row, 6, (c.new_kr or 0) - (c.old_kr or 0), f.mio)
        write_text(ws, row, 7, c.actor, f)
    if d.overlap_changes:
        row += 2
        ws.write_string(row, 0, word(da.OVERLAP_CHANGES), f.section)
        row += 1
        overlap_cols = (_("Name"), _("Hypotheses then"), _("Hypotheses now"), *then_now)
        write_header(ws, row, overlap_cols, (3, 4, 5), f)
        for o in d.overlap_changes:
            row += 1
            write_text(ws, row, 0, o.name, f)
            ws.write_string(row, 1, ", ".join(o.before.members) if o.before else new, f.text)
            ws.write_string(row, 2, ", ".join(o.after.members) if o.after else dropped, f.text)
            old_kr = o.before.amount_kr if o.before else None
            new_kr = o.after.amount_kr if o.after else None
            if old_kr is not None:
                ws.write_number(row, 3, old_kr, f.mio)
            if new_kr is not None:
                ws.write_number(row, 4, new_kr, f.mio)
            ws.write_number(row, 5, (new_kr or 0) - (old_kr or 0), f.mio)
            write_text(ws, row, 6, o.actor, f)
    verdicts = validation_table(d)
    if verdicts is not None:
        row += 2
        ws.write_string(row, 0, word(da.VALIDATIONS), f.section)
        row += 1
        write_header(ws, row, verdicts.headers, (3,), f)
        for v, cells in zip(d.validations, verdicts.rows, strict=True):
            row += 1
            for col, text in enumerate(cells):
                if col == 3:
                    ws.write_number(row, col, v.amount_kr, f.mio)
                elif text:
                    write_text(ws, row, col, text, f)
    if d.budget_changes:
        row += 2
        ws.write_string(row, 0, word(da.BUDGET_CHANGES), f.section)
        row += 1
        budget_cols = (word(da.RAMME), _("Kind"), word(da.YEAR), *then_now)
        write_header(ws, row, budget_cols, (2, 3, 4, 5), f)
        for figure in d.budget_changes:
            row += 1
            write_text(ws, row, 0, f"{figure.name} ({figure.ramme})", f)
            kind = word(da.BUDGET_KIND_LABELS.get(figure.kind, figure.kind))
            ws.write_string(row, 1, kind, f.text)
            ws.write_number(row, 2, figure.year, f.int)
            _then_now(ws, row, 3, figure.old_kr, figure.new_kr, f)
            write_text(ws, row, 6, figure.actor, f)
    if d.cut_changes:
        row += 2
        ws.write_string(row, 0, word(da.CUT_CHANGES), f.section)
        row += 1
        cut_cols = tuple(
            word(c) for c in (da.CODE, da.TITLE, da.RAMME, da.YEAR, da.THEN, da.NOW, da.CHANGE,
                              da.DECISION, da.WHO)
        )  # fmt: skip
        write_header(ws, row, cut_cols, (3, 4, 5, 6), f)
        for cut in d.cut_changes:  # a withdrawn cut (uncut) has no amount now
            row += 1
            write_text(ws, row, 0, cut.code, f)
            write_text(ws, row, 1, cut.title, f)
            write_text(ws, row, 2, cut.ramme, f)
            ws.write_number(row, 3, cut.year, f.int)
            _then_now(ws, row, 4, cut.old_kr, cut.new_kr, f)
            write_text(ws, row, 7, cut.decision, f)
            write_text(ws, row, 8, cut.actor, f)
    titles = {h.code: h.title for h in d.after.hypotheses}
    for heading, codes in ((da.ADDED, d.added), (da.DROPPED, d.dropped)):
        if codes:
            row += 2
            ws.write_string(row, 0, word(heading), f.section)
            row += 1
            write_header(ws, row, (word(da.CODE), word(da.TITLE)), (), f)
            for code in codes:
                row += 1
                write_text(ws, row, 0, code, f)
                if titles.get(code):
                    write_text(ws, row, 1, titles[code], f)
    ws.freeze_panes(1, 0)


def _then_now(
    ws: Worksheet,
    row: int,
    col: int,
    old_kr: int | None,
    new_kr: int | None,
    f: Formats,
) -> None:
    """Then, now and the change as numbers in mio. kr.; a side not given stays empty."""
    if old_kr is not None:
        ws.write_number(row, col, old_kr, f.mio)
    if new_kr is not None:
        ws.write_number(row, col + 1, new_kr, f.mio)
    ws.write_number(row, col + 2, (new_kr or 0) - (old_kr or 0), f.mio)


#: Workbook options: text is never turned into a formula, URL or number.
