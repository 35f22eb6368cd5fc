"""curation: applications, reviews and scores; certificates of a product or a producer (issued,
scanned file); products.curation (existing products stay approved)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 00:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('products', schema=None) as batch_op:
        batch_op.add_column(sa.Column('curation', sa.String(length=12), server_default='approved', nullable=False))
    with op.batch_alter_table('certifications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('producer_id', sa.String(length=36), nullable=True))
        batch_op.add_column(sa.Column('issued', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('file', sa.String(length=300), nullable=True))
        batch_op.alter_column('product_id', existing_type=sa.String(length=36), nullable=True)
        batch_op.create_index(batch_op.f('ix_certifications_producer_id'), ['producer_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_certifications_producer_id_producers'), 'producers', ['producer_id'], ['id'])
        batch_op.create_check_constraint(batch_op.f('ck_certifications_holder'), '(product_id IS NULL) <> (producer_id IS NULL)')
    op.create_table('curation_applications',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('product_id', sa.String(length=36), nullable=False),
    sa.Column('producer_id', sa.String(length=36), nullable=False),
    sa.Column('sku', sa.String(length=40), nullable=False),
    sa.Column('name_th', sa.String(length=300), nullable=False),
    sa.Column('name_en', sa.String(length=300), nullable=False),
    sa.Column('category_code', sa.String(length=20), nullable=False),
    sa.Column('price', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('story_th', sa.Text(), nullable=False),
    sa.Column('story_en', sa.Text(), nullable=False),
    sa.Column('photos', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("status IN ('submitted','under_review','approved','rejected','changes_requested','resubmitted')", name=op.f('ck_curation_applications_status')),
    sa.ForeignKeyConstraint(['category_code'], ['categories.code'], name=op.f('fk_curation_applications_category_code_categories')),
    sa.ForeignKeyConstraint(['producer_id'], ['producers.id'], name=op.f('fk_curation_applications_producer_id_producers')),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_curation_applications_product_id_products')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_curation_applications')),
    sa.UniqueConstraint('product_id', name=op.f('uq_curation_applications_product_id')),
    sa.UniqueConstraint('sku', name=op.f('uq_curation_applications_sku'))
    )
    op.create_index(op.f('ix_curation_applications_producer_id'), 'curation_applications', ['producer_id'])
    op.create_index(op.f('ix_curation_applications_status'), 'curation_applications', ['status'])
    op.create_table('curation_reviews',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('application_id', sa.String(length=36), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('members', sa.JSON(), nullable=False),
    sa.Column('decision', sa.String(length=20), nullable=False),
    sa.Column('total', sa.Integer(), nullable=False),
    sa.Column('pass_mark', sa.Integer(), nullable=False),
    sa.Column('remarks', sa.Text(), nullable=False),
    sa.Column('recorded_by', sa.String(length=100), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("decision IN ('approve','reject','request_changes')", name=op.f('ck_curation_reviews_decision')),
    sa.ForeignKeyConstraint(['application_id'], ['curation_applications.id'], name=op.f('fk_curation_reviews_application_id_curation_applications')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_curation_reviews'))
    )
    op.create_index(op.f('ix_curation_reviews_application_id'), 'curation_reviews', ['application_id'])
    op.create_table('curation_scores',
    sa.Column('review_id', sa.String(length=36), nullable=False),
    sa.Column('criterion', sa.String(length=20), nullable=False),
    sa.Column('score', sa.Integer(), nullable=False),
    sa.CheckConstraint('score BETWEEN 0 AND 10', name=op.f('ck_curation_scores_score')),
    sa.ForeignKeyConstraint(['review_id'], ['curation_reviews.id'], name=op.f('fk_curation_scores_review_id_curation_reviews')),
    sa.PrimaryKeyConstraint('review_id', 'criterion', name=op.f('pk_curation_scores'))
    )


def downgrade() -> None:
    op.drop_table('curation_scores')
    op.drop_table('curation_reviews')
    op.drop_table('curation_applications')
    with op.batch_alter_table('certifications', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_certifications_holder'), type_='check')
        batch_op.drop_constraint(batch_op.f('fk_certifications_producer_id_producers'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_certifications_producer_id'))
        batch_op.drop_column('file')
        batch_op.drop_column('issued')
        batch_op.drop_column('producer_id')
        batch_op.alter_column('product_id', existing_type=sa.String(length=36), nullable=False)
    with op.batch_alter_table('products', schema=None) as batch_op:
        batch_op.drop_column('curation')
