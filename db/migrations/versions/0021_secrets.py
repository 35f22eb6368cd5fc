"""shop_secrets: the channels' tokens and webhook keys (issue 17), never pulled by counters

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-03 11:55:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0021'
down_revision = '0020'  # after the chat tables (0020) once both are merged
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('shop_secrets',
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_shop_secrets'))
    )


def downgrade() -> None:
    op.drop_table('shop_secrets')
