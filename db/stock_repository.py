"""Stock documents and the figures read from stock movements (on hand, counts, statements)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, Integer, case, cast, func, insert, literal, or_, select
from sqlalchemy.exc import ProgrammingError
from sqlalchemy.orm import Session

from db import models as m
from db.numbering import Series, next_number
from pos.domain.errors import StoreUnavailable
from pos.domain.shop_time import day_bounds, local
from pos.domain.stock import (
    NUMBER_LETTERS,
    DocumentKind,
    MoveReason,
    ProductFacts,
    StockError,
    move_reason,
    signed,
)
from pos.ports.stock import (
    MovementTotal,
    NewStockDocument,
    OnHandRow,
    StockDocumentLine,
    StockDocumentRecord,
)

QTY = Decimal("0.001")
ZERO = Decimal("0.000")
SERIES = {
    DocumentKind.DELIVERY: Series.STOCK_DELIVERY,
    DocumentKind.PRODUCER_RETURN: Series.STOCK_PRODUCER_RETURN,
    DocumentKind.ADJUSTMENT: Series.STOCK_ADJUSTMENT,
    DocumentKind.COUNT: Series.STOCK_COUNT,
}
DOCUMENT_KIND = "stock.document"  # the outbox kind: its rows travel themselves (db/sync)
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


def _qty(value: Any) -> Decimal:
    """A quantity (or a sum of them) from the database, exact to the gram: sums of
    3-decimal numbers come back as floats on SQLite, Decimals on PostgreSQL."""
    return Decimal(round(float(value or 0) * 1000)).scaleb(-3)


def document_number(prefix: str, kind: DocumentKind, seq: int) -> str:
    return f"{prefix}-{NUMBER_LETTERS[kind]}-{seq:06d}"


def _facts(p: m.Product) -> ProductFacts:
    return ProductFacts(
        p.id, p.sku, p.name_th, p.name_en, p.producer_id, p.sold_by == "weight", p.unit_price,
        p.active, p.curation,
    )  # fmt: skip


class SqlStockRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    # --- products --------------------------------------------------------------------------
    def product_facts(self, product_ids: Iterable[str]) -> dict[str, ProductFacts]:
        ids = sorted(set(product_ids))
        p = m.Product
        cols = (p.id, p.sku, p.name_th, p.name_en, p.producer_id, p.sold_by, p.unit_price,
                p.active, p.curation)  # fmt: skip
        out: dict[str, ProductFacts] = {}
        for start in range(0, len(ids), 900):
            for r in self.session.execute(select(*cols).where(p.id.in_(ids[start : start + 900]))):
                out[r[0]] = ProductFacts(
                    r[0], r[1], r[2], r[3], r[4], r[5] == "weight", Decimal(str(r[6])), r[7],
                    r[8],
                )  # fmt: skip
        return out

    def find_product(self, code: str) -> ProductFacts | None:
        code = code.strip()
        row = self.session.scalars(select(m.Product).where(m.Product.sku == code)).first()
        if row is None:
            row = self.session.scalars(
                select(m.Product)
                .join(m.ProductBarcode, m.ProductBarcode.product_id == m.Product.id)
                .where(m.ProductBarcode.code == code)
            ).first()
        return None if row is None else _facts(row)

    def producers(self) -> list[tuple[str, str, str, str]]:
        rows = self.session.execute(
            select(m.Producer.id, m.Producer.code, m.Producer.name_th, m.Producer.name_en)
            .order_by(m.Producer.code)
        )  # fmt: skip
        return [(r[0], r[1], r[2], r[3]) for r in rows]

    # --- documents ---------------------------------------------------------------------------
    def add_document(self, doc: NewStockDocument, prefix: str) -> StockDocumentRecord:
        seq = next_number(self.session, doc.terminal_id, SERIES[doc.kind])
        number = document_number(prefix, doc.kind, seq)
        conn = self.session.connection()
        conn.execute(
            insert(m.StockDocument),
            [
                {
                    "id": doc.document_id,
                    "terminal_id": doc.terminal_id,
                    "kind": doc.kind.value,
                    "seq": seq,
                    "number": number,
                    "producer_id": doc.producer_id,
                    "reference": doc.reference,
                    "doc_date": doc.doc_date,
                    "reason": doc.reason,
                    "note": doc.note,
                    "scope": doc.scope,
                    "status": "posted" if doc.post else "open",
                    "created_by": doc.created_by,
                    "created_name": doc.created_name,
                    "approved_by": doc.approved_by,
                    "approved_name": doc.approved_name,
                    "created_at": doc.at,
                    "posted_at": doc.at if doc.post else None,
                }
            ],
        )
        if doc.lines:
            conn.execute(
                insert(m.StockDocumentLine),
                [
                    {
                        "document_id": doc.document_id,
                        "product_id": ln.product_id,
                        "line_no": i,
                        "quantity": ln.quantity,
                        "expected": None,
                        "cost": ln.cost,
                        "best_before": ln.best_before,
                        "counted_at": doc.at if doc.kind is DocumentKind.COUNT else None,
                    }
                    for i, ln in enumerate(doc.lines, 1)
                ],
            )
        if doc.post:
            reason = move_reason(doc.kind, doc.reason)
            self._moves(
                doc.document_id, doc.terminal_id, number, doc.at,
                [(ln.product_id, signed(doc.kind, ln.quantity)) for ln in doc.lines], reason,
            )  # fmt: skip
        found = self.document(doc.document_id)
        assert found is not None
        return found

    def _moves(
        self,
        document_id: str,
        terminal_id: str,
        number: str,
        at: datetime,
        moves: list[tuple[str, Decimal]],
        reason: MoveReason,
    ) -> None:
        conn = self.session.connection()
        if moves:
            conn.execute(
                insert(m.StockMovement),
                [
                    {
                        "id": m.new_id(),
                        "product_id": pid,
                        "terminal_id": terminal_id,
                        "quantity": qty,
                        "reason": reason.value,
                        "sale_id": None,
                        "refund_id": None,
                        "document_id": document_id,
                        "note": number,
                        "created_at": at,
                    }
                    for pid, qty in moves
                ],
            )
        conn.execute(
            insert(m.OutboxEvent),
            [
                {
                    "event_id": m.new_id(),
                    "kind": DOCUMENT_KIND,
                    "aggregate_id": document_id,
                    "payload": {},
                    "created_at": at,
                    "sent_at": None,
                }
            ],
        )

    def document(self, number_or_id: str) -> StockDocumentRecord | None:
        d = m.StockDocument
        row = self.session.scalars(
            select(d).where(or_(d.id == number_or_id, d.number == number_or_id.strip().upper()))
        ).first()
        return None if row is None else self._record(row)

    def _record(self, row: m.StockDocument) -> StockDocumentRecord:
        producer = self.session.get(m.Producer, row.producer_id) if row.producer_id else None
        ln, p = m.StockDocumentLine, m.Product
        lines = self.session.execute(
            select(ln, p.sku, p.name_th, p.name_en, p.unit_th, p.unit_price)
            .join(p, p.id == ln.product_id)
            .where(ln.document_id == row.id)
            .order_by(ln.line_no)
        )
        return StockDocumentRecord(
            document_id=row.id,
            kind=DocumentKind(row.kind),
            number=row.number,
            doc_date=row.doc_date,
            status=row.status,
            producer_id=row.producer_id,
            producer_code=producer.code if producer else "",
            producer_name_th=producer.name_th if producer else "",
            producer_name_en=producer.name_en if producer else "",
            reference=row.reference,
            reason=row.reason,
            note=row.note,
            scope=row.scope,
            created_name=row.created_name,
            approved_name=row.approved_name,
            created_at=row.created_at,
            posted_at=row.posted_at,
            lines=tuple(
                StockDocumentLine(
                    line.product_id,
                    sku,
                    name_th,
                    name_en,
                    unit_th,
                    _qty(line.quantity),
                    price,
                    None if line.expected is None else _qty(line.expected),
                    line.cost,
                    line.best_before,
                    line.counted_at,
                )
                for line, sku, name_th, name_en, unit_th, price in lines
            ),
        )

    # --- counts ----------------------------------------------------------------------------
    def open_counts(self, terminal_id: str) -> list[StockDocumentRecord]:
        d = m.StockDocument
        rows = self.session.scalars(
            select(d)
            .where(d.terminal_id == terminal_id, d.kind == DocumentKind.COUNT.value,
                   d.status == "open")
            .order_by(d.created_at)
        )  # fmt: skip
        return [self._record(r) for r in rows]

    def count_line(
        self, document_id: str, product_id: str, quantity: Decimal, at: datetime, *, add: bool
    ) -> Decimal:
        doc = self.session.get(m.StockDocument, document_id)
        if doc is None or doc.kind != DocumentKind.COUNT.value or doc.status != "open":
            raise StockError("That count is not open", "การตรวจนับนี้ไม่ได้เปิดอยู่")
        line = self.session.get(m.StockDocumentLine, (document_id, product_id))
        if line is None:
            last = self.session.scalar(
                select(func.max(m.StockDocumentLine.line_no)).where(
                    m.StockDocumentLine.document_id == document_id
                )
            )
            line = m.StockDocumentLine(
                document_id=document_id, product_id=product_id, line_no=(last or 0) + 1,
                quantity=ZERO,
            )  # fmt: skip
            self.session.add(line)
        counted = (_qty(line.quantity) + quantity) if add else quantity
        if counted < 0:
            raise StockError("A count cannot go below zero", "จำนวนที่นับต้องไม่ติดลบ")
        line.quantity = counted
        line.counted_at = at
        self.session.flush()
        return _qty(counted)

    def expected_at(self, when: Mapping[str, datetime]) -> dict[str, Decimal]:
        out: dict[str, Decimal] = {}
        mv = m.StockMovement
        for pid, moment in when.items():
            total = self.session.scalar(
                select(func.sum(mv.quantity)).where(mv.product_id == pid, mv.created_at <= moment)
            )
            out[pid] = _qty(total)
        return out

    def post_count(
        self,
        document_id: str,
        expected: Mapping[str, Decimal],
        at: datetime,
        approved_by: str,
        approved_name: str,
    ) -> StockDocumentRecord:
        doc = self.session.get(m.StockDocument, document_id)
        if doc is None or doc.status != "open":
            raise StockError("That count is not open", "การตรวจนับนี้ไม่ได้เปิดอยู่")
        lines = self.session.scalars(
            select(m.StockDocumentLine).where(m.StockDocumentLine.document_id == document_id)
            .order_by(m.StockDocumentLine.line_no)
        ).all()  # fmt: skip
        moves: list[tuple[str, Decimal]] = []
        for line in lines:
            line.expected = expected[line.product_id]
            diff = _qty(line.quantity) - _qty(line.expected)
            if diff:
                moves.append((line.product_id, diff))
        doc.status = "posted"
        doc.posted_at = at
        doc.approved_by = approved_by
        doc.approved_name = approved_name
        self.session.flush()
        self._moves(document_id, doc.terminal_id, doc.number, at, moves, MoveReason.COUNT)
        return self._record(doc)

    # --- figures -----------------------------------------------------------------------------
    def on_hand(
        self, *, producer_id: str | None = None, category: str | None = None
    ) -> list[OnHandRow]:
        p, mv, pr = m.Product, m.StockMovement, m.Producer
        stock = (
            select(mv.product_id, func.sum(mv.quantity).label("qty"))
            .group_by(mv.product_id).subquery()
        )  # fmt: skip
        last = (
            select(mv.product_id, func.max(mv.created_at).label("at"))
            .where(mv.reason == MoveReason.DELIVERY.value)
            .group_by(mv.product_id).subquery()
        )  # fmt: skip
        sold = (
            select(mv.product_id, func.sum(-mv.quantity).label("qty"))
            .join(last, last.c.product_id == mv.product_id, isouter=True)
            .where(mv.reason == MoveReason.SALE.value,
                   or_(last.c.at.is_(None), mv.created_at > last.c.at))
            .group_by(mv.product_id).subquery()
        )  # fmt: skip
        query = (
            select(
                p.id, p.sku, p.name_th, p.name_en, pr.code, p.category_code, p.unit_price,
                stock.c.qty, m.StockThreshold.low, sold.c.qty, last.c.at,
            )
            .join(pr, pr.id == p.producer_id)
            .join(stock, stock.c.product_id == p.id, isouter=True)
            .join(m.StockThreshold, m.StockThreshold.product_id == p.id, isouter=True)
            .join(sold, sold.c.product_id == p.id, isouter=True)
            .join(last, last.c.product_id == p.id, isouter=True)
            .where(p.active.is_(True), p.kind == "goods")  # shelf goods: not a fee, not a drink
            .order_by(pr.code, p.sku)
        )  # fmt: skip
        if producer_id is not None:
            query = query.where(p.producer_id == producer_id)
        if category is not None:
            query = query.where(p.category_code == category)
        rows = self.session.execute(query).all()
        best = self._best_before([r[0] for r in rows], {r[0]: _qty(r[7]) for r in rows})
        return [
            OnHandRow(
                r[0],
                r[1],
                r[2],
                r[3],
                r[4],
                r[5],
                r[6],
                _qty(r[7]),
                None if r[8] is None else _qty(r[8]),
                _qty(r[9]),
                r[10],
                best.get(r[0]),
            )
            for r in rows
        ]

    def _best_before(
        self, product_ids: list[str], on_hand: Mapping[str, Decimal]
    ) -> dict[str, date]:
        """The soonest best-before of the goods still on the shelf, first in first out: what
        is on hand is taken from the newest deliveries back."""
        ln, d = m.StockDocumentLine, m.StockDocument
        rows = self.session.execute(
            select(ln.product_id, ln.quantity, ln.best_before)
            .join(d, d.id == ln.document_id)
            .where(d.kind == DocumentKind.DELIVERY.value, d.status == "posted",
                   ln.best_before.is_not(None))
            .order_by(ln.product_id, d.posted_at.desc())
        ).all()  # fmt: skip
        wanted = set(product_ids)
        left = dict(on_hand)
        out: dict[str, date] = {}
        for pid, qty, best in rows:
            if pid not in wanted or left.get(pid, ZERO) <= 0 or best is None:
                continue
            out[pid] = best if pid not in out else min(out[pid], best)
            left[pid] = left[pid] - _qty(qty)
        return out

    def delivery_history(self, product_ids: Iterable[str], last: int) -> dict[str, list[Decimal]]:
        mv = m.StockMovement
        ids = sorted(set(product_ids))
        out: dict[str, list[Decimal]] = {}
        for start in range(0, len(ids), 900):
            rows = self.session.execute(
                select(mv.product_id, mv.quantity)
                .where(mv.product_id.in_(ids[start : start + 900]), mv.quantity > 0,
                       mv.reason.in_((MoveReason.DELIVERY.value, MoveReason.OPENING.value)))
                .order_by(mv.product_id, mv.created_at.desc())
            )  # fmt: skip
            for pid, qty in rows:
                seen = out.setdefault(pid, [])
                if len(seen) < last:
                    seen.append(_qty(qty))
        return out

    def set_threshold(self, product_id: str, low: Decimal | None) -> None:
        row = self.session.get(m.StockThreshold, product_id)
        if low is None:
            if row is not None:
                self.session.delete(row)
        elif row is None:
            self.session.add(m.StockThreshold(product_id=product_id, low=low))
        else:
            row.low = low
        self.session.flush()

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
