"""Shelf labels: sheet templates, what a label shows, which products need one."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum
from urllib.parse import urlsplit

from pos.domain.barcodes import is_valid_gtin, normalize_gtin
from pos.domain.curation import Expiry, expiry_state
from pos.domain.errors import ShopError
from pos.domain.settings import Settings

A4_MM = (210.0, 297.0)
_FIT_SLACK_MM = 0.05  # printed sizes are rounded to 0.1 mm; do not refuse a sheet for that


class LabelError(ShopError):
    """A label request the shop can fix: an unknown template, a start position off the sheet."""


# --- templates ----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class LabelTemplate:
    """A sheet of `rows` x `cols` labels (all sizes in millimetres, origin at the top left).

    A roll label is a 1 x 1 template whose page is the label itself: one PDF page per label.
    """

    name: str
    page_width: float
    page_height: float
    rows: int
    cols: int
    label_width: float
    label_height: float
    margin_top: float = 0.0
    margin_left: float = 0.0
    gap_x: float = 0.0
    gap_y: float = 0.0
    title_th: str = ""
    title_en: str = ""

    def __post_init__(self) -> None:
        problems = self.problems()
        if problems:
            raise LabelError(
                f"Label template {self.name}: " + "; ".join(en for en, _ in problems),
                f"แบบฉลาก {self.name}: " + "; ".join(th for _, th in problems),
            )

    def problems(self) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        if self.rows < 1 or self.cols < 1:
            out.append(("rows and columns must be at least 1", "จำนวนแถวและคอลัมน์ต้องอย่างน้อย 1"))
        sizes = (self.page_width, self.page_height, self.label_width, self.label_height)
        if min(sizes) <= 0:
            out.append(("page and label sizes must be positive", "ขนาดกระดาษและฉลากต้องมากกว่า 0"))
        if min(self.margin_top, self.margin_left, self.gap_x, self.gap_y) < 0:
            out.append(("margins and gaps cannot be negative", "ขอบและระยะห่างต้องไม่ติดลบ"))
        if out:
            return out
        if self.label_width < 20 or self.label_height < 15:
            out.append(("a label must be at least 20 x 15 mm", "ฉลากต้องมีขนาดอย่างน้อย 20 x 15 มม."))
        right = self.margin_left + self.cols * self.label_width + (self.cols - 1) * self.gap_x
        bottom = self.margin_top + self.rows * self.label_height + (self.rows - 1) * self.gap_y
        if right > self.page_width + _FIT_SLACK_MM:
            out.append(
                (
                    f"{self.cols} columns need {right:.1f} mm but the page is "
                    f"{self.page_width:g} mm wide",
                    f"{self.cols} คอลัมน์ต้องใช้ {right:.1f} มม. แต่กระดาษกว้าง {self.page_width:g} มม.",
                )
            )
        if bottom > self.page_height + _FIT_SLACK_MM:
            out.append(
                (
                    f"{self.rows} rows need {bottom:.1f} mm but the page is "
                    f"{self.page_height:g} mm high",
                    f"{self.rows} แถวต้องใช้ {bottom:.1f} มม. แต่กระดาษสูง {self.page_height:g} มม.",
                )
            )
        return out

    @property
    def per_page(self) -> int:
        return self.rows * self.cols

    @property
    def is_roll(self) -> bool:
        return self.per_page == 1

    def origin(self, slot: int) -> tuple[float, float]:
        """Top-left corner (x, y) in mm of position `slot` (0-based, row by row)."""
        if not 0 <= slot < self.per_page:
            raise ValueError(f"slot {slot} is not on a {self.rows}x{self.cols} sheet")
        row, col = divmod(slot, self.cols)
        return (
            self.margin_left + col * (self.label_width + self.gap_x),
            self.margin_top + row * (self.label_height + self.gap_y),
        )

    @property
    def description(self) -> str:
        return (
            f"{self.rows}x{self.cols} = {self.per_page} labels of "
            f"{self.label_width:g}x{self.label_height:g} mm on {self.page_width:g}x"
            f"{self.page_height:g} mm"
        )


def custom_template(
    rows: int,
    cols: int,
    *,
    margins: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0),
    gaps: tuple[float, float] = (0.0, 0.0),
    page: tuple[float, float] = A4_MM,
    label_size: tuple[float, float] | None = None,
    name: str = "custom",
) -> LabelTemplate:
    """A sheet from its margins (top, right, bottom, left) and gaps (x, y) in mm.

    Without `label_size` the labels share out the page between the margins and gaps, as on
    a sheet the vendor describes only by its margins.
    """
    top, right, bottom, left = margins
    gap_x, gap_y = gaps
    if label_size is None:
        if rows < 1 or cols < 1:
            raise LabelError("rows and columns must be at least 1", "จำนวนแถวและคอลัมน์ต้องอย่างน้อย 1")
        width = (page[0] - left - right - (cols - 1) * gap_x) / cols
        height = (page[1] - top - bottom - (rows - 1) * gap_y) / rows
    else:
        width, height = label_size
    return LabelTemplate(
        name=name,
        page_width=page[0],
        page_height=page[1],
        rows=rows,
        cols=cols,
        label_width=round(width, 3),
        label_height=round(height, 3),
        margin_top=top,
        margin_left=left,
        gap_x=gap_x,
        gap_y=gap_y,
        title_th="กำหนดเอง",
        title_en="Custom",
    )


def roll_template(width: float, height: float) -> LabelTemplate:
    """Single labels for a roll label printer: the page is the label."""
    return LabelTemplate(
        name=f"roll-{width:g}x{height:g}",
        page_width=width,
        page_height=height,
        rows=1,
        cols=1,
        label_width=width,
        label_height=height,
        title_th=f"ม้วนฉลาก {width:g}x{height:g} มม.",
        title_en=f"Roll labels {width:g}x{height:g} mm",
    )


BUILTIN_TEMPLATES: dict[str, LabelTemplate] = {
    t.name: t
    for t in (
        LabelTemplate(
            "a4-3x7", 210, 297, 7, 3, 70, 42.3, margin_top=0.45,
            title_th="A4 21 ดวง (70x42.3 มม.)", title_en="A4, 21 labels (70x42.3 mm)",
        ),
        LabelTemplate(
            "a4-3x8", 210, 297, 8, 3, 70, 37, margin_top=0.5,
            title_th="A4 24 ดวง (70x37 มม.)", title_en="A4, 24 labels (70x37 mm)",
        ),
        LabelTemplate(
            "a4-4x10", 210, 297, 10, 4, 52.5, 29.7,
            title_th="A4 40 ดวง (52.5x29.7 มม.)", title_en="A4, 40 labels (52.5x29.7 mm)",
        ),
        roll_template(50, 30),
    )
}  # fmt: skip
DEFAULT_TEMPLATE = "a4-3x7"

_ROLL = re.compile(r"roll-(\d+(?:\.\d+)?)x(\d+(?:\.\d+)?)")


def template_by_name(name: str) -> LabelTemplate:
    """A built-in template, or any `roll-WxH` size in mm (e.g. roll-40x25)."""
    key = name.strip().casefold()
    if key in BUILTIN_TEMPLATES:
        return BUILTIN_TEMPLATES[key]
    roll = _ROLL.fullmatch(key)
    if roll:
        return roll_template(float(roll[1]), float(roll[2]))
    known = ", ".join([*BUILTIN_TEMPLATES, "roll-WxH", "custom"])
    raise LabelError(
        f"Unknown label template {name!r}; use one of {known}",
        f"ไม่รู้จักแบบฉลาก {name!r} ใช้ได้: {known}",
    )


# --- putting labels on sheets -------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Placement:
    """Where one printed label goes: page (0-based), slot on the page, which label it is."""

    page: int
    slot: int
    label: int


def place_labels(copies: Sequence[int], template: LabelTemplate, start: int = 1) -> list[Placement]:
    """Lay out `copies[i]` copies of label i, row by row, from position `start` (1-based).

    `start` lets a partly used sheet be used up: positions before it on the first sheet stay
    empty. A roll has one position, so `start` must be 1 there.
    """
    if not 1 <= start <= template.per_page:
        raise LabelError(
            f"Start position {start} is not on the sheet (1-{template.per_page})",
            f"ตำแหน่งเริ่ม {start} ไม่อยู่บนแผ่น (1-{template.per_page})",
        )
    if any(c < 0 for c in copies):
        raise LabelError("Copies cannot be negative", "จำนวนสำเนาต้องไม่ติดลบ")
    out: list[Placement] = []
    position = start - 1
    for index, n in enumerate(copies):
        for _ in range(n):
            page, slot = divmod(position, template.per_page)
            out.append(Placement(page, slot, index))
            position += 1
    return out


# --- what a label shows -------------------------------------------------------------------
class Symbology(Enum):
    EAN13 = "ean13"
    EAN8 = "ean8"
    CODE128 = "code128"


@dataclass(frozen=True, slots=True)
class BarcodeSpec:
    symbology: Symbology
    value: str  # what the scanner reads: the full GTIN with its check digit, or the SKU


def barcode_for(codes: Sequence[str], sku: str) -> BarcodeSpec:
    """The code a label carries: a GS1 GTIN first, then an in-store EAN-13, else Code128(SKU).

    UPC-A (12 digits) is printed as the EAN-13 it is (leading 0). Codes that are not valid
    GTINs are never printed as EAN: a label must scan to what the till knows.
    """
    gtins = [normalize_gtin(c) for c in codes if is_valid_gtin(c)]
    # restricted-circulation (in-store) codes start with 2; GS1 ones are preferred
    gtins.sort(key=lambda c: (len(c) == 13 and c.startswith("2"), len(c) == 8, c))
    if gtins:
        code = gtins[0]
        return BarcodeSpec(Symbology.EAN13 if len(code) == 13 else Symbology.EAN8, code)
    if not sku.isascii() or not sku.isprintable():
        raise LabelError(
            f"SKU {sku!r} cannot be printed as a barcode (ASCII only)",
            f"รหัสสินค้า {sku!r} พิมพ์เป็นบาร์โค้ดไม่ได้ (ต้องเป็นอักษรภาษาอังกฤษ)",
        )
    return BarcodeSpec(Symbology.CODE128, sku)


@dataclass(frozen=True, slots=True)
class LabelProduct:
    """A product as the label desk sees it (read from the catalogue and the print log)."""

    product_id: str
    sku: str
    name_th: str
    name_en: str
    price: Decimal
    sold_by: str = "unit"  # unit | weight
    unit_th: str = "ชิ้น"
    unit_en: str = "piece"
    codes: tuple[str, ...] = ()
    category: str = ""
    producer_code: str = ""
    producer_th: str = ""
    producer_en: str = ""
    district_th: str = ""
    district_en: str = ""
    province_th: str = ""
    province_en: str = ""
    stars: int | None = None
    star_year: int | None = None
    last_label_price: Decimal | None = None  # price on its latest label; None: never labelled
    last_label_at: datetime | None = None
    story_url: str = ""  # the product's own story page; "" uses the settings' template
    cert_expires: date | None = None  # the first expiry of its (or its producer's) certificates

    @property
    def is_new(self) -> bool:
        return self.last_label_price is None

    @property
    def price_changed(self) -> bool:
        return self.last_label_price is not None and self.last_label_price != self.price


@dataclass(frozen=True, slots=True)
class LabelData:
    """Everything printed on one label."""

    product_id: str
    sku: str
    name_th: str
    name_en: str
    price: Decimal
    unit_th: str
    unit_en: str
    by_weight: bool
    barcode: BarcodeSpec
    story_url: str
    stars: int | None = None
    star_year: int | None = None
    district_th: str = ""
    district_en: str = ""
    producer_th: str = ""
    producer_en: str = ""
    certificate_expired: bool = False  # flagged on the label (pos.domain.curation)

    @property
    def price_text(self) -> str:
        return format_label_price(self.price)

    @property
    def unit_line(self) -> tuple[str, str]:
        """('ต่อ กก.', 'per kg') - Thai and English of what the price is for."""
        return f"ต่อ {self.unit_th}", f"per {self.unit_en}"

    @property
    def per_100g(self) -> Decimal | None:
        """For goods sold by weight (priced per kg), the price of 100 g, rounded half-up."""
        if not self.by_weight:
            return None
        return (self.price / 10).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


PLACEHOLDER_STORY_HOST = "otop.example"


def story_url_for(product_story_url: str, sku: str, settings: Settings) -> str:
    """The story page a product's QR code leads to: its own URL, else the shop's template."""
    return product_story_url.strip() or settings.story_url(sku)


def placeholder_story_urls(urls: Sequence[str]) -> list[str]:
    """The URLs still on the demo placeholder host (their QR codes lead nowhere)."""
    return [u for u in urls if urlsplit(u).hostname == PLACEHOLDER_STORY_HOST]


def make_label(product: LabelProduct, story_url: str, today: date | None = None) -> LabelData:
    """The label of `product`; one whose certificate has expired by `today` is flagged."""
    expired = (
        today is not None
        and product.cert_expires is not None
        and expiry_state(product.cert_expires, today) is Expiry.EXPIRED
    )
    return LabelData(
        product_id=product.product_id,
        sku=product.sku,
        name_th=product.name_th,
        name_en=product.name_en,
        price=product.price,
        unit_th=product.unit_th,
        unit_en=product.unit_en,
        by_weight=product.sold_by == "weight",
        barcode=barcode_for(product.codes, product.sku),
        story_url=story_url,
        stars=product.stars,
        star_year=product.star_year,
        district_th=product.district_th,
        district_en=product.district_en,
        producer_th=product.producer_th,
        producer_en=product.producer_en,
        certificate_expired=expired,
    )


def format_label_price(price: Decimal) -> str:
    """Shelf style: '฿1,250' for whole baht, '฿85.50' otherwise."""
    value = price.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if value == value.to_integral_value():
        return f"฿{value:,.0f}"
    return f"฿{value:,.2f}"


# --- choosing what to print ---------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class LabelQuery:
    """Which products to label; every criterion given must hold (no criterion: all active).

    `changed` and `new` together mean "either": the day's labels for new products and for
    prices that moved.
    """

    text: str = ""  # part of the SKU, a barcode, the Thai or English name
    category: str | None = None  # OtopCategory value
    producer: str | None = None  # producer code
    district: str | None = None  # district, Thai or English
    skus: tuple[str, ...] = ()  # in this order
    changed: bool = False  # the price differs from the one on its latest label
    new: bool = False  # never labelled

    @property
    def is_everything(self) -> bool:
        return self == LabelQuery()


def parse_sku_copies(item: str, default: int = 1) -> tuple[str, int]:
    """'KK-SILK-001:3' -> ('KK-SILK-001', 3); a bare SKU gets `default` copies."""
    sku, sep, count = item.strip().rpartition(":")
    if not sep:
        return item.strip(), default
    if not count.isdigit() or not 1 <= int(count) <= 1000:
        raise LabelError(
            f"{item!r}: copies must be 1-1000 (SKU:COPIES)",
            f"{item!r}: จำนวนสำเนาต้องเป็น 1-1000 (รหัส:จำนวน)",
        )
    return sku.strip(), int(count)


# --- the print log ------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class LabelLogLine:
    product_id: str
    sku: str
    price: Decimal
    copies: int


@dataclass(frozen=True, slots=True)
class LabelBatch:
    """One print of labels: which price each product's labels carried, and when."""

    batch_id: str
    printed_at: datetime
    template: str
    lines: tuple[LabelLogLine, ...] = field(default_factory=tuple)

    @property
    def label_count(self) -> int:
        return sum(line.copies for line in self.lines)
