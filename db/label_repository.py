"""The label desk's repository: products to label, and the shelf-label print log."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, and_, func, insert, or_, select
from sqlalchemy.orm import Session

from db import models as m
from db.product_repository import matches_text
from db.product_rows import CERT_EXPIRES
from pos.domain.labels import LabelBatch, LabelLogLine, LabelProduct, LabelQuery
from pos.ports.labels import LabelChoices

_CHUNK = 500  # ids per IN (...) list: well under every backend's parameter limit


def _money(value: object) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.01"))


class SqlLabelRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def _last_labels(self) -> Any:
        """(product_id, price, printed_at) of each product's latest label."""
        latest = (
            select(
                m.LabelPrint.product_id.label("product_id"),
                func.max(m.LabelPrint.printed_at).label("printed_at"),
            )
            .group_by(m.LabelPrint.product_id)
            .subquery("latest")
        )
        return (
            select(
                m.LabelPrint.product_id.label("product_id"),
                func.max(m.LabelPrint.price).label("price"),
                latest.c.printed_at.label("printed_at"),
            )
            .join(
                latest,
                and_(
                    latest.c.product_id == m.LabelPrint.product_id,
                    latest.c.printed_at == m.LabelPrint.printed_at,
                ),
            )
            .group_by(m.LabelPrint.product_id, latest.c.printed_at)
            .subquery("last_label")
        )

    def find_for_labels(self, query: LabelQuery) -> list[LabelProduct]:
        last = self._last_labels()
        p, pr = m.Product, m.Producer
        conditions: list[ColumnElement[bool]] = [p.active.is_(True)]
        text = query.text.strip()
        if text:
            conditions.append(matches_text(text))
        if query.category:
            conditions.append(p.category_code == query.category)
        if query.producer:
            conditions.append(pr.code == query.producer)
        if query.district:
            district = query.district.strip()
            conditions.append(or_(pr.district_th == district, pr.district_en.ilike(district)))
        if query.skus:
            conditions.append(p.sku.in_(query.skus))
        wanted: list[ColumnElement[bool]] = []
        if query.changed:
            # labelled, and its price is not the label's, or changed since (price history)
            repriced = (
                select(m.PriceChange.id)
                .where(
                    m.PriceChange.product_id == p.id,
                    m.PriceChange.changed_at > last.c.printed_at,
                )
                .exists()
            )
            wanted.append(
                and_(last.c.price.is_not(None), or_(last.c.price != p.unit_price, repriced))
            )
        if query.new:
            wanted.append(last.c.price.is_(None))
        if wanted:
            conditions.append(or_(*wanted))
        rows = self.session.execute(
            select(
                p.id,
                p.sku,
                p.name_th,
                p.name_en,
                p.unit_price,
                p.sold_by,
                p.unit_th,
                p.unit_en,
                p.category_code,
                p.stars,
                p.star_year,
                p.story_url,
                pr.code.label("producer_code"),
                pr.name_th.label("producer_th"),
                pr.name_en.label("producer_en"),
                pr.district_th,
                pr.district_en,
                pr.province_th,
                pr.province_en,
                last.c.price.label("last_price"),
                last.c.printed_at.label("last_at"),
                CERT_EXPIRES,
            )
            .join(pr, pr.id == p.producer_id)
            .outerjoin(last, last.c.product_id == p.id)
            .where(*conditions)
            .order_by(p.sku)
        ).all()
        codes = self._codes(r.id for r in rows)
        found = [
            LabelProduct(
                product_id=r.id,
                sku=r.sku,
                name_th=r.name_th,
                name_en=r.name_en,
                price=r.unit_price,
                sold_by=r.sold_by,
                unit_th=r.unit_th,
                unit_en=r.unit_en,
                codes=tuple(codes.get(r.id, ())),
                category=r.category_code,
                producer_code=r.producer_code,
                producer_th=r.producer_th,
                producer_en=r.producer_en,
                district_th=r.district_th,
                district_en=r.district_en,
                province_th=r.province_th,
                province_en=r.province_en,
                stars=r.stars,
                star_year=r.star_year,
                last_label_price=_money(r.last_price),
                last_label_at=r.last_at,
                story_url=r.story_url,
                cert_expires=r.cert_expires,
            )
            for r in rows
        ]
        if query.skus:
            order = {sku: i for i, sku in enumerate(query.skus)}
            found.sort(key=lambda lp: order.get(lp.sku, len(order)))
        return found

    def _codes(self, product_ids: Iterable[str]) -> dict[str, list[str]]:
        ids = list(product_ids)
        out: dict[str, list[str]] = defaultdict(list)
        for start in range(0, len(ids), _CHUNK):
            for pid, code in self.session.execute(
                select(m.ProductBarcode.product_id, m.ProductBarcode.code)
                .where(m.ProductBarcode.product_id.in_(ids[start : start + _CHUNK]))
                .order_by(m.ProductBarcode.code)
            ):
                out[pid].append(code)
        return out

    def record_label_batch(self, batch: LabelBatch) -> None:
        if not batch.lines:
            return
        self.session.execute(
            insert(m.LabelPrint),
            [
                {
                    "id": m.new_id(),
                    "batch_id": batch.batch_id,
                    "product_id": line.product_id,
                    "sku": line.sku,
                    "price": line.price,
                    "copies": line.copies,
                    "template": batch.template,
                    "printed_at": batch.printed_at,
                }
                for line in batch.lines
            ],
        )

    def label_batches(self, limit: int) -> list[LabelBatch]:
        """The latest `limit` batches, newest first."""
        newest = self.session.execute(
            select(m.LabelPrint.batch_id, func.max(m.LabelPrint.printed_at).label("at"))
            .group_by(m.LabelPrint.batch_id)
            .order_by(func.max(m.LabelPrint.printed_at).desc(), m.LabelPrint.batch_id)
            .limit(limit)
        ).all()
        if not newest:
            return []
        rows = self.session.scalars(
            select(m.LabelPrint)
            .where(m.LabelPrint.batch_id.in_([b for b, _ in newest]))
            .order_by(m.LabelPrint.sku)
        )
        lines: dict[str, list[m.LabelPrint]] = defaultdict(list)
        for row in rows:
            lines[row.batch_id].append(row)
        return [
            LabelBatch(
                batch_id=batch_id,
                printed_at=at,
                template=lines[batch_id][0].template,
                lines=tuple(
                    LabelLogLine(r.product_id, r.sku, r.price, r.copies) for r in lines[batch_id]
                ),
            )
            for batch_id, at in newest
        ]

    def label_choices(self) -> LabelChoices:
        categories = self.session.execute(
            select(m.Category.code, m.Category.name_th, m.Category.name_en).order_by(
                m.Category.sort_order, m.Category.code
            )
        ).all()
        producers = self.session.execute(
            select(m.Producer.code, m.Producer.name_th, m.Producer.name_en).order_by(
                m.Producer.name_th
            )
        ).all()
        districts = self.session.execute(
            select(m.Producer.district_th, m.Producer.district_en)
            .distinct()
            .order_by(m.Producer.district_th)
        ).all()
        return LabelChoices(
            categories=tuple((c, th, en) for c, th, en in categories),
            producers=tuple((c, th, en) for c, th, en in producers),
            districts=tuple((th, en) for th, en in districts),
        )
