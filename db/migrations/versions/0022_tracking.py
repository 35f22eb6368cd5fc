"""order_tracking, order_tracking_events: carrier tracking updates of shipped orders (issue 17)

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-03 12:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0022'
down_revision = '0021'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('order_tracking',
    sa.Column('order_id', sa.String(length=36), nullable=False),
    sa.Column('stage', sa.String(length=20), nullable=True),
    sa.Column('polled_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_order_tracking_order_id_orders')),
    sa.PrimaryKeyConstraint('order_id', name=op.f('pk_order_tracking'))
    )
    op.create_table('order_tracking_events',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('order_id', sa.String(length=36), nullable=False),
    sa.Column('barcode', sa.String(length=40), nullable=False),
    sa.Column('status_code', sa.String(length=8), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('description', sa.String(length=300), nullable=False),
    sa.Column('location', sa.String(length=120), nullable=False),
    sa.Column('postcode', sa.String(length=10), nullable=False),
    sa.Column('delivered', sa.Boolean(), nullable=False),
    sa.Column('receiver', sa.String(length=120), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_order_tracking_events_order_id_orders')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_order_tracking_events')),
    sa.UniqueConstraint('order_id', 'status_code', 'at', name=op.f('uq_order_tracking_events_order_id_status_code_at'))
    )
    with op.batch_alter_table('order_tracking_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_order_tracking_events_order_id'), ['order_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('order_tracking_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_order_tracking_events_order_id'))
    op.drop_table('order_tracking_events')
    op.drop_table('order_tracking')
