"""The status arithmetic as first written: one plain loop per rule, no shortcuts.

Kept as the oracle for the optimised :func:`tracker.domain.status.compute_status`: a
property test holds the two together on random programmes. Slow on purpose; never
imported by the application.
"""

from collections.abc import Mapping, Sequence
from datetime import datetime

from tracker.domain.benefits import BenefitType
from tracker.domain.money import format_mio
from tracker.domain.stages import DECIDED_STAGES, DEFAULT_WEIGHTS, Stage
from tracker.domain.status import (
    STALE_AFTER,
    Allocation,
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
    allocate_earmarked,
    allocate_waterfall,
)


def weighted_amount(kr: int, weight_pct: int) -> int:
    whole, rest = divmod(abs(kr) * weight_pct, 100)
    if rest * 2 >= 100:
        whole += 1
    return whole if kr >= 0 else -whole


def _measures(h: HypothesisFacts, year: int, weight_pct: int) -> Measures:
    pipeline = 0 if h.stage is Stage.DROPPED else h.potential.get(year, 0)
    return Measures(
        pipeline_kr=pipeline,
        weighted_kr=weighted_amount(pipeline, weight_pct),
        decided_kr=pipeline if h.stage in DECIDED_STAGES else 0,
        realised_kr=h.realised.get(year, 0),
        budgeted_kr=h.budgeted.get(year, 0),
        validated_kr=h.validated.get(year, 0),
    )


def _weight(h: HypothesisFacts, weights: Mapping[Stage, int]) -> int:
    if h.stage is Stage.DROPPED:
        return 0
    if h.confidence_pct is not None:
        return h.confidence_pct
    return weights.get(h.stage, DEFAULT_WEIGHTS[h.stage])


