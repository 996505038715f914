"""What is stored, as services return it: plain frozen values, no ORM objects."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from tracker.domain.benefits import DEFAULT_COUNTING, BenefitType
from tracker.domain.money import Display
from tracker.domain.stages import Stage

if TYPE_CHECKING:
    from tracker.report.budget import CutView

__all__ = [
    "BucketView",
    "EventView",
    "HypothesisDetail",
    "HypothesisView",
    "OverlapView",
    "ProgrammeView",
    "ValidationView",
]


@dataclass(frozen=True, slots=True)
class BucketView:
    """A bucket (pulje) as stored."""

    key: str
    name: str
    target_kr: int
    priority: int


@dataclass(frozen=True, slots=True)
class ProgrammeView:
    """The programme's frame as stored."""

    name: str
    target_kr: int
    target_year: int
    first_year: int
    allocation: str
    weights: dict[Stage, int]
    buckets: tuple[BucketView, ...]
    created_at: datetime
    updated_at: datetime
    last_year: int
    """The last year of the trajectory (the target year when there are no overslagsår)."""
    display: Display
    """How people see the programme's amounts unless a command says otherwise."""
    counting_types: frozenset[BenefitType] = DEFAULT_COUNTING
    """The benefit types that count toward the target."""
    validators: tuple[str, ...] = ()
    """Who may validate realised figures on SQLite (on PostgreSQL: the role
    ``parat_validator``)."""


@dataclass(frozen=True, slots=True)
class HypothesisView:
    """A hypothesis's attributes as stored (no figures, no computed measures)."""

    code: str
    title: str
    area: str
    owner: str
    description: str
    stage: Stage
    bucket: str | None
    confidence_pct: int | None
    version: int
    created_at: datetime
    updated_at: datetime
    benefit_type: BenefitType = BenefitType.KONTANT
    """The kind of gain (gevinsttype)."""

    @classmethod
    def of(cls, row: Any) -> "HypothesisView":
        """From a stored row that carries its bucket's key (``db.queries.HypothesisRow``)."""
        return cls(
            code=row.code,
            title=row.title,
            area=row.area,
            owner=row.owner,
            description=row.description or "",
            stage=Stage(row.stage),
            bucket=row.bucket,
            confidence_pct=row.confidence_pct,
            version=row.version,
            created_at=row.created_at,
            updated_at=row.updated_at,
            benefit_type=BenefitType(row.benefit_type),
        )


@dataclass(frozen=True, slots=True)
class EventView:
    """One entry of the audit log."""

    id: int
    at: datetime
    actor: str
    source: str
    action: str
    subject: str
    field: str
    old_value: str | None
    new_value: str | None
    note: str
    recorded_at: datetime | None = None
    """When it was written, if known: later than ``at`` for a change dated in the
    past (``--at``)."""
    decision: str = ""
    """The decision a stage move rests on (beslutning), or empty."""

    @classmethod
    def of(cls, row: Any) -> "EventView":
        """From an event row (ORM object or Core row): the one place that maps it."""
        return cls(
            id=row.id,
            at=row.at,
            actor=row.actor,
            source=row.source,
            action=row.action,
            subject=row.subject or "",
            field=row.field or "",
            old_value=row.old_value,
            new_value=row.new_value,
            note=row.note or "",
            recorded_at=getattr(row, "recorded_at", None),
            decision=getattr(row, "decision", "") or "",
        )


@dataclass(frozen=True, slots=True)
class HypothesisDetail:
    """A hypothesis as stored with its figures per year (and, on its own page, its log)."""

    hypothesis: HypothesisView
    figures: dict[int, dict[str, int]] = field(default_factory=dict)
    """year → kind (potential, realised, investment) → kroner; years without a figure
    are absent."""
    events: tuple[EventView, ...] = ()
    """Its audit-log entries, newest first (none in an export's details)."""
    validations: tuple["ValidationView", ...] = ()
    """The verdicts on its realised figures, oldest first (on its own page only)."""
    cuts: tuple["CutView", ...] = ()
    """Its standing cuts (udmøntning), by year and ramme (on its own page only)."""


@dataclass(frozen=True, slots=True)
class ValidationView:
    """One validation of a realised figure (validering) as front ends show it."""

    code: str
    """The hypothesis's code."""
    year: int
    approved: bool
    """Approved (godkendt) or rejected (afvist)."""
    amount_kr: int
    """The realised amount of the record it was given for."""
    reference: str
    """Sag/dokument, e.g. ``sag 18/1234``."""
    note: str
    actor: str
    """Who validated."""
    at: datetime
    standing: bool
    """Whether the record it was given for is still the realised figure (a changed
    figure loses its validation)."""


@dataclass(frozen=True, slots=True)
class OverlapView:
    """An overlap (dobbelttælling) as stored: its latest record."""

    name: str
    members: tuple[str, ...]
    """The members' codes in the order given."""
    amount_kr: int
    """The amount counted twice in the target year, kroner."""
    note: str
    updated_at: datetime
    """When its latest record is dated."""
    actor: str
    """Who made that record."""
