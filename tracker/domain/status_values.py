"""The plain values of the status arithmetic: the facts that go in (programme,
buckets, hypotheses) and the results that come out (measures per hypothesis, bucket,
stage and year; totals; warnings). Frozen, so every front end reads the same thing.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from tracker.domain.benefits import DEFAULT_COUNTING, BenefitType
from tracker.domain.money import DEFAULT_DISPLAY, Display
from tracker.domain.overlaps import OverlapStatus
from tracker.domain.stages import DEFAULT_WEIGHTS, Stage

__all__ = [
    "Allocation",
    "BucketFacts",
    "BucketStatus",
    "HypothesisContribution",
    "HypothesisFacts",
    "Measures",
    "OtherBenefit",
    "ProgrammeFacts",
    "ProgressMeasure",
    "StageStatus",
    "Status",
    "Totals",
    "Warning",
    "YearStatus",
]


class Allocation(StrEnum):
    """How the total is spread over the buckets (puljer)."""

    WATERFALL = "waterfall"
    EARMARKED = "earmarked"


class ProgressMeasure(StrEnum):
    """What the progress toward the target is read from: the realised figures as
    registered, or only those the finance department has validated. Validated once
    the programme has any validation (approving or not), realised before that: a
    programme that does not validate keeps its bars."""

    REALISED = "realised"
    VALIDATED = "validated"


@dataclass(frozen=True, slots=True)
class BucketFacts:
    """A bucket (pulje) as stored."""

    key: str
    """Stable key, e.g. ``driftsbalance``."""
    name: str
    """Danish name shown to users."""
    target_kr: int
    """The bucket's target in whole kroner."""
    priority: int
    """1 is filled first in waterfall mode."""


@dataclass(frozen=True, slots=True)
class ProgrammeFacts:
    """The programme's frame: target, years, allocation mode, weights and buckets."""

    name: str
    """The programme's name (Parat til fremtiden)."""
    target_kr: int
    """The target (mål) in kroner with annual effect in the target year."""
    target_year: int
    """The year of full annual effect (årsvirkning)."""
    first_year: int
    """The first year of the trajectory."""
    allocation: Allocation = Allocation.WATERFALL
    """Waterfall or earmarked buckets."""
    weights: Mapping[Stage, int] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    """Stage weight in whole percent."""
    buckets: Sequence[BucketFacts] = ()
    """The buckets, in any order."""
    last_year: int | None = None
    """The last year of the trajectory: the overslagsår after the target year (varig
    virkning) run up to it; ``None`` is the target year."""
    display: Display = DEFAULT_DISPLAY
    """How people see the amounts unless a command says otherwise (visning); the
    arithmetic does not read it."""
    counting_types: frozenset[BenefitType] = DEFAULT_COUNTING
    """The benefit types that count toward the target (tæller med i målet); the
    others are shown beside it."""
    has_rammer: bool = False
    """Whether the programme follows its gains into the budget (it has rammer): only
    then is a decided gain with nothing udmøntet a warning, and udmøntet shown."""
    has_validations: bool = False
    """Whether any realised figure has been validated (approved or rejected) by the
    moment: then the progress is read from the validated figures."""

    @property
    def end_year(self) -> int:
        """The last year shown: :attr:`last_year`, else the target year."""
        return self.target_year if self.last_year is None else self.last_year

    @property
    def years(self) -> range:
        """Every year of the trajectory, first year to :attr:`end_year`."""
        return range(self.first_year, self.end_year + 1)


