"""refunds and refund lines (own gapless number per terminal); stock movements name their refund

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-27 14:05:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table('refunds',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('terminal_id', sa.String(length=36), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('refund_no', sa.String(length=40), nullable=False),
    sa.Column('sale_id', sa.String(length=36), nullable=False),
    sa.Column('receipt_no', sa.String(length=40), nullable=False),
    sa.Column('refunded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('shift_id', sa.String(length=36), nullable=True),
    sa.Column('cashier_id', sa.String(length=36), nullable=False),
    sa.Column('cashier_name', sa.String(length=100), nullable=False),
    sa.Column('approval_id', sa.String(length=36), nullable=True),
    sa.Column('approver_id', sa.String(length=36), nullable=True),
    sa.Column('approver_name', sa.String(length=100), nullable=False),
    sa.Column('reason', sa.String(length=200), nullable=False),
    sa.Column('method', sa.String(length=12), nullable=False),
    sa.Column('total', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('vatable', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('exempt', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('vat', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('vat_rate', sa.Numeric(precision=5, scale=2), nullable=False),
    sa.CheckConstraint("method IN ('cash','promptpay')", name=op.f('ck_refunds_method')),
    sa.CheckConstraint('total > 0', name=op.f('ck_refunds_total')),
    sa.ForeignKeyConstraint(['sale_id'], ['sales.id'], name=op.f('fk_refunds_sale_id_sales')),
    sa.ForeignKeyConstraint(['terminal_id'], ['terminals.id'], name=op.f('fk_refunds_terminal_id_terminals')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_refunds')),
    sa.UniqueConstraint('refund_no', name=op.f('uq_refunds_refund_no')),
    sa.UniqueConstraint('terminal_id', 'seq', name=op.f('uq_refunds_terminal_id_seq'))
    )
    with op.batch_alter_table('refunds', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_refunds_refunded_at'), ['refunded_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_refunds_sale_id'), ['sale_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_refunds_shift_id'), ['shift_id'], unique=False)

    op.create_table('refund_lines',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('refund_id', sa.String(length=36), nullable=False),
    sa.Column('sale_line_id', sa.String(length=36), nullable=False),
    sa.Column('line_no', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.String(length=36), nullable=False),
    sa.Column('sku', sa.String(length=40), nullable=False),
    sa.Column('name_th', sa.String(length=300), nullable=False),
    sa.Column('name_en', sa.String(length=300), nullable=False),
    sa.Column('quantity', sa.Numeric(precision=12, scale=3), nullable=False),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('vat_exempt', sa.Boolean(), nullable=False),
    sa.Column('basket_id', sa.String(length=36), nullable=True),
    sa.CheckConstraint('quantity > 0', name=op.f('ck_refund_lines_quantity')),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_refund_lines_product_id_products')),
    sa.ForeignKeyConstraint(['refund_id'], ['refunds.id'], name=op.f('fk_refund_lines_refund_id_refunds')),
    sa.ForeignKeyConstraint(['sale_line_id'], ['sale_lines.id'], name=op.f('fk_refund_lines_sale_line_id_sale_lines')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_refund_lines')),
    sa.UniqueConstraint('refund_id', 'line_no', name=op.f('uq_refund_lines_refund_id_line_no'))
    )
    with op.batch_alter_table('refund_lines', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_refund_lines_refund_id'), ['refund_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_refund_lines_sale_line_id'), ['sale_line_id'], unique=False)

    with op.batch_alter_table('stock_movements', schema=None) as batch_op:
        batch_op.add_column(sa.Column('refund_id', sa.String(length=36), nullable=True))
        batch_op.create_index(batch_op.f('ix_stock_movements_refund_id'), ['refund_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_stock_movements_refund_id_refunds'), 'refunds', ['refund_id'], ['id'])




def downgrade() -> None:

    with op.batch_alter_table('stock_movements', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_stock_movements_refund_id_refunds'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_stock_movements_refund_id'))
        batch_op.drop_column('refund_id')

    with op.batch_alter_table('refund_lines', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_refund_lines_sale_line_id'))
        batch_op.drop_index(batch_op.f('ix_refund_lines_refund_id'))

    op.drop_table('refund_lines')
    with op.batch_alter_table('refunds', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_refunds_shift_id'))
        batch_op.drop_index(batch_op.f('ix_refunds_sale_id'))
        batch_op.drop_index(batch_op.f('ix_refunds_refunded_at'))

    op.drop_table('refunds')

