"""The summary as people read it (Danish labels, amounts in the programme's display
unit: mio. kr. unless asked otherwise), built once from a
:class:`Report` and shared by the Markdown, HTML and PDF renderers.

Cells hold plain, unescaped text; each renderer escapes for its own format.
"""

from dataclasses import dataclass, field
from datetime import datetime, time
from typing import TYPE_CHECKING

from tracker.domain import labels as da
from tracker.domain.diff import Diff
from tracker.domain.groups import by_area
from tracker.domain.money import DEFAULT_DISPLAY, Display
from tracker.domain.stages import Stage
from tracker.domain.status import (
    Allocation,
    BucketStatus,
    ProgressMeasure,
    Status,
    earmark_label,
)
from tracker.exports.danish import date, date_time, local, pct
from tracker.exports.table import Table
from tracker.i18n import _, current_language, ngettext
from tracker.report import Report
from tracker.report import words as w
from tracker.report.moments import show_moment
from tracker.report.others import other_benefit_rows
from tracker.report.overlaps import measure_rows, overlap_rows
from tracker.report.words import allocation_name, area_name, stage_name, warning_sentence, word

if TYPE_CHECKING:
    from tracker.exports.risk_view import RiskView

__all__ = [
    "KIND_LABELS",
    "DiffView",
    "Headline",
    "OverlapsView",
    "SummaryView",
    "Table",
    "Words",
    "since_heading",
    "summary_view",
]

KIND_LABELS = {**da.KIND_LABELS, **da.RANGE_LABELS}


@dataclass(frozen=True, slots=True)
class Headline:
    """One headline figure: label, amount, and a short explanation."""

    key: str
    label: str
    value: str
    hint: str
    share_pct: float
    """Share of the target, 0-100 (clipped), for progress bars."""


@dataclass(frozen=True, slots=True)
class DiffView:
    """ "Siden sidst": what moved between two moments."""

    since: str
    until: str
    heading: str
    """``Siden Chefgruppemøde 1 (12.02.2018 kl. 10:00) til 12.03.2018``: the moments
    compared, each as its own time (never the export's)."""
    totals: Table
    buckets: Table
    stage_moves: Table
    figure_changes: Table
    added: tuple[str, ...]
    dropped: tuple[str, ...]
    overlap_changes: Table | None = None
    """The overlaps added, changed or dropped in between; ``None`` when none moved."""
    validations: Table | None = None
    """The validations recorded in between; ``None`` when there were none."""
    budget_changes: Table | None = None
    """The rammer's changed budget figures; ``None`` when none changed."""
    cut_changes: Table | None = None
    """The cuts made, changed or withdrawn; ``None`` when none."""


@dataclass(frozen=True, slots=True)
class OverlapsView:
    """Double counting (dobbelttælling): each measure brutto, what the overlaps take
    off, netto; then the overlaps themselves."""

    measures: Table
    overlaps: Table
    note: str


