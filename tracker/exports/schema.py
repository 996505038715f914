"""Pydantic models of the JSON export, and the JSON Schema generated from them.

They mirror :func:`tracker.exports.json_.report_to_dict` (and so ``parat status
--json`` and ``parat diff --json``) key for key; a test validates real exports against
them with unknown keys forbidden, so the schema cannot drift from the output unnoticed.
"""

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["ExportDocument", "export_json_schema"]

StageKey = Literal[
    "identified", "qualified", "quantified", "decided", "implemented", "realised", "dropped"
]
Kroner = int
BenefitKey = Literal["kontant", "undgaaet", "frigjort_tid", "kvalitativ"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Meta(_Model):
    """Who made the export, when, with which version."""

    generated_at: str = Field(description="ISO 8601 UTC moment of the export")
    generated_by: str = Field(description="The actor who made the export")
    tool_version: str = Field(description="Parat's version")


class Programme(_Model):
    name: str
    target_kr: Kroner
    target_year: int
    first_year: int
    last_year: int = Field(
        description="Last year of the trajectory (overslagsår after the target year)"
    )
    allocation: Literal["waterfall", "earmarked"]
    weights: dict[StageKey, int] = Field(description="Stage weight in whole percent")
    counting_types: list[BenefitKey] = Field(
        description="Benefit types that count toward the target (the measures are over them)"
    )
    has_rammer: bool = Field(
        description="Whether the programme has rammer: udmøntning is followed (and warned of)"
    )


class Totals(_Model):
    target_kr: Kroner
    pipeline_kr: Kroner
    weighted_kr: Kroner
    decided_kr: Kroner
    budgeted_kr: Kroner = Field(
        description="Udmøntet: the cuts of the rammer's budgets for the target year"
    )
    realised_kr: Kroner
    validated_kr: Kroner = Field(
        description="Realised and validated by the finance department (valideret), netto"
    )
    investment_kr: Kroner = Field(description="Investments over all years of the programme")
    gap_kr: Kroner = Field(description="target − weighted; negative when over-fulfilled")
    baseline_kr: Kroner = Field(
        description="Sum of the baselines: target-year potential when first decided"
    )
    slippage_kr: Kroner = Field(description="Sum of pipeline − baseline where a baseline exists")
    gross_pipeline_kr: Kroner = Field(description="Pipeline before overlaps (brutto)")
    gross_weighted_kr: Kroner = Field(description="Weighted before overlaps (brutto)")
    gross_decided_kr: Kroner = Field(description="Decided before overlaps (brutto)")
    gross_realised_kr: Kroner = Field(description="Realised before overlaps (brutto)")
    overlap_kr: Kroner = Field(description="Overlaps taken off the pipeline (dobbelttælling)")
    overlap_weighted_kr: Kroner = Field(
        description="Overlaps taken off weighted: each × the lowest weight of its members"
    )
    overlap_decided_kr: Kroner = Field(description="Overlaps taken off decided")
    overlap_realised_kr: Kroner = Field(description="Overlaps taken off realised")
    gross_validated_kr: Kroner = Field(description="Validated before overlaps (brutto)")
    overlap_validated_kr: Kroner = Field(description="Overlaps taken off validated")


class Bucket(_Model):
    key: str
    name: str
    priority: int
    target_kr: Kroner
    pipeline_kr: Kroner
    weighted_kr: Kroner
    decided_kr: Kroner
    budgeted_kr: Kroner
    realised_kr: Kroner
    validated_kr: Kroner = Field(
        description="Realised and validated by the finance department (valideret)"
    )
    gap_kr: Kroner


class Measures(_Model):
    pipeline_kr: Kroner
    weighted_kr: Kroner
    decided_kr: Kroner
    budgeted_kr: Kroner
    realised_kr: Kroner
    validated_kr: Kroner = Field(
        description="Realised and validated by the finance department (valideret)"
    )


class StageRow(_Model):
    stage: StageKey
    label: str
    count: int
    pipeline_kr: Kroner
    weighted_kr: Kroner


class Year(_Model):
    year: int
    pipeline_kr: Kroner
    weighted_kr: Kroner
    decided_kr: Kroner
    budgeted_kr: Kroner = Field(description="Udmøntet for the year")
    realised_kr: Kroner
    investment_kr: Kroner
    net_kr: Kroner = Field(description="potential − investment")
    validated_kr: Kroner = Field(
        description="Realised and validated by the finance department (valideret)"
    )


class HypothesisEntry(_Model):
    """One entry of ``hypotheses``: a ``HypothesisContribution`` as JSON."""

    code: str
    title: str
    area: str
    owner: str
    stage: StageKey
    bucket: str | None
    weight_pct: int
    pipeline_kr: Kroner
    weighted_kr: Kroner
    decided_kr: Kroner
    budgeted_kr: Kroner = Field(
        description="Udmøntet: its cuts for the target year, whatever its stage"
    )
    realised_kr: Kroner
    validated_kr: Kroner = Field(
        description="Realised and validated by the finance department (valideret)"
    )
    investment_kr: Kroner
    baseline_kr: Kroner | None = Field(
        description="Target-year potential when it first reached decided; null if never"
    )
    slippage_kr: Kroner | None = Field(description="pipeline − baseline; null without one")
    version: int
    updated_at: str | None
    benefit_type: BenefitKey = Field(description="The kind of gain (gevinsttype)")
    counts: bool = Field(
        description="Whether its type counts toward the target (else it is in no total)"
    )


class OtherBenefit(_Model):
    """One entry of ``other_benefits``: a benefit type that does not count toward the
    target (øvrige gevinster), summed beside the measures."""

    type: BenefitKey
    label: str = Field(description="The type's Danish label")
    count: int = Field(description="Hypotheses of this type")
    pipeline_kr: Kroner = Field(description="Their target-year potential (dropped: 0)")
    weighted_kr: Kroner = Field(description="Their weighted potential")


class OverlapEntry(_Model):
    """One entry of ``overlaps``: a gain two or more hypotheses claim (dobbelttælling)."""

    name: str
    members: list[str] = Field(description="The hypotheses' codes, in the order given")
    amount_kr: Kroner = Field(description="The amount counted twice in the target year")
    weighted_kr: Kroner = Field(description="Taken off weighted: amount × the lowest weight")
    note: str
    counted: list[str] = Field(
        description="The members it is counted over: counting benefit type, not dropped"
    )
    counts: bool = Field(description="Whether it takes anything off (two or more counted)")
    weight_pct: int = Field(description="The lowest weight among the counted members")
    pipeline_kr: Kroner = Field(description="Taken off the pipeline")
    decided_kr: Kroner = Field(description="Taken off decided (all counted members decided)")
    realised_kr: Kroner = Field(
        description="Taken off realised (all counted members realised; at most the smallest)"
    )
    validated_kr: Kroner = Field(description="Taken off validated (the rule for realised)")
    bucket: str | None = Field(
        description="Earmarked mode: the bucket it comes off (its first counted member's)"
    )


class WarningRow(_Model):
    code: Literal[
        "missing-potential", "no-owner", "realised-above-potential", "stale",
        "bucket-targets-mismatch", "earmark-ignored", "overlap-above-member-potential",
        "decided-not-budgeted", "budgeted-above-potential", "budgeted-not-decided",
    ]  # fmt: skip
    hypothesis: str | None
    message: str


class TotalsCompared(_Model):
    """The programme totals at both moments and the change (after − before)."""

    target_kr: Kroner = Field(description="The target at `until`")
    before: Totals
    after: Totals
    change: Totals


class BucketAmounts(_Model):
    target_kr: Kroner
    pipeline_kr: Kroner
    weighted_kr: Kroner
    decided_kr: Kroner
    budgeted_kr: Kroner
    realised_kr: Kroner
    validated_kr: Kroner
    gap_kr: Kroner


class BucketCompared(_Model):
    """A bucket (as it is at `until`) at both moments and the change; 0 where it did
    not exist yet."""

    key: str
    name: str
    priority: int
    target_kr: Kroner = Field(description="The bucket's target at `until`")
    before: BucketAmounts
    after: BucketAmounts
    change: BucketAmounts


class StageMove(_Model):
    code: str
    title: str
    old_stage: StageKey | None
    new_stage: StageKey | None
    at: str | None
    actor: str
    note: str
    decision: str = Field(
        description="The decision the move rests on, e.g. 'Chefgruppemøde 2, 12.03.2018' "
        "(empty when none was named)"
    )


class FigureChange(_Model):
    code: str
    title: str
    kind: Literal["potential", "realised", "investment", "low", "high"]
    year: int
    old_kr: Kroner | None
    new_kr: Kroner | None
    change_kr: Kroner = Field(description="new − old, a missing figure counting 0")
    at: str | None
    actor: str


class OverlapChange(_Model):
    """An overlap added (old_* null), dropped (new_* null) or changed in between."""

    name: str
    old_members: list[str] | None
    new_members: list[str] | None
    old_kr: Kroner | None
    new_kr: Kroner | None
    change_kr: Kroner = Field(description="new − old, a missing overlap counting 0")
    old_note: str | None
    new_note: str | None
    at: str | None
    actor: str


class ValidationEntry(_Model):
    """A validation of a realised figure recorded in between."""

    code: str
    title: str
    year: int
    verdict: Literal["approved", "rejected"]
    amount_kr: Kroner = Field(description="The realised amount it was given for")
    reference: str = Field(description="The case or document (sag/dokument)")
    note: str
    at: str | None
    actor: str
    standing: bool = Field(
        description="Whether the figure it was given for still stands at `until` "
        "(a changed figure loses its validation)"
    )


class BudgetChange(_Model):
    """A ramme's budget figure that changed (budget sign: + udgift, − indtægt)."""

    ramme: str
    name: str
    kind: Literal["original", "supplementary", "carried", "actual", "forecast"]
    year: int
    old_kr: Kroner | None = Field(description="null: not given (or cleared) then")
    new_kr: Kroner | None = Field(description="null: cleared since")
    change_kr: Kroner = Field(description="new − old, a missing figure counting 0")
    at: str | None
    actor: str


class CutChange(_Model):
    """A cut (udmøntning) made, changed or withdrawn (amounts positive: the gain)."""

    code: str
    title: str
    ramme: str
    year: int
    old_kr: Kroner | None = Field(description="null: no cut then")
    new_kr: Kroner | None = Field(description="null: withdrawn since")
    change_kr: Kroner
    decision: str
    at: str | None
    actor: str


class DiffSection(_Model):
    """ "Siden sidst": present with ``--since``; the object of ``parat diff --json``."""

    since: str
    until: str
    since_label: str
    until_label: str
    totals: TotalsCompared
    buckets: list[BucketCompared]
    stage_moves: list[StageMove]
    figure_changes: list[FigureChange]
    added: list[str]
    dropped: list[str]
    overlap_changes: list[OverlapChange] = Field(
        description="Overlaps (dobbelttællinger) added, changed or dropped, by name"
    )
    validations: list[ValidationEntry] = Field(
        description="Validations of realised figures recorded in between, oldest first"
    )
    budget_changes: list[BudgetChange]
    cut_changes: list[CutChange]


Probability = float


class Certainty(_Model):
    """How sure, one way of drawing: the chance of reaching and the amounts reached."""

    p_target: Probability = Field(
        ge=0, le=1, description="Probability (0-1) of reaching the target (a bucket: of filling)"
    )
    p50_kr: Kroner = Field(description="The largest amount reached with at least 50 % probability")
    p80_kr: Kroner = Field(description="The same at 80 %")
    p95_kr: Kroner = Field(description="The same at 95 %")


class BucketRisk(_Model):
    key: str
    target_kr: Kroner
    expected_kr: Kroner = Field(
        description="Earmarked: the bucket's own expected value; waterfall: the programme's, "
        "filled into the buckets in priority order"
    )
    independent: Certainty
    together: Certainty


class RiskSection(_Model):
    """ "Hvor sikre er vi?": present with ``--risk``; the object of ``parat risk --json``."""

    draws: int = Field(description="Number of draws of the simulation")
    seed: int = Field(description="The simulation's seed")
    target_kr: Kroner
    expected_kr: Kroner = Field(
        description="Expected value: Σ weight × (low + 4 × likely + high) / 6, exact"
    )
    independent: Certainty = Field(description="Hypotheses independent of each other")
    together: Certainty = Field(description="Hypotheses moving together (the widest spread)")
    buckets: list[BucketRisk]


class BudgetAmounts(_Model):
    """A ramme's follow-up amounts (budget sign: + udgift, − indtægt); null: not given.
    In ``totals`` the sums of the lines, a figure not given counting 0."""

    original_kr: Kroner | None = Field(description="Oprindeligt budget")
    supplementary_kr: Kroner | None = Field(description="Tillægsbevillinger og omplaceringer")
    carried_kr: Kroner | None = Field(description="Overførsler fra forrige år")
    corrected_kr: Kroner | None = Field(description="original + supplementary + carried")
    actual_kr: Kroner | None = Field(description="Forbrug / regnskab")
    forecast_kr: Kroner | None = Field(description="Forventet regnskab")
    deviation_kr: Kroner | None = Field(
        description="(actual, else forecast) − corrected; plus is merforbrug"
    )
    deviation_original_kr: Kroner | None = Field(description="(actual, else forecast) − original")
    cuts_kr: Kroner = Field(description="The programme's cuts on the ramme, positive (the gain)")


class BudgetLine(BudgetAmounts):
    key: str
    name: str
    udvalg: str
    serviceramme: bool


class BudgetTotals(BudgetAmounts):
    original_kr: Kroner
    supplementary_kr: Kroner
    carried_kr: Kroner
    corrected_kr: Kroner
    actual_kr: Kroner
    forecast_kr: Kroner
    deviation_kr: Kroner
    deviation_original_kr: Kroner


class BudgetSection(_Model):
    """The budget follow-up of the moment's year (``parat budget report --json``)."""

    year: int
    rammer: list[BudgetLine]
    totals: BudgetTotals


class ExportDocument(_Model):
    """``parat export --format json``: the status of ``parat status --json`` plus meta."""

    meta: Meta
    as_of: str = Field(description="The moment the status describes (ISO 8601, UTC)")
    programme: Programme
    totals: Totals
    progress_measure: Literal["realised", "validated"] = Field(
        description="What the progress reads: validated once any validation exists, else realised"
    )
    buckets: list[Bucket]
    surplus: Measures
    unassigned: Measures
    stages: list[StageRow]
    years: list[Year]
    hypotheses: list[HypothesisEntry]
    other_benefits: list[OtherBenefit] = Field(
        description="Per benefit type that does not count toward the target"
    )
    overlaps: list[OverlapEntry] = Field(
        description="Double counting: what each overlap takes off the totals (netto)"
    )
    warnings: list[WarningRow]
    diff: DiffSection | None = None
    risk: RiskSection | None = None
    budget: BudgetSection | None = Field(
        default=None, description="Present when the programme has rammer"
    )


def export_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the JSON export."""
    schema = ExportDocument.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
    }
