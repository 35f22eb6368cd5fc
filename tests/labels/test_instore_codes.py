"""In-store EAN-13 codes: unique, valid, from the shop's prefix, never reused, for thousands."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pos.app.bootstrap import Store
from pos.domain.barcodes import in_store_code, is_valid_gtin, with_check_digit
from pos.domain.catalog import OtopCategory, ProductEntry
from pos.services.catalog import assign_in_store_codes


def _products(start: int, count: int, **kw: object) -> list[ProductEntry]:
    return [
        ProductEntry(
            sku=f"GEN-{i:05d}",
            name_th=f"สินค้าชุมชน {i}",
            name_en=f"Community product {i}",
            category=OtopCategory.HOUSEHOLD,
            producer_code="P-DINO",
            price=Decimal(10 + i % 90),
            **kw,  # type: ignore[arg-type]
        )
        for i in range(start, start + count)
    ]


@pytest.mark.slow
def test_thousands_of_products_get_unique_valid_codes_that_never_collide(label_store: Store):
    prefix = "20"
    # codes already in use: a GS1 code, in-store codes (one far up the range), another prefix
    taken = {
        "GEN-90001": with_check_digit("885999912345"),
        "GEN-90002": in_store_code(prefix, 3),
        "GEN-90003": in_store_code(prefix, 7_000),
        "GEN-90004": in_store_code("21", 1),
    }
    existing = [
        ProductEntry(sku, "มีรหัสแล้ว", "Has a code", OtopCategory.FOOD, "P-DINO", Decimal(5),
                     barcode=code)
        for sku, code in taken.items()
    ]  # fmt: skip
    weighed = _products(95_000, 5, sold_by="weight", unit_th="กก.", unit_en="kg")
    with label_store.uow(write=True) as work:
        work.catalog.upsert_products(
            [*_products(0, 5_000), *existing, *weighed], label_store.terminal.terminal_id
        )
        work.commit()

    assigned = assign_in_store_codes(label_store.uow, prefix)

    # every unit-sold product without a code got one (the fixture's two without codes too)
    assert len(assigned) == 5_000 + 3
    codes = list(assigned.values())
    assert len(set(codes)) == len(codes), "a code was given twice"
    assert all(len(c) == 13 and c.startswith(prefix) and is_valid_gtin(c) for c in codes)
    assert not set(codes) & set(taken.values()), "an existing code was reused"
    assert not any(sku.startswith("GEN-95") for sku in assigned), "weighed goods get scale codes"
    with label_store.uow() as read:
        owners = read.catalog.barcode_owners()
    assert all(owners[code] == sku for sku, code in assigned.items())

    # running it again gives nothing; new products get codes never handed out before
    assert assign_in_store_codes(label_store.uow, prefix) == {}
    with label_store.uow(write=True) as work:
        work.catalog.upsert_products(_products(10_000, 20), label_store.terminal.terminal_id)
        work.commit()
    later = assign_in_store_codes(label_store.uow, prefix)
    assert len(later) == 20
    assert not set(later.values()) & set(codes)
    assert min(later.values()) > max(codes)
