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
from tracker.report import Report
from tracker.report.moments import show_moment
from tracker.report.others import other_benefit_rows
from tracker.report.overlaps import measure_rows, overlap_rows

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
    """The fixed words of the summary's headings and notes, for the templates."""

    overview: str = da.OVERVIEW
    buckets: str = da.BUCKETS
    stages: str = da.STAGES
    trajectory: str = da.TRAJECTORY
    hypotheses: str = da.HYPOTHESES
    warnings: str = da.WARNINGS
    no_warnings: str = da.NO_WARNINGS
    since: str = da.SINCE
    stage_moves: str = da.STAGE_MOVES
    no_stage_moves: str = da.NO_STAGE_MOVES
    figure_changes: str = da.FIGURE_CHANGES
    no_figure_changes: str = da.NO_FIGURE_CHANGES
    added: str = da.ADDED
    dropped: str = da.DROPPED
    weighted_note: str = da.WEIGHTED_NOTE
    net_note: str = da.NET_NOTE
    in_mio: str = da.IN_MIO
    bucket_progress: str = f"Fremdrift ({da.WEIGHTED.lower()} / {da.REALISED.lower()})"
    """The heading of the buckets' progress bars."""
    stage_bars: str = f"{da.PIPELINE} / {da.WEIGHTED.lower()}"
    """The heading of the stages' funnel bars."""
    other_benefits: str = da.OTHER_BENEFITS
    overlaps: str = da.OVERLAP
    overlap_list: str = da.OVERLAPS
    overlap_changes: str = da.OVERLAP_CHANGES
    validations: str = da.VALIDATIONS
    budget_changes: str = da.BUDGET_CHANGES
    cut_changes: str = da.CUT_CHANGES
    sign_note: str = da.SIGN_NOTE
    """Under every table of budget figures."""
    cuts_note: str = da.CUTS_NOTE


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
    words: Words = field(default=Words())
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
    hint = dict(da.MEASURE_HINTS)
    realised_share = _share(t.realised_kr, t.target_kr)
    if s.progress_measure is ProgressMeasure.VALIDATED:
        # The realised card says how much of it is
        # validated, and its bar is the validated part (what the progress reads).
        hint["realised"] = f"heraf {da.VALIDATED.lower()} {shown.amount(t.validated_kr)}"
        realised_share = _share(t.validated_kr, t.target_kr)
    return (
        Headline("target", da.TARGET, shown.amount(t.target_kr),
                 f"årsvirkning i {s.programme.target_year}", 100.0),
        *(
            Headline(key, da.MEASURE_LABELS[key], shown.amount(kr), hint[key],
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
    rest_label, rest = (da.SURPLUS, s.surplus) if waterfall else (da.UNASSIGNED, s.unassigned)
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
    headers = (da.BUCKET, da.TARGET, da.PIPELINE, da.WEIGHTED, da.DECIDED,
               *((da.BUDGETED,) if layer else ()), da.REALISED, da.VALIDATED, da.GAP)  # fmt: skip
    return Table(
        headers,
        tuple(rows),
        frozenset(range(1, len(headers))),
        footer=(
            da.TOTAL,
            shown.number(sum(b.target_kr for b in s.buckets)),
            *measures(t),
            shown.number(t.gap_kr),
        ),
    )


def _stages(s: Status, shown: Display = DEFAULT_DISPLAY) -> Table:
    weights = s.programme.weights
    return Table(
        (da.STAGE, da.WEIGHT, da.COUNT, da.PIPELINE, da.WEIGHTED),
        tuple(
            (
                st.label,
                pct(weights.get(st.stage, 0)),
                str(st.count),
                shown.number(st.pipeline_kr),
                shown.number(st.weighted_kr),
            )
            for st in s.stages
        ),
        frozenset({1, 2, 3, 4}),
        footer=(
            da.TOTAL,
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
    headers = (da.YEAR, da.PIPELINE, da.DECIDED, da.WEIGHTED, *((da.BUDGETED,) if layer else ()),
               da.REALISED, da.VALIDATED, da.INVESTMENT, da.NET)  # fmt: skip
    return Table(
        headers,
        tuple((str(y.year), *(shown.number(getattr(y, a)) for a in attrs)) for y in s.years),
        frozenset(range(1, len(headers))),
        footer=(
            da.TOTAL,
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
                h.stage.label,
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
                    f"{da.TOTAL} {g.area}",
                    "",
                    "",
                    "",
                    "",
                    "",
                    *(shown.number(group_sums[a]) for a in attrs),
                )
            )
    headers = (
        da.CODE,
        da.TITLE,
        da.AREA,
        da.OWNER,
        da.STAGE,
        da.BUCKET,
        da.WEIGHT,
        da.PIPELINE,
        da.WEIGHTED,
        da.DECIDED,
        *((da.BUDGETED,) if layer else ()),
        da.REALISED,
        da.VALIDATED,
    )
    return Table(
        headers,
        tuple(rows),
        frozenset(range(6, len(headers))),
        footer=(
            da.TOTAL,
            f"{sum(1 for h in s.hypotheses if h.counts)} hypoteser",
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
    return "(ny)" if stage is None else stage.label


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
    return f"Siden {_side(d.since_label, d.since)} til {_side(d.until_label, d.until, now=True)}"


def diff_view(d: Diff, shown: Display = DEFAULT_DISPLAY) -> DiffView:
    """The "Siden sidst" section for a :class:`Diff`."""
    b, a = d.before.totals, d.after.totals
    layer = d.before.programme.has_rammer or d.after.programme.has_rammer
    measures: tuple[tuple[str, int, int], ...] = (
        (da.REALISED, b.realised_kr, a.realised_kr),
        (da.VALIDATED, b.validated_kr, a.validated_kr),
        *(((da.BUDGETED, b.budgeted_kr, a.budgeted_kr),) if layer else ()),
        (da.DECIDED, b.decided_kr, a.decided_kr),
        (da.WEIGHTED, b.weighted_kr, a.weighted_kr),
        (da.PIPELINE, b.pipeline_kr, a.pipeline_kr),
        (da.GAP, b.gap_kr, a.gap_kr),
    )
    if d.before.overlaps or d.after.overlaps:
        measures += (
            (f"{da.OVERLAP} ({da.PIPELINE.lower()})", b.overlap_kr, a.overlap_kr),
            (f"{da.OVERLAP} ({da.WEIGHTED.lower()})", b.overlap_weighted_kr, a.overlap_weighted_kr),
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
            KIND_LABELS.get(c.kind, c.kind),
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
            ("", da.THEN, da.NOW, da.CHANGE),
            tuple((label, *_change(shown, o, n)) for label, o, n in measures),
            frozenset({1, 2, 3}),
        ),
        buckets=Table(
            (f"{da.BUCKET} ({da.WEIGHTED.lower()})", da.THEN, da.NOW, da.CHANGE),
            tuple(bucket_rows),
            frozenset({1, 2, 3}),
            footer=(
                da.TOTAL,
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
            (da.CODE, da.TITLE, "Fra", "Til", "Dato", da.WHO, da.DECISION, da.NOTE), moves
        ),
        figure_changes=Table(
            (da.CODE, da.TITLE, "Art", da.YEAR, da.THEN, da.NOW, da.CHANGE, da.WHO),
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
            da.VERDICT_LABELS["approved" if v.approved else "rejected"]
            + ("" if v.standing else " (tallet er ændret siden)"),
            shown.number(v.amount_kr),
            v.reference,
            date(v.at),
            v.actor,
            v.note,
        )
        for v in d.validations
    )
    return Table(
        (da.CODE, da.YEAR, "Afgørelse", da.REALISED, "Reference", "Dato", da.WHO, da.NOTE),
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
                ", ".join(c.before.members) if c.before else "(ny)",
                ", ".join(c.after.members) if c.after else "(fjernet)",
                *_change(shown, old, new),
                c.actor,
            )
        )
    return Table(
        ("Navn", f"{da.HYPOTHESES} før", f"{da.HYPOTHESES} nu", da.THEN, da.NOW, da.CHANGE, da.WHO),
        tuple(rows),
        frozenset({3, 4, 5}),
    )


def _budget_changes(d: Diff, shown: Display) -> Table | None:
    if not d.budget_changes:
        return None
    return Table(
        (da.RAMME, "Art", da.YEAR, da.THEN, da.NOW, da.CHANGE, da.WHO),
        tuple(
            (
                f"{b.name} ({b.ramme})",
                da.BUDGET_KIND_LABELS.get(b.kind, b.kind),
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
        (da.CODE, da.TITLE, da.RAMME, da.YEAR, da.THEN, da.NOW, da.CHANGE, da.DECISION, da.WHO),
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
    mode = "vandfald" if p.allocation is Allocation.WATERFALL else "øremærket"
    allocation_note = (
        "Puljerne fyldes i prioriteret rækkefølge op til deres mål; resten er overskud."
        if p.allocation is Allocation.WATERFALL
        else "Hver pulje får de hypoteser, der er øremærket til den; resten er ikke fordelt."
    )
    gap_note = (
        "Målet er overopfyldt (vægtet over målet)."
        if t.gap_kr < 0
        else f"Der mangler {shown.amount(t.gap_kr)} vægtet gevinst for at nå målet."
    )
    budget_table, budget_heading, budget_notes = _budget(report, shown)
    return SummaryView(
        title=f"Statusrapport: {p.name}",
        programme=p.name,
        status_date=date(s.as_of),
        as_of=date_time(s.as_of),
        target_line=f"{da.TARGET}: {shown.amount(p.target_kr)} med årsvirkning i {p.target_year} "
        f"(puljer: {mode})",
        headline=_headline(s, shown),
        gap_note=gap_note,
        buckets=_buckets(s, shown),
        allocation_note=allocation_note,
        stages=_stages(s, shown),
        years=_years(s, shown),
        hypotheses=hypothesis_table(s, shown),
        warnings=tuple((w.hypothesis or "", w.message) for w in s.warnings),
        footer=f"Udskrevet {date_time(meta.generated_at)} af {meta.generated_by} "
        f"· Parat {meta.tool_version} · beløb i {shown.suffix}",
        diff=diff_view(report.diff, shown) if report.diff is not None else None,
        stage_bars=_stage_bars(s),
        bucket_progress=tuple(
            (b.name, _share(b.weighted_kr, b.target_kr), _share(_progress(s, b), b.target_kr))
            for b in s.buckets
        ),
        unit=shown.suffix,
        words=Words(
            in_mio=f"Beløb i {shown.suffix}",
            bucket_progress=f"Fremdrift ({da.WEIGHTED.lower()} / {progress_label(s)})",
        ),
        progress_label=progress_label(s),
        progress_note=f"{da.PROGRESS_MEASURE}: {progress_label(s)}. {da.VALIDATION_NOTE}",
        other_benefits=_other_benefits(s, shown),
        overlaps=_overlaps(s, shown),
        risk=_risk(report, shown),
        budget=budget_table,
        budget_heading=budget_heading,
        budget_notes=budget_notes,
    )


def progress_label(s: Status) -> str:
    """The measure the progress reads, as a word in a sentence (``valideret``)."""
    return da.MEASURE_LABELS[s.progress_measure.value].lower()


def _progress(s: Status, b: BucketStatus) -> int:
    if s.progress_measure is ProgressMeasure.VALIDATED:
        return b.validated_kr
    return b.realised_kr


def _overlaps(s: Status, shown: Display) -> OverlapsView | None:
    rows = measure_rows(s, shown.number)
    if not rows:
        return None
    return OverlapsView(
        measures=Table(("", da.GROSS, da.OVERLAP, da.NETTO), tuple(rows), frozenset({1, 2, 3})),
        overlaps=Table(
            ("Navn", da.HYPOTHESES, da.AMOUNT, da.WEIGHTED, da.NOTE),
            tuple(overlap_rows(s, shown.number)),
            frozenset({2, 3}),
        ),
        note=f"{da.OVERLAP_NOTE} {da.OVERLAP_GROSS_NOTE} Beløb i {shown.suffix}",
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
    from tracker.report.budget import COLUMNS, budget_rows, in_danish, table_decimals

    decimals = table_decimals(f, shown)
    rows = budget_rows(f, shown, decimals, say=in_danish)
    blank = ("",) * len(COLUMNS)
    body = [r for r in rows if r.kind != "total"]
    total = next(r for r in rows if r.kind == "total")
    notes = [da.SIGN_NOTE]
    if f.totals.cuts_kr:
        notes.append(da.CUTS_NOTE)
    table = Table(
        (da.RAMME, *(da.BUDGET_COLUMNS[key] for key, _signed in COLUMNS)),
        tuple((r.label, *(r.cells or blank)) for r in body),
        frozenset(range(1, len(COLUMNS) + 1)),
        footer=(total.label, *total.cells),
        subtotals=frozenset(i for i, r in enumerate(body) if r.kind != "line"),
    )
    return table, f"{da.BUDGET_FOLLOW_UP} {f.year} ({shown.suffix})", tuple(notes)


def _other_benefits(s: Status, shown: Display) -> Table | None:
    rows = other_benefit_rows(s, shown.number)
    if not rows:
        return None
    return Table(
        (da.BENEFIT_TYPE, da.COUNT, da.PIPELINE, da.WEIGHTED, da.HYPOTHESES),
        tuple(rows),
        frozenset({1, 2, 3}),
    )
