"""Use cases on the programme's frame: create it, change target, weights and buckets."""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Session, select

from db import queries
from db.models import Bucket, Programme, StageWeight
from tracker.domain.benefits import counting_text, parse_counting
from tracker.domain.bilingual import BilingualError, sentence
from tracker.domain.money import DEFAULT_DISPLAY, Display, MoneyError, parse_display
from tracker.domain.stages import DEFAULT_WEIGHTS, Stage
from tracker.domain.status import Allocation
from tracker.domain.validations import parse_validators
from tracker.errors import AlreadyExists, InvalidInput, NotFound
from tracker.report import BucketView, ProgrammeView
from tracker.services.context import ChangeContext
from tracker.services.events import record_event
from tracker.services.validation import (
    Amount,
    check_key,
    check_percent,
    check_text,
    check_validators,
    to_kroner,
    to_stage,
)

__all__ = [
    "DEFAULT_BUCKETS",
    "BucketSpec",
    "create_programme",
    "find_programme",
    "get_programme",
    "programme_view",
    "require_existed",
    "set_bucket",
    "set_programme",
]


@dataclass(frozen=True, slots=True)
class BucketSpec:
    """A bucket to create with the programme."""

    key: str
    name: str
    target_kr: int
    priority: int


#: The buckets (puljer) of "Parat til fremtiden": the three needs its 125 mio. kr.
#: answer, filled in this priority order.
DEFAULT_BUCKETS: tuple[BucketSpec, ...] = (
    BucketSpec("driftsbalance", "Faldende driftsbalance", 50_000_000, 1),
    BucketSpec("demografi", "Demografisk udvikling", 25_000_000, 2),
    BucketSpec("politisk", "Politisk prioritering", 50_000_000, 3),
)


def find_programme(session: Session, *, for_update: bool = False) -> Programme | None:
    """The programme row, or ``None`` before ``parat init``.

    ``for_update`` locks the row until the commit (PostgreSQL), so that two people
    changing the frame at once are applied one after the other, with true old values
    in the events.
    """
    query = select(Programme).order_by(Programme.id).limit(1)  # type: ignore[arg-type]
    if for_update:
        query = query.with_for_update(key_share=True)
    return session.exec(query).first()


def require_existed(session: Session, as_of: datetime) -> None:
    """Refuse a moment before the programme was created, with the same English line as
    the time-travel code (which checks it too) and a Danish one for the UI."""
    created = get_programme(session).created_at
    if created > as_of:
        from tracker.report.moments import show_moment

        then, made = show_moment(as_of), show_moment(created)
        raise NotFound(
            f"the programme did not exist yet at {then} (it was created {made})",
            danish=f"Programmet fandtes ikke endnu pr. {then} (det blev oprettet {made}).",
        )


def get_programme(session: Session, *, for_update: bool = False) -> Programme:
    """The programme row, or :class:`NotFound` with the way to create one."""
    programme = find_programme(session, for_update=for_update)
    if programme is None:
        raise NotFound(
            "no programme in this database yet: run `parat init` or `parat demo`",
            danish="Databasen har intet program endnu.",
        )
    return programme


def programme_view(session: Session) -> ProgrammeView:
    programme = get_programme(session)
    weights = dict(DEFAULT_WEIGHTS)
    for row in session.exec(select(StageWeight).where(StageWeight.programme_id == programme.id)):
        weights[Stage(row.stage)] = row.weight_pct
    buckets = session.exec(
        select(Bucket)
        .where(Bucket.programme_id == programme.id)
        .order_by(Bucket.priority, Bucket.key)  # type: ignore[arg-type]
    )
    return ProgrammeView(
        name=programme.name,
        target_kr=programme.target_kr,
        target_year=programme.target_year,
        first_year=programme.first_year,
        allocation=programme.allocation,
        weights=weights,
        buckets=tuple(BucketView(b.key, b.name, b.target_kr, b.priority) for b in buckets),
        created_at=programme.created_at,
        updated_at=programme.updated_at,
        last_year=programme.last_year,
        display=Display(programme.display_unit, programme.display_decimals),
        counting_types=parse_counting(programme.counting_types),
        validators=parse_validators(programme.validators),
    )


