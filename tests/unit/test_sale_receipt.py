"""The receipt of a sale and the stock it moves, built by the domain (no database)."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from pos.domain.basket import BasketItem, BasketTemplate, PriceRule, add_template, stock_moves
from pos.domain.cart import Cart, Discount, DiscountKind, ProductInfo, SoldBy
from pos.domain.payment import Tender, TenderKind, cash_tender, settle
from pos.domain.sale import SaleDraft, build_receipt

D = Decimal
WHEN = datetime(2026, 12, 2, 3, 15, tzinfo=UTC)
SILK = ProductInfo("silk", "SILK-001", "ผ้าไหม", "Silk", D("1290.00"), unit_th="ผืน")
RICE = ProductInfo("rice", "RICE-001", "ข้าว", "Rice", D("60.00"), vat_exempt=True)
SAUSAGE = ProductInfo(
    "saus", "SAUS-W", "ไส้กรอก", "Sausage", D("180.00"), sold_by=SoldBy.WEIGHT, unit_th="กก."
)
TEA = ProductInfo("tea", "TEA-001", "ชา", "Tea", D("120.00"))
READY = ProductInfo("ready", "GIFT-READY", "กระเช้าพร้อมขาย", "Ready basket", D("399.00"))


def gift(ready_product: ProductInfo | None = None) -> BasketTemplate:
    return BasketTemplate(
        "t1", "GIFT", "กระเช้าปีใหม่", "New Year basket", PriceRule.FIXED,
        (BasketItem(TEA, D(2)), BasketItem(RICE, D(1))), price=D("399.00"),
        ready_product=ready_product,
    )  # fmt: skip


def draft(cart: Cart, *tenders: Tender) -> SaleDraft:
    totals = cart.totals()
    paid = tenders or (Tender(TenderKind.PROMPTPAY, totals.total, reference="PP1"),)
    return SaleDraft("sale-1", cart, totals, paid, settle(totals.total, paid), WHEN, "u1", "สมใจ")


def test_the_receipt_carries_the_cart_its_number_terminal_and_payments() -> None:
    cart = Cart()
    silk = cart.add(SILK, scanned_code="8851234000012")
    cart.set_line_discount(silk.line_id, Discount(DiscountKind.AMOUNT, D("90"), "ตำหนิ"))
    cart.add(RICE, D(2))
    cart.add(SAUSAGE, D("0.417"))
    cart.set_sale_discount(Discount(DiscountKind.PERCENT, D(5), "ลูกค้าประจำ"))
    due = cart.totals().total
    receipt = build_receipt(draft(cart, cash_tender(due, D(2000))), "KK01-00000042", "POS1", "A")

    assert (receipt.sale_id, receipt.receipt_no) == ("sale-1", "KK01-00000042")
    assert receipt.sold_at == WHEN
    assert (receipt.pos_id, receipt.terminal_name, receipt.cashier_name) == ("POS1", "A", "สมใจ")
    assert [(ln.sku, ln.quantity, ln.unit_th) for ln in receipt.lines] == [
        ("SILK-001", D(1), "ผืน"), ("RICE-001", D(2), "ชิ้น"), ("SAUS-W", D("0.417"), "กก."),
    ]  # fmt: skip
    silk_line = receipt.lines[0]
    assert (silk_line.gross, silk_line.discount, silk_line.discount_reason) == (
        D("1290.00"), D("90.00"), "ตำหนิ",
    )  # fmt: skip
    assert [ln.sold_by_weight for ln in receipt.lines] == [False, False, True]
    assert [ln.vat_exempt for ln in receipt.lines] == [False, True, False]
    assert receipt.item_count == D(1) + D(2) + D(1)  # a weighed line counts once
    totals = cart.totals()
    assert (receipt.subtotal, receipt.sale_discount, receipt.total) == (
        totals.subtotal, totals.sale_discount, due,
    )  # fmt: skip
    assert receipt.sale_discount_reason == "ลูกค้าประจำ"
    assert (receipt.vatable, receipt.exempt, receipt.vat) == (
        totals.vatable, totals.exempt, totals.vat,
    )  # fmt: skip
    assert sum((ln.total for ln in receipt.lines), D(0)) == receipt.total
    assert [(p.kind, p.amount, p.tendered) for p in receipt.payments] == [("cash", due, D(2000))]
    assert receipt.change == D(2000) - due
    assert not receipt.copy


def test_a_basket_s_lines_carry_its_name_count_and_message() -> None:
    cart = Cart()
    add_template(cart, gift(), 2)
    cart.add(SILK)
    receipt = build_receipt(draft(cart), "KK01-00000001", "POS1", "A")
    tea, rice, silk = receipt.lines
    assert tea.basket_id == rice.basket_id is not None
    assert (tea.basket_name_th, tea.basket_name_en, tea.basket_count) == (
        "กระเช้าปีใหม่", "New Year basket", 2,
    )  # fmt: skip
    assert (silk.basket_id, silk.basket_name_th, silk.basket_count) == (None, "", 0)
    assert tea.quantity == D(4)  # two baskets of two teas
    assert [(p.kind, p.reference) for p in receipt.payments] == [("promptpay", "PP1")]


def test_a_sale_moves_each_line_s_stock_and_a_ready_basket_as_itself() -> None:
    cart = Cart()
    add_template(cart, gift(), 1)  # made at the counter: its components leave the shelf
    add_template(cart, gift(READY), 3, ready=True)  # pre-assembled: the ready basket leaves
    cart.add(SILK)
    assert stock_moves(cart) == [
        ("tea", D(2)), ("rice", D(1)), ("silk", D(1)), ("ready", D(3)),
    ]  # fmt: skip
    assert stock_moves(Cart()) == []