def _buckets(
    programme: ProgrammeFacts, rows: Sequence[tuple[HypothesisFacts, Measures]], total: Measures
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
            amounts = ((h.bucket, getattr(m, name)) for h, m in rows)
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
    years = range(programme.first_year, programme.end_year + 1)
    for h in hypotheses:
        active = h.stage is not Stage.DROPPED
        if active and h.stage.rank >= Stage.QUANTIFIED.rank and not h.potential.get(year):
            warnings.append(
                Warning(
                    "missing-potential",
                    h.code,
                    f"{h.code} er {h.stage.label.lower()} men har intet potentiale for {year}",
                )
            )
        if active and not h.owner.strip():
            warnings.append(Warning("no-owner", h.code, f"{h.code} har ingen ansvarlig"))
        for y in years:
            realised, potential = h.realised.get(y, 0), h.potential.get(y, 0)
            if realised > potential:
                warnings.append(
                    Warning(
                        "realised-above-potential",
                        h.code,
                        f"{h.code}: realiseret {format_mio(realised)} over "
                        f"potentialet {format_mio(potential)} i {y}",
                    )
                )
        if active and h.updated_at is not None and as_of - h.updated_at >= STALE_AFTER:
            days = (as_of - h.updated_at).days
            warnings.append(Warning("stale", h.code, f"{h.code} er ikke opdateret i {days} dage"))
        decided = h.stage in DECIDED_STAGES
        if (
            programme.has_rammer
            and decided
            and h.benefit_type in programme.counting_types
            and h.potential.get(year, 0) > 0
            and h.budgeted.get(year, 0) == 0
        ):
            label = h.stage.label.lower()
            warnings.append(
                Warning(
                    "decided-not-budgeted",
                    h.code,
                    f"{h.code} er {label}, men intet er udmøntet for {year}",
                )
            )
        for y in years:
            cut, potential = h.budgeted.get(y, 0), h.potential.get(y, 0)
            if cut > 0 and cut > potential:
                warnings.append(
                    Warning(
                        "budgeted-above-potential",
                        h.code,
                        f"{h.code}: udmøntet {format_mio(cut)} over "
                        f"potentialet {format_mio(potential)} i {y}",
                    )
                )
        if not decided and any(h.budgeted.values()):
            why = "er forkastet" if h.stage is Stage.DROPPED else "er endnu ikke besluttet"
            warnings.append(
                Warning(
                    "budgeted-not-decided",
                    h.code,
                    f"{h.code} er udmøntet, men {why} ({h.stage.label.lower()})",
                )
            )
    bucket_sum = sum(b.target_kr for b in programme.buckets)
    if programme.buckets and bucket_sum != programme.target_kr:
        warnings.append(
            Warning(
                "bucket-targets-mismatch",
                None,
                f"Puljernes mål ({format_mio(bucket_sum)}) svarer ikke til "
                f"programmets mål ({format_mio(programme.target_kr)})",
            )
        )
    earmarked = sum(1 for h in hypotheses if h.bucket and h.stage is not Stage.DROPPED)
    if earmarked and programme.allocation is Allocation.WATERFALL:
        noun = "hypotese har" if earmarked == 1 else "hypoteser har"
        warnings.append(
            Warning(
                "earmark-ignored",
                None,
                f"{earmarked} {noun} en øremærket pulje, "
                "men vandfaldsreglen ser bort fra øremærkning",
            )
        )
    return warnings


def reference_status(
    programme: ProgrammeFacts, hypotheses: Sequence[HypothesisFacts], as_of: datetime
) -> Status:
    """Compute the whole status for the programme's target year as of ``as_of``.

    Per hypothesis: pipeline is the target-year potential (0 when dropped), weighted is
    pipeline × weight rounded half up, decided is pipeline at decided or later,
    budgeted is the target-year cuts, realised is the target-year realised figure.
    Totals are sums of those rounded figures; gap = target − weighted.
    """
    year = programme.target_year
    years = list(range(programme.first_year, programme.end_year + 1))
    rows: list[tuple[HypothesisFacts, Measures]] = []
    statuses: list[HypothesisContribution] = []
    by_stage: dict[Stage, list[int]] = {s: [0, 0, 0] for s in Stage}
    year_sums: dict[int, list[int]] = {y: [0, 0, 0, 0, 0, 0, 0] for y in years}
    total = Measures()
    total_investment = 0
    total_baseline = 0
    total_slippage = 0
    others = {t: [0, 0, 0] for t in BenefitType if t not in programme.counting_types}
    for h in hypotheses:
        weight = _weight(h, programme.weights)
        m = _measures(h, year, weight)
        counts = h.benefit_type in programme.counting_types
        if not counts:
            others[h.benefit_type][0] += 1
            others[h.benefit_type][1] += m.pipeline_kr
            others[h.benefit_type][2] += m.weighted_kr
            statuses.append(
                HypothesisContribution(
                    code=h.code,
                    title=h.title,
                    area=h.area,
                    owner=h.owner,
                    stage=h.stage,
                    bucket=h.bucket,
                    weight_pct=weight,
                    pipeline_kr=m.pipeline_kr,
                    weighted_kr=m.weighted_kr,
                    decided_kr=m.decided_kr,
                    realised_kr=m.realised_kr,
                    investment_kr=sum(kr for y, kr in h.investment.items() if y in year_sums),
                    version=h.version,
                    updated_at=h.updated_at,
                    baseline_kr=h.baseline_kr,
                    slippage_kr=None if h.baseline_kr is None else m.pipeline_kr - h.baseline_kr,
                    benefit_type=h.benefit_type,
                    counts=False,
                    budgeted_kr=m.budgeted_kr,
                    validated_kr=m.validated_kr,
                )
            )
            continue
        rows.append((h, m))
        total = total + m
        investment = sum(kr for y, kr in h.investment.items() if y in year_sums)
        total_investment += investment
        slippage = None if h.baseline_kr is None else m.pipeline_kr - h.baseline_kr
        if h.baseline_kr is not None and slippage is not None:
            total_baseline += h.baseline_kr
            total_slippage += slippage
        stage_row = by_stage[h.stage]
        stage_row[0] += 1
        stage_row[1] += m.pipeline_kr
        stage_row[2] += m.weighted_kr
        active = h.stage is not Stage.DROPPED
        decided = h.stage in DECIDED_STAGES
        for y, sums in year_sums.items():
            # the same rules as _measures, inlined: this loop runs years × hypotheses
            pipeline = h.potential.get(y, 0) if active else 0
            sums[0] += pipeline
            sums[1] += weighted_amount(pipeline, weight)
            sums[2] += pipeline if decided else 0
            sums[3] += h.realised.get(y, 0)
            sums[4] += h.investment.get(y, 0)
            sums[5] += h.budgeted.get(y, 0)
            sums[6] += h.validated.get(y, 0)
        statuses.append(
            HypothesisContribution(
                code=h.code,
                title=h.title,
                area=h.area,
                owner=h.owner,
                stage=h.stage,
                bucket=h.bucket,
                weight_pct=weight,
                pipeline_kr=m.pipeline_kr,
                weighted_kr=m.weighted_kr,
                decided_kr=m.decided_kr,
                realised_kr=m.realised_kr,
                investment_kr=investment,
                version=h.version,
                updated_at=h.updated_at,
                baseline_kr=h.baseline_kr,
                slippage_kr=slippage,
                benefit_type=h.benefit_type,
                budgeted_kr=m.budgeted_kr,
                validated_kr=m.validated_kr,
            )
        )
    buckets, surplus, unassigned = _buckets(programme, rows, total)
    return Status(
        programme=programme,
        as_of=as_of,
        totals=Totals(
            target_kr=programme.target_kr,
            pipeline_kr=total.pipeline_kr,
            weighted_kr=total.weighted_kr,
            decided_kr=total.decided_kr,
            realised_kr=total.realised_kr,
            investment_kr=total_investment,
            gap_kr=programme.target_kr - total.weighted_kr,
            baseline_kr=total_baseline,
            slippage_kr=total_slippage,
            # No overlaps here: brutto is netto.
            gross_pipeline_kr=total.pipeline_kr,
            gross_weighted_kr=total.weighted_kr,
            gross_decided_kr=total.decided_kr,
            gross_realised_kr=total.realised_kr,
            budgeted_kr=total.budgeted_kr,
            validated_kr=total.validated_kr,
            gross_validated_kr=total.validated_kr,
        ),
        buckets=buckets,
        surplus=surplus,
        unassigned=unassigned,
        stages=tuple(StageStatus(s, s.label, c, p, w) for s, (c, p, w) in by_stage.items()),
        years=tuple(
            YearStatus(y, p, w, d, r, i, p - i, b, v)
            for y, (p, w, d, r, i, b, v) in year_sums.items()
        ),
        hypotheses=tuple(sorted(statuses, key=lambda s: s.code)),
        warnings=tuple(_warnings(programme, hypotheses, as_of)),
        other_benefits=tuple(OtherBenefit(t, c, p, w) for t, (c, p, w) in others.items()),
        # validated once the programme has any validation, else realised
        progress_measure=ProgressMeasure.VALIDATED
        if programme.has_validations
        else ProgressMeasure.REALISED,
    )
