"""Sales and refunds by channel (the counters, the web shop, chat...), and a period's total."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal

from sqlalchemy import func, select

from db import models as m
from db.report_queries import COUNTER, NIL, ReportQueries, dec


class ChannelSales(ReportQueries):
    """The channel split's sales and refunds (by the channel of the sale's terminal)."""

    def refunds_by_channel(
        self, start: datetime, end: datetime, terminal_ids: Sequence[str] | None = None
    ) -> dict[str, tuple[int, Decimal]]:
        """Refunds made in [start, end) at those counters (None: all; as the report lists
        them) as (refunds, amount) per channel of the sale they refund: a web sale refunded at
        a counter is the web's refund."""
        r = m.Refund
        q = (
            select(m.Sale.terminal_id, func.count(), func.sum(r.total))
            .join(m.Sale, m.Sale.id == r.sale_id)
            .where(r.refunded_at >= start, r.refunded_at < end)
            .group_by(m.Sale.terminal_id)
        )
        if terminal_ids is not None:
            q = q.where(r.terminal_id.in_(terminal_ids))
        channel = self.channels()
        out: dict[str, tuple[int, Decimal]] = {}
        for tid, n, amount in self._execute(q):
            key = channel.get(str(tid), COUNTER)
            had_n, had = out.get(key, (0, NIL))
            out[key] = (had_n + int(n), had + dec(amount))
        return out

    def sales_by_channel(self, start: datetime, end: datetime) -> dict[str, tuple[int, Decimal]]:
        """Completed sales sold in [start, end), all counters: (receipts, total) per channel."""
        s = m.Sale
        q = (
            select(s.terminal_id, func.count(), func.sum(s.total))
            .where(s.sold_at >= start, s.sold_at < end, s.status == "completed")
            .group_by(s.terminal_id)
        )
        channel = self.channels()
        out: dict[str, tuple[int, Decimal]] = {}
        for tid, n, total in self._execute(q):
            key = channel.get(str(tid), COUNTER)
            had_n, had = out.get(key, (0, NIL))
            out[key] = (had_n + int(n), had + dec(total))
        return out

    def sales_total(self, start: datetime, end: datetime) -> Decimal:
        q = select(func.sum(m.Sale.total)).where(
            m.Sale.sold_at >= start, m.Sale.sold_at < end, m.Sale.status == "completed"
        )
        return dec(self._execute(q).scalar())