@dataclass(frozen=True, slots=True)
class Words:
    """The fixed words of the summary's headings and notes, for the templates, in the
    reader's language (:meth:`spoken`)."""

    overview: str
    buckets: str
    stages: str
    trajectory: str
    hypotheses: str
    warnings: str
    no_warnings: str
    since: str
    stage_moves: str
    no_stage_moves: str
    figure_changes: str
    no_figure_changes: str
    added: str
    dropped: str
    weighted_note: str
    net_note: str
    in_mio: str
    """``Beløb i mio. kr.``: the unit of the amounts under a table."""
    bucket_progress: str
    """The heading of the buckets' progress bars."""
    stage_bars: str
    """The heading of the stages' funnel bars."""
    other_benefits: str
    overlaps: str
    overlap_list: str
    overlap_changes: str
    validations: str
    budget_changes: str
    cut_changes: str
    sign_note: str
    """Under every table of budget figures."""
    cuts_note: str
    kicker: str
    """Above the title: whom the summary is for."""
    status_as_of: str
    """``Status pr. {moment}``."""
    status_as_of_date: str
    """``status pr. {moment}``: after the title, in the page's and the PDF's title."""
    weighted_share: str
    """A progress bar's tooltip: ``{weighted} % weighted, {progress} % {measure}``."""
    chart_title: str
    """The trajectory chart's accessible title."""
    figures_for: str
    """``Tal for {year} i {unit}``: above (or under) the hypotheses' table."""
    language: str
    """The document's language code (``da``, ``en``), for HTML's ``lang``."""

    @classmethod
    def spoken(cls, unit: str = "mio. kr.", progress: str | None = None) -> "Words":
        """The words in the reader's language; ``unit`` is the amounts' unit,
        ``progress`` the measure the progress bars read (a word: ``realiseret``)."""
        weighted = word(da.WEIGHTED).lower()
        progress = progress if progress is not None else word(da.REALISED).lower()
        return cls(
            overview=word(da.OVERVIEW),
            buckets=word(da.BUCKETS),
            stages=word(da.STAGES),
            trajectory=word(da.TRAJECTORY),
            hypotheses=word(da.HYPOTHESES),
            warnings=word(da.WARNINGS),
            no_warnings=word(da.NO_WARNINGS),
            since=word(da.SINCE),
            stage_moves=word(da.STAGE_MOVES),
            no_stage_moves=word(da.NO_STAGE_MOVES),
            figure_changes=word(da.FIGURE_CHANGES),
            no_figure_changes=word(da.NO_FIGURE_CHANGES),
            added=word(da.ADDED),
            dropped=word(da.DROPPED),
            weighted_note=word(da.WEIGHTED_NOTE),
            net_note=word(da.NET_NOTE),
            in_mio=amounts_in(unit),
            bucket_progress=_("Progress ({weighted} / {progress})").format(
                weighted=weighted, progress=progress
            ),
            stage_bars=f"{word(da.PIPELINE)} / {weighted}",
            other_benefits=word(da.OTHER_BENEFITS),
            overlaps=word(da.OVERLAP),
            overlap_list=word(da.OVERLAPS),
            overlap_changes=word(da.OVERLAP_CHANGES),
            validations=word(da.VALIDATIONS),
            budget_changes=word(da.BUDGET_CHANGES),
            cut_changes=word(da.CUT_CHANGES),
            sign_note=word(da.SIGN_NOTE),
            cuts_note=word(da.CUTS_NOTE),
            kicker=_("Status report for the chief group"),
            status_as_of=_("Status as of {moment}"),
            status_as_of_date=_("status as of {moment}"),
            weighted_share=_("{weighted} % weighted, {progress} % {measure}"),
            chart_title=_(
                "Trajectory by year: pipeline, decided, weighted and realised ({unit})"
            ).format(unit=unit),
            figures_for=_("Figures for {year} in {unit}"),
            language=current_language(),
        )


def amounts_in(unit: str) -> str:
    """``Beløb i mio. kr.``: under a table, the unit of its amounts."""
    return _(w.AMOUNTS_IN).format(unit=unit)


def annual_effect(year: int) -> str:
    """``årsvirkning i 2018``: the target's hint."""
    return _("annual effect in {year}").format(year=year)


def hypotheses_count(n: int) -> str:
    """``16 hypoteser``."""
    return ngettext("{count} hypothesis", "{count} hypotheses", n).format(count=n)


