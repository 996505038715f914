"""Read queries over the validations of realised figures (validering).

A validation names the figure record it was given for; the latest verdict per record
(up to a moment) stands. A hypothesis's realised figure for a year is validated at a
moment when the record standing then has an approving latest verdict: a later record
of the figure (a changed amount) has none until it is validated in turn.
"""

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from db.models import Figure, Hypothesis, Validation

__all__ = [
    "current_realised",
    "has_validations",
    "validated_amounts",
    "validation_rows",
]

_F = Figure.__table__  # type: ignore[attr-defined]
_V = Validation.__table__  # type: ignore[attr-defined]
_H = Hypothesis.__table__  # type: ignore[attr-defined]


def _latest_verdicts(programme_id: int, as_of: datetime | None) -> sa.Select[Any]:
    """The id of the latest verdict per figure record (recorded up to ``as_of``)."""
    query = sa.select(sa.func.max(_V.c.id)).where(_V.c.programme_id == programme_id)
    if as_of is not None:
        query = query.where(_V.c.recorded_at <= as_of)
    return query.group_by(_V.c.figure_id)


def _standing_record(as_of: datetime | None) -> sa.ScalarSelect[Any]:
    """The realised record of the verdict's hypothesis and year standing at ``as_of``."""
    query = sa.select(sa.func.max(_F.c.id)).where(
        _F.c.hypothesis_id == _V.c.hypothesis_id,
        _F.c.kind == "realised",
        _F.c.year == _V.c.year,
    )
    if as_of is not None:
        query = query.where(_F.c.recorded_at <= as_of)
    return query.correlate(_V).scalar_subquery()


def validated_amounts(
    conn: Connection, programme_id: int, as_of: datetime | None = None
) -> dict[int, dict[int, int]]:
    """hypothesis id → year → the realised amount validated (approved) at ``as_of``:
    the standing realised record's amount when its latest verdict approves it."""
    query = (
        sa.select(_V.c.hypothesis_id, _V.c.year, _F.c.amount_kr)
        .select_from(_V.join(_F, _F.c.id == _V.c.figure_id))
        .where(
            _V.c.id.in_(_latest_verdicts(programme_id, as_of)),
            _V.c.approved.is_(True),
            _V.c.figure_id == _standing_record(as_of),
        )
    )
    result: dict[int, dict[int, int]] = {}
    for hid, year, amount in conn.execute(query):
        result.setdefault(hid, {})[year] = amount
    return result


def has_validations(conn: Connection, programme_id: int, as_of: datetime | None = None) -> bool:
    """Whether any verdict (approving or not) was recorded up to ``as_of``."""
    query = sa.select(_V.c.id).where(_V.c.programme_id == programme_id)
    if as_of is not None:
        query = query.where(_V.c.recorded_at <= as_of)
    return conn.execute(query.limit(1)).first() is not None


def current_realised(conn: Connection, hypothesis_id: int, year: int) -> sa.Row[Any] | None:
    """The standing realised record (id, amount_kr, actor, recorded_at) of one
    hypothesis and year, or ``None`` when none was ever recorded."""
    query = (
        sa.select(_F.c.id, _F.c.amount_kr, _F.c.actor, _F.c.recorded_at)
        .where(_F.c.hypothesis_id == hypothesis_id, _F.c.kind == "realised", _F.c.year == year)
        .order_by(_F.c.id.desc())
        .limit(1)
    )
    return conn.execute(query).first()


def validation_rows(
    conn: Connection,
    programme_id: int,
    *,
    hypothesis_id: int | None = None,
    as_of: datetime | None = None,
) -> list[sa.Row[Any]]:
    """Every verdict up to ``as_of``, oldest first, with its hypothesis's code, the
    amount of the record it was given for and whether that record still stands
    (``standing``)."""
    standing = (_V.c.figure_id == _standing_record(as_of)).label("standing")
    query = (
        sa.select(
            _V.c.id,
            _V.c.hypothesis_id,
            _V.c.year,
            _V.c.figure_id,
            _V.c.approved,
            _V.c.reference,
            _V.c.note,
            _V.c.recorded_at,
            _V.c.actor,
            _F.c.amount_kr,
            standing,
            _H.c.code,
        )
        .select_from(_V.join(_F, _F.c.id == _V.c.figure_id).join(_H, _H.c.id == _V.c.hypothesis_id))
        .where(_V.c.programme_id == programme_id)
        .order_by(_V.c.recorded_at, _V.c.id)
    )
    if hypothesis_id is not None:
        query = query.where(_V.c.hypothesis_id == hypothesis_id)
    if as_of is not None:
        query = query.where(_V.c.recorded_at <= as_of)
    return list(conn.execute(query))
