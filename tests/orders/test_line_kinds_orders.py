"""An order's sale runs the same sale hooks as a counter's, inside the same transaction."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from sqlalchemy import func, select

from db import models as m
from pos.app.bootstrap import Store
from pos.domain.auth import Actor
from pos.domain.cart import Cart
from pos.domain.errors import ShopError
from pos.domain.orders import OrderLineRequest, OrderStatus, PaymentMethod
from pos.domain.sale import Receipt, ReceiptNote
from pos.ports.sales import SalesUnitOfWork
from pos.services.order_desk import OrderDesk
from pos.services.orders import Orders
from tests.orders.conftest import pickup


class Refused(ShopError):
    pass


def sales(store: Store) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(m.Sale)).scalar_one())


def test_an_orders_sale_runs_the_hooks_and_keeps_their_notes(
    orders: Orders, order_desk: OrderDesk, store: Store, manager: Actor
) -> None:
    carts: list[list[str]] = []

    def note(uow: SalesUnitOfWork, receipt: Receipt, cart: Cart) -> Sequence[ReceiptNote]:
        carts.append([ln.product.sku for ln in cart])
        return [ReceiptNote(f"ออนไลน์ {receipt.receipt_no}", f"Online {receipt.receipt_no}")]

    def refuse(uow: SalesUnitOfWork, receipt: Receipt, cart: Cart) -> Sequence[ReceiptNote]:
        raise Refused("Not now", "ยังไม่ได้")

    order = orders.place(
        "key-hooks-1", pickup(), [OrderLineRequest("product", "TEA-001", 2)],
        PaymentMethod.PROMPTPAY,
    )  # fmt: skip
    order_desk.add_hook(note)
    order_desk.add_hook(refuse)
    with pytest.raises(Refused):
        order_desk.confirm_payment(order.order_no, manager)
    assert sales(store) == 0
    assert order_desk.order(order.order_no).status is not OrderStatus.PAID

    order_desk.hooks.remove(refuse)
    receipt = order_desk.confirm_payment(order.order_no, manager)
    assert carts == [["TEA-001"], ["TEA-001"]]
    no = receipt.receipt_no
    assert receipt.notes == (ReceiptNote(f"ออนไลน์ {no}", f"Online {no}"),)
    with store.uow() as read:
        stored = read.sales.receipt(receipt.receipt_no)
    assert stored is not None
    assert stored.notes == receipt.notes