@dataclass(frozen=True, slots=True)
class SummaryView:
    """Every section of the summary, ready to render."""

    title: str
    programme: str
    status_date: str
    as_of: str
    target_line: str
    headline: tuple[Headline, ...]
    gap_note: str
    buckets: Table
    allocation_note: str
    stages: Table
    years: Table
    hypotheses: Table
    warnings: tuple[tuple[str, str], ...]
    """(code, message)."""
    footer: str
    diff: DiffView | None = None
    bucket_progress: tuple[tuple[str, float, float], ...] = field(default=())
    """(bucket name, weighted % of target, progress % of target) for bars: the
    progress is realised, or validated once the programme validates."""
    stage_bars: tuple[tuple[float, float], ...] = field(default=())
    """Per stage: (pipeline, weighted) as % of the largest stage pipeline, for the funnel."""
    words: Words = field(default_factory=Words.spoken)
    """The fixed headings and notes."""
    unit: str = "mio. kr."
    """The unit the amounts are shown in (``mio. kr.``, ``t.kr.``, ``kr.``)."""
    other_benefits: Table | None = None
    """Øvrige gevinster: per benefit type that does not count toward the target (and
    that some hypothesis has); ``None`` when every hypothesis counts."""
    overlaps: OverlapsView | None = None
    """Dobbelttælling: brutto, overlaps, netto; ``None`` when the programme has none."""
    progress_label: str = "realiseret"
    """The measure the progress bars read, as a word (realiseret, valideret)."""
    progress_note: str = ""
    """Which measure the progress reads (realiseret or valideret), and what validated
    is."""
    risk: "RiskView | None" = None
    """Hvor sikre er vi? (with its draws and seed): only when the report holds it."""
    budget: Table | None = None
    """Budgetopfølgning per ramme for the moment's year; ``None`` without rammer."""
    budget_heading: str = ""
    """``Budgetopfølgning 2018 (mio. kr.)``."""
    budget_notes: tuple[str, ...] = ()
    """Under the follow-up: the sign convention, and how cuts show."""


def _share(kr: int, target: int) -> float:
    if target <= 0:
        return 0.0
    return max(0.0, min(100.0, 100 * kr / target))


def _headline(s: Status, shown: Display = DEFAULT_DISPLAY) -> tuple[Headline, ...]:
    t = s.totals
    hint = {key: word(text) for key, text in da.MEASURE_HINTS.items()}
    realised_share = _share(t.realised_kr, t.target_kr)
    if s.progress_measure is ProgressMeasure.VALIDATED:
        # The realised card says how much of it is
        # validated, and its bar is the validated part (what the progress reads).
        hint["realised"] = _("of which {validated} {amount}").format(
            validated=word(da.VALIDATED).lower(), amount=shown.amount(t.validated_kr)
        )
        realised_share = _share(t.validated_kr, t.target_kr)
    return (
        Headline("target", word(da.TARGET), shown.amount(t.target_kr),
                 annual_effect(s.programme.target_year), 100.0),
        *(
            Headline(key, word(da.MEASURE_LABELS[key]), shown.amount(kr), hint[key],
                     realised_share if key == "realised" else _share(kr, t.target_kr))
            for key, kr in (("realised", t.realised_kr),
                            *((("budgeted", t.budgeted_kr),) if s.programme.has_rammer else ()),
                            ("decided", t.decided_kr),
                            ("weighted", t.weighted_kr), ("pipeline", t.pipeline_kr),
                            ("gap", t.gap_kr))
        ),
    )  # fmt: skip


def _buckets(s: Status, shown: Display = DEFAULT_DISPLAY) -> Table:
    waterfall = s.programme.allocation is Allocation.WATERFALL
    rest_label, rest = (
        (word(da.SURPLUS), s.surplus) if waterfall else (word(da.UNASSIGNED), s.unassigned)
    )
    layer = s.programme.has_rammer  # udmøntet, between decided and realised

    def measures(m: object) -> tuple[str, ...]:
        names = ("pipeline_kr", "weighted_kr", "decided_kr",
                 *(("budgeted_kr",) if layer else ()), "realised_kr", "validated_kr")  # fmt: skip
        return tuple(shown.number(getattr(m, name)) for name in names)

    rows = [
        (b.name, shown.number(b.target_kr), *measures(b), shown.number(b.gap_kr)) for b in s.buckets
    ]
    rows.append((rest_label, "", *measures(rest), ""))
    t = s.totals
    headers = tuple(
        word(label)
        for label in (da.BUCKET, da.TARGET, da.PIPELINE, da.WEIGHTED, da.DECIDED,
                      *((da.BUDGETED,) if layer else ()), da.REALISED, da.VALIDATED, da.GAP)
    )  # fmt: skip
    return Table(
        headers,
        tuple(rows),
        frozenset(range(1, len(headers))),
        footer=(
            word(da.TOTAL),
            shown.number(sum(b.target_kr for b in s.buckets)),
            *measures(t),
            shown.number(t.gap_kr),
        ),
    )


