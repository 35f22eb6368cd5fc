"""The back office's products: add, edit, deactivate and reactivate, prices with their history.

Every change takes an `Actor` and is refused unless its role may manage the catalogue; every
field is checked first (a `ProductFieldError` naming the field, nothing written); the change,
its price history row and its audit rows commit in one unit of work.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

from pos.domain.auth import Action, Actor
from pos.domain.barcodes import in_store_code, is_valid_gtin, normalize_gtin
from pos.domain.bilingual import Bilingual
from pos.domain.catalog import MAX_COMMISSION_PCT, MAX_PRICE, STAR_YEARS
from pos.domain.csv_safe import is_formula_like
from pos.domain.errors import ShopError
from pos.domain.money import parse_amount
from pos.domain.orders import WebStock
from pos.domain.settings import Settings
from pos.ports.clock import Clock
from pos.ports.products import (
    PhotoStore,
    PriceChange,
    ProductChoices,
    ProductFilter,
    ProductRecord,
    ProductRow,
    ProductsUnitOfWork,
)
from pos.ports.uow import UnitOfWorkFactory
from pos.services.audit import record, require
from pos.services.catalog import in_store_start


class ProductFieldError(ShopError):
    """One field of a product is not valid: `field` names it (the form puts the cursor there)."""

    def __init__(self, field: str, message_en: str, message_th: str) -> None:
        super().__init__(message_en, message_th)
        self.field = field


@dataclass(frozen=True, slots=True)
class ProductDraft:
    """A product as a person typed it (the form, the command line): text, checked by the
    service. `photo` is the stored photo's path (unchanged) or a picture file to store."""

    sku: str = ""
    name_th: str = ""
    name_en: str = ""
    category: str = ""
    producer: str = ""
    price: str = ""
    sold_by: str = "unit"
    unit_th: str = ""
    unit_en: str = ""
    vat_exempt: bool = False
    barcodes: tuple[str, ...] = ()
    story_th: str = ""
    story_en: str = ""
    story_url: str = ""
    photo: str = ""
    commission_pct: str = ""
    stars: str = ""
    star_year: str = ""
    web_safety_buffer: str = ""  # empty: the shop's setting


def draft_of(product: ProductRecord) -> ProductDraft:
    """The draft a form shows for a stored product (saving it unchanged changes nothing)."""
    return ProductDraft(
        sku=product.sku,
        name_th=product.name_th,
        name_en=product.name_en,
        category=product.category,
        producer=product.producer,
        price=f"{product.price:.2f}",
        sold_by=product.sold_by,
        unit_th=product.unit_th,
        unit_en=product.unit_en,
        vat_exempt=product.vat_exempt,
        barcodes=product.barcodes,
        story_th=product.story_th,
        story_en=product.story_en,
        story_url=product.story_url,
        photo=product.photo or "",
        commission_pct="" if product.commission_pct is None else f"{product.commission_pct:.2f}",
        stars="" if product.stars is None else str(product.stars),
        star_year="" if product.star_year is None else str(product.star_year),
        web_safety_buffer=(
            "" if product.web_safety_buffer is None else str(product.web_safety_buffer)
        ),
    )


# each field's name in English and Thai, as messages name it
FIELDS: dict[str, tuple[str, str]] = {
    "sku": ("SKU", "รหัสสินค้า (SKU)"),
    "name_th": ("Thai name", "ชื่อภาษาไทย"),
    "name_en": ("English name", "ชื่อภาษาอังกฤษ"),
    "category": ("category", "หมวดหมู่"),
    "producer": ("producer", "ผู้ผลิต"),
    "price": ("price", "ราคา"),
    "sold_by": ("sold by", "วิธีขาย"),
    "unit_th": ("Thai unit", "หน่วยภาษาไทย"),
    "unit_en": ("English unit", "หน่วยภาษาอังกฤษ"),
    "barcodes": ("barcode", "บาร์โค้ด"),
    "story_th": ("Thai story", "เรื่องราวภาษาไทย"),
    "story_en": ("English story", "เรื่องราวภาษาอังกฤษ"),
    "story_url": ("story URL", "ลิงก์เรื่องราว"),
    "photo": ("photo", "รูปภาพ"),
    "commission_pct": ("consignment commission %", "ค่าคอมมิชชันฝากขาย (%)"),
    "stars": ("OTOP stars", "ดาว OTOP"),
    "star_year": ("year of the stars", "ปีที่ได้ดาว"),
    "web_safety_buffer": ("kept back from the web shop", "จำนวนที่กันไว้ไม่ขายออนไลน์"),
}
_LONGEST = {"sku": 40, "name_th": 300, "name_en": 300, "unit_th": 20, "unit_en": 20,
            "story_url": 300, "story_th": 5000, "story_en": 5000}  # fmt: skip
