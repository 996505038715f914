"""The tables. Figures and events are append-only: a change is a new row.

Money columns are ``BIGINT`` whole kroner (SQLite has no decimal type, and SUM over
REAL would drift).
"""

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from db.types import UTCDateTime

SQLModel.metadata.naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def _kr(nullable: bool = False) -> sa.Column[int]:
    return sa.Column(sa.BigInteger, nullable=nullable)


def _moment(nullable: bool = False) -> sa.Column[datetime]:
    return sa.Column(UTCDateTime(), nullable=nullable)


class Programme(SQLModel, table=True):
    """The savings programme (one per database)."""

    id: int | None = Field(default=None, primary_key=True)
    name: str
    target_kr: int = Field(sa_column=_kr())
    target_year: int
    first_year: int
    allocation: str = Field(default="waterfall")
    created_at: datetime = Field(sa_column=_moment())
    updated_at: datetime = Field(sa_column=_moment())
    # Last, where migration 0005 added them: a created schema and a migrated one agree.
    last_year: int
    """The last year of the trajectory (the overslagsår after the target year); the
    target year when there are none."""
    display_unit: str = Field(default="mio")
    """How people see amounts by default: ``mio``, ``tkr`` or ``kr``."""
    display_decimals: int = Field(default=1)
    """Decimals shown by default in that unit (0–3)."""
    # Last, where migration 0006 added it.
    counting_types: str = Field(default="kontant")
    """The benefit types that count toward the target, keys comma-separated."""
    # Last, where migration 0010 added it.
    validators: str = Field(default="")
    """Who may validate realised figures on SQLite (actors, comma-separated); on
    PostgreSQL the server decides (the role ``parat_validator``)."""


class StageWeight(SQLModel, table=True):
    """A stage's weight in whole percent, per programme."""

    __tablename__ = "stage_weight"

    programme_id: int = Field(foreign_key="programme.id", primary_key=True)
    stage: str = Field(primary_key=True)
    weight_pct: int


