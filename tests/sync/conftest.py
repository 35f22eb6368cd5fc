"""Sync fixtures: a central PostgreSQL with a small catalogue, counters on SQLite files."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url

from db.central import COUNTER_ROLE, CentralShop, init_central, register_terminal
from db.engine import make_engine, sqlite_url
from db.sync import CentralSync, adopt_registration, as_counter_login
from pos.app.bootstrap import Store, open_store
from pos.domain.settings import Settings
from pos.ports.clock import SystemClock
from pos.services.auth import Auth
from pos.services.demo import demo_sales, load_demo_store
from pos.services.sync import SyncService
from tests.helpers.templates import FreshDatabase, SqliteTemplates, migrate_only
from tests.sync.proxy import CuttingProxy

SMALL_CATALOGUE = Path(__file__).resolve().parents[1] / "integration" / "data" / "small"


def shop(settings: Settings) -> CentralShop:
    return CentralShop(
        "KKOTOP",
        settings.shop_name_th,
        settings.shop_name_en,
        settings.tax_id or None,
        settings.branch,
        settings.address_th,
    )


@dataclass
class Central:
    admin_url: str
    counter_url: str  # the same database as the least-privilege counter role
    admin: Engine

    def scalar(self, sql: str, **params: object) -> object:
        with self.admin.connect() as conn:
            return conn.execute(text(sql), params).scalar()

    def execute(self, sql: str, **params: object) -> None:
        with self.admin.begin() as conn:
            conn.execute(text(sql), params)


def as_role(url: str, role: str) -> str:
    return make_url(url).set(username=role, password=None).render_as_string(hide_password=False)


def build_central(url: str) -> None:
    """Migrated, initialised, with the small catalogue, opening stock and the demo users."""
    settings = Settings()
    admin = make_engine(url)
    try:
        init_central(admin, shop(settings))
    finally:
        admin.dispose()
    store = open_store(url, settings)  # the back office's own terminal
    load_demo_store(store.uow, settings, store.terminal.terminal_id, SMALL_CATALOGUE)
    # users are owned centrally: the counters pull the demo cashier their sales name
    Auth(
        store.uow, settings, SystemClock(), terminal_id=store.terminal.terminal_id
    ).ensure_demo_users()
    store.close()


@pytest.fixture
def central(fresh_database: FreshDatabase) -> Iterator[Central]:
    """A central database: migrated, initialised, with the small catalogue and opening stock
    (a copy of the session's template)."""
    url = fresh_database("pg", "central", build_central)
    admin = make_engine(url)
    try:
        yield Central(url, as_role(url, COUNTER_ROLE), admin)
    finally:
        admin.dispose()


@dataclass
class Counter:
    name: str
    store: Store
    transport: CentralSync
    service: SyncService
    engines: list[Engine] = field(default_factory=list)

    def sell(self, count: int, seed: int) -> int:
        return demo_sales(self.store.checkout(), self.store.uow, count, 1, seed=seed)

    def close(self) -> None:
        self.store.close()
        for e in self.engines:
            e.dispose()


def central_engine(url: str) -> Engine:
    return make_engine(url, connect_args={"connect_timeout": 5})


@pytest.fixture
def make_counter(
    tmp_path: Path, central: Central, sqlite_templates: SqliteTemplates
) -> Iterator[Callable[..., Counter]]:
    """Counters registered with the central database, their catalogue pulled; each a copy of
    the migrated template that makes its own terminal (its own id) at first start."""
    made: list[Counter] = []

    def make(
        name: str, url: str | None = None, path: Path | None = None, pull: bool = True
    ) -> Counter:
        settings = Settings()
        file = path or tmp_path / f"{name.replace(' ', '_')}.sqlite3"
        db = sqlite_url(file)
        if not file.exists():
            sqlite_templates.copy("migrated", migrate_only, file)
        store = open_store(db, settings)
        enrol = central_engine(url or central.counter_url)
        try:
            reg = register_terminal(enrol, store.terminal.terminal_id, name, "", "KKOTOP")
        finally:
            enrol.dispose()
        adopt_registration(
            store.engine, reg.terminal_id, reg.name, reg.pos_id, reg.receipt_prefix,
            role=reg.role, password=reg.password, pin_key=reg.pin_key,
        )  # fmt: skip
        # from now on the counter connects as its own login
        engine = central_engine(as_counter_login(store.engine, url or central.counter_url))
        with engine.connect():  # its first connection (the dialect's set-up), as registering did
            pass
        store.close()
        store = open_store(db, settings)
        assert store.terminal.receipt_prefix == reg.receipt_prefix
        transport = CentralSync(store.engine, engine, store.terminal.terminal_id)
        counter = Counter(name, store, transport, SyncService(transport, SystemClock(), 50))
        counter.engines.append(engine)
        made.append(counter)
        if pull:
            counter.service.sync_once()
        return counter

    yield make
    for c in made:
        c.close()


def socket_target(url: str) -> str | tuple[str, int]:
    """Where the server listens: a unix socket path (pgserver) or a TCP address."""
    u = make_url(url)
    host = u.query.get("host") or u.host or ""
    if isinstance(host, tuple):
        host = host[0]
    port = u.port or 5432
    if not host or host.startswith("/"):
        return f"{host or '/var/run/postgresql'}/.s.PGSQL.{port}"
    return (host, port)


@pytest.fixture
def proxy(central: Central) -> Iterator[tuple[CuttingProxy, str]]:
    """A cutting proxy in front of the server and the counter role's URL through it."""
    p = CuttingProxy(socket_target(central.admin_url))
    u = make_url(central.counter_url)
    url = u.set(host="127.0.0.1", port=p.port, query={}).render_as_string(hide_password=False)
    try:
        yield p, url
    finally:
        p.close()


PG_URL_ENV = "POS_TEST_PG_URL"


def pgserver_instance(uri: str) -> object:
    if os.environ.get(PG_URL_ENV):
        pytest.skip(f"{PG_URL_ENV} is set: this test cannot stop and start that server")
    from pgserver.postgres_server import PostgresServer

    for server in PostgresServer._instances.values():
        if server.get_uri() == uri:
            return server
    pytest.skip("the pgserver instance behind the test server was not found")
