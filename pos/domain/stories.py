"""Product stories: what a story page shows, and where the static site puts it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from urllib.parse import urlsplit

from pos.domain.catalog import CATEGORY_NAMES, CertificationEntry, OtopCategory
from pos.domain.curation import CERT_KIND_NAMES, Expiry, expiry_state
from pos.domain.labels import LabelError, format_label_price

PRODUCER_KIND_NAMES: dict[str, tuple[str, str]] = {
    "group": ("กลุ่มผู้ผลิตชุมชน", "Community producer group"),
    "individual": ("ผู้ผลิตรายเดียว", "Individual producer"),
    "sme": ("ผู้ประกอบการ SME", "Small enterprise (SME)"),
}
# a certificate kind's names as the story page shows them (th, en)
CERT_NAMES: dict[str, tuple[str, str]] = {k.value: (n.th, n.en) for k, n in CERT_KIND_NAMES.items()}


@dataclass(frozen=True, slots=True)
class StoryPage:
    """One product's story page: Thai and English, producer, place, stars, price, photo."""

    sku: str
    name_th: str
    name_en: str
    category: OtopCategory
    story_th: str
    story_en: str
    price: Decimal
    unit_th: str
    unit_en: str
    producer_th: str
    producer_en: str
    producer_kind: str
    district_th: str
    district_en: str
    province_th: str
    province_en: str
    url: str
    stars: int | None = None
    star_year: int | None = None
    image: str | None = None  # as stored in the catalogue (a path relative to an image folder)
    certifications: tuple[CertificationEntry, ...] = ()
    as_of: date | None = None  # the day the page is made: what has expired by then

    @property
    def badges(self) -> tuple[tuple[CertificationEntry, bool], ...]:
        """Each certificate and whether the page shows it as verified (not expired)."""
        return tuple(
            (c, self.as_of is None or expiry_state(c.expires, self.as_of) is not Expiry.EXPIRED)
            for c in self.certifications
        )

    @property
    def category_names(self) -> tuple[str, str]:
        return CATEGORY_NAMES[self.category]

    @property
    def producer_kind_names(self) -> tuple[str, str]:
        return PRODUCER_KIND_NAMES.get(self.producer_kind, (self.producer_kind, self.producer_kind))

    @property
    def price_text(self) -> str:
        return format_label_price(self.price)


@dataclass(frozen=True, slots=True)
class ShopLinks:
    """What every story page says about the shop itself."""

    name_th: str
    name_en: str
    address_th: str
    address_en: str
    line_url: str
    facebook_url: str


def story_file(url_template: str, sku: str) -> str:
    """Where the static site keeps the page that `url_template` points at for `sku`.

    'https://shop.example/p/{sku}' -> 'p/SKU/index.html' (a folder with an index page works
    on any static host, with or without a trailing slash); a template ending in '.html'
    names the file itself. The part before the path (scheme and host) is where the site is
    put, so it plays no part here.
    """
    if not sku or sku in (".", "..") or any(c in sku for c in "/\\?#%") or not sku.isprintable():
        raise LabelError(
            f"SKU {sku!r} cannot be part of a web address",
            f"รหัสสินค้า {sku!r} ใช้เป็นส่วนหนึ่งของที่อยู่เว็บไม่ได้",
        )
    parts = urlsplit(url_template)
    if "{sku}" not in parts.path:
        raise LabelError(
            "For a static story site the story URL template must put {sku} in the path "
            f"(e.g. https://shop.example/p/{{sku}}), not {url_template!r}",
            "ลิงก์เรื่องราวสำหรับเว็บแบบสถิตต้องมี {sku} อยู่ในพาธ เช่น https://shop.example/p/{sku}",
        )
    path = parts.path.replace("{sku}", sku).lstrip("/")
    if path.endswith((".html", ".htm")):
        return path
    return f"{path.rstrip('/')}/index.html"
