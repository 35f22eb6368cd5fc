"""Basket labels (PDF) and gift cards (receipt printer raster) as the shop prints them."""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from pos.app import main
from pos.app.bootstrap import Store
from pos.domain.barcodes import gs1_check_digit, is_valid_gtin
from pos.domain.basket import BasketTemplate, CustomBasket, add_custom
from pos.domain.basket_print import (
    BasketLabelData,
    BasketLabelLine,
    GiftCard,
    basket_label_data,
    gift_cards,
)
from pos.domain.errors import CartError
from pos.domain.labels import format_label_price
from pos.domain.sale import Receipt
from pos.domain.settings import PrinterProfile, Settings
from pos.services.baskets import Baskets
from pos.services.checkout import Checkout
from printing.basket_label import render_basket_label
from printing.gift_card import gift_card_image, print_gift_cards, save_gift_cards
from printing.label_qr import qr_matrix
from printing.label_text import Face
from tests.baskets.conftest import open_basket_store, pay_cash
from tests.integration.conftest import FixedClock
from tests.labels.decode import decode_ean, modules, pdf_page_images, qr_grid, read_codes
from tests.labels.pdfscan import Page, RectFill, as_text_layer, assert_words_in_pdf, read_pdf

D = Decimal
MESSAGE = "สวัสดีปีใหม่ 2570 ขอให้มีความสุขมาก ๆ และสุขภาพแข็งแรงตลอดปี"
P80 = PrinterProfile(name="receipt", connection="file", target="-", paper_mm=80)
P58 = PrinterProfile(name="receipt", connection="file", target="-", paper_mm=58)


@pytest.fixture(autouse=True)
def _qt(qapp: object) -> None:
    """A QApplication (as the till has) before the receipt machinery starts Qt itself: a
    bare QGuiApplication would break the widget tests that run after these."""


@pytest.fixture
def store(migrated_sqlite_url: str) -> Iterator[Store]:
    shop = open_basket_store(migrated_sqlite_url, Settings())
    try:
        yield shop
    finally:
        shop.close()


@pytest.fixture
def baskets(store: Store) -> Baskets:
    return Baskets(store.uow, store.settings, store.terminal, FixedClock())


@pytest.fixture
def checkout(store: Store) -> Checkout:
    return Checkout(store.uow, store.settings, store.terminal, FixedClock())


def _template(baskets: Baskets) -> BasketTemplate:
    """The template with the most contents, for the richest label."""
    return max((c.template for c in baskets.choices()), key=lambda t: len(t.components))


def _texts(page: Page) -> list[str]:
    return [unicodedata.normalize("NFKC", t.text) for t in page.texts]


def _is_qr(fill: RectFill) -> bool:
    """QR modules are as tall as wide; bars are tall; the rule under the price is one rect."""
    return len(fill.rects) > 20 and any(h < w * 2 for _, _, w, h in fill.rects)


def _sell_with_message(checkout: Checkout, message: str) -> Receipt:
    basket = CustomBasket(message=message)
    basket.add(checkout.lookup("8859999000049").product)
    basket.add(checkout.lookup("8859999000056").product, D(2))
    cart = checkout.new_cart()
    add_custom(cart, basket)
    return pay_cash(checkout, cart)


def test_the_basket_label_shows_name_price_contents_barcode_and_story_codes(
    baskets: Baskets, store: Store
) -> None:
    template = _template(baskets)
    assert len(template.components) >= 2
    data = basket_label_data(template, store.settings)
    buf = io.BytesIO()
    assert render_basket_label(data, buf, "a6") == 1
    (page,) = read_pdf(io.BytesIO(buf.getvalue()))
    assert round(page.width / 72 * 25.4) == 105
    texts = _texts(page)

    def shown(text: str, face: Face) -> bool:  # the text layer holds the Thai itself
        return as_text_layer(text) in texts

    assert shown(template.name_th, Face.BOLD)
    assert template.name_en in texts
    assert format_label_price(template.unit_price()) in texts
    for item in template.components:
        assert shown(item.product.name_th, Face.BOLD), item.product.name_th
        assert item.product.name_en in texts
    # the barcode scans back to the basket's EAN-13, and its digits are printed under it
    bars = [f for f in page.fills if not _is_qr(f) and len(f.rects) > 20]
    assert len(bars) == 1
    digits = decode_ean(modules(bars[0]))
    assert digits == template.barcode
    assert is_valid_gtin(digits)
    assert int(digits[-1]) == gs1_check_digit(digits[:-1])
    for group in (digits[0], digits[1:7], digits[7:]):
        assert group in texts
    # one QR code per component, each its product's story page
    grids = [qr_grid(f) for f in page.fills if _is_qr(f)]
    expected = [qr_matrix(store.settings.story_url(i.product.sku)) for i in template.components]
    assert grids == expected
    # an independent reader scans the printed label (pdfium at 300 dpi) to the same codes
    (image,) = pdf_page_images(buf.getvalue())
    assert read_codes(image) == sorted(
        [("EAN13", template.barcode)]
        + [("QRCode", store.settings.story_url(i.product.sku)) for i in template.components]
    )
    # and clickable in a PDF viewer
    links = {str(a["/A"]["/URI"]) for a in page.annotations if "/A" in a}
    assert links == {store.settings.story_url(i.product.sku) for i in template.components}


