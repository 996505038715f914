"""The status arithmetic (measures, buckets, years, warnings), as pure functions over
plain values.

Inputs are :class:`ProgrammeFacts` and one :class:`HypothesisFacts` per hypothesis;
the output is a :class:`Status` with one :class:`HypothesisContribution` per
hypothesis, computed once and rendered by every front end.
"""

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from tracker.domain.benefits import BenefitType
from tracker.domain.codes import code_key
from tracker.domain.money import format_mio, weighted_amount
from tracker.domain.overlaps import (
    MemberFacts,
    Overlap,
    OverlapStatus,
    count_overlap,
    member_codes,
    overlap_warnings,
)
from tracker.domain.stages import DECIDED_STAGES, DEFAULT_WEIGHTS, Stage
from tracker.domain.status_values import (
    Allocation,
    BucketFacts,
    BucketStatus,
    HypothesisContribution,
    HypothesisFacts,
    Measures,
    OtherBenefit,
    ProgrammeFacts,
    ProgressMeasure,
    StageStatus,
    Status,
    Totals,
    Warning,
    YearStatus,
)

__all__ = [
    "STALE_AFTER",
    "Allocation",
    "BucketFacts",
    "BucketStatus",
    "HypothesisContribution",
    "HypothesisFacts",
    "Measures",
    "OtherBenefit",
    "Overlap",
    "OverlapStatus",
    "ProgrammeFacts",
    "ProgressMeasure",
    "StageStatus",
    "Status",
    "Totals",
    "Warning",
    "YearStatus",
    "allocate_earmarked",
    "allocate_waterfall",
    "compute_status",
    "earmark_label",
    "weighted_amount",
]

#: A hypothesis not touched for this long earns the ``stale`` warning.
STALE_AFTER = timedelta(days=60)


def earmark_label(name: str, allocation: Allocation) -> str:
    """An earmark (øremærket pulje) as a hypothesis table shows it: in brackets under
    the waterfall rule, where it steers no money, so nobody reads it as in use."""
    return f"({name})" if name and allocation is Allocation.WATERFALL else name


def allocate_waterfall(total: int, buckets: Sequence[BucketFacts]) -> tuple[list[int], int]:
    """Fill the buckets in priority order, each up to its target.

    Returns the amount per bucket (in the order given) and the surplus. The parts
    always add up to ``total``; a negative total fills nothing and is all surplus.
    """
    order = sorted(range(len(buckets)), key=lambda i: (buckets[i].priority, buckets[i].key))
    filled = [0] * len(buckets)
    remaining = total
    for i in order:
        take = max(0, min(remaining, buckets[i].target_kr))
        filled[i] = take
        remaining -= take
    return filled, remaining


def allocate_earmarked(
    amounts: Iterable[tuple[str | None, int]], buckets: Sequence[BucketFacts]
) -> tuple[list[int], int]:
    """Sum amounts by earmark; returns per bucket (in the order given) and unassigned."""
    index = {b.key: i for i, b in enumerate(buckets)}
    filled = [0] * len(buckets)
    unassigned = 0
    for key, kr in amounts:
        if key is not None and key in index:
            filled[index[key]] += kr
        else:
            unassigned += kr
    return filled, unassigned


