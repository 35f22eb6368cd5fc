"""Full tax invoices: checked buyer data, their own gapless numbers, linked to the sale, A4 PDF."""

from __future__ import annotations

import re
import subprocess
import unicodedata
import zlib
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from pos.app.bootstrap import Store
from pos.domain.basket import CustomBasket, add_custom
from pos.domain.cart import Discount, DiscountKind
from pos.domain.errors import TaxInvoiceError
from pos.domain.payment import cash_tender
from pos.domain.sale import Receipt
from pos.domain.settings import Settings
from pos.domain.taxinvoice import Buyer
from pos.services.auth import Auth
from pos.services.checkout import Checkout
from pos.services.printing import PrintQueue, TaxInvoices
from printing.document import tax_invoice_slip
from printing.taxinvoice_pdf import QtTaxInvoiceWriter, invoice_html, tax_invoice_image
from printing.text_receipt import layout_text
from tests.helpers.selling import seller
from tests.printing.conftest import FixedClock, sell
from tests.printing.helpers import ink_box
from tests.printing.test_print_queue import RecordingPrinter
from tests.shifts.test_auth import PlainTestHasher

D = Decimal
MakeStore = Callable[[Settings], Store]
COMPANY = Buyer.checked(
    "บริษัท ภูเวียง ไดโนเสาร์ทัวร์ จำกัด",
    "99/9 หมู่ 1 ต.ในเมือง อ.ภูเวียง จ.ขอนแก่น 40150",
    "0994000617721",
    "1",
)


def _service(store: Store, clock: FixedClock, queue: PrintQueue | None = None) -> TaxInvoices:
    return TaxInvoices(
        store.uow, store.settings, store.terminal, clock, QtTaxInvoiceWriter(), queue
    )


# --- the buyer ------------------------------------------------------------------------------
def test_buyer_details_are_tidied() -> None:
    b = Buyer.checked("  บริษัท  ก  ", "ขอนแก่น", "0-9940-00617-72-1", "")
    assert (b.name, b.tax_id, b.branch) == ("บริษัท ก", "0994000617721", "00000")
    assert COMPANY.branch == "00001"


@pytest.mark.parametrize(
    ("tax_id", "said"),
    [
        ("0994000617722", "check digit"),
        ("099400061772", "13 digits"),
        ("09940006177211", "13 digits"),
        ("099400061772x", "13 digits"),
        ("๐๙๙๔๐๐๐๖๑๗๗๒๑", "13 digits"),  # Thai digits are not accepted silently
    ],
)
def test_a_wrong_tax_id_is_refused_with_the_reason(tax_id: str, said: str) -> None:
    with pytest.raises(TaxInvoiceError) as info:
        Buyer.checked("บริษัท ก", "ขอนแก่น", tax_id)
    assert said in info.value.message("en")
    assert "เลขประจำตัวผู้เสียภาษี" in info.value.message("th")


def test_missing_name_and_address_are_both_reported() -> None:
    with pytest.raises(TaxInvoiceError) as info:
        Buyer.checked("", " ", "0994000617721", "12a")
    msg = info.value.message("en")
    assert "name is missing" in msg
    assert "address is missing" in msg
    assert "branch" in msg


# --- issuing ----------------------------------------------------------------------------------
def test_invoices_get_their_own_gapless_numbers_linked_to_the_sale(
    make_store: MakeStore, clock: FixedClock
) -> None:
    store = make_store(Settings())
    first = sell(store, clock, None)
    second = sell(store, clock, None)
    service = _service(store, clock)

    with pytest.raises(TaxInvoiceError):  # a refused attempt takes no number
        service.issue(first.receipt_no, Buyer("บริษัท ก", "ขอนแก่น", "0994000617722"))
    a = service.issue(first.receipt_no, COMPANY)
    b = service.issue(second.receipt_no, COMPANY)
    assert (a.number, b.number) == ("KK01-T00000001", "KK01-T00000002")
    assert a.receipt.receipt_no == first.receipt_no
    assert a.receipt.total == first.total
    found = service.find(first.receipt_no)
    assert found is not None
    assert found.number == "KK01-T00000001"
    assert found.buyer == COMPANY
    assert service.find("KK01-99999999") is None
    # the receipt numbers of sales go on untouched by the invoice series
    assert sell(store, clock, None).receipt_no == "KK01-00000003"


