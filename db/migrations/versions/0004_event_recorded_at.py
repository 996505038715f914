"""event.recorded_at: the real moment each change was written

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 23:30:00

A change can be dated earlier than it is written (``--at``: loading the state of an
earlier meeting), so an event keeps both: ``at``, the moment it is dated and that
time travel reads, and ``recorded_at``, when it was written. Every event written
before this revision was written at its moment, so it gets ``recorded_at = at``.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from db.types import UTCDateTime

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.add_column(sa.Column("recorded_at", UTCDateTime(), nullable=True))
    op.execute("UPDATE event SET recorded_at = at")
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.alter_column("recorded_at", existing_type=UTCDateTime(), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.drop_column("recorded_at")
