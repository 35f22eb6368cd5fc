"""A product row as the till reads it: the columns and their ProductInfo."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, or_, select

from db import models as m
from pos.domain.cart import ProductInfo, ProductKind, SoldBy

# the first expiry among the product's own and its producer's certificates (the till's flag)
CERT_EXPIRES = (
    select(func.min(m.Certification.expires))
    .where(
        or_(
            m.Certification.product_id == m.Product.id,
            m.Certification.producer_id == m.Product.producer_id,
        )
    )
    .correlate(m.Product)
    .scalar_subquery()
    .label("cert_expires")
)

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
    m.Product.curation,
    m.Product.kind,
    CERT_EXPIRES,
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
        curation=row.curation,
        cert_expires=row.cert_expires,
        kind=ProductKind(row.kind),
    )
