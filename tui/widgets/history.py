"""A hypothesis's history: its events, newest first, in Danish."""

import json

from textual.widgets import DataTable

from tracker.domain.stages import Stage
from tracker.services.views import EventView
from tui.fmt import FIELD_LABELS, KIND_LABELS, datetime_short, mio

__all__ = ["HistoryTable", "describe"]

_SOURCES = {"tui": "UI", "cli": "CLI", "api": "API", "demo": "eksempel"}


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
            return Stage(value).label
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
            stage = Stage(values.get("stage", "identified")).label
        except (ValueError, TypeError):
            stage = ""
        return "Oprettet", "–", stage
    field = event.field
    if "." in field:
        kind, year = field.split(".", 1)
        what = f"{KIND_LABELS.get(kind, kind)} {year}"
    else:
        what = FIELD_LABELS.get(field, field or event.action)
    return what, _value(field, event.old_value), _value(field, event.new_value)


class HistoryTable(DataTable[str]):
    """Events as rows: when, who, from where, what, before, after, note."""

    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.zebra_stripes = True
        for key, label in (
            ("at", "Tidspunkt"),
            ("actor", "Hvem"),
            ("source", "Kilde"),
            ("what", "Hvad"),
            ("old", "Før"),
            ("new", "Efter"),
            ("note", "Note"),
        ):
            self.add_column(label, key=key)

    def show(self, events: tuple[EventView, ...]) -> None:
        self.clear()
        for e in events:
            what, old, new = describe(e)
            self.add_row(
                datetime_short(e.at),
                e.actor,
                _SOURCES.get(e.source, e.source),
                what,
                old,
                new,
                e.note,
                key=str(e.id),
            )
