"""Label tests: a small store to label, and PySide6's None/True leak guarded for Qt drawing."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest

from pos.app.bootstrap import Store, open_store
from pos.domain.barcodes import with_check_digit
from pos.domain.catalog import OtopCategory, ProducerEntry, ProductEntry
from pos.domain.settings import Settings

LABEL_SETTINGS = Settings(story_url_template="https://kk-otop.example/p/{sku}")

PRODUCERS = [
    ProducerEntry("P-SILK", "กลุ่มทอผ้าไหมบ้านโนนเขวา", "Ban Non Khwao silk group", "group",
                  "ชนบท", "Chonnabot", "ขอนแก่น", "Khon Kaen"),
    ProducerEntry("P-DINO", "บริษัท ภูเวียงของฝาก จำกัด", "Phu Wiang Souvenirs Co.", "sme",
                  "ภูเวียง", "Phu Wiang", "ขอนแก่น", "Khon Kaen"),
    ProducerEntry("P-TEA", "วิสาหกิจชุมชนชาใบหม่อน", "Mulberry tea enterprise", "group",
                  "เวียงเก่า", "Wiang Kao", "ขอนแก่น", "Khon Kaen"),
]  # fmt: skip

PRODUCTS = [
    ProductEntry("KK-SILK-001", "ผ้าไหมมัดหมี่ลายนาค", "Mudmee silk, naga pattern",
                 OtopCategory.TEXTILE, "P-SILK", Decimal("1850.00"),
                 barcode=with_check_digit("885999900001"), unit_th="ผืน", stars=5,
                 star_year=2565, story_th="ทอมือทีละเส้น\n\nสีจากธรรมชาติ",
                 story_en="Woven by hand, thread by thread.", image="silk.png"),
    ProductEntry("KK-SILK-002", "ผ้าไหมพื้นเรียบ", "Plain silk", OtopCategory.TEXTILE, "P-SILK",
                 Decimal("950.00"), unit_th="ผืน"),
    ProductEntry("KK-DINO-001", "ตุ๊กตาไดโนเสาร์", "Dinosaur figure", OtopCategory.HOUSEHOLD,
                 "P-DINO", Decimal("250.00"), barcode=with_check_digit("885999900002"),
                 unit_th="ตัว", stars=3),
    ProductEntry("KK-TEA-001", "ชาใบหม่อน", "Mulberry-leaf tea", OtopCategory.BEVERAGE, "P-TEA",
                 Decimal("120.00"), unit_th="กล่อง", unit_en="box"),
    ProductEntry("KK-TEA-002", "ชาใบหม่อนชนิดผง", "Mulberry tea powder", OtopCategory.BEVERAGE,
                 "P-TEA", Decimal("60.00"), sold_by="weight", unit_th="กก.", unit_en="kg"),
    ProductEntry("KK-OLD-001", "สินค้าเลิกขาย", "Discontinued", OtopCategory.HOUSEHOLD, "P-DINO",
                 Decimal("10.00"), active=False),
]  # fmt: skip


@pytest.fixture
def label_store(migrated_sqlite_url: str) -> Iterator[Store]:
    """A counter database with six products from three producers in three districts."""
    store = open_store(migrated_sqlite_url, LABEL_SETTINGS)
    with store.uow(write=True) as work:
        work.catalog.ensure_categories()
        work.catalog.upsert_producers(PRODUCERS)
        work.catalog.upsert_products(PRODUCTS, store.terminal.terminal_id)
        work.commit()
    try:
        yield store
    finally:
        store.close()
