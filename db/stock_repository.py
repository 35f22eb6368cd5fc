"""Stock documents and the figures read from stock movements (on hand, counts, statements)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import func, insert, or_, select
from sqlalchemy.orm import Session

from db import models as m
from db.numbering import Series, next_number
from db.stock_statements import StockStatementQueries
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


class SqlStockRepository(StockStatementQueries):
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