def _buckets(
    programme: ProgrammeFacts, earmarks: Sequence[tuple[str | None, Measures]], total: Measures
) -> tuple[tuple[BucketStatus, ...], Measures, Measures]:
    buckets = list(programme.buckets)
    names = (
        "pipeline_kr",
        "weighted_kr",
        "decided_kr",
        "realised_kr",
        "budgeted_kr",
        "validated_kr",
    )
    per_measure: dict[str, list[int]] = {}
    rest: dict[str, int] = {}
    for name in names:
        if programme.allocation is Allocation.WATERFALL:
            per_measure[name], rest[name] = allocate_waterfall(getattr(total, name), buckets)
        else:
            amounts = ((bucket, getattr(m, name)) for bucket, m in earmarks)
            per_measure[name], rest[name] = allocate_earmarked(amounts, buckets)
    statuses = tuple(
        sorted(
            (
                BucketStatus(
                    key=b.key,
                    name=b.name,
                    priority=b.priority,
                    target_kr=b.target_kr,
                    pipeline_kr=per_measure["pipeline_kr"][i],
                    weighted_kr=per_measure["weighted_kr"][i],
                    decided_kr=per_measure["decided_kr"][i],
                    realised_kr=per_measure["realised_kr"][i],
                    gap_kr=b.target_kr - per_measure["weighted_kr"][i],
                    budgeted_kr=per_measure["budgeted_kr"][i],
                    validated_kr=per_measure["validated_kr"][i],
                )
                for i, b in enumerate(buckets)
            ),
            key=lambda s: (s.priority, s.key),
        )
    )
    leftover = Measures(**rest)
    if programme.allocation is Allocation.WATERFALL:
        return statuses, leftover, Measures()
    return statuses, Measures(), leftover


def _warnings(
    programme: ProgrammeFacts, hypotheses: Sequence[HypothesisFacts], as_of: datetime
) -> list[Warning]:
    warnings: list[Warning] = []
    year = programme.target_year
    years = programme.years
    needs_potential = frozenset(
        s for s in Stage if s is not Stage.DROPPED and s.rank >= Stage.QUANTIFIED.rank
    )
    stale_before = as_of - STALE_AFTER
    for h in hypotheses:
        active = h.stage is not Stage.DROPPED
        potential, realised = h.potential, h.realised
        if h.stage in needs_potential and not potential.get(year):
            warnings.append(
                Warning(
                    "missing-potential",
                    h.code,
                    f"{h.code} er {h.stage.label.lower()} men har intet potentiale for {year}",
                    f"{h.code} is {h.stage.value} but has no potential for {year}",
                )
            )
        if active and not h.owner.strip():
            warnings.append(
                Warning(
                    "no-owner", h.code, f"{h.code} har ingen ansvarlig", f"{h.code} has no owner"
                )
            )
        # Realised above potential needs a realised figure or a negative potential.
        if realised or (potential and min(potential.values()) < 0):
            for y in years:
                got, expected = realised.get(y, 0), potential.get(y, 0)
                if got > expected:
                    warnings.append(
                        Warning(
                            "realised-above-potential",
                            h.code,
                            f"{h.code}: realiseret {format_mio(got)} over "
                            f"potentialet {format_mio(expected)} i {y}",
                            f"{h.code}: realised {format_mio(got)} above "
                            f"the potential {format_mio(expected)} in {y}",
                        )
                    )
        if active and h.updated_at is not None and h.updated_at <= stale_before:
            days = (as_of - h.updated_at).days
            warnings.append(
                Warning(
                    "stale",
                    h.code,
                    f"{h.code} er ikke opdateret i {days} dage",
                    f"{h.code} has not been updated for {days} days",
                )
            )
        if h.budgeted or (programme.has_rammer and h.stage in DECIDED_STAGES):
            warnings.extend(_budget_warnings(programme, h))
    bucket_sum = sum(b.target_kr for b in programme.buckets)
    if programme.buckets and bucket_sum != programme.target_kr:
        warnings.append(
            Warning(
                "bucket-targets-mismatch",
                None,
                f"Puljernes mål ({format_mio(bucket_sum)}) svarer ikke til "
                f"programmets mål ({format_mio(programme.target_kr)})",
                f"The buckets' targets ({format_mio(bucket_sum)}) do not add up to "
                f"the programme's target ({format_mio(programme.target_kr)})",
            )
        )
    earmarked = sum(1 for h in hypotheses if h.bucket and h.stage is not Stage.DROPPED)
    if earmarked and programme.allocation is Allocation.WATERFALL:
        # Under the waterfall rule the money fills the buckets by priority, so an
        # earmark steers nothing; said once, so a reader does not trust it.
        noun = "hypotese har" if earmarked == 1 else "hypoteser har"
        english = "hypothesis has" if earmarked == 1 else "hypotheses have"
        warnings.append(
            Warning(
                "earmark-ignored",
                None,
                f"{earmarked} {noun} en øremærket pulje, "
                "men vandfaldsreglen ser bort fra øremærkning",
                f"{earmarked} {english} an earmarked bucket, "
                "but the waterfall rule ignores earmarks",
            )
        )
    return warnings


