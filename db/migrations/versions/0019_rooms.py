"""rooms, room_rules, room_holidays, room_bookings, room_booking_events, room_payments,
room_counters: the co-working room (issue 19)

On PostgreSQL the active bookings of one room can never overlap: an exclusion constraint over
`tstzrange(start_at, blocked_until)` (blocked_until = the end plus the rules' buffer), keyed
by the room as a one-element int4range (the bundled server has no btree_gist). SQLite has no
such constraint: the rooms service checks inside one BEGIN IMMEDIATE write transaction.

Revision ID: 0019
Revises: 0016
Create Date: 2026-12-03 08:40:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0019'
down_revision = '0016'
branch_labels = None
depends_on = None

# the statuses that keep the room (pos.domain.rooms.ACTIVE_STATUSES)
_ACTIVE = "('held', 'confirmed', 'checked_in', 'completed')"
_EXCLUDE = (
    "ALTER TABLE room_bookings ADD CONSTRAINT room_bookings_no_overlap EXCLUDE USING gist "
    "(int4range(room_number, room_number, '[]') WITH =, "
    "tstzrange(start_at, blocked_until, '[)') WITH &&) "
    f"WHERE (status IN {_ACTIVE})"
)


def upgrade() -> None:
    op.create_table('room_counters',
    sa.Column('name', sa.String(length=20), nullable=False),
    sa.Column('value', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_room_counters'))
    )
    op.create_table('room_holidays',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('name_th', sa.String(length=120), nullable=False),
    sa.Column('name_en', sa.String(length=120), nullable=False),
    sa.PrimaryKeyConstraint('day', name=op.f('pk_room_holidays'))
    )
    op.create_table('rooms',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('name_th', sa.String(length=120), nullable=False),
    sa.Column('name_en', sa.String(length=120), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=False),
    sa.Column('equipment', sa.JSON(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rooms')),
    sa.UniqueConstraint('code', name=op.f('uq_rooms_code')),
    sa.UniqueConstraint('number', name=op.f('uq_rooms_number'))
    )
    op.create_table('room_bookings',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('booking_no', sa.String(length=16), nullable=False),
    sa.Column('idempotency_key', sa.String(length=80), nullable=False),
    sa.Column('room_id', sa.String(length=36), nullable=False),
    sa.Column('room_number', sa.Integer(), nullable=False),
    sa.Column('start_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('end_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('blocked_until', sa.DateTime(timezone=True), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('phone', sa.String(length=20), nullable=False),
    sa.Column('organisation', sa.String(length=120), nullable=False),
    sa.Column('purpose', sa.String(length=200), nullable=False),
    sa.Column('attendees', sa.Integer(), nullable=False),
    sa.Column('channel', sa.String(length=12), nullable=False),
    sa.Column('price', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('deposit', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('paid', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('refunded', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('hold_until', sa.DateTime(timezone=True), nullable=True),
    sa.Column('check_in_code', sa.String(length=16), nullable=False),
    sa.Column('order_no', sa.String(length=16), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('checked_in_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('cancelled_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('cancel_reason', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['room_id'], ['rooms.id'], name=op.f('fk_room_bookings_room_id_rooms')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_room_bookings')),
    sa.UniqueConstraint('booking_no', name=op.f('uq_room_bookings_booking_no')),
    sa.UniqueConstraint('idempotency_key', name=op.f('uq_room_bookings_idempotency_key'))
    )
    op.create_index(op.f('ix_room_bookings_phone'), 'room_bookings', ['phone'], unique=False)
    op.create_index('ix_room_bookings_room_start', 'room_bookings', ['room_id', 'start_at'], unique=False)
    op.create_index('ix_room_bookings_status', 'room_bookings', ['status', 'start_at'], unique=False)
    op.create_table('room_rules',
    sa.Column('room_id', sa.String(length=36), nullable=False),
    sa.Column('open_hours', sa.JSON(), nullable=False),
    sa.Column('slot_minutes', sa.Integer(), nullable=False),
    sa.Column('min_minutes', sa.Integer(), nullable=False),
    sa.Column('max_minutes', sa.Integer(), nullable=False),
    sa.Column('max_days_ahead', sa.Integer(), nullable=False),
    sa.Column('buffer_minutes', sa.Integer(), nullable=False),
    sa.Column('price_hour', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('price_half_day', sa.Numeric(precision=12, scale=2), nullable=True),
    sa.Column('price_day', sa.Numeric(precision=12, scale=2), nullable=True),
    sa.Column('half_day_minutes', sa.Integer(), nullable=False),
    sa.Column('deposit_kind', sa.String(length=10), nullable=False),
    sa.Column('deposit_value', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('cancel_cutoff_hours', sa.Integer(), nullable=False),
    sa.Column('refund_before_pct', sa.Numeric(precision=5, scale=2), nullable=False),
    sa.Column('refund_after_pct', sa.Numeric(precision=5, scale=2), nullable=False),
    sa.Column('no_show_minutes', sa.Integer(), nullable=False),
    sa.Column('hold_minutes', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['room_id'], ['rooms.id'], name=op.f('fk_room_rules_room_id_rooms')),
    sa.PrimaryKeyConstraint('room_id', name=op.f('pk_room_rules'))
    )
    op.create_table('room_booking_events',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('booking_id', sa.String(length=36), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('by', sa.String(length=100), nullable=False),
    sa.Column('note', sa.String(length=300), nullable=False),
    sa.ForeignKeyConstraint(['booking_id'], ['room_bookings.id'], name=op.f('fk_room_booking_events_booking_id_room_bookings')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_room_booking_events')),
    sa.UniqueConstraint('booking_id', 'seq', name=op.f('uq_room_booking_events_booking_id_seq'))
    )
    op.create_index(op.f('ix_room_booking_events_booking_id'), 'room_booking_events', ['booking_id'], unique=False)
    op.create_table('room_payments',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('booking_id', sa.String(length=36), nullable=False),
    sa.Column('what', sa.String(length=10), nullable=False),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('sale_id', sa.String(length=36), nullable=True),
    sa.Column('receipt_no', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['booking_id'], ['room_bookings.id'], name=op.f('fk_room_payments_booking_id_room_bookings')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_room_payments')),
    sa.UniqueConstraint('booking_id', 'what', 'sale_id', name=op.f('uq_room_payments_booking_id_what_sale_id'))
    )
    op.create_index(op.f('ix_room_payments_at'), 'room_payments', ['at'], unique=False)
    op.create_index(op.f('ix_room_payments_booking_id'), 'room_payments', ['booking_id'], unique=False)

    op.execute("INSERT INTO room_counters (name, value) VALUES ('booking', 0)")
    if op.get_bind().dialect.name == 'postgresql':
        op.execute(
            "ALTER TABLE room_bookings ADD CONSTRAINT ck_room_bookings_period "
            "CHECK (start_at < end_at AND end_at <= blocked_until)"
        )
        op.execute(_EXCLUDE)


def downgrade() -> None:
    op.drop_index(op.f('ix_room_payments_booking_id'), table_name='room_payments')
    op.drop_index(op.f('ix_room_payments_at'), table_name='room_payments')
    op.drop_table('room_payments')
    op.drop_index(op.f('ix_room_booking_events_booking_id'), table_name='room_booking_events')
    op.drop_table('room_booking_events')
    op.drop_table('room_rules')
    op.drop_index('ix_room_bookings_status', table_name='room_bookings')
    op.drop_index('ix_room_bookings_room_start', table_name='room_bookings')
    op.drop_index(op.f('ix_room_bookings_phone'), table_name='room_bookings')
    op.drop_table('room_bookings')
    op.drop_table('rooms')
    op.drop_table('room_holidays')
    op.drop_table('room_counters')
