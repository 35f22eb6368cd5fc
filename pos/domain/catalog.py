"""Catalogue entries as they are imported, exported and loaded into a store."""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import Enum

from pos.domain.barcodes import is_valid_gtin, normalize_gtin
from pos.domain.bilingual import Bilingual
from pos.domain.csv_safe import is_formula_like, unquote_cell
from pos.domain.money import MAX_AMOUNT, AmountError, cut, parse_amount, shown
from pos.domain.taxid import is_valid_tax_id


class OtopCategory(Enum):
    FOOD = "food"
    BEVERAGE = "beverage"
    TEXTILE = "textile"
    HOUSEHOLD = "household"
    HERBAL = "herbal"


CATEGORY_NAMES: dict[OtopCategory, tuple[str, str]] = {
    OtopCategory.FOOD: ("อาหาร", "Food"),
    OtopCategory.BEVERAGE: ("เครื่องดื่ม", "Beverages"),
    OtopCategory.TEXTILE: ("ผ้า/เครื่องแต่งกาย", "Textiles and apparel"),
    OtopCategory.HOUSEHOLD: ("ของใช้/ของตกแต่ง/ของที่ระลึก", "Household, decorative and souvenirs"),
    OtopCategory.HERBAL: ("สมุนไพรที่ไม่ใช่อาหาร", "Non-food herbal products"),
}

PRODUCER_KINDS = ("group", "individual", "sme", "centre")
# the centre itself: its own revenue (tea corner, room, delivery), never in a settlement
CENTRE_KIND = "centre"
CENTRE_PRODUCER = ("CENTRE", "ศูนย์ OTOP", "The OTOP centre")  # code, Thai, English
CENTRE_CATEGORY = ("SVC", "บริการของศูนย์", "Centre services")  # code, Thai, English
CERT_KINDS = ("fda", "community_standard", "tis", "halal", "gi")
# the centre's own service products every store makes (sku, Thai, English): central at its
# init, a counter when it first sells one; the same id everywhere (centre_id), so a counter's
# own copy and the one pulled from central are one row and its sales push
ROOM_PRODUCT = ("SVC-ROOM", "ค่าบริการห้องประชุม", "Meeting room")
DELIVERY_PRODUCT = ("SVC-DELIVERY", "ค่าจัดส่ง", "Delivery fee")
CENTRE_PRODUCTS = (ROOM_PRODUCT, DELIVERY_PRODUCT)
_CENTRE_IDS = uuid.UUID("6f1c2a3e-3c1d-5b0e-9a53-0c0e7e0b0a19")  # the namespace of those ids


def centre_id(kind: str, code: str) -> str:
    """The id every store gives the centre's own row `code` of `kind` ("product" by SKU,
    "producer" by code): a name-based UUID, so central and counters agree without asking."""
    return str(uuid.uuid5(_CENTRE_IDS, f"{kind}:{code}"))


@dataclass(frozen=True, slots=True)
class ProducerEntry:
    code: str
    name_th: str
    name_en: str
    kind: str
    district_th: str
    district_en: str
    province_th: str
    province_en: str
    contact: str = ""
    tax_id: str | None = None


@dataclass(frozen=True, slots=True)
class CertificationEntry:
    kind: str
    number: str
    expires: date | None = None


@dataclass(frozen=True, slots=True)
class ProductEntry:
    sku: str
    name_th: str
    name_en: str
    category: OtopCategory
    producer_code: str
    price: Decimal
    barcode: str | None = None
    sold_by: str = "unit"
    unit_th: str = "ชิ้น"
    unit_en: str = "piece"
    vat_exempt: bool = False
    stars: int | None = None
    star_year: int | None = None
    story_th: str = ""
    story_en: str = ""
    story_url: str = ""
    image: str | None = None
    commission_pct: Decimal | None = None
    plu: str | None = None
    active: bool = True
    stock: Decimal = Decimal(0)
    certifications: tuple[CertificationEntry, ...] = field(default_factory=tuple)
    curation: str = "approved"  # as exported; an import never changes a product's approval


@dataclass(frozen=True, slots=True)
class BasketComponentEntry:
    sku: str
    quantity: Decimal


