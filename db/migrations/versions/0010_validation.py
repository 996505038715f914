"""validation: the finance department's verdict on a realised figure

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-11 10:00:00

A realised figure is registered by one person and validated (approved or rejected
against the accounts) by another. Each verdict is a row that names the figure record
it was given for, so a later record of the same figure stands unvalidated. The
programme gets the list of who may validate on SQLite (``validators``, empty: nobody).

On PostgreSQL the right to validate is the role ``parat_validator``, checked by the
server: the role is created when it does not exist (and the migrating user may create
roles), INSERT on the new table is granted to it alone, and taken from every other
role that got it (by default privileges, such as the writers' of a shared
installation, or as the table's owner): only a member of ``parat_validator`` (or a
superuser) may then validate. Everyone who may read the programme may read the
verdicts (SELECT is granted as for any new table).
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

import db.types

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: The PostgreSQL role whose members may validate.
VALIDATOR_ROLE = "parat_validator"

# The table's INSERT for parat_validator alone. A role that cannot be created (the
# migrating user lacks CREATEROLE) leaves the table to the superuser: nobody else
# may validate until an administrator creates the role and grants INSERT.
_GRANTS = f"""
DO $$
DECLARE
    grantee_name text;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{VALIDATOR_ROLE}') THEN
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = current_user
                   AND (rolcreaterole OR rolsuper)) THEN
            BEGIN
                CREATE ROLE {VALIDATOR_ROLE} NOLOGIN;
            EXCEPTION WHEN duplicate_object THEN
                NULL;  -- created at the same moment for another database
            END;
        ELSE
            RAISE WARNING 'role {VALIDATOR_ROLE} is missing and % may not create it', current_user;
        END IF;
    END IF;
    FOR grantee_name IN
        SELECT DISTINCT acl.grantee::regrole::text
        FROM pg_class AS c, aclexplode(c.relacl) AS acl
        WHERE c.oid = 'validation'::regclass AND acl.privilege_type = 'INSERT'
          AND acl.grantee <> 0
    LOOP
        EXECUTE 'REVOKE INSERT ON validation FROM ' || grantee_name;
    END LOOP;
    REVOKE INSERT ON validation FROM CURRENT_USER;
    REVOKE INSERT ON validation FROM PUBLIC;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{VALIDATOR_ROLE}') THEN
        GRANT INSERT ON validation TO {VALIDATOR_ROLE};
        GRANT USAGE ON SEQUENCE validation_id_seq TO {VALIDATOR_ROLE};
    END IF;
END
$$;
"""


def upgrade() -> None:
    with op.batch_alter_table("programme", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "validators",
                sqlmodel.sql.sqltypes.AutoString(),
                nullable=False,
                server_default="",
            )
        )
    op.create_table(
        "validation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("hypothesis_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("figure_id", sa.Integer(), nullable=False),
        sa.Column("approved", sa.Boolean(), nullable=False),
        sa.Column("reference", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("recorded_at", db.types.UTCDateTime(), nullable=False),
        sa.Column("actor", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(
            ["figure_id"], ["figure.id"], name=op.f("fk_validation_figure_id_figure")
        ),
        sa.ForeignKeyConstraint(
            ["hypothesis_id"],
            ["hypothesis.id"],
            name=op.f("fk_validation_hypothesis_id_hypothesis"),
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"], ["programme.id"], name=op.f("fk_validation_programme_id_programme")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_validation")),
    )
    op.create_index("ix_validation_figure_id_id", "validation", ["figure_id", "id"], unique=False)
    op.create_index(
        "ix_validation_hypothesis_id_year", "validation", ["hypothesis_id", "year"], unique=False
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_GRANTS)


def downgrade() -> None:
    # The role stays: it is the cluster's, and other databases may use it.
    op.drop_index("ix_validation_hypothesis_id_year", table_name="validation")
    op.drop_index("ix_validation_figure_id_id", table_name="validation")
    op.drop_table("validation")
    with op.batch_alter_table("programme", schema=None) as batch_op:
        batch_op.drop_column("validators")
