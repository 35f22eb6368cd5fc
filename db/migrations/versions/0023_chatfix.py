"""order_tracking's hook subscription (Thailand Post's pushes asked for at ship time);
chat_events' event_id and message_id kept whole up to 255 characters (Messenger's mids)

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-03 15:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0023'
down_revision = '0022'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('order_tracking', schema=None) as batch_op:
        batch_op.add_column(sa.Column('hook_barcode', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('hook_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('hook_attempts', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('hook_next_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('hook_error', sa.String(length=300), server_default=sa.text("''"), nullable=False))
    with op.batch_alter_table('chat_events', schema=None) as batch_op:
        batch_op.alter_column('event_id', existing_type=sa.String(length=100),
                              type_=sa.String(length=255), existing_nullable=False)
        batch_op.alter_column('message_id', existing_type=sa.String(length=100),
                              type_=sa.String(length=255), existing_nullable=False)


def downgrade() -> None:
    with op.batch_alter_table('chat_events', schema=None) as batch_op:
        batch_op.alter_column('message_id', existing_type=sa.String(length=255),
                              type_=sa.String(length=100), existing_nullable=False)
        batch_op.alter_column('event_id', existing_type=sa.String(length=255),
                              type_=sa.String(length=100), existing_nullable=False)
    with op.batch_alter_table('order_tracking', schema=None) as batch_op:
        batch_op.drop_column('hook_error')
        batch_op.drop_column('hook_next_at')
        batch_op.drop_column('hook_attempts')
        batch_op.drop_column('hook_at')
        batch_op.drop_column('hook_barcode')