def _check_years(first_year: int, target_year: int, last_year: int) -> None:
    for year in (first_year, target_year, last_year):
        if isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 2200:
            raise InvalidInput(
                f"year {year} is not a plausible year",
                danish=f"Året {year} er ikke et muligt år (brug 1900–2200).",
            )
    if first_year > target_year:
        raise InvalidInput(
            f"first year {first_year} is after the target year {target_year}",
            danish=f"Første år {first_year} ligger efter målåret {target_year}.",
        )
    if last_year < target_year:
        raise InvalidInput(
            f"last year {last_year} is before the target year {target_year}",
            danish=f"Sidste år {last_year} ligger før målåret {target_year}.",
        )


def _check_display(unit: str | None, decimals: int | None) -> Display:
    try:
        return parse_display(unit or DEFAULT_DISPLAY.unit, decimals)
    except MoneyError as error:
        raise InvalidInput(str(error), danish=sentence(error.danish)) from None


def _refuse_hiding_figures(session: Session, programme: Programme, last_year: int) -> None:
    """Refuse a last year that would hide figures standing after it: they would drop
    out of every view without a trace (set them to 0 first, if they are wrong)."""
    if last_year >= programme.last_year:
        return
    standing = queries.current_figures(
        session.connection(), first_year=last_year + 1, last_year=programme.last_year
    )
    hidden = sum(1 for *_, amount in standing if amount)
    if hidden:
        noun = "figure" if hidden == 1 else "figures"
        raise InvalidInput(
            f"--last-year {last_year} would hide {hidden} {noun} for {last_year + 1}–"
            f"{programme.last_year}: set them to 0 first, or keep the last year",
            danish=f"Sidste år {last_year} ville skjule {hidden} tal for {last_year + 1}–"
            f"{programme.last_year}: sæt dem til 0 først, eller behold sidste år.",
        )


def create_programme(
    session: Session,
    ctx: ChangeContext,
    *,
    name: str = "Parat til fremtiden",
    target: Amount = 125_000_000,
    target_year: int = 2018,
    first_year: int = 2015,
    last_year: int | None = None,
    buckets: Sequence[BucketSpec] = DEFAULT_BUCKETS,
) -> ProgrammeView:
    """Create the programme with its buckets and default stage weights; its years run
    from ``first_year`` to ``last_year`` (default: the target year)."""
    if session.connection().dialect.name == "postgresql":
        # There is no row to lock yet: two `parat init` at once must not make two.
        session.execute(sa.text("SELECT pg_advisory_xact_lock(7271)"))
    if session.exec(select(Programme.id)).first() is not None:
        raise AlreadyExists(
            "this database already holds a programme (see `parat programme show`)",
            danish="Databasen har allerede et program.",
        )
    name = check_text(name, "name", required=True)
    target_kr = to_kroner(target, "target")
    if target_kr <= 0:
        raise InvalidInput("target must be above 0 kr.", danish="Målet skal være større end 0 kr.")
    last_year = target_year if last_year is None else last_year
    _check_years(first_year, target_year, last_year)
    now = ctx.now()
    programme = Programme(
        name=name,
        target_kr=target_kr,
        target_year=target_year,
        first_year=first_year,
        last_year=last_year,
        allocation=Allocation.WATERFALL.value,
        created_at=now,
        updated_at=now,
    )
    session.add(programme)
    session.flush()
    assert programme.id is not None
    for stage, pct in DEFAULT_WEIGHTS.items():
        session.add(StageWeight(programme_id=programme.id, stage=stage.value, weight_pct=pct))
    for spec in buckets:
        session.add(
            Bucket(
                programme_id=programme.id,
                key=check_key(spec.key),
                name=check_text(spec.name, "bucket name", required=True),
                target_kr=spec.target_kr,
                priority=spec.priority,
            )
        )
    record_event(
        session,
        ctx,
        now,
        programme_id=programme.id,
        action="programme.create",
        subject=name,
        new=f"{target_kr} kr. in {target_year}",
    )
    session.flush()
    return programme_view(session)


