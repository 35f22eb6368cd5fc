"""The display's four pages drawn with QPainter: the cart, the PromptPay QR, paid, the stories."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QImage,
    QPainter,
    QPainterPath,
    QStaticText,
)

from pos.services.customer_display import MenuTile, Screen, Shown, ShownLine, Slide
from ui import format as fmt
from ui import style
from ui.customer_display.words import QT_TRANSLATE_NOOP, Words

AlignLeft = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
AlignRight = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
AlignCenter = Qt.AlignmentFlag.AlignCenter
BASE_HEIGHT = 600  # the page is laid out for 600 px and scaled to the screen's height

Photo = Callable[[str, int], QImage | None]  # (SKU, side in px) -> its photo, square
QrImage = Callable[[Decimal, int], QImage | None]  # (amount, side in px) -> its PromptPay QR


@dataclass
class Canvas:
    """A painter over one page, with its scale; remembers every text it drew (what the
    customer can read, for the tests)."""

    painter: QPainter
    width: int
    height: int
    words: Words
    texts: list[str] = field(default_factory=list)

    @property
    def scale(self) -> float:
        return self.height / BASE_HEIGHT

    def px(self, value: float) -> int:
        return max(1, round(value * self.scale))

    def font(self, size: float, *, bold: bool = False) -> QFont:
        return style.font(self.px(size), bold=bold)

    def text(self, rect: QRect, text: str, size: float, color: str = style.INK, *,
             bold: bool = False, align: Qt.AlignmentFlag = AlignLeft,
             wrap: bool = False) -> None:  # fmt: skip
        if not text:
            return
        p = self.painter
        p.setPen(QColor(color))
        px = self.px(size)
        laid = _laid_out(text, px, bold, rect.width(), wrap)
        p.setFont(style.font(px, bold=bold))
        w, h = laid.size().width(), laid.size().height()
        x: float = rect.left()
        if align & Qt.AlignmentFlag.AlignRight:
            x = rect.right() + 1 - w
        elif align & Qt.AlignmentFlag.AlignHCenter:
            x = rect.left() + (rect.width() - w) / 2
        y: float = rect.top() if wrap else rect.top() + (rect.height() - h) / 2
        p.drawStaticText(QPointF(x, y), laid)
        self.texts.append(text)

    def fill(self, rect: QRect, color: str, radius: float = 0) -> None:
        p = self.painter
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(color))
        if radius:
            p.drawRoundedRect(rect, self.px(radius), self.px(radius))
        else:
            p.drawRect(rect)


_LAID_OUT: dict[tuple[str, int, bool, int, bool], QStaticText] = {}


def _laid_out(text: str, px: int, bold: bool, width: int, wrap: bool) -> QStaticText:
    """`text` shaped once (Thai shaping is the costly part of a paint), elided to `width`
    or wrapped at it; kept for the next paint."""
    key = (text, px, bold, width, wrap)
    laid = _LAID_OUT.get(key)
    if laid is None:
        font = style.font(px, bold=bold)
        if not wrap:
            text = QFontMetrics(font).elidedText(text, Qt.TextElideMode.ElideRight, width)
        laid = QStaticText(text)
        laid.setTextFormat(Qt.TextFormat.PlainText)
        if wrap:
            laid.setTextWidth(width)
        laid.prepare(font=font)
        if len(_LAID_OUT) > 3000:
            _LAID_OUT.clear()
        _LAID_OUT[key] = laid
    return laid


def paint(canvas: Canvas, shown: Shown, shop_name: str, *, slide: Slide | None,
          photo: Photo, qr: QrImage, menu: tuple[MenuTile, ...] = ()) -> None:  # fmt: skip
    """Draw `shown` on the whole canvas (`menu`: the idle screen shows the tea menu)."""
    canvas.painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    canvas.fill(QRect(0, 0, canvas.width, canvas.height), style.SURFACE)
    body = _header(canvas, shop_name)
    if shown.ready:
        body = _ready(canvas, body, shown.ready)
    if shown.screen is Screen.IDLE and menu:
        _tea_menu(canvas, body, menu, photo)
    elif shown.screen is Screen.CART:
        _cart(canvas, body, shown, photo)
    elif shown.screen is Screen.PAYMENT:
        _payment(canvas, body, shown, qr)
    elif shown.screen is Screen.PAID:
        _paid(canvas, body, shown)
    else:
        _idle(canvas, body, slide, photo)


def _header(c: Canvas, shop_name: str) -> QRect:
    band = QRect(0, 0, c.width, c.px(64))
    c.fill(band, style.PURPLE)
    c.fill(QRect(0, band.bottom() + 1, c.width, c.px(4)), style.GOLD)
    c.text(band.adjusted(c.px(24), 0, -c.px(24), 0), shop_name, 24, "#ffffff", bold=True)
    return QRect(0, band.bottom() + c.px(4), c.width, c.height - band.height() - c.px(4))


def ready_text(words: Words, numbers: tuple[int, ...]) -> str:
    """ "คิว 23 พร้อมแล้ว" / "Order 23 ready" (several: "Orders 23, 24 ready")."""
    joined = ", ".join(str(n) for n in numbers)
    if len(numbers) == 1:
        return words(QT_TRANSLATE_NOOP("CustomerDisplay", "Order {number} ready")).format(
            number=joined
        )
    return words(QT_TRANSLATE_NOOP("CustomerDisplay", "Orders {numbers} ready")).format(
        numbers=joined
    )


def _ready(c: Canvas, body: QRect, numbers: tuple[int, ...]) -> QRect:
    """The tea corner's call along the bottom of every page; what is left above it."""
    band = QRect(0, body.bottom() - c.px(84) + 1, c.width, c.px(84))
    c.fill(band, style.GREEN)
    c.text(band.adjusted(c.px(24), 0, -c.px(24), 0), ready_text(c.words, numbers), 40,
           "#ffffff", bold=True, align=AlignCenter)  # fmt: skip
    return QRect(body.left(), body.top(), body.width(), body.height() - band.height())


