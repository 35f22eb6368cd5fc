"""Each counter its own login on central: registration, row-level security, its PIN copies.

- `terminal_identities`: one row per registered counter: its login role, and the key its
  copies of the PIN hashes are made with. Only the central administrator reads it.
- `otop_register_terminal(...)`: SECURITY DEFINER; registers a counter, allocates its receipt
  prefix and creates its login role (a member of the counters' group role). The role's
  password and the PIN key are returned once, when they are made: registering again returns
  the identity without them, so no counter can obtain another counter's credentials.
- `otop_terminal_of(role)`: the terminal a login role is (NULL for any other role). The row
  policies compare a row's terminal with the terminal of `current_user`, the login itself:
  nothing a counter can set in its session changes it.
- Row-level security on every fact table a counter inserts into: its own terminal's rows
  only; sale lines, payments and a sale's baskets through their sale, refund lines through
  their refund; a counter sees (SELECT) only the keys of its own rows, which
  `ON CONFLICT (id)` needs. The table owner (the central administrator) is not subject to it.
- `users.pin_hash` is not readable by the counters' role (column privileges). A counter pulls
  users through `otop_counter_users()`, which gives a PIN only for the users allowed at that
  counter (active, not an admin, and where `user_terminals` names counters for a user, only
  those), as `otop-hmac$<sha256(key || argon2 hash)>$<hash length><argon2 parameters, salt>`:
  the counter checks a PIN with the argon2 parameters and its own key, and never holds the
  central hash itself.
- `otop_set_own_pin(user, hash)`: SECURITY DEFINER; after an admin's PIN reset the user's new
  PIN, set at a counter's log-in, reaches central (only for a user flagged must_change_pin,
  allowed at that counter, not an admin; the flag is cleared).
"""

from __future__ import annotations

from db import models as m

PIN_FORM = "otop-hmac"  # the prefix of a counter's copy of a PIN hash
ROLE_PREFIX = "otop_t_"
LOCK_REGISTER = 72070003

# Fact tables with a terminal column, and those checked through their parent (table, column,
# parent table).
OWN_TERMINAL = (
    "sales",
    "refunds",
    "stock_movements",
    "stock_documents",
    "journal_entries",
    "approvals",
    "shifts",
    "z_reports",
    "sync_batches",
    "sync_events",
)
THROUGH_PARENT = (
    ("sale_lines", "sale_id", "sales"),
    ("payments", "sale_id", "sales"),
    ("sale_baskets", "sale_id", "sales"),
    ("sale_notes", "sale_id", "sales"),
    ("refund_lines", "refund_id", "refunds"),
    ("stock_document_lines", "document_id", "stock_documents"),
)
_ME = "(SELECT otop_terminal_of(current_user))"


def _users_select() -> str:
    from sqlalchemy.dialects import postgresql

    cols = []
    for c in m.Base.metadata.tables["users"].columns:
        if c.name == "pin_hash":
            kind = c.type.compile(dialect=postgresql.dialect())  # type: ignore[no-untyped-call]
            cols.append(
                "CASE WHEN v_key IS NOT NULL AND u.active AND u.role <> 'admin' "
                "AND u.pin_hash LIKE '$argon2%' AND (NOT EXISTS (SELECT 1 FROM user_terminals "
                "x WHERE x.user_id = u.id) OR EXISTS (SELECT 1 FROM user_terminals x "
                "WHERE x.user_id = u.id AND x.terminal_id = v_me)) "
                f"THEN ('{PIN_FORM}$' || encode(sha256(v_key || convert_to(u.pin_hash, 'UTF8')), "
                "'hex') || '$' || (length(substring(u.pin_hash from '[^$]*$')) * 3 / 4)::text "
                f"|| substring(u.pin_hash from '^(.*)\\$[^$]*$'))::{kind} ELSE ''::{kind} END"
            )
        else:
            cols.append(f"u.{c.name}")
    return ", ".join(cols)


