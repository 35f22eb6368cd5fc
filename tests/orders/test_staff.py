"""The orders window's service on a real database: payment turns an order into a sale of the
web channel, picking, packing by scanning, shipping, hand-over, cancelling."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from db import models as m
from pos.app.bootstrap import Store
from pos.domain.auth import Actor, PermissionDenied
from pos.domain.channels import Channel
from pos.domain.errors import PaymentError
from pos.domain.orders import (
    OrderError,
    OrderFormError,
    OrderLineRequest,
    OrderStatus,
    PaymentMethod,
)
from pos.domain.payment import Tender, TenderKind
from pos.domain.shipping import TrackingNumberError
from pos.domain.shop_time import shop_day
from pos.services.auth import Auth
from pos.services.eod import eod_report
from pos.services.order_desk import OrderDesk
from pos.services.orders import Orders
from pos.services.returns import Returns
from tests.helpers.selling import PlainTestHasher
from tests.integration.conftest import FixedClock
from tests.orders.conftest import delivery, pickup


def line(ref: str, qty: int = 1, kind: str = "product") -> OrderLineRequest:
    return OrderLineRequest(kind, ref, qty)  # type: ignore[arg-type]


def on_hand(store: Store, sku: str) -> Decimal:
    with store.uow() as read:
        product = read.catalog.product_by_sku(sku)
        assert product is not None
        return read.catalog.stock_on_hand([product.product_id])[product.product_id]


def test_confirm_payment_sells_on_the_web_series(
    orders: Orders, order_desk: OrderDesk, store: Store, manager: Actor, clock: FixedClock
) -> None:
    tea_before, jaew_before = on_hand(store, "TEA-001"), on_hand(store, "JAEW-001")
    order = orders.place(
        "key-paid-001", delivery(), [line("TEA-001", 2), line("BK-NY", 1, "basket")],
        PaymentMethod.PROMPTPAY,
    )  # fmt: skip
    assert order.subtotal == Decimal("669.00")  # 2 x 85 + 499
    receipt = order_desk.confirm_payment(order.order_no, manager)
    assert receipt.receipt_no == "KK-W-00000001"
    assert receipt.total == order.total == Decimal("719.00")  # with the delivery fee (50)
    paid = order_desk.order(order.order_no)
    assert paid.status is OrderStatus.PAID
    assert paid.receipt_no == "KK-W-00000001"
    # stock moved once: the reservation became the sale's movements
    assert on_hand(store, "TEA-001") == tea_before - 3  # two loose, one in the basket
    assert on_hand(store, "JAEW-001") == jaew_before - 2
    tea = orders.product("TEA-001")
    assert tea is not None
    assert tea.available == int(tea_before) - 3
    with store.uow() as read:
        sale = read.session.scalars(
            select(m.Sale).where(m.Sale.receipt_no == receipt.receipt_no)
        ).one()
        term = read.session.get(m.Terminal, sale.terminal_id)
        assert term is not None
        assert term.channel == Channel.WEB.value
        assert not term.is_local
        journal = read.session.scalar(
            select(func.count())
            .select_from(m.JournalEntry)
            .where(m.JournalEntry.terminal_id == term.id)
        )
        outbox = read.session.scalar(
            select(func.count())
            .select_from(m.OutboxEvent)
            .where(m.OutboxEvent.aggregate_id == sale.id)
        )
        audit = read.audit.entries(entity="order", key=order.order_no)
    assert journal == 1
    assert outbox == 1
    assert [a.action for a in audit] == ["order.paid"]
    report = eod_report(store.uow, shop_day(clock.now()))
    assert report.sales_count == 1
    assert report.total == Decimal("719.00")  # the delivery fee is in the sale
    # a second confirmation is refused, and the series stays gapless
    with pytest.raises(OrderError):
        order_desk.confirm_payment(order.order_no, manager)
    second = orders.place("key-paid-002", pickup(), [line("BALM-001")], PaymentMethod.PROMPTPAY)
    assert order_desk.confirm_payment(second.order_no, manager).receipt_no == "KK-W-00000002"


def test_pick_pack_by_scanning_and_ship_cod(
    orders: Orders, order_desk: OrderDesk, store: Store, manager: Actor, packer: Actor
) -> None:
    order = orders.place(
        "key-pack-001", delivery(), [line("TEA-001", 2), line("JAEW-001", 1)], PaymentMethod.COD
    )
    with pytest.raises(PermissionDenied):
        order_desk.confirm_payment(order.order_no, packer)
    order_desk.start_picking(order.order_no, packer)
    picks = order_desk.pick_list([order.order_no])
    assert [(p.sku, p.quantity) for p in picks.lines] == [("TEA-001", 2), ("JAEW-001", 1)]
    with pytest.raises(OrderError, match="not in order"):
        order_desk.pack_scan(order.order_no, "8851234000012")  # the silk: not ordered
    order_desk.pack_scan(order.order_no, "036000291452")  # tea by its barcode
    progress = order_desk.pack_scan(order.order_no, "TEA-001")  # and by SKU
    assert not progress.complete
    with pytest.raises(OrderError, match="packed already"):
        order_desk.pack_scan(order.order_no, "TEA-001")
    with pytest.raises(OrderError, match="not scanned yet"):
        order_desk.mark_packed(order.order_no, packer)
    assert order_desk.pack_scan(order.order_no, "8851234000029").complete
    order_desk.mark_packed(order.order_no, packer)
    assert order_desk.order(order.order_no).receipt_no is None  # COD: sold when shipped
    # the service itself checks the number by its carrier's rule (S10 check digit), not only
    # the orders window: a wrong digit, an unknown carrier or "pick-up" is refused, nothing moves
    with pytest.raises(TrackingNumberError, match="check digit"):
        order_desk.ship(order.order_no, "thailand_post_ems", "EX123456789TH", packer)
    with pytest.raises(OrderFormError, match="carrier"):
        order_desk.ship(order.order_no, "pigeon", "EX123456785TH", packer)
    with pytest.raises(OrderFormError, match="carrier"):
        order_desk.ship(order.order_no, "pickup", "", packer)
    assert order_desk.order(order.order_no).status is OrderStatus.PACKED
    shipped = order_desk.ship(order.order_no, "thailand_post_ems", "EX 123456785 TH", packer)
    assert shipped.status is OrderStatus.SHIPPED
    assert shipped.tracking_no == "EX123456785TH"
    assert shipped.receipt_no == "KK-W-00000001"
    with store.uow() as read:
        kinds = read.session.scalars(
            select(m.Payment.kind).join(m.Sale).where(m.Sale.receipt_no == shipped.receipt_no)
        ).all()
    assert kinds == ["cod"]
    done = order_desk.mark_delivered(order.order_no, manager)
    assert done.status is OrderStatus.DELIVERED
    assert [e.status for e in done.history] == [
        OrderStatus.NEW, OrderStatus.PICKING, OrderStatus.PACKED, OrderStatus.SHIPPED,
        OrderStatus.DELIVERED,
    ]  # fmt: skip


def test_pay_at_pickup_is_sold_at_hand_over(
    orders: Orders, order_desk: OrderDesk, manager: Actor, packer: Actor
) -> None:
    order = orders.place("key-pickup-1", pickup(), [line("DINO-001", 2)], PaymentMethod.AT_PICKUP)
    order_desk.start_picking(order.order_no, packer)
    order_desk.pack_scan(order.order_no, "DINO-001")
    order_desk.pack_scan(order.order_no, "DINO-001")
    order_desk.mark_packed(order.order_no, packer)
    with pytest.raises(OrderError, match="picked up"):
        order_desk.ship(order.order_no, "kerry", "KEX1234567890", packer)
    with pytest.raises(PaymentError):
        order_desk.mark_delivered(order.order_no, manager)
    done = order_desk.mark_delivered(
        order.order_no, manager, [Tender(TenderKind.CASH, Decimal("398.00"))]
    )
    assert done.status is OrderStatus.DELIVERED
    assert done.receipt_no == "KK-W-00000001"


def test_cancel_releases_the_reservation_and_flags_a_paid_order(
    orders: Orders, order_desk: OrderDesk, manager: Actor, store: Store, clock: FixedClock
) -> None:
    silk = orders.product("SILK-001")
    assert silk is not None
    unpaid = orders.place("key-cancel-1", pickup(), [line("SILK-001", 5)], PaymentMethod.AT_PICKUP)
    assert orders.availability([silk.product_id])[silk.product_id] == 7
    with pytest.raises(OrderFormError):
        order_desk.cancel(unpaid.order_no, manager, "   ")
    cancelled = order_desk.cancel(unpaid.order_no, manager, "customer phoned")
    assert cancelled.status is OrderStatus.CANCELLED
    assert orders.availability([silk.product_id])[silk.product_id] == 12
    paid = orders.place("key-cancel-2", delivery(), [line("SILK-001", 1)], PaymentMethod.PROMPTPAY)
    receipt = order_desk.confirm_payment(paid.order_no, manager)
    flagged = order_desk.cancel(paid.order_no, manager, "out of stock at the producer")
    assert f"refund due: receipt {receipt.receipt_no}" in flagged.cancel_reason
    with pytest.raises(OrderError):
        order_desk.cancel(paid.order_no, manager, "again")
    # the refund goes through the counters' refund service, which returns the stock
    before = on_hand(store, "SILK-001")
    auth = Auth(store.uow, store.settings, clock, PlainTestHasher(), store.terminal.terminal_id)
    returns = Returns(store.uow, auth, store.settings, store.terminal, clock)
    refund = returns.refund(manager, receipt.receipt_no, {}, "promptpay", "order cancelled")
    assert refund.total == Decimal("1290.00")
    assert on_hand(store, "SILK-001") == before + 1


def test_list_and_counts(orders: Orders, order_desk: OrderDesk, manager: Actor) -> None:
    a = orders.place("key-list-001", pickup(), [line("BALM-001")], PaymentMethod.AT_PICKUP)
    b = orders.place("key-list-002", delivery(), [line("BALM-001", 2)], PaymentMethod.PROMPTPAY)
    counts = order_desk.counts()
    assert counts[OrderStatus.NEW] == 1
    assert counts[OrderStatus.AWAITING_PAYMENT] == 1
    assert {s.order_no for s in order_desk.list()} == {a.order_no, b.order_no}
    waiting = order_desk.list(OrderStatus.AWAITING_PAYMENT)
    assert [s.order_no for s in waiting] == [b.order_no]
    assert waiting[0].items == 2
    assert [s.order_no for s in order_desk.list(search="Jane")] == [a.order_no]
