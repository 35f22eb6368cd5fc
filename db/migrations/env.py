"""Alembic environment: runs on the connection handed over by db.migrate (batch mode on SQLite)."""

from alembic import context
from sqlalchemy import Connection

from db.models import Base

config = context.config
target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is None:  # e.g. `alembic revision --autogenerate` from the command line
    from db.engine import make_engine

    engine = make_engine(config.get_main_option("sqlalchemy.url") or "sqlite:///:memory:")
    with engine.begin() as conn:
        _run(conn)
else:
    _run(connection)