def identity_ddl(group: str) -> str:
    """Registration, the terminal of a login, the PIN copies (idempotent)."""
    return f"""
CREATE TABLE IF NOT EXISTS terminal_identities (
    terminal_id varchar(36) PRIMARY KEY REFERENCES terminals (id),
    role_name name NOT NULL UNIQUE,
    pin_key bytea NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS user_terminals (
    user_id varchar(36) NOT NULL REFERENCES users (id),
    terminal_id varchar(36) NOT NULL REFERENCES terminals (id),
    PRIMARY KEY (user_id, terminal_id)
);
DROP TRIGGER IF EXISTS otop_catalog_change ON user_terminals;
CREATE TRIGGER otop_catalog_change AFTER INSERT OR UPDATE OR DELETE ON user_terminals
FOR EACH ROW EXECUTE FUNCTION otop_log_catalog_change('user_id', 'users');

CREATE OR REPLACE FUNCTION otop_terminal_of(p_role name) RETURNS varchar
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
    SELECT terminal_id FROM terminal_identities WHERE role_name = p_role
$fn$;

CREATE OR REPLACE FUNCTION otop_counter_users() RETURNS SETOF users
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
DECLARE
    v_me varchar := otop_terminal_of(session_user);
    v_key bytea := (SELECT pin_key FROM terminal_identities WHERE terminal_id = v_me);
BEGIN
    RETURN QUERY SELECT {_users_select()} FROM users u;
END
$fn$;

-- a counter sets the new PIN of a user an admin reset (must_change_pin), who typed the
-- temporary PIN right at that counter: only such a user (active, not an admin, allowed there),
-- only an argon2 hash, and the flag is cleared, so it works once per reset
CREATE OR REPLACE FUNCTION otop_set_own_pin(p_user_id text, p_hash text) RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
DECLARE
    v_me varchar := otop_terminal_of(session_user);
BEGIN
    IF v_me IS NULL OR p_hash NOT LIKE '$argon2id$%' THEN
        RETURN false;
    END IF;
    UPDATE users u SET pin_hash = p_hash, must_change_pin = false, failed_attempts = 0,
        locked_until = NULL
    WHERE u.id = p_user_id AND u.must_change_pin AND u.active AND u.role <> 'admin'
        AND (NOT EXISTS (SELECT 1 FROM user_terminals x WHERE x.user_id = u.id)
             OR EXISTS (SELECT 1 FROM user_terminals x WHERE x.user_id = u.id
                        AND x.terminal_id = v_me));
    RETURN FOUND;
END
$fn$;

DROP FUNCTION IF EXISTS otop_register_terminal(text, text, text, text, text);
CREATE FUNCTION otop_register_terminal(
    p_id text, p_name text, p_pos_id text, p_shop_code text, p_prefix_base text
) RETURNS TABLE (
    r_id text, r_name text, r_pos_id text, r_prefix text,
    r_role text, r_password text, r_pin_key text
)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
DECLARE
    v_shop text;
    v_prefix text;
    v_role text := '{ROLE_PREFIX}' || replace(p_id, '-', '');
    v_password text;
    v_key bytea;
BEGIN
    PERFORM pg_advisory_xact_lock({LOCK_REGISTER});
    IF p_id !~ '^[0-9a-f]{{8}}-[0-9a-f]{{4}}-[0-9a-f]{{4}}-[0-9a-f]{{4}}-[0-9a-f]{{12}}$' THEN
        RAISE EXCEPTION 'a terminal id is a UUID, not %', p_id;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM terminals t WHERE t.id = p_id) THEN
        SELECT s.id INTO v_shop FROM shops s WHERE s.code = p_shop_code;
        IF v_shop IS NULL THEN
            RAISE EXCEPTION 'no shop with code % on the central database', p_shop_code;
        END IF;
        LOOP
            v_prefix := p_prefix_base || lpad(nextval('terminal_prefix_seq')::text, 2, '0');
            EXIT WHEN NOT EXISTS (SELECT 1 FROM terminals t WHERE t.receipt_prefix = v_prefix);
        END LOOP;
        INSERT INTO terminals (id, shop_id, name, pos_id, receipt_prefix, is_local, created_at)
        VALUES (p_id, v_shop, p_name, coalesce(p_pos_id, ''), v_prefix, false, now());
    END IF;
    IF NOT EXISTS (SELECT 1 FROM terminal_identities i WHERE i.terminal_id = p_id) THEN
        -- made now, returned now, never again: the server keeps only the password's verifier
        v_password := replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '');
        v_key := decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''),
                        'hex');
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = v_role) THEN
            EXECUTE format('ALTER ROLE %I LOGIN PASSWORD %L', v_role, v_password);
        ELSE
            EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', v_role, v_password);
        END IF;
        EXECUTE format('GRANT %I TO %I', '{group}', v_role);
        INSERT INTO terminal_identities (terminal_id, role_name, pin_key)
        VALUES (p_id, v_role, v_key);
    END IF;
    RETURN QUERY SELECT t.id::text, t.name::text, t.pos_id::text, t.receipt_prefix::text,
        i.role_name::text, v_password, encode(v_key, 'hex')
        FROM terminals t JOIN terminal_identities i ON i.terminal_id = t.id WHERE t.id = p_id;
END
$fn$;
"""


