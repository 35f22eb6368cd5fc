"""products.web_safety_buffer: pieces of a product kept back from the web shop (NULL: the
shop's setting web_safety_buffer)

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-03 08:50:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('products', schema=None) as batch_op:
        batch_op.add_column(sa.Column('web_safety_buffer', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('products', schema=None) as batch_op:
        batch_op.drop_column('web_safety_buffer')