def _stages(s: Status, shown: Display = DEFAULT_DISPLAY) -> Table:
    weights = s.programme.weights
    return Table(
        (word(da.STAGE), word(da.WEIGHT), word(da.COUNT), word(da.PIPELINE), word(da.WEIGHTED)),
        tuple(
            (
                stage_name(st.stage),
                pct(weights.get(st.stage, 0)),
                str(st.count),
                shown.number(st.pipeline_kr),
                shown.number(st.weighted_kr),
            )
            for st in s.stages
        ),
        frozenset({1, 2, 3, 4}),
        footer=(
            word(da.TOTAL),
            "",
            str(sum(st.count for st in s.stages)),
            # the stages are brutto: their sum is before any overlap is taken off
            shown.number(s.totals.gross_pipeline_kr),
            shown.number(s.totals.gross_weighted_kr),
        ),
    )


def _years(s: Status, shown: Display = DEFAULT_DISPLAY) -> Table:
    layer = s.programme.has_rammer  # udmøntet, between decided and realised
    attrs = (
        "pipeline_kr",
        "decided_kr",
        "weighted_kr",
        *(("budgeted_kr",) if layer else ()),
        "realised_kr",
        "validated_kr",
        "investment_kr",
        "net_kr",
    )
    headers = tuple(
        word(label)
        for label in (da.YEAR, da.PIPELINE, da.DECIDED, da.WEIGHTED,
                      *((da.BUDGETED,) if layer else ()), da.REALISED, da.VALIDATED,
                      da.INVESTMENT, da.NET)
    )  # fmt: skip
    return Table(
        headers,
        tuple((str(y.year), *(shown.number(getattr(y, a)) for a in attrs)) for y in s.years),
        frozenset(range(1, len(headers))),
        footer=(
            word(da.TOTAL),
            *(shown.number(sum(getattr(y, attr) for y in s.years)) for attr in attrs),
        ),
    )


def hypothesis_table(s: Status, shown: Display = DEFAULT_DISPLAY) -> Table:
    """The hypotheses with their target-year figures, grouped by area (område): each
    area's hypotheses, then its subtotal row; the programme's total as the footer.
    A single area has no subtotal (it would repeat the total). Udmøntet is a column
    when the programme has rammer."""
    names = {b.key: b.name for b in s.programme.buckets}
    groups = by_area([h for h in s.hypotheses if h.counts])
    layer = s.programme.has_rammer
    attrs = ("pipeline_kr", "weighted_kr", "decided_kr",
             *(("budgeted_kr",) if layer else ()), "realised_kr", "validated_kr")  # fmt: skip

    def amounts(m: object) -> tuple[str, ...]:
        return tuple(shown.number(getattr(m, a)) for a in attrs)

    rows: list[tuple[str, ...]] = []
    subtotals: set[int] = set()
    for g in groups:
        rows.extend(
            (
                h.code,
                h.title,
                h.area,
                h.owner,
                stage_name(h.stage),
                earmark_label(
                    names.get(h.bucket, h.bucket) if h.bucket else "", s.programme.allocation
                ),
                pct(h.weight_pct),
                *amounts(h),
            )
            for h in g.hypotheses
        )
        if len(groups) > 1:
            subtotals.add(len(rows))
            group_sums = {a: sum(getattr(h, a) for h in g.hypotheses) for a in attrs}
            rows.append(
                (
                    "",
                    f"{word(da.TOTAL)} {area_name(g.area)}",
                    "",
                    "",
                    "",
                    "",
                    "",
                    *(shown.number(group_sums[a]) for a in attrs),
                )
            )
    headers = (
        word(da.CODE),
        word(da.TITLE),
        word(da.AREA),
        word(da.OWNER),
        word(da.STAGE),
        word(da.BUCKET),
        word(da.WEIGHT),
        word(da.PIPELINE),
        word(da.WEIGHTED),
        word(da.DECIDED),
        *((word(da.BUDGETED),) if layer else ()),
        word(da.REALISED),
        word(da.VALIDATED),
    )
    return Table(
        headers,
        tuple(rows),
        frozenset(range(6, len(headers))),
        footer=(
            word(da.TOTAL),
            hypotheses_count(sum(1 for h in s.hypotheses if h.counts)),
            "",
            "",
            "",
            "",
            "",
            # each hypothesis's own figures: their sum is brutto (before overlaps)
            *(
                shown.number(getattr(s.totals, a if a == "budgeted_kr" else f"gross_{a}"))
                for a in attrs
            ),
        ),
        subtotals=frozenset(subtotals),
    )


