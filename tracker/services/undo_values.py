"""What undo reads and writes one event at a time: the value a field holds now, and
the inverse of a change of the programme's frame or of a bucket.

These are few per command (a programme or bucket change has one event per value);
hypotheses and figures, which an import changes by the thousand, are reverted in
bulk by :mod:`tracker.services.audit`.
"""

from sqlmodel import Session, select

from db.models import Bucket, Programme, StageWeight
from db.undo import EventRow
from tracker.errors import InvalidInput, NotFound
from tracker.services import hypotheses, programme
from tracker.services.context import ChangeContext
from tracker.services.overlaps import ACTIONS as OVERLAP_ACTIONS
from tracker.services.overlaps import overlap_value
from tracker.services.programme import get_programme

__all__ = ["current_value", "revert_frame"]


def current_value(session: Session, e: EventRow) -> str | None:
    """The value the field of ``e`` (a hypothesis, programme, bucket or overlap
    event) holds now, written as the log writes it."""
    if e.action in OVERLAP_ACTIONS:
        return overlap_value(session, e)
    prog = get_programme(session)
    assert prog.id is not None
    if e.action == "hypothesis.set":
        h = hypotheses.find_hypothesis(session, prog.id, e.subject)
        if e.field == "bucket":
            value: object = hypotheses._bucket_key(session, h.bucket_id)
        else:
            value = getattr(h, e.field)
    elif e.action == "programme.set":
        if e.field.startswith("weight."):
            row = session.get(StageWeight, (prog.id, e.field.removeprefix("weight.")))
            value = row.weight_pct if row else None
        else:
            value = getattr(session.get(Programme, prog.id), e.field)
    else:  # bucket.set
        bucket = session.exec(
            select(Bucket).where(Bucket.programme_id == prog.id, Bucket.key == e.subject)
        ).first()
        if bucket is None:
            raise NotFound(
                f"bucket {e.subject!r} no longer exists",
                danish=f"Puljen {e.subject!r} findes ikke længere.",
            )
        value = getattr(bucket, e.field)
    return None if value is None else str(value)


def revert_frame(session: Session, ctx: ChangeContext, events: list[EventRow]) -> None:
    """Write the inverse of each programme or bucket event (these have no version)."""
    for e in events:
        note = f"undo of event #{e.id}"
        old = e.old_value
        if old is None:
            raise InvalidInput(
                f"event #{e.id} has no earlier value to go back to",
                danish=f"Hændelse #{e.id} har ingen tidligere værdi at gå tilbage til.",
            )
        if e.action == "programme.set":
            _revert_programme(session, ctx, e.field, old, note)
        elif e.field == "name":
            programme.set_bucket(session, ctx, e.subject, name=old, note=note)
        elif e.field == "target_kr":
            programme.set_bucket(session, ctx, e.subject, target=int(old), note=note)
        else:
            programme.set_bucket(session, ctx, e.subject, priority=int(old), note=note)


def _revert_programme(
    session: Session, ctx: ChangeContext, field: str, old: str, note: str
) -> None:
    if field.startswith("weight."):
        weights = {field.removeprefix("weight."): int(old)}
        programme.set_programme(session, ctx, weights=weights, note=note)
    elif field == "target_kr":
        programme.set_programme(session, ctx, target=int(old), note=note)
    elif field == "target_year":
        programme.set_programme(session, ctx, target_year=int(old), note=note)
    elif field == "first_year":
        programme.set_programme(session, ctx, first_year=int(old), note=note)
    elif field == "last_year":
        programme.set_programme(session, ctx, last_year=int(old), note=note)
    elif field == "display_unit":
        programme.set_programme(session, ctx, display_unit=old, note=note)
    elif field == "display_decimals":
        programme.set_programme(session, ctx, display_decimals=int(old), note=note)
    elif field == "counting_types":
        programme.set_programme(session, ctx, counting_types=old, note=note)
    elif field == "allocation":
        programme.set_programme(session, ctx, allocation=old, note=note)
    elif field == "validators":
        programme.set_programme(session, ctx, validators=old, note=note)
    else:
        programme.set_programme(session, ctx, name=old, note=note)
