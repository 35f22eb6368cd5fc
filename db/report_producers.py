"""The producers' settlement: lines sold and refunded by producer, commission rate, unit and
channel."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import func, select

from db import models as m
from db.report_queries import COUNTER, NIL, NO_QTY, QTY, ReportQueries, dec
from pos.domain.catalog import CENTRE_KIND
from pos.domain.eod import ProducerLineGroup


class ProducerSettlement(ReportQueries):
    """What each producer sold and had refunded in a period, for the consignment settlement."""

    def producer_groups(self, start: datetime, end: datetime) -> list[ProducerLineGroup]:
        """Lines sold in [start, end) by producer, snapshot rate and whether they were sold
        online (the channel of the sale's terminal), with the lines refunded in [start, end)
        (of any day's sales) under the rate and channel they were sold at."""
        line, p = m.SaleLine, m.Producer
        # how the product is sold: kilograms and pieces are counted apart; the terminal: its
        # channel says whether the line was sold online
        key = (
            p.code, p.name_th, p.district_th, line.commission_pct, m.Product.sold_by,
            m.Sale.terminal_id,
        )  # fmt: skip
        sold = (
            select(*key, func.sum(line.quantity), func.sum(line.total))
            .join(m.Sale, m.Sale.id == line.sale_id)
            .join(p, p.id == line.producer_id)
            .join(m.Product, m.Product.id == line.product_id, isouter=True)
            .where(m.Sale.sold_at >= start, m.Sale.sold_at < end, m.Sale.status == "completed")
            .where(p.kind != CENTRE_KIND)  # the centre's own revenue is settled with no one
            .group_by(*key)
        )
        back = m.RefundLine
        refunded = (
            select(*key, func.sum(back.quantity), func.sum(back.amount))
            .join(m.Refund, m.Refund.id == back.refund_id)
            .join(line, line.id == back.sale_line_id)
            .join(m.Sale, m.Sale.id == line.sale_id)
            .join(p, p.id == line.producer_id)
            .join(m.Product, m.Product.id == line.product_id, isouter=True)
            .where(m.Refund.refunded_at >= start, m.Refund.refunded_at < end)
            .where(p.kind != CENTRE_KIND)
            .group_by(*key)
        )
        channel = self.channels()
        sums: dict[tuple[str, str, str, Decimal | None, bool, bool], list[Decimal]] = {}
        for at, query in ((0, sold), (2, refunded)):
            for code, name, district, pct, how, tid, q_, s in self._execute(query):
                rate = None if pct is None else dec(pct)
                online = channel.get(str(tid), COUNTER) != COUNTER
                group = (code, name, district, rate, how == "weight", online)
                found = sums.setdefault(group, [NO_QTY, NIL, NO_QTY, NIL])
                found[at] += dec(q_, QTY)
                found[at + 1] += dec(s)
        return [
            ProducerLineGroup(code, name, district, pct, q_, s, back_q, back_s, weight, online)
            for (code, name, district, pct, weight, online), (q_, s, back_q, back_s) in sorted(
                sums.items(),
                key=lambda kv: (
                    kv[0][0],
                    kv[0][3] is not None,
                    kv[0][3] or NIL,
                    kv[0][4],
                    kv[0][5],
                ),
            )
        ]
