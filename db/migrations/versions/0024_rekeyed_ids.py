"""rekeyed_ids; the centre's rows made under random ids re-keyed to their derived ids;
otop_close_booking_order (PostgreSQL)

The centre's producer and products made by versions before the name-based ids (centre_id) get
those ids here, with every reference to them (db/rekey.py); the journal keeps its records and
its verifier maps the noted ids back. otop_close_booking_order: a counter that takes a booking's
payment at its till closes the web shop's order for it still waiting for payment (its login may
not touch orders: the function does just that, as its owner).

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-03 15:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0024'
down_revision = '0023'
branch_labels = None
depends_on = None


# a booking's web order (idempotency key "booking:<no>") while it awaits payment: cancelled with
# the note, its reservations released, its history noted; its number, or NULL when none waits
_CLOSE_BOOKING_ORDER = """
CREATE OR REPLACE FUNCTION otop_close_booking_order(
    p_booking text, p_note text, p_by text, p_at timestamptz
) RETURNS text LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $fn$
DECLARE
    o record;
BEGIN
    SELECT id, order_no INTO o FROM orders
    WHERE idempotency_key = 'booking:' || p_booking AND status = 'awaiting_payment'
    FOR UPDATE;
    IF NOT FOUND THEN
        RETURN NULL;
    END IF;
    UPDATE reservations SET released_at = p_at WHERE order_id = o.id AND released_at IS NULL;
    UPDATE orders SET status = 'cancelled', cancel_reason = left(p_note, 200), updated_at = p_at
    WHERE id = o.id;
    INSERT INTO order_events (id, order_id, seq, status, at, by, note)
    SELECT gen_random_uuid()::text, o.id, coalesce(max(seq), 0) + 1, 'cancelled', p_at,
           left(p_by, 100), left(p_note, 300)
    FROM order_events WHERE order_id = o.id;
    RETURN o.order_no;
END
$fn$;
REVOKE ALL ON FUNCTION otop_close_booking_order(text, text, text, timestamptz) FROM PUBLIC;
"""


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
    if op.get_bind().dialect.name == 'postgresql':
        op.execute(_CLOSE_BOOKING_ORDER)


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        op.execute('DROP FUNCTION IF EXISTS otop_close_booking_order(text, text, text, timestamptz)')
    op.drop_table('rekeyed_ids')  # the derived ids stay: they are what every store uses
