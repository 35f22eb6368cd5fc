"""stock documents (deliveries, returns to producers, adjustments, counts) and their lines;
stock movements name their document; low-stock thresholds

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03 00:10:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('stock_documents',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('terminal_id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=40), nullable=False),
    sa.Column('producer_id', sa.String(length=36), nullable=True),
    sa.Column('reference', sa.String(length=60), nullable=False),
    sa.Column('doc_date', sa.Date(), nullable=False),
    sa.Column('reason', sa.String(length=20), nullable=False),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.Column('scope', sa.String(length=100), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('created_by', sa.String(length=36), nullable=False),
    sa.Column('created_name', sa.String(length=100), nullable=False),
    sa.Column('approved_by', sa.String(length=36), nullable=True),
    sa.Column('approved_name', sa.String(length=100), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('posted_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['producer_id'], ['producers.id'], name=op.f('fk_stock_documents_producer_id_producers')),
    sa.ForeignKeyConstraint(['terminal_id'], ['terminals.id'], name=op.f('fk_stock_documents_terminal_id_terminals')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stock_documents')),
    sa.UniqueConstraint('number', name=op.f('uq_stock_documents_number')),
    sa.UniqueConstraint('terminal_id', 'kind', 'seq', name=op.f('uq_stock_documents_terminal_id_kind_seq'))
    )
    with op.batch_alter_table('stock_documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stock_documents_producer_id'), ['producer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_stock_documents_posted_at'), ['posted_at'], unique=False)

    op.create_table('stock_document_lines',
    sa.Column('document_id', sa.String(length=36), nullable=False),
    sa.Column('product_id', sa.String(length=36), nullable=False),
    sa.Column('line_no', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.Numeric(precision=12, scale=3), nullable=False),
    sa.Column('expected', sa.Numeric(precision=12, scale=3), nullable=True),
    sa.Column('cost', sa.Numeric(precision=12, scale=2), nullable=True),
    sa.Column('best_before', sa.Date(), nullable=True),
    sa.Column('counted_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['document_id'], ['stock_documents.id'], name=op.f('fk_stock_document_lines_document_id_stock_documents')),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_stock_document_lines_product_id_products')),
    sa.PrimaryKeyConstraint('document_id', 'product_id', name=op.f('pk_stock_document_lines'))
    )
    op.create_table('stock_thresholds',
    sa.Column('product_id', sa.String(length=36), nullable=False),
    sa.Column('low', sa.Numeric(precision=12, scale=3), nullable=False),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_stock_thresholds_product_id_products')),
    sa.PrimaryKeyConstraint('product_id', name=op.f('pk_stock_thresholds'))
    )
    with op.batch_alter_table('stock_movements', schema=None) as batch_op:
        batch_op.add_column(sa.Column('document_id', sa.String(length=36), nullable=True))
        batch_op.create_index(batch_op.f('ix_stock_movements_document_id'), ['document_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_stock_movements_document_id_stock_documents'), 'stock_documents', ['document_id'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('stock_movements', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_stock_movements_document_id_stock_documents'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_stock_movements_document_id'))
        batch_op.drop_column('document_id')
    op.drop_table('stock_thresholds')
    op.drop_table('stock_document_lines')
    with op.batch_alter_table('stock_documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stock_documents_posted_at'))
        batch_op.drop_index(batch_op.f('ix_stock_documents_producer_id'))
    op.drop_table('stock_documents')
