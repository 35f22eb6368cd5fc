"""sale lines of every kind: products.kind (goods | service | menu); a sale line's detail and
ref; sale_notes (printed after a receipt's total); producers of kind "centre"

The producers' kind CHECK gains 'centre'. SQLite cannot alter a CHECK, and batch mode's
copy-and-rename of producers would fail the foreign keys of every product (a migration runs
in one transaction, with foreign keys on): the CHECK is widened in place instead, by the
procedure SQLite documents for loosening a constraint (writable_schema, then schema_version
bumped), which every existing row still satisfies.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-03 08:50:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None

_KINDS_OLD = "kind IN ('group','individual','sme')"
_KINDS_NEW = "kind IN ('group','individual','sme','centre')"


def _producer_kinds(old: str, new: str) -> None:
    if op.get_bind().dialect.name == 'sqlite':
        conn = op.get_bind()
        version = conn.exec_driver_sql('PRAGMA schema_version').scalar_one()
        conn.exec_driver_sql('PRAGMA writable_schema=ON')
        conn.exec_driver_sql(
            "UPDATE sqlite_master SET sql = replace(sql, ?, ?) "
            "WHERE type = 'table' AND name = 'producers'",
            (old, new),
        )
        conn.exec_driver_sql(f'PRAGMA schema_version={int(version) + 1}')
        conn.exec_driver_sql('PRAGMA writable_schema=OFF')
        return
    op.drop_constraint(op.f('ck_producers_kind'), 'producers', type_='check')
    op.create_check_constraint('kind', 'producers', new)


def upgrade() -> None:
    with op.batch_alter_table('products', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('kind', sa.String(length=10), server_default='goods', nullable=False)
        )
    with op.batch_alter_table('sale_lines', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('detail_th', sa.String(length=300), server_default=sa.text("''"), nullable=False)
        )
        batch_op.add_column(
            sa.Column('detail_en', sa.String(length=300), server_default=sa.text("''"), nullable=False)
        )
        batch_op.add_column(sa.Column('ref', sa.String(length=80), nullable=True))
        batch_op.create_index(batch_op.f('ix_sale_lines_ref'), ['ref'], unique=False)
    op.create_table(
        'sale_notes',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('sale_id', sa.String(length=36), nullable=False),
        sa.Column('seq', sa.Integer(), nullable=False),
        sa.Column('text_th', sa.String(length=300), nullable=False),
        sa.Column('text_en', sa.String(length=300), nullable=False),
        sa.Column('big', sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ['sale_id'], ['sales.id'], name=op.f('fk_sale_notes_sale_id_sales')
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_sale_notes')),
        sa.UniqueConstraint('sale_id', 'seq', name=op.f('uq_sale_notes_sale_id_seq')),
    )
    with op.batch_alter_table('sale_notes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sale_notes_sale_id'), ['sale_id'], unique=False)
    _producer_kinds(_KINDS_OLD, _KINDS_NEW)


def downgrade() -> None:
    _producer_kinds(_KINDS_NEW, _KINDS_OLD)
    with op.batch_alter_table('sale_notes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sale_notes_sale_id'))
    op.drop_table('sale_notes')
    with op.batch_alter_table('sale_lines', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sale_lines_ref'))
        batch_op.drop_column('ref')
        batch_op.drop_column('detail_en')
        batch_op.drop_column('detail_th')
    with op.batch_alter_table('products', schema=None) as batch_op:
        batch_op.drop_column('kind')
