"""overlap: double counting (dobbelttælling) between hypotheses, append-only

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-10 10:00:00

An overlap names two or more hypotheses that claim the same gain, the amount
counted twice in the target year and a note. Like the figures, it is recorded
append-only: each add, change or drop is a new row, so the overlaps at any past
moment are the latest row per name at or before it. No existing data moves: a
database without overlaps keeps its status.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

import db.types

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "overlap",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("members", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("amount_kr", sa.BigInteger(), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("dropped", sa.Boolean(), nullable=False),
        sa.Column("recorded_at", db.types.UTCDateTime(), nullable=False),
        sa.Column("actor", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(
            ["programme_id"], ["programme.id"], name=op.f("fk_overlap_programme_id_programme")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_overlap")),
    )
    op.create_index(
        "ix_overlap_programme_id_name_id", "overlap", ["programme_id", "name", "id"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_overlap_programme_id_name_id", table_name="overlap")
    op.drop_table("overlap")