def set_programme(
    session: Session,
    ctx: ChangeContext,
    *,
    name: str | None = None,
    target: Amount | None = None,
    target_year: int | None = None,
    first_year: int | None = None,
    last_year: int | None = None,
    allocation: Allocation | str | None = None,
    weights: Mapping[Stage | str, int] | None = None,
    display_unit: str | None = None,
    display_decimals: int | None = None,
    counting_types: str | Iterable[str] | None = None,
    validators: str | Iterable[str] | None = None,
    note: str = "",
) -> ProgrammeView:
    """Change the programme's frame; one event per changed value.

    ``validators`` (comma-separated or a list; empty: nobody) may validate realised
    figures on SQLite.

    A target year moved past the last year takes the last year along (its own
    event); a last year that would hide standing figures is refused.
    """
    programme = get_programme(session, for_update=True)
    assert programme.id is not None
    now = ctx.now()
    changes: dict[str, tuple[object, object]] = {}
    if name is not None:
        changes["name"] = (programme.name, check_text(name, "name", required=True))
    if target is not None:
        target_kr = to_kroner(target, "target")
        if target_kr <= 0:
            raise InvalidInput(
                "target must be above 0 kr.", danish="Målet skal være større end 0 kr."
            )
        changes["target_kr"] = (programme.target_kr, target_kr)
    new_first = programme.first_year if first_year is None else first_year
    new_target = programme.target_year if target_year is None else target_year
    # A target year moved past the last year takes it along.
    new_last = max(programme.last_year, new_target) if last_year is None else last_year
    _check_years(new_first, new_target, new_last)
    _refuse_hiding_figures(session, programme, new_last)
    if target_year is not None:
        changes["target_year"] = (programme.target_year, target_year)
    if first_year is not None:
        changes["first_year"] = (programme.first_year, first_year)
    changes["last_year"] = (programme.last_year, new_last)
    if display_unit is not None or display_decimals is not None:
        shown = _check_display(
            display_unit or programme.display_unit,
            programme.display_decimals if display_decimals is None else display_decimals,
        )
        changes["display_unit"] = (programme.display_unit, shown.unit)
        changes["display_decimals"] = (programme.display_decimals, shown.decimals)
    if counting_types is not None:
        try:
            counting = counting_text(parse_counting(counting_types))
        except BilingualError as e:
            raise InvalidInput(str(e), danish=sentence(e.danish)) from None
        changes["counting_types"] = (programme.counting_types, counting)
    if validators is not None:
        text = validators if isinstance(validators, str) else ",".join(validators)
        changes["validators"] = (programme.validators, check_validators(text))
    if allocation is not None:
        try:
            mode = Allocation(str(allocation).strip().lower())
        except ValueError:
            raise InvalidInput(
                f"unknown allocation {allocation!r} (use waterfall or earmarked)",
                danish=f"Ukendt fordeling {allocation!r}: brug waterfall (vandfald) eller "
                "earmarked (øremærket).",
            ) from None
        changes["allocation"] = (programme.allocation, mode.value)
    changed = 0
    for field, (old, new) in changes.items():
        if old != new:
            changed += 1
            setattr(programme, field, new)
            record_event(
                session,
                ctx,
                now,
                programme_id=programme.id,
                action="programme.set",
                subject=programme.name,
                field=field,
                old=old,
                new=new,
                note=note,
            )
    for stage_text, pct in (weights or {}).items():
        stage = to_stage(stage_text)
        check_percent(pct, f"weight of {stage.value}")
        if stage is Stage.DROPPED and pct != 0:
            # the arithmetic counts a dropped hypothesis as 0 whatever its weight
            raise InvalidInput(
                "the weight of dropped is always 0 %",
                danish="Vægten for Forkastet er altid 0 %.",
            )
        row = session.get(StageWeight, (programme.id, stage.value))
        old_pct = row.weight_pct if row else DEFAULT_WEIGHTS[stage]
        if old_pct == pct:
            continue
        changed += 1
        if row is None:
            session.add(StageWeight(programme_id=programme.id, stage=stage.value, weight_pct=pct))
        else:
            row.weight_pct = pct
            session.add(row)
        record_event(
            session,
            ctx,
            now,
            programme_id=programme.id,
            action="programme.set",
            subject=programme.name,
            field=f"weight.{stage.value}",
            old=old_pct,
            new=pct,
            note=note,
        )
    if changed:  # unchanged values write nothing, not even the time stamp
        programme.updated_at = now
        session.add(programme)
        session.flush()
    return programme_view(session)


