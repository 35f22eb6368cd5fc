"""stock_months / stock_month_summaries: closed months' stock movements per product and reason,
kept right by triggers on stock_movements; stock movements indexed by time

A month's summary is written once (db/stock_repository.py: `summarise_months`), from then on
every movement inserted, deleted or changed for that month adds or takes itself off the
month's row of its product and reason in the same transaction: a late sale synced in counts
exactly once. Months are Bangkok months (UTC+7, no daylight saving). On PostgreSQL the trigger
is one statement-level function (SECURITY DEFINER: the counter role may only insert facts)
that takes a shared advisory lock the summarising writer takes exclusively, so that a month
summarised while a movement for it is being written still counts that movement once.
A later migration that has SQLite's batch mode recreate stock_movements (move and copy)
drops these triggers with the old table: it must create them again (`_sqlite_apply`).

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-03 06:30:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None

# db/stock_repository.py takes the same key exclusively while it summarises a month
LOCK_STOCK_MONTHS = 72070015

_PG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION otop_stock_month_summaries() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $fn$
DECLARE
    sign integer := TG_ARGV[0]::integer;
BEGIN
    PERFORM pg_advisory_xact_lock_shared({LOCK_STOCK_MONTHS});
    INSERT INTO stock_month_summaries AS s (month, product_id, reason, quantity_milli, moves)
    SELECT k.month, x.product_id, x.reason,
           sign * sum(round(x.quantity * 1000))::bigint, sign * count(*)
    FROM moved x
    JOIN stock_months k
      ON k.month = to_char((x.created_at AT TIME ZONE 'UTC') + interval '7 hours', 'YYYY-MM')
    GROUP BY k.month, x.product_id, x.reason
    ORDER BY 1, 2, 3
    ON CONFLICT (month, product_id, reason) DO UPDATE
        SET quantity_milli = s.quantity_milli + EXCLUDED.quantity_milli,
            moves = s.moves + EXCLUDED.moves;
    RETURN NULL;
END
$fn$;
"""
# (trigger, event, transition table, sign)
_PG_TRIGGERS = (
    ('stock_month_add', 'INSERT', 'NEW', 1),
    ('stock_month_remove', 'DELETE', 'OLD', -1),
    ('stock_month_change_old', 'UPDATE', 'OLD', -1),
    ('stock_month_change_new', 'UPDATE', 'NEW', 1),
)
# SQLite: the month of a row's created_at ('YYYY-MM-DD HH:MM:SS.ffffff' in UTC), from its whole
# seconds (strftime rounds fractions to milliseconds: 16:59:59.9999 would be the next second)
_SQLITE_MONTH = "strftime('%Y-%m', substr({row}.created_at, 1, 19), '+7 hours')"
_SQLITE_TRIGGERS = (
    ('stock_month_add', 'INSERT', (('new', 1),)),
    ('stock_month_remove', 'DELETE', (('old', -1),)),
    ('stock_month_change', 'UPDATE', (('old', -1), ('new', 1))),
)


def _sqlite_apply(row: str, sign: int) -> str:
    month = _SQLITE_MONTH.format(row=row)
    return (
        "INSERT INTO stock_month_summaries (month, product_id, reason, quantity_milli, moves) "
        f"SELECT {month}, {row}.product_id, {row}.reason, "
        f"{sign} * CAST(round({row}.quantity * 1000) AS INTEGER), {sign} "
        f"WHERE EXISTS (SELECT 1 FROM stock_months WHERE month = {month}) "
        "ON CONFLICT (month, product_id, reason) DO UPDATE SET "
        "quantity_milli = quantity_milli + excluded.quantity_milli, "
        "moves = moves + excluded.moves;"
    )


def upgrade() -> None:
    op.create_table('stock_months',
    sa.Column('month', sa.String(length=7), nullable=False),
    sa.Column('built_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('month', name=op.f('pk_stock_months'))
    )
    op.create_table('stock_month_summaries',
    sa.Column('month', sa.String(length=7), nullable=False),
    sa.Column('product_id', sa.String(length=36), nullable=False),
    sa.Column('reason', sa.String(length=16), nullable=False),
    sa.Column('quantity_milli', sa.BigInteger(), nullable=False),
    sa.Column('moves', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['month'], ['stock_months.month'], name=op.f('fk_stock_month_summaries_month_stock_months')),
    sa.PrimaryKeyConstraint('month', 'product_id', 'reason', name=op.f('pk_stock_month_summaries'))
    )
    with op.batch_alter_table('stock_movements', schema=None) as batch_op:
        batch_op.create_index('ix_stock_movements_created_at', ['created_at'], unique=False)
    if op.get_bind().dialect.name == 'postgresql':
        op.execute(_PG_FUNCTION)
        for name, event, table, sign in _PG_TRIGGERS:
            op.execute(
                f"CREATE TRIGGER {name} AFTER {event} ON stock_movements "
                f"REFERENCING {table} TABLE AS moved FOR EACH STATEMENT "
                f"EXECUTE FUNCTION otop_stock_month_summaries('{sign}')"
            )
    else:
        for name, event, rows in _SQLITE_TRIGGERS:
            body = " ".join(_sqlite_apply(row, sign) for row, sign in rows)
            op.execute(
                f"CREATE TRIGGER {name} AFTER {event} ON stock_movements "
                f"FOR EACH ROW BEGIN {body} END"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        for name, _event, _table, _sign in _PG_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON stock_movements")
        op.execute("DROP FUNCTION IF EXISTS otop_stock_month_summaries()")
    else:
        for name, _event, _rows in _SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    with op.batch_alter_table('stock_movements', schema=None) as batch_op:
        batch_op.drop_index('ix_stock_movements_created_at')
    op.drop_table('stock_month_summaries')
    op.drop_table('stock_months')