def _stage_label(stage: Stage | None) -> str:
    return _("(new)") if stage is None else stage_name(stage)


def _change(shown: Display, old: int | None, new: int | None) -> tuple[str, str, str]:
    """Then, now and the change, with the decimals that show the change (a change is
    never hidden behind equal-looking amounts or a 0,0)."""
    d = shown.change_decimals(old, new)
    return (
        "" if old is None else shown.number(old, d),
        "" if new is None else shown.number(new, d),
        shown.change_number((new or 0) - (old or 0), d),
    )


#: The label of a moment that is "now" rather than one the user named.
NOW_LABELS = frozenset({"", "nu", "now"})


def _when(moment: datetime) -> str:
    """``12.02.2018 kl. 10:00``, or ``12.02.2018`` for the end of a day (a date)."""
    return date(moment) if local(moment).time() == time.max else date_time(moment)


def _side(label: str, moment: datetime, *, now: bool = False) -> str:
    """One moment of the heading: a snapshot's name with its own time; a date or
    time as itself; "now" as today's date."""
    label = label.strip()
    if label.lower() in NOW_LABELS:
        return date(moment) if now else _when(moment)
    if label in (show_moment(moment), date(moment), date_time(moment)):
        return _when(moment)
    return f"{label} ({_when(moment)})"


def since_heading(d: Diff) -> str:
    """``Siden Chefgruppemøde 1 (12.02.2018 kl. 10:00) til 12.03.2018``.

    The first moment is named by its label (a snapshot's name) and its own time; the
    second is today's date when it is now, or the ``--until`` moment as the first."""
    return _("Since {since} until {until}").format(
        since=_side(d.since_label, d.since), until=_side(d.until_label, d.until, now=True)
    )


