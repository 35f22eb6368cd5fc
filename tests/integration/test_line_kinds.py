"""Sale lines of every kind on a real database: details, refs, notes, hooks and stock."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError

from db import migrate
from db import models as m
from db.engine import make_engine
from pos.app.bootstrap import Store
from pos.domain.bilingual import Bilingual
from pos.domain.cart import Cart, CartLine, ProductInfo, ProductKind
from pos.domain.errors import ShopError
from pos.domain.payment import Tender, TenderKind
from pos.domain.sale import Receipt, ReceiptNote
from pos.ports.sales import SalesUnitOfWork
from pos.services.checkout import Checkout
from tests.helpers.selling import seller
from tests.integration.conftest import FixedClock

OPTIONS = Bilingual("L · หวาน 50% · เย็น · ไข่มุก", "L · 50% sweet · iced · pearls")


class Refused(ShopError):
    pass


def centre_products(store: Store) -> tuple[ProductInfo, ProductInfo, ProductInfo]:
    """The delivery fee, a Thai tea (menu) and the rice its recipe takes (goods)."""
    with store.uow(write=True) as uow:
        fee = uow.catalog.ensure_centre_product(
            "SVC-DELIVERY", "ค่าจัดส่ง", "Delivery fee", ProductKind.SERVICE
        )
        tea = uow.catalog.ensure_centre_product(
            "TEA-THAI", "ชาไทย", "Thai tea", ProductKind.MENU, unit_price=Decimal("45.00")
        )
        rice = uow.catalog.product_by_sku("RICE-001")
        uow.commit()
    assert rice is not None
    return fee, tea, rice


def mixed_cart(checkout: Checkout, store: Store) -> Cart:
    fee, tea, rice = centre_products(store)
    cart = checkout.new_cart()
    silk = checkout.lookup("SILK-001")
    checkout.add_to_cart(cart, silk)
    cart.add_line(CartLine(fee, Decimal(1), Decimal("50.00"), ref="delivery:W-000007"))
    cart.add_line(
        CartLine(
            tea, Decimal(2), tea.unit_price, detail=OPTIONS, ref="tea:thai",
            uses=((rice.product_id, Decimal("0.5")),),
        )
    )  # fmt: skip
    return cart


def pay(checkout: Checkout, cart: Cart) -> Receipt:
    due = cart.totals().total
    tender = Tender(TenderKind.PROMPTPAY, due, reference="PP1")
    return checkout.complete(cart, [tender], actor=seller(checkout))


def counts(store: Store) -> dict[str, int]:
    with store.engine.connect() as conn:
        return {
            t.__tablename__: int(conn.execute(select(func.count()).select_from(t)).scalar_one())
            for t in (m.Sale, m.SaleLine, m.SaleNote, m.StockMovement, m.OutboxEvent)
        }


def test_a_sale_keeps_detail_ref_and_notes_and_moves_goods_and_recipes_only(
    store: Store,
) -> None:
    seen: list[tuple[str, int]] = []

    def order_number(uow: SalesUnitOfWork, receipt: Receipt, cart: Cart) -> Sequence[ReceiptNote]:
        # inside the sale's transaction: the sale's own rows are already there to read
        written = uow.sales.receipt(receipt.receipt_no)
        assert written is not None
        seen.append((receipt.receipt_no, len(written.lines)))
        return [ReceiptNote("คิว 23", "ORDER 23", big=True)]

    def thanks(uow: SalesUnitOfWork, receipt: Receipt, cart: Cart) -> Sequence[ReceiptNote]:
        return [ReceiptNote("รับเครื่องดื่มที่มุมชา", "Collect your drink at the tea corner")]

    checkout = Checkout(
        store.uow, store.settings, store.terminal, FixedClock(), hooks=[order_number]
    )
    checkout.add_hook(thanks)
    receipt = pay(checkout, mixed_cart(checkout, store))

    assert seen == [(receipt.receipt_no, 3)]
    assert receipt.total == Decimal("1290.00") + Decimal("50.00") + Decimal("90.00")
    assert [(ln.sku, ln.detail, ln.ref) for ln in receipt.lines] == [
        ("SILK-001", None, None),
        ("SVC-DELIVERY", None, "delivery:W-000007"),
        ("TEA-THAI", OPTIONS, "tea:thai"),
    ]
    notes = (
        ReceiptNote("คิว 23", "ORDER 23", big=True),
        ReceiptNote("รับเครื่องดื่มที่มุมชา", "Collect your drink at the tea corner"),
    )
    assert receipt.notes == notes
    again = checkout.reprint(receipt.receipt_no)  # read back from the database
    assert again.lines == receipt.lines
    assert again.notes == notes
    with store.engine.connect() as conn:
        moves = dict(
            conn.execute(
                select(m.Product.sku, m.StockMovement.quantity)
                .join(m.Product, m.Product.id == m.StockMovement.product_id)
                .where(m.StockMovement.sale_id == receipt.sale_id)
            ).all()
        )
        kinds = dict(conn.execute(select(m.Product.sku, m.Product.kind)).all())
        centre = conn.execute(
            select(m.Producer.kind, m.Category.name_en)
            .join(m.Product, m.Product.producer_id == m.Producer.id)
            .join(m.Category, m.Category.code == m.Product.category_code)
            .where(m.Product.sku == "SVC-DELIVERY")
        ).one()
    assert moves == {"SILK-001": Decimal(-1), "RICE-001": Decimal(-1)}
    assert (kinds["SVC-DELIVERY"], kinds["TEA-THAI"], kinds["SILK-001"]) == (
        "service", "menu", "goods",
    )  # fmt: skip
    assert tuple(centre) == ("centre", "Centre services")


def test_a_hook_that_refuses_the_sale_leaves_nothing_written(store: Store) -> None:
    wrote: list[str] = []

    def tickets(uow: SalesUnitOfWork, receipt: Receipt, cart: Cart) -> Sequence[ReceiptNote]:
        wrote.append(receipt.receipt_no)
        return [ReceiptNote("คิว 1", "ORDER 1", big=True)]

    def room_taken(uow: SalesUnitOfWork, receipt: Receipt, cart: Cart) -> Sequence[ReceiptNote]:
        raise Refused("The room was booked meanwhile", "ห้องถูกจองไปแล้ว")

    checkout = Checkout(
        store.uow, store.settings, store.terminal, FixedClock(), hooks=[tickets, room_taken]
    )
    cart = mixed_cart(checkout, store)
    before = counts(store)
    with pytest.raises(Refused):
        pay(checkout, cart)
    assert counts(store) == before  # no sale, line, note, stock move or outbox row
    assert len(wrote) == 1
    checkout.hooks.remove(room_taken)
    receipt = pay(checkout, cart)  # the same cart sells once the refusal is gone
    assert receipt.notes == (ReceiptNote("คิว 1", "ORDER 1", big=True),)


def test_ensure_centre_product_finds_the_one_it_made(store: Store) -> None:
    fee, _, _ = centre_products(store)
    again, _, _ = centre_products(store)
    assert again == fee
    assert fee.kind is ProductKind.SERVICE
    with store.uow() as read:
        assert read.catalog.product_by_sku("SVC-DELIVERY") == fee
        assert read.catalog.products_by_ids([fee.product_id]) == [fee]


def test_upgrading_a_shop_with_producers_lets_centre_producers_in(db_url: str) -> None:
    """0016 widens the producers' kind CHECK in place: existing rows stay, 'centre' joins."""
    engine = make_engine(db_url)
    try:
        migrate.upgrade(engine, "0015")
        with engine.begin() as conn:
            conn.execute(text(
                "INSERT INTO categories (code, name_th, name_en, sort_order) "
                "VALUES ('food', 'อาหาร', 'Food', 0)"
            ))  # fmt: skip
            conn.execute(text(
                "INSERT INTO producers (id, code, name_th, name_en, kind, contact, district_th,"
                " district_en, province_th, province_en, active, updated_at) VALUES ('pr1',"
                " 'P-1', 'กลุ่ม', 'Group', 'group', '', '', '', '', '', true, CURRENT_TIMESTAMP)"
            ))  # fmt: skip
            conn.execute(text(
                "INSERT INTO products (id, sku, name_th, name_en, category_code, producer_id,"
                " unit_price, sold_by, unit_th, unit_en, vat_exempt, story_th, story_en,"
                " story_url, active, curation, created_at, updated_at) VALUES ('p1', 'RICE',"
                " 'ข้าว', 'Rice', 'food', 'pr1', 60, 'unit', 'ถุง', 'bag', false, '', '', '',"
                " true, 'approved', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            ))  # fmt: skip
        migrate.upgrade(engine)
        with engine.begin() as conn:
            assert conn.execute(text("SELECT kind FROM products")).scalar_one() == "goods"
            conn.execute(text(
                "INSERT INTO producers (id, code, name_th, name_en, kind, contact, district_th,"
                " district_en, province_th, province_en, active, updated_at) VALUES ('pr2',"
                " 'CENTRE', 'ศูนย์', 'Centre', 'centre', '', '', '', '', '', true,"
                " CURRENT_TIMESTAMP)"
            ))  # fmt: skip
        with pytest.raises(IntegrityError), engine.begin() as conn:
            conn.execute(text("UPDATE producers SET kind = 'shop' WHERE id = 'pr1'"))
        with engine.connect() as conn:
            assert migrate.current_revision(engine) == migrate.HEAD
            if engine.dialect.name == "sqlite":
                assert conn.exec_driver_sql("PRAGMA integrity_check").scalar_one() == "ok"
    finally:
        engine.dispose()


def test_a_parked_cart_brings_its_ready_made_lines_back_as_they_were(store: Store) -> None:
    checkout = Checkout(store.uow, store.settings, store.terminal, FixedClock())
    cart = mixed_cart(checkout, store)
    parked = checkout.park(cart, "table 4", "Som")
    back = checkout.recall(parked)
    assert [
        (ln.product.sku, ln.quantity, ln.unit_price, ln.detail, ln.ref, ln.uses) for ln in back
    ] == [(ln.product.sku, ln.quantity, ln.unit_price, ln.detail, ln.ref, ln.uses) for ln in cart]
    assert back.totals().total == cart.totals().total
    back.add(back.lines[2].product)  # a rescan of the tea still makes a line of its own
    assert len(back) == 4
    assert pay(checkout, back).lines[2].detail == OPTIONS
