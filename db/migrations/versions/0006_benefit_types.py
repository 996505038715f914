"""hypothesis.benefit_type, programme.counting_types: what kind of gain, what counts

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-09 10:00:00

Every hypothesis gets a benefit type (gevinsttype: ``kontant``, ``undgaaet``,
``frigjort_tid``, ``kvalitativ``), and the programme the comma-separated list of the
types that count toward its target. Before this revision every gain counted as cash,
so every existing hypothesis is ``kontant`` and every programme counts ``kontant``
alone: the status of an upgraded database is the status it had (server defaults, so
that the columns are filled in one statement on SQLite too).

Ranges need no schema change: ``low`` and ``high`` are two more kinds of figure.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("hypothesis", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "benefit_type",
                sqlmodel.sql.sqltypes.AutoString(),
                nullable=False,
                server_default="kontant",
            )
        )
    with op.batch_alter_table("programme", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "counting_types",
                sqlmodel.sql.sqltypes.AutoString(),
                nullable=False,
                server_default="kontant",
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("programme", schema=None) as batch_op:
        batch_op.drop_column("counting_types")
    with op.batch_alter_table("hypothesis", schema=None) as batch_op:
        batch_op.drop_column("benefit_type")