def set_bucket(
    session: Session,
    ctx: ChangeContext,
    key: str,
    *,
    name: str | None = None,
    target: Amount | None = None,
    priority: int | None = None,
    create: bool = False,
    note: str = "",
) -> BucketView:
    """Change a bucket (or add one with ``create=True``); one event per changed value."""
    programme = get_programme(session, for_update=True)
    assert programme.id is not None
    key = check_key(key)
    bucket = session.exec(
        select(Bucket).where(Bucket.programme_id == programme.id, Bucket.key == key)
    ).first()
    now = ctx.now()
    if bucket is None:
        if not create:
            known = ", ".join(
                session.exec(
                    select(Bucket.key)
                    .where(Bucket.programme_id == programme.id)
                    .order_by(Bucket.key)
                )
            )
            raise NotFound(
                f"unknown bucket {key!r} (known: {known})",
                danish=f"Puljen {key!r} findes ikke (kendte puljer: {known}).",
            )
        if name is None or target is None:
            raise InvalidInput(
                "a new bucket needs --name and --target",
                danish="En ny pulje skal have --name og --target.",
            )
        next_priority = session.exec(
            select(sa.func.coalesce(sa.func.max(Bucket.priority), 0) + 1).where(
                Bucket.programme_id == programme.id
            )
        ).one()
        bucket = Bucket(
            programme_id=programme.id,
            key=key,
            name=check_text(name, "bucket name", required=True),
            target_kr=_bucket_target(target),
            priority=_check_priority(priority) if priority is not None else int(next_priority),
        )
        session.add(bucket)
        record_event(
            session,
            ctx,
            now,
            programme_id=programme.id,
            action="bucket.add",
            subject=key,
            new=bucket.name,
            note=note,
        )
        session.flush()
        return BucketView(bucket.key, bucket.name, bucket.target_kr, bucket.priority)
    changes: dict[str, tuple[object, object]] = {}
    if name is not None:
        changes["name"] = (bucket.name, check_text(name, "bucket name", required=True))
    if target is not None:
        changes["target_kr"] = (bucket.target_kr, _bucket_target(target))
    if priority is not None:
        changes["priority"] = (bucket.priority, _check_priority(priority))
    for field, (old, new) in changes.items():
        if old != new:
            setattr(bucket, field, new)
            record_event(
                session,
                ctx,
                now,
                programme_id=programme.id,
                action="bucket.set",
                subject=key,
                field=field,
                old=old,
                new=new,
                note=note,
            )
    session.add(bucket)
    session.flush()
    return BucketView(bucket.key, bucket.name, bucket.target_kr, bucket.priority)


def _check_priority(priority: int) -> int:
    """A bucket's priority, for a new bucket and a changed one alike."""
    if isinstance(priority, bool) or not isinstance(priority, int) or not 1 <= priority <= 99:
        raise InvalidInput(
            f"priority must be a whole number from 1 to 99, not {priority}",
            danish=f"Prioriteten skal være et helt tal fra 1 til 99, ikke {priority}.",
        )
    return priority


def _bucket_target(target: Amount) -> int:
    kr = to_kroner(target, "bucket target")
    if kr < 0:
        raise InvalidInput(
            "a bucket target cannot be negative", danish="En puljes mål kan ikke være negativt."
        )
    return kr
