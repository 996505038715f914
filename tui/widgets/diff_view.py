"""The content of "Siden sidst": the same parts as ``parat diff``, as Rich tables.

Two widgets: the figures (totals then/now/change, buckets) and the moves (stage
moves, figure changes, new and dropped hypotheses), side by side on a wide screen.
"""

from datetime import datetime

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from tracker.domain.diff import Diff, total_changes
from tracker.domain.money import format_mio_change, format_mio_change_number
from tracker.i18n import _
from tracker.report import words
from tracker.report.words import stage_name
from tui.fmt import KIND_LABELS, datetime_short, mio, mio_short, word

__all__ = ["DiffFigures", "DiffMoves", "signed", "signed_short"]


#: A change with its sign: ``+0,5 mio. kr.``, ``-1,2 mio. kr.``, ``0,0 mio. kr.``.
signed = format_mio_change
#: A change in mio. kr. without the unit: ``+0,5``.
signed_short = format_mio_change_number


def _change_style(kr: int) -> str:
    return "green" if kr > 0 else "red" if kr < 0 else "dim"


def _table(*columns: str, right: tuple[int, ...] = ()) -> Table:
    table = Table(box=None, pad_edge=False, expand=False, header_style="bold", padding=(0, 1))
    for i, name in enumerate(columns):
        table.add_column(name, justify="right" if i in right else "left", no_wrap=i in right)
    return table


def _when(actor: str, at: datetime | None) -> str:
    return ", ".join(x for x in (actor, datetime_short(at)) if x)


class DiffFigures(Static):
    """Totals and buckets, then and now, with the change."""

    diff: reactive[Diff | None] = reactive(None)

    def watch_diff(self, diff: Diff | None) -> None:
        self.update(self._render_diff(diff) if diff is not None else "")

    @staticmethod
    def _render_diff(d: Diff) -> RenderableType:
        totals = _table("", _(words.THEN), _(words.NOW), _(words.CHANGE), right=(1, 2, 3))
        for label, old, new in total_changes(d):
            totals.add_row(
                word(label),
                mio(old),
                mio(new),
                Text(signed(new - old), style=_change_style(new - old)),
            )
        before = {x.key: x for x in d.before.buckets}
        then, now, change = _(words.THEN), _(words.NOW), _(words.CHANGE)
        buckets = _table(_(words.BUCKET), _(words.TARGET), then, now, change, right=(1, 2, 3, 4))
        for x in d.after.buckets:
            old = before[x.key].weighted_kr if x.key in before else 0
            buckets.add_row(
                x.name,
                mio(x.target_kr),
                mio(old) if x.key in before else "",
                mio(x.weighted_kr),
                Text(signed(x.weighted_kr - old), style=_change_style(x.weighted_kr - old)),
            )
        return Group(
            Text(_("Totals"), style="bold"),
            totals,
            Text(""),
            Text(f"{_(words.BUCKETS)} ({_(words.WEIGHTED).lower()})", style="bold"),
            buckets,
        )


class DiffMoves(Static):
    """What moved: stages, figures, new and dropped hypotheses."""

    diff: reactive[Diff | None] = reactive(None)

    def watch_diff(self, diff: Diff | None) -> None:
        self.update(self._render_diff(diff) if diff is not None else "")

    @staticmethod
    def _render_diff(d: Diff) -> RenderableType:
        moves_head = _("Stage moves ({count})").format(count=len(d.stage_moves))
        parts: list[RenderableType] = [Text(moves_head, style="bold")]
        if d.stage_moves:
            moves = _table(_(words.CODE), _(words.TITLE), _("From → to"), _("Who, when"))
            for m in d.stage_moves:
                old = stage_name(m.old_stage) if m.old_stage else _("(new)")
                new = stage_name(m.new_stage) if m.new_stage else ""
                decision = _("Decision: {decision}").format(decision=m.decision)
                said = (decision if m.decision else "", m.note)
                title = " – ".join(x for x in (m.title, *said) if x)
                moves.add_row(m.code, title, f"{old} → {new}", _when(m.actor, m.at))
            parts.append(moves)
        else:
            parts.append(Text(_("None."), style="dim"))
        parts += [
            Text(""),
            Text(
                _("Figures ({count}, mio. kr.)").format(count=len(d.figure_changes)), style="bold"
            ),
        ]
        if d.figure_changes:
            figures = _table(_(words.CODE), _("Figure"), _(words.YEAR), _(words.THEN),
                             _(words.NOW), _(words.CHANGE), _("Who, when"),
                             right=(2, 3, 4, 5))  # fmt: skip
            for f in d.figure_changes:
                change = (f.new_kr or 0) - (f.old_kr or 0)
                figures.add_row(
                    f.code,
                    word(KIND_LABELS.get(f.kind, f.kind)),
                    str(f.year),
                    mio_short(f.old_kr) if f.old_kr is not None else "–",
                    mio_short(f.new_kr) if f.new_kr is not None else "–",
                    Text(signed_short(change), style=_change_style(change)),
                    _when(f.actor, f.at),
                )
            parts.append(figures)
        else:
            parts.append(Text(_("None."), style="dim"))
        parts.append(Text(""))
        none = _("none")
        parts.append(Text(f"{_(words.ADDED)}: {', '.join(d.added) or none}"))
        parts.append(Text(f"{_(words.DROPPED)}: {', '.join(d.dropped) or none}"))
        return Group(*parts)
