"""producers: active flag and bank account for payouts; users: must_change_pin after a reset

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 00:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('producers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('bank_code', sa.String(length=3), nullable=True))
        batch_op.add_column(sa.Column('bank_account', sa.String(length=12), nullable=True))
        batch_op.add_column(sa.Column('bank_account_name', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('active', sa.Boolean(), server_default=sa.true(),
                                      nullable=False))
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('must_change_pin', sa.Boolean(),
                                      server_default=sa.false(), nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('must_change_pin')
    with op.batch_alter_table('producers', schema=None) as batch_op:
        batch_op.drop_column('active')
        batch_op.drop_column('bank_account_name')
        batch_op.drop_column('bank_account')
        batch_op.drop_column('bank_code')