@dataclass(frozen=True, slots=True)
class BasketEntry:
    code: str
    name_th: str
    name_en: str
    price_rule: str
    components: tuple[BasketComponentEntry, ...]
    price: Decimal | None = None
    fee: Decimal | None = None
    discount_pct: Decimal | None = None
    container_sku: str | None = None
    wrapping_sku: str | None = None
    barcode: str | None = None
    active_from: date | None = None
    active_to: date | None = None
    story_th: str = ""
    story_en: str = ""


# The CSV layout of `catalog export` / `catalog import` (one product a row).
CSV_COLUMNS: tuple[str, ...] = (
    "sku",
    "barcode",
    "name_th",
    "name_en",
    "category",
    "producer_code",
    "producer",
    "district",
    "province",
    "price",
    "unit",
    "sold_by",
    "vat_exempt",
    "stars",
    "star_year",
    "commission_pct",
    "story_url",
    "story_th",
    "story_en",
)
REQUIRED_COLUMNS = ("sku", "name_th", "name_en", "category", "producer_code", "price")

# How long a value may be: the products table's column lengths (db/models.py; the domain
# does not import db, so tests/integration/test_hostile_import.py keeps the two equal).
COLUMN_CHARS: dict[str, int] = {
    "sku": 40,
    "name_th": 300,
    "name_en": 300,
    "unit": 20,  # unit_th
    "story_url": 300,
}
MAX_PRICE = MAX_AMOUNT  # unit_price is a money column, Numeric(12, 2)
MAX_COMMISSION_PCT = Decimal(100)  # commission_pct is Numeric(5, 2); a rate is 0-100
# OTOP star ratings began in 2001 (B.E. 2544); a year is written C.E. or B.E. up to 2100.
STAR_YEARS = (range(2001, 2101), range(2544, 2644))
# Cells a spreadsheet would run as a formula are refused where they name the product.
NO_FORMULA_COLUMNS = ("sku", "name_th", "name_en")
MULTILINE_COLUMNS = ("story_th", "story_en")  # may hold line breaks and tabs
# Control characters (Unicode's Cc), line and paragraph separators, and the bidirectional
# overrides and isolates that make a text read other than it is stored.
_SEPARATORS_AND_BIDI = "\u2028\u2029\u202a-\u202e\u2066-\u2069"
_CONTROL = re.compile(f"[\x00-\x1f\x7f-\x9f{_SEPARATORS_AND_BIDI}]")
_CONTROL_BUT_LINES = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_SEPARATORS_AND_BIDI}]")

_TRUE = {"1", "true", "yes", "y", "ใช่", "t"}
_FALSE = {"0", "false", "no", "n", "ไม่", "f", ""}


def _amount(text: str, what: str, maximum: Decimal) -> Decimal:
    try:
        return parse_amount(text, what=Bilingual(what, what), maximum=maximum)
    except AmountError as exc:
        raise ValueError(exc.message_en) from None


def _bool(text: str, what: str) -> bool:
    low = text.strip().casefold()
    if low in _TRUE:
        return True
    if low in _FALSE:
        return False
    raise ValueError(f"{what} {shown(text)} must be yes/no")