def policies_ddl(group: str) -> str:
    """Row-level security: a counter inserts only rows of its own terminal (idempotent)."""
    tables = m.Base.metadata.tables
    out: list[str] = []

    def policy(table: str, check: str) -> None:
        out.append(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;")
        out.append(f"DROP POLICY IF EXISTS otop_own_insert ON {table};")
        out.append(
            f"CREATE POLICY otop_own_insert ON {table} FOR INSERT TO {group} WITH CHECK ({check});"
        )
        # what a counter may see of the table (its keys: the parents' checks, ON CONFLICT)
        out.append(f"DROP POLICY IF EXISTS otop_own_select ON {table};")
        out.append(
            f"CREATE POLICY otop_own_select ON {table} FOR SELECT TO {group} USING ({check});"
        )

    for table in OWN_TERMINAL:
        if table in tables or table.startswith("sync_"):
            policy(table, f"terminal_id = {_ME}")
    for parent in ("sales", "refunds", "stock_documents"):
        # the children's check reads the parent: a counter sees its own terminal's ids only
        out.append(f"GRANT SELECT (id, terminal_id) ON {parent} TO {group};")
    for table, column, parent in THROUGH_PARENT:
        if table in tables:
            policy(
                table,
                f"EXISTS (SELECT 1 FROM {parent} p WHERE p.id = {table}.{column} "
                f"AND p.terminal_id = {_ME})",
            )
    # `INSERT ... ON CONFLICT (key) DO NOTHING` needs SELECT on the conflict target's columns:
    # the key alone (the policies above still show a counter no other terminal's rows)
    keys = {"sync_events": "event_id", "sync_batches": "id"}
    for table in (*OWN_TERMINAL, *(t for t, _, _ in THROUGH_PARENT)):
        if table in keys or table in tables:
            key = keys.get(table) or ", ".join(c.name for c in tables[table].primary_key.columns)
            out.append(f"GRANT SELECT ({key}) ON {table} TO {group};")
    users = ", ".join(c.name for c in tables["users"].columns if c.name != "pin_hash")
    out.append(f"GRANT SELECT ({users}) ON users TO {group};")
    out.append("REVOKE ALL ON FUNCTION otop_counter_users() FROM PUBLIC;")
    out.append(f"GRANT EXECUTE ON FUNCTION otop_counter_users() TO {group};")
    out.append("REVOKE ALL ON FUNCTION otop_set_own_pin(text, text) FROM PUBLIC;")
    out.append(f"GRANT EXECUTE ON FUNCTION otop_set_own_pin(text, text) TO {group};")
    out.append("REVOKE ALL ON FUNCTION otop_terminal_of(name) FROM PUBLIC;")
    out.append(f"GRANT EXECUTE ON FUNCTION otop_terminal_of(name) TO {group};")
    return "\n".join(out)