@dataclass(frozen=True, slots=True)
class HypothesisFacts:
    """The arithmetic's input for one hypothesis: its attributes and figures per year."""

    code: str
    """Unique code, e.g. ``H04``."""
    title: str
    """Short title (titel)."""
    stage: Stage
    """Current stage (fase)."""
    area: str = ""
    """Area (område)."""
    owner: str = ""
    """Owner (ansvarlig); empty when nobody is named."""
    bucket: str | None = None
    """Key of the bucket it is earmarked to, if any."""
    confidence_pct: int | None = None
    """Confidence override in whole percent; ``None`` uses the stage weight."""
    version: int = 1
    """Optimistic-locking version."""
    updated_at: datetime | None = None
    """Last change to the hypothesis or its figures (UTC)."""
    potential: Mapping[int, int] = field(default_factory=dict)
    """Gain potential (gevinstpotentiale) per year, kroner."""
    realised: Mapping[int, int] = field(default_factory=dict)
    """Realised gain (realiseret gevinst) per year, kroner."""
    investment: Mapping[int, int] = field(default_factory=dict)
    """One-off investment (investering) per year, kroner."""
    baseline_kr: int | None = None
    """Target-year potential when the hypothesis first reached decided (or later);
    ``None`` while it has never been decided."""
    benefit_type: BenefitType = BenefitType.KONTANT
    """The kind of gain (gevinsttype)."""
    low: Mapping[int, int] = field(default_factory=dict)
    """Minimum of the potential's range per year (minimum), kroner; absent: the potential."""
    high: Mapping[int, int] = field(default_factory=dict)
    """Maksimum of the potential's range per year (maksimum), kroner; absent: the
    potential."""
    budgeted: Mapping[int, int] = field(default_factory=dict)
    """Udmøntet per year: its reductions of the rammer's budgets (cuts), kroner."""
    validated: Mapping[int, int] = field(default_factory=dict)
    """Validated realised gain (valideret) per year: the realised figure where the
    finance department has approved the record standing, kroner."""


@dataclass(frozen=True, slots=True)
class Measures:
    """The measures of progress, in kroner (udmøntet, between decided and realised,
    last: it came later)."""

    pipeline_kr: int = 0
    weighted_kr: int = 0
    decided_kr: int = 0
    realised_kr: int = 0
    budgeted_kr: int = 0
    validated_kr: int = 0
    """Realised and validated (valideret): last, it came later."""

    def __add__(self, other: "Measures") -> "Measures":
        return Measures(
            self.pipeline_kr + other.pipeline_kr,
            self.weighted_kr + other.weighted_kr,
            self.decided_kr + other.decided_kr,
            self.realised_kr + other.realised_kr,
            self.budgeted_kr + other.budgeted_kr,
            self.validated_kr + other.validated_kr,
        )


@dataclass(frozen=True, slots=True)
class HypothesisContribution:
    """The arithmetic's output for one hypothesis: what it adds to the target year (bidrag)."""

    code: str
    title: str
    area: str
    owner: str
    stage: Stage
    bucket: str | None
    weight_pct: int
    """The weight applied: the confidence override, else the stage weight."""
    pipeline_kr: int
    weighted_kr: int
    decided_kr: int
    realised_kr: int
    investment_kr: int
    """Investments over all years of the programme."""
    version: int
    updated_at: datetime | None
    baseline_kr: int | None = None
    """Target-year potential when first decided (basislinje); ``None`` if never decided."""
    slippage_kr: int | None = None
    """Pipeline − baseline (skred): negative when a decided gain erodes; ``None``
    without a baseline."""
    benefit_type: BenefitType = BenefitType.KONTANT
    """The kind of gain (gevinsttype)."""
    counts: bool = True
    """Whether its type counts toward the target: only then is it in the totals,
    buckets, stages and years."""
    budgeted_kr: int = 0
    """Udmøntet: its reductions of the rammer's budgets for the target year (whatever
    its stage: a cut stands in the budget until it is withdrawn)."""
    validated_kr: int = 0
    """Its target-year realised figure as validated (valideret): the figure when the
    finance department approved the record standing, else 0."""


@dataclass(frozen=True, slots=True)
class BucketStatus:
    """A bucket's share of the measures and its gap (target − weighted)."""

    key: str
    name: str
    priority: int
    target_kr: int
    pipeline_kr: int
    weighted_kr: int
    decided_kr: int
    realised_kr: int
    gap_kr: int
    budgeted_kr: int = 0
    validated_kr: int = 0


@dataclass(frozen=True, slots=True)
class StageStatus:
    """The funnel: hypotheses and amounts per stage."""

    stage: Stage
    label: str
    count: int
    pipeline_kr: int
    weighted_kr: int


