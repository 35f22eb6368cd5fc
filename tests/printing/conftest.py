"""Printing fixtures: Qt for text shaping, a small shop on SQLite, a fixed clock."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from pos.app.bootstrap import Store, open_store
from pos.domain.payment import Tender, TenderKind, cash_tender
from pos.domain.sale import Receipt
from pos.domain.settings import PrinterProfile, Settings
from pos.ports.sales import ReceiptSink
from pos.services.checkout import Checkout
from pos.services.demo import load_demo_store
from printing.qt import ensure_gui
from tests.helpers.selling import seller
from tests.helpers.templates import SqliteTemplates, migrate_only

SHOP = Path(__file__).resolve().parent / "data" / "shop"
GOLDEN = Path(__file__).resolve().parent / "golden"


@pytest.fixture(autouse=True)
def _qt(qapp: object) -> None:
    """A QApplication (as the till has) before printing lays out any text."""
    ensure_gui()


class FixedClock:
    def __init__(self) -> None:
        self.current = datetime(2026, 11, 27, 4, 30, tzinfo=UTC)  # 11:30 in Bangkok

    def now(self) -> datetime:
        return self.current


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


def network_settings(target: str, **extra: object) -> Settings:
    """The shop's settings with the receipt printer on the network at `target`."""
    receipt = PrinterProfile(name="receipt", connection="network", target=target, timeout_s=2)
    return Settings(printers=(receipt, *extra.pop("more", ())), **extra)  # type: ignore[arg-type]


@pytest.fixture
def make_store(
    tmp_path: Path, sqlite_templates: SqliteTemplates
) -> Iterator[Callable[[Settings], Store]]:
    """Open a fresh SQLite counter database (a copy of the migrated template) with the small
    shop's catalogue."""
    opened: list[Store] = []

    def make(settings: Settings) -> Store:
        path = tmp_path / f"counter{len(opened)}.sqlite3"
        store = open_store(sqlite_templates.copy("migrated", migrate_only, path), settings)
        load_demo_store(store.uow, settings, store.terminal.terminal_id, SHOP)
        opened.append(store)
        return store

    yield make
    for store in opened:
        store.close()


def sell(
    store: Store,
    clock: FixedClock,
    sink: ReceiptSink | None,
    *,
    pay: str = "cash",
    codes: tuple[str, ...] = ("8851234000012", "2*8851234000029", "8851234000036"),
) -> Receipt:
    """Ring up a sale at the till: scans, then cash (change) or PromptPay."""
    checkout = Checkout(store.uow, store.settings, store.terminal, clock, sink)
    cart = checkout.new_cart()
    for code in codes:
        checkout.add_to_cart(cart, checkout.lookup(code))
    due = cart.totals().total
    if pay == "cash":
        tenders = [cash_tender(due, Decimal(2000))]
    else:
        tenders = [Tender(TenderKind.PROMPTPAY, due, reference="PP123")]
    return checkout.complete(cart, tenders, actor=seller(checkout))