def test_the_label_from_the_command_line_on_a4(
    store: Store, baskets: Baskets, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    template = _template(baskets)
    out = tmp_path / "basket.pdf"
    code = main(["basket", "label", template.code, "--db", store.url, "--page", "a4",
                 "--copies", "2", "-o", str(out)])  # fmt: skip
    assert code == 0
    assert f"barcode {template.barcode}" in capsys.readouterr().out
    pages = read_pdf(out)
    assert len(pages) == 2
    assert round(pages[0].width / 72 * 25.4) == 210
    assert template.name_en in _texts(pages[0])
    assert main(["basket", "label", "NO-SUCH", "--db", store.url, "-o", str(out)]) != 0
    assert "NO-SUCH" in capsys.readouterr().err


@pytest.mark.parametrize(("profile", "dots"), [(P80, 576), (P58, 384)])
def test_the_gift_card_is_at_the_printer_width_and_carries_ink(
    checkout: Checkout, store: Store, profile: PrinterProfile, dots: int
) -> None:
    receipt = _sell_with_message(checkout, MESSAGE)
    (card,) = gift_cards(receipt, store.settings)
    assert card.message == MESSAGE
    assert card.shop_name_th == store.settings.shop_name_th
    image = gift_card_image([card], profile)
    assert image.width() == dots
    assert image.height() > 200
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    dark = sum(
        1 for y in range(0, gray.height(), 2) for x in range(0, dots, 2)
        if gray.pixelColor(x, y).lightness() < 128
    )  # fmt: skip
    assert dark > 500


def test_the_gift_card_goes_to_the_receipt_printer_as_a_raster_job(
    checkout: Checkout, store: Store
) -> None:
    receipt = _sell_with_message(checkout, MESSAGE)
    sent: list[bytes] = []
    print_gift_cards(gift_cards(receipt, store.settings), P80, lambda _p, job: sent.append(job))
    assert len(sent) == 1
    assert b"\x1dv0" in sent[0]  # GS v 0: a raster image
    assert sent[0].rstrip().endswith((b"\x1dV\x00", b"\x1dVA\x00", b"\x1dV\x01", b"\x1dVB\x00"))


def test_a_card_from_the_command_line_and_refused_without_a_message(
    checkout: Checkout, store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with_message = _sell_with_message(checkout, MESSAGE)
    png = tmp_path / "card.png"
    args = ["basket", "card", "--db", store.url, "--receipt"]
    assert main([*args, with_message.receipt_no, "-o", str(png)]) == 0
    assert QImage(str(png)).width() == 576
    pdf = tmp_path / "card.pdf"
    assert main([*args, with_message.receipt_no, "-o", str(pdf)]) == 0
    assert pdf.read_bytes().startswith(b"%PDF")
    capsys.readouterr()

    plain = _sell_with_message(checkout, "")
    with pytest.raises(CartError, match="no gift basket with a card message"):
        gift_cards(plain, store.settings)
    refused = tmp_path / "refused.png"
    assert main([*args, plain.receipt_no, "-o", str(refused)]) != 0
    err = capsys.readouterr().err
    assert "no card to print" in err or "ไม่มีการ์ดให้พิมพ์" in err
    assert not refused.exists()


# tone marks over upper vowels, beside tall consonants, and NIKHAHIT with a tone mark
TONED = ["น้ำพริก", "ที่", "ปั้นหม้อ", "ญี่ปุ่น", "ตุ๊กตา", "สี่ร้อย"]


def test_the_basket_label_pdf_keeps_its_thai_text_with_tone_marks() -> None:
    data = BasketLabelData(
        "GIFT-NP", "กระเช้าน้ำพริกที่ดีที่สุด", "Chilli paste basket", D("399.00"),
        "8859999000025",
        (BasketLabelLine("KK-NP-1", "น้ำพริกเผาปั้นหม้อ", "Chilli paste", "2 กระปุก",
                         "https://otop.example/kk-np-1"),
         BasketLabelLine("KK-TK-2", "ตุ๊กตาญี่ปุ่นสี่ร้อย", "Doll", "1 ตัว",
                         "https://otop.example/kk-tk-2")),
    )  # fmt: skip
    buf = io.BytesIO()
    render_basket_label(data, buf, "a6")
    assert_words_in_pdf(buf.getvalue(), [*TONED, data.name_th, "2 กระปุก"])


def test_the_gift_card_pdf_holds_its_message_as_text(tmp_path: Path) -> None:
    """The card saved as PDF draws its text as text (it was one picture: no text at all),
    and Qt's text layer is completed so that every tone mark reads back."""
    card = GiftCard(
        "ขอให้มีความสุขที่สุด น้ำพริกปั้นหม้อ ญี่ปุ่น ตุ๊กตา สี่ร้อย",
        "กระเช้าน้ำพริก", "Chilli paste basket", "ศูนย์ OTOP ที่ขอนแก่น", "Khon Kaen OTOP centre",
        "K1-000001",
    )  # fmt: skip
    pdf = save_gift_cards([card], P80, tmp_path / "card.pdf")
    words = [*TONED, card.shop_name_th, card.shop_name_en, card.basket_name_th]
    assert_words_in_pdf(pdf.read_bytes(), words)
