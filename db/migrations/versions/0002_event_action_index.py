"""event (action, at) index for time travel

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 15:00:00

``status --as-of``, ``diff`` and baselines read the few attribute events
(hypothesis.set, programme.set, bucket.*) before or after a moment; without this
index SQLite scans the whole log, which is dominated by figure events.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.create_index("ix_event_action_at", ["action", "at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.drop_index("ix_event_action_at")
