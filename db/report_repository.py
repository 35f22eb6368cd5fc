"""End-of-day and consignment figures as SQL aggregates over the sales tables."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db import models as m
from pos.domain.eod import (
    CENT,
    EodReport,
    GroupRow,
    ProducerLineGroup,
    hourly,
    with_shares,
)


def _dec(v: Any, q: Decimal = CENT) -> Decimal:
    return Decimal(str(v or 0)).quantize(q)


QTY = Decimal("0.001")


class SqlReportRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def eod(self, start: datetime, end: datetime, top: int = 10) -> EodReport:
        when = (m.Sale.sold_at >= start, m.Sale.sold_at < end)
        done = (*when, m.Sale.status == "completed")
        ex = self.session.execute
        t = ex(
            select(
                func.count(),
                func.sum(m.Sale.subtotal),
                func.sum(m.Sale.discount_total),
                func.sum(m.Sale.total),
                func.sum(m.Sale.vatable),
                func.sum(m.Sale.exempt),
                func.sum(m.Sale.vat),
            ).where(*done)
        ).one()
        total = _dec(t[3])
        voided = ex(
            select(func.count()).select_from(m.Sale).where(*when, m.Sale.status == "voided")
        )
        tenders = [
            GroupRow(kind, kind, Decimal(n), _dec(amount))
            for kind, n, amount in ex(
                select(m.Payment.kind, func.count(), func.sum(m.Payment.amount))
                .join(m.Sale, m.Sale.id == m.Payment.sale_id)
                .where(*done)
                .group_by(m.Payment.kind)
                .order_by(m.Payment.kind)
            )
        ]
        lines = select(m.SaleLine).join(m.Sale, m.Sale.id == m.SaleLine.sale_id).where(*done)
        qty, amount = func.sum(m.SaleLine.quantity), func.sum(m.SaleLine.total)

        def rows(q: Any) -> list[GroupRow]:
            return [GroupRow(str(k), str(n), _dec(a, QTY), _dec(b)) for k, n, a, b in ex(q)]

        base = lines.with_only_columns
        by_category = rows(
            base(m.SaleLine.category_code, m.Category.name_th, qty, amount)
            .join(m.Category, m.Category.code == m.SaleLine.category_code, isouter=True)
            .group_by(m.SaleLine.category_code, m.Category.name_th)
            .order_by(amount.desc())
        )
        by_producer = rows(
            base(m.Producer.code, m.Producer.name_th, qty, amount)
            .join(m.Producer, m.Producer.id == m.SaleLine.producer_id, isouter=True)
            .group_by(m.Producer.code, m.Producer.name_th)
            .order_by(amount.desc())
        )
        by_district = rows(
            base(m.Producer.district_en, m.Producer.district_th, qty, amount)
            .join(m.Producer, m.Producer.id == m.SaleLine.producer_id, isouter=True)
            .group_by(m.Producer.district_en, m.Producer.district_th)
            .order_by(amount.desc())
        )
        top_products = rows(
            base(m.SaleLine.sku, func.max(m.SaleLine.name_th), qty, amount)
            .group_by(m.SaleLine.sku)
            .order_by(amount.desc(), m.SaleLine.sku)
            .limit(top)
        )
        moments = [
            (when_, _dec(tot))
            for when_, tot in ex(select(m.Sale.sold_at, m.Sale.total).where(*done))
        ]
        return EodReport(
            start=start,
            end=end,
            sales_count=int(t[0]),
            gross=_dec(t[1]),
            discounts=_dec(t[2]),
            total=total,
            vatable=_dec(t[4]),
            exempt=_dec(t[5]),
            vat=_dec(t[6]),
            voided=int(voided.scalar() or 0),
            tenders=with_shares(tenders, total),
            by_category=with_shares(by_category, total),
            by_producer=with_shares(by_producer, total),
            by_district=with_shares(by_district, total),
            by_hour=with_shares(hourly(moments), total),
            top_products=with_shares(top_products, total),
        )

    def producer_groups(self, start: datetime, end: datetime) -> list[ProducerLineGroup]:
        q = (
            select(
                m.Producer.code,
                m.Producer.name_th,
                m.Producer.district_th,
                m.SaleLine.commission_pct,
                func.sum(m.SaleLine.quantity),
                func.sum(m.SaleLine.total),
            )
            .join(m.Sale, m.Sale.id == m.SaleLine.sale_id)
            .join(m.Producer, m.Producer.id == m.SaleLine.producer_id)
            .where(m.Sale.sold_at >= start, m.Sale.sold_at < end, m.Sale.status == "completed")
            .group_by(
                m.Producer.code,
                m.Producer.name_th,
                m.Producer.district_th,
                m.SaleLine.commission_pct,
            )
            .order_by(m.Producer.code)
        )
        return [
            ProducerLineGroup(
                code, name, district, None if pct is None else _dec(pct), _dec(q_, QTY), _dec(s)
            )
            for code, name, district, pct, q_, s in self.session.execute(q)
        ]
