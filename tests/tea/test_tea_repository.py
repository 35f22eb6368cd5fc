"""The tea corner's storage on SQLite and PostgreSQL: a menu item's options and recipes
round-trip, and the day's order numbers run 1, 2, 3 per business day."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from db.engine import make_engine
from db.uow import SqlUnitOfWorkFactory
from pos.domain.settings import Settings
from pos.domain.tea import MenuItem, OptionGroup, TeaOption
from pos.services.demo import load_demo_store
from pos.services.store import ensure_terminal

SHOP = Path(__file__).resolve().parents[1] / "printing" / "data" / "shop"


def test_menu_items_and_order_numbers(migrated_db_url: str) -> None:
    engine = make_engine(migrated_db_url)
    try:
        uow = SqlUnitOfWorkFactory(engine)
        settings = Settings()
        terminal = ensure_terminal(uow, settings)
        load_demo_store(uow, settings, terminal.terminal_id, SHOP)
        with uow() as read:
            drink = read.catalog.product_by_sku("TEA-001")
            cup = read.catalog.product_by_sku("RICE-001")
        assert drink is not None and cup is not None  # noqa: PT018
        size = OptionGroup(
            "size", "ขนาด", "Size",
            (TeaOption("M", "M", "M"), TeaOption("L", "L", "L", Decimal(10),
                                                 ((cup.product_id, Decimal(1)),))),
            required=True, default="M",
        )  # fmt: skip
        item = MenuItem(
            drink.product_id, drink.sku, "ชาใบหม่อน", "Mulberry-leaf tea", Decimal(35),
            (size,), ((cup.product_id, Decimal("2.5")),), sort_order=3,
        )  # fmt: skip
        with uow(write=True) as work:
            work.tea.save_item(item)
            work.commit()
        with uow() as read:
            [stored] = read.tea.items()
        assert stored == item
        with uow(write=True) as work:
            assert work.tea.set_active(drink.product_id, False)
            work.commit()
        with uow() as read:
            assert read.tea.items(active_only=True) == []
            assert read.catalog.product_by_sku("TEA-001") is None  # off the till too
        day = date(2026, 11, 27)
        numbers = []
        for d in (day, day, day, date(2026, 11, 28), day):
            with uow(write=True) as work:
                numbers.append(work.tea.take_number(d))
                work.commit()
        assert numbers == [1, 2, 3, 1, 4]
        with uow(write=True) as work:
            assert work.tea.take_number(day) == 5
            # rolled back: the number is not spent
        with uow(write=True) as work:
            assert work.tea.take_number(day) == 5
    finally:
        engine.dispose()