_SKU = re.compile(r"[A-Z0-9][A-Z0-9._-]*")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_CONTROL_BUT_LINES = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)


def _refuse(field: str, en: str, th: str) -> ProductFieldError:
    name_en, name_th = FIELDS[field]
    return ProductFieldError(field, f"{name_en[0].upper()}{name_en[1:]} {en}", f"{name_th}{th}")


def _text(field: str, value: str, *, required: bool = False) -> str:
    text = value.strip()
    if required and not text:
        raise _refuse(field, "is empty", "ว่างอยู่ กรุณากรอก")
    most = _LONGEST.get(field)
    if most is not None and len(text) > most:
        raise _refuse(field, f"is {len(text)} characters long, more than {most}",
                      f"ยาว {len(text)} ตัวอักษร เกิน {most}")  # fmt: skip
    control = (_CONTROL_BUT_LINES if field.startswith("story_") else _CONTROL).search(text)
    if control:
        raise _refuse(field, f"has a control character (U+{ord(control.group()):04X})",
                      f"มีอักขระควบคุม (U+{ord(control.group()):04X})")  # fmt: skip
    if field in ("name_th", "name_en") and text:
        if is_formula_like(text):
            raise _refuse(field, f"starts with {text[0]!r}: a spreadsheet would run it",
                          f"ขึ้นต้นด้วย {text[0]!r} ซึ่งโปรแกรมตารางคำนวณจะถือเป็นสูตร")  # fmt: skip
        if not any(unicodedata.category(ch)[0] in "LN" for ch in text) or (
            unicodedata.category(text[0])[0] == "M"
        ):
            raise _refuse(field, "has no letter to read", "ไม่มีตัวอักษรที่อ่านได้")
    return text


@contextmanager
def _field(field: str) -> Iterator[None]:
    """The shop's amount parser's refusal (its own words) as the refusal of `field`."""
    try:
        yield
    except ShopError as exc:
        raise ProductFieldError(field, exc.message_en, exc.message_th) from exc


def _optional_int(field: str, text: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    if not text.isascii() or not text.isdigit() or len(text) > 4:
        raise _refuse(field, f"{text[:20]!r} is not a whole number", f" {text[:20]!r} ไม่ใช่จำนวนเต็ม")
    return int(text)


MAX_WEB_BUFFER = 10_000  # as the shop's setting web_safety_buffer


def _buffer(text: str) -> int | None:
    """Pieces kept back from the web shop; None (empty) means the shop's setting."""
    text = text.strip().replace(",", "")
    if not text:
        return None
    if not text.isascii() or not text.isdigit() or len(text) > 5:
        raise _refuse("web_safety_buffer", f"{text[:20]!r} is not a whole number of pieces",
                      f" {text[:20]!r} ไม่ใช่จำนวนชิ้นที่เป็นจำนวนเต็ม")  # fmt: skip
    if int(text) > MAX_WEB_BUFFER:
        raise _refuse("web_safety_buffer", f"{int(text):,} is more than {MAX_WEB_BUFFER:,}",
                      f" {int(text):,} เกิน {MAX_WEB_BUFFER:,}")  # fmt: skip
    return int(text)


def _url(text: str) -> str:
    url = _text("story_url", text)
    if not url:
        return ""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in url):
        raise _refuse("story_url", f"{url[:60]!r} must be a web address starting http:// or https://",
                      f" {url[:60]!r} ต้องเป็นที่อยู่เว็บที่ขึ้นต้นด้วย http:// หรือ https://")  # fmt: skip
    return url


def _missing(sku: str) -> ProductFieldError:
    return _refuse("sku", f"{sku[:40]!r} is not a product of this store",
                   f" {sku[:40]!r} ไม่มีในรายการสินค้าของร้าน")  # fmt: skip


def _existing(found: ProductRecord | None, sku: str) -> ProductRecord:
    if found is None:
        raise _missing(sku)
    return found


