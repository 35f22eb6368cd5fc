"""What the web shop reads: categories, districts, pages, search as at the till, products and
gift baskets with what is available; quotes at the server's prices; slips; bad input."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from db import models as m
from pos.app.bootstrap import Store
from pos.domain.orders import (
    Fulfilment,
    OrderError,
    OrderFormError,
    OrderLineRequest,
    PaymentMethod,
)
from pos.domain.settings import Settings
from pos.services.order_desk import OrderDesk
from pos.services.orders import SLIP_MAX_BYTES, Orders
from tests.integration.conftest import FixedClock
from tests.orders.conftest import delivery, pickup

JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 100
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100


def line(ref: str, qty: int = 1, kind: str = "product") -> OrderLineRequest:
    return OrderLineRequest(kind, ref, qty)  # type: ignore[arg-type]


def order_count(store: Store) -> int:
    with store.uow() as read:
        return int(read.session.scalar(select(func.count()).select_from(m.Order)) or 0)


def test_categories_districts_and_pages(orders: Orders) -> None:
    cats = {code: n for code, _, _, n in orders.categories()}
    assert cats["textile"] == 2
    assert cats["food"] == 2  # jaew and rice; the sausage is sold by weight: not online
    assert "Chonnabot" in {en for _, en, _ in orders.districts()}
    page = orders.browse()
    skus = [p.sku for p in page]
    assert "SAUS-W" not in skus
    assert skus == sorted(skus)
    textile = orders.browse(category="textile")
    assert {p.sku for p in textile} == {"SILK-001", "PHA-001"}
    assert {p.sku for p in orders.browse(district="ชนบท")} == {"SILK-001", "PHA-001"}
    assert orders.browse(page=2) == []


def test_search_as_at_the_till(orders: Orders) -> None:
    assert [p.sku for p in orders.search("ไหม")] == ["SILK-001"]
    assert [p.sku for p in orders.search("ผาไหม")] == ["SILK-001"]  # tone mark left out
    assert [p.sku for p in orders.search("silk")] == ["SILK-001"]
    assert [p.sku for p in orders.search("8851234000012")] == ["SILK-001"]
    assert orders.search("   ") == []
    assert orders.search("ไส้กรอก") == []  # weight-sold: not online


def test_a_product_page_has_everything(orders: Orders, settings: Settings) -> None:
    silk = orders.product("SILK-001")
    assert silk is not None
    assert silk.price == Decimal("1290.00")
    assert (silk.stars, silk.star_year) == (5, 2565)
    assert silk.producer_en == "Ban Nong Khiat mudmee silk group"
    assert silk.district_th == "ชนบท"
    assert silk.story_en == "Hand-woven in Ban Nong Khiat"
    assert silk.category_en
    assert silk.barcode == "8851234000012"
    assert silk.available == 12
    assert orders.product("NOPE-404") is None
    assert orders.product("SAUS-W") is None


def test_certificates_of_the_product_and_its_producer(orders: Orders, store: Store) -> None:
    silk = orders.product("SILK-001")
    assert silk is not None
    with store.uow(write=True) as work:
        producer = work.session.get(m.Product, silk.product_id)
        assert producer is not None
        work.session.add_all([
            m.Certification(product_id=silk.product_id, kind="fda", number="10-1-12345-1-0001",
                            expires=date(2027, 1, 1)),
            m.Certification(producer_id=producer.producer_id, kind="community_standard",
                            number="มผช. 12/2566", expires=date(2026, 1, 1)),
        ])  # fmt: skip
        work.commit()
    shown = orders.product("SILK-001")
    assert shown is not None
    assert sorted((c.kind, c.valid) for c in shown.certificates) == [
        ("community_standard", False),  # expired before the clock's day, 27 Nov 2026
        ("fda", True),
    ]


def test_the_safety_buffer_is_kept_back(store: Store, clock: FixedClock) -> None:
    kept = Orders(store.uow, Settings(web_safety_buffer=3), clock)
    silk = kept.product("SILK-001")
    assert silk is not None
    assert silk.available == 9
    basket = kept.basket("BK-NY")
    assert basket is not None
    assert basket.available == 12  # the bamboo basket: 15 - 3


def test_baskets_with_availability_from_their_items(orders: Orders) -> None:
    [basket] = orders.baskets()
    assert basket.code == "BK-NY"
    assert basket.price == Decimal("499.00")
    assert {i.name_en for i in basket.items} >= {"Dried mulberry-leaf tea", "Jaew bong chili paste"}
    assert basket.available == 15  # the container: 15 in stock
    orders.place("key-bk-00001", pickup(), [line("BASKET-BOX", 14)], PaymentMethod.AT_PICKUP)
    assert orders.basket("BK-NY") is not None
    assert orders.baskets()[0].available == 1


def test_quote_prices_on_the_server(orders: Orders) -> None:
    quote = orders.quote([line("TEA-001", 2), line("BK-NY", 1, "basket")], Fulfilment.DELIVERY)
    assert [(q.ref, q.unit_price, q.amount) for q in quote.lines] == [
        ("TEA-001", Decimal("85.00"), Decimal("170.00")),
        ("BK-NY", Decimal("499.00"), Decimal("499.00")),
    ]
    assert quote.subtotal == Decimal("669.00")
    assert quote.shipping_fee == Decimal("50.00")
    assert quote.total == Decimal("719.00")
    assert quote.shortages == {}
    free = orders.quote([line("SILK-001")], Fulfilment.DELIVERY)
    assert free.shipping_fee == Decimal("0")  # 1290 is above the free-delivery line
    pick = orders.quote([line("TEA-001")], Fulfilment.PICKUP)
    assert pick.shipping_fee == Decimal("0")
    short = orders.quote([line("SILK-001", 13)], Fulfilment.PICKUP)
    assert short.shortages == {"SILK-001": 12}


@pytest.mark.parametrize(
    ("lines", "field"),
    [
        ([], "lines"),
        ([("product", "NOPE-404", 1)], "lines"),
        ([("product", "SAUS-W", 1)], "lines"),  # sold by weight
        ([("basket", "BK-NOPE", 1)], "lines"),
        ([("basket", "TEA-001", 1)], "lines"),  # a product's SKU is not a basket
    ],
)
def test_bad_lines_write_nothing(
    orders: Orders, store: Store, lines: list[tuple[str, str, int]], field: str
) -> None:
    with pytest.raises(OrderFormError) as refused:
        orders.place("key-bad-00001", delivery(), [line(r, q, k) for k, r, q in lines],
                     PaymentMethod.PROMPTPAY)  # fmt: skip
    assert refused.value.field == field
    assert order_count(store) == 0


def test_bad_keys_and_payments_write_nothing(orders: Orders, store: Store) -> None:
    for key in ("", "short", "x" * 81, "bad\x00key-000"):
        with pytest.raises(OrderFormError):
            orders.place(key, delivery(), [line("TEA-001")], PaymentMethod.PROMPTPAY)
    with pytest.raises(OrderFormError):
        orders.place("key-cod-pick1", pickup(), [line("TEA-001")], PaymentMethod.COD)
    assert order_count(store) == 0


def test_slips(orders: Orders, order_desk: OrderDesk, store: Store) -> None:
    order = orders.place("key-slip-001", delivery(), [line("TEA-001")], PaymentMethod.PROMPTPAY)
    for image, kind in ((PNG, "image/jpeg"), (b"GIF89a", "image/gif"), (JPEG, "text/html")):
        with pytest.raises(OrderFormError):
            orders.attach_slip(order.order_no, "0812345678", image, kind)
    too_big = JPEG + b"\x00" * SLIP_MAX_BYTES
    with pytest.raises(OrderFormError, match="5 MB"):
        orders.attach_slip(order.order_no, "0812345678", too_big, "image/jpeg")
    with pytest.raises(OrderError):
        orders.attach_slip(order.order_no, "0899999999", JPEG, "image/jpeg")  # not their order
    orders.attach_slip(order.order_no, "081-234-5678", PNG, "image/png")
    found = order_desk.order(order.order_no)
    assert found.slip_path is not None
    assert found.slip_path.endswith(".png")
    with open(found.slip_path, "rb") as slip:
        assert slip.read() == PNG
    assert order_desk.list()[0].slip