def _budget_warnings(programme: ProgrammeFacts, h: HypothesisFacts) -> list[Warning]:
    """The udmøntning's warnings for one hypothesis: a decided cash gain with nothing
    udmøntet for the target year (only when the programme has rammer to udmønte on,
    and only for a gain that counts: time freed is not cut from a budget); udmøntet
    above the potential; udmøntet before the decision (or after dropping it)."""
    year = programme.target_year
    budgeted = h.budgeted
    warnings: list[Warning] = []
    if (
        programme.has_rammer
        and h.stage in DECIDED_STAGES
        and h.benefit_type in programme.counting_types
        and h.potential.get(year, 0) > 0
        and not budgeted.get(year)
    ):
        warnings.append(
            Warning(
                "decided-not-budgeted",
                h.code,
                f"{h.code} er {h.stage.label.lower()}, men intet er udmøntet for {year}",
            )
        )
    if not budgeted or not any(budgeted.values()):
        return warnings
    for y in programme.years:
        cut, potential = budgeted.get(y, 0), h.potential.get(y, 0)
        if cut > 0 and cut > potential:
            warnings.append(
                Warning(
                    "budgeted-above-potential",
                    h.code,
                    f"{h.code}: udmøntet {format_mio(cut)} over "
                    f"potentialet {format_mio(potential)} i {y}",
                )
            )
    if h.stage not in DECIDED_STAGES:
        why = "er forkastet" if h.stage is Stage.DROPPED else "er endnu ikke besluttet"
        warnings.append(
            Warning(
                "budgeted-not-decided",
                h.code,
                f"{h.code} er udmøntet, men {why} ({h.stage.label.lower()})",
            )
        )
    return warnings


def _contribution(
    h: HypothesisFacts,
    weight: int,
    pipeline: int,
    weighted: int,
    decided_kr: int,
    realised: int,
    investment: int,
    *,
    counts: bool = False,
    budgeted: int = 0,
    validated: int = 0,
) -> HypothesisContribution:
    """One hypothesis's row of the status: its figures as computed, beside its facts."""
    slippage = None if h.baseline_kr is None else pipeline - h.baseline_kr
    return HypothesisContribution(
        h.code,
        h.title,
        h.area,
        h.owner,
        h.stage,
        h.bucket,
        weight,
        pipeline,
        weighted,
        decided_kr,
        realised,
        investment,
        h.version,
        h.updated_at,
        h.baseline_kr,
        slippage,
        h.benefit_type,
        counts,
        budgeted,
        validated,
    )