def diff_view(d: Diff, shown: Display = DEFAULT_DISPLAY) -> DiffView:
    """The "Siden sidst" section for a :class:`Diff`."""
    b, a = d.before.totals, d.after.totals
    layer = d.before.programme.has_rammer or d.after.programme.has_rammer
    measures: tuple[tuple[str, int, int], ...] = (
        (word(da.REALISED), b.realised_kr, a.realised_kr),
        (word(da.VALIDATED), b.validated_kr, a.validated_kr),
        *(((word(da.BUDGETED), b.budgeted_kr, a.budgeted_kr),) if layer else ()),
        (word(da.DECIDED), b.decided_kr, a.decided_kr),
        (word(da.WEIGHTED), b.weighted_kr, a.weighted_kr),
        (word(da.PIPELINE), b.pipeline_kr, a.pipeline_kr),
        (word(da.GAP), b.gap_kr, a.gap_kr),
    )
    if d.before.overlaps or d.after.overlaps:
        measures += (
            (f"{word(da.OVERLAP)} ({word(da.PIPELINE).lower()})", b.overlap_kr, a.overlap_kr),
            (
                f"{word(da.OVERLAP)} ({word(da.WEIGHTED).lower()})",
                b.overlap_weighted_kr,
                a.overlap_weighted_kr,
            ),
        )
    before_buckets = {x.key: x for x in d.before.buckets}
    bucket_rows = []
    for x in d.after.buckets:
        old = before_buckets.get(x.key)
        old_kr = old.weighted_kr if old else 0
        bucket_rows.append((x.name, *_change(shown, old_kr, x.weighted_kr)))
    moves = tuple(
        (
            m.code,
            m.title,
            _stage_label(m.old_stage),
            _stage_label(m.new_stage),
            date(m.at),
            m.actor,
            m.decision,
            m.note,
        )
        for m in d.stage_moves
    )
    changes = tuple(
        (
            c.code,
            c.title,
            word(KIND_LABELS.get(c.kind, c.kind)),
            str(c.year),
            *_change(shown, c.old_kr, c.new_kr),
            c.actor,
        )
        for c in d.figure_changes
    )
    titles = {h.code: h.title for h in d.after.hypotheses}
    return DiffView(
        since=d.since_label or date_time(d.since),
        until=d.until_label or date_time(d.until),
        heading=since_heading(d),
        totals=Table(
            ("", word(da.THEN), word(da.NOW), word(da.CHANGE)),
            tuple((label, *_change(shown, o, n)) for label, o, n in measures),
            frozenset({1, 2, 3}),
        ),
        buckets=Table(
            (
                f"{word(da.BUCKET)} ({word(da.WEIGHTED).lower()})",
                word(da.THEN),
                word(da.NOW),
                word(da.CHANGE),
            ),
            tuple(bucket_rows),
            frozenset({1, 2, 3}),
            footer=(
                word(da.TOTAL),
                *_change(
                    shown,
                    sum(
                        before_buckets[x.key].weighted_kr
                        for x in d.after.buckets
                        if x.key in before_buckets
                    ),
                    sum(x.weighted_kr for x in d.after.buckets),
                ),
            ),
        ),
        stage_moves=Table(
            (
                word(da.CODE),
                word(da.TITLE),
                _("From"),
                _("To"),
                _(w.DATE),
                word(da.WHO),
                word(da.DECISION),
                word(da.NOTE),
            ),
            moves,
        ),
        figure_changes=Table(
            (
                word(da.CODE),
                word(da.TITLE),
                _("Kind"),
                word(da.YEAR),
                word(da.THEN),
                word(da.NOW),
                word(da.CHANGE),
                word(da.WHO),
            ),
            changes,
            frozenset({3, 4, 5, 6}),
        ),
        added=tuple(f"{code} {titles.get(code, '')}".strip() for code in d.added),
        dropped=tuple(f"{code} {titles.get(code, '')}".strip() for code in d.dropped),
        overlap_changes=_overlap_changes(d, shown),
        validations=validation_table(d, shown),
        budget_changes=_budget_changes(d, shown),
        cut_changes=_cut_changes(d, shown),
    )


def validation_table(d: Diff, shown: Display = DEFAULT_DISPLAY) -> Table | None:
    """The validations recorded between the two moments (a figure changed since says
    so: its validation no longer counts)."""
    if not d.validations:
        return None
    rows = tuple(
        (
            v.code,
            str(v.year),
            word(da.VERDICT_LABELS["approved" if v.approved else "rejected"])
            + ("" if v.standing else " " + _("(the figure has changed since)")),
            shown.number(v.amount_kr),
            v.reference,
            date(v.at),
            v.actor,
            v.note,
        )
        for v in d.validations
    )
    return Table(
        (
            word(da.CODE),
            word(da.YEAR),
            _("Verdict"),
            word(da.REALISED),
            _("Reference"),
            _(w.DATE),
            word(da.WHO),
            word(da.NOTE),
        ),
        rows,
        frozenset({3}),
    )


