"""Two stores and a real PostgreSQL: a product the back office adds on the central database
(and a price it changes) reaches a counter in one sync round, and is scannable there."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal

import pytest
from sqlalchemy import select

from db import models as m
from pos.app.bootstrap import Services, open_store
from pos.domain.errors import ShopError
from pos.domain.payment import Tender, TenderKind
from pos.domain.settings import Settings
from pos.services.products import ProductDraft, draft_of
from tests.helpers.selling import seller
from tests.sync import conftest as sync_fixtures
from tests.sync.conftest import Central, Counter

central = sync_fixtures.central  # the central PostgreSQL and its counters, as fixtures here
make_counter = sync_fixtures.make_counter

pytestmark = pytest.mark.pg


def test_a_product_added_on_central_is_scannable_at_a_counter_after_one_round(
    central: Central, make_counter: Callable[..., Counter]
) -> None:
    counter = make_counter("Counter 1")
    office = Services(open_store(central.admin_url, Settings()), queue_prints=False)
    try:
        manager = office.auth.login("manager", "9999")
        products = office.products
        code = products.new_in_store_code()
        products.add(manager, ProductDraft(
            sku="KK-MAT-009", name_th="เสื่อกกลายขิด", name_en="Reed mat", category="household",
            producer="P-PWG", price="350", barcodes=(code,)))  # fmt: skip
        silk = products.get("SILK-001")
        products.edit(manager, silk.sku, replace(draft_of(silk), price="1990"))
    finally:
        office.close()

    with counter.store.uow() as read:  # not before the round
        assert read.catalog.product_by_barcode(code) is None
    result = counter.service.sync_once()
    assert result.pulled > 0

    store = counter.store
    with store.uow() as read:
        mat = read.catalog.product_by_barcode(code)
        silk_now = read.catalog.product_by_sku("SILK-001")
    assert mat is not None
    assert (mat.sku, mat.name_th) == ("KK-MAT-009", "เสื่อกกลายขิด")
    assert mat.unit_price == Decimal("350.00")
    assert silk_now is not None
    assert silk_now.unit_price == Decimal("1990.00")
    with store.engine.connect() as conn:  # the price history came down with it
        history = conn.execute(select(m.PriceChange.old_price, m.PriceChange.new_price,
                                      m.PriceChange.changed_by)).all()  # fmt: skip
    assert [(Decimal(o), Decimal(n), by) for o, n, by in history] == [
        (silk.price, Decimal("1990.00"), "manager")
    ]
    # sold at the counter: the code scanned rings up the new product
    checkout = store.checkout()
    cart = checkout.new_cart()
    checkout.add_to_cart(cart, checkout.lookup(code))
    receipt = checkout.complete(
        cart, [Tender(TenderKind.CASH, Decimal("350.00"))], actor=seller(checkout)
    )
    assert [(line.sku, line.total) for line in receipt.lines] == [
        ("KK-MAT-009", Decimal("350.00"))
    ]

    # and the counter's own back office refuses to change central's products
    local = Services(store, queue_prints=False)
    with pytest.raises(ShopError, match="Open the back office on the central database"):
        local.products.deactivate(manager, "KK-MAT-009")