@dataclass(frozen=True, slots=True)
class YearStatus:
    """The trajectory toward the annual effect: measures for one year."""

    year: int
    pipeline_kr: int
    weighted_kr: int
    decided_kr: int
    realised_kr: int
    investment_kr: int
    net_kr: int
    """Potential minus investment."""
    budgeted_kr: int = 0
    """Udmøntet for the year."""
    validated_kr: int = 0
    """Realised and validated for the year."""


@dataclass(frozen=True, slots=True)
class Totals:
    """Programme totals for the target year; gap = target − weighted.

    The four measures are netto: the hypotheses' sums (brutto) less the overlaps
    (dobbelttælling) counted twice in them; both are beside them.
    """

    target_kr: int
    pipeline_kr: int
    weighted_kr: int
    decided_kr: int
    realised_kr: int
    investment_kr: int
    gap_kr: int
    baseline_kr: int = 0
    """Sum of the baselines of the hypotheses that have one."""
    slippage_kr: int = 0
    """Sum of their slippage (their pipeline − their baseline)."""
    gross_pipeline_kr: int = 0
    """Pipeline before overlaps (brutto): the sum over the hypotheses."""
    gross_weighted_kr: int = 0
    """Weighted before overlaps (brutto)."""
    gross_decided_kr: int = 0
    """Decided before overlaps (brutto)."""
    gross_realised_kr: int = 0
    """Realised before overlaps (brutto)."""
    overlap_kr: int = 0
    """The overlaps taken off the pipeline (dobbelttælling)."""
    overlap_weighted_kr: int = 0
    """The overlaps taken off the weighted total (each × its lowest member weight)."""
    overlap_decided_kr: int = 0
    """The overlaps taken off decided."""
    overlap_realised_kr: int = 0
    """The overlaps taken off realised."""
    budgeted_kr: int = 0
    """Udmøntet: the reductions written into the budgets for the target year."""
    validated_kr: int = 0
    """Realised and validated (valideret), netto like realised."""
    gross_validated_kr: int = 0
    """Validated before overlaps (brutto)."""
    overlap_validated_kr: int = 0
    """The overlaps taken off validated."""


@dataclass(frozen=True, slots=True)
class OtherBenefit:
    """The gains of one benefit type that does not count toward the target (øvrige
    gevinster), shown beside the measures."""

    benefit_type: BenefitType
    """The type."""
    count: int
    """Hypotheses of that type (dropped ones included)."""
    pipeline_kr: int
    """Their target-year potential, dropped ones 0, kroner."""
    weighted_kr: int
    """Their weighted potential (each rounded half up), kroner."""


@dataclass(frozen=True, slots=True)
class Warning:
    """A data-quality warning with a stable code."""

    code: str
    hypothesis: str | None
    message: str
    """The sentence in Danish (the UI, the exports, the JSON)."""
    english: str = field(default="", compare=False)
    """The same sentence in English (the CLI in English); not part of the JSON."""


@dataclass(frozen=True, slots=True)
class Status:
    """The whole picture, computed once and rendered by the CLI, UI and exports."""

    programme: ProgrammeFacts
    as_of: datetime
    totals: Totals
    buckets: tuple[BucketStatus, ...]
    surplus: Measures
    """Waterfall mode: what is left once every bucket is full."""
    unassigned: Measures
    """Earmarked mode: hypotheses without an earmark."""
    stages: tuple[StageStatus, ...]
    years: tuple[YearStatus, ...]
    hypotheses: tuple[HypothesisContribution, ...]
    warnings: tuple[Warning, ...]
    other_benefits: tuple[OtherBenefit, ...] = ()
    """Per benefit type that does not count toward the target, in the types' order."""
    overlaps: tuple[OverlapStatus, ...] = ()
    """The overlaps (dobbelttællinger) by name, with what each takes off the measures."""
    progress_measure: ProgressMeasure = ProgressMeasure.REALISED
    """What the progress bars read: validated once any validation exists, else
    realised (see :class:`ProgressMeasure`)."""

    @property
    def progress_kr(self) -> int:
        """The total the progress reads: validated or realised (netto)."""
        if self.progress_measure is ProgressMeasure.VALIDATED:
            return self.totals.validated_kr
        return self.totals.realised_kr
