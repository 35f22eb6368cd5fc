"""A day's (or a period's) grouped sales for the end-of-day report: the four grouped passes
over the sales, and the closed days' summaries kept in `report_days` while their sales'
fingerprints still match."""

from __future__ import annotations

import json
import logging
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import and_, case, delete, func, insert, or_, select
from sqlalchemy.exc import IntegrityError, InternalError, OperationalError, ProgrammingError

from db import models as m
from db.report_queries import ALL, NO_PRIVILEGE, ReportQueries, add, cents, milli, runs, sum_of
from pos.domain.shop_time import day_bounds

log = logging.getLogger("db.report_repository")  # the reports' logger, as it was named
# the layout of the groups a day's summary keeps: a summary of an older layout (line groups
# keyed without the product's sold-by) does not match its fingerprint and is grouped again
GROUPS_FORMAT = "2"


class DayGroups:
    """The report's grouped rows (sums in satang, quantities in thousandths) of a day and
    counter, or of a whole period: the sums add up, a product's name is the greatest seen.
    Line groups (thousands a day) are keyed by their JSON text and kept as JSON loads them, so
    that a month of days adds up without a conversion per row."""

    __slots__ = ("baskets", "lines", "sales", "tenders")

    def __init__(self) -> None:
        # (status, terminal, hour, sale-discount reason) -> [receipts, gross, discounts, total,
        #   vatable, exempt, vat, sale discounts, discounted receipts]
        self.sales: dict[tuple[Any, ...], list[int]] = {}
        self.tenders: dict[str, list[int]] = {}  # kind -> [payments, amount]
        # JSON of [sku, category, producer id, line-discount reason, sold by weight] -> [name,
        #   quantity (kilograms for goods sold by weight, else pieces), total, line discounts,
        #   discounted lines]
        self.lines: dict[str, list[Any]] = {}
        self.baskets: dict[tuple[Any, ...], list[int]] = {}  # (code, name) -> [count, value]

    def add_sale(self, key: tuple[Any, ...], values: list[int]) -> None:
        add(self.sales, key, values)

    def add_tender(self, kind: str, values: list[int]) -> None:
        add(self.tenders, kind, values)

    def add_line(self, key: tuple[Any, ...], name: str, values: list[int]) -> None:
        self._add_lines({json.dumps(key, ensure_ascii=False): [name, *values]}, own=True)

    def add_basket(self, key: tuple[Any, ...], values: list[int]) -> None:
        add(self.baskets, key, values)

    def _add_lines(self, lines: dict[str, list[Any]], *, own: bool) -> None:
        into = self.lines
        for key, v in lines.items():
            found = into.get(key)
            if found is None:
                into[key] = v if own else list(v)
                continue
            if v[0] > found[0]:
                found[0] = v[0]
            found[1] += v[1]
            found[2] += v[2]
            found[3] += v[3]
            found[4] += v[4]

    def merge(self, other: DayGroups, *, own: bool = False) -> None:
        """Add `other` in (`own`: its lists may be taken over, it is not used again)."""
        for key, values in other.sales.items():
            add(self.sales, key, values)
        for kind, values in other.tenders.items():
            add(self.tenders, kind, values)
        self._add_lines(other.lines, own=own)
        for key, values in other.baskets.items():
            add(self.baskets, key, values)

    def line_rows(self) -> list[tuple[Any, ...]]:
        """(sku, category, producer id, reason, by weight, name, quantity, total, discounts,
        discounted)."""
        return [(*json.loads(k), *v) for k, v in self.lines.items()]

    def dumps(self) -> str:
        return json.dumps(
            {
                "sales": [[*k, *v] for k, v in self.sales.items()],
                "tenders": [[k, *v] for k, v in self.tenders.items()],
                "lines": self.lines,
                "baskets": [[*k, *v] for k, v in self.baskets.items()],
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )

    @classmethod
    def loads(cls, text: str) -> DayGroups:
        data = json.loads(text)
        g = cls()
        g.sales = {tuple(r[:4]): r[4:] for r in data["sales"]}
        g.tenders = {r[0]: r[1:] for r in data["tenders"]}
        g.lines = data["lines"]
        g.baskets = {tuple(r[:2]): r[2:] for r in data["baskets"]}
        return g


class DaySummaries(ReportQueries):
    """The sales' groups, of a whole period or per day, read from the kept summaries."""

    def _groups(
        self, when: tuple[Any, ...], *, by_day: bool, per_counter: bool = False
    ) -> dict[tuple[str, str] | None, DayGroups]:
        """The four grouped passes over the sales in `when`: per (Bangkok day, counter) with
        `per_counter`, per (Bangkok day, "*") with `by_day` only, or for the whole of it (key
        None)."""
        ex = self._execute
        s = m.Sale
        done = (*when, s.status == "completed")
        extra: list[Any] = []
        if by_day:
            extra = [self._bangkok_date(), s.terminal_id] if per_counter else [self._bangkok_date()]
        k = len(extra)
        out: dict[tuple[str, str] | None, DayGroups] = {}

        def at(row: Any) -> DayGroups:
            key = None
            if by_day:
                key = (str(row[0]), str(row[1]) if per_counter else ALL)
            found = out.get(key)
            if found is None:
                found = out[key] = DayGroups()
            return found

        hour = self._bangkok_hour()
        for row in ex(
            select(
                *extra,
                s.status,
                s.terminal_id,
                hour,
                s.sale_discount_reason,
                func.count(),
                # sales.subtotal is after line discounts: gross is before any discount
                sum_of(s.subtotal + s.discount_total - s.sale_discount),
                sum_of(s.discount_total),
                sum_of(s.total),
                sum_of(s.vatable),
                sum_of(s.exempt),
                sum_of(s.vat),
                sum_of(s.sale_discount),
                func.sum(case((s.sale_discount != 0, 1), else_=0)),
            )
            .where(*when)
            .group_by(*extra, s.status, s.terminal_id, hour, s.sale_discount_reason)
        ):
            status, tid, h, reason, n, *amounts, n_disc = row[k:]
            at(row).add_sale(
                (str(status), str(tid), int(h), reason),
                [int(n), *(cents(a) for a in amounts), int(n_disc or 0)],
            )
        for row in ex(
            select(*extra, m.Payment.kind, func.count(), sum_of(m.Payment.amount))
            .join(m.Sale, m.Sale.id == m.Payment.sale_id)
            .where(*done)
            .group_by(*extra, m.Payment.kind)
        ):
            kind, n, amount = row[k:]
            at(row).add_tender(str(kind), [int(n), cents(amount)])
        line = m.SaleLine
        # how the product is sold (lines keep no unit of their own): kilograms and pieces are
        # summed apart
        sold_by = m.Product.sold_by
        for row in ex(
            select(
                *extra,
                line.sku,
                func.max(line.name_th),
                line.category_code,
                line.producer_id,
                line.line_discount_reason,
                sold_by,
                sum_of(line.quantity),
                sum_of(line.total),
                sum_of(line.line_discount),
                func.sum(case((line.line_discount != 0, 1), else_=0)),
            )
            .join(m.Sale, m.Sale.id == line.sale_id)
            .join(m.Product, m.Product.id == line.product_id, isouter=True)
            .where(*done)
            .group_by(
                *extra,
                line.sku,
                line.category_code,
                line.producer_id,
                line.line_discount_reason,
                sold_by,
            )
        ):
            sku, name, cat, pid, reason, how, q, a, l_disc, n_disc = row[k:]
            at(row).add_line(
                (str(sku), cat, pid, reason, how == "weight"),
                str(name),
                [milli(q), cents(a), cents(l_disc), int(n_disc or 0)],
            )
        code = func.coalesce(m.BasketTemplate.code, "custom")
        bname = func.coalesce(m.BasketTemplate.name_th, "ตะกร้าจัดเอง / Custom basket")
        for row in ex(
            select(
                *extra,
                code,
                bname,
                func.sum(m.SaleBasket.count),
                sum_of(m.SaleBasket.price * m.SaleBasket.count),
            )
            .join(m.Sale, m.Sale.id == m.SaleBasket.sale_id)
            .join(m.BasketTemplate, m.BasketTemplate.id == m.SaleBasket.template_id, isouter=True)
            .where(*done)
            .group_by(*extra, code, bname)
        ):
            bk, bn, c, v = row[k:]
            at(row).add_basket((str(bk), str(bn)), [int(c or 0), cents(v)])
        return out

    def _cached_groups(self, when: tuple[Any, ...], *, per_counter: bool) -> DayGroups:
        """The period's groups from the closed days' summaries that still match their sales'
        fingerprints, and from the sales for the rest (written back for days that are over).
        A report of all counters keeps one summary a day (scope "*"), a report of some
        counters one a day and counter (scope: the counter's id)."""
        s = m.Sale
        day = self._bangkok_date()
        by = [day, s.terminal_id] if per_counter else [day]
        prints = {
            (str(d), str(t[0]) if t else ALL): (
                f"{GROUPS_FORMAT}:{int(n)}/{int(done or 0)}/{cents(total)}"
            )
            for d, *t, n, done, total in self._execute(
                select(
                    *by,
                    func.count(),
                    func.sum(case((s.status == "completed", 1), else_=0)),
                    sum_of(s.total),
                )
                .where(*when)
                .group_by(*by)
            )
        }
        merged = DayGroups()
        if not prints:
            return merged
        now = datetime.now(UTC)
        days = sorted({d for d, _t in prints})
        over = {d for d in days if day_bounds(date.fromisoformat(d))[1] <= now}
        r = m.ReportDay
        kept: set[tuple[str, str]] = set()
        scopes = {t for _d, t in prints}
        for d, t, fingerprint, groups in self._execute(
            select(r.day, r.scope, r.fingerprint, r.groups).where(
                r.day >= days[0], r.day <= days[-1], r.scope.in_(scopes)
            )
        ):
            key = (str(d), str(t))
            if d in over and prints.get(key) == fingerprint:
                merged.merge(DayGroups.loads(str(groups)), own=True)
                kept.add(key)
        stale = sorted({d for d, t in prints if (d, t) not in kept})
        if not stale:
            return merged
        ranges = [
            and_(s.sold_at >= day_bounds(a)[0], s.sold_at < day_bounds(b)[1])
            for a, b in runs([date.fromisoformat(d) for d in stale])
        ]
        fresh = self._groups((*when, or_(*ranges)), by_day=True, per_counter=per_counter)
        keep: dict[tuple[str, str], DayGroups] = {}
        for day_key, groups in fresh.items():
            assert day_key is not None
            if day_key in kept:  # a summarised counter's day beside a stale one
                continue
            merged.merge(groups)
            if day_key[0] in over and day_key in prints:
                keep[day_key] = groups
        if keep:
            self._keep(keep, prints, now)
        return merged

    def _keep(
        self,
        days: dict[tuple[str, str], DayGroups],
        prints: dict[tuple[str, str], str],
        now: datetime,
    ) -> None:
        """Write closed days' groups to `report_days` in a savepoint; a store that may not be
        written (a read-only file, a role without the right, a busy SQLite file, another report
        writing the same day) keeps nothing and the report is still computed."""
        r = m.ReportDay
        try:
            with self.session.begin_nested():
                self.session.execute(
                    delete(r).where(or_(*(and_(r.day == d, r.scope == t) for d, t in days)))
                )
                self.session.execute(
                    insert(r),
                    [
                        {
                            "day": d,
                            "scope": t,
                            "fingerprint": prints[(d, t)],
                            "groups": g.dumps(),
                            "computed_at": now,
                        }
                        for (d, t), g in days.items()
                    ],
                )
        except (OperationalError, IntegrityError, InternalError):
            pass  # a read-only or busy store, or another report keeping the same day first
        except ProgrammingError as exc:
            if getattr(exc.orig, "sqlstate", None) == NO_PRIVILEGE:
                log.info("closed days not kept: this database user may not write report_days")
            else:  # a statement the database refuses is a bug: the report goes on without it
                log.exception("closed days could not be kept in report_days")
