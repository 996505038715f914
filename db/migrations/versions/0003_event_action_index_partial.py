"""event (action, at) index without the figure events

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 16:00:00

``ix_event_action_at`` (0002) serves time travel, which reads only the few
attribute events (hypothesis.set, programme.set, bucket.*). Figure events are the
bulk of the log and were never read through it, yet every one of them was added to
it, in the middle of the index (a batch import of 100,000 figures paid for 100,000
entries there). The index now holds the other events only; the queries that use it
say ``action <> 'figure.set'``, so both SQLite and PostgreSQL pick it.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NOT_FIGURES = "action <> 'figure.set'"


def upgrade() -> None:
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.drop_index("ix_event_action_at")
        batch_op.create_index(
            "ix_event_action_at",
            ["action", "at"],
            unique=False,
            sqlite_where=sa.text(NOT_FIGURES),
            postgresql_where=sa.text(NOT_FIGURES),
        )


def downgrade() -> None:
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.drop_index("ix_event_action_at")
        batch_op.create_index("ix_event_action_at", ["action", "at"], unique=False)
