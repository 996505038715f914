"""Use cases on hypotheses: add, update (with optimistic locking), list and show."""

import json
from datetime import datetime

from sqlalchemy.orm.attributes import flag_modified
from sqlmodel import Session, col, select

from db.locks import for_write
from db.models import Bucket, Event, Hypothesis
from tracker.domain.benefits import BenefitType
from tracker.domain.codes import code_key
from tracker.domain.rules import stage_move_needs_note
from tracker.domain.stages import Stage
from tracker.errors import AlreadyExists, InvalidInput, NotFound, StaleVersion
from tracker.report import EventView, HypothesisView
from tracker.services.context import ChangeContext
from tracker.services.events import record_event
from tracker.services.programme import get_programme
from tracker.services.validation import (
    check_benefit_type,
    check_code,
    check_decision,
    check_key,
    check_percent,
    check_text,
    to_stage,
)

__all__ = [
    "UNSET",
    "add_hypothesis",
    "find_hypothesis",
    "hypothesis_events",
    "hypothesis_view",
    "list_hypotheses",
    "touch",
    "update_hypothesis",
]


class _Unset:
    def __repr__(self) -> str:
        return "UNSET"


#: Marks an argument the caller did not give (``None`` means "clear" for some fields).
UNSET: object = _Unset()


def find_hypothesis(
    session: Session, programme_id: int, code: str, *, for_update: bool = False
) -> Hypothesis:
    """The hypothesis with ``code``; ``for_update`` takes the write guard on it.

    The guard's lock (:mod:`db.locks`: ``FOR NO KEY UPDATE`` on PostgreSQL; SQLite's
    writers hold the database since ``BEGIN IMMEDIATE``) makes a version check right
    when it is made: a concurrent writer waits, then reads the new version and is
    refused as stale. The locked row is read afresh, even if the session held it
    already. Read the moment of the change (``ctx.now()``) after this.
    """
    query = select(Hypothesis).where(
        Hypothesis.programme_id == programme_id, Hypothesis.code == code.strip().upper()
    )
    if for_update:
        query = for_write(query).execution_options(populate_existing=True)
    hypothesis = session.exec(query).first()
    if hypothesis is None:
        raise NotFound(
            f"unknown hypothesis {code.strip()!r}",
            danish=f"Hypotesen {code.strip()!r} findes ikke.",
        )
    return hypothesis


def _bucket_id(session: Session, programme_id: int, key: str | None) -> int | None:
    if key is None or key.strip().lower() in ("", "none", "ingen"):
        return None
    names = session.exec(
        select(Bucket.name, Bucket.key).where(Bucket.programme_id == programme_id)
    )  # a bucket by its Danish name too, in any case (a programme has a handful)
    by_name = {name.casefold(): bucket_key for name, bucket_key in names}
    key = by_name.get(key.strip().casefold()) or check_key(key)
    bucket_id = session.exec(
        select(Bucket.id).where(Bucket.programme_id == programme_id, Bucket.key == key)
    ).first()
    if bucket_id is None:
        known = ", ".join(
            session.exec(
                select(Bucket.key).where(Bucket.programme_id == programme_id).order_by(Bucket.key)
            )
        )
        raise NotFound(
            f"unknown bucket {key!r} (known: {known})",
            danish=f"Puljen {key!r} findes ikke (kendte puljer: {known}).",
        )
    return bucket_id


def _bucket_key(session: Session, bucket_id: int | None) -> str | None:
    if bucket_id is None:
        return None
    bucket = session.get(Bucket, bucket_id)
    return bucket.key if bucket else None


def hypothesis_view(session: Session, h: Hypothesis) -> HypothesisView:
    return HypothesisView(
        code=h.code,
        title=h.title,
        area=h.area,
        owner=h.owner,
        description=h.description,
        stage=Stage(h.stage),
        bucket=_bucket_key(session, h.bucket_id),
        confidence_pct=h.confidence_pct,
        version=h.version,
        created_at=h.created_at,
        updated_at=h.updated_at,
        benefit_type=BenefitType(h.benefit_type),
    )


