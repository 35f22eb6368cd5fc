"""Placing an order on a real database: server prices, reservations, idempotency, shortages."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from pos.app.bootstrap import Store
from pos.domain.auth import Actor
from pos.domain.orders import (
    OrderFormError,
    OrderLineRequest,
    OrderStatus,
    OutOfStockOnline,
    PaymentMethod,
)
from pos.services.order_desk import OrderDesk
from pos.services.orders import Orders
from tests.integration.conftest import FixedClock
from tests.orders.conftest import delivery, pickup


def line(ref: str, qty: int = 1, kind: str = "product") -> OrderLineRequest:
    return OrderLineRequest(kind, ref, qty)  # type: ignore[arg-type]


def pid(orders: Orders, sku: str) -> str:
    found = orders.product(sku)
    assert found is not None
    return found.product_id


def test_place_reserves_stock_at_server_prices(orders: Orders) -> None:
    tea = pid(orders, "TEA-001")
    before = orders.availability([tea])[tea]
    order = orders.place("key-0000001", delivery(), [line("TEA-001", 3)], PaymentMethod.PROMPTPAY)
    assert order.status is OrderStatus.AWAITING_PAYMENT
    assert order.order_no.startswith("W261127")
    assert order.subtotal == Decimal("255.00")
    assert order.shipping_fee == Decimal("50.00")
    assert order.total == Decimal("305.00")
    assert order.vat == (Decimal("255.00") * 7 / 107).quantize(Decimal("0.01"))
    assert order.promptpay_payload
    assert "5406305.00" in order.promptpay_payload
    assert order.reserved_until == order.created_at + timedelta(minutes=30)
    assert orders.availability([tea])[tea] == before - 3
    assert orders.lookup(order.order_no, "0812345678") == order
    assert orders.lookup(order.order_no, "0899999999") is None


def test_same_key_twice_is_one_order_and_other_lines_are_refused(orders: Orders) -> None:
    tea = pid(orders, "TEA-001")
    before = orders.availability([tea])[tea]
    first = orders.place("key-twice-01", pickup(), [line("TEA-001", 2)], PaymentMethod.AT_PICKUP)
    again = orders.place("key-twice-01", pickup(), [line("TEA-001", 2)], PaymentMethod.AT_PICKUP)
    assert again.order_no == first.order_no
    assert orders.availability([tea])[tea] == before - 2
    with pytest.raises(OrderFormError) as refused:
        orders.place("key-twice-01", pickup(), [line("TEA-001", 5)], PaymentMethod.AT_PICKUP)
    assert refused.value.field == "idempotency_key"
    assert orders.availability([tea])[tea] == before - 2


def test_short_stock_is_refused_with_what_is_left(orders: Orders) -> None:
    silk = pid(orders, "SILK-001")
    assert orders.availability([silk])[silk] == 12
    orders.place("key-short-1", pickup(), [line("SILK-001", 10)], PaymentMethod.AT_PICKUP)
    with pytest.raises(OutOfStockOnline) as short:
        orders.place("key-short-2", pickup(), [line("SILK-001", 3)], PaymentMethod.AT_PICKUP)
    assert short.value.available == {"SILK-001": 2}
    assert "only 2 left" in short.value.message_en
    assert "เหลือเพียง 2 ชิ้น" in short.value.message_th


def test_a_gift_basket_reserves_its_components(orders: Orders) -> None:
    tea, jaew = pid(orders, "TEA-001"), pid(orders, "JAEW-001")
    before = orders.availability([tea, jaew])
    basket = orders.basket("BK-NY")
    assert basket is not None
    assert basket.price == Decimal("499.00")
    order = orders.place(
        "key-basket-1", delivery(), [line("BK-NY", 2, "basket")], PaymentMethod.COD
    )
    assert order.status is OrderStatus.NEW
    assert order.subtotal == Decimal("998.00")
    after = orders.availability([tea, jaew])
    assert after[tea] == before[tea] - 2
    assert after[jaew] == before[jaew] - 4


def test_expired_reservation_returns_to_stock(orders: Orders, clock: FixedClock) -> None:
    tea = pid(orders, "TEA-001")
    before = orders.availability([tea])[tea]
    order = orders.place("key-expire-1", delivery(), [line("TEA-001", 4)], PaymentMethod.PROMPTPAY)
    clock.current += timedelta(minutes=29)
    assert orders.expire_reservations() == 0
    assert orders.availability([tea])[tea] == before - 4
    clock.current += timedelta(minutes=1)
    assert orders.expire_reservations() == 1
    assert orders.availability([tea])[tea] == before
    found = orders.lookup(order.order_no, "0812345678")
    assert found is not None
    assert found.status is OrderStatus.CANCELLED


def test_counter_sale_sees_reservations(orders: Orders, store: Store) -> None:
    from pos.domain.payment import cash_tender
    from pos.services.checkout import Checkout
    from pos.services.stock import OutOfStock
    from tests.helpers.selling import seller

    strict = store.settings.with_changes(allow_negative_stock=False)
    checkout = Checkout(store.uow, strict, store.terminal, FixedClock())
    orders.place("key-counter1", pickup(), [line("SILK-001", 11)], PaymentMethod.AT_PICKUP)
    cart = checkout.new_cart()
    checkout.add_to_cart(cart, checkout.lookup("SILK-001"))
    checkout.add_to_cart(cart, checkout.lookup("SILK-001"))
    with pytest.raises(OutOfStock):
        checkout.complete(
            cart, [cash_tender(Decimal("2580"), Decimal("2580"))], actor=seller(checkout)
        )
    cart = checkout.new_cart()
    checkout.add_to_cart(cart, checkout.lookup("SILK-001"))
    checkout.complete(cart, [cash_tender(Decimal("1290"), Decimal("1290"))], actor=seller(checkout))
    silk = pid(orders, "SILK-001")
    assert orders.availability([silk])[silk] == 0
    assert orders.reserved([silk]) == {silk: 11}


def test_a_counter_that_may_sell_below_zero_still_leaves_reserved_goods(
    orders: Orders, order_desk: OrderDesk, store: Store, manager: Actor
) -> None:
    """allow_negative_stock lets a counter sell what the books do not show, never what an
    online order holds: the last pieces reserved online are refused at the counter."""
    from pos.domain.payment import cash_tender
    from pos.services.checkout import Checkout
    from pos.services.stock import OutOfStock
    from tests.helpers.selling import seller

    lenient = store.settings.with_changes(allow_negative_stock=True)
    checkout = Checkout(store.uow, lenient, store.terminal, FixedClock())
    silk = pid(orders, "SILK-001")
    on_hand = orders.availability([silk])[silk]  # no buffer in the test settings
    held = orders.place(
        "key-lenient1", pickup(), [line("SILK-001", on_hand)], PaymentMethod.AT_PICKUP
    )

    def sell_one() -> None:
        cart = checkout.new_cart()
        checkout.add_to_cart(cart, checkout.lookup("SILK-001"))
        checkout.complete(
            cart, [cash_tender(Decimal("1290"), Decimal("1290"))], actor=seller(checkout)
        )

    with pytest.raises(OutOfStock):
        sell_one()  # every piece is held for the online order
    # a product nobody reserved still sells below zero, as the shop allows
    cart = checkout.new_cart()
    checkout.add_to_cart(cart, checkout.lookup("TEA-001"))
    tea = pid(orders, "TEA-001")
    for _ in range(int(orders.availability([tea])[tea]) + 1):
        checkout.add_to_cart(cart, checkout.lookup("TEA-001"))
    due = cart.totals().total
    checkout.complete(cart, [cash_tender(due, due)], actor=seller(checkout))
    assert orders.availability([tea])[tea] == 0
    order_desk.cancel(held.order_no, manager, "customer changed their mind")
    sell_one()  # the order's goods are back for sale at the counter
