"""quizzes: second-language time and open book

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-26 05:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("quizzes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("second_language_minutes", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("open_book", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade():
    with op.batch_alter_table("quizzes", schema=None) as batch_op:
        batch_op.drop_column("open_book")
        batch_op.drop_column("second_language_minutes")