# --- the cart --------------------------------------------------------------------------------
def _cart(c: Canvas, body: QRect, shown: Shown, photo: Photo) -> None:
    margin = c.px(20)
    inner = body.adjusted(margin, margin, -margin, -margin)
    right_w = max(c.px(300), int(inner.width() * 0.36))
    lines_box = QRect(inner.left(), inner.top(), inner.width() - right_w - margin, inner.height())
    totals_box = QRect(lines_box.right() + margin, inner.top(), right_w, inner.height())
    _lines(c, lines_box, shown.lines, photo)
    _totals(c, totals_box, shown)


def _lines(c: Canvas, box: QRect, lines: tuple[ShownLine, ...], photo: Photo) -> None:
    c.fill(box, style.CARD, 14)
    row_h = c.px(76)
    pad = c.px(12)
    fits = max(1, (box.height() - 3 * pad) // row_h)
    first = max(0, len(lines) - fits)  # the newest lines: the one just scanned at the bottom
    if first:
        more = c.words(QT_TRANSLATE_NOOP("CustomerDisplay", "{count} more lines above")).format(
            count=first
        )
        c.text(QRect(box.left() + pad, box.top(), box.width() - 2 * pad, pad * 2), more, 13,
               style.MUTED, align=AlignRight)  # fmt: skip
    top = box.top() + 2 * pad
    for i, line in enumerate(lines[first:]):
        rect = QRect(box.left() + pad, top + i * row_h, box.width() - 2 * pad, row_h)
        _line(c, rect, line, photo, newest=first + i == len(lines) - 1)


def _line(c: Canvas, rect: QRect, line: ShownLine, photo: Photo, *, newest: bool) -> None:
    if newest:
        c.fill(rect.adjusted(-c.px(4), c.px(2), c.px(4), -c.px(2)), style.GOLD_LIGHT, 10)
    side = rect.height() - c.px(12)
    pic = QRect(rect.left(), rect.top() + c.px(6), side, side)
    _picture(c, pic, photo(line.sku, side), line.name_th, 10)
    w = c.words
    amount_w = c.px(150)
    left = pic.right() + c.px(14)
    name_rect = QRect(left, rect.top() + c.px(6), rect.right() - left - amount_w, c.px(34))
    c.text(name_rect, w.pick(line.name_th, line.name_en), 21, bold=True)
    unit = w.pick(line.unit_th, line.unit_en)
    qty = fmt.quantity(line.quantity, line.by_weight)
    detail = f"{qty} {unit} × {fmt.money(line.unit_price)}"
    if line.in_basket:
        detail = w(QT_TRANSLATE_NOOP("CustomerDisplay", "in the gift basket"))
    options = w.pick(line.detail_th, line.detail_en)
    if options:  # a drink's options under its name, before its quantity and price
        detail = f"{options}  ·  {detail}"
    if w.language == "en" and line.name_en:
        detail = f"{detail}  ·  {line.name_th}"
    below = QRect(left, name_rect.bottom(), name_rect.width(), c.px(28))
    c.text(below, detail, 15, style.MUTED)
    amount = QRect(rect.right() - amount_w, rect.top() + c.px(6), amount_w, c.px(34))
    if not line.in_basket:
        c.text(amount, fmt.money(line.amount), 22, bold=True, align=AlignRight)
    if line.discount:
        off = w(QT_TRANSLATE_NOOP("CustomerDisplay", "discount −{amount}")).format(
            amount=fmt.money(line.discount)
        )
        c.text(QRect(amount.left() - c.px(60), amount.bottom(), amount_w + c.px(60), c.px(28)),
               off, 15, style.RED, align=AlignRight)  # fmt: skip


def _totals(c: Canvas, box: QRect, shown: Shown) -> None:
    c.fill(box, style.CARD, 14)
    w = c.words
    pad = c.px(20)
    x, width = box.left() + pad, box.width() - 2 * pad
    y = box.top() + pad
    rows = [
        (w(QT_TRANSLATE_NOOP("CustomerDisplay", "Items")), fmt.quantity(shown.items, False)),
        (w(QT_TRANSLATE_NOOP("CustomerDisplay", "Subtotal")), fmt.money(shown.subtotal)),
    ]
    if shown.discounts:
        rows.append((w(QT_TRANSLATE_NOOP("CustomerDisplay", "Discounts")),
                     "−" + fmt.money(shown.discounts)))  # fmt: skip
    rows.append((w(QT_TRANSLATE_NOOP("CustomerDisplay", "VAT included")), fmt.money(shown.vat)))
    if shown.paid:
        rows.append((w(QT_TRANSLATE_NOOP("CustomerDisplay", "Paid so far")), fmt.money(shown.paid)))
    for label, value in rows:
        color = style.RED if value.startswith("−") else style.INK
        c.text(QRect(x, y, width, c.px(36)), label, 18, style.MUTED)
        c.text(QRect(x, y, width, c.px(36)), value, 20, color, align=AlignRight)
        y += c.px(40)
    band = QRect(box.left(), box.bottom() - c.px(150), box.width(), c.px(150))
    c.fill(band, style.PURPLE_SOFT, 14)
    total = w(QT_TRANSLATE_NOOP("CustomerDisplay", "Total"))
    c.text(QRect(x, band.top() + c.px(14), width, c.px(34)), total, 22, style.PURPLE, bold=True)
    c.text(QRect(x, band.top() + c.px(50), width, c.px(84)), fmt.baht(shown.total), 52,
           style.PURPLE, bold=True, align=AlignRight)  # fmt: skip


# --- paying ----------------------------------------------------------------------------------
def _payment(c: Canvas, body: QRect, shown: Shown, qr: QrImage) -> None:
    w = c.words
    margin = c.px(24)
    inner = body.adjusted(margin, margin, -margin, -margin)
    side = min(inner.height(), int(inner.width() * 0.55))
    image = qr(shown.due, side)
    text_left = inner.left()
    if image is not None:
        code = QRect(inner.left(), inner.top() + (inner.height() - side) // 2, side, side)
        c.fill(code.adjusted(-c.px(6), -c.px(6), c.px(6), c.px(6)), "#ffffff", 12)
        c.painter.drawImage(code, image)
        text_left = code.right() + margin * 2
    box = QRect(text_left, inner.top(), inner.right() - text_left, inner.height())
    y = box.top() + c.px(30)
    title = (QT_TRANSLATE_NOOP("CustomerDisplay", "Scan to pay with PromptPay") if image
             else QT_TRANSLATE_NOOP("CustomerDisplay", "Please pay at the counter"))  # fmt: skip
    c.text(QRect(box.left(), y, box.width(), c.px(44)), w(title), 26, style.PURPLE, bold=True)
    y += c.px(80)
    c.text(QRect(box.left(), y, box.width(), c.px(36)),
           w(QT_TRANSLATE_NOOP("CustomerDisplay", "Amount due")), 20, style.MUTED)  # fmt: skip
    y += c.px(36)
    c.text(QRect(box.left(), y, box.width(), c.px(96)), fmt.baht(shown.due), 60, style.INK,
           bold=True)  # fmt: skip
    y += c.px(110)
    if shown.paid:
        paid = w(QT_TRANSLATE_NOOP("CustomerDisplay", "Total {total}, paid so far {paid}"))
        c.text(QRect(box.left(), y, box.width(), c.px(34)),
               paid.format(total=fmt.baht(shown.total), paid=fmt.baht(shown.paid)), 17,
               style.MUTED)  # fmt: skip
        y += c.px(40)
    if image is not None:
        hint = w(
            QT_TRANSLATE_NOOP(
                "CustomerDisplay", "Open your bank's app and scan the code: the amount is filled in"
            )
        )
        c.text(QRect(box.left(), y, box.width(), c.px(80)), hint, 16, style.MUTED, wrap=True)


def _paid(c: Canvas, body: QRect, shown: Shown) -> None:
    w = c.words
    inner = body.adjusted(c.px(40), c.px(40), -c.px(40), -c.px(40))
    c.fill(inner, style.GREEN_SOFT, 20)
    y = inner.top() + c.px(50)
    c.text(QRect(inner.left(), y, inner.width(), c.px(80)),
           w(QT_TRANSLATE_NOOP("CustomerDisplay", "Paid, thank you")), 48, style.GREEN,
           bold=True, align=AlignCenter)  # fmt: skip
    y += c.px(110)
    total = w(QT_TRANSLATE_NOOP("CustomerDisplay", "Total {amount}")).format(
        amount=fmt.baht(shown.total)
    )
    c.text(QRect(inner.left(), y, inner.width(), c.px(44)), total, 24, align=AlignCenter)
    y += c.px(64)
    if shown.change:
        c.text(QRect(inner.left(), y, inner.width(), c.px(40)),
               w(QT_TRANSLATE_NOOP("CustomerDisplay", "Your change")), 22, style.MUTED,
               align=AlignCenter)  # fmt: skip
        y += c.px(40)
        c.text(QRect(inner.left(), y, inner.width(), c.px(100)), fmt.baht(shown.change), 64,
               style.INK, bold=True, align=AlignCenter)  # fmt: skip
    c.text(QRect(inner.left(), inner.bottom() - c.px(50), inner.width(), c.px(36)),
           w(QT_TRANSLATE_NOOP("CustomerDisplay", "Receipt {number}")).format(
               number=shown.receipt_no), 15, style.MUTED, align=AlignCenter)  # fmt: skip


# --- idle: the producers' stories --------------------------------------------------------------
def _idle(c: Canvas, body: QRect, slide: Slide | None, photo: Photo) -> None:
    w = c.words
    margin = c.px(28)
    inner = body.adjusted(margin, margin, -margin, -margin)
    if slide is None:
        c.text(QRect(inner.left(), inner.center().y() - c.px(50), inner.width(), c.px(100)),
               w(QT_TRANSLATE_NOOP("CustomerDisplay", "Welcome")), 56, style.PURPLE, bold=True,
               align=AlignCenter)  # fmt: skip
        return
    side = min(inner.height(), int(inner.width() * 0.48))
    pic = QRect(inner.left(), inner.top() + (inner.height() - side) // 2, side, side)
    _picture(c, pic, photo(slide.sku, side) if slide.photo else None, slide.name_th, 20)
    x = pic.right() + margin * 2
    width = inner.right() - x
    y = pic.top() + c.px(10)
    c.text(QRect(x, y, width, c.px(34)),
           w(QT_TRANSLATE_NOOP("CustomerDisplay", "Made by our producers")), 18, style.GOLD,
           bold=True)  # fmt: skip
    y += c.px(44)
    name = w.pick(slide.name_th, slide.name_en)
    c.painter.setFont(c.font(34, bold=True))
    rows = 2 if c.painter.fontMetrics().horizontalAdvance(name) > width else 1
    c.text(QRect(x, y, width, c.px(52) * rows), name, 34, style.PURPLE, bold=True, wrap=rows > 1)
    y += c.px(52) * rows + c.px(4)
    other = slide.name_th if w.language == "en" else slide.name_en
    c.text(QRect(x, y, width, c.px(32)), other, 18, style.MUTED)
    y += c.px(52)
    if slide.stars:
        stars = "★" * slide.stars + "☆" * max(0, 5 - slide.stars)
        c.text(QRect(x, y, width, c.px(44)), stars, 32, style.GOLD)
        c.text(QRect(x + c.px(190), y, width - c.px(190), c.px(44)),
               w(QT_TRANSLATE_NOOP("CustomerDisplay", "OTOP {stars}-star product")).format(
                   stars=slide.stars), 17, style.MUTED)  # fmt: skip
        y += c.px(60)
    c.text(QRect(x, y, width, c.px(34)), w.pick(slide.producer_th, slide.producer_en), 20,
           bold=True)  # fmt: skip
    y += c.px(38)
    if w.language == "en":
        place = ", ".join(p for p in (slide.district_en, slide.province_en) if p)
    else:
        place = " ".join(
            p
            for p in (
                f"อ.{slide.district_th}" if slide.district_th else "",
                f"จ.{slide.province_th}" if slide.province_th else "",
            )
            if p
        )
    c.text(QRect(x, y, width, c.px(32)), place, 18, style.MUTED)


def _tea_menu(c: Canvas, body: QRect, menu: tuple[MenuTile, ...], photo: Photo) -> None:
    """The tea corner's drinks, their photos (or letters) and prices, in a grid."""
    w = c.words
    margin = c.px(24)
    inner = body.adjusted(margin, margin, -margin, -margin)
    c.text(QRect(inner.left(), inner.top(), inner.width(), c.px(44)),
           w(QT_TRANSLATE_NOOP("CustomerDisplay", "Mulberry tea corner: ask at the counter")),
           26, style.PURPLE, bold=True)  # fmt: skip
    top = inner.top() + c.px(56)
    columns = 3 if len(menu) > 4 else 2
    rows = max(1, -(-len(menu) // columns))
    gap = c.px(14)
    cell_w = (inner.width() - gap * (columns - 1)) // columns
    cell_h = min(c.px(120), (inner.bottom() - top - gap * (rows - 1)) // rows)
    for i, tile in enumerate(menu):
        x = inner.left() + (i % columns) * (cell_w + gap)
        y = top + (i // columns) * (cell_h + gap)
        cell = QRect(x, y, cell_w, cell_h)
        c.fill(cell, style.CARD, 14)
        side = cell_h - c.px(16)
        pic = QRect(cell.left() + c.px(8), cell.top() + c.px(8), side, side)
        _picture(c, pic, photo(tile.sku, side) if tile.photo else None, tile.name_th, 10)
        left = pic.right() + c.px(12)
        text_w = cell.right() - left - c.px(8)
        c.text(QRect(left, cell.top() + c.px(8), text_w, cell_h // 2), w.pick(
            tile.name_th, tile.name_en), 19, bold=True)  # fmt: skip
        c.text(QRect(left, cell.top() + cell_h // 2, text_w, cell_h // 2 - c.px(8)),
               fmt.baht(tile.price), 20, style.PURPLE, bold=True)  # fmt: skip


def _picture(c: Canvas, rect: QRect, image: QImage | None, name: str, radius: float) -> None:
    """A photo cropped to a rounded square, or the name's first letter on silk purple."""
    p = c.painter
    path = QPainterPath()
    path.addRoundedRect(QRectF(rect), c.px(radius), c.px(radius))
    p.save()
    p.setClipPath(path)
    if image is not None and not image.isNull():
        p.drawImage(rect, image)
    else:
        p.fillRect(rect, QColor(style.PURPLE_SOFT))
        p.setPen(QColor(style.PURPLE))
        p.setFont(style.font(max(8, rect.height() // 2), bold=True))
        p.drawText(rect, int(AlignCenter), name[:1] if name else "")
    p.restore()
