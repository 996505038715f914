"""Compute the status from the store: SQL fetches current values, the domain adds up."""

from datetime import datetime

from sqlmodel import Session

from db import queries
from db.models import FIGURE_KINDS
from tracker.domain.stages import DEFAULT_WEIGHTS, Stage
from tracker.domain.status import (
    Allocation,
    BucketFacts,
    HypothesisFacts,
    ProgrammeFacts,
    Status,
    compute_status,
)
from tracker.errors import NotFound

__all__ = ["load_status"]


def load_status(session: Session, as_of: datetime) -> Status:
    """The status of the programme at ``as_of`` (figures recorded up to that moment)."""
    conn = session.connection()
    row = queries.programme_row(conn)
    if row is None:
        raise NotFound("no programme in this database yet: run `parat init` or `parat demo`")
    weights = dict(DEFAULT_WEIGHTS)
    for stage, pct in queries.stage_weights(conn, row.id).items():
        weights[Stage(stage)] = pct
    programme = ProgrammeFacts(
        name=row.name,
        target_kr=row.target_kr,
        target_year=row.target_year,
        first_year=row.first_year,
        allocation=Allocation(row.allocation),
        weights=weights,
        buckets=tuple(
            BucketFacts(b.key, b.name, b.target_kr, b.priority)
            for b in queries.bucket_rows(conn, row.id)
        ),
    )
    kinds = queries.figure_matrix(
        conn,
        first_year=row.first_year,
        last_year=row.target_year,
        kinds=FIGURE_KINDS,
        as_of=as_of,
    )
    empty: dict[str, dict[int, int]] = {}
    hypotheses = []
    for h in queries.hypothesis_rows(conn, row.id):
        figures = kinds.get(h.id, empty)
        hypotheses.append(
            HypothesisFacts(
                code=h.code,
                title=h.title,
                stage=Stage(h.stage),
                area=h.area,
                owner=h.owner,
                bucket=h.bucket,
                confidence_pct=h.confidence_pct,
                version=h.version,
                updated_at=h.updated_at,
                potential=figures.get("potential", {}),
                realised=figures.get("realised", {}),
                investment=figures.get("investment", {}),
            )
        )
    return compute_status(programme, hypotheses, as_of)
