"""The central PostgreSQL database: schema, change log, receive log, counter role, registration.

`init_central` is idempotent: it runs the project's Alembic migrations, then the central-only
objects below (CREATE ... IF NOT EXISTS / OR REPLACE), then (re)grants the counter role.

- `catalog_changes`: one row per catalogue row that ever changed, carrying the newest value of
  the `catalog_change_seq` sequence and a `deleted` flag (a tombstone). Row triggers on every
  catalogue table keep it. The triggers take one transaction-scoped advisory lock before they
  draw a number, so catalogue writers commit in sequence order: a counter that has applied every
  change up to N never later sees a change numbered below N appear (no timestamps anywhere).
- `sync_batches` / `sync_events`: the receive log. Each pushed outbox event keeps its counter
  clock (`created_at`) beside the server's receive time (`received_at`); each batch records the
  counter's clock at sending, so clock drift per counter can be read off.
- `stock_levels`: central stock, the sum of every counter's stock movements.
- `otop_register_terminal(...)`: SECURITY DEFINER; registers a counter, allocates a unique
  receipt prefix and creates the counter's own login (`db.central_identity`), so the counter
  role needs no write access to `terminals`.
- role `otop_counter`: the counters' group role (and the enrolment login that registers a new
  counter): INSERT on the append-only facts and the receive log, SELECT on the catalogue (not
  the users' PIN hashes); no UPDATE or DELETE anywhere (the server refuses them). Row-level
  security lets each counter's own login insert only rows of its own terminal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, text

from db import models as m
from db.central_identity import identity_ddl, policies_ddl

COUNTER_ROLE = "otop_counter"
_ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
_LOCK_INIT = 72070001
LOCK_CATALOG = 72070002

# (table, key column, logged as): a basket's components are part of the basket
CATALOG_TABLES: tuple[tuple[str, str, str], ...] = (
    ("categories", "code", "categories"),
    ("producers", "id", "producers"),
    ("products", "id", "products"),
    ("certifications", "id", "certifications"),
    ("product_barcodes", "code", "product_barcodes"),
    ("price_changes", "id", "price_changes"),
    ("basket_templates", "id", "basket_templates"),
    ("basket_components", "template_id", "basket_templates"),
    ("users", "id", "users"),
    ("shop_settings", "key", "shop_settings"),
)
# The facts a counter sends, parents first (foreign keys); sale_baskets only where it exists.
FACT_TABLES: tuple[str, ...] = tuple(
    t
    for t in (
        "sales",
        "sale_baskets",
        "sale_lines",
        "sale_notes",
        "payments",
        "refunds",
        "refund_lines",
        "stock_documents",
        "stock_document_lines",
        "stock_movements",
    )
    if t in m.Base.metadata.tables
)
# The co-working room's bookings are owned by central: counters read the rooms and their rules
# and write bookings, their history and payments there (pos.services.rooms)
ROOM_READS: tuple[str, ...] = ("rooms", "room_rules", "room_holidays")
ROOM_WRITES: tuple[str, ...] = ("room_bookings", "room_booking_events", "room_payments",
                                "room_counters")  # fmt: skip
# users: every column but the PIN hash (`db.central_identity`), granted with the policies
_READ_TABLES = (
    *{t for t, _, _ in CATALOG_TABLES if t != "users"},
    "shops",
    "terminals",
    "catalog_changes",
)

_DDL = f"""
CREATE SEQUENCE IF NOT EXISTS catalog_change_seq;
CREATE TABLE IF NOT EXISTS catalog_changes (
    tbl text NOT NULL,
    key text NOT NULL,
    seq bigint NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    changed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tbl, key)
);
CREATE INDEX IF NOT EXISTS ix_catalog_changes_seq ON catalog_changes (seq);

CREATE OR REPLACE FUNCTION otop_log_catalog_change() RETURNS trigger
LANGUAGE plpgsql AS $fn$
DECLARE
    keycol text := TG_ARGV[0];
    logged text := TG_ARGV[1];
    is_part boolean := logged <> TG_TABLE_NAME;
    new_key text;
    old_key text;
BEGIN
    -- writers of the catalogue take numbers and commit one after the other
    PERFORM pg_advisory_xact_lock({LOCK_CATALOG});
    IF TG_OP <> 'INSERT' THEN old_key := to_jsonb(OLD) ->> keycol; END IF;
    IF TG_OP <> 'DELETE' THEN new_key := to_jsonb(NEW) ->> keycol; END IF;
    IF old_key IS NOT NULL AND old_key IS DISTINCT FROM new_key THEN
        INSERT INTO catalog_changes AS c (tbl, key, seq, deleted)
        VALUES (logged, old_key, nextval('catalog_change_seq'), NOT is_part)
        ON CONFLICT (tbl, key) DO UPDATE
            SET seq = EXCLUDED.seq, deleted = EXCLUDED.deleted, changed_at = now();
    END IF;
    IF new_key IS NOT NULL THEN
        INSERT INTO catalog_changes AS c (tbl, key, seq, deleted)
        VALUES (logged, new_key, nextval('catalog_change_seq'), false)
        ON CONFLICT (tbl, key) DO UPDATE
            SET seq = EXCLUDED.seq, deleted = false, changed_at = now();
    END IF;
    RETURN NULL;
