"""report_days: closed days' report groups (all counters or per counter), fingerprinted

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-27 15:15:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('report_days',
    sa.Column('day', sa.String(length=10), nullable=False),
    sa.Column('scope', sa.String(length=36), nullable=False),
    sa.Column('fingerprint', sa.String(length=80), nullable=False),
    sa.Column('groups', sa.Text(), nullable=False),
    sa.Column('computed_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('day', 'scope', name=op.f('pk_report_days'))
    )


def downgrade() -> None:
    op.drop_table('report_days')
