"""terminals name their sales channel (counter, web, LINE, Facebook)

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03 06:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('terminals', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('channel', sa.String(length=12), server_default='counter', nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table('terminals', schema=None) as batch_op:
        batch_op.drop_column('channel')