def add_hypothesis(
    session: Session,
    ctx: ChangeContext,
    code: str,
    *,
    title: str,
    area: str = "",
    owner: str = "",
    stage: Stage | str = Stage.IDENTIFIED,
    bucket: str | None = None,
    confidence_pct: int | None = None,
    description: str = "",
    benefit_type: BenefitType | str = BenefitType.KONTANT,
    note: str = "",
    decision: str = "",
) -> HypothesisView:
    """Add a hypothesis; its event carries every initial value, and the decision
    (``decision``) its first stage rests on, if one is named."""
    programme = get_programme(session)
    assert programme.id is not None
    code = check_code(code)
    if session.exec(
        select(Hypothesis.id).where(
            Hypothesis.programme_id == programme.id, Hypothesis.code == code
        )
    ).first():
        raise AlreadyExists(
            f"hypothesis {code} exists already (use `parat hypothesis set`)",
            danish=f"Hypotesen {code} findes allerede: vælg en anden kode.",
        )
    values = {
        "title": check_text(title, "title", required=True),
        "area": check_text(area, "area"),
        "owner": check_text(owner, "owner"),
        "description": check_text(description, "description", max_len=10_000),
        "stage": to_stage(stage).value,
        "confidence_pct": None
        if confidence_pct is None
        else check_percent(confidence_pct, "confidence"),
        "benefit_type": check_benefit_type(benefit_type).value,
    }
    bucket_id = _bucket_id(session, programme.id, bucket)
    now = ctx.now()
    hypothesis = Hypothesis(
        programme_id=programme.id,
        code=code,
        bucket_id=bucket_id,
        created_at=now,
        updated_at=now,
        **values,  # type: ignore[arg-type]
    )
    session.add(hypothesis)
    session.flush()
    record_event(
        session,
        ctx,
        now,
        programme_id=programme.id,
        action="hypothesis.add",
        subject=code,
        hypothesis_id=hypothesis.id,
        new=json.dumps({**values, "bucket": _bucket_key(session, bucket_id)}, ensure_ascii=False),
        note=check_text(note, "note", max_len=2000),
        decision=check_decision(decision),
    )
    session.flush()
    return hypothesis_view(session, hypothesis)


