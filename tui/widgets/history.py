"""A hypothesis's history: its events, newest first, in Danish."""

import json

from rich.cells import cell_len
from textual.widgets import DataTable

from tracker.domain.stages import Stage
from tracker.i18n import N_, _
from tracker.report import EventView
from tracker.report.words import stage_name
from tui.fmt import FIELD_LABELS, KIND_LABELS, datetime_short, mio, word

__all__ = ["HistoryTable", "describe"]

_SOURCES = {"tui": "UI", "cli": "CLI", "api": "API", "demo": N_("sample")}


def _value(field: str, value: str | None) -> str:
    if value is None or value == "":
        return "–"
    if "." in field:  # a figure: kroner
        try:
            return mio(int(value))
        except ValueError:
            return value
    if field == "stage":
        try:
            return stage_name(Stage(value))
        except ValueError:
            return value
    if field == "confidence_pct":
        return f"{value} %"
    return value


def describe(event: EventView) -> tuple[str, str, str]:
    """(what, before, after) of one event, in the user's words."""
    if event.action == "hypothesis.add":
        try:
            values = json.loads(event.new_value or "{}")
            stage = stage_name(Stage(values.get("stage", "identified")))
        except (ValueError, TypeError):
            stage = ""
        return _("Created"), "–", stage
    field = event.field
    if "." in field:
        kind, year = field.split(".", 1)
        what = f"{word(KIND_LABELS.get(kind, kind))} {year}"
    else:
        what = word(FIELD_LABELS.get(field, field or event.action))
    return what, _value(field, event.old_value), _value(field, event.new_value)


_COLUMNS = (
    ("at", N_("Time")),
    ("actor", N_("Who")),
    ("source", N_("Source")),
    ("what", N_("What")),
    ("old", N_("Before")),
    ("new", N_("After")),
    ("note", N_("Note")),
)
#: Shown before the note when some stage move of the history names its decision.
_DECISION = ("decision", N_("Decision"))


class HistoryTable(DataTable[str]):
    """Events as rows: when, who, from where, what, before, after, (the decision a
    stage move rests on,) note."""

    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.zebra_stripes = True
        self._set_columns(_COLUMNS, [[] for _ in _COLUMNS])

    def _set_columns(
        self, columns: tuple[tuple[str, str], ...], cells_by_column: list[list[str]]
    ) -> None:
        # Widths fixed from the cells: DataTable measures new rows only when idle and
        # keeps lines drawn before that (the header, say) with the old widths.
        self.clear(columns=True)
        for (key, label), cells in zip(columns, cells_by_column, strict=True):
            width = max((cell_len(c) for c in cells), default=0)
            shown = _(label)
            self.add_column(shown, key=key, width=max(width, cell_len(shown)))

    def show(self, events: tuple[EventView, ...]) -> None:
        decisions = any(e.decision for e in events)
        columns = (*_COLUMNS[:-1], _DECISION, _COLUMNS[-1]) if decisions else _COLUMNS
        rows = []
        for e in events:
            what, old, new = describe(e)
            said = (e.decision, e.note) if decisions else (e.note,)
            rows.append(
                (
                    datetime_short(e.at),
                    e.actor,
                    _(_SOURCES.get(e.source, e.source)),
                    what,
                    old,
                    new,
                    *said,
                )
            )
        self._set_columns(columns, [[row[i] for row in rows] for i in range(len(columns))])
        for e, row in zip(events, rows, strict=True):
            self.add_row(*row, key=str(e.id))
