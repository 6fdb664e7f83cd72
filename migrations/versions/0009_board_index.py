"""assignment_results: a covering index for the cohort board

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-26 04:40:00

"""

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

COLUMNS = ["assignment_id", "user_id", "completed_at", "score", "started", "attempts"]


def upgrade():
    with op.batch_alter_table("assignment_results", schema=None) as batch_op:
        batch_op.create_index("ix_assignment_results_board", COLUMNS, unique=False)


def downgrade():
    with op.batch_alter_table("assignment_results", schema=None) as batch_op:
        batch_op.drop_index("ix_assignment_results_board")
