"""the tea corner: menu items (options, prices and recipes), the day's order numbers, orders,
their drink lines and the tickets for the tea counter's printer

Revision ID: 0018
Revises: 0016
Create Date: 2026-12-03 09:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0018'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('tea_menu_items',
    sa.Column('product_id', sa.String(length=36), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('image', sa.String(length=300), nullable=True),
    sa.Column('groups', sa.JSON(), nullable=False),
    sa.Column('recipe', sa.JSON(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_tea_menu_items_product_id_products')),
    sa.PrimaryKeyConstraint('product_id', name=op.f('pk_tea_menu_items'))
    )
    op.create_table('tea_order_days',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('last_no', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('day', name=op.f('pk_tea_order_days'))
    )
    op.create_table('tea_orders',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('sale_id', sa.String(length=36), nullable=False),
    sa.Column('receipt_no', sa.String(length=40), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ready_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('done_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("status IN ('new','ready','collected','cancelled')", name=op.f('ck_tea_orders_status')),
    sa.ForeignKeyConstraint(['sale_id'], ['sales.id'], name=op.f('fk_tea_orders_sale_id_sales')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tea_orders')),
    sa.UniqueConstraint('day', 'number', name=op.f('uq_tea_orders_day_number')),
    sa.UniqueConstraint('sale_id', name=op.f('uq_tea_orders_sale_id'))
    )
    with op.batch_alter_table('tea_orders', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tea_orders_created_at'), ['created_at'], unique=False)

    op.create_table('tea_lines',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('order_id', sa.String(length=36), nullable=False),
    sa.Column('sale_line_no', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.String(length=36), nullable=False),
    sa.Column('sku', sa.String(length=40), nullable=False),
    sa.Column('name_th', sa.String(length=300), nullable=False),
    sa.Column('name_en', sa.String(length=300), nullable=False),
    sa.Column('quantity', sa.Numeric(precision=12, scale=3), nullable=False),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('detail_th', sa.String(length=300), nullable=False),
    sa.Column('detail_en', sa.String(length=300), nullable=False),
    sa.Column('options', sa.JSON(), nullable=False),
    sa.Column('cancelled', sa.Numeric(precision=12, scale=3), nullable=False),
    sa.Column('refunded', sa.Numeric(precision=12, scale=3), nullable=False),
    sa.Column('refunded_amount', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.ForeignKeyConstraint(['order_id'], ['tea_orders.id'], name=op.f('fk_tea_lines_order_id_tea_orders')),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_tea_lines_product_id_products')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tea_lines')),
    sa.UniqueConstraint('order_id', 'sale_line_no', name=op.f('uq_tea_lines_order_id_sale_line_no'))
    )
    with op.batch_alter_table('tea_lines', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tea_lines_order_id'), ['order_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_tea_lines_product_id'), ['product_id'], unique=False)

    op.create_table('tea_tickets',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('line_id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('quantity', sa.Numeric(precision=12, scale=3), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('job_id', sa.String(length=36), nullable=True),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("kind IN ('order','cancel','reprint')", name=op.f('ck_tea_tickets_kind')),
    sa.ForeignKeyConstraint(['job_id'], ['print_jobs.id'], name=op.f('fk_tea_tickets_job_id_print_jobs')),
    sa.ForeignKeyConstraint(['line_id'], ['tea_lines.id'], name=op.f('fk_tea_tickets_line_id_tea_lines')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tea_tickets'))
    )
    with op.batch_alter_table('tea_tickets', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tea_tickets_line_id'), ['line_id'], unique=False)
        batch_op.create_index('uq_tea_tickets_order_line', ['line_id'], unique=True,
                              sqlite_where=sa.text("kind = 'order'"),
                              postgresql_where=sa.text("kind = 'order'"))


def downgrade() -> None:
    with op.batch_alter_table('tea_tickets', schema=None) as batch_op:
        batch_op.drop_index('uq_tea_tickets_order_line')
        batch_op.drop_index(batch_op.f('ix_tea_tickets_line_id'))
    op.drop_table('tea_tickets')
    with op.batch_alter_table('tea_lines', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_tea_lines_product_id'))
        batch_op.drop_index(batch_op.f('ix_tea_lines_order_id'))
    op.drop_table('tea_lines')
    with op.batch_alter_table('tea_orders', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_tea_orders_created_at'))
    op.drop_table('tea_orders')
    op.drop_table('tea_order_days')
    op.drop_table('tea_menu_items')
