"""The web shop's own PostgreSQL role: it reads the catalogue and writes orders, nothing else.

`grant_web_role` is idempotent (run it after the migrations, e.g. with `init_central`): the
role may SELECT the catalogue, the stock movements its availability sums and the tables the
store's start reads; SELECT, INSERT and UPDATE the orders, their lines, reservations and
history, the room bookings, and chat's contacts, events, messages, outbox and order links
(the shop server runs the LINE/Facebook webhooks and the sender); and lock products through
`otop_lock_products` (migration 0014). It may not write a sale, a payment, a stock movement
or a product, and may DELETE nothing.
"""

from __future__ import annotations

import re

from sqlalchemy import Engine, text

WEB_ROLE = "otop_web"
_ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
# what the shop's pages read (the catalogue, baskets, certificates, stock on hand) and what
# opening the store reads (its schema version, the shop and its terminals)
WEB_READS = (
    "alembic_version",
    "basket_components",
    "basket_templates",
    "categories",
    "certifications",
    "price_changes",
    "producers",
    "product_barcodes",
    "products",
    "room_holidays",
    "room_rules",
    "rooms",
    "shops",
    "stock_movements",
    "terminals",
)
WEB_WRITES = (
    "orders", "order_lines", "reservations", "order_events",
    "room_bookings", "room_booking_events", "room_payments", "room_counters",
    "chat_contacts", "chat_events", "chat_messages", "chat_outbox", "chat_order_links",
)  # fmt: skip


def web_grants_ddl(role: str, database: str, tables: set[str]) -> str:
    """The role and its grants (`tables`: the ones the database has)."""
    if not _ROLE_NAME.match(role):
        raise ValueError(f"bad role name {role!r}")
    reads = ", ".join(t for t in WEB_READS if t in tables)
    writes = ", ".join(WEB_WRITES)
    return f"""
DO $do$ BEGIN
    CREATE ROLE {role} LOGIN;
EXCEPTION WHEN duplicate_object THEN NULL;
END $do$;
GRANT CONNECT, TEMPORARY ON DATABASE "{database}" TO {role};
GRANT USAGE ON SCHEMA public TO {role};
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {role};
REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {role};
GRANT SELECT ON {reads} TO {role};
GRANT SELECT, INSERT, UPDATE ON {writes} TO {role};
GRANT EXECUTE ON FUNCTION otop_lock_products(text[]) TO {role};
"""


def grant_web_role(engine: Engine, role: str = WEB_ROLE, password: str | None = None) -> None:
    """Create (or bring up to date) the web shop's role on a migrated PostgreSQL database."""
    if engine.dialect.name != "postgresql":
        raise ValueError("the web shop's role is a PostgreSQL role")
    with engine.begin() as conn:
        database = str(conn.execute(text("SELECT current_database()")).scalar_one())
        tables = set(
            conn.execute(
                text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
            ).scalars()
        )
        raw = conn.connection.driver_connection
        assert raw is not None
        with raw.cursor() as cur:
            cur.execute(web_grants_ddl(role, database, tables))
            if password is not None:
                from psycopg import sql

                cur.execute(
                    sql.SQL("ALTER ROLE {} PASSWORD {}").format(
                        sql.Identifier(role), sql.Literal(password)
                    )
                )
