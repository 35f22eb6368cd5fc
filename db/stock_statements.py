"""The stock figures of a period read from movements and closed months' summaries: movement
totals by product and reason, the months summarised (kept right by migration 0015's
triggers), and the money a producer's statement is paid on. A part of SqlStockRepository."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, Integer, case, cast, func, insert, literal, select
from sqlalchemy.exc import ProgrammingError
from sqlalchemy.orm import Session

from db import models as m
from pos.domain.errors import StoreUnavailable
from pos.domain.shop_time import day_bounds, local
from pos.ports.stock import MovementTotal

# the advisory lock the stock_movements triggers share (migration 0015 names the same number)
LOCK_STOCK_MONTHS = 72070015
_NO_PRIVILEGE = "42501"  # PostgreSQL's insufficient_privilege


def _milli(value: Any) -> int:
    """A sum of quantities from the database in thousandths."""
    return round(float(value or 0) * 1000)


def _from_milli(milli: int) -> Decimal:
    return Decimal(milli).scaleb(-3)


def _month_key(moment: datetime) -> str:
    """The Bangkok month of a moment: 2026-01."""
    at = local(moment)
    return f"{at.year:04d}-{at.month:02d}"


def _next_month(key: str) -> str:
    year, month = int(key[:4]), int(key[5:7])
    return f"{year + month // 12:04d}-{month % 12 + 1:02d}"


def _month_bounds(key: str) -> tuple[datetime, datetime]:
    """[start, end) of a Bangkok month."""
    after = _next_month(key)
    first = day_bounds(date(int(key[:4]), int(key[5:7]), 1))[0]
    return first, day_bounds(date(int(after[:4]), int(after[5:7]), 1))[0]


def _gaps(months: Sequence[str], end: datetime) -> list[tuple[datetime | None, datetime]]:
    """The time before `end` outside the given (sorted) months, as [from, to) ranges."""
    out: list[tuple[datetime | None, datetime]] = []
    cursor: datetime | None = None
    for key in months:
        first, after = _month_bounds(key)
        if cursor is None or cursor < first:
            out.append((cursor, first))
        cursor = after
    if cursor is None or cursor < end:
        out.append((cursor, end))
    return out


class StockStatementQueries:
    """Period totals and month summaries over `self.session` (mixed into the repository)."""

    session: Session

    def movement_totals(
        self,
        start: datetime,
        end: datetime,
        producer_id: str | None = None,
        *,
        cached: bool = True,
    ) -> list[MovementTotal]:
        """Movements by product and reason before `start` and in [start, end). With `cached`,
        the summarised months that lie wholly before `start` or wholly inside the period are
        read from `stock_month_summaries` (kept right by triggers), the rest of the time (the
        open month, a period's partial months, months never summarised) from the movements."""
        months = self._usable_months(start, end) if cached else []
        sums: dict[tuple[str, str], list[int]] = {}
        if months:
            first_kept = _month_key(start)
            sm, p = m.StockMonthSummary, m.Product
            query = (
                select(
                    sm.product_id, sm.reason,
                    func.sum(case((sm.month < first_kept, sm.quantity_milli), else_=0)),
                    func.sum(case((sm.month >= first_kept, sm.quantity_milli), else_=0)),
                )
                .where(sm.month.in_(months))
                .group_by(sm.product_id, sm.reason)
            )  # fmt: skip
            if producer_id is not None:
                query = query.join(p, p.id == sm.product_id).where(p.producer_id == producer_id)
            for pid, reason, b, w in self.session.execute(query):
                sums[(pid, reason)] = [int(b or 0), int(w or 0)]
        for pid, reason, b, w in self._raw_totals(start, end, _gaps(months, end), producer_id):
            found = sums.setdefault((pid, reason), [0, 0])
            found[0] += _milli(b)
            found[1] += _milli(w)
        return [
            MovementTotal(pid, reason, _from_milli(b), _from_milli(w))
            for (pid, reason), (b, w) in sums.items()
        ]

    def _raw_totals(
        self,
        start: datetime,
        end: datetime,
        ranges: list[tuple[datetime | None, datetime]],
        producer_id: str | None,
    ) -> list[tuple[str, str, Any, Any]]:
        """The movements' sums by product and reason over `ranges` ([from, to), from None:
        since the beginning), split at `start`: one range scan of the time index each (an OR
        of ranges makes SQLite read every movement)."""
        mv, p = m.StockMovement, m.Product
        before = func.sum(case((mv.created_at < start, mv.quantity), else_=0))
        within = func.sum(case((mv.created_at >= start, mv.quantity), else_=0))
        out: list[tuple[str, str, Any, Any]] = []
        earliest: datetime | None = None
        if ranges and ranges[0][0] is None:  # a bounded range: SQLite would scan everything
            earliest = self.session.scalar(select(func.min(mv.created_at)))
            if earliest is None:
                return out
        for a, b in ranges:
            a = a if a is not None else earliest
            assert a is not None
            if a >= min(b, end):
                continue
            query = (
                select(mv.product_id, mv.reason, before, within)
                .where(mv.created_at >= a, mv.created_at < min(b, end))
                .group_by(mv.product_id, mv.reason)
            )
            if producer_id is not None:
                query = query.join(p, p.id == mv.product_id).where(p.producer_id == producer_id)
            out.extend((r[0], r[1], r[2], r[3]) for r in self.session.execute(query))
        return out

    def _usable_months(self, start: datetime, end: datetime) -> list[str]:
        """The summarised months a period [start, end) can read whole: each lies before
        `start` or inside the period."""
        sk = m.StockMonth
        keys = self.session.scalars(select(sk.month).where(sk.month <= _month_key(end))).all()
        out = []
        for key in keys:
            first, after = _month_bounds(key)
            if after <= end and (after <= start or first >= start):
                out.append(key)
        return sorted(out)

    # --- closed months' summaries --------------------------------------------------------------
    def unsummarised_months(self, until: datetime, now: datetime) -> list[str]:
        """The Bangkok months over by `now` and ending by `until`, from the month of the first
        movement on, that have no summary yet."""
        first = self.session.scalar(select(func.min(m.StockMovement.created_at)))
        if first is None:
            return []
        last = min(until, now)
        kept = set(self.session.scalars(select(m.StockMonth.month)))
        out = []
        key = _month_key(first)
        while _month_bounds(key)[1] <= last:
            if key not in kept:
                out.append(key)
            key = _next_month(key)
        return out

    def summarise_months(self, months: Sequence[str], now: datetime) -> int:
        """Sum up each month's movements by product and reason into `stock_month_summaries`
        (the caller commits). From the insert of the month's row on, the triggers of
        migration 0015 add every later movement of that month to it. On PostgreSQL the
        advisory lock the triggers share is taken exclusively first: a movement being
        written meanwhile is either in the sums or added by its trigger after this commits,
        never both, never neither. Returns how many months were summarised."""
        sqlite = self.session.get_bind().dialect.name == "sqlite"
        if not sqlite:
            self.session.execute(select(func.pg_advisory_xact_lock(LOCK_STOCK_MONTHS)))
        kept = set(self.session.scalars(select(m.StockMonth.month)))
        todo = sorted(set(months) - kept)
        mv, sm = m.StockMovement, m.StockMonthSummary
        milli = (
            cast(func.round(mv.quantity * 1000), Integer) if sqlite
            else cast(func.round(mv.quantity * 1000), BigInteger)
        )  # fmt: skip
        conn = self.session.connection()
        try:
            for key in todo:
                first, after = _month_bounds(key)
                conn.execute(insert(m.StockMonth), [{"month": key, "built_at": now}])
                conn.execute(
                    insert(sm).from_select(
                        ["month", "product_id", "reason", "quantity_milli", "moves"],
                        select(
                            literal(key), mv.product_id, mv.reason, func.sum(milli),
                            func.count(),
                        )
                        .where(mv.created_at >= first, mv.created_at < after)
                        .group_by(mv.product_id, mv.reason),
                    )
                )  # fmt: skip
        except ProgrammingError as exc:
            if getattr(exc.orig, "sqlstate", None) != _NO_PRIVILEGE:
                raise
            raise StoreUnavailable(
                "This database user may not write the stock month summaries",
                "ผู้ใช้ฐานข้อมูลนี้ไม่มีสิทธิ์บันทึกสรุปสต็อกรายเดือน",
            ) from exc
        return len(todo)

    def statement_money(
        self, start: datetime, end: datetime, producer_id: str | None = None
    ) -> list[tuple[str, Decimal | None, Decimal]]:
        """(product id, commission rate, sales less refunds) of the period, by the rate each
        line was sold at: what a producer is paid on."""
        line, back = m.SaleLine, m.RefundLine
        sold = (
            select(line.product_id, line.commission_pct, func.sum(line.total))
            .join(m.Sale, m.Sale.id == line.sale_id)
            .where(m.Sale.sold_at >= start, m.Sale.sold_at < end, m.Sale.status == "completed")
            .group_by(line.product_id, line.commission_pct)
        )
        refunded = (
            select(line.product_id, line.commission_pct, func.sum(-back.amount))
            .join(m.Refund, m.Refund.id == back.refund_id)
            .join(line, line.id == back.sale_line_id)
            .where(m.Refund.refunded_at >= start, m.Refund.refunded_at < end)
            .group_by(line.product_id, line.commission_pct)
        )
        if producer_id is not None:
            sold = sold.where(line.producer_id == producer_id)
            refunded = refunded.where(line.producer_id == producer_id)
        sums: dict[tuple[str, Decimal | None], Decimal] = {}
        for query in (sold, refunded):
            for pid, pct, amount in self.session.execute(query):
                key = (pid, None if pct is None else Decimal(str(pct)))
                sums[key] = sums.get(key, Decimal("0.00")) + Decimal(str(amount or 0))
        return [(pid, pct, amount.quantize(Decimal("0.01"))) for (pid, pct), amount in sums.items()]