class Bucket(SQLModel, table=True):
    """A bucket (pulje) of the target, e.g. driftsbalance 50 mio. kr."""

    __table_args__ = (sa.UniqueConstraint("programme_id", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    programme_id: int = Field(foreign_key="programme.id", index=True)
    key: str
    name: str
    target_kr: int = Field(sa_column=_kr())
    priority: int


HYPOTHESIS_VERSION = sa.Column("version", sa.Integer, nullable=False)


class Hypothesis(SQLModel, table=True):
    """The hypothesis table: an initiative's current attributes; ``version`` locks it."""

    __table_args__ = (sa.UniqueConstraint("programme_id", "code"),)
    __mapper_args__ = {"version_id_col": HYPOTHESIS_VERSION}

    id: int | None = Field(default=None, primary_key=True)
    programme_id: int = Field(foreign_key="programme.id", index=True)
    code: str
    title: str
    area: str = ""
    owner: str = ""
    description: str = ""
    stage: str
    bucket_id: int | None = Field(default=None, foreign_key="bucket.id")
    confidence_pct: int | None = None
    version: int = Field(default=None, sa_column=HYPOTHESIS_VERSION)
    created_at: datetime = Field(sa_column=_moment())
    updated_at: datetime = Field(sa_column=_moment())
    # Last, where migration 0006 added it: a created schema and a migrated one agree.
    benefit_type: str = Field(default="kontant")
    """The kind of gain (gevinsttype), a key of ``BenefitType``."""


class Figure(SQLModel, table=True):
    """One recorded amount of one kind for one hypothesis and year; never updated."""

    __table_args__ = (
        # Covering index: the latest record per (hypothesis, kind, year) and its amount
        # are read from the index alone, also with a ``recorded_at`` bound (--as-of).
        sa.Index(
            "ix_figure_current", "hypothesis_id", "kind", "year", "id", "recorded_at", "amount_kr"
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    hypothesis_id: int = Field(foreign_key="hypothesis.id")
    year: int
    kind: str
    amount_kr: int = Field(sa_column=_kr())
    recorded_at: datetime = Field(sa_column=_moment())
    actor: str
    source: str
    note: str = ""


class Event(SQLModel, table=True):
    """The append-only audit log: who changed what, when, from where, old → new."""

    __table_args__ = (
        sa.Index("ix_event_hypothesis_id_id", "hypothesis_id", "id"),
        sa.Index("ix_event_at", "at"),
        # Time travel reads the few attribute events around a moment (migration 0002);
        # figure events, the bulk of the log, are left out of it (migration 0003, on
        # both engines). Only the SQLite condition is repeated here: a
        # ``postgresql_where`` argument makes SQLAlchemy import its PostgreSQL dialect
        # on every CLI start, even on SQLite, and the schema comes from the
        # migrations anyway.
        sa.Index(
            "ix_event_action_at",
            "action",
            "at",
            sqlite_where=sa.text("action <> 'figure.set'"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    programme_id: int = Field(foreign_key="programme.id")
    at: datetime = Field(sa_column=_moment())
    """The moment the change is dated (what ``--as-of`` reads)."""
    actor: str
    source: str
    action: str
    hypothesis_id: int | None = Field(default=None, foreign_key="hypothesis.id")
    subject: str = ""
    field: str = ""
    old_value: str | None = None
    new_value: str | None = None
    note: str = ""
    # Last, where migration 0004 added it: a created schema and a migrated one agree.
    recorded_at: datetime = Field(sa_column=_moment())
    """The real moment it was written: later than ``at`` when an earlier state was
    loaded afterwards (``--at``)."""
    # After recorded_at, where migration 0009 added it.
    decision: str = ""
    """The decision a stage move rests on ("Chefgruppemøde 2, 12.03.2018"); empty for
    every other event."""


class Snapshot(SQLModel, table=True):
    """A named moment to compare against (a chief group meeting)."""

    __table_args__ = (sa.UniqueConstraint("programme_id", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    programme_id: int = Field(foreign_key="programme.id")
    name: str
    at: datetime = Field(sa_column=_moment())
    actor: str
    created_at: datetime = Field(sa_column=_moment())


class OverlapRecord(SQLModel, table=True):
    """One recorded state of an overlap (dobbelttælling): two or more hypotheses that
    claim the same gain. Never updated: a change is a new record.

    An overlap's state at a moment is the latest record of its name recorded at or
    before that moment; a ``dropped`` record ends it there (a later record of the same
    name starts it again). Members are hypothesis codes, which never change and whose
    hypotheses are never deleted.
    """

    __tablename__ = "overlap"
    __table_args__ = (
        # The latest record per name (and with a ``recorded_at`` bound, --as-of).
        sa.Index("ix_overlap_programme_id_name_id", "programme_id", "name", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    programme_id: int = Field(foreign_key="programme.id")
    name: str
    members: str
    """The members' codes in the order given, comma-separated (``H03,H04``)."""
    amount_kr: int = Field(sa_column=_kr())
    """The amount counted twice in the target year; a drop keeps the last one."""
    note: str = ""
    dropped: bool = False
    recorded_at: datetime = Field(sa_column=_moment())
    """The moment the state is dated (what ``--as-of`` reads)."""
    actor: str
    source: str


class Validation(SQLModel, table=True):
    """One validation of a realised figure by the finance department (Økonomi):
    approved or rejected against the accounts, with a reference (sag/dokument).
    Never updated: a new verdict is a new row.

    It names the very figure record it validates, so a later record of the same
    realised figure (a changed amount) stands unvalidated: the validation belongs to
    the record it was given for, not to the hypothesis and year. On PostgreSQL only
    members of the role ``parat_validator`` may insert rows here (migration 0010).
    """

    __table_args__ = (
        # The latest verdict per figure record (and with a ``recorded_at`` bound, --as-of).
        sa.Index("ix_validation_figure_id_id", "figure_id", "id"),
        sa.Index("ix_validation_hypothesis_id_year", "hypothesis_id", "year"),
    )

    id: int | None = Field(default=None, primary_key=True)
    programme_id: int = Field(foreign_key="programme.id")
    hypothesis_id: int = Field(foreign_key="hypothesis.id")
    year: int
    figure_id: int = Field(foreign_key="figure.id")
    """The realised figure record validated."""
    approved: bool
    """Approved (godkendt) or rejected (afvist)."""
    reference: str
    """The case or document it rests on (sag/dokument), e.g. ``sag 18/1234``."""
    note: str = ""
    recorded_at: datetime = Field(sa_column=_moment())
    """The moment the validation is dated (what ``--as-of`` reads)."""
    actor: str
    source: str


class Ramme(SQLModel, table=True):
    """A budget ramme (bevillingsområde): what a decided gain is written into."""

    __table_args__ = (sa.UniqueConstraint("programme_id", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    programme_id: int = Field(foreign_key="programme.id", index=True)
    key: str
    """Stable key, e.g. ``kd`` (unique in the programme)."""
    name: str
    """The ramme's name (Kommunaldirektørens ramme)."""
    udvalg: str = ""
    """The committee (udvalg) it belongs to; empty when none is named."""
    serviceramme: bool = Field(default=True)
    """Whether it is inside the serviceramme."""
    created_at: datetime = Field(sa_column=_moment())
    updated_at: datetime = Field(sa_column=_moment())


class BudgetFigure(SQLModel, table=True):
    """One recorded budget amount of one kind for one ramme and year; never updated.

    Kroner with the budget's sign (+ udgift, − indtægt); ``amount_kr`` NULL records
    that the figure was cleared (no longer given).
    """

    __tablename__ = "budget_figure"
    __table_args__ = (
        # Covering, like the figures': the latest record per (ramme, kind, year).
        sa.Index(
            "ix_budget_figure_current",
            "ramme_id",
            "kind",
            "year",
            "id",
            "recorded_at",
            "amount_kr",
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    ramme_id: int = Field(foreign_key="ramme.id")
    year: int
    kind: str
    amount_kr: int | None = Field(default=None, sa_column=_kr(nullable=True))
    recorded_at: datetime = Field(sa_column=_moment())
    actor: str
    source: str
    note: str = ""


class BudgetCut(SQLModel, table=True):
    """One recorded reduction (udmøntning) of a ramme for a year by a hypothesis;
    never updated.

    A positive amount is the gain written into the budget; NULL records that the
    reduction was withdrawn (``budget uncut``). The current cut per (hypothesis,
    ramme, year) is the latest record.
    """

    __tablename__ = "budget_cut"
    __table_args__ = (
        sa.Index(
            "ix_budget_cut_current",
            "hypothesis_id",
            "ramme_id",
            "year",
            "id",
            "recorded_at",
            "amount_kr",
        ),
        sa.Index("ix_budget_cut_ramme_id", "ramme_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    hypothesis_id: int = Field(foreign_key="hypothesis.id")
    ramme_id: int = Field(foreign_key="ramme.id")
    year: int
    amount_kr: int | None = Field(default=None, sa_column=_kr(nullable=True))
    decision: str = ""
    """The decision it rests on (Byrådet 08.10.2015, pkt. 12)."""
    recorded_at: datetime = Field(sa_column=_moment())
    actor: str
    source: str
    note: str = ""