def test_one_invoice_per_sale(make_store: MakeStore, clock: FixedClock) -> None:
    store = make_store(Settings())
    receipt = sell(store, clock, None)
    service = _service(store, clock)
    service.issue(receipt.receipt_no, COMPANY)
    with pytest.raises(TaxInvoiceError, match="already has tax invoice KK01-T00000001"):
        service.issue(receipt.receipt_no, COMPANY)


def test_a_shop_that_is_not_vat_registered_cannot_issue_one(
    make_store: MakeStore, clock: FixedClock
) -> None:
    store = make_store(Settings(vat_registered=False))
    receipt = sell(store, clock, None)
    with pytest.raises(TaxInvoiceError) as info:
        _service(store, clock).issue(receipt.receipt_no, COMPANY)
    assert "not VAT-registered" in info.value.message("en")


def test_an_unknown_receipt_is_refused(make_store: MakeStore, clock: FixedClock) -> None:
    store = make_store(Settings())
    with pytest.raises(TaxInvoiceError, match="No receipt KK01-00000042"):
        _service(store, clock).issue("KK01-00000042", COMPANY)


# --- the documents ------------------------------------------------------------------------------
def _streams(pdf: bytes) -> list[bytes]:
    out = []
    for m in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            out.append(zlib.decompress(m.group(1)))
        except zlib.error:
            out.append(m.group(1))
    return out


def test_the_a4_pdf_embeds_the_thai_font_and_maps_its_thai_glyphs(
    make_store: MakeStore, clock: FixedClock, tmp_path: Path
) -> None:
    store = make_store(Settings())
    receipt = sell(store, clock, None)
    service = _service(store, clock)
    invoice = service.issue(receipt.receipt_no, COMPANY)
    path = service.write_pdf(invoice, tmp_path / "ti.pdf")
    pdf = path.read_bytes()
    assert pdf.startswith(b"%PDF-")
    assert re.search(rb"/MediaBox \[0 0 595(\.\d+)? 84[12](\.\d+)?\]", pdf), "A4 portrait"
    assert b"OTOPSans" in pdf, "the bundled font is embedded"
    assert b"DejaVu" not in pdf, "no glyph fell back to a font the counter does not have"
    assert b"/FontFile2" in pdf
    cmaps = b"".join(s for s in _streams(pdf) if b"beginbfchar" in s or b"beginbfrange" in s)
    # glyphs map back to Thai code points, so the text is Thai (not boxes) and can be searched
    for ch in "ใบกกับภาษีผู้ซื้อ":
        assert f"{ord(ch):04X}".encode() in cmaps.upper(), ch
    # shaped, not just mapped: HarfBuzz splits sara am (ำ) into nikhahit + sara aa glyphs
    upper = cmaps.upper()
    assert b"0E33" not in upper
    assert b"0E4D" in upper
    assert b"0E32" in upper


def test_the_invoice_carries_what_the_revenue_code_asks(
    make_store: MakeStore, clock: FixedClock
) -> None:
    store = make_store(Settings())
    receipt = sell(store, clock, None)
    invoice = _service(store, clock).issue(receipt.receipt_no, COMPANY)
    html = invoice_html(invoice, store.settings)
    for words in (
        "ใบกำกับภาษี",
        "0994000617721 (สำนักงานใหญ่ / Head office)",  # seller tax ID and branch
        "บริษัท ภูเวียง ไดโนเสาร์ทัวร์ จำกัด",  # buyer
        "สาขาที่ 00001",  # buyer branch
        "KK01-T00000001",
        "27 พฤศจิกายน 2569",
        receipt.receipt_no,
        "ภาษีมูลค่าเพิ่ม / VAT 7%",
        "หนึ่งพันห้าร้อยยี่สิบบาทถ้วน",  # 1290 + 2 x 85 + 60 = 1520
    ):
        assert words in html, words
    image = tax_invoice_image(invoice, store.settings, dpi=60)
    assert ink_box(image) is not None


