"""Gift cards for sold baskets: the customer's message with the shop's name, on the receipt
printer (a Document rendered to raster like a receipt), or saved as PNG or PDF (the same layout,
its text drawn as text so that the PDF's text layer holds the message)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QImage, QPageSize, QPainter, QPdfWriter

from pos.domain.basket_print import GiftCard
from pos.domain.errors import PrinterUnavailable
from pos.domain.settings import PrinterProfile
from printing.document import Align, Block, Document, Rule, Size, Space, Text
from printing.escpos_job import build_job, render_body, with_logo
from printing.pdf_text import complete_text_layer
from printing.printer import Deliver, save_png
from printing.raster import BLACK, RasterLayout
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


def _cards_document(cards: Sequence[GiftCard]) -> Document:
    blocks: list[Block] = []
    for i, card in enumerate(cards):
        if i:
            blocks += [Space(1.0), Rule(heavy=True)]
        blocks += gift_card_document(card)
    return tuple(blocks)


def gift_card_image(cards: Sequence[GiftCard], profile: PrinterProfile) -> QImage:
    """The cards as the raster printer of `profile` prints them (1 bit, paper width)."""
    return render_body(_cards_document(cards), profile)


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
    """PNG (the printer's dots) or PDF (the paper's width, laid out as the printer's dots are,
    with its text as text: the Thai of the message is in the PDF's text layer)."""
    if path.suffix.lower() != ".pdf":
        return save_png(gift_card_image(cards, profile), path)
    path.parent.mkdir(parents=True, exist_ok=True)
    layout = RasterLayout(profile.dots)
    layout.place(with_logo(_cards_document(cards), profile))
    dpi = 203  # thermal receipt printers: 8 dots a millimetre
    writer = QPdfWriter(str(path))
    writer.setResolution(dpi)
    size_mm = QSizeF(layout.width / dpi * 25.4, max(1.0, layout.y) / dpi * 25.4)
    writer.setPageSize(QPageSize(size_mm, QPageSize.Unit.Millimeter, "gift card"))
    writer.setPageMargins(QMarginsF(0, 0, 0, 0))
    writer.setTitle("Gift card / การ์ดอวยพร")
    painter = QPainter(writer)
    try:
        painter.setPen(BLACK)
        for y, draw in layout.items:
            draw(painter, y)
    finally:
        painter.end()
    complete_text_layer(path)
    return path
