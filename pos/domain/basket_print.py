"""What a basket label and a gift card say: built from a template or a sold basket."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from pos.domain.barcodes import is_valid_gtin
from pos.domain.basket import BasketTemplate
from pos.domain.errors import CartError
from pos.domain.sale import Receipt
from pos.domain.settings import Settings


def quantity_words(quantity: Decimal, unit_th: str) -> str:
    """2 -> '2 ชิ้น', 0.5 -> '0.5 กก.' (no trailing zeros)."""
    q = quantity.normalize()
    text = f"{q:f}" if q != q.to_integral_value() else f"{q.to_integral_value():f}"
    return f"{text} {unit_th}".strip()


@dataclass(frozen=True, slots=True)
class BasketLabelLine:
    """One thing in the basket: its name, how many, and its story page (the QR code)."""

    sku: str
    name_th: str
    name_en: str
    quantity: str  # "2 ชิ้น"
    story_url: str


@dataclass(frozen=True, slots=True)
class BasketLabelData:
    code: str
    name_th: str
    name_en: str
    price: Decimal
    barcode: str  # EAN-13 with its check digit
    lines: tuple[BasketLabelLine, ...]


def basket_label_data(template: BasketTemplate, settings: Settings) -> BasketLabelData:
    """The label of a template basket: its contents (not the container or wrapping), its
    price under its rule, and the EAN-13 the till scans (the template's, else the ready
    basket's)."""
    code = template.barcode or (template.ready_product.barcode if template.ready_product else None)
    if not code or len(code) != 13 or not is_valid_gtin(code):
        raise CartError(
            f"Basket {template.code} has no EAN-13 barcode yet: assign the in-store codes first",
            f"ตะกร้า {template.code} ยังไม่มีบาร์โค้ด EAN-13 กรุณากำหนดรหัสในร้านก่อน",
        )
    lines = tuple(
        BasketLabelLine(
            sku=i.product.sku,
            name_th=i.product.name_th,
            name_en=i.product.name_en,
            quantity=quantity_words(i.quantity, i.product.unit_th),
            story_url=settings.story_url(i.product.sku),
        )
        for i in template.components
    )
    return BasketLabelData(
        template.code, template.name_th, template.name_en, template.unit_price(), code, lines
    )


@dataclass(frozen=True, slots=True)
class GiftCard:
    """The card that goes into a sold basket: the customer's message and the shop's name."""

    message: str
    basket_name_th: str
    basket_name_en: str
    shop_name_th: str
    shop_name_en: str
    receipt_no: str


def gift_cards(receipt: Receipt, settings: Settings) -> list[GiftCard]:
    """One card per basket of the sale that carries a message; refused if none does."""
    cards: list[GiftCard] = []
    seen: set[str] = set()
    for line in receipt.lines:
        if line.basket_id is None or line.basket_id in seen:
            continue
        seen.add(line.basket_id)
        if line.basket_message.strip():
            cards.append(
                GiftCard(
                    message=line.basket_message.strip(),
                    basket_name_th=line.basket_name_th,
                    basket_name_en=line.basket_name_en,
                    shop_name_th=settings.shop_name_th,
                    shop_name_en=settings.shop_name_en,
                    receipt_no=receipt.receipt_no,
                )
            )
    if not cards:
        what = "gift basket with a card message" if seen else "gift basket"
        raise CartError(
            f"Receipt {receipt.receipt_no} has no {what}: there is no card to print",
            f"ใบเสร็จ {receipt.receipt_no} ไม่มีตะกร้าของขวัญที่มีข้อความการ์ด จึงไม่มีการ์ดให้พิมพ์",
        )
    return cards
