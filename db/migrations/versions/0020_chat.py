"""chat_contacts, chat_events, chat_messages, chat_outbox, chat_order_links: LINE and
Facebook chat (issue 17): webhook events stored once by their channel's id, the conversation
log, and the outbox of messages sent after the commit that wrote them

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-03 11:45:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0020'
down_revision = '0019'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('chat_contacts',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('channel', sa.String(length=12), nullable=False),
    sa.Column('user_id', sa.String(length=100), nullable=False),
    sa.Column('display_name', sa.String(length=100), nullable=False),
    sa.Column('picture_url', sa.String(length=500), nullable=True),
    sa.Column('lang', sa.String(length=2), nullable=False),
    sa.Column('phone', sa.String(length=10), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_message_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('unread', sa.Integer(), nullable=False),
    sa.Column('blocked', sa.Boolean(), nullable=False),
    sa.Column('staff_notice_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_chat_contacts')),
    sa.UniqueConstraint('channel', 'user_id', name=op.f('uq_chat_contacts_channel_user_id'))
    )
    with op.batch_alter_table('chat_contacts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_chat_contacts_last_message_at'), ['last_message_at'], unique=False)

    op.create_table('chat_events',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('channel', sa.String(length=12), nullable=False),
    sa.Column('event_id', sa.String(length=100), nullable=False),
    sa.Column('user_id', sa.String(length=100), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('reply_token', sa.String(length=200), nullable=False),
    sa.Column('message_id', sa.String(length=100), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('redelivery', sa.Boolean(), nullable=False),
    sa.Column('raw', sa.Text(), nullable=False),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('handled_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('outcome', sa.String(length=100), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_chat_events')),
    sa.UniqueConstraint('channel', 'event_id', name=op.f('uq_chat_events_channel_event_id'))
    )
    with op.batch_alter_table('chat_events', schema=None) as batch_op:
        batch_op.create_index('ix_chat_events_unhandled', ['received_at'], unique=False, sqlite_where=sa.text('handled_at IS NULL'), postgresql_where=sa.text('handled_at IS NULL'))

    op.create_table('chat_order_links',
    sa.Column('order_id', sa.String(length=36), nullable=False),
    sa.Column('contact_id', sa.String(length=36), nullable=False),
    sa.Column('linked_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['contact_id'], ['chat_contacts.id'], name=op.f('fk_chat_order_links_contact_id_chat_contacts')),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_chat_order_links_order_id_orders')),
    sa.PrimaryKeyConstraint('order_id', name=op.f('pk_chat_order_links'))
    )
    with op.batch_alter_table('chat_order_links', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_chat_order_links_contact_id'), ['contact_id'], unique=False)

    op.create_table('chat_outbox',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('channel', sa.String(length=12), nullable=False),
    sa.Column('contact_id', sa.String(length=36), nullable=False),
    sa.Column('user_id', sa.String(length=100), nullable=False),
    sa.Column('purpose', sa.String(length=20), nullable=False),
    sa.Column('order_id', sa.String(length=36), nullable=True),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('retry_key', sa.String(length=36), nullable=False),
    sa.Column('reply_token', sa.String(length=200), nullable=False),
    sa.Column('counts_quota', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('next_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('in_flight_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_error', sa.String(length=300), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('external_id', sa.String(length=100), nullable=False),
    sa.CheckConstraint("status IN ('pending','sent','held_quota','failed','unknown')", name=op.f('ck_chat_outbox_status')),
    sa.ForeignKeyConstraint(['contact_id'], ['chat_contacts.id'], name=op.f('fk_chat_outbox_contact_id_chat_contacts')),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_chat_outbox_order_id_orders')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_chat_outbox')),
    sa.UniqueConstraint('retry_key', name=op.f('uq_chat_outbox_retry_key'))
    )
    with op.batch_alter_table('chat_outbox', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_chat_outbox_contact_id'), ['contact_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_chat_outbox_sent_at'), ['sent_at'], unique=False)
        batch_op.create_index('ix_chat_outbox_status_next', ['status', 'next_at'], unique=False)
        batch_op.create_index('uq_chat_outbox_order_purpose', ['order_id', 'purpose'], unique=True, sqlite_where=sa.text('order_id IS NOT NULL'), postgresql_where=sa.text('order_id IS NOT NULL'))

    op.create_table('chat_messages',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('contact_id', sa.String(length=36), nullable=False),
    sa.Column('direction', sa.String(length=3), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('by', sa.String(length=100), nullable=False),
    sa.Column('outbox_id', sa.String(length=36), nullable=True),
    sa.CheckConstraint("direction IN ('in','out')", name=op.f('ck_chat_messages_direction')),
    sa.ForeignKeyConstraint(['contact_id'], ['chat_contacts.id'], name=op.f('fk_chat_messages_contact_id_chat_contacts')),
    sa.ForeignKeyConstraint(['outbox_id'], ['chat_outbox.id'], name=op.f('fk_chat_messages_outbox_id_chat_outbox')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_chat_messages'))
    )
    with op.batch_alter_table('chat_messages', schema=None) as batch_op:
        batch_op.create_index('ix_chat_messages_contact_at', ['contact_id', 'at'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('chat_messages', schema=None) as batch_op:
        batch_op.drop_index('ix_chat_messages_contact_at')

    op.drop_table('chat_messages')
    with op.batch_alter_table('chat_outbox', schema=None) as batch_op:
        batch_op.drop_index('uq_chat_outbox_order_purpose', sqlite_where=sa.text('order_id IS NOT NULL'), postgresql_where=sa.text('order_id IS NOT NULL'))
        batch_op.drop_index('ix_chat_outbox_status_next')
        batch_op.drop_index(batch_op.f('ix_chat_outbox_sent_at'))
        batch_op.drop_index(batch_op.f('ix_chat_outbox_contact_id'))

    op.drop_table('chat_outbox')
    with op.batch_alter_table('chat_order_links', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_chat_order_links_contact_id'))

    op.drop_table('chat_order_links')
    with op.batch_alter_table('chat_events', schema=None) as batch_op:
        batch_op.drop_index('ix_chat_events_unhandled', sqlite_where=sa.text('handled_at IS NULL'), postgresql_where=sa.text('handled_at IS NULL'))

    op.drop_table('chat_events')
    with op.batch_alter_table('chat_contacts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_chat_contacts_last_message_at'))

    op.drop_table('chat_contacts')