END
$fn$;

CREATE TABLE IF NOT EXISTS sync_batches (
    id bigserial PRIMARY KEY,
    terminal_id varchar(36) NOT NULL,
    events integer NOT NULL,
    first_outbox_id bigint NOT NULL,
    last_outbox_id bigint NOT NULL,
    counter_clock timestamptz NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS sync_events (
    event_id varchar(36) PRIMARY KEY,
    terminal_id varchar(36) NOT NULL,
    outbox_id bigint NOT NULL,
    kind varchar(30) NOT NULL,
    aggregate_id varchar(36) NOT NULL,
    created_at timestamptz NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    batch_id bigint NOT NULL,
    payload jsonb
);
CREATE INDEX IF NOT EXISTS ix_sync_events_terminal ON sync_events (terminal_id, outbox_id);

CREATE OR REPLACE VIEW stock_levels AS
    SELECT product_id, sum(quantity) AS quantity FROM stock_movements GROUP BY product_id;

CREATE SEQUENCE IF NOT EXISTS terminal_prefix_seq;
"""


def _triggers_ddl() -> str:
    out = []
    for table, key, logged in CATALOG_TABLES:
        out.append(f"DROP TRIGGER IF EXISTS otop_catalog_change ON {table};")
        out.append(
            f"CREATE TRIGGER otop_catalog_change AFTER INSERT OR UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION otop_log_catalog_change('{key}', '{logged}');"
        )
        # rows that were there before the triggers: logged once, as changes
        out.append(
            f"INSERT INTO catalog_changes (tbl, key, seq) SELECT DISTINCT '{logged}', {key}::text, "
            f"nextval('catalog_change_seq') FROM {table} ON CONFLICT DO NOTHING;"
        )
    return "\n".join(out)


def _grants_ddl(role: str, database: str) -> str:
    # the journal chain and the rows its central verifier needs besides the sales
    journal = tuple(
        t
        for t in ("journal_entries", "approvals", "shifts", "z_reports", "rekeyed_ids")
        if t in m.Base.metadata.tables
    )
    facts = ", ".join((*FACT_TABLES, *journal, "sync_events", "sync_batches"))
    reads = ", ".join(sorted(_READ_TABLES))
    # INSERT ... ON CONFLICT (id) needs SELECT on the conflict target: the ids, nothing else
    keys = (
        "\n".join(
            f"GRANT SELECT ({', '.join(c.name for c in m.Base.metadata.tables[t].primary_key)}) "
            f"ON {t} TO {role};"
            for t in (*FACT_TABLES, *journal)
        )
        + f"\nGRANT SELECT (event_id) ON sync_events TO {role};"
    )
    return f"""
DO $do$ BEGIN
    CREATE ROLE {role} LOGIN;
EXCEPTION WHEN duplicate_object THEN NULL;
END $do$;
GRANT CONNECT, TEMPORARY ON DATABASE "{database}" TO {role};
GRANT USAGE ON SCHEMA public TO {role};
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {role};
REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {role};
GRANT SELECT ON {reads}, stock_levels TO {role};
GRANT INSERT ON {facts} TO {role};
-- journal verify on a counter compares its chain with the copy here (seq and hash only)
GRANT SELECT (terminal_id, seq, ref_no, hash) ON journal_entries TO {role};
{keys}
GRANT USAGE ON SEQUENCE sync_batches_id_seq TO {role};
GRANT SELECT ON {", ".join(ROOM_READS)} TO {role};
GRANT SELECT, INSERT, UPDATE ON {", ".join(ROOM_WRITES)} TO {role};
REVOKE ALL ON FUNCTION otop_register_terminal(text, text, text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION otop_register_terminal(text, text, text, text, text) TO {role};
-- a booking paid at a counter closes its web order waiting for payment (that only)
GRANT EXECUTE ON FUNCTION otop_close_booking_order(text, text, text, timestamptz) TO {role};
"""


@dataclass(frozen=True, slots=True)
class CentralShop:
    code: str
    name_th: str
    name_en: str
    tax_id: str | None
    branch: str
    address_th: str


def init_central(
    engine: Engine,
    shop: CentralShop,
    *,
    role: str = COUNTER_ROLE,
    password: str | None = None,
) -> None:
    """Create or bring up to date the central schema, change log, receive log and role."""
    from db.migrate import upgrade

    if engine.dialect.name != "postgresql":
        raise ValueError("the central database is PostgreSQL")
    if not _ROLE_NAME.match(role):
        raise ValueError(f"bad role name {role!r}")
    upgrade(engine)
    with engine.begin() as conn:
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _LOCK_INIT})
        database = conn.execute(text("SELECT current_database()")).scalar_one()
        _run_script(conn, _DDL)
        _run_script(conn, _triggers_ddl())
        _run_script(conn, identity_ddl(role))
        _ensure_shop(conn, shop)
        ensure_centre_products(conn)
        _run_script(conn, _grants_ddl(role, str(database)))
        _run_script(conn, policies_ddl(role))
        if password is not None:
            from psycopg import sql

            raw = conn.connection.driver_connection
            assert raw is not None
            with raw.cursor() as cur:
                cur.execute(
                    sql.SQL("ALTER ROLE {} PASSWORD {}").format(
                        sql.Identifier(role), sql.Literal(password)
                    )
                )


def _run_script(conn: Connection, script: str) -> None:
    raw = conn.connection.driver_connection
    assert raw is not None
    with raw.cursor() as cur:
        cur.execute(script)


def _ensure_shop(conn: Connection, shop: CentralShop) -> None:
    from pos.domain.catalog import CATEGORY_NAMES

    found = conn.execute(text("SELECT id FROM shops WHERE code = :c"), {"c": shop.code}).first()
    if found is None:
        conn.execute(
            text(
                "INSERT INTO shops (id, code, name_th, name_en, tax_id, branch, address_th) "
                "VALUES (:id, :code, :th, :en, :tax, :branch, :addr)"
            ),
            {
                "id": m.new_id(),
                "code": shop.code,
                "th": shop.name_th,
                "en": shop.name_en,
                "tax": shop.tax_id,
                "branch": shop.branch,
                "addr": shop.address_th,
            },
        )
    for i, (cat, (th, en)) in enumerate(CATEGORY_NAMES.items()):
        conn.execute(
            text(
                "INSERT INTO categories (code, name_th, name_en, sort_order) "
                "VALUES (:c, :th, :en, :i) ON CONFLICT (code) DO NOTHING"
            ),
            {"c": cat.value, "th": th, "en": en, "i": i},
        )


def ensure_centre_products(conn: Connection) -> None:
    """The centre's own service products (SVC-ROOM, SVC-DELIVERY: pos.domain.catalog), made
    here so counters pull them like any product and their sales of them push; under the ids
    every store gives them (a counter that made one itself has the same row). Idempotent."""
    from sqlalchemy.orm import Session

    from db.catalog_repository import SqlCatalogRepository
    from pos.domain.cart import ProductKind
    from pos.domain.catalog import CENTRE_PRODUCTS

    session = Session(bind=conn)  # in the caller's transaction
    try:
        catalog = SqlCatalogRepository(session)
        for sku, th, en in CENTRE_PRODUCTS:
            catalog.ensure_centre_product(sku, th, en, ProductKind.SERVICE)
        session.flush()
    finally:
        session.close()


@dataclass(frozen=True, slots=True)
class Registration:
    terminal_id: str
    name: str
    pos_id: str
    receipt_prefix: str
    role: str  # the counter's own login on central
    password: str | None = None  # given once, at the first registration only
    pin_key: str | None = None  # hex: the key of the counter's PIN copies (the same once)


def register_terminal(
    engine: Engine,
    terminal_id: str,
    name: str,
    pos_id: str,
    shop_code: str,
    prefix_base: str = "KK",
) -> Registration:
    """Register a counter centrally; works as the counters' role (the enrolment login).

    The first registration creates the counter's own login and returns its password and PIN
    key: the counter keeps them (`db.sync.adopt_registration`). Registering again returns the
    same identity without them.
    """
    with engine.begin() as conn:
        row = conn.execute(
            text("SELECT * FROM otop_register_terminal(:i, :n, :p, :s, :b)"),
            {"i": terminal_id, "n": name, "p": pos_id, "s": shop_code, "b": prefix_base},
        ).one()
    return Registration(
        row.r_id, row.r_name, row.r_pos_id, row.r_prefix, row.r_role, row.r_password,
        row.r_pin_key,
    )  # fmt: skip


def describe_central(url: str, timeout_s: float = 5.0) -> str:
    """What answers at `url` (the settings editor's "test connection"), in one English line:
    the server's version and whether it holds a central database (its counters); a server that
    does not answer, or an address that is not one, is a StoreUnavailable in Thai and English."""
    from sqlalchemy.exc import DBAPIError

    from db.engine import make_engine
    from db.errors import unavailable
    from db.sync.common import central_connect_args

    if not url.startswith(("postgresql", "postgres")):
        from pos.domain.errors import StoreUnavailable

        raise StoreUnavailable(
            "The central database is a postgresql:// URL", "ฐานข้อมูลกลางต้องเป็น URL แบบ postgresql://"
        )
    engine = make_engine(url, connect_args=central_connect_args(timeout_s))
    try:
        with engine.connect() as conn:
            version = str(conn.scalar(text("SHOW server_version")))
            central = conn.scalar(text("SELECT to_regclass('catalog_changes') IS NOT NULL"))
            if not central:
                return (
                    f"PostgreSQL {version}: not yet a central database (run otop-pos central init)"
                )
            counters = conn.scalar(text("SELECT count(*) FROM terminals"))
            return f"PostgreSQL {version}: central database, {counters} counter(s) registered"
    except DBAPIError as exc:
        known = unavailable(exc, url)
        if known is None:
            raise
        raise known from exc
    finally:
        engine.dispose()
