"""An order's full tax invoice on the web terminal's own series (asked for at checkout, or
later by staff), and a PromptPay payment that arrives after the reservation ran out."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from db import models as m
from pos.app.bootstrap import Store
from pos.domain.auth import Actor
from pos.domain.orders import OrderError, OrderLineRequest, OrderStatus, PaymentMethod
from pos.domain.payment import cash_tender
from pos.domain.settings import Settings
from pos.domain.taxinvoice import Buyer
from pos.services.checkout import Checkout
from pos.services.order_desk import (
    LatePaymentShort,
    OrderDesk,
    expired_unpaid,
    paid_late,
    refund_due,
)
from pos.services.orders import Orders
from pos.services.printing import TaxInvoices
from printing.taxinvoice_pdf import QtTaxInvoiceWriter
from tests.helpers.selling import seller
from tests.integration.conftest import FixedClock
from tests.orders.conftest import delivery, pickup

COMPANY = Buyer.checked(
    "บริษัท ภูเวียง ไดโนเสาร์ทัวร์ จำกัด",
    "99/9 หมู่ 1 ต.ในเมือง อ.ภูเวียง จ.ขอนแก่น 40150",
    "0994000617721",
    "1",
)


def line(ref: str, qty: int = 1) -> OrderLineRequest:
    return OrderLineRequest("product", ref, qty)


def pdf_text(path: Path) -> str:
    out = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    return unicodedata.normalize("NFKC", out)


def sales(store: Store) -> int:
    with store.uow() as read:
        return int(read.session.scalar(select(func.count()).select_from(m.Sale)) or 0)


def on_hand(store: Store, sku: str) -> Decimal:
    with store.uow() as read:
        product = read.catalog.product_by_sku(sku)
        assert product is not None
        return read.catalog.stock_on_hand([product.product_id])[product.product_id]


def test_a_tax_invoice_asked_for_at_checkout_is_numbered_on_the_web_series(
    orders: Orders,
    order_desk: OrderDesk,
    store: Store,
    settings: Settings,
    manager: Actor,
    clock: FixedClock,
    tmp_path: Path,
    qapp: object,  # the PDF is drawn by Qt
) -> None:
    counter = TaxInvoices(store.uow, settings, store.terminal, clock, QtTaxInvoiceWriter())
    # a counter's own sale first: its invoice takes the counter's series
    checkout = Checkout(store.uow, settings, store.terminal, clock)
    cart = checkout.new_cart()
    checkout.add_to_cart(cart, checkout.lookup("TEA-001"))
    due = cart.totals().total
    counter_sale = checkout.complete(cart, [cash_tender(due, due)], actor=seller(checkout))
    prefix = store.terminal.receipt_prefix
    assert counter.issue(counter_sale.receipt_no, COMPANY).number == f"{prefix}-T00000001"

    order = orders.place(
        "key-invoice-01", delivery(tax_invoice=COMPANY), [line("JAEW-001")],
        PaymentMethod.PROMPTPAY,
    )  # fmt: skip
    assert order_desk.tax_invoice(order.order_no) is None  # not sold yet
    receipt = order_desk.confirm_payment(order.order_no, manager)
    invoice = order_desk.tax_invoice(order.order_no)
    assert invoice is not None
    assert invoice.number == "KK-W-T00000001"  # the web terminal's first, not the counter's
    assert invoice.buyer == COMPANY
    assert invoice.receipt.receipt_no == receipt.receipt_no
    text = pdf_text(counter.write_pdf(invoice, tmp_path / "web.pdf"))
    for expected in ("KK-W-T00000001", receipt.receipt_no, "0994000617721"):
        assert expected in text, (expected, text)
    assert "ภูเวียงไดโนเสาร์ทัวร์" in "".join(text.split())  # pdftotext spaces Thai clusters
    assert re.search(rf"Total\s+{order.total:.2f}", text), text  # the delivery fee in it


def test_staff_issue_a_tax_invoice_later_on_the_sales_own_series(
    orders: Orders,
    order_desk: OrderDesk,
    store: Store,
    settings: Settings,
    manager: Actor,
    clock: FixedClock,
    tmp_path: Path,
    qapp: object,  # the PDF is drawn by Qt
) -> None:
    order = orders.place("key-invoice-02", pickup(), [line("TEA-001", 2)], PaymentMethod.PROMPTPAY)
    order_desk.confirm_payment(order.order_no, manager)
    done = order_desk.order(order.order_no)
    assert done.receipt_no is not None
    assert order_desk.tax_invoice(order.order_no) is None  # not asked for at checkout
    # issued at a counter (the orders window's dialog is the counter's TaxInvoices)
    counter = TaxInvoices(store.uow, settings, store.terminal, clock, QtTaxInvoiceWriter())
    issued = counter.issue(done.receipt_no, COMPANY)
    assert issued.number == "KK-W-T00000001"
    assert order_desk.tax_invoice(order.order_no) == issued
    text = pdf_text(counter.write_pdf(issued, tmp_path / "later.pdf"))
    assert "KK-W-T00000001" in text
    assert done.receipt_no in text
    assert "170.00" in text


def test_a_late_payment_is_sold_when_the_stock_is_still_there(
    orders: Orders, order_desk: OrderDesk, store: Store, manager: Actor, clock: FixedClock
) -> None:
    before = on_hand(store, "TEA-001")
    order = orders.place("key-late-0001", delivery(), [line("TEA-001", 2)], PaymentMethod.PROMPTPAY)
    clock.current += timedelta(minutes=31)
    assert orders.expire_reservations() == 1
    expired = order_desk.order(order.order_no)
    assert expired.status is OrderStatus.CANCELLED
    assert expired_unpaid(expired)
    receipt = order_desk.confirm_payment(order.order_no, manager)
    paid = order_desk.order(order.order_no)
    assert paid.status is OrderStatus.PAID
    assert paid.receipt_no == receipt.receipt_no
    assert paid_late(paid)
    assert not expired_unpaid(paid)
    assert refund_due(paid) is None
    assert on_hand(store, "TEA-001") == before - 2
    with pytest.raises(OrderError):  # once only
        order_desk.confirm_payment(order.order_no, manager)


def test_a_late_payment_for_goods_gone_is_refused_then_noted_as_refund_due(
    orders: Orders, order_desk: OrderDesk, store: Store, manager: Actor, clock: FixedClock
) -> None:
    late = orders.place("key-late-0002", delivery(), [line("SILK-001", 5)], PaymentMethod.PROMPTPAY)
    clock.current += timedelta(minutes=31)
    assert orders.expire_reservations() == 1
    # meanwhile another customer takes all but two of the scarves
    silk = orders.product("SILK-001")
    assert silk is not None
    left = silk.available
    orders.place("key-late-0003", pickup(), [line("SILK-001", left - 2)], PaymentMethod.AT_PICKUP)
    sold_before = sales(store)
    with pytest.raises(LatePaymentShort) as refused:
        order_desk.confirm_payment(late.order_no, manager)
    en, th = refused.value.message("en"), refused.value.message("th")
    assert "Mudmee silk, naga pattern (need 5, left 2)" in en, en
    assert "refund due" in en, en
    assert "(ต้องการ 5, เหลือ 2)" in th, th
    assert "คืนเงิน" in th, th
    assert refused.value.short == {silk.product_id: (5, 2)}
    assert f"{late.total:,.2f}" in en
    still = order_desk.order(late.order_no)
    assert still.status is OrderStatus.CANCELLED
    assert still.receipt_no is None
    assert sales(store) == sold_before  # nothing written
    noted = order_desk.record_late_refund(late.order_no, manager)
    assert noted.status is OrderStatus.CANCELLED
    assert refund_due(noted) == late.total == Decimal("6450.00") + late.shipping_fee
    assert f"refund due {late.total:.2f}" in noted.cancel_reason
    assert noted.history[-1].by == manager.display_name
    with pytest.raises(OrderError):  # noted once; no sale after it either
        order_desk.record_late_refund(late.order_no, manager)
    with pytest.raises(OrderError):
        order_desk.confirm_payment(late.order_no, manager)


def test_a_cancelled_order_is_not_a_late_payment(
    orders: Orders, order_desk: OrderDesk, manager: Actor
) -> None:
    order = orders.place("key-late-0004", delivery(), [line("TEA-001")], PaymentMethod.PROMPTPAY)
    order_desk.cancel(order.order_no, manager, "customer phoned")
    assert not expired_unpaid(order_desk.order(order.order_no))
    with pytest.raises(OrderError):
        order_desk.confirm_payment(order.order_no, manager)
    with pytest.raises(OrderError):
        order_desk.record_late_refund(order.order_no, manager)
