"""price_changes: a product's price history (old, new, when, by whom), kept by the back office

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 00:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('price_changes',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('product_id', sa.String(length=36), nullable=False),
    sa.Column('old_price', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('new_price', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('changed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('changed_by', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_price_changes_product_id_products')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_price_changes'))
    )
    op.create_index(op.f('ix_price_changes_product_id'), 'price_changes', ['product_id'])


def downgrade() -> None:
    op.drop_table('price_changes')
