"""The shop's stock rule, checked inside the transaction that moves the stock."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from pos.domain.basket import shortages
from pos.domain.errors import ShopError
from pos.ports.sales import SalesUnitOfWork


class OutOfStock(ShopError):
    """Selling or assembling would take a product's stock below zero, and the shop forbids it."""

    def __init__(self, missing: Mapping[str, Decimal], names: Mapping[str, tuple[str, str]]):
        short = [(names.get(p, (p, p)), f"{q.normalize():f}") for p, q in missing.items()]
        en = ", ".join(f"{name[1]} (short {q})" for name, q in short)
        th = ", ".join(f"{name[0]} (ขาด {q})" for name, q in short)
        super().__init__(f"Not enough stock: {en}", f"สินค้าไม่พอ: {th}")
        self.missing = dict(missing)


def ensure_stock(uow: SalesUnitOfWork, need: Mapping[str, Decimal], allow_negative: bool) -> None:
    """Refuse (raise OutOfStock) when taking `need` would leave any stock below zero.

    Call it in the writing unit of work, right before the movements are written: the product
    rows are locked (PostgreSQL) or the database is (SQLite, BEGIN IMMEDIATE), so no other
    counter can sell the same last piece between the check and the commit.
    """
    wanted = {pid: q for pid, q in need.items() if q > 0}
    if allow_negative or not wanted:
        return
    uow.baskets.lock_products(list(wanted))
    stock = uow.catalog.stock_on_hand(wanted)
    missing = shortages(wanted, stock)
    if missing:
        names = {
            p.product_id: (p.name_th, p.name_en) for p in uow.catalog.products_by_ids(missing)
        }
        raise OutOfStock(missing, names)
