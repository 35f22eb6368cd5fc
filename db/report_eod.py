"""The end-of-day (or a period's) report: the sales' groups added up into its totals and
breakdowns by payment, category, producer, district, hour, product, basket, discount reason,
counter and channel."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from db import models as m
from db.report_days import DayGroups, DaySummaries
from db.report_queries import COUNTER, add, baht, midnight, qty
from pos.domain.eod import (
    ChannelRow,
    EodReport,
    GroupRow,
    channel_rows,
    hourly_sums,
    roll_up,
    roll_up_goods,
    with_shares,
)


class EodReports(DaySummaries):
    """The report of completed sales in a period, of all counters or some."""

    def eod(
        self,
        start: datetime,
        end: datetime,
        top: int = 10,
        terminal_ids: Sequence[str] | None = None,
        *,
        cached: bool = True,
    ) -> EodReport:
        """Completed sales in [start, end), of the given counters (None: all of them).

        Four grouped passes over the sales (by status, counter, hour and sale-discount reason),
        their lines (by product and line-discount reason), payments and baskets; the breakdowns
        are added up from those groups here. With `cached` and a period of whole Bangkok days,
        the groups of days that are over are read from `report_days` while the day's
        fingerprint (receipts, completed receipts, sum of totals) still matches its sales, and
        only the other days (today, a day a late sale or a void changed, a day never summarised)
        are grouped from the sales, then kept for the next report when the store is writable.
        The by-channel rows add the counters' groups up by their terminal's channel, read when
        the report is made: the summaries keep terminals, not channels, and stay valid."""
        when: tuple[Any, ...] = (m.Sale.sold_at >= start, m.Sale.sold_at < end)
        if terminal_ids is not None:
            when = (*when, m.Sale.terminal_id.in_(terminal_ids))
        if cached and midnight(start) and midnight(end):
            groups = self._cached_groups(when, per_counter=terminal_ids is not None)
        else:
            groups = self._groups(when, by_day=False).get(None, DayGroups())
        return self._report(start, end, top, groups)

    def _report(self, start: datetime, end: datetime, top: int, g: DayGroups) -> EodReport:
        count, voided = 0, 0
        sums = [0] * 6  # gross, discounts, total, vatable, exempt, vat (satang)
        hours: dict[int, list[int]] = {}
        counters: dict[str, list[int]] = {}
        sale_discounts: dict[str, list[int]] = {}
        for (status, tid, h, reason), (n, *amounts, s_disc, n_disc) in g.sales.items():
            if status != "completed":
                voided += n if status == "voided" else 0
                continue
            count += n
            sums = [a + b for a, b in zip(sums, amounts, strict=True)]
            hs = hours.setdefault(h, [0, 0])
            hs[0] += n
            hs[1] += amounts[2]
            cs = counters.setdefault(tid, [0, 0, 0, 0, 0])  # receipts, gross, discounts,
            cs[0] += n  #                                        total, VAT
            cs[1] += amounts[0]
            cs[2] += amounts[1]
            cs[3] += amounts[2]
            cs[4] += amounts[5]
            if n_disc:
                ds = sale_discounts.setdefault(str(reason or ""), [0, 0])
                ds[0] += n_disc
                ds[1] += s_disc
        total = baht(sums[2])
        tenders = [
            GroupRow(kind, kind, Decimal(n), baht(amount))
            for kind, (n, amount) in sorted(g.tenders.items())
        ]
        lines = g.line_rows()
        per_product = [
            (sku, name, str(cat), pid, bool(w), qty(q), baht(a))
            for sku, cat, pid, _r, w, name, q, a, _d, _n in lines
        ]
        line_discounts: dict[str, list[int]] = {}
        for *_, reason, _w, _name, _q, _a, l_disc, n_disc in lines:
            if n_disc:
                ds = line_discounts.setdefault(str(reason or ""), [0, 0])
                ds[0] += n_disc
                ds[1] += l_disc
        ex = self._execute
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
        made_by = [
            (producers.get(p or "", none), w, q, a) for _s, _n, _c, p, w, q, a in per_product
        ]
        by_category = roll_up_goods(
            ((c, categories.get(c, "None"), w, q, a) for _s, _n, c, _p, w, q, a in per_product),
            total,
        )
        by_producer = roll_up_goods(((who[0], who[1], w, q, a) for who, w, q, a in made_by), total)
        by_district = roll_up_goods(((who[2], who[3], w, q, a) for who, w, q, a in made_by), total)
        top_products = roll_up_goods(
            ((s, n, w, q, a) for s, n, _c, _p, w, q, a in per_product), total
        )[:top]
        by_hour = hourly_sums((h, n, baht(t)) for h, (n, t) in hours.items())
        discounts = [
            GroupRow(kind, reason, Decimal(n), baht(amount))
            for kind, found in (("line", line_discounts), ("sale", sale_discounts))
            for reason, (n, amount) in found.items()
        ]
        discounts.sort(key=lambda r: (r.key, -r.sales, r.name))
        baskets = roll_up(
            ((k, n, Decimal(c), baht(v)) for (k, n), (c, v) in g.baskets.items()), total
        )
        return EodReport(
            start=start,
            end=end,
            sales_count=count,
            gross=baht(sums[0]),
            discounts=baht(sums[1]),
            total=total,
            vatable=baht(sums[3]),
            exempt=baht(sums[4]),
            vat=baht(sums[5]),
            voided=voided,
            tenders=with_shares(tenders, total),
            by_category=by_category,
            by_producer=by_producer,
            by_district=by_district,
            by_hour=with_shares(by_hour, total),
            top_products=top_products,
            baskets=baskets,
            discount_reasons=tuple(discounts),
            by_counter=self._counters(
                {tid: (n, baht(t)) for tid, (n, _g, _d, t, _v) in counters.items()}, total
            ),
            by_channel=self._channel_rows(counters),
        )

    def _channel_rows(self, counters: dict[str, list[int]]) -> tuple[ChannelRow, ...]:
        """The counters' receipts, gross, discounts, total and VAT added up by their channel."""
        channel = self.channels()
        sums: dict[str, list[int]] = {}
        for tid, values in counters.items():
            add(sums, channel.get(tid, COUNTER), values)
        return channel_rows(
            {k: (Decimal(n), *(baht(v) for v in rest)) for k, (n, *rest) in sums.items()}
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
