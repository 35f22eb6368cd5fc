"""The back office's products in SQL: one product with every field, the list, price history."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from sqlalchemy import ColumnElement, delete, func, inspect, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from db import models as m
from db.sync.common import SEQ_KEY
from pos.domain.text import THAI_IGNORABLE, without_tone_marks
from pos.ports.products import (
    CatalogueOwner,
    Choice,
    PriceChange,
    ProductFilter,
    ProductRecord,
    ProductRow,
    StockFigures,
)

_CHUNK = 500  # codes per IN (...) list




def like(text: str) -> str:
    """A LIKE pattern (escape \\) for `text` anywhere."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _toneless(column: ColumnElement[str] | InstrumentedAttribute[str]) -> ColumnElement[str]:
    """The column less its Thai tone marks, in SQL (replace() in SQLite and PostgreSQL)."""
    out: ColumnElement[str] = func.replace(column, THAI_IGNORABLE[0], "")
    for mark in THAI_IGNORABLE[1:]:
        out = func.replace(out, mark, "")
    return out


def matches_text(text: str) -> ColumnElement[bool]:
    """A product whose SKU, Thai or English name or one of its barcodes holds `text`; the Thai
    name's tone marks are optional, as at the till's F2 ("ผาไหม" finds ผ้าไหม)."""
    p, pattern = m.Product, like(text)
    return or_(
        p.sku.ilike(pattern, escape="\\"),
        _toneless(p.name_th).ilike(like(without_tone_marks(text)), escape="\\"),
        p.name_en.ilike(pattern, escape="\\"),
        p.id.in_(
            select(m.ProductBarcode.product_id).where(
                m.ProductBarcode.code.like(pattern, escape="\\")
            )
        ),
    )


def _cents(value: Decimal | None) -> Decimal | None:
    return None if value is None else Decimal(value).quantize(Decimal("0.01"))


class SqlProductRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, sku: str) -> ProductRecord | None:
        p = self.session.scalars(select(m.Product).where(m.Product.sku == sku)).first()
        if p is None:
            return None
        codes = self.session.scalars(
            select(m.ProductBarcode.code)
            .where(m.ProductBarcode.product_id == p.id)
            .order_by(m.ProductBarcode.code)
        )
        return ProductRecord(
            sku=p.sku,
            name_th=p.name_th,
            name_en=p.name_en,
            category=p.category_code,
            producer=p.producer.code,
            price=Decimal(p.unit_price).quantize(Decimal("0.01")),
            sold_by=p.sold_by,
            unit_th=p.unit_th,
            unit_en=p.unit_en,
            vat_exempt=p.vat_exempt,
            barcodes=tuple(codes),
            story_th=p.story_th,
            story_en=p.story_en,
            story_url=p.story_url,
            photo=p.image,
            commission_pct=_cents(p.commission_pct),
            stars=p.stars,
            star_year=p.star_year,
            active=p.active,
            web_safety_buffer=p.web_safety_buffer,
        )

    def search(self, query: ProductFilter) -> list[ProductRow]:
        p, pr = m.Product, m.Producer
        conditions: list[ColumnElement[bool]] = []
        text = query.text.strip()
        if text:
            conditions.append(matches_text(text))
        if query.category:
            conditions.append(p.category_code == query.category)
        if query.producer:
            conditions.append(pr.code == query.producer)
        if query.active is not None:
            conditions.append(p.active.is_(query.active))
        rows = self.session.execute(
            select(p.id, p.sku, p.name_th, p.name_en, p.category_code, pr.code, p.unit_price,
                   p.active)
            .join(pr, pr.id == p.producer_id)
            .where(*conditions)
            .order_by(p.sku)
            .limit(query.limit)
        ).all()  # fmt: skip
        codes: dict[str, list[str]] = {}
        ids = [r[0] for r in rows]
        for start in range(0, len(ids), _CHUNK):
            for pid, code in self.session.execute(
                select(m.ProductBarcode.product_id, m.ProductBarcode.code)
                .where(m.ProductBarcode.product_id.in_(ids[start : start + _CHUNK]))
                .order_by(m.ProductBarcode.code)
            ):
                codes.setdefault(pid, []).append(code)
        return [
            ProductRow(sku, th, en, cat, producer, Decimal(price).quantize(Decimal("0.01")),
                       active, tuple(codes.get(pid, ())))
            for pid, sku, th, en, cat, producer, price, active in rows
        ]  # fmt: skip

    def categories(self) -> list[Choice]:
        c = m.Category
        rows = self.session.execute(
            select(c.code, c.name_th, c.name_en).order_by(c.sort_order, c.code)
        )
        return [Choice(*r) for r in rows]

    def producers(self) -> list[Choice]:
        pr = m.Producer
        rows = self.session.execute(select(pr.code, pr.name_th, pr.name_en).order_by(pr.code))
        return [Choice(*r) for r in rows]

    def code_owners(self, codes: Sequence[str]) -> dict[str, str]:
        wanted = list(codes)
        out: dict[str, str] = {}
        for start in range(0, len(wanted), _CHUNK):
            part = wanted[start : start + _CHUNK]
            for code, sku in self.session.execute(
                select(m.ProductBarcode.code, m.Product.sku)
                .join(m.Product, m.Product.id == m.ProductBarcode.product_id)
                .where(m.ProductBarcode.code.in_(part))
            ):
                out[code] = sku
            for barcode, basket in self.session.execute(
                select(m.BasketTemplate.barcode, m.BasketTemplate.code).where(
                    m.BasketTemplate.barcode.in_(part)
                )
            ):
                if barcode is not None:
                    out.setdefault(barcode, f"basket {basket}")
        return out

    def codes_with_prefix(self, prefix: str) -> set[str]:
        pattern = like(prefix)[1:]  # starts with
        found = set(
            self.session.scalars(
                select(m.ProductBarcode.code).where(
                    m.ProductBarcode.code.like(pattern, escape="\\")
                )
            )
        )
        found.update(
            code
            for code in self.session.scalars(
                select(m.BasketTemplate.barcode).where(
                    m.BasketTemplate.barcode.like(pattern, escape="\\")
                )
            )
            if code is not None
        )
        return found

    def _producer_id(self, code: str) -> str:
        return self.session.scalars(select(m.Producer.id).where(m.Producer.code == code)).one()

    def _fill(self, row: m.Product, record: ProductRecord) -> None:
        row.name_th, row.name_en = record.name_th, record.name_en
        row.category_code = record.category
        row.producer_id = self._producer_id(record.producer)
        row.unit_price = record.price
        row.sold_by, row.unit_th, row.unit_en = record.sold_by, record.unit_th, record.unit_en
        row.vat_exempt = record.vat_exempt
        row.story_th, row.story_en, row.story_url = (
            record.story_th, record.story_en, record.story_url,
        )  # fmt: skip
        row.image = record.photo
        row.commission_pct = record.commission_pct
        row.stars, row.star_year = record.stars, record.star_year
        row.active = record.active
        row.web_safety_buffer = record.web_safety_buffer

    def add(self, record: ProductRecord, kinds: Mapping[str, str]) -> None:
        row = m.Product(sku=record.sku)
        self._fill(row, record)
        self.session.add(row)
        self.session.flush()
        self._put_barcodes(row.id, record.barcodes, kinds)

    def update(self, record: ProductRecord, kinds: Mapping[str, str]) -> None:
        row = self.session.scalars(select(m.Product).where(m.Product.sku == record.sku)).one()
        self._fill(row, record)
        have = set(
            self.session.scalars(
                select(m.ProductBarcode.code).where(m.ProductBarcode.product_id == row.id)
            )
        )
        gone = have - set(record.barcodes)
        if gone:
            self.session.execute(
                delete(m.ProductBarcode).where(m.ProductBarcode.code.in_(sorted(gone)))
            )
        self._put_barcodes(row.id, [c for c in record.barcodes if c not in have], kinds)
        self.session.flush()

    def _put_barcodes(self, product_id: str, codes: Sequence[str],
                      kinds: Mapping[str, str]) -> None:
        for code in codes:
            self.session.add(
                m.ProductBarcode(code=code, product_id=product_id, kind=kinds.get(code, "gs1"))
            )
        self.session.flush()

    def set_active(self, sku: str, active: bool) -> None:
        row = self.session.scalars(select(m.Product).where(m.Product.sku == sku)).one()
        row.active = active
        self.session.flush()

    def add_price_change(self, change: PriceChange) -> None:
        pid = self.session.scalars(select(m.Product.id).where(m.Product.sku == change.sku)).one()
        self.session.add(
            m.PriceChange(
                product_id=pid,
                old_price=change.old,
                new_price=change.new,
                changed_at=change.at,
                changed_by=change.by,
            )
        )
        self.session.flush()

    def price_history(self, sku: str) -> list[PriceChange]:
        pc = m.PriceChange
        rows = self.session.execute(
            select(pc.old_price, pc.new_price, pc.changed_at, pc.changed_by)
            .join(m.Product, m.Product.id == pc.product_id)
            .where(m.Product.sku == sku)
            .order_by(pc.changed_at.desc(), pc.id)
        )
        return [
            PriceChange(sku, Decimal(old).quantize(Decimal("0.01")),
                        Decimal(new).quantize(Decimal("0.01")), at, by)
            for old, new, at, by in rows
        ]  # fmt: skip

    def catalogue_owner(self) -> CatalogueOwner:
        conn = self.session.connection()
        if conn.dialect.name == "postgresql" and inspect(conn).has_table("catalog_changes"):
            return "central"
        pulled = self.session.scalars(
            select(m.SyncState.key).where(m.SyncState.key == SEQ_KEY)
        ).first()
        return "counter" if pulled is not None else "local"

    def stock_figures(self, sku: str) -> StockFigures | None:
        """On hand (every stock movement), reserved (reservations not released) and the
        product's own web safety buffer."""
        found = self.session.execute(
            select(m.Product.id, m.Product.web_safety_buffer).where(m.Product.sku == sku)
        ).first()
        if found is None:
            return None
        pid, buffer = found
        on_hand = self.session.scalar(
            select(func.coalesce(func.sum(m.StockMovement.quantity), 0)).where(
                m.StockMovement.product_id == pid
            )
        )
        reserved = self.session.scalar(
            select(func.coalesce(func.sum(m.Reservation.quantity), 0)).where(
                m.Reservation.product_id == pid, m.Reservation.released_at.is_(None)
            )
        )
        q = Decimal("0.001")
        return StockFigures(
            Decimal(str(on_hand)).quantize(q), Decimal(str(reserved)).quantize(q), buffer
        )
