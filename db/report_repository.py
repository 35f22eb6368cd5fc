"""End-of-day and consignment figures as SQL aggregates over the sales tables."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    Float,
    Integer,
    and_,
    case,
    cast,
    delete,
    func,
    insert,
    or_,
    select,
    type_coerce,
)
from sqlalchemy.exc import IntegrityError, InternalError, OperationalError, ProgrammingError
from sqlalchemy.orm import Session

from db import models as m
from pos.domain.catalog import CENTRE_KIND
from pos.domain.channels import Channel
from pos.domain.eod import (
    CENT,
    ChannelRow,
    EodReport,
    GroupRow,
    ProducerLineGroup,
    channel_rows,
    hourly_sums,
    roll_up,
    roll_up_goods,
    with_shares,
)
from pos.domain.errors import ShopError
from pos.domain.shop_time import BANGKOK, day_bounds

log = logging.getLogger(__name__)
_NO_PRIVILEGE = "42501"  # PostgreSQL's insufficient_privilege


def _dec(v: Any, q: Decimal = CENT) -> Decimal:
    return Decimal(str(v or 0)).quantize(q)


QTY = Decimal("0.001")
NIL = Decimal("0.00")
NO_QTY = Decimal("0.000")
COUNTER = Channel.COUNTER.value  # a terminal the store does not know sells at a counter
ALL = "*"  # the scope of a day's summary of every counter
# the layout of the groups a day's summary keeps: a summary of an older layout (line groups
# keyed without the product's sold-by) does not match its fingerprint and is grouped again
GROUPS_FORMAT = "2"


def _sum(column: Any) -> Any:
    """sum() of a money or quantity column read as a plain float (no Decimal per row): the
    values are whole satang (thousandths), so a float sum rounds back to them exactly."""
    return type_coerce(func.sum(column), Float())


def _cents(v: Any) -> int:
    """A sum of baht from the database in satang."""
    return round(float(v or 0) * 100)


def _milli(v: Any) -> int:
    return round(float(v or 0) * 1000)


def _baht(satang: int) -> Decimal:
    return Decimal(satang).scaleb(-2)


def _qty(milli: int) -> Decimal:
    return Decimal(milli).scaleb(-3)


def _midnight(at: datetime) -> bool:
    """Is `at` the start of a Bangkok day?"""
    local = at.astimezone(BANGKOK)
    return (local.hour, local.minute, local.second, local.microsecond) == (0, 0, 0, 0)


def _runs(days: Iterable[date]) -> list[tuple[date, date]]:
    """Sorted days as runs of consecutive days: (first, last) each."""
    out: list[tuple[date, date]] = []
    for d in sorted(days):
        if out and out[-1][1] + timedelta(days=1) == d:
            out[-1] = (out[-1][0], d)
        else:
            out.append((d, d))
    return out


def _add(into: dict[Any, list[int]], key: Any, values: list[int]) -> None:
    found = into.get(key)
    if found is None:
        into[key] = list(values)
    else:
        for i, v in enumerate(values):
            found[i] += v


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
        _add(self.sales, key, values)

    def add_tender(self, kind: str, values: list[int]) -> None:
        _add(self.tenders, kind, values)

    def add_line(self, key: tuple[Any, ...], name: str, values: list[int]) -> None:
        self._add_lines({json.dumps(key, ensure_ascii=False): [name, *values]}, own=True)

    def add_basket(self, key: tuple[Any, ...], values: list[int]) -> None:
        _add(self.baskets, key, values)

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
            _add(self.sales, key, values)
        for kind, values in other.tenders.items():
            _add(self.tenders, kind, values)
        self._add_lines(other.lines, own=own)
        for key, values in other.baskets.items():
            _add(self.baskets, key, values)

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


class SqlReportRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def _execute(self, statement: Any) -> Any:  # a Result
        """Run a report statement; a database user without the right to read the sales (the
        central server's counter role may only insert them) gets a message, not a traceback."""
        try:
            return self.session.connection().execute(statement)
        except ProgrammingError as exc:
            if getattr(exc.orig, "sqlstate", None) != _NO_PRIVILEGE:
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
        if cached and _midnight(start) and _midnight(end):
            groups = self._cached_groups(when, per_counter=terminal_ids is not None)
        else:
            groups = self._groups(when, by_day=False).get(None, DayGroups())
        return self._report(start, end, top, groups)

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
                _sum(s.subtotal + s.discount_total - s.sale_discount),
                _sum(s.discount_total),
                _sum(s.total),
                _sum(s.vatable),
                _sum(s.exempt),
                _sum(s.vat),
                _sum(s.sale_discount),
                func.sum(case((s.sale_discount != 0, 1), else_=0)),
            )
            .where(*when)
            .group_by(*extra, s.status, s.terminal_id, hour, s.sale_discount_reason)
        ):
            status, tid, h, reason, n, *amounts, n_disc = row[k:]
            at(row).add_sale(
                (str(status), str(tid), int(h), reason),
                [int(n), *(_cents(a) for a in amounts), int(n_disc or 0)],
            )
        for row in ex(
            select(*extra, m.Payment.kind, func.count(), _sum(m.Payment.amount))
            .join(m.Sale, m.Sale.id == m.Payment.sale_id)
            .where(*done)
            .group_by(*extra, m.Payment.kind)
        ):
            kind, n, amount = row[k:]
            at(row).add_tender(str(kind), [int(n), _cents(amount)])
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
                _sum(line.quantity),
                _sum(line.total),
                _sum(line.line_discount),
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
                [_milli(q), _cents(a), _cents(l_disc), int(n_disc or 0)],
            )
        code = func.coalesce(m.BasketTemplate.code, "custom")
        bname = func.coalesce(m.BasketTemplate.name_th, "ตะกร้าจัดเอง / Custom basket")
        for row in ex(
            select(
                *extra,
                code,
                bname,
                func.sum(m.SaleBasket.count),
                _sum(m.SaleBasket.price * m.SaleBasket.count),
            )
            .join(m.Sale, m.Sale.id == m.SaleBasket.sale_id)
            .join(m.BasketTemplate, m.BasketTemplate.id == m.SaleBasket.template_id, isouter=True)
            .where(*done)
            .group_by(*extra, code, bname)
        ):
            bk, bn, c, v = row[k:]
            at(row).add_basket((str(bk), str(bn)), [int(c or 0), _cents(v)])
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
                f"{GROUPS_FORMAT}:{int(n)}/{int(done or 0)}/{_cents(total)}"
            )
            for d, *t, n, done, total in self._execute(
                select(
                    *by,
                    func.count(),
                    func.sum(case((s.status == "completed", 1), else_=0)),
                    _sum(s.total),
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
            for a, b in _runs([date.fromisoformat(d) for d in stale])
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
            if getattr(exc.orig, "sqlstate", None) == _NO_PRIVILEGE:
                log.info("closed days not kept: this database user may not write report_days")
            else:  # a statement the database refuses is a bug: the report goes on without it
                log.exception("closed days could not be kept in report_days")

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
        total = _baht(sums[2])
        tenders = [
            GroupRow(kind, kind, Decimal(n), _baht(amount))
            for kind, (n, amount) in sorted(g.tenders.items())
        ]
        lines = g.line_rows()
        per_product = [
            (sku, name, str(cat), pid, bool(w), _qty(q), _baht(a))
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
        by_hour = hourly_sums((h, n, _baht(t)) for h, (n, t) in hours.items())
        discounts = [
            GroupRow(kind, reason, Decimal(n), _baht(amount))
            for kind, found in (("line", line_discounts), ("sale", sale_discounts))
            for reason, (n, amount) in found.items()
        ]
        discounts.sort(key=lambda r: (r.key, -r.sales, r.name))
        baskets = roll_up(
            ((k, n, Decimal(c), _baht(v)) for (k, n), (c, v) in g.baskets.items()), total
        )
        return EodReport(
            start=start,
            end=end,
            sales_count=count,
            gross=_baht(sums[0]),
            discounts=_baht(sums[1]),
            total=total,
            vatable=_baht(sums[3]),
            exempt=_baht(sums[4]),
            vat=_baht(sums[5]),
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
                {tid: (n, _baht(t)) for tid, (n, _g, _d, t, _v) in counters.items()}, total
            ),
            by_channel=self._channel_rows(counters),
        )

    def _channel_rows(self, counters: dict[str, list[int]]) -> tuple[ChannelRow, ...]:
        """The counters' receipts, gross, discounts, total and VAT added up by their channel."""
        channel = self.channels()
        sums: dict[str, list[int]] = {}
        for tid, values in counters.items():
            _add(sums, channel.get(tid, COUNTER), values)
        return channel_rows(
            {k: (Decimal(n), *(_baht(v) for v in rest)) for k, (n, *rest) in sums.items()}
        )

    def channels(self) -> dict[str, str]:
        """Every terminal's channel (pos.domain.channels.Channel value), by terminal id."""
        q = select(m.Terminal.id, m.Terminal.channel)
        return {str(tid): str(ch) for tid, ch in self._execute(q)}

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
            out[key] = (had_n + int(n), had + _dec(amount))
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
            out[key] = (had_n + int(n), had + _dec(total))
        return out

    def _bangkok_hour(self) -> Any:
        """The hour of `sales.sold_at` on a Bangkok clock (UTC+7, no daylight saving)."""
        if self.session.get_bind().dialect.name == "postgresql":
            return func.extract("hour", func.timezone("Asia/Bangkok", m.Sale.sold_at))
        return (cast(func.strftime("%H", m.Sale.sold_at), Integer) + 7) % 24

    def _bangkok_date(self) -> Any:
        """The Bangkok calendar day of `sales.sold_at` as ISO text (YYYY-MM-DD)."""
        if self.session.get_bind().dialect.name == "postgresql":
            return func.to_char(func.timezone("Asia/Bangkok", m.Sale.sold_at), "YYYY-MM-DD")
        return func.date(m.Sale.sold_at, "+7 hours")

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
                rate = None if pct is None else _dec(pct)
                online = channel.get(str(tid), COUNTER) != COUNTER
                group = (code, name, district, rate, how == "weight", online)
                found = sums.setdefault(group, [NO_QTY, NIL, NO_QTY, NIL])
                found[at] += _dec(q_, QTY)
                found[at + 1] += _dec(s)
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