def compute_status(
    programme: ProgrammeFacts,
    hypotheses: Sequence[HypothesisFacts],
    as_of: datetime,
    overlaps: Sequence[Overlap] = (),
) -> Status:
    """Compute the whole status for the programme's target year as of ``as_of``.

    Per hypothesis: pipeline is the target-year potential (0 when dropped), weighted is
    pipeline × weight rounded half up, decided is pipeline at decided or later,
    budgeted (udmøntet) is its target-year cuts of the rammer's budgets, realised is
    the target-year realised figure, validated (valideret) the part of it the finance
    department has approved (the record standing). Totals are sums of those rounded
    figures (brutto) less the ``overlaps`` counted twice in them (netto, see
    :mod:`tracker.domain.overlaps`; udmøntet is what the budgets were cut by, so
    nothing comes off it); gap = target − netto weighted. Only hypotheses of a
    counting benefit type (gevinsttype) enter the totals, buckets, stages and years;
    the others are summed per type beside them (``other_benefits``).

    The loop runs once per hypothesis for the whole status (10,000 hypotheses on
    screen at start-up), so it keeps running sums in plain integers; a plain
    rule-by-rule version in the tests is held equal to it on random programmes.
    """
    year = programme.target_year
    # per stage: (counts at all, decided, weight unless a confidence overrides it)
    rules = {
        s: (
            s is not Stage.DROPPED,
            s in DECIDED_STAGES,
            0 if s is Stage.DROPPED else programme.weights.get(s, DEFAULT_WEIGHTS[s]),
        )
        for s in Stage
    }
    by_stage: dict[Stage, list[int]] = {s: [0, 0, 0] for s in Stage}
    # The trajectory runs past the target year to the last overslagsår; only the
    # target year feeds the measures above it.
    year_sums: dict[int, list[int]] = {y: [0, 0, 0, 0, 0, 0, 0] for y in programme.years}
    earmarks: list[tuple[str | None, Measures]] = []
    earmarked = programme.allocation is Allocation.EARMARKED
    pipeline_sum = weighted_sum = decided_sum = realised_sum = budgeted_sum = validated_sum = 0
    total_investment = total_baseline = total_slippage = 0
    statuses: list[HypothesisContribution] = []
    counting = programme.counting_types
    # per non-counting type: [hypotheses, pipeline, weighted]
    others: dict[BenefitType, list[int]] = {t: [0, 0, 0] for t in BenefitType if t not in counting}
    in_overlaps = member_codes(overlaps)
    members: dict[str, MemberFacts] = {}
    for h in hypotheses:
        active, decided, weight = rules[h.stage]
        if active and h.confidence_pct is not None:
            weight = h.confidence_pct
        pipeline = h.potential.get(year, 0) if active else 0
        weighted = weighted_amount(pipeline, weight)
        decided_kr = pipeline if decided else 0
        realised = h.realised.get(year, 0)
        budgeted = h.budgeted.get(year, 0) if h.budgeted else 0
        validated = h.validated.get(year, 0) if h.validated else 0
        if h.benefit_type not in counting:
            # Shown beside the target, never in it: no measure, bucket, stage or year.
            other = others[h.benefit_type]
            other[0] += 1
            other[1] += pipeline
            other[2] += weighted
            investment = sum(kr for y, kr in h.investment.items() if y in year_sums)
            statuses.append(
                _contribution(
                    h, weight, pipeline, weighted, decided_kr, realised, investment,
                    budgeted=budgeted, validated=validated,
                )
            )  # fmt: skip
            continue
        pipeline_sum += pipeline
        weighted_sum += weighted
        decided_sum += decided_kr
        realised_sum += realised
        budgeted_sum += budgeted
        validated_sum += validated
        if earmarked:
            earmarks.append(
                (h.bucket, Measures(pipeline, weighted, decided_kr, realised, budgeted, validated))
            )
        if active and h.code in in_overlaps:
            members[h.code] = MemberFacts(weight, pipeline, decided, realised, h.bucket, validated)
        stage_row = by_stage[h.stage]
        stage_row[0] += 1
        stage_row[1] += pipeline
        stage_row[2] += weighted
        if active:
            for y, kr in h.potential.items():
                sums = year_sums.get(y)
                if sums is not None:
                    sums[0] += kr
                    sums[1] += weighted_amount(kr, weight)
                    if decided:
                        sums[2] += kr
        for y, kr in h.realised.items():
            sums = year_sums.get(y)
            if sums is not None:
                sums[3] += kr
        if h.budgeted:
            for y, kr in h.budgeted.items():
                sums = year_sums.get(y)
                if sums is not None:
                    sums[5] += kr
        if h.validated:
            for y, kr in h.validated.items():
                sums = year_sums.get(y)
                if sums is not None:
                    sums[6] += kr
        investment = 0
        for y, kr in h.investment.items():
            sums = year_sums.get(y)
            if sums is not None:
                sums[4] += kr
                investment += kr
        total_investment += investment
        slippage = None
        if h.baseline_kr is not None:
            slippage = pipeline - h.baseline_kr
            total_baseline += h.baseline_kr
            total_slippage += slippage
        contribution = _contribution(
            h, weight, pipeline, weighted, decided_kr, realised, investment,
            counts=True, budgeted=budgeted, validated=validated,
        )  # fmt: skip
        statuses.append(contribution)
    gross = Measures(
        pipeline_sum, weighted_sum, decided_sum, realised_sum, budgeted_sum, validated_sum
    )
    counted = tuple(
        count_overlap(o, members) for o in sorted(overlaps, key=lambda o: o.name.casefold())
    )
    deducted = _deducted(counted)
    net = Measures(
        gross.pipeline_kr - deducted.pipeline_kr,
        gross.weighted_kr - deducted.weighted_kr,
        gross.decided_kr - deducted.decided_kr,
        gross.realised_kr - deducted.realised_kr,
        gross.budgeted_kr,
        gross.validated_kr - deducted.validated_kr,
    )
    if earmarked:
        # Each overlap comes off the bucket of its first counted member.
        earmarks.extend(
            (
                o.bucket,
                Measures(
                    -o.pipeline_kr,
                    -o.weighted_kr,
                    -o.decided_kr,
                    -o.realised_kr,
                    0,
                    -o.validated_kr,
                ),
            )
            for o in counted
            if o.counts
        )
    target_sums = year_sums.get(year)
    if target_sums is not None:
        # The overlap is an amount of the target year: that row is netto, like the totals.
        for i, kr in enumerate(
            (deducted.pipeline_kr, deducted.weighted_kr, deducted.decided_kr, deducted.realised_kr)
        ):
            target_sums[i] -= kr
        target_sums[6] -= deducted.validated_kr
    buckets, surplus, unassigned = _buckets(programme, earmarks, net)
    statuses.sort(key=lambda h: code_key(h.code))
    warnings = _warnings(programme, hypotheses, as_of)
    warnings.extend(Warning(*w) for w in overlap_warnings(counted, members, year))
    return Status(
        programme=programme,
        as_of=as_of,
        totals=Totals(
            target_kr=programme.target_kr,
            pipeline_kr=net.pipeline_kr,
            weighted_kr=net.weighted_kr,
            decided_kr=net.decided_kr,
            realised_kr=net.realised_kr,
            investment_kr=total_investment,
            gap_kr=programme.target_kr - net.weighted_kr,
            baseline_kr=total_baseline,
            slippage_kr=total_slippage,
            gross_pipeline_kr=gross.pipeline_kr,
            gross_weighted_kr=gross.weighted_kr,
            gross_decided_kr=gross.decided_kr,
            gross_realised_kr=gross.realised_kr,
            overlap_kr=deducted.pipeline_kr,
            overlap_weighted_kr=deducted.weighted_kr,
            overlap_decided_kr=deducted.decided_kr,
            overlap_realised_kr=deducted.realised_kr,
            budgeted_kr=budgeted_sum,
            validated_kr=net.validated_kr,
            gross_validated_kr=gross.validated_kr,
            overlap_validated_kr=deducted.validated_kr,
        ),
        buckets=buckets,
        surplus=surplus,
        unassigned=unassigned,
        stages=tuple(StageStatus(s, s.label, c, p, w) for s, (c, p, w) in by_stage.items()),
        years=tuple(
            YearStatus(y, p, w, d, r, i, p - i, b, v)
            for y, (p, w, d, r, i, b, v) in year_sums.items()
        ),
        hypotheses=tuple(statuses),
        warnings=tuple(warnings),
        other_benefits=tuple(OtherBenefit(t, c, p, w) for t, (c, p, w) in others.items()),
        overlaps=counted,
        progress_measure=(
            ProgressMeasure.VALIDATED if programme.has_validations else ProgressMeasure.REALISED
        ),
    )


def _deducted(overlaps: Sequence[OverlapStatus]) -> Measures:
    """What the overlaps take off the measures together."""
    return Measures(
        sum(o.pipeline_kr for o in overlaps),
        sum(o.weighted_kr for o in overlaps),
        sum(o.decided_kr for o in overlaps),
        sum(o.realised_kr for o in overlaps),
        0,
        sum(o.validated_kr for o in overlaps),
    )
