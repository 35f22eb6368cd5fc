"""The demo store: the Khon Kaen catalogue from resources/, synthetic catalogues, demo sales."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from pos.domain.auth import Actor
from pos.domain.barcodes import in_store_code, is_valid_gtin, with_check_digit
from pos.domain.cart import Discount, DiscountKind, ProductInfo, ProductKind
from pos.domain.catalog import (
    BasketComponentEntry,
    BasketEntry,
    CertificationEntry,
    OtopCategory,
    ProducerEntry,
    ProductEntry,
    producer_problems,
)
from pos.domain.payment import (
    THAI_DENOMINATIONS,
    Tender,
    TenderKind,
    cash_tender,
    quick_cash_amounts,
)
from pos.domain.settings import Settings
from pos.domain.shop_time import shop_day
from pos.domain.tea import MenuItem
from pos.ports.auth import PinHasher
from pos.ports.clock import Clock
from pos.ports.sales import SalesUnitOfWork
from pos.ports.tea import TeaUnitOfWork
from pos.ports.terminals import TerminalInfo
from pos.ports.uow import UnitOfWorkFactory
from pos.services.auth import Auth
from pos.services.baskets import assign_basket_codes
from pos.services.catalog import assign_in_store_codes
from pos.services.checkout import Checkout
from pos.services.shifts import Shifts
from pos.services.tea_menu import TeaMenu


def _dec(value: Any) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value))


def _date(value: str | None) -> date | None:
    return None if not value else date.fromisoformat(value)


def read_demo(folder: Path) -> tuple[list[ProducerEntry], list[ProductEntry], list[BasketEntry]]:
    """Read producers.json, products.json and baskets.json of a demo folder."""
    producers = [
        ProducerEntry(
            code=p["code"],
            name_th=p["name_th"],
            name_en=p["name_en"],
            kind=p["kind"],
            district_th=p["district_th"],
            district_en=p["district_en"],
            province_th=p["province_th"],
            province_en=p["province_en"],
            contact=p.get("contact") or "",
            tax_id=p.get("tax_id") or None,
        )
        for p in json.loads((folder / "producers.json").read_text("utf-8"))
    ]
    for pr in producers:
        bad = producer_problems(pr)
        if bad:
            raise ValueError(f"demo producer {pr.code}: {'; '.join(bad)}")
    products = []
    plu = 0
    for p in json.loads((folder / "products.json").read_text("utf-8")):
        by_weight = p.get("sold_by") == "weight"
        if by_weight:
            plu += 1
        products.append(
            ProductEntry(
                sku=p["sku"],
                name_th=p["name_th"],
                name_en=p["name_en"],
                category=OtopCategory(p["category"]),
                producer_code=p["producer"],
                price=Decimal(p["price"]),
                barcode=p.get("barcode") or None,
                sold_by=p.get("sold_by", "unit"),
                unit_th=p.get("unit") or "ชิ้น",
                unit_en=p.get("unit_en") or "piece",
                vat_exempt=bool(p.get("vat_exempt")),
                stars=p.get("stars"),
                star_year=p.get("star_year"),
                story_th=p.get("story_th", ""),
                story_en=p.get("story_en", ""),
                image=p.get("image"),
                commission_pct=_dec(p.get("commission_pct")),
                plu=f"{plu:05d}" if by_weight else None,
                stock=Decimal(str(p.get("stock") or 0)),
                certifications=tuple(
                    CertificationEntry(c["kind"], c["number"], _date(c.get("expires")))
                    for c in p.get("certifications") or ()
                ),
            )
        )
    bad_codes = [p.sku for p in products if p.barcode and not is_valid_gtin(p.barcode)]
    if bad_codes:
        raise ValueError(f"demo products with invalid barcodes: {', '.join(bad_codes)}")
    baskets = [
        BasketEntry(
            code=b["code"],
            name_th=b["name_th"],
            name_en=b["name_en"],
            price_rule=b["price_rule"],
            price=_dec(b.get("price")),
            fee=_dec(b.get("fee")),
            discount_pct=_dec(b.get("discount_pct")),
            container_sku=b.get("container"),
            wrapping_sku=b.get("wrapping"),
            barcode=b.get("barcode") or None,
            active_from=_date(b.get("active_from")),
            active_to=_date(b.get("active_to")),
            story_th=b.get("story_th", ""),
            story_en=b.get("story_en", ""),
            components=tuple(
                BasketComponentEntry(c["sku"], Decimal(str(c["qty"]))) for c in b["components"]
            ),
        )
        for b in json.loads((folder / "baskets.json").read_text("utf-8"))
    ]
    return producers, products, baskets


def load_demo_store(
    uow: UnitOfWorkFactory[SalesUnitOfWork],
    settings: Settings,
    terminal_id: str,
    folder: Path,
    synthetic: int = 0,
) -> int:
    """Fill an empty store with the demo catalogue (plus `synthetic` generated products)."""
    producers, products, baskets = read_demo(folder)
    products = [
        p if p.story_url else replace(p, story_url=settings.story_url(p.sku)) for p in products
    ]
    with uow(write=True) as work:
        work.catalog.ensure_categories()
        work.catalog.upsert_producers(producers)
        n = work.catalog.upsert_products(products, terminal_id)
        work.catalog.upsert_baskets(baskets)
        if synthetic:
            n += work.catalog.upsert_products(
                synthetic_products(synthetic, producers, settings), terminal_id
            )
        work.commit()
    assign_in_store_codes(uow, settings.in_store_prefix)
    assign_basket_codes(uow, settings.in_store_prefix)
    return n


def load_demo_tea(
    uow: UnitOfWorkFactory[TeaUnitOfWork], clock: Clock, terminal_id: str
) -> list[MenuItem]:
    """The tea corner's demo menu (mulberry-leaf tea hot or iced, milk tea, juice, a cookie)
    and its stock items with an opening stock, so the till's menu pad has something to sell;
    a store that has a menu keeps it."""
    return TeaMenu(uow, clock).seed_default(terminal_id)


# --- synthetic catalogues for benchmarks --------------------------------------------------
_KINDS: dict[OtopCategory, list[tuple[str, str, str, str]]] = {
    OtopCategory.FOOD: [
        ("ไส้กรอกอีสาน", "Isan sausage", "แพ็ค", "pack"),
        ("แจ่วบอง", "Jaew bong chili paste", "กระปุก", "jar"),
        ("ข้าวเกรียบ", "rice crackers", "ห่อ", "bag"),
        ("ปลาส้ม", "fermented fish", "แพ็ค", "pack"),
        ("กล้วยอบ", "baked banana", "ห่อ", "bag"),
    ],
    OtopCategory.BEVERAGE: [
        ("ชาใบหม่อน", "mulberry-leaf tea", "กล่อง", "box"),
        ("น้ำหม่อน", "mulberry juice", "ขวด", "bottle"),
        ("กาแฟคั่ว", "roasted coffee", "ถุง", "bag"),
        ("ไวน์หม่อน", "mulberry wine", "ขวด", "bottle"),
    ],
    OtopCategory.TEXTILE: [
        ("ผ้าไหมมัดหมี่", "mudmee silk", "ผืน", "piece"),
        ("ผ้าฝ้ายย้อมคราม", "indigo cotton", "ผืน", "piece"),
        ("ผ้าขาวม้า", "pha khao ma sarong", "ผืน", "piece"),
        ("เสื้อผ้าไหม", "silk shirt", "ตัว", "piece"),
    ],
    OtopCategory.HOUSEHOLD: [
        ("กระติบข้าวไม้ไผ่", "bamboo sticky-rice basket", "ใบ", "piece"),
        ("ตุ๊กตาไดโนเสาร์", "dinosaur figure", "ตัว", "piece"),
        ("หมอนขิด", "khit pillow", "ใบ", "piece"),
        ("เครื่องปั้นดินเผา", "pottery", "ชิ้น", "piece"),
    ],
    OtopCategory.HERBAL: [
        ("ยาหม่องสมุนไพร", "herbal balm", "ตลับ", "tin"),
        ("ลูกประคบ", "herbal compress", "ลูก", "ball"),
        ("สบู่สมุนไพร", "herbal soap", "ก้อน", "bar"),
        ("แชมพูมะกรูด", "kaffir-lime shampoo", "ขวด", "bottle"),
    ],
}
_STYLES = [
    ("ลายนาค", "naga pattern"),
    ("สูตรดั้งเดิม", "traditional recipe"),
    ("พรีเมียม", "premium"),
    ("ออร์แกนิก", "organic"),
    ("ลายดอกแก้ว", "kaew flower pattern"),
    ("ขนาดพกพา", "travel size"),
    ("สีธรรมชาติ", "natural dye"),
    ("รสเผ็ด", "spicy"),
    ("ของฝาก", "gift pack"),
]


def synthetic_products(
    n: int, producers: list[ProducerEntry], settings: Settings, seed: int = 7
) -> Iterator[ProductEntry]:
    """`n` plausible products with unique SKUs and valid barcodes, for big-catalogue tests."""
    rng = random.Random(seed)
    cats = list(_KINDS)
    for i in range(n):
        cat = cats[i % len(cats)]
        th, en, unit_th, unit_en = rng.choice(_KINDS[cat])
        style_th, style_en = rng.choice(_STYLES)
        producer = producers[rng.randrange(len(producers))]
        if i % 3 == 0:
            barcode = with_check_digit(f"885999{i:06d}")
        else:
            barcode = in_store_code(settings.in_store_prefix, 5_000_000 + i)
        yield ProductEntry(
            sku=f"SYN-{i:07d}",
            name_th=f"{th}{style_th} {producer.district_th} รุ่น {i}",
            name_en=f"{en.capitalize()}, {style_en}, {producer.district_en} no. {i}",
            category=cat,
            producer_code=producer.code,
            price=Decimal(rng.randrange(20, 3000)) + Decimal(rng.choice((0, 50))) / 100,
            barcode=barcode,
            unit_th=unit_th,
            unit_en=unit_en,
            stars=rng.choice((None, 3, 4, 5)),
            story_url=settings.story_url(f"SYN-{i:07d}"),
            stock=Decimal(rng.randrange(0, 200)),
            commission_pct=Decimal("20.00"),
        )


# --- demo sales ---------------------------------------------------------------------------
DEMO_FLOAT = Decimal("2000.00")


def demo_shifts(
    uow: UnitOfWorkFactory[SalesUnitOfWork],
    settings: Settings,
    terminal: TerminalInfo,
    clock: Clock,
    hasher: PinHasher | None = None,
) -> tuple[Actor, Shifts]:
    """The demo cashier (1111) logged in at this counter, and the counter's shifts."""
    auth = Auth(uow, settings, clock, hasher, terminal.terminal_id)
    auth.ensure_demo_users()
    actor = auth.login("cashier", "1111")
    return actor, Shifts(uow, auth, terminal, clock)