def update_hypothesis(
    session: Session,
    ctx: ChangeContext,
    code: str,
    *,
    title: str | object = UNSET,
    area: str | object = UNSET,
    owner: str | object = UNSET,
    description: str | object = UNSET,
    stage: Stage | str | object = UNSET,
    bucket: str | object | None = UNSET,
    confidence_pct: int | object | None = UNSET,
    benefit_type: BenefitType | str | object = UNSET,
    note: str = "",
    decision: str = "",
    expect_version: int | None = None,
) -> tuple[HypothesisView, int]:
    """Change the given fields; returns the hypothesis and the number of changes.

    ``expect_version`` refuses the update with :class:`StaleVersion` when someone
    changed the hypothesis since the caller read it. A stage move backward or to
    dropped needs a ``note``; any stage move may name the ``decision`` it rests on
    (kept with the stage's event; refused without a stage). Unchanged values write
    nothing.
    """
    programme = get_programme(session)
    assert programme.id is not None
    h = find_hypothesis(session, programme.id, code, for_update=True)
    if expect_version is not None and h.version != expect_version:
        raise StaleVersion(h.code, expect_version, h.version)
    note = check_text(note, "note", max_len=2000)
    decision = check_decision(decision)
    if decision and stage is UNSET:
        raise InvalidInput(
            f"a decision goes with a stage move: give the stage {h.code} moves to (--stage)",
            danish=f"En beslutning hører til et faseskift: angiv den fase, {h.code} flyttes "
            "til (--stage).",
        )
    new: dict[str, object] = {}
    if title is not UNSET:
        new["title"] = check_text(str(title), "title", required=True)
    if area is not UNSET:
        new["area"] = check_text(str(area), "area")
    if owner is not UNSET:
        new["owner"] = check_text(str(owner), "owner")
    if description is not UNSET:
        new["description"] = check_text(str(description), "description", max_len=10_000)
    if stage is not UNSET:
        new_stage = to_stage(stage)  # type: ignore[arg-type]
        if stage_move_needs_note(Stage(h.stage), new_stage) and not note:
            raise InvalidInput(
                f"moving {h.code} from {h.stage} to {new_stage.value} needs a note (--note)",
                danish=f"At flytte {h.code} fra {Stage(h.stage).label} til {new_stage.label} "
                "kræver en note (hvorfor?).",
            )
        new["stage"] = new_stage.value
    if confidence_pct is not UNSET:
        new["confidence_pct"] = (
            None if confidence_pct is None else check_percent(confidence_pct, "confidence")  # type: ignore[arg-type]
        )
    if benefit_type is not UNSET:
        new["benefit_type"] = check_benefit_type(benefit_type).value  # type: ignore[arg-type]
    if bucket is not UNSET:
        new["bucket_id"] = _bucket_id(session, programme.id, bucket)  # type: ignore[arg-type]
    now = ctx.now()
    changed = 0
    for field, value in new.items():
        old = getattr(h, field)
        if old == value:
            continue
        setattr(h, field, value)
        shown_field, old_shown, new_shown = field, old, value
        if field == "bucket_id":
            shown_field = "bucket"
            old_shown = _bucket_key(session, old)  # type: ignore[arg-type]
            new_shown = _bucket_key(session, value)  # type: ignore[arg-type]
        record_event(
            session,
            ctx,
            now,
            programme_id=programme.id,
            action="hypothesis.set",
            subject=h.code,
            hypothesis_id=h.id,
            field=shown_field,
            old=old_shown,
            new=new_shown,
            note=note,
            decision=decision if field == "stage" else "",
        )
        changed += 1
    if changed:
        h.updated_at = now
        session.add(h)
        session.flush()
    return hypothesis_view(session, h), changed


def list_hypotheses(
    session: Session,
    *,
    stage: Stage | str | None = None,
    area: str | None = None,
    owner: str | None = None,
    bucket: str | None = None,
) -> list[HypothesisView]:
    """Hypotheses by code, filtered by stage, area, owner (case-insensitive) or bucket."""
    programme = get_programme(session)
    query = select(Hypothesis).where(Hypothesis.programme_id == programme.id)
    if stage is not None:
        query = query.where(Hypothesis.stage == to_stage(stage).value)
    if bucket is not None:
        assert programme.id is not None
        query = query.where(Hypothesis.bucket_id == _bucket_id(session, programme.id, bucket))
    rows = sorted(session.exec(query), key=lambda h: code_key(h.code))
    # Compared in Python: SQLite's LIKE folds only ASCII ("Ældre" ≠ "ældre") and would
    # read % and _ in a name as wildcards.
    wanted = {
        name: value.strip().casefold()
        for name, value in (("area", area), ("owner", owner))
        if value and value.strip()
    }
    return [
        hypothesis_view(session, h)
        for h in rows
        if all(getattr(h, name).strip().casefold() == value for name, value in wanted.items())
    ]


def hypothesis_events(
    session: Session, hypothesis_id: int, limit: int | None = None
) -> list[EventView]:
    query = select(Event).where(Event.hypothesis_id == hypothesis_id).order_by(col(Event.id).desc())
    if limit is not None:
        query = query.limit(limit)
    return [EventView.of(e) for e in session.exec(query)]


def touch(h: Hypothesis, at: datetime) -> None:
    """Mark the hypothesis changed (bumps its version through the ORM's version column).

    Flagged explicitly: with a fixed clock (``PARAT_NOW``) or two changes in the same
    microsecond, ``updated_at`` keeps its value and the ORM would skip the UPDATE, and
    with it the version bump.
    """
    h.updated_at = at
    flag_modified(h, "updated_at")
