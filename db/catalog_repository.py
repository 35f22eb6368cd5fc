"""The catalogue: scans and searches, imports, exports, barcodes and stock on hand."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.orm import Session, selectinload

from db import models as m
from db.product_rows import PRODUCT_COLUMNS, product_info
from pos.domain.barcodes import normalize_gtin
from pos.domain.cart import ProductInfo, ProductKind
from pos.domain.catalog import (
    CATEGORY_NAMES,
    CENTRE_CATEGORY,
    CENTRE_KIND,
    CENTRE_PRODUCER,
    BasketEntry,
    CertificationEntry,
    OtopCategory,
    ProducerEntry,
    ProductEntry,
)
from pos.domain.money import ZERO
from pos.ports.catalog import CatalogMarker, SearchRow

_ACTIVE_PRODUCT = select(*PRODUCT_COLUMNS).where(m.Product.active.is_(True))
_BY_BARCODE = _ACTIVE_PRODUCT.join(
    m.ProductBarcode, m.ProductBarcode.product_id == m.Product.id
).where(m.ProductBarcode.code == bindparam("code"))
_BY_SKU = _ACTIVE_PRODUCT.where(m.Product.sku == bindparam("sku"))
_BY_PLU = _ACTIVE_PRODUCT.where(m.Product.plu == bindparam("plu"))


class SqlCatalogRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    # --- reading -------------------------------------------------------------------------
    # Every scan runs one of these: the statements are built once, and run as Core on the
    # session's connection (0.6 ms a scan instead of 1.4 ms; bench/bench_scan.py).
    def product_by_barcode(self, code: str) -> ProductInfo | None:
        row = self.session.connection().execute(_BY_BARCODE, {"code": code}).first()
        return None if row is None else product_info(row, code)

    def product_by_sku(self, sku: str) -> ProductInfo | None:
        row = self.session.connection().execute(_BY_SKU, {"sku": sku}).first()
        return None if row is None else product_info(row)

    def product_by_plu(self, plu: str) -> ProductInfo | None:
        row = self.session.connection().execute(_BY_PLU, {"plu": plu}).first()
        return None if row is None else product_info(row)

    def products_by_ids(self, ids: Iterable[str]) -> list[ProductInfo]:
        wanted = list(ids)
        rows = self.session.execute(select(*PRODUCT_COLUMNS).where(m.Product.id.in_(wanted)))
        by_id = {r.id: product_info(r) for r in rows}
        return [by_id[i] for i in wanted if i in by_id]

    def unit_products(self, limit: int) -> list[ProductInfo]:
        rows = self.session.execute(
            select(*PRODUCT_COLUMNS)
            .where(m.Product.active.is_(True), m.Product.sold_by == "unit")
            .order_by(m.Product.sku)
            .limit(limit)
        )
        return [product_info(r) for r in rows]

    def ensure_centre_product(
        self,
        sku: str,
        name_th: str,
        name_en: str,
        kind: ProductKind,
        *,
        vat_exempt: bool = False,
        unit_price: Decimal = ZERO,
    ) -> ProductInfo:
        """The centre's own product `sku` (producer CENTRE, category SVC), found or created
        in the caller's transaction with whatever of those is missing (an existing product
        is returned as it is)."""
        found = self.session.scalar(select(m.Product.id).where(m.Product.sku == sku))
        if found is not None:
            return self.products_by_ids([found])[0]
        code, th, en = CENTRE_CATEGORY
        if self.session.get(m.Category, code) is None:
            self.session.add(m.Category(code=code, name_th=th, name_en=en, sort_order=99))
        producer_code, producer_th, producer_en = CENTRE_PRODUCER
        producer_id = self.session.scalar(
            select(m.Producer.id).where(m.Producer.code == producer_code)
        )
        if producer_id is None:
            producer_id = m.new_id()
            self.session.add(
                m.Producer(
                    id=producer_id, code=producer_code, name_th=producer_th,
                    name_en=producer_en, kind=CENTRE_KIND, district_th="", district_en="",
                    province_th="", province_en="",
                )
            )  # fmt: skip
        self.session.flush()
        now = m.utcnow()
        self.session.execute(
            insert(m.Product),
            [
                {
                    "id": m.new_id(), "sku": sku, "name_th": name_th, "name_en": name_en,
                    "category_code": code, "producer_id": producer_id, "unit_price": unit_price,
                    "vat_exempt": vat_exempt, "kind": kind.value, "created_at": now,
                    "updated_at": now,
                }
            ],
        )  # fmt: skip
        made = self.product_by_sku(sku)
        assert made is not None  # just inserted, active
        return made

    def iter_search_rows(self) -> Iterator[SearchRow]:
        # Core on the session's connection and tuple unpacking: half the time of ORM-level
        # execute with named row access, on 100,000 rows (bench/bench_search.py)
        conn = self.session.connection()
        codes: dict[str, list[str]] = defaultdict(list)
        for pid, code in conn.execute(select(m.ProductBarcode.product_id, m.ProductBarcode.code)):
            codes[pid].append(code)
        rows = conn.execute(
            select(
                m.Product.id,
                m.Product.sku,
                m.Product.name_th,
                m.Product.name_en,
                m.Product.unit_price,
            )
            .where(m.Product.active.is_(True))
            .order_by(m.Product.sku)
        )
        for pid, sku, name_th, name_en, price in rows:
            yield SearchRow(pid, sku, " ".join(codes.get(pid, ())), name_th, name_en, price)

    def count_products(self) -> int:
        return int(self.session.scalar(select(func.count()).select_from(m.Product)) or 0)

    def catalog_marker(self) -> CatalogMarker:
        products, updated_at = self.session.execute(
            select(func.count(), func.max(m.Product.updated_at)).select_from(m.Product)
        ).one()
        barcodes = self.session.scalar(select(func.count()).select_from(m.ProductBarcode))
        return CatalogMarker(int(products or 0), int(barcodes or 0), updated_at)

    def stock_on_hand(self, product_ids: Iterable[str]) -> dict[str, Decimal]:
        ids = list(product_ids)
        rows = self.session.execute(
            select(m.StockMovement.product_id, func.sum(m.StockMovement.quantity))
            .where(m.StockMovement.product_id.in_(ids))
            .group_by(m.StockMovement.product_id)
        )
        found = {pid: Decimal(str(q)).quantize(Decimal("0.001")) for pid, q in rows}
        return {pid: found.get(pid, Decimal("0.000")) for pid in ids}

    # --- writing -------------------------------------------------------------------------
    def ensure_categories(self) -> None:
        have = set(self.session.scalars(select(m.Category.code)))
        for i, (cat, (th, en)) in enumerate(CATEGORY_NAMES.items()):
            if cat.value not in have:
                self.session.add(m.Category(code=cat.value, name_th=th, name_en=en, sort_order=i))
        self.session.flush()

    def producer_codes(self) -> set[str]:
        return set(self.session.scalars(select(m.Producer.code)))

    def upsert_producers(self, entries: Iterable[ProducerEntry]) -> None:
        existing = {p.code: p for p in self.session.scalars(select(m.Producer))}
        for e in entries:
            row = existing.get(e.code) or m.Producer(code=e.code)
            row.name_th, row.name_en, row.kind = e.name_th, e.name_en, e.kind
            row.contact, row.tax_id = e.contact, e.tax_id
            row.district_th, row.district_en = e.district_th, e.district_en
            row.province_th, row.province_en = e.province_th, e.province_en
            if e.code not in existing:
                self.session.add(row)
                existing[e.code] = row
        self.session.flush()

    def upsert_products(self, entries: Iterable[ProductEntry], terminal_id: str | None) -> int:
        """Insert or update products by SKU; new products get an opening stock movement."""
        producers = dict(self.session.execute(select(m.Producer.code, m.Producer.id)).all())
        existing = dict(self.session.execute(select(m.Product.sku, m.Product.id)).all())
        barcodes = dict(
            self.session.execute(select(m.ProductBarcode.code, m.ProductBarcode.product_id)).all()
        )
        new_products: list[dict[str, Any]] = []
        new_codes: list[dict[str, Any]] = []
        new_certs: list[dict[str, Any]] = []
        movements: list[dict[str, Any]] = []
        count = 0
        for e in entries:
            count += 1
            values: dict[str, Any] = {
                "sku": e.sku,
                "name_th": e.name_th,
                "name_en": e.name_en,
                "category_code": e.category.value,
                "producer_id": producers[e.producer_code],
                "unit_price": e.price,
                "sold_by": e.sold_by,
                "unit_th": e.unit_th,
                "unit_en": e.unit_en,
                "vat_exempt": e.vat_exempt,
                "stars": e.stars,
                "star_year": e.star_year,
                "story_th": e.story_th,
                "story_en": e.story_en,
                "story_url": e.story_url,
                "image": e.image,
                "active": e.active,
                "commission_pct": e.commission_pct,
                "plu": e.plu,
            }
            pid = existing.get(e.sku)
            if pid is None:
                pid = m.new_id()
                now = m.utcnow()
                new_products.append({"id": pid, "created_at": now, "updated_at": now, **values})
                existing[e.sku] = pid
                if e.stock:
                    movements.append(
                        {
                            "id": m.new_id(),
                            "product_id": pid,
                            "terminal_id": terminal_id,
                            "quantity": e.stock,
                            "reason": "opening",
                            "note": "",
                            "created_at": m.utcnow(),
                        }
                    )
                for c in e.certifications:
                    new_certs.append(
                        {
                            "id": m.new_id(),
                            "product_id": pid,
                            "kind": c.kind,
                            "number": c.number,
                            "expires": c.expires,
                        }
                    )
            else:
                # a CSV row carries no scale PLU or photo: an update must not erase them
                kept = {k: v for k, v in values.items() if k not in ("plu", "image") or v}
                self.session.execute(
                    update(m.Product)
                    .where(m.Product.id == pid)
                    .values(updated_at=m.utcnow(), **kept)
                )
            # one form per code: a UPC-A is stored as the EAN-13 that scanners send
            code = normalize_gtin(e.barcode) if e.barcode else None
            if code and code not in barcodes:
                kind = "instore" if code[:1] == "2" else "gs1"
                new_codes.append({"code": code, "product_id": pid, "kind": kind})
                barcodes[code] = pid
        for table, rows in (
            (m.Product, new_products),
            (m.ProductBarcode, new_codes),
            (m.Certification, new_certs),
            (m.StockMovement, movements),
        ):
            for start in range(0, len(rows), 5000):
                self.session.execute(insert(table), rows[start : start + 5000])
        return count

    def upsert_baskets(self, entries: Iterable[BasketEntry]) -> None:
        skus = dict(self.session.execute(select(m.Product.sku, m.Product.id)).all())
        existing = {b.code: b for b in self.session.scalars(select(m.BasketTemplate))}
        for e in entries:
            row = existing.get(e.code) or m.BasketTemplate(code=e.code)
            row.name_th, row.name_en, row.price_rule = e.name_th, e.name_en, e.price_rule
            row.price, row.fee, row.discount_pct = e.price, e.fee, e.discount_pct
            row.container_id = skus[e.container_sku] if e.container_sku else None
            row.wrapping_id = skus[e.wrapping_sku] if e.wrapping_sku else None
            row.barcode, row.active_from, row.active_to = e.barcode, e.active_from, e.active_to
            row.story_th, row.story_en = e.story_th, e.story_en
            row.components = [
                m.BasketComponent(product_id=skus[c.sku], quantity=c.quantity) for c in e.components
            ]
            if e.code not in existing:
                self.session.add(row)
        self.session.flush()

    def barcode_owners(self) -> dict[str, str]:
        """Every barcode and the SKU that carries it."""
        return dict(
            self.session.execute(
                select(m.ProductBarcode.code, m.Product.sku).join(
                    m.Product, m.Product.id == m.ProductBarcode.product_id
                )
            ).all()
        )

    def skus_without_barcode(self) -> list[str]:
        has = select(m.ProductBarcode.product_id)
        return list(
            self.session.scalars(
                select(m.Product.sku)
                .where(m.Product.id.not_in(has), m.Product.sold_by == "unit")
                .order_by(m.Product.sku)
            )
        )

    def add_barcode(self, sku: str, code: str, kind: str) -> None:
        pid = self.session.scalar(select(m.Product.id).where(m.Product.sku == sku))
        if pid is None:
            raise KeyError(sku)
        self.session.add(m.ProductBarcode(code=code, product_id=pid, kind=kind))

    def export_entries(self) -> Iterator[tuple[ProductEntry, ProducerEntry]]:
        codes: dict[str, str] = {}
        # a product's GS1 code is preferred over its in-store one ("gs1" > "instore")
        for pid, code in self.session.execute(
            select(m.ProductBarcode.product_id, m.ProductBarcode.code).order_by(
                m.ProductBarcode.kind, m.ProductBarcode.code
            )
        ):
            codes.setdefault(pid, code)
        producers = {p.id: p for p in self.session.scalars(select(m.Producer))}
        query = (
            select(m.Product)
            .where(m.Product.kind == ProductKind.GOODS.value)  # the centre's services: not
            # nor the centre's own goods (the tea corner's stock items): not OTOP catalogue
            .where(m.Product.category_code != CENTRE_CATEGORY[0])
            .options(selectinload(m.Product.certifications))
            .order_by(m.Product.sku)
        )
        for p in self.session.scalars(query).yield_per(2000):
            pr = producers[p.producer_id]
            yield (
                ProductEntry(
                    sku=p.sku,
                    name_th=p.name_th,
                    name_en=p.name_en,
                    category=OtopCategory(p.category_code),
                    producer_code=pr.code,
                    price=p.unit_price,
                    barcode=codes.get(p.id),
                    sold_by=p.sold_by,
                    unit_th=p.unit_th,
                    unit_en=p.unit_en,
                    vat_exempt=p.vat_exempt,
                    stars=p.stars,
                    star_year=p.star_year,
                    story_th=p.story_th,
                    story_en=p.story_en,
                    story_url=p.story_url,
                    image=p.image,
                    commission_pct=p.commission_pct,
                    plu=p.plu,
                    active=p.active,
                    curation=p.curation,
                    certifications=tuple(
                        CertificationEntry(c.kind, c.number, c.expires) for c in p.certifications
                    ),
                ),
                ProducerEntry(
                    code=pr.code,
                    name_th=pr.name_th,
                    name_en=pr.name_en,
                    kind=pr.kind,
                    district_th=pr.district_th,
                    district_en=pr.district_en,
                    province_th=pr.province_th,
                    province_en=pr.province_en,
                    contact=pr.contact,
                    tax_id=pr.tax_id,
                ),
            )
