"""Gift cards for sold baskets: the customer's message with the shop's name, on the receipt
printer (a Document rendered to raster like a receipt), or saved as PNG or PDF."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QImage, QPageSize, QPainter, QPdfWriter

from pos.domain.basket_print import GiftCard
from pos.domain.errors import PrinterUnavailable
from pos.domain.settings import PrinterProfile
from printing.document import Align, Block, Document, Rule, Size, Space, Text
from printing.escpos_job import build_job, render_body
from printing.printer import Deliver, save_png
from printing.transport import deliver


def gift_card_document(card: GiftCard) -> Document:
    """The card: the shop's name on top, the message large and centred, the basket under."""
    return (
        Space(1.0),
        Text(card.shop_name_th, Align.CENTER, bold=True),
        Text(card.shop_name_en, Align.CENTER, size=Size.SMALL),
        Rule(heavy=True),
        Space(1.0),
        Text("การ์ดอวยพร · Greetings", Align.CENTER, size=Size.SMALL),
        Space(0.5),
        Text(card.message, Align.CENTER, bold=True, size=Size.LARGE),
        Space(1.0),
        Rule(),
        Text(card.basket_name_th, Align.CENTER, size=Size.SMALL),
        Text("ผลิตภัณฑ์ OTOP จากชุมชน · OTOP community products", Align.CENTER,
             size=Size.SMALL),
        Space(1.0),
    )  # fmt: skip


def gift_card_image(cards: Sequence[GiftCard], profile: PrinterProfile) -> QImage:
    """The cards as the raster printer of `profile` prints them (1 bit, paper width)."""
    blocks: list[Block] = []
    for i, card in enumerate(cards):
        if i:
            blocks += [Space(1.0), Rule(heavy=True)]
        blocks += gift_card_document(card)
    return render_body(tuple(blocks), profile)


def print_gift_cards(
    cards: Sequence[GiftCard], profile: PrinterProfile, send: Deliver = deliver
) -> None:
    """One job a card (the printer cuts between them)."""
    if profile.is_preview:
        raise PrinterUnavailable(
            f"Printer {profile.name} is a preview only and cannot print",
            f"เครื่องพิมพ์ {profile.name} เป็นเพียงการแสดงตัวอย่าง พิมพ์ไม่ได้",
        )
    for card in cards:
        send(profile, build_job(gift_card_document(card), profile, open_drawer=False))


def save_gift_cards(cards: Sequence[GiftCard], profile: PrinterProfile, path: Path) -> Path:
    """PNG (the printer's dots) or PDF (the same image, the paper's width)."""
    image = gift_card_image(cards, profile)
    if path.suffix.lower() != ".pdf":
        return save_png(image, path)
    path.parent.mkdir(parents=True, exist_ok=True)
    dpi = 203  # thermal receipt printers: 8 dots a millimetre
    writer = QPdfWriter(str(path))
    writer.setResolution(dpi)
    size_mm = QSizeF(image.width() / dpi * 25.4, image.height() / dpi * 25.4)
    writer.setPageSize(QPageSize(size_mm, QPageSize.Unit.Millimeter, "gift card"))
    writer.setPageMargins(QMarginsF(0, 0, 0, 0))
    writer.setTitle("Gift card / การ์ดอวยพร")
    painter = QPainter(writer)
    try:
        painter.drawImage(0, 0, image)
    finally:
        painter.end()
    return path
