"""What a printed slip says, as blocks that both the raster and the text renderer lay out."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import Enum

from pos.domain.bahttext import bahttext
from pos.domain.money import format_baht
from pos.domain.sale import Receipt, ReceiptNote
from pos.domain.settings import Settings
from pos.domain.shop_time import buddhist_year, local
from pos.domain.taxinvoice import TaxInvoice, branch_label_th

THAI_MONTHS = (
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
)
THAI_MONTHS_FULL = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)
PAYMENT_NAMES = {"cash": "เงินสด", "promptpay": "พร้อมเพย์", "card": "บัตร"}
COPY_MARK = "สำเนา / COPY"


class Align(Enum):
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"


class Size(Enum):
    SMALL = "small"
    NORMAL = "normal"
    LARGE = "large"
    XLARGE = "xlarge"  # read at arm's length (a tea ticket's drink and options)
    HUGE = "huge"  # read across the counter (a tea ticket's order number)

    @property
    def big(self) -> bool:
        """Printed bold in text mode (a text-mode printer has one type size)."""
        return self in (Size.LARGE, Size.XLARGE, Size.HUGE)


@dataclass(frozen=True, slots=True)
class Text:
    """A paragraph, wrapped to the paper (Thai at word boundaries)."""

    text: str
    align: Align = Align.LEFT
    bold: bool = False
    size: Size = Size.NORMAL
    indent: int = 0  # in text columns


@dataclass(frozen=True, slots=True)
class Row:
    """`left` wrapped, `right` aligned to the right edge on the last line of `left`."""

    left: str
    right: str
    bold: bool = False
    size: Size = Size.NORMAL
    indent: int = 0


@dataclass(frozen=True, slots=True)
class Rule:
    heavy: bool = False


@dataclass(frozen=True, slots=True)
class Space:
    """Vertical space, in lines of normal text."""

    lines: float = 0.5


@dataclass(frozen=True, slots=True)
class QrCodes:
    """QR codes side by side, each with a caption under it: ((caption, data), …)."""

    codes: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Barcode:
    """A Code 128 barcode with its text under it."""

    data: str


@dataclass(frozen=True, slots=True)
class Logo:
    path: str


@dataclass(frozen=True, slots=True)
class Ruler:
    """The width ruler of the test page: millimetre ticks, and column digits in text mode."""


@dataclass(frozen=True, slots=True)
class CodePageChart:
    """The upper half (0xA0-0xFF) of the printer's code page, for the test page.

    In text mode the raw bytes are sent (the printer shows what its code page holds);
    the raster page shows what CP874 should look like, to compare against.
    """


Block = Text | Row | Rule | Space | QrCodes | Barcode | Logo | Ruler | CodePageChart
Document = tuple[Block, ...]


# --- formatting ---------------------------------------------------------------------------
def thai_datetime(when: datetime) -> str:
    """27 พ.ย. 2569 14:05:09 (Bangkok time, Buddhist-era year)."""
    at = local(when)
    return f"{at.day} {THAI_MONTHS[at.month - 1]} {buddhist_year(at.year)} {at:%H:%M:%S}"


def thai_date_long(when: datetime) -> str:
    """27 พฤศจิกายน 2569."""
    at = local(when)
    return f"{at.day} {THAI_MONTHS_FULL[at.month - 1]} {buddhist_year(at.year)}"


def quantity_text(quantity: Decimal, by_weight: bool) -> str:
    return f"{quantity:.3f}" if by_weight else f"{quantity.normalize():f}"


_NUMBER_AND_UNIT = re.compile(r"(\d) (?=[^\d\s(])")


def keep_units(text: str) -> str:
    """Glue a number to the word after it ("2 เมตร") so a line never breaks between them."""
    return _NUMBER_AND_UNIT.sub("\\1\u00a0", text)


def rate_text(rate: Decimal) -> str:
    text = f"{rate.normalize():f}"
    return text


def receipt_title(settings: Settings) -> str:
    """A VAT-registered shop issues an abbreviated tax invoice; others a plain receipt only."""
    if settings.vat_registered:
        return "ใบเสร็จรับเงิน/ใบกำกับภาษีอย่างย่อ"
    return "ใบเสร็จรับเงิน"


def receipt_title_en(settings: Settings) -> str:
    return "Receipt / Abbreviated tax invoice" if settings.vat_registered else "Receipt"


def _seller_header(settings: Settings, *, vat_id: bool) -> list[Block]:
    out: list[Block] = [Text(settings.shop_name_th, Align.CENTER, bold=True, size=Size.LARGE)]
    if settings.shop_name_en:
        out.append(Text(settings.shop_name_en, Align.CENTER))
    if settings.company_th:
        out.append(Text(settings.company_th, Align.CENTER))
    if settings.address_th:
        out.append(Text(settings.address_th, Align.CENTER, size=Size.SMALL))
    if settings.tax_id and vat_id:
        out.append(
            Text(
                f"เลขประจำตัวผู้เสียภาษี {settings.tax_id} ({branch_label_th(settings.branch)})",
                Align.CENTER,
                size=Size.SMALL,
            )
        )
    return out


def _basket_lines(receipt: Receipt, settings: Settings, basket_id: str) -> list[Block]:
    """A gift basket: its name and price, then its contents indented under it."""
    group = [ln for ln in receipt.lines if ln.basket_id == basket_id]
    head = group[0]
    count = f" x {head.basket_count}" if head.basket_count > 1 else ""
    total = sum((ln.gross for ln in group), Decimal(0))
    out: list[Block] = [Row(f"{keep_units(head.basket_name_th)}{count}", format_baht(total))]
    for ln in group:
        mark = " (E)" if ln.vat_exempt and settings.vat_registered else ""
        qty = quantity_text(ln.quantity, ln.sold_by_weight)
        out.append(
            Text(f"{qty} {ln.unit_th} {keep_units(ln.name_th)}{mark}", indent=2, size=Size.SMALL)
        )
    if head.basket_message:
        out.append(Text(f"การ์ด: “{head.basket_message}”", indent=2, size=Size.SMALL))
    return out


def _lines(receipt: Receipt, settings: Settings) -> list[Block]:
    out: list[Block] = []
    baskets_done: set[str] = set()
    for line in receipt.lines:
        if line.basket_id is not None:
            if line.basket_id not in baskets_done:
                baskets_done.add(line.basket_id)
                out.extend(_basket_lines(receipt, settings, line.basket_id))
            continue
        mark = " (E)" if line.vat_exempt and settings.vat_registered else ""
        out.append(Row(f"{keep_units(line.name_th)}{mark}", format_baht(line.gross)))
        qty = quantity_text(line.quantity, line.sold_by_weight)
        out.append(
            Text(
                f"{qty} {line.unit_th} x {format_baht(line.unit_price)}", indent=2, size=Size.SMALL
            )
        )
        if line.detail is not None and line.detail.th:  # a drink's options, a booking
            out.append(Text(line.detail.th, indent=2, size=Size.SMALL))
        if line.discount:
            reason = f"ส่วนลด {line.discount_reason}".strip()
            out.append(Row(reason, f"-{format_baht(line.discount)}", indent=2))
    return out


def _notes(receipt: Receipt) -> list[Block]:
    """The notes after the total (a tea order's number: big ones double size)."""
    return note_blocks(receipt.notes)


def note_blocks(notes: Sequence[ReceiptNote]) -> list[Block]:
    """Notes printed after a total, each Thai over English, centred, closed by a rule (a
    receipt's; a refund slip prints its sale's)."""
    out: list[Block] = []
    for note in notes:
        size = Size.LARGE if note.big else Size.NORMAL
        out.append(Text(note.text_th, Align.CENTER, bold=note.big, size=size))
        if note.text_en and note.text_en != note.text_th:
            out.append(Text(note.text_en, Align.CENTER, size=size if note.big else Size.SMALL))
    if out:
        out.append(Rule())
    return out


def _vat_block(receipt: Receipt) -> list[Block]:
    out: list[Block] = [Row("มูลค่าสินค้าที่มีภาษี", format_baht(receipt.vatable))]
    if receipt.exempt:
        out.append(Row("มูลค่าสินค้าที่ยกเว้นภาษี (E)", format_baht(receipt.exempt)))
    out.append(Row("มูลค่าก่อนภาษี", format_baht(receipt.vatable - receipt.vat)))
    out.append(Row(f"ภาษีมูลค่าเพิ่ม {rate_text(receipt.vat_rate)}%", format_baht(receipt.vat)))
    out.append(Text("ราคารวมภาษีมูลค่าเพิ่มแล้ว", bold=True))
    return out


def receipt_document(receipt: Receipt, settings: Settings) -> Document:
    """The receipt of a committed sale, by the shop's VAT status (DOMAIN.md)."""
    vat = settings.vat_registered
    out: list[Block] = _seller_header(settings, vat_id=True)
    if vat and receipt.pos_id:
        out.append(Text(f"POS ID: {receipt.pos_id}", Align.CENTER, size=Size.SMALL))
    out.extend(
        Text(ln, Align.CENTER, size=Size.SMALL) for ln in settings.receipt_header.splitlines()
    )
    out.append(Rule())
    out.append(Text(receipt_title(settings), Align.CENTER, bold=True, size=Size.LARGE))
    out.append(Text(receipt_title_en(settings), Align.CENTER, size=Size.SMALL))
    if receipt.copy:
        out.append(Text(f"*** {COPY_MARK} ***", Align.CENTER, bold=True, size=Size.LARGE))
    out.append(Row(f"เลขที่ {receipt.receipt_no}", thai_datetime(receipt.sold_at)))
    if receipt.cashier_name:
        out.append(Row(f"พนักงาน: {receipt.cashier_name}", receipt.terminal_name))
    out.append(Rule())
    out.extend(_lines(receipt, settings))
    out.append(Rule())
    out.append(
        Row(f"รวม {quantity_text(receipt.item_count, False)} ชิ้น", format_baht(receipt.subtotal))
    )
    if receipt.sale_discount:
        reason = f"ส่วนลดท้ายบิล {receipt.sale_discount_reason}".strip()
        out.append(Row(reason, f"-{format_baht(receipt.sale_discount)}"))
    out.append(Row("ยอดสุทธิ", format_baht(receipt.total), bold=True, size=Size.LARGE))
    if vat:
        out.extend(_vat_block(receipt))
    out.append(Rule())
    for p in receipt.payments:
        name = PAYMENT_NAMES.get(p.kind, p.kind)
        ref = f" {p.reference}" if p.reference and p.kind == "card" else ""
        out.append(Row(f"{name}{ref}", format_baht(p.tendered)))
    if receipt.change:
        out.append(Row("เงินทอน", format_baht(receipt.change), bold=True))
    out.append(Rule())
    out.extend(_notes(receipt))
    out.extend(Text(ln, Align.CENTER) for ln in settings.receipt_footer.splitlines())
    out.append(Text("ขอบคุณที่อุดหนุนสินค้า OTOP", Align.CENTER))
    out.append(Text("Thank you for supporting OTOP producers", Align.CENTER, size=Size.SMALL))
    codes = tuple(
        (caption, url)
        for caption, url in (("LINE", settings.line_url), ("Facebook", settings.facebook_url))
        if url
    )
    if codes:
        out.append(Space())
        out.append(QrCodes(codes))
    out.append(Space())
    out.append(Barcode(receipt.receipt_no))
    return tuple(out)


def tax_invoice_slip(invoice: TaxInvoice, settings: Settings) -> Document:
    """The full tax invoice on the receipt printer (the A4 PDF is the main form)."""
    r = invoice.receipt
    b = invoice.buyer
    out: list[Block] = _seller_header(settings, vat_id=True)
    out.append(Rule())
    out.append(Text("ใบกำกับภาษี", Align.CENTER, bold=True, size=Size.LARGE))
    out.append(Text("Tax invoice", Align.CENTER, size=Size.SMALL))
    if invoice.copy:
        out.append(Text(f"*** {COPY_MARK} ***", Align.CENTER, bold=True, size=Size.LARGE))
    out.append(Row(f"เลขที่ {invoice.number}", thai_date_long(invoice.issued_at)))
    out.append(Text(f"อ้างอิงใบเสร็จ/ใบกำกับภาษีอย่างย่อเลขที่ {r.receipt_no}", size=Size.SMALL))
    out.append(Rule())
    out.append(Text(f"ผู้ซื้อ: {b.name}", bold=True))
    out.append(Text(b.address, size=Size.SMALL))
    out.append(Text(f"เลขประจำตัวผู้เสียภาษี {b.tax_id} ({branch_label_th(b.branch)})", size=Size.SMALL))
    out.append(Rule())
    out.extend(_lines(r, settings))
    out.append(Rule())
    if r.sale_discount:
        reason = f"ส่วนลดท้ายบิล {r.sale_discount_reason}".strip()
        out.append(Row(reason, f"-{format_baht(r.sale_discount)}"))
    if r.exempt:
        out.append(Row("มูลค่าสินค้าที่ยกเว้นภาษี (E)", format_baht(r.exempt)))
    out.append(Row("มูลค่าสินค้าก่อนภาษี", format_baht(r.vatable - r.vat)))
    out.append(Row(f"ภาษีมูลค่าเพิ่ม {rate_text(r.vat_rate)}%", format_baht(r.vat)))
    out.append(Row("รวมทั้งสิ้น", format_baht(r.total), bold=True, size=Size.LARGE))
    out.append(Text(f"({bahttext(r.total)})", Align.CENTER))
    out.append(Space(1.5))
    out.append(Text("ผู้รับเงิน ....................................", Align.CENTER))
    return tuple(out)


THAI_ALPHABET = (
    "กขฃคฅฆงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮ",
    "กะ กั กา กำ กิ กี กึ กื กุ กู เก แก โก ใก ไก ก็ ก่ ก้ ก๊ ก๋ ก์ ๆ ฯ ๐๑๒๓๔๕๖๗๘๙ ฿",
)
STACKED_SAMPLES = "ปู่ ญี่ปุ่น ฏุ ฐิ์ ป่ป้ ฝั่ง ฟื้น ที่นี่ น้ำ กำ ตั๋ว จี๊ด ก๋วยเตี๋ยว"


def printer_test_page(
    settings: Settings, mode: str, codepage: int | None, paper_mm: int
) -> Document:
    """The printer setup page: stacked Thai marks, a code-page sample and a width ruler."""
    cp = "-" if codepage is None else str(codepage)
    return (
        Text("หน้าทดสอบเครื่องพิมพ์ / Printer test page", Align.CENTER, bold=True, size=Size.LARGE),
        Text(settings.shop_name_th, Align.CENTER, size=Size.SMALL),
        Text(f"โหมด {mode} · กระดาษ {paper_mm} มม. · โค้ดเพจ ESC t {cp}", Align.CENTER),
        Rule(),
        Text("ตัวอักษรไทย / Thai alphabet", bold=True),
        Text(THAI_ALPHABET[0]),
        Text(THAI_ALPHABET[1]),
        Text("วรรณยุกต์และสระซ้อน / stacked marks", bold=True),
        Text(STACKED_SAMPLES, size=Size.LARGE),
        Text("ต้องไม่เห็นสระหรือวรรณยุกต์ลอยแยก หรือทับกัน", size=Size.SMALL),
        Text("Marks must sit on their letter, never side by side or overlapping.", size=Size.SMALL),
        Row("ผ้าไหมมัดหมี่ชนบท", "1,290.00"),
        Row("ชาใบหม่อน 100 ก.", "85.00"),
        Rule(),
        Text("โค้ดเพจ / code page 0xA0-0xFF", bold=True),
        CodePageChart(),
        Rule(),
        Text("ความกว้าง / width ruler (mm)", bold=True),
        Ruler(),
        Rule(heavy=True),
    )