def demo_cashier(
    uow: UnitOfWorkFactory[SalesUnitOfWork],
    settings: Settings,
    terminal: TerminalInfo,
    clock: Clock,
    hasher: PinHasher | None = None,
) -> Actor:
    """The demo cashier with a shift open at the counter (opened with the demo float if none
    is), ready to sell: benchmarks, the crash-safety child, screenshots."""
    actor, shifts = demo_shifts(uow, settings, terminal, clock, hasher)
    if shifts.current() is None:
        shifts.open(actor, DEMO_FLOAT)
    return actor


def counted_as_expected(amount: Decimal) -> dict[Decimal, int]:
    """A drawer holding exactly `amount`, in the fewest Thai notes and coins."""
    counts: dict[Decimal, int] = {}
    left = amount
    for d in THAI_DENOMINATIONS:
        n = int(left // d)
        if n:
            counts[d] = n
            left -= d * n
    return counts


class ScriptedClock:
    """A clock that the demo moves through the opening hours of past days."""

    def __init__(self, start: datetime) -> None:
        self.current = start

    def now(self) -> datetime:
        return self.current


def demo_sales(
    checkout: Checkout,
    uow: UnitOfWorkFactory[SalesUnitOfWork],
    count: int,
    days: int,
    *,
    seed: int = 11,
    end: datetime | None = None,
) -> int:
    """Ring up `count` realistic sales over the last `days` days through the checkout service."""
    rng = random.Random(seed)
    with uow() as read:
        products: list[ProductInfo] = [  # shelf goods: not the centre's room or delivery fee
            p for p in read.catalog.unit_products(5000) if p.kind is ProductKind.GOODS
        ]
    if not products:
        raise ValueError("the store has no products to sell")
    end = end or datetime.now(UTC)
    # opening hours 09:00-19:00 Bangkok (UTC+7) = 02:00-12:00 UTC
    moments = sorted(
        (
            end.replace(hour=2, minute=0, second=0, microsecond=0)
            - timedelta(days=rng.randrange(days))
        )
        + timedelta(seconds=rng.randrange(10 * 3600))
        for _ in range(count)
    )
    clock = ScriptedClock(moments[0] if moments else end)
    original = checkout.clock
    checkout.clock = clock
    # the demo cashier sells in one shift per day; a day's shift is closed (the drawer as
    # expected) when the next day's first sale opens the next one
    actor, shifts = demo_shifts(uow, checkout.settings, checkout.terminal, clock)
    shifts.clock = clock
    day: date | None = None
    popular = products[: max(20, len(products) // 5)]
    try:
        for when in moments:
            clock.current = when
            if shop_day(when) != day:
                if day is not None and shifts.current() is not None:
                    expected = shifts.x_report(actor).cash.expected
                    shifts.close(actor, counted_as_expected(expected))
                day = shop_day(when)
                if shifts.current() is None:
                    shifts.open(actor, DEMO_FLOAT)
            cart = checkout.new_cart()
            for _ in range(rng.choice((1, 1, 2, 2, 3, 4, 6))):
                pool = popular if rng.random() < 0.7 else products
                cart.add(rng.choice(pool), Decimal(rng.choice((1, 1, 1, 2, 3))))
            if rng.random() < 0.05:
                cart.set_sale_discount(
                    Discount(DiscountKind.PERCENT, Decimal(10), "ลูกค้าประจำ / regular customer")
                )
            due = cart.totals().total
            checkout.complete(cart, _tenders(rng, due), actor=actor)
    finally:
        checkout.clock = original
    return count


def _tenders(rng: random.Random, due: Decimal) -> list[Tender]:
    roll = rng.random()
    if roll < 0.6:
        return [cash_tender(due, rng.choice(quick_cash_amounts(due)))]
    if roll < 0.85:
        return [Tender(TenderKind.PROMPTPAY, due, reference=f"PP{rng.randrange(10**8):08d}")]
    if roll < 0.95 or due < Decimal(2):
        return [Tender(TenderKind.CARD, due, reference=f"{rng.randrange(10**6):06d}")]
    part = (due / 2).quantize(Decimal(1))
    return [
        Tender(TenderKind.PROMPTPAY, part, reference=f"PP{rng.randrange(10**8):08d}"),
        cash_tender(due - part, rng.choice(quick_cash_amounts(due - part))),
    ]
