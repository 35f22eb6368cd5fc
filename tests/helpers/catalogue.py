"""A demo catalogue folder for tests and benchmarks: the shipped one, or a small stand-in."""

from __future__ import annotations

import json
from pathlib import Path

from pos.domain.barcodes import with_check_digit
from resources import DEMO

_FILES = ("producers.json", "products.json", "baskets.json")

_PRODUCERS = [
    ("STB-P01", "กลุ่มทอผ้าไหมบ้านโนนเขวา", "Ban Non Khwao silk group", "group", "เมืองขอนแก่น"),
    ("STB-P02", "วิสาหกิจชุมชนไส้กรอกบ้านไผ่", "Ban Phai sausage enterprise", "group", "บ้านไผ่"),
    ("STB-P03", "นางสมใจ ใจดี", "Mrs Somjai Jaidee", "individual", "ชนบท"),
    ("STB-P04", "บริษัท ภูเวียงของฝาก จำกัด", "Phu Wiang Souvenirs Co.", "sme", "ภูเวียง"),
]
_GOODS = [
    ("food", "ไส้กรอกอีสาน", "Isan sausage", "แพ็ค", "pack"),
    ("food", "แจ่วบอง", "Jaew bong chili paste", "กระปุก", "jar"),
    ("beverage", "ชาใบหม่อน", "Mulberry-leaf tea", "กล่อง", "box"),
    ("textile", "ผ้าไหมมัดหมี่", "Mudmee silk", "ผืน", "piece"),
    ("household", "ตุ๊กตาไดโนเสาร์", "Dinosaur figure", "ตัว", "piece"),
    ("herbal", "ยาหม่องสมุนไพร", "Herbal balm", "ตลับ", "tin"),
]


def has_shipped_demo() -> bool:
    return all((DEMO / name).is_file() for name in _FILES)


def demo_folder(scratch: Path) -> tuple[Path, bool]:
    """resources/demo when it is complete, else a 30-product stand-in written under `scratch`.

    Returns (folder, is_stand_in). The stand-in has the same shape as the shipped catalogue:
    GS1 barcodes, products without a barcode (they get in-store codes), one product sold by
    weight, one VAT-exempt product and one gift basket.
    """
    if has_shipped_demo():
        return DEMO, False
    folder = scratch / "stand-in-demo"
    folder.mkdir(parents=True, exist_ok=True)
    producers = [
        {
            "code": code,
            "name_th": th,
            "name_en": en,
            "kind": kind,
            "district_th": district,
            "district_en": district,
            "province_th": "ขอนแก่น",
            "province_en": "Khon Kaen",
        }
        for code, th, en, kind, district in _PRODUCERS
    ]
    products = []
    for i in range(30):
        cat, th, en, unit_th, unit_en = _GOODS[i % len(_GOODS)]
        p: dict[str, object] = {
            "sku": f"STB-{i:03d}",
            "name_th": f"{th} แบบที่ {i}",
            "name_en": f"{en} no. {i}",
            "category": cat,
            "producer": _PRODUCERS[i % len(_PRODUCERS)][0],
            "price": f"{25 + 17 * i}.{(i * 25) % 100:02d}",
            "unit": unit_th,
            "unit_en": unit_en,
            "stock": 500,
        }
        if i % 2 == 0:
            p["barcode"] = with_check_digit(f"88599980{i:04d}")
        products.append(p)
    products[7]["vat_exempt"] = True
    products[9]["sold_by"] = "weight"
    products[9]["unit"] = "กก."
    products[9]["unit_en"] = "kg"
    baskets = [
        {
            "code": "STB-BK1",
            "name_th": "ตะกร้าของขวัญ",
            "name_en": "Gift basket",
            "price_rule": "sum_plus_fee",
            "fee": "50",
            "components": [{"sku": "STB-000", "qty": 1}, {"sku": "STB-002", "qty": 2}],
        }
    ]
    for name, data in zip(_FILES, (producers, products, baskets), strict=True):
        (folder / name).write_text(json.dumps(data, ensure_ascii=False, indent=1), "utf-8")
    return folder, True
