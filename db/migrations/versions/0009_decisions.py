"""event.decision: the decision a stage move rests on

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-10 10:00:00

A stage move can name the decision behind it ("Chefgruppemøde 2, 12.03.2018"),
kept with the move's event beside its note. No event written before this revision
has one: they get the empty text (a server default, so that the column is filled in
one statement on SQLite too).
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "decision",
                sqlmodel.sql.sqltypes.AutoString(),
                nullable=False,
                server_default="",
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.drop_column("decision")
