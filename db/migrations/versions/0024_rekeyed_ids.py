"""rekeyed_ids; the centre's rows made under random ids re-keyed to their derived ids

The centre's producer and products made by versions before the name-based ids (centre_id) get
those ids here, with every reference to them (db/rekey.py); the journal keeps its records and
its verifier maps the noted ids back.

Revision ID: 0024
Revises: 0022 (0023 on main: the lead re-chains)
Create Date: 2026-12-03 15:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0024'
down_revision = '0022'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('rekeyed_ids',
    sa.Column('old_id', sa.String(length=36), nullable=False),
    sa.Column('new_id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('source', sa.String(length=36), nullable=False),
    sa.Column('rekeyed_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("kind IN ('product','producer')", name=op.f('ck_rekeyed_ids_kind')),
    sa.PrimaryKeyConstraint('old_id', name=op.f('pk_rekeyed_ids'))
    )
    from db.rekey import rekey_centre_rows

    rekey_centre_rows(op.get_bind())


def downgrade() -> None:
    op.drop_table('rekeyed_ids')  # the derived ids stay: they are what every store uses
