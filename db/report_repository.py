"""End-of-day and consignment figures as SQL aggregates over the sales tables."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Integer, case, cast, func, select
from sqlalchemy.exc import ProgrammingError
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
from pos.domain.errors import ShopError


def _dec(v: Any, q: Decimal = CENT) -> Decimal:
    return Decimal(str(v or 0)).quantize(q)


QTY = Decimal("0.001")
NIL = Decimal("0.00")


class SqlReportRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def _execute(self, statement: Any) -> Any:  # a Result
        """Run a report statement; a database user without the right to read the sales (the
        central server's counter role may only insert them) gets a message, not a traceback."""
        try:
            return self.session.execute(statement)
        except ProgrammingError as exc:
            if getattr(exc.orig, "sqlstate", None) != "42501":  # insufficient_privilege
                raise
            raise ShopError(
                "This database user may not read the sales (a counter may only send them): "
                "run reports with the back office's database URL",
                "ผู้ใช้ฐานข้อมูลนี้ไม่มีสิทธิ์อ่านยอดขาย (เครื่องขายส่งยอดขายได้อย่างเดียว): "
                "ใช้ URL ฐานข้อมูลของสำนักงานในการออกรายงาน",
            ) from exc

    def eod(
        self,
        start: datetime,
        end: datetime,
        top: int = 10,
        terminal_ids: Sequence[str] | None = None,
    ) -> EodReport:
        """Completed sales in [start, end), of the given counters (None: all of them).

        One pass over the period's sales (grouped by status, counter, hour and sale-discount
        reason), one over their lines (grouped by product and line-discount reason), one over
        their payments and one over their baskets; the breakdowns are added up from those
        groups here (hundreds to a few thousand rows, not a million lines)."""
        when: tuple[Any, ...] = (m.Sale.sold_at >= start, m.Sale.sold_at < end)
        if terminal_ids is not None:
            when = (*when, m.Sale.terminal_id.in_(terminal_ids))
        done = (*when, m.Sale.status == "completed")
        ex = self._execute
        hour = self._bangkok_hour()
        s = m.Sale
        sale_groups = ex(
            select(
                s.status,
                s.terminal_id,
                hour,
                s.sale_discount_reason,
                func.count(),
                # sales.subtotal is after line discounts: gross is before any discount
                func.sum(s.subtotal + s.discount_total - s.sale_discount),
                func.sum(s.discount_total),
                func.sum(s.total),
                func.sum(s.vatable),
                func.sum(s.exempt),
                func.sum(s.vat),
                func.sum(s.sale_discount),
                func.sum(case((s.sale_discount != 0, 1), else_=0)),
            )
            .where(*when)
            .group_by(s.status, s.terminal_id, hour, s.sale_discount_reason)
        ).all()
        count, voided = 0, 0
        sums = [NIL] * 6  # gross, discounts, total, vatable, exempt, vat
        hours: dict[int, tuple[int, Decimal]] = {}
        counters: dict[str, tuple[int, Decimal]] = {}
        sale_discounts: dict[str, tuple[int, Decimal]] = {}
        for status, tid, h, reason, n, *amounts, s_disc, n_disc in sale_groups:
            if status != "completed":
                voided += int(n) if status == "voided" else 0
                continue
            money = [_dec(a) for a in amounts]
            count += int(n)
            sums = [a + b for a, b in zip(sums, money, strict=True)]
            hn, ht = hours.get(int(h), (0, NIL))
            hours[int(h)] = (hn + int(n), ht + money[2])
            cn, ct = counters.get(str(tid), (0, NIL))
            counters[str(tid)] = (cn + int(n), ct + money[2])
            if n_disc:
                dn, dt = sale_discounts.get(str(reason or ""), (0, NIL))
                sale_discounts[str(reason or "")] = (dn + int(n_disc), dt + _dec(s_disc))
        total = sums[2]
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
        line = m.SaleLine
        line_groups = ex(
            select(
                line.sku,
                func.max(line.name_th),
                line.category_code,
                line.producer_id,
                line.line_discount_reason,
                func.sum(line.quantity),
                func.sum(line.total),
                func.sum(line.line_discount),
                func.sum(case((line.line_discount != 0, 1), else_=0)),
            )
            .join(m.Sale, m.Sale.id == line.sale_id)
            .where(*done)
            .group_by(line.sku, line.category_code, line.producer_id, line.line_discount_reason)
        ).all()
        per_product = [
            (str(sku), str(name), str(cat), pid, _dec(q, QTY), _dec(a))
            for sku, name, cat, pid, _r, q, a, _d, _n in line_groups
        ]
        line_discounts: dict[str, tuple[int, Decimal]] = {}
        for *_, reason, _q, _a, l_disc, n_disc in line_groups:
            if n_disc:
                dn, dt = line_discounts.get(str(reason or ""), (0, NIL))
                line_discounts[str(reason or "")] = (dn + int(n_disc), dt + _dec(l_disc))
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
        by_hour = hourly_sums((h, n, t) for h, (n, t) in hours.items())
        discounts = [
            GroupRow(kind, reason, Decimal(n), amount.quantize(CENT))
            for kind, found in (("line", line_discounts), ("sale", sale_discounts))
            for reason, (n, amount) in found.items()
        ]
        discounts.sort(key=lambda r: (r.key, -r.sales, r.name))
        return EodReport(
            start=start,
            end=end,
            sales_count=count,
            gross=sums[0],
            discounts=sums[1],
            total=total,
            vatable=sums[3],
            exempt=sums[4],
            vat=sums[5],
            voided=voided,
            tenders=with_shares(tenders, total),
            by_category=by_category,
            by_producer=by_producer,
            by_district=by_district,
            by_hour=with_shares(by_hour, total),
            top_products=top_products,
            baskets=self._baskets(done, total),
            discount_reasons=tuple(discounts),
            by_counter=self._counters(counters, total),
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
            ((str(k), str(n), Decimal(c or 0), _dec(v)) for k, n, c, v in self._execute(q)),
            total,
        )

    def _counters(
        self, counters: dict[str, tuple[int, Decimal]], total: Decimal
    ) -> tuple[GroupRow, ...]:
        """Receipts and sales per counter, by receipt prefix (only when several counters sold)."""
        if len(counters) < 2:
            return ()
        known = {tid: (name, prefix) for tid, name, _pos, prefix in self.terminals()}
        rows = []
        for tid, (n, t) in counters.items():
            name, prefix = known.get(tid, (tid, tid))
            rows.append(GroupRow(prefix, name, Decimal(n), t))
        return with_shares(sorted(rows, key=lambda r: r.key), total)

    def sales_total(self, start: datetime, end: datetime) -> Decimal:
        q = select(func.sum(m.Sale.total)).where(
            m.Sale.sold_at >= start, m.Sale.sold_at < end, m.Sale.status == "completed"
        )
        return _dec(self._execute(q).scalar())

    def terminals(self) -> list[tuple[str, str, str, str]]:
        """Every counter: (id, name, POS ID, receipt prefix)."""
        q = select(m.Terminal.id, m.Terminal.name, m.Terminal.pos_id, m.Terminal.receipt_prefix)
        return [
            (str(a), str(b), str(c), str(d))
            for a, b, c, d in self._execute(q.order_by(m.Terminal.name))
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
            for code, name, district, pct, q_, s in self._execute(q)
        ]
