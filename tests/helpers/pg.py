"""PostgreSQL test databases: URLs for libpq and SQLAlchemy, create/drop by name."""

from __future__ import annotations

from sqlalchemy.engine import make_url


def admin_conninfo(server_url: str) -> str:
    """A libpq URI (postgresql://) for the server's own database, from any driver URL.

    pgserver hands out URIs with the unix socket directory in a `host=` query parameter;
    they go through unchanged.
    """
    return make_url(server_url).set(drivername="postgresql").render_as_string(hide_password=False)


def database_url(server_url: str, database: str) -> str:
    """The SQLAlchemy URL (postgresql+psycopg://) of `database` on the same server."""
    url = make_url(server_url).set(drivername="postgresql+psycopg", database=database)
    return url.render_as_string(hide_password=False)


def create_database(server_url: str, database: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(admin_conninfo(server_url), autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))


def drop_database(server_url: str, database: str) -> None:
    """Drop `database`, first ending connections a test left open to it."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(admin_conninfo(server_url), autocommit=True) as conn:
        conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            (database,),
        )
        force = sql.SQL(" WITH (FORCE)") if conn.info.server_version >= 130000 else sql.SQL("")
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(database)) + force)
