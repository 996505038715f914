"""ramme, budget_figure, budget_cut: from decision to budget and accounts

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-10 10:00:00

A ramme (bevillingsområde) has a key, a name, an optional udvalg and whether it is
inside the serviceramme. Its budget figures per year (original, supplementary,
carried, actual, forecast) are append-only records like the hypotheses' figures; a
cleared figure is a record without an amount. A cut (udmøntning) is a hypothesis's
reduction of a ramme for a year with the decision it rests on, append-only too; a
withdrawn cut is a record without an amount. New tables only: an upgraded database
has no rammer, and its status is the status it had.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

import db.types

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "ramme",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("udvalg", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("serviceramme", sa.Boolean(), nullable=False),
        sa.Column("created_at", db.types.UTCDateTime(), nullable=False),
        sa.Column("updated_at", db.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["programme_id"], ["programme.id"], name=op.f("fk_ramme_programme_id_programme")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ramme")),
        sa.UniqueConstraint("programme_id", "key", name=op.f("uq_ramme_programme_id_key")),
    )
    with op.batch_alter_table("ramme", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ramme_programme_id"), ["programme_id"], unique=False)

    op.create_table(
        "budget_figure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ramme_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("amount_kr", sa.BigInteger(), nullable=True),
        sa.Column("recorded_at", db.types.UTCDateTime(), nullable=False),
        sa.Column("actor", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(
            ["ramme_id"], ["ramme.id"], name=op.f("fk_budget_figure_ramme_id_ramme")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_budget_figure")),
    )
    with op.batch_alter_table("budget_figure", schema=None) as batch_op:
        batch_op.create_index(
            "ix_budget_figure_current",
            ["ramme_id", "kind", "year", "id", "recorded_at", "amount_kr"],
            unique=False,
        )

    op.create_table(
        "budget_cut",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("hypothesis_id", sa.Integer(), nullable=False),
        sa.Column("ramme_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("amount_kr", sa.BigInteger(), nullable=True),
        sa.Column("decision", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("recorded_at", db.types.UTCDateTime(), nullable=False),
        sa.Column("actor", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(
            ["hypothesis_id"],
            ["hypothesis.id"],
            name=op.f("fk_budget_cut_hypothesis_id_hypothesis"),
        ),
        sa.ForeignKeyConstraint(
            ["ramme_id"], ["ramme.id"], name=op.f("fk_budget_cut_ramme_id_ramme")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_budget_cut")),
    )
    with op.batch_alter_table("budget_cut", schema=None) as batch_op:
        batch_op.create_index(
            "ix_budget_cut_current",
            ["hypothesis_id", "ramme_id", "year", "id", "recorded_at", "amount_kr"],
            unique=False,
        )
        batch_op.create_index("ix_budget_cut_ramme_id", ["ramme_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("budget_cut", schema=None) as batch_op:
        batch_op.drop_index("ix_budget_cut_ramme_id")
        batch_op.drop_index("ix_budget_cut_current")
    op.drop_table("budget_cut")
    with op.batch_alter_table("budget_figure", schema=None) as batch_op:
        batch_op.drop_index("ix_budget_figure_current")
    op.drop_table("budget_figure")
    with op.batch_alter_table("ramme", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ramme_programme_id"))
    op.drop_table("ramme")
