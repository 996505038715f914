"""What moved between two moments ("Siden sidst"), computed from two rebuilt moments.

The same comparison serves ``parat diff`` (two moments in the log) and
``parat import --dry-run`` (the store before and after the import, in one
transaction that is rolled back).
"""

import dataclasses
from collections.abc import Callable
from datetime import datetime

from sqlmodel import Session

from db import history
from tracker.domain.codes import code_key
from tracker.domain.diff import (
    Diff,
    FigureChange,
    StageMove,
    ValidationChange,
    overlap_changes,
)
from tracker.domain.labels import FIGURE_KINDS
from tracker.domain.ranges import RANGE_KINDS
from tracker.domain.stages import Stage
from tracker.domain.status import compute_status
from tracker.errors import InvalidInput
from tracker.report.moments import show_moment
from tracker.services.budget_diff import budget_changes
from tracker.services.programme import require_existed
from tracker.services.timetravel import Moment, load_moment
from tracker.services.validations import list_validations

__all__ = ["compare_moments", "diff_between"]

_UNKNOWN: tuple[None, str, str, str] = (None, "", "", "")

#: (hypothesis id) → (when, who, note, decision) of its last stage move (or of its
#: adding, for one that is new); (id, kind, year) → (when, who) of the last figure
#: record.
StageAuthor = Callable[[int], tuple[datetime | None, str, str, str]]
FigureAuthor = Callable[[int, str, int], tuple[datetime | None, str]]
#: overlap name → (when, who) of its last record in between.
OverlapAuthor = Callable[[str], tuple[datetime | None, str]]


def compare_moments(
    before: Moment,
    after: Moment,
    *,
    since_label: str = "",
    until_label: str = "",
    stage_author: StageAuthor | None = None,
    figure_author: FigureAuthor | None = None,
    overlap_author: OverlapAuthor | None = None,
    validations: tuple[ValidationChange, ...] = (),
) -> Diff:
    """The :class:`Diff` between two rebuilt moments."""
    old = {h.code: h for h in before.hypotheses}
    stage_moves: list[StageMove] = []
    figure_changes: list[FigureChange] = []
    added: list[str] = []
    dropped: list[str] = []
    years = range(
        min(before.programme.first_year, after.programme.first_year),
        max(before.programme.end_year, after.programme.end_year) + 1,
    )
    for h in sorted(after.hypotheses, key=lambda h: code_key(h.code)):
        hid = after.ids[h.code]
        was = old.get(h.code)
        if was is None:
            added.append(h.code)
        if was is None or was.stage is not h.stage:
            at, actor, note, decision = stage_author(hid) if stage_author else _UNKNOWN
            stage_moves.append(
                StageMove(
                    h.code,
                    h.title,
                    was.stage if was else None,
                    h.stage,
                    at,
                    actor,
                    note,
                    decision,
                )
            )
            if was is not None and h.stage is Stage.DROPPED:
                dropped.append(h.code)
        for kind in (*FIGURE_KINDS, *RANGE_KINDS):
            now_values = getattr(h, kind)
            then_values = getattr(was, kind) if was else {}
            for year in years:
                new_kr, old_kr = now_values.get(year), then_values.get(year)
                if new_kr == old_kr:
                    continue
                at, actor = figure_author(hid, kind, year) if figure_author else (None, "")
                figure_changes.append(
                    FigureChange(h.code, h.title, kind, year, old_kr, new_kr, at, actor)
                )
    return Diff(
        since=before.as_of,
        until=after.as_of,
        since_label=since_label or show_moment(before.as_of),
        until_label=until_label or show_moment(after.as_of),
        before=compute_status(before.programme, before.hypotheses, before.as_of, before.overlaps),
        after=compute_status(after.programme, after.hypotheses, after.as_of, after.overlaps),
        stage_moves=tuple(stage_moves),
        figure_changes=tuple(figure_changes),
        added=tuple(added),
        dropped=tuple(dropped),
        overlap_changes=overlap_changes(before.overlaps, after.overlaps, overlap_author),
        validations=validations,
    )


def diff_between(
    session: Session,
    since: datetime,
    until: datetime,
    *,
    since_label: str = "",
    until_label: str = "",
) -> Diff:
    """What moved from ``since`` to ``until``, with who moved it and when."""
    if since > until:
        raise InvalidInput(
            f"--since ({show_moment(since)}) is after --until ({show_moment(until)})",
            danish=f"Fra-tidspunktet ({show_moment(since)}) ligger efter til-tidspunktet "
            f"({show_moment(until)}).",
        )
    require_existed(session, since)
    before = load_moment(session, since)
    after = load_moment(session, until)
    conn = session.connection()
    moves: dict[int, tuple[datetime | None, str, str, str]] = {}
    for e in history.attribute_events_after(conn, since):
        if e.action == "hypothesis.set" and e.field == "stage" and e.at <= until:
            moves[e.hypothesis_id] = (e.at, e.actor, e.note, e.decision)
    # A hypothesis added since has its first stage from its adding (and the decision
    # that stage rests on, when one was named), unless it moved again later.
    for e in history.added_events(conn, since, until):
        moves.setdefault(e.hypothesis_id, (e.at, e.actor, e.note, e.decision))
    figures = history.figure_authors(conn, since, until)
    overlaps = history.overlap_authors(conn, after.programme_id, since, until)
    titles = {h.code: h.title for h in after.hypotheses}
    verdicts = tuple(
        ValidationChange(
            v.code, titles.get(v.code, ""), v.year, v.approved, v.amount_kr, v.reference,
            v.note, v.at, v.actor, v.standing,
        )
        for v in list_validations(session, as_of=until)
        if v.at > since
    )  # fmt: skip
    moved = compare_moments(
        before,
        after,
        since_label=since_label,
        until_label=until_label,
        stage_author=lambda hid: moves.get(hid, _UNKNOWN),
        figure_author=lambda hid, kind, year: figures.get((hid, kind, year), (None, "")),
        overlap_author=lambda name: overlaps.get(name, (None, "")),
        validations=verdicts,
    )
    budget, cuts = budget_changes(session, after.programme_id, since, until)
    return dataclasses.replace(moved, budget_changes=budget, cut_changes=cuts)