def _overlap_changes(d: Diff, shown: Display) -> Table | None:
    """The overlaps that moved, with their members then and now (a new one had none
    then, a dropped one has none now)."""
    if not d.overlap_changes:
        return None
    rows = []
    for c in d.overlap_changes:
        old = c.before.amount_kr if c.before else None
        new = c.after.amount_kr if c.after else None
        rows.append(
            (
                c.name,
                ", ".join(c.before.members) if c.before else _("(new)"),
                ", ".join(c.after.members) if c.after else _("(dropped)"),
                *_change(shown, old, new),
                c.actor,
            )
        )
    return Table(
        (
            _(w.NAME),
            _("Hypotheses then"),
            _("Hypotheses now"),
            word(da.THEN),
            word(da.NOW),
            word(da.CHANGE),
            word(da.WHO),
        ),
        tuple(rows),
        frozenset({3, 4, 5}),
    )


def _budget_changes(d: Diff, shown: Display) -> Table | None:
    if not d.budget_changes:
        return None
    return Table(
        (
            word(da.RAMME),
            _("Kind"),
            word(da.YEAR),
            word(da.THEN),
            word(da.NOW),
            word(da.CHANGE),
            word(da.WHO),
        ),
        tuple(
            (
                f"{b.name} ({b.ramme})",
                word(da.BUDGET_KIND_LABELS.get(b.kind, b.kind)),
                str(b.year),
                *_change(shown, b.old_kr, b.new_kr),
                b.actor,
            )
            for b in d.budget_changes
        ),
        frozenset({2, 3, 4, 5}),
    )


def _cut_changes(d: Diff, shown: Display) -> Table | None:
    if not d.cut_changes:
        return None
    return Table(
        (
            word(da.CODE),
            word(da.TITLE),
            word(da.RAMME),
            word(da.YEAR),
            word(da.THEN),
            word(da.NOW),
            word(da.CHANGE),
            word(da.DECISION),
            word(da.WHO),
        ),
        tuple(
            (
                c.code,
                c.title,
                c.ramme,
                str(c.year),
                *_change(shown, c.old_kr, c.new_kr),
                c.decision,
                c.actor,
            )
            for c in d.cut_changes
        ),
        frozenset({3, 4, 5, 6}),
    )


def _stage_bars(s: Status) -> tuple[tuple[float, float], ...]:
    top = max([st.pipeline_kr for st in s.stages] + [1])
    return tuple(
        (max(0.0, 100 * st.pipeline_kr / top), max(0.0, 100 * st.weighted_kr / top))
        for st in s.stages
    )


def summary_view(report: Report) -> SummaryView:
    """Build the whole summary's display text once, amounts in the status's display."""
    s, meta = report.status, report.meta
    p, t = s.programme, s.totals
    shown = p.display
    mode = allocation_name(p.allocation.value)
    allocation_note = (
        _("The buckets are filled in order of priority up to their targets; the rest is surplus.")
        if p.allocation is Allocation.WATERFALL
        else _("Each bucket gets the hypotheses earmarked for it; the rest is not assigned.")
    )
    gap_note = (
        _("The target is exceeded (weighted above the target).")
        if t.gap_kr < 0
        else _("{amount} of weighted gain is missing to reach the target.").format(
            amount=shown.amount(t.gap_kr)
        )
    )
    progress = progress_label(s)
    budget_table, budget_heading, budget_notes = _budget(report, shown)
    return SummaryView(
        title=_("Status report: {name}").format(name=p.name),
        programme=p.name,
        status_date=date(s.as_of),
        as_of=date_time(s.as_of),
        target_line=_("{target}: {amount} with annual effect in {year} (buckets: {mode})").format(
            target=word(da.TARGET), amount=shown.amount(p.target_kr), year=p.target_year, mode=mode
        ),
        headline=_headline(s, shown),
        gap_note=gap_note,
        buckets=_buckets(s, shown),
        allocation_note=allocation_note,
        stages=_stages(s, shown),
        years=_years(s, shown),
        hypotheses=hypothesis_table(s, shown),
        warnings=tuple((x.hypothesis or "", warning_sentence(x)) for x in s.warnings),
        footer=_("Printed {moment} by {actor} · Parat {version} · amounts in {unit}").format(
            moment=date_time(meta.generated_at),
            actor=meta.generated_by,
            version=meta.tool_version,
            unit=shown.suffix,
        ),
        diff=diff_view(report.diff, shown) if report.diff is not None else None,
        stage_bars=_stage_bars(s),
        bucket_progress=tuple(
            (b.name, _share(b.weighted_kr, b.target_kr), _share(_progress(s, b), b.target_kr))
            for b in s.buckets
        ),
        unit=shown.suffix,
        words=Words.spoken(shown.suffix, progress),
        progress_label=progress,
        progress_note=f"{word(da.PROGRESS_MEASURE)}: {progress}. {word(da.VALIDATION_NOTE)}",
        other_benefits=_other_benefits(s, shown),
        overlaps=_overlaps(s, shown),
        risk=_risk(report, shown),
        budget=budget_table,
        budget_heading=budget_heading,
        budget_notes=budget_notes,
    )


