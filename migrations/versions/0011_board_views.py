"""cohorts: a board version, and rendered board pages kept between requests

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-26 06:45:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "board_views",
        sa.Column("cohort_id", sa.Integer(), nullable=False),
        sa.Column("view", sa.String(length=80), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("valid_until", sa.DateTime(timezone=True), nullable=False),
        sa.Column("learners", sa.Integer(), nullable=False),
        sa.Column("assigned", sa.Integer(), nullable=False),
        sa.Column("html", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["cohort_id"],
            ["cohorts.id"],
            name=op.f("fk_board_views_cohort_id_cohorts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("cohort_id", "view", name=op.f("pk_board_views")),
    )
    with op.batch_alter_table("cohorts", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("board_version", sa.Integer(), server_default="0", nullable=False)
        )


def downgrade():
    with op.batch_alter_table("cohorts", schema=None) as batch_op:
        batch_op.drop_column("board_version")
    op.drop_table("board_views")
