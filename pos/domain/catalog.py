"""Catalogue entries as they are imported, exported and loaded into a store."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import Enum

from pos.domain.barcodes import is_valid_gtin, normalize_gtin
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

PRODUCER_KINDS = ("group", "individual", "sme")
CERT_KINDS = ("fda", "community_standard", "tis", "halal", "gi")


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

_TRUE = {"1", "true", "yes", "y", "ใช่", "t"}
_FALSE = {"0", "false", "no", "n", "ไม่", "f", ""}


def _decimal(text: str, what: str, places: int) -> Decimal:
    try:
        value = Decimal(text.strip().replace(",", ""))
    except InvalidOperation as exc:
        raise ValueError(f"{what} {text!r} is not a number") from exc
    if not value.is_finite():
        raise ValueError(f"{what} {text!r} is not a number")
    if value != value.quantize(Decimal(1).scaleb(-places)):
        raise ValueError(f"{what} {text!r} has more than {places} decimals")
    return value.quantize(Decimal(1).scaleb(-places))


def _bool(text: str, what: str) -> bool:
    low = text.strip().casefold()
    if low in _TRUE:
        return True
    if low in _FALSE:
        return False
    raise ValueError(f"{what} {text!r} must be yes/no")


def _int_or_none(text: str, what: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    if not text.isdigit():
        raise ValueError(f"{what} {text!r} must be a whole number")
    return int(text)


def parse_csv_row(row: Mapping[str, str | None]) -> ProductEntry:
    """Validate one import row; raises ValueError naming every problem in the row."""
    get = {k: (v or "").strip() for k, v in row.items() if k is not None}
    problems: list[str] = []
    for col in REQUIRED_COLUMNS:
        if not get.get(col):
            problems.append(f"{col} is empty")
    category: OtopCategory | None = None
    if get.get("category"):
        try:
            category = OtopCategory(get["category"].casefold())
        except ValueError:
            codes = ", ".join(c.value for c in OtopCategory)
            problems.append(f"category {get['category']!r} is not one of {codes}")
    price = Decimal(0)
    if get.get("price"):
        try:
            price = _decimal(get["price"], "price", 2)
            if price < 0:
                problems.append("price is negative")
        except ValueError as exc:
            problems.append(str(exc))
    barcode = get.get("barcode") or None
    if barcode and not is_valid_gtin(barcode):
        problems.append(f"barcode {barcode} has a wrong check digit or length")
    elif barcode:
        barcode = normalize_gtin(barcode)  # a UPC-A is kept as the EAN-13 scanners send
    sold_by = get.get("sold_by") or "unit"
    if sold_by not in ("unit", "weight"):
        problems.append(f"sold_by {sold_by!r} must be unit or weight")
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
        star_year = _int_or_none(get.get("star_year", ""), "star_year")
    except ValueError as exc:
        problems.append(str(exc))
    commission: Decimal | None = None
    if get.get("commission_pct"):
        try:
            commission = _decimal(get["commission_pct"], "commission_pct", 2)
            if not Decimal(0) <= commission <= Decimal(100):
                problems.append("commission_pct must be 0-100")
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