def test_the_invoice_prints_on_the_receipt_printer_through_the_queue(
    make_store: MakeStore, clock: FixedClock
) -> None:
    store = make_store(Settings())
    receipt = sell(store, clock, None)
    printer = RecordingPrinter()
    from tests.printing.conftest import network_settings

    settings = network_settings("192.0.2.1:9100")
    queue = PrintQueue(store.uow, settings, printer, clock)
    service = _service(store, clock, queue)
    invoice = service.issue(receipt.receipt_no, COMPANY)
    assert service.print_slip(invoice).status == "done"
    assert printer.calls == [("KK01-T00000001", False, False)]
    lines = [
        getattr(item, "text", "") for item in layout_text(tax_invoice_slip(invoice, settings), 48)
    ]
    assert any("ใบกำกับภาษี" in line for line in lines)
    assert any("หนึ่งพันห้าร้อยยี่สิบบาทถ้วน" in line for line in lines)


# --- the lines add up, baskets as a group -------------------------------------------------------
def _basket_sale(store: Store, clock: FixedClock) -> Receipt:
    """A silk with a line discount, a New Year basket (2 teas and a dinosaur, 369.00 at list
    prices) sold at 350.00, a rice; a sale discount over it all; rung up by the manager."""
    checkout = Checkout(store.uow, store.settings, store.terminal, clock)
    seller(checkout)  # the demo users, a shift open
    auth = Auth(store.uow, store.settings, clock, PlainTestHasher(), store.terminal.terminal_id)
    cart = checkout.new_cart()
    row = checkout.add_to_cart(cart, checkout.lookup("8851234000012"))
    basket = CustomBasket("ตะกร้าของขวัญปีใหม่", "New Year gift basket", set_price=D(350))
    basket.add(checkout.lookup("8851234000029").product, D(2))
    basket.add(checkout.lookup("8851234000043").product)
    add_custom(cart, basket)
    checkout.add_to_cart(cart, checkout.lookup("8851234000036"))
    cart.set_line_discount(cart.lines[row].line_id, Discount(DiscountKind.AMOUNT, D(90), "ตำหนิ"))
    cart.set_sale_discount(Discount(DiscountKind.PERCENT, D(5), "member"))
    due = cart.totals().total
    manager = auth.login("manager", "9999")
    return checkout.complete(cart, [cash_tender(due, D(5000))], actor=manager)


def _baht(text: str) -> Decimal:
    """An amount as the invoice prints it ("1,200.00"; "-" for none)."""
    return D(0) if text == "-" else D(text.replace(",", ""))


def test_every_invoice_line_adds_up_and_a_basket_is_one_line_over_its_contents(
    make_store: MakeStore, clock: FixedClock, tmp_path: Path
) -> None:
    store = make_store(Settings())
    receipt = _basket_sale(store, clock)
    service = _service(store, clock)
    invoice = service.issue(receipt.receipt_no, COMPANY)
    path = service.write_pdf(invoice, tmp_path / "ti.pdf")
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    text = unicodedata.normalize("NFKC", text)  # the font's fi ligature back to f, i
    money = r"([\d,]+\.\d\d)"
    rows = re.findall(
        rf"^\s*(\d+)\s.*?\s([\d.]+) \S+\s+{money}\s+(-|{money})\s+{money}\s*$", text, re.M
    )
    got = [(int(n), D(q), _baht(u), _baht(d), _baht(a)) for n, q, u, d, _, a in rows]
    assert [n for n, *_ in got] == [1, 2, 3], text
    for _n, qty, unit, discount, amount in got:
        assert qty * unit - discount == amount, (qty, unit, discount, amount)
    subtotal = _baht(re.findall(rf"Subtotal\s+{money}", text)[0])
    sale_discount = _baht(re.findall(rf"Discount member\s+-{money}", text)[0])
    total = _baht(re.findall(rf"Total\s+{money}", text)[0])
    assert sum(a for *_, a in got) == subtotal == receipt.subtotal
    assert subtotal - sale_discount == total == receipt.total
    # the basket: one line of its name and price, its contents beneath it with no money
    basket = [ln for ln in receipt.lines if ln.basket_id is not None]
    assert got[1] == (2, D(1), D(350), D(0), D(350))
    assert re.search(r"^\s*2\s.*\n\s*New Year gift basket\s*$", text, re.M), text
    after = text[text.index("New Year gift basket") :]
    for ln in basket:
        content = next(line for line in after.splitlines() if ln.sku in line)
        assert not re.search(r"\d\.\d\d", content), content
        assert re.search(rf"\s{ln.quantity.normalize():f} ", content), content
        assert ln.name_en in after
    assert "1 x 95" not in text
    assert all(f"{ln.gross:,.2f}" not in text for ln in basket)  # the shares stay off it
