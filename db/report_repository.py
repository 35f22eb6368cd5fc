"""End-of-day and consignment figures as SQL aggregates over the sales tables."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Integer, cast, func, select
from sqlalchemy.orm import Session

from db import models as m
from pos.domain.eod import (
    CENT,
    EodReport,
    GroupRow,
    ProducerLineGroup,
    hourly_sums,
    roll_up,
    with_shares,
)


def _dec(v: Any, q: Decimal = CENT) -> Decimal:
    return Decimal(str(v or 0)).quantize(q)


QTY = Decimal("0.001")


class SqlReportRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def eod(
        self,
        start: datetime,
        end: datetime,
        top: int = 10,
        terminal_ids: Sequence[str] | None = None,
    ) -> EodReport:
        """Completed sales in [start, end), of the given counters (None: all of them)."""
        when: tuple[Any, ...] = (m.Sale.sold_at >= start, m.Sale.sold_at < end)
        if terminal_ids is not None:
            when = (*when, m.Sale.terminal_id.in_(terminal_ids))
        done = (*when, m.Sale.status == "completed")
        ex = self.session.execute
        t = ex(
            select(
                func.count(),
                # sales.subtotal is after line discounts: gross is before any discount
                func.sum(m.Sale.subtotal + m.Sale.discount_total - m.Sale.sale_discount),
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
        # one pass over the lines: product by product, rolled up below by category,
        # producer and district (a few thousand groups, not a million lines)
        per_product = [
            (str(sku), str(name), str(cat), pid, _dec(q, QTY), _dec(a))
            for sku, name, cat, pid, q, a in ex(
                select(
                    m.SaleLine.sku,
                    func.max(m.SaleLine.name_th),
                    m.SaleLine.category_code,
                    m.SaleLine.producer_id,
                    func.sum(m.SaleLine.quantity),
                    func.sum(m.SaleLine.total),
                )
                .join(m.Sale, m.Sale.id == m.SaleLine.sale_id)
                .where(*done)
                .group_by(m.SaleLine.sku, m.SaleLine.category_code, m.SaleLine.producer_id)
            )
        ]
        categories = {str(c): str(n) for c, n in ex(select(m.Category.code, m.Category.name_th))}
        producers = {  # every producer: a small table, read whole
            str(pid): (str(code), str(name), str(d_en), str(d_th))
            for pid, code, name, d_en, d_th in ex(
                select(
                    m.Producer.id,
                    m.Producer.code,
                    m.Producer.name_th,
                    m.Producer.district_en,
                    m.Producer.district_th,
                )
            )
        }
        none = ("None", "None", "None", "None")
        made_by = [(producers.get(p or "", none), q, a) for _s, _n, _c, p, q, a in per_product]
        by_category = roll_up(
            ((c, categories.get(c, "None"), q, a) for _s, _n, c, _p, q, a in per_product), total
        )
        by_producer = roll_up(((who[0], who[1], q, a) for who, q, a in made_by), total)
        by_district = roll_up(((who[2], who[3], q, a) for who, q, a in made_by), total)
        top_products = roll_up(((s, n, q, a) for s, n, _c, _p, q, a in per_product), total)[:top]
        hour = self._bangkok_hour()
        by_hour = hourly_sums(
            (int(h), int(n), _dec(a))
            for h, n, a in ex(
                select(hour, func.count(), func.sum(m.Sale.total)).where(*done).group_by(hour)
            )
        )
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
            by_category=by_category,
            by_producer=by_producer,
            by_district=by_district,
            by_hour=with_shares(by_hour, total),
            top_products=top_products,
            baskets=self._baskets(done, total),
            discount_reasons=self._discounts(done),
            by_counter=self._counters(done, total),
        )

    def _bangkok_hour(self) -> Any:
        """The hour of `sales.sold_at` on a Bangkok clock (UTC+7, no daylight saving)."""
        if self.session.get_bind().dialect.name == "postgresql":
            return func.extract("hour", func.timezone("Asia/Bangkok", m.Sale.sold_at))
        return (cast(func.strftime("%H", m.Sale.sold_at), Integer) + 7) % 24

    def _baskets(self, done: tuple[Any, ...], total: Decimal) -> tuple[GroupRow, ...]:
        code = func.coalesce(m.BasketTemplate.code, "custom")
        name = func.coalesce(m.BasketTemplate.name_th, "ตะกร้าจัดเอง / Custom basket")
        q = (
            select(
                code,
                name,
                func.sum(m.SaleBasket.count),
                func.sum(m.SaleBasket.price * m.SaleBasket.count),
            )
            .join(m.Sale, m.Sale.id == m.SaleBasket.sale_id)
            .join(m.BasketTemplate, m.BasketTemplate.id == m.SaleBasket.template_id, isouter=True)
            .where(*done)
            .group_by(code, name)
        )
        return roll_up(
            ((str(k), str(n), Decimal(c or 0), _dec(v)) for k, n, c, v in self.session.execute(q)),
            total,
        )

    def _discounts(self, done: tuple[Any, ...]) -> tuple[GroupRow, ...]:
        ex = self.session.execute
        line = ex(
            select(
                m.SaleLine.line_discount_reason, func.count(), func.sum(m.SaleLine.line_discount)
            )
            .join(m.Sale, m.Sale.id == m.SaleLine.sale_id)
            .where(*done, m.Sale.discount_total != 0, m.SaleLine.line_discount != 0)
            .group_by(m.SaleLine.line_discount_reason)
        )
        sale = ex(
            select(m.Sale.sale_discount_reason, func.count(), func.sum(m.Sale.sale_discount))
            .where(*done, m.Sale.sale_discount != 0)
            .group_by(m.Sale.sale_discount_reason)
        )
        out = [
            GroupRow(kind, str(reason or ""), Decimal(n), _dec(amount))
            for kind, rows in (("line", line), ("sale", sale))
            for reason, n, amount in rows
        ]
        out.sort(key=lambda r: (r.key, -r.sales, r.name))
        return tuple(out)

    def _counters(self, done: tuple[Any, ...], total: Decimal) -> tuple[GroupRow, ...]:
        rows = [
            GroupRow(str(prefix), str(name), Decimal(n), _dec(amount))
            for prefix, name, n, amount in self.session.execute(
                select(
                    m.Terminal.receipt_prefix, m.Terminal.name, func.count(), func.sum(m.Sale.total)
                )
                .join(m.Terminal, m.Terminal.id == m.Sale.terminal_id)
                .where(*done)
                .group_by(m.Terminal.receipt_prefix, m.Terminal.name)
                .order_by(m.Terminal.receipt_prefix)
            )
        ]
        return with_shares(rows, total) if len(rows) > 1 else ()

    def sales_total(self, start: datetime, end: datetime) -> Decimal:
        q = select(func.sum(m.Sale.total)).where(
            m.Sale.sold_at >= start, m.Sale.sold_at < end, m.Sale.status == "completed"
        )
        return _dec(self.session.execute(q).scalar())

    def terminals(self) -> list[tuple[str, str, str, str]]:
        """Every counter: (id, name, POS ID, receipt prefix)."""
        q = select(m.Terminal.id, m.Terminal.name, m.Terminal.pos_id, m.Terminal.receipt_prefix)
        return [
            (str(a), str(b), str(c), str(d))
            for a, b, c, d in self.session.execute(q.order_by(m.Terminal.name))
        ]

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
