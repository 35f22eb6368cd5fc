"""Minimal rows for schema tests (Core inserts, no repositories)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, insert

from db import models


def new_id() -> str:
    return str(uuid.uuid4())


def insert_terminal(conn: Connection, *, prefix: str = "KK01") -> str:
    """A shop with one terminal; returns the terminal id."""
    shop_id = new_id()
    conn.execute(
        insert(models.Shop).values(
            id=shop_id,
            code=f"S-{prefix}",
            name_th="ร้านทดสอบ",
            name_en="Test shop",
            tax_id="0994000617721",
            branch="00000",
            address_th="",
        )
    )
    terminal_id = new_id()
    conn.execute(
        insert(models.Terminal).values(
            id=terminal_id,
            shop_id=shop_id,
            name=f"Counter {prefix}",
            pos_id="",
            receipt_prefix=prefix,
            is_local=True,
            created_at=datetime.now(UTC),
        )
    )
    return terminal_id


def sale_values(terminal_id: str, seq: int, receipt_no: str, **over: Any) -> dict[str, Any]:
    """Column values of a completed 107-baht cash sale."""
    values: dict[str, Any] = {
        "id": new_id(),
        "terminal_id": terminal_id,
        "seq": seq,
        "receipt_no": receipt_no,
        "status": "completed",
        "sold_at": datetime.now(UTC),
        "cashier_id": None,
        "cashier_name": "สมศรี",
        "subtotal": Decimal("107.00"),
        "discount_total": Decimal(0),
        "sale_discount": Decimal(0),
        "sale_discount_reason": "",
        "total": Decimal("107.00"),
        "vatable": Decimal("107.00"),
        "exempt": Decimal(0),
        "vat": Decimal("7.00"),
        "vat_rate": Decimal(7),
        "paid": Decimal("107.00"),
        "change": Decimal(0),
    }
    values.update(over)
    return values


def insert_product(conn: Connection, *, sku: str = "SILK-001") -> str:
    """A category, a producer and one product; returns the product id."""
    conn.execute(
        insert(models.Category).values(
            code=f"C-{sku}", name_th="ผ้า", name_en="Textiles", sort_order=0
        )
    )
    producer_id = new_id()
    conn.execute(
        insert(models.Producer).values(
            id=producer_id,
            code=f"P-{sku}",
            name_th="กลุ่มทอผ้าไหม",
            name_en="Silk weavers",
            kind="group",
            contact="",
            district_th="ชนบท",
            district_en="Chonnabot",
            province_th="ขอนแก่น",
            province_en="Khon Kaen",
            tax_id=None,
            updated_at=datetime.now(UTC),
        )
    )
    product_id = new_id()
    now = datetime.now(UTC)
    conn.execute(
        insert(models.Product).values(
            id=product_id,
            sku=sku,
            name_th="ผ้าไหมมัดหมี่",
            name_en="Mudmee silk",
            category_code=f"C-{sku}",
            producer_id=producer_id,
            unit_price=Decimal("1290.00"),
            sold_by="unit",
            unit_th="ผืน",
            unit_en="piece",
            vat_exempt=False,
            stars=5,
            star_year=2565,
            story_th="",
            story_en="",
            story_url="",
            image=None,
            active=True,
            commission_pct=None,
            plu=None,
            created_at=now,
            updated_at=now,
        )
    )
    return product_id
