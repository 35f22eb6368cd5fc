"""A product row as the till reads it: the columns and their ProductInfo."""

from __future__ import annotations

from typing import Any

from db import models as m
from pos.domain.cart import ProductInfo, SoldBy

PRODUCT_COLUMNS = (
    m.Product.id,
    m.Product.sku,
    m.Product.name_th,
    m.Product.name_en,
    m.Product.unit_price,
    m.Product.vat_exempt,
    m.Product.sold_by,
    m.Product.unit_th,
    m.Product.unit_en,
    m.Product.category_code,
)


def product_info(row: Any, barcode: str | None = None) -> ProductInfo:
    return ProductInfo(
        product_id=row.id,
        sku=row.sku,
        name_th=row.name_th,
        name_en=row.name_en,
        unit_price=row.unit_price,
        vat_exempt=row.vat_exempt,
        sold_by=SoldBy(row.sold_by),
        unit_th=row.unit_th,
        unit_en=row.unit_en,
        barcode=barcode,
        category=row.category_code,
    )