class Products:
    """The back office's product service (Qt free: the photo is resized behind `photos`)."""

    def __init__(
        self,
        uow: UnitOfWorkFactory[ProductsUnitOfWork],
        settings: Settings,
        clock: Clock,
        photos: PhotoStore | None = None,
        terminal_id: str | None = None,
    ) -> None:
        self.uow = uow
        self.settings = settings
        self.clock = clock
        self.photos = photos
        self.terminal_id = terminal_id

    # --- reading -------------------------------------------------------------------------
    def choices(self) -> ProductChoices:
        with self.uow() as read:
            return ProductChoices(read.products.categories(), read.products.producers())

    def search(self, query: ProductFilter) -> list[ProductRow]:
        with self.uow() as read:
            return read.products.search(query)

    def get(self, sku: str) -> ProductRecord:
        key = sku.strip().upper()
        with self.uow() as read:
            return _existing(read.products.get(key), key)

    def price_history(self, sku: str) -> list[PriceChange]:
        with self.uow() as read:
            return read.products.price_history(sku.strip().upper())

    def web_stock(self, sku: str) -> WebStock:
        """On hand, reserved by web orders and available to the web shop (the web's rule:
        on hand - reserved - the product's buffer, else the shop's setting)."""
        key = sku.strip().upper()
        with self.uow() as read:
            found = read.products.stock_figures(key)
        if found is None:
            raise _missing(key)
        own = found.own_buffer
        buffer = self.settings.web_safety_buffer if own is None else own
        return WebStock(found.on_hand, found.reserved, buffer, own_buffer=own is not None)

    def new_in_store_code(self) -> str:
        """The next in-store EAN-13 of the shop's prefix, never given before (the same rule
        as the labels' "assign in-store codes"); it is taken when the product is saved."""
        prefix = self.settings.in_store_prefix
        with self.uow() as read:
            taken = read.products.codes_with_prefix(prefix)
        number = in_store_start(taken, prefix)
        code = in_store_code(prefix, number)
        while code in taken:
            number += 1
            code = in_store_code(prefix, number)
        return code

    # --- changes -------------------------------------------------------------------------
    def add(self, actor: Actor, draft: ProductDraft) -> ProductRecord:
        require(actor, Action.MANAGE_CATALOG)
        with self.uow(write=True) as work:
            self._refuse_counter_copy(work)
            product = self._checked(work, draft, None)
            if work.products.get(product.sku) is not None:
                raise _refuse("sku", f"{product.sku} is already a product: edit it instead",
                              f" {product.sku} มีอยู่แล้ว กรุณาแก้ไขสินค้านั้นแทน")  # fmt: skip
            product = self._with_photo(product, None)
            work.products.add(product, self._kinds(product))
            record(work.audit, self.clock, actor, "product.add", product.sku,
                   after=product.snapshot(), terminal_id=self.terminal_id)  # fmt: skip
            work.commit()
        return product

    def edit(self, actor: Actor, sku: str, draft: ProductDraft) -> ProductRecord:
        """Every field of `draft` replaces the product's; a new price is kept in its history
        (product.price), the other changes are one product.edit."""
        require(actor, Action.MANAGE_CATALOG)
        key = sku.strip().upper()
        with self.uow(write=True) as work:
            self._refuse_counter_copy(work)
            before = _existing(work.products.get(key), key)
            if draft.sku.strip() and draft.sku.strip().upper() != key:
                raise _refuse("sku", "cannot be changed: add a new product instead",
                              "เปลี่ยนไม่ได้ กรุณาเพิ่มเป็นสินค้าใหม่")  # fmt: skip
            after = self._checked(work, replace(draft, sku=key), before)
            after = self._with_photo(replace(after, active=before.active), before)
            work.products.update(after, self._kinds(after))
            if after.price != before.price:
                work.products.add_price_change(
                    PriceChange(key, before.price, after.price, self.clock.now(), actor.username)
                )
                record(work.audit, self.clock, actor, "product.price", key,
                       before={"price": f"{before.price:.2f}"},
                       after={"price": f"{after.price:.2f}"},
                       terminal_id=self.terminal_id)  # fmt: skip
            old, new = before.snapshot(), after.snapshot()
            old.pop("price")
            new.pop("price")
            record(work.audit, self.clock, actor, "product.edit", key, before=old, after=new,
                   terminal_id=self.terminal_id)  # fmt: skip
            work.commit()
        return after

    def set_active(self, actor: Actor, sku: str, active: bool) -> ProductRecord:
        """Deactivate (never delete: a product sold stays in its receipts) or reactivate."""
        require(actor, Action.MANAGE_CATALOG)
        key = sku.strip().upper()
        with self.uow(write=True) as work:
            self._refuse_counter_copy(work)
            before = _existing(work.products.get(key), key)
            if before.active == active:
                return before
            work.products.set_active(key, active)
            verb = "reactivate" if active else "deactivate"
            record(work.audit, self.clock, actor, f"product.{verb}", key,
                   before={"active": before.active}, after={"active": active},
                   terminal_id=self.terminal_id)  # fmt: skip
            work.commit()
        return replace(before, active=active)

    def deactivate(self, actor: Actor, sku: str) -> ProductRecord:
        return self.set_active(actor, sku, False)

    def reactivate(self, actor: Actor, sku: str) -> ProductRecord:
        return self.set_active(actor, sku, True)

    # --- checks --------------------------------------------------------------------------
    def _refuse_counter_copy(self, work: ProductsUnitOfWork) -> None:
        owner = work.products.catalogue_owner()
        if owner == "counter" or (owner == "local" and self.settings.central_url):
            raise ShopError(
                "This counter takes its products from the central database: a change made here "
                "would be overwritten by the next sync. Open the back office on the central "
                "database: otop-pos backoffice --db postgresql://… Nothing was changed",
                "เครื่องนี้รับรายการสินค้าจากฐานข้อมูลกลาง การแก้ไขที่นี่จะถูกเขียนทับในการซิงก์ครั้งถัดไป "
                "กรุณาเปิดระบบหลังร้านที่ฐานข้อมูลกลาง: otop-pos backoffice --db postgresql://… "
                "ยังไม่ได้เปลี่ยนแปลงข้อมูลใด",
            )

    def _kinds(self, product: ProductRecord) -> dict[str, str]:
        prefix = self.settings.in_store_prefix
        return {c: "instore" if len(c) == 13 and c.startswith(prefix) else "gs1"
                for c in product.barcodes}  # fmt: skip

    def _checked(
        self, work: ProductsUnitOfWork, draft: ProductDraft, before: ProductRecord | None
    ) -> ProductRecord:
        """The draft as a valid record (every field checked, in the form's order)."""
        sku = _text("sku", draft.sku, required=True).upper()
        if not _SKU.fullmatch(sku):
            raise _refuse("sku",
                          f"{sku[:40]!r} may hold only letters A-Z, digits, '-', '_' and '.'",
                          f" {sku[:40]!r} ใช้ได้เฉพาะตัวอักษร A-Z ตัวเลข และ - _ .")  # fmt: skip
        name_th = _text("name_th", draft.name_th, required=True)
        name_en = _text("name_en", draft.name_en, required=True)
        choices = ProductChoices(work.products.categories(), work.products.producers())
        category = draft.category.strip().casefold()
        if category not in {c.code for c in choices.categories}:
            codes = ", ".join(c.code for c in choices.categories)
            raise _refuse("category", f"{draft.category.strip()[:30]!r} is not one of: {codes}",
                          f" {draft.category.strip()[:30]!r} ไม่มีในรายการ: {codes}")  # fmt: skip
        producer = draft.producer.strip().upper()
        if producer not in {p.code.upper(): p for p in choices.producers}:
            raise _refuse("producer", f"{draft.producer.strip()[:30]!r} is not a producer's code",
                          f" {draft.producer.strip()[:30]!r} ไม่ใช่รหัสผู้ผลิตที่มีอยู่")  # fmt: skip
        producer = next(p.code for p in choices.producers if p.code.upper() == producer)
        with _field("price"):
            price = parse_amount(draft.price, what=Bilingual("ราคา", "Price"), zero_ok=False,
                                 maximum=MAX_PRICE)  # fmt: skip
        sold_by = draft.sold_by.strip() or "unit"
        if sold_by not in ("unit", "weight"):
            raise _refuse("sold_by", f"{sold_by[:20]!r} must be unit or weight",
                          f" {sold_by[:20]!r} ต้องเป็น ชิ้น (unit) หรือ น้ำหนัก (weight)")  # fmt: skip
        weight = sold_by == "weight"
        unit_th = _text("unit_th", draft.unit_th) or ("กก." if weight else "ชิ้น")
        unit_en = _text("unit_en", draft.unit_en) or ("kg" if weight else "piece")
        barcodes = self._barcodes(work, sku, draft.barcodes)
        story_th = _text("story_th", draft.story_th)
        story_en = _text("story_en", draft.story_en)
        story_url = _url(draft.story_url)
        photo = draft.photo.strip() or None
        if photo is not None and (before is None or photo != before.photo):
            if not Path(photo).is_file():
                raise _refuse(
                    "photo", f"{photo[-80:]!r} is not a file", f" {photo[-80:]!r} ไม่ใช่ไฟล์"
                )
            if self.photos is None:
                raise _refuse("photo", "cannot be stored here", "เก็บในเครื่องนี้ไม่ได้")
        commission = None
        if draft.commission_pct.strip():
            with _field("commission_pct"):
                commission = parse_amount(
                    draft.commission_pct.replace("%", ""),
                    what=Bilingual("ค่าคอมมิชชันฝากขาย (%)", "Consignment commission %"),
                    maximum=MAX_COMMISSION_PCT,
                )
        stars = _optional_int("stars", draft.stars)
        if stars is not None and not 1 <= stars <= 5:
            raise _refuse("stars", f"{stars} must be 1 to 5", f" {stars} ต้องเป็น 1 ถึง 5 ดาว")
        year = _optional_int("star_year", draft.star_year)
        if stars is not None and year is None:
            raise _refuse("star_year", "is empty: give the year the stars were awarded",
                          "ว่างอยู่ กรุณาระบุปีที่ได้รับดาว")  # fmt: skip
        if year is not None and stars is None:
            raise _refuse("stars", "are empty although a year is given", "ว่างอยู่ แต่ระบุปีไว้")
        if year is not None and not any(year in years for years in STAR_YEARS):
            ce, be = (f"{y.start}-{y.stop - 1}" for y in STAR_YEARS)
            raise _refuse("star_year", f"{year} must be {ce} (C.E.) or {be} (B.E.)",
                          f" {year} ต้องเป็น ค.ศ. {ce} หรือ พ.ศ. {be}")  # fmt: skip
        return ProductRecord(
            sku=sku, name_th=name_th, name_en=name_en, category=category, producer=producer,
            price=price, sold_by=sold_by, unit_th=unit_th, unit_en=unit_en,
            vat_exempt=draft.vat_exempt, barcodes=barcodes, story_th=story_th,
            story_en=story_en, story_url=story_url, photo=photo, commission_pct=commission,
            stars=stars, star_year=year, web_safety_buffer=_buffer(draft.web_safety_buffer),
        )  # fmt: skip

    def _barcodes(
        self, work: ProductsUnitOfWork, sku: str, typed: tuple[str, ...]
    ) -> tuple[str, ...]:
        settings = self.settings
        prefix = settings.in_store_prefix
        scale = (settings.vm_price_prefix, settings.vm_weight_prefix)
        codes: list[str] = []
        for raw in typed:
            code = raw.strip()
            if not code:
                continue
            if not is_valid_gtin(code):
                raise _refuse("barcodes",
                              f"{code[:20]!r} has a wrong check digit or length "
                              "(EAN-13, EAN-8 or UPC-A)",
                              f" {code[:20]!r} เลขตรวจสอบหรือจำนวนหลักไม่ถูกต้อง "
                              "(EAN-13, EAN-8 หรือ UPC-A)")  # fmt: skip
            code = normalize_gtin(code)
            if (
                len(code) == 13
                and code[0] == "2"
                and (not code.startswith(prefix) or code[:2] in scale)
            ):
                raise _refuse("barcodes",
                              f"{code} is an in-store code outside this shop's prefix {prefix}",
                              f" {code} เป็นรหัสภายในร้านที่ไม่ได้ขึ้นต้นด้วย {prefix} ของร้านนี้")  # fmt: skip
            if code in codes:
                raise _refuse("barcodes", f"{code} is given twice", f" {code} ซ้ำกัน")
            codes.append(code)
        owners = work.products.code_owners(codes)
        for code in codes:
            owner = owners.get(code)
            if owner is not None and owner != sku:
                raise _refuse("barcodes", f"{code} already belongs to {owner}",
                              f" {code} เป็นของ {owner} อยู่แล้ว")  # fmt: skip
        return tuple(codes)

    def _with_photo(self, product: ProductRecord, before: ProductRecord | None) -> ProductRecord:
        """A new picture file stored (resized) under the data folder; its stored path kept."""
        if product.photo is None or (before is not None and product.photo == before.photo):
            return product
        assert self.photos is not None  # checked with the fields
        stored = self.photos.store(Path(product.photo), product.sku)
        return replace(product, photo=stored)
