"""Baskets on a real SQLite file and PostgreSQL: stock after each kind of basket sale,
availability, assembly orders, and the shop's no-negative-stock rule."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from db import models as m
from pos.app.bootstrap import Store
from pos.domain.basket import BasketItem, CustomBasket, add_custom
from pos.domain.errors import CartError
from pos.services.baskets import Baskets
from pos.services.checkout import Checkout
from pos.services.stock import OutOfStock
from tests.baskets.conftest import open_basket_store, pay_cash, stock, template

D = Decimal
ITEMS = ("KK-TEA-001", "KK-SAUS-001", "KK-PK-0001", "KK-PK-0004", "KK-BALM-001", "KK-DINO-001")


def levels(shop: Store) -> dict[str, Decimal]:
    return {sku: stock(shop, sku) for sku in ITEMS}


def product(checkout: Checkout, code: str) -> object:
    return checkout.lookup(code).product


def test_a_scanned_template_basket_sells_its_components(
    shop: Store, checkout: Checkout, baskets: Baskets
) -> None:
    tea_basket = template(baskets, "GIFT-TEA")
    assert tea_basket.barcode
    assert tea_basket.barcode.startswith("20")
    cart = checkout.new_cart()
    scan = checkout.lookup(f"2*{tea_basket.barcode}")
    assert scan.basket is not None
    assert scan.basket.code == "GIFT-TEA"
    checkout.add_to_cart(cart, scan)
    receipt = pay_cash(checkout, cart)
    assert receipt.total == D("798.00")
    assert levels(shop) == {
        "KK-TEA-001": D(8), "KK-SAUS-001": D(2), "KK-PK-0001": D(3), "KK-PK-0004": D(6),
        "KK-BALM-001": D(20), "KK-DINO-001": D(4),
    }
    # the receipt (and its reprint) keeps the basket as one group with its contents
    for r in (receipt, checkout.reprint(receipt.receipt_no)):
        assert {line.basket_name_th for line in r.lines} == {"กระเช้าชาใบหม่อนและไส้กรอก"}
        assert len({line.basket_id for line in r.lines}) == 1
        assert [line.sku for line in r.lines] == [
            "KK-SAUS-001", "KK-TEA-001", "KK-PK-0001", "KK-PK-0004"
        ]
        assert sum(line.total for line in r.lines) == D("798.00")
    with shop.uow() as uow:
        basket = uow.session.scalars(select(m.SaleBasket)).one()  # type: ignore[attr-defined]
        assert basket.count == 2
        assert basket.template_id == tea_basket.template_id
        assert basket.price == D("399.00")
        grouped = uow.session.scalar(  # type: ignore[attr-defined]
            select(func.count()).select_from(m.SaleLine).where(m.SaleLine.basket_id == basket.id)
        )
        assert grouped == 4  # a return finds the components through basket_id


def test_a_custom_basket_sells_its_items_container_and_wrapping(
    shop: Store, checkout: Checkout, baskets: Baskets
) -> None:
    packaging = {p.sku: p for p in baskets.packaging()}
    assert set(packaging) == {"KK-PK-0001", "KK-PK-0004"}
    basket = CustomBasket(message="สุขสันต์วันปีใหม่")
    basket.add(checkout.lookup("8859999000049").product)  # dinosaur
    basket.add(checkout.lookup("8859999000056").product, D(2))  # balm x2
    basket.container = BasketItem(packaging["KK-PK-0001"], D(1))
    basket.wrapping = BasketItem(packaging["KK-PK-0004"], D(1))
    basket.fee = D("30")
    cart = checkout.new_cart()
    add_custom(cart, basket)
    checkout.add_to_cart(cart, checkout.lookup("8859999000025"))  # a loose tea beside it
    receipt = pay_cash(checkout, cart)
    assert receipt.total == D("250") + D("91") + D("60") + D("25") + D("30") + D("120")
    assert levels(shop) == {
        "KK-TEA-001": D(9), "KK-SAUS-001": D(6), "KK-PK-0001": D(4), "KK-PK-0004": D(7),
        "KK-BALM-001": D(18), "KK-DINO-001": D(3),
    }
    grouped = [line for line in receipt.lines if line.basket_id]
    assert len(grouped) == 4
    assert grouped[0].basket_message == "สุขสันต์วันปีใหม่"


def test_availability_follows_shared_component_stock(
    checkout: Checkout, baskets: Baskets
) -> None:
    def made() -> dict[str, tuple[int, bool]]:
        return {c.template.code: (c.can_make, c.active) for c in baskets.choices()}

    # tea basket: sausage 6 // 2; herbal: bamboo baskets 5; silk: silk 3; Songkran 2020: over
    assert made() == {
        "GIFT-TEA": (3, True), "GIFT-BALM": (5, True), "GIFT-SILK": (3, True),
        "GIFT-OLD": (4, False),
    }
    cart = checkout.new_cart()
    checkout.add_to_cart(cart, checkout.lookup(f"2*{template(baskets, 'GIFT-TEA').barcode}"))
    pay_cash(checkout, cart)
    # the tea baskets took 2 bamboo baskets and 2 teas the other templates use too
    assert made() == {
        "GIFT-TEA": (1, True), "GIFT-BALM": (3, True), "GIFT-SILK": (3, True),
        "GIFT-OLD": (4, False),
    }
    with pytest.raises(CartError, match="not on sale"):
        checkout.lookup(str(template(baskets, "GIFT-OLD").barcode))


def test_assembly_and_disassembly_round_trip(
    shop: Store, checkout: Checkout, baskets: Baskets
) -> None:
    before = levels(shop)
    t = template(baskets, "GIFT-TEA")
    ready = baskets.assemble(t.template_id, 2)
    assert ready.sku == "GIFT-TEA-R"
    assert ready.unit_price == D("399.00")
    assert stock(shop, "GIFT-TEA-R") == 2
    assert levels(shop)["KK-SAUS-001"] == before["KK-SAUS-001"] - 4
    assert levels(shop)["KK-PK-0001"] == before["KK-PK-0001"] - 2
    choice = next(c for c in baskets.choices() if c.template.code == "GIFT-TEA")
    assert (choice.ready, choice.can_make) == (D(2), 1)

    # a ready basket is scanned by its own barcode: it leaves the shelf, components stay put
    ready_product = baskets.template(t.template_id).ready_product
    assert ready_product is not None
    ready_code = ready_product.barcode
    assert ready_code
    assert ready_code.startswith("20")
    scan = checkout.lookup(ready_code)
    assert scan.ready
    assert scan.basket is not None
    cart = checkout.new_cart()
    checkout.add_to_cart(cart, scan)
    assert len(cart) == 4  # shown with its contents
    after_assembly = levels(shop)
    receipt = pay_cash(checkout, cart)
    assert receipt.total == D("399.00")
    assert stock(shop, "GIFT-TEA-R") == 1
    assert levels(shop) == after_assembly

    baskets.disassemble(t.template_id, 1)
    assert stock(shop, "GIFT-TEA-R") == 0
    # one basket went out sold; everything else is back where it was
    sold_one = {"KK-TEA-001": 1, "KK-SAUS-001": 2, "KK-PK-0001": 1, "KK-PK-0004": 1}
    assert levels(shop) == {k: v - sold_one.get(k, 0) for k, v in before.items()}
    with pytest.raises(OutOfStock):
        baskets.disassemble(t.template_id, 1)  # no ready basket left to take apart
    with shop.uow() as uow:
        reasons = uow.session.execute(  # type: ignore[attr-defined]
            select(m.StockMovement.reason, func.count())
            .group_by(m.StockMovement.reason)
        ).all()
    assert dict(reasons) == {"opening": 7, "assembly": 5, "sale": 1, "disassembly": 5}


def test_no_negative_stock_when_the_shop_forbids_it(
    shop: Store, checkout: Checkout, baskets: Baskets
) -> None:
    before = levels(shop)
    t = template(baskets, "GIFT-TEA")
    with pytest.raises(OutOfStock, match="Isan sausage"):
        baskets.assemble(t.template_id, 4)  # sausage for 3 only
    cart = checkout.new_cart()
    checkout.add_to_cart(cart, checkout.lookup(f"4*{t.barcode}"))
    with pytest.raises(OutOfStock) as refused:
        pay_cash(checkout, cart)
    assert "ไส้กรอกอีสาน" in refused.value.message("th")
    # a custom basket and a loose scan of the same sausage count against one stock
    cart = checkout.new_cart()
    checkout.add_to_cart(cart, checkout.lookup(f"3*{t.barcode}"))
    checkout.add_to_cart(cart, checkout.lookup("8859999000032"))
    with pytest.raises(OutOfStock):
        pay_cash(checkout, cart)
    assert levels(shop) == before
    with shop.uow() as uow:
        assert uow.sales.count() == 0
    cart = checkout.new_cart()
    checkout.add_to_cart(cart, checkout.lookup(f"3*{t.barcode}"))
    pay_cash(checkout, cart)  # exactly the stock there is: allowed
    assert stock(shop, "KK-SAUS-001") == 0


def test_negative_stock_goes_through_when_the_shop_allows_it(migrated_sqlite_url: str) -> None:
    from pos.domain.settings import Settings
    from tests.integration.conftest import FixedClock

    shop = open_basket_store(migrated_sqlite_url, replace(Settings(), allow_negative_stock=True))
    try:
        checkout = Checkout(shop.uow, shop.settings, shop.terminal, FixedClock())
        baskets = Baskets(shop.uow, shop.settings, shop.terminal, FixedClock())
        cart = checkout.new_cart()
        checkout.add_to_cart(cart, checkout.lookup(f"4*{template(baskets, 'GIFT-TEA').barcode}"))
        pay_cash(checkout, cart)
        assert stock(shop, "KK-SAUS-001") == -2
    finally:
        shop.close()


def test_a_parked_basket_comes_back_as_one_group(checkout: Checkout, baskets: Baskets) -> None:
    cart = checkout.new_cart()
    checkout.add_to_cart(cart, checkout.lookup(str(template(baskets, "GIFT-SILK").barcode)))
    checkout.add_to_cart(cart, checkout.lookup("8859999000025"))
    total = cart.totals().total
    back = checkout.recall(checkout.park(cart, "กระเช้า"))
    assert back.totals().total == total == D("1795.50") + D("120")
    assert len(back.groups) == 1
    assert len(back) == 4
    (group,) = back.groups.values()
    assert group.name_en == "Silk gift set"
    assert len(back.group_lines(group.group_id)) == 3


def test_a_counter_basket_saved_as_a_template(checkout: Checkout, baskets: Baskets) -> None:
    basket = CustomBasket(name_th="กระเช้าไดโนเสาร์", name_en="Dinosaur basket")
    basket.add(checkout.lookup("8859999000049").product, D(1))
    basket.add(checkout.lookup("8859999000025").product, D(1))
    basket.container = BasketItem(checkout.lookup("KK-PK-0001").product, D(1))
    basket.fee = D("15")
    saved = baskets.save_as_template(basket, "GIFT-DINO")
    assert saved.unit_price() == D("250") + D("120") + D("60") + D("15")
    assert saved.barcode
    assert checkout.lookup(saved.barcode).basket == saved
    with pytest.raises(CartError):
        baskets.save_as_template(basket, "GIFT-DINO")


def test_the_receipt_shows_the_basket_with_its_contents_indented(
    shop: Store, checkout: Checkout, baskets: Baskets
) -> None:
    from printing.text_receipt import render_text

    cart = checkout.new_cart()
    checkout.add_to_cart(cart, checkout.lookup("8859999000049"))  # a loose dinosaur
    checkout.add_to_cart(cart, checkout.lookup(str(template(baskets, "GIFT-TEA").barcode)))
    receipt = pay_cash(checkout, cart)
    text = render_text(receipt, shop.settings, 48).splitlines()
    head = next(i for i, ln in enumerate(text) if ln.startswith("กระเช้าชาใบหม่อนและไส้กรอก"))
    assert text[head].endswith("399.00")
    contents = text[head + 1 : head + 5]
    assert [ln[:4] for ln in contents] == ["  2 ", "  1 ", "  1 ", "  1 "]
    assert "ไส้กรอกอีสานสูตรดั้งเดิม" in contents[0]
    assert "ตุ๊กตาไดโนเสาร์ภูเวียง" in "\n".join(text[:head])  # the loose line stays as it was


def test_two_counters_cannot_both_sell_the_last_baskets(shop: Store, baskets: Baskets) -> None:
    """Three baskets' worth of sausage, two counters each selling two at the same moment:
    the stock check and the sale's write share one locked transaction, so one sale wins."""
    import threading

    from tests.helpers.selling import seller
    from tests.integration.conftest import FixedClock

    code = f"2*{template(baskets, 'GIFT-TEA').barcode}"
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def counter() -> None:
        checkout = Checkout(shop.uow, shop.settings, shop.terminal, FixedClock())
        cart = checkout.new_cart()
        checkout.add_to_cart(cart, checkout.lookup(code))
        start.wait()
        try:
            pay_cash(checkout, cart)
            outcomes.append("sold")
        except OutOfStock:
            outcomes.append("refused")

    seller(Checkout(shop.uow, shop.settings, shop.terminal, FixedClock()))  # shift open
    threads = [threading.Thread(target=counter) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sorted(outcomes) == ["refused", "sold"]
    assert stock(shop, "KK-SAUS-001") == 2


def test_the_manager_runs_assembly_orders_from_the_command_line(
    migrated_sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from pos.app import main
    from pos.domain.settings import Settings

    open_basket_store(migrated_sqlite_url, Settings()).close()
    assert main(["basket", "assemble", "GIFT-TEA", "2", "--db", migrated_sqlite_url]) == 0
    assert "GIFT-TEA-R, barcode 20" in capsys.readouterr().out
    assert main(["basket", "list", "--db", migrated_sqlite_url]) == 0
    listed = capsys.readouterr().out.splitlines()
    tea = next(line for line in listed if line.startswith("GIFT-TEA"))
    assert "can make    1" in tea
    assert "ready    2" in tea
    assert main(["basket", "disassemble", "GIFT-TEA", "3", "--db", migrated_sqlite_url]) == 2
    assert "ขาด 1" in capsys.readouterr().err
    assert main(["basket", "disassemble", "GIFT-TEA", "2", "--db", migrated_sqlite_url]) == 0
