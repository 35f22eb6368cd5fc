"""An order's sale runs the same sale hooks as a counter's, inside the same transaction."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from db import models as m
from pos.app.bootstrap import Store
from pos.domain.auth import Actor
from pos.domain.cart import Cart, ProductKind
from pos.domain.channels import Channel
from pos.domain.errors import ShopError
from pos.domain.orders import OrderLineRequest, OrderStatus, PaymentMethod
from pos.domain.refund import RefundReceipt
from pos.domain.sale import Receipt, ReceiptNote
from pos.domain.shop_time import shop_day
from pos.ports.returns import RefundRequest, ReturnsUnitOfWork
from pos.ports.sales import SalesUnitOfWork
from pos.services.auth import Auth
from pos.services.eod import eod_report, producer_settlements
from pos.services.order_desk import OrderDesk
from pos.services.orders import Orders
from pos.services.returns import Returns
from tests.helpers.selling import PlainTestHasher
from tests.integration.conftest import FixedClock
from tests.orders.conftest import delivery, pickup


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


def qr_amount(payload: str) -> Decimal:
    """The amount field (tag 54) of an EMVCo QR payload, read by its own TLV rule."""
    i = 0
    while i < len(payload):
        tag, size = payload[i : i + 2], int(payload[i + 2 : i + 4])
        value = payload[i + 4 : i + 4 + size]
        if tag == "54":
            return Decimal(value)
        i += 4 + size
    raise AssertionError(f"no amount in {payload}")


def moved(store: Store, sale_or_refund: str) -> dict[str, Decimal]:
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(m.Product.sku, m.StockMovement.quantity)
            .join(m.Product, m.Product.id == m.StockMovement.product_id)
            .where(
                (m.StockMovement.sale_id == sale_or_refund)
                | (m.StockMovement.refund_id == sale_or_refund)
            )
        ).all()
    return {sku: Decimal(q) for sku, q in rows}


def test_a_delivery_orders_sale_books_its_fee_so_every_total_agrees(
    orders: Orders, order_desk: OrderDesk, store: Store, manager: Actor, clock: FixedClock
) -> None:
    order = orders.place(
        "key-fee-0001", delivery(), [OrderLineRequest("product", "TEA-001", 2)],
        PaymentMethod.PROMPTPAY,
    )  # fmt: skip
    assert order.shipping_fee > 0
    assert order.promptpay_payload is not None
    qr = qr_amount(order.promptpay_payload)
    receipt = order_desk.confirm_payment(order.order_no, manager)

    assert receipt.total == order.total == qr == Decimal("170.00") + order.shipping_fee
    fee = receipt.lines[-1]
    assert (fee.sku, fee.quantity, fee.total, fee.ref) == (
        "SVC-DELIVERY", Decimal(1), order.shipping_fee, f"delivery:{order.order_no}",
    )  # fmt: skip
    assert receipt.payments[0].amount == qr
    assert moved(store, receipt.sale_id) == {"TEA-001": Decimal(-2)}  # none for the fee

    day = shop_day(clock.now())
    web = [c for c in eod_report(store.uow, day).by_channel if c.key == Channel.WEB.value]
    assert [(c.receipts, c.sales) for c in web] == [(1, order.total)]
    settled = producer_settlements(store.uow, day, day)
    assert [(s.producer_code, s.sales) for s in settled] == [("P-UDN", Decimal("170.00"))]

    tea_before = on_hand(store, "TEA-001")
    auth = Auth(store.uow, store.settings, clock, PlainTestHasher(), store.terminal.terminal_id)
    returns = Returns(store.uow, auth, store.settings, store.terminal, clock)
    refund = returns.refund(manager, receipt.receipt_no, {}, "promptpay", "order cancelled")
    assert refund.total == order.total
    assert moved(store, refund.refund_id) == {"TEA-001": Decimal(2)}  # the goods only
    assert on_hand(store, "TEA-001") == tea_before + 2


def on_hand(store: Store, sku: str) -> Decimal:
    with store.uow() as read:
        product = read.catalog.product_by_sku(sku)
        assert product is not None
        return read.catalog.stock_on_hand([product.product_id])[product.product_id]


def test_a_refund_hook_runs_in_the_refunds_transaction_and_can_refuse_it(
    orders: Orders, order_desk: OrderDesk, store: Store, manager: Actor, clock: FixedClock
) -> None:
    order = orders.place(
        "key-fee-0002", delivery(), [OrderLineRequest("product", "BALM-001", 1)],
        PaymentMethod.PROMPTPAY,
    )  # fmt: skip
    receipt = order_desk.confirm_payment(order.order_no, manager)
    seen: list[tuple[str | None, str]] = []

    def note(uow: ReturnsUnitOfWork, request: RefundRequest, refund: RefundReceipt) -> None:
        seen.extend((p.line.ref, p.line.kind.value) for p in request.plan.lines)

    def refuse(uow: ReturnsUnitOfWork, request: RefundRequest, refund: RefundReceipt) -> None:
        raise Refused("The booking is already used", "ใช้การจองไปแล้ว")

    auth = Auth(store.uow, store.settings, clock, PlainTestHasher(), store.terminal.terminal_id)
    returns = Returns(store.uow, auth, store.settings, store.terminal, clock, hooks=[note])
    returns.add_hook(refuse)
    with pytest.raises(Refused):
        returns.refund(manager, receipt.receipt_no, {}, "promptpay", "order cancelled")
    with store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(m.Refund)).scalar_one() == 0
    returns.hooks.remove(refuse)
    returns.refund(manager, receipt.receipt_no, {}, "promptpay", "order cancelled")
    fee_ref = f"delivery:{order.order_no}"
    assert seen == [(None, "goods"), (fee_ref, "service")] * 2


def test_the_web_shop_lists_goods_only_never_the_centres_services(
    orders: Orders, store: Store
) -> None:
    with store.uow(write=True) as uow:
        uow.catalog.ensure_centre_product(
            "SVC-DELIVERY", "ค่าจัดส่ง", "Delivery fee", ProductKind.SERVICE,
            unit_price=Decimal("50"),
        )  # fmt: skip
        uow.catalog.ensure_centre_product(
            "TEA-THAI", "ชาไทย", "Thai tea", ProductKind.MENU, unit_price=Decimal("45")
        )
        uow.commit()
    assert orders.product("SVC-DELIVERY") is None
    assert orders.product("TEA-THAI") is None
    assert orders.product("TEA-001") is not None
    listed = {p.sku for page in (1, 2) for p in orders.browse(page=page)}
    assert "TEA-001" in listed
    assert not listed & {"SVC-DELIVERY", "TEA-THAI"}
    assert orders.search("ชาไทย") == []
    assert orders.categories() == [c for c in orders.categories() if c[0] != "SVC"]
