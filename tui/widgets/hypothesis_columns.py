"""The columns of the hypotheses table, how they share the width, and the group lines
(an area with its subtotals) of the table grouped by area.

At 80 columns the table shows code, title, stage and the three amounts whole; area,
owner and the date of the last change give way first (in that order: the date, the
owner, the area) and the title takes what is left. What gave way is named under the
table. Plain values here; the widget is :mod:`tui.widgets.hypothesis_table`.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from rich.cells import set_cell_size

from tracker.domain.codes import code_key
from tracker.domain.groups import by_area
from tracker.domain.status import HypothesisContribution
from tracker.i18n import N_, _
from tracker.report import words
from tracker.report.words import area_name, stage_name
from tui.fmt import count, date, mio_short

__all__ = ["COLUMNS", "Column", "GroupLine", "fit", "grouped", "layout"]

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
#: The title's least width before other columns give way.
MIN_TITLE = 18


@dataclass(frozen=True, slots=True)
class Column:
    """A column of the table."""

    key: str
    label: str
    width: int
    """Cells; 0 for the one flexible column (the title)."""
    value: Callable[[HypothesisContribution], str]
    sort: Callable[[HypothesisContribution], Any]
    amount: str = ""
    """The kroner attribute an amount column shows (``pipeline_kr``), summed in the
    group lines; "" for the others."""
    drop: int = 0
    """Hidden first when space is short: 1 goes first; 0 is never hidden."""

    @property
    def numeric(self) -> bool:
        return bool(self.amount)


def _amount(key: str, label: str, width: int, attribute: str, drop: int = 0) -> Column:
    return Column(
        key,
        label,
        width,
        lambda h: mio_short(getattr(h, attribute)),
        lambda h: getattr(h, attribute),
        amount=attribute,
        drop=drop,
    )


_TOTAL = N_("Total")

#: The columns; each label is English (N_), translated where shown.
COLUMNS: tuple[Column, ...] = (
    Column("code", words.CODE, 6, lambda h: h.code, lambda h: code_key(h.code)),
    Column("title", words.TITLE, 0, lambda h: h.title, lambda h: h.title.casefold()),
    Column("area", words.AREA, 14, lambda h: h.area, lambda h: h.area.casefold(), drop=3),
    Column("owner", words.OWNER, 15, lambda h: h.owner, lambda h: h.owner.casefold(), drop=2),
    Column("stage", words.STAGE, 13, lambda h: stage_name(h.stage), lambda h: h.stage.rank),
    _amount("pipeline", words.POTENTIAL, 10, "pipeline_kr"),
    _amount("weighted", words.WEIGHTED, 8, "weighted_kr"),
    _amount("realised", words.REALISED, 10, "realised_kr"),
    Column(
        "updated",
        N_("Changed"),
        10,
        lambda h: date(h.updated_at),
        lambda h: h.updated_at or _EPOCH,
        drop=1,
    ),
)


def layout(width: int) -> list[tuple[Column, int]]:
    """The columns shown in ``width`` cells, each with its width (one blank before
    each column): the fixed ones whole, the title in what is left."""
    shown = list(COLUMNS)
    fixed = lambda cols: sum(c.width for c in cols) + len(cols)  # noqa: E731
    for drop in sorted({c.drop for c in COLUMNS if c.drop}):
        if fixed(shown) + MIN_TITLE <= width:
            break
        shown = [c for c in shown if c.drop != drop]
    title_w = max(4, width - fixed(shown))
    return [(c, c.width or title_w) for c in shown]


def fit(text: str, width: int, right: bool = False) -> str:
    """``text`` in exactly ``width`` cells: cut with an ellipsis, or padded."""
    if len(text) > width:
        return set_cell_size(text, width - 1) + "…" if width > 1 else text[:width]
    return text.rjust(width) if right else set_cell_size(text, width)


@dataclass(frozen=True, slots=True)
class GroupLine:
    """A line of the grouped table that is not a hypothesis: an area's heading with
    its subtotals, or the total of all rows shown."""

    label: str
    sums: dict[str, int]
    """Kroner by amount attribute (``pipeline_kr``)."""
    total: bool = False


_AMOUNTS = tuple(c.amount for c in COLUMNS if c.amount)


def grouped(
    rows: Sequence[HypothesisContribution],
) -> tuple[list[HypothesisContribution], list[int | GroupLine]]:
    """``rows`` grouped by area (areas in Danish order, those without one last; the
    order within an area kept): the rows in that order, and the lines to draw, each
    the index of a row or a :class:`GroupLine` (each area's heading, with its
    subtotals, before its rows; the total last). The exports' grouping
    (:func:`tracker.domain.groups.by_area`) and its sums."""
    ordered: list[HypothesisContribution] = []
    lines: list[int | GroupLine] = []
    groups = by_area(rows)
    for group in groups:
        sums = {a: getattr(group, a) for a in _AMOUNTS}
        lines.append(GroupLine(f"{area_name(group.area)} ({count(len(group.hypotheses))})", sums))
        for h in group.hypotheses:
            lines.append(len(ordered))
            ordered.append(h)
    if ordered:
        total = {a: sum(getattr(g, a) for g in groups) for a in _AMOUNTS}
        lines.append(GroupLine(f"{_(_TOTAL)} ({count(len(ordered))})", total, total=True))
    return ordered, lines
