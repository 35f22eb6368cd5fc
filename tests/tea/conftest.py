"""Tea corner fixtures: the demo store with its tea menu on SQLite (a session template), a
fixed clock, a till's services with the tea printer on a TCP printer of 127.0.0.1."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from pos.app.bootstrap import Services, Store, open_store
from pos.domain.settings import PrinterProfile, Settings
from pos.services.demo import load_demo_store, load_demo_tea
from resources import DEMO
from tests.helpers.templates import FreshDatabase

TEA = "tea"  # the tea printer's profile name
SCARF = "KK-TX-0003"  # Mudmee silk scarf, Kho Hook pattern, 650.00
# mulberry milk tea L, 50 % sweet, iced, pearls: 45 + 10 + 5 + 10
MILK_L = {"size": ("L",), "sweet": ("50",), "temp": ("iced",), "top": ("pearl",)}
# mulberry milk tea S, no sugar, hot: 45 - 10
MILK_S = {"size": ("S",), "sweet": ("0",), "temp": ("hot",)}


class Clock:
    """A clock the test moves: 11:30 in Bangkok on 27 November 2026 to start with."""

    def __init__(self) -> None:
        self.current = datetime(2026, 11, 27, 4, 30, tzinfo=UTC)

    def now(self) -> datetime:
        return self.current

    def advance(self, **delta: float) -> None:
        self.current += timedelta(**delta)


def tea_settings(target: str | None, **changes: object) -> Settings:
    """The shop's settings with receipts on a preview and tickets on a text-mode TCP printer
    at `target` (None: no tea printer, tickets on the orders window only)."""
    printers = [PrinterProfile(name="receipt")]
    if target is not None:
        printers.append(
            PrinterProfile(
                name=TEA,
                connection="network",
                target=target,
                mode="text",
                codepage=21,
                drawer_pin=None,
                timeout_s=2,
            )
        )
    return Settings(
        printers=tuple(printers),
        tea_printer=TEA if target else "",
        **changes,  # type: ignore[arg-type]
    )


def build_tea_store(url: str) -> None:
    """The template: the demo catalogue and the tea corner's demo menu and stock items."""
    store = open_store(url, Settings())
    try:
        load_demo_store(store.uow, store.settings, store.terminal.terminal_id, DEMO)
        load_demo_tea(store.uow, Clock(), store.terminal.terminal_id)
    finally:
        store.close()


@pytest.fixture
def tea_db(fresh_database: FreshDatabase) -> str:
    """A new SQLite file of the tea template."""
    return fresh_database("sqlite", "tea-demo", build_tea_store)


@pytest.fixture
def tea_pg(fresh_database: FreshDatabase) -> str:
    """A new PostgreSQL database of the tea template."""
    return fresh_database("pg", "tea-demo", build_tea_store)


@pytest.fixture
def clock() -> Clock:
    return Clock()


OpenServices = Callable[[str, Settings], Services]


@pytest.fixture
def services(clock: Clock) -> Iterator[OpenServices]:
    """`services(url, settings)`: a till's services on the store at `url`, its clock `clock`."""
    opened: list[Services] = []

    def make(url: str, settings: Settings) -> Services:
        svc = Services(open_store(url, settings, create=False))
        svc.__dict__["clock"] = clock  # the cached clock: the test's
        opened.append(svc)
        return svc

    yield make
    for svc in opened:
        svc.close()


def stock_of(store: Store, sku: str) -> Decimal:
    """On hand of a product: the sum of its stock movements."""
    from sqlalchemy import text

    with store.engine.connect() as conn:
        value = conn.execute(
            text(
                "SELECT COALESCE(SUM(m.quantity), 0) FROM stock_movements m "
                "JOIN products p ON p.id = m.product_id WHERE p.sku = :sku"
            ),
            {"sku": sku},
        ).scalar_one()
    return Decimal(str(value))