def progress_label(s: Status) -> str:
    """The measure the progress reads, as a word in a sentence (``valideret``)."""
    return word(da.MEASURE_LABELS[s.progress_measure.value]).lower()


def _progress(s: Status, b: BucketStatus) -> int:
    if s.progress_measure is ProgressMeasure.VALIDATED:
        return b.validated_kr
    return b.realised_kr


def _overlaps(s: Status, shown: Display) -> OverlapsView | None:
    rows = measure_rows(s, shown.number)
    if not rows:
        return None
    return OverlapsView(
        measures=Table(
            ("", word(da.GROSS), word(da.OVERLAP), word(da.NETTO)),
            tuple(rows),
            frozenset({1, 2, 3}),
        ),
        overlaps=Table(
            (_(w.NAME), word(da.HYPOTHESES), word(da.AMOUNT), word(da.WEIGHTED), word(da.NOTE)),
            tuple(overlap_rows(s, shown.number)),
            frozenset({2, 3}),
        ),
        note=f"{word(da.OVERLAP_NOTE)} {word(da.OVERLAP_GROSS_NOTE)} {amounts_in(shown.suffix)}",
    )


def _risk(report: Report, shown: Display) -> "RiskView | None":
    if report.risk is None:
        return None
    from tracker.exports.risk_view import risk_view

    return risk_view(report.status, report.risk, shown)


def _budget(report: Report, shown: Display) -> tuple[Table | None, str, tuple[str, ...]]:
    """The follow-up's table, heading and notes (nothing without rammer). Every amount
    with the decimals that show it exactly (up to 3), so the lines a reader adds up
    give the total shown."""
    f = report.budget
    if f is None:
        return None, "", ()
    from tracker.report.budget import COLUMNS, budget_rows, table_decimals

    decimals = table_decimals(f, shown)
    rows = budget_rows(f, shown, decimals)
    blank = ("",) * len(COLUMNS)
    body = [r for r in rows if r.kind != "total"]
    total = next(r for r in rows if r.kind == "total")
    notes = [word(da.SIGN_NOTE)]
    if f.totals.cuts_kr:
        notes.append(word(da.CUTS_NOTE))
    table = Table(
        (word(da.RAMME), *(word(da.BUDGET_COLUMNS[key]) for key, _signed in COLUMNS)),
        tuple((r.label, *(r.cells or blank)) for r in body),
        frozenset(range(1, len(COLUMNS) + 1)),
        footer=(total.label, *total.cells),
        subtotals=frozenset(i for i, r in enumerate(body) if r.kind != "line"),
    )
    return table, f"{word(da.BUDGET_FOLLOW_UP)} {f.year} ({shown.suffix})", tuple(notes)


def _other_benefits(s: Status, shown: Display) -> Table | None:
    rows = other_benefit_rows(s, shown.number)
    if not rows:
        return None
    return Table(
        (
            word(da.BENEFIT_TYPE),
            word(da.COUNT),
            word(da.PIPELINE),
            word(da.WEIGHTED),
            word(da.HYPOTHESES),
        ),
        tuple(rows),
        frozenset({1, 2, 3}),
    )