def _int_or_none(text: str, what: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    if not text.isdecimal():
        raise ValueError(f"{what} {shown(text)} must be a whole number")
    if len(text) > 9:  # a database integer holds at most 2,147,483,647
        raise ValueError(f"{what} {shown(text)} is too large")
    return int(text)


def text_problems(column: str, value: str) -> list[str]:
    """What is wrong with one cell's text: control characters, length, a formula start, and
    for a name a text with nothing to read (only tone marks or vowel signs, no consonant)."""
    out: list[str] = []
    found = (_CONTROL_BUT_LINES if column in MULTILINE_COLUMNS else _CONTROL).search(value)
    if found:
        where = found.start()
        out.append(
            f"{column} has a control character U+{ord(value[where]):04X} at character {where + 1}"
        )
    most = COLUMN_CHARS.get(column)
    if most is not None and len(value) > most:
        out.append(f"{column} is {len(value)} characters long, more than {most}")
    if column in NO_FORMULA_COLUMNS and is_formula_like(value):
        out.append(
            f"{column} {shown(value)} starts with {value[0]!r}: a spreadsheet would run it"
            " as a formula"
        )
    if column in ("name_th", "name_en") and value:
        out.extend(_name_problems(column, value))
    return out


def _name_problems(column: str, value: str) -> list[str]:
    if not any(unicodedata.category(ch)[0] in "LN" for ch in value):
        if all(unicodedata.category(ch)[0] == "M" for ch in value):
            return [f"{column} {shown(value)} is only tone marks or vowel signs, with no consonant"]
        return [f"{column} {shown(value)} has no letter or digit"]
    if unicodedata.category(value[0])[0] == "M":
        return [
            f"{column} starts with a tone mark or vowel sign (U+{ord(value[0]):04X})"
            " that has no consonant"
        ]
    run = 0
    for ch in value:
        run = run + 1 if unicodedata.category(ch)[0] == "M" else 0
        if run > 2:
            return [f"{column} stacks more than two tone marks or vowel signs on one letter"]
    return []


def parse_csv_row(row: Mapping[str, str | None]) -> ProductEntry:
    """Validate one import row; raises ValueError naming every problem in the row."""
    get = {k: unquote_cell((v or "").strip()) for k, v in row.items() if k is not None}
    problems: list[str] = []
    for col, text in get.items():  # a column the import ignores is named cut short
        problems.extend(text_problems(col if col in CSV_COLUMNS else cut(col), text))
    for col in REQUIRED_COLUMNS:
        if not get.get(col):
            problems.append(f"{col} is empty")
    category: OtopCategory | None = None
    if get.get("category"):
        try:
            category = OtopCategory(get["category"].casefold())
        except ValueError:
            codes = ", ".join(c.value for c in OtopCategory)
            problems.append(f"category {shown(get['category'])} is not one of {codes}")
    price = Decimal(0)
    if get.get("price"):
        try:
            price = _amount(get["price"], "price", MAX_PRICE)
        except ValueError as exc:
            problems.append(str(exc))
    barcode = get.get("barcode") or None
    if barcode and not is_valid_gtin(barcode):
        problems.append(f"barcode {shown(barcode)} has a wrong check digit or length")
    elif barcode:
        barcode = normalize_gtin(barcode)  # a UPC-A is kept as the EAN-13 scanners send
    sold_by = get.get("sold_by") or "unit"
    if sold_by not in ("unit", "weight"):
        problems.append(f"sold_by {shown(sold_by)} must be unit or weight")
    vat_exempt = False
    try:
        vat_exempt = _bool(get.get("vat_exempt", ""), "vat_exempt")
    except ValueError as exc:
        problems.append(str(exc))
    stars = star_year = None
    try:
        stars = _int_or_none(get.get("stars", ""), "stars")
        if stars is not None and not 1 <= stars <= 5:
            problems.append(f"stars {stars} must be 1-5")
    except ValueError as exc:
        problems.append(str(exc))
    try:
        star_year = _int_or_none(get.get("star_year", ""), "star_year")
        if star_year is not None and not any(star_year in years for years in STAR_YEARS):
            ce, be = (f"{years.start}-{years.stop - 1}" for years in STAR_YEARS)
            problems.append(
                f"star_year {star_year} must be a year of the OTOP star ratings:"
                f" {ce} (C.E.) or {be} (B.E.)"
            )
    except ValueError as exc:
        problems.append(str(exc))
    commission: Decimal | None = None
    if get.get("commission_pct"):
        try:
            commission = _amount(get["commission_pct"], "commission_pct", MAX_COMMISSION_PCT)
        except ValueError as exc:
            problems.append(str(exc))
    if problems:
        raise ValueError("; ".join(problems))
    assert category is not None
    unit = get.get("unit") or ("กก." if sold_by == "weight" else "ชิ้น")
    return ProductEntry(
        sku=get["sku"],
        name_th=get["name_th"],
        name_en=get["name_en"],
        category=category,
        producer_code=get["producer_code"],
        price=price,
        barcode=barcode,
        sold_by=sold_by,
        unit_th=unit,
        unit_en="kg" if sold_by == "weight" else "piece",
        vat_exempt=vat_exempt,
        stars=stars,
        star_year=star_year,
        story_th=get.get("story_th", ""),
        story_en=get.get("story_en", ""),
        story_url=get.get("story_url", ""),
        commission_pct=commission,
    )


def producer_problems(entry: ProducerEntry) -> list[str]:
    out = []
    if entry.kind not in PRODUCER_KINDS:
        out.append(f"producer kind {entry.kind!r} must be one of {', '.join(PRODUCER_KINDS)}")
    if entry.tax_id and not is_valid_tax_id(entry.tax_id):
        out.append(f"producer tax ID {entry.tax_id} is not valid")
    return out
