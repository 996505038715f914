"""programme.last_year, display_unit, display_decimals: later years and precision

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 10:00:00

A programme's trajectory may run past its target year into the overslagsår (varig
virkning): ``last_year``. Every programme before this revision ended at its target
year, so it gets ``last_year = target_year``. The programme also keeps how people
see its amounts by default (``display_unit`` mio/tkr/kr, ``display_decimals``): the
unit and decimals of today's display, mio. kr. with one decimal, for every existing
one (server defaults, so that the columns can be filled in one statement on SQLite).
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("programme", schema=None) as batch_op:
        batch_op.add_column(sa.Column("last_year", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "display_unit",
                sqlmodel.sql.sqltypes.AutoString(),
                nullable=False,
                server_default="mio",
            )
        )
        batch_op.add_column(
            sa.Column("display_decimals", sa.Integer(), nullable=False, server_default="1")
        )
    op.execute("UPDATE programme SET last_year = target_year")
    # SQLite makes the column NOT NULL by copying the table that every other table
    # refers to: db.schema.upgrade runs the migrations with its foreign keys off and
    # checks them all before the commit.
    with op.batch_alter_table("programme", schema=None) as batch_op:
        batch_op.alter_column("last_year", existing_type=sa.Integer(), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("programme", schema=None) as batch_op:
        batch_op.drop_column("display_decimals")
        batch_op.drop_column("display_unit")
        batch_op.drop_column("last_year")
