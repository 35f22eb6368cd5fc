"""Refunds in the database: what a sale still has to return, and a refund in the caller's tx."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from db import models as m
from db.journal_writer import append_entry
from db.numbering import Series, next_number
from pos.domain.bilingual import Bilingual
from pos.domain.cart import ProductKind
from pos.domain.journal import EntryKind
from pos.domain.money import ZERO
from pos.domain.refund import (
    ApprovalRow,
    RefundReceipt,
    RefundReceiptLine,
    RefundRow,
    ReturnableBasket,
    ReturnableLine,
    ReturnableSale,
    build_refund_receipt,
    part_of,
    refund_number,
    refund_record,
)
from pos.domain.sale import ReceiptNote
from pos.ports.returns import RefundRequest
from pos.ports.terminals import TerminalInfo


def _dec(v: Any) -> Decimal:
    return Decimal(str(v or 0))


def _detail(th: str, en: str) -> Bilingual | None:
    """A sold line's detail as stored ('' when it has none)."""
    return Bilingual(th, en) if th or en else None


def _money(v: Any) -> str | None:
    return None if v is None else str(v)


class SqlRefundRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    # --- reading -------------------------------------------------------------------------
    def returnable(self, receipt_no: str, *, lock: bool = False) -> ReturnableSale | None:
        """The sale with this receipt number and what of it is still returnable.

        `lock` (in a write transaction) takes the sale's row lock on PostgreSQL, so two
        counters refunding one sale at once are serialised (SQLite's write lock does it there).
        """
        q = select(m.Sale).where(m.Sale.receipt_no == receipt_no)
        if lock:
            q = q.with_for_update()
        sale = self.session.scalars(q).first()
        if sale is None:
            return None
        done = dict(
            (lid, (_dec(n), _dec(a)))
            for lid, n, a in self.session.execute(
                select(
                    m.RefundLine.sale_line_id,
                    func.sum(m.RefundLine.quantity),
                    func.sum(m.RefundLine.amount),
                )
                .join(m.Refund, m.Refund.id == m.RefundLine.refund_id)
                .where(m.Refund.sale_id == sale.id)
                .group_by(m.RefundLine.sale_line_id)
            )
        )
        baskets = {
            b.id: b
            for b in self.session.scalars(
                select(m.SaleBasket).where(m.SaleBasket.sale_id == sale.id)
            )
        }
        kinds = dict(
            self.session.execute(
                select(m.Product.id, m.Product.kind).where(
                    m.Product.id.in_({ln.product_id for ln in sale.lines})
                )
            ).all()
        )
        lines = []
        for ln in sale.lines:
            n, a = done.get(ln.id, (ZERO, ZERO))
            b = baskets.get(ln.basket_id) if ln.basket_id else None
            lines.append(
                ReturnableLine(
                    line_no=ln.line_no,
                    sale_line_id=ln.id,
                    product_id=ln.product_id,
                    sku=ln.sku,
                    name_th=ln.name_th,
                    name_en=ln.name_en,
                    quantity_sold=ln.quantity,
                    quantity_refunded=n,
                    paid=ln.total,
                    amount_refunded=a,
                    vat_exempt=ln.vat_exempt,
                    basket_id=ln.basket_id,
                    basket_name_th=b.name_th if b else "",
                    basket_name_en=b.name_en if b else "",
                    basket_ready=bool(b and b.ready_product_id),
                    kind=ProductKind(kinds.get(ln.product_id, ProductKind.GOODS.value)),
                    ref=ln.ref,
                    detail=_detail(ln.detail_th, ln.detail_en),
                )
            )
        return ReturnableSale(
            sale_id=sale.id,
            terminal_id=sale.terminal_id,
            receipt_no=sale.receipt_no,
            sold_at=sale.sold_at,
            cashier_name=sale.cashier_name,
            total=sale.total,
            vat_rate=sale.vat_rate,
            lines=tuple(lines),
            baskets=tuple(
                ReturnableBasket(b.id, b.name_th, b.name_en, b.count, b.ready_product_id)
                for b in baskets.values()
            ),
            status=sale.status,
            notes=self._notes(sale.id),
        )

    def receipt(self, refund_no: str) -> RefundReceipt | None:
        """A stored refund as its receipt (a reprint)."""
        row = self.session.scalars(select(m.Refund).where(m.Refund.refund_no == refund_no)).first()
        if row is None:
            return None
        term = self.session.get(m.Terminal, row.terminal_id)
        sold_at = self.session.scalar(select(m.Sale.sold_at).where(m.Sale.id == row.sale_id))
        assert term is not None
        assert sold_at is not None
        names = self._basket_names([ln.basket_id for ln in row.lines])
        details = self._details([ln.sale_line_id for ln in row.lines])
        paid = self._paid_parts(row.lines)
        return RefundReceipt(
            refund_id=row.id,
            refund_no=row.refund_no,
            refunded_at=row.refunded_at,
            receipt_no=row.receipt_no,
            sold_at=sold_at,
            pos_id=term.pos_id,
            terminal_name=term.name,
            cashier_name=row.cashier_name,
            approver_name=row.approver_name,
            reason=row.reason,
            method=row.method,
            lines=tuple(
                RefundReceiptLine(
                    ln.line_no,
                    ln.sku,
                    ln.name_th,
                    ln.name_en,
                    ln.quantity,
                    ln.amount,
                    ln.vat_exempt,
                    names.get(ln.basket_id or "", ""),
                    details.get(ln.sale_line_id),
                    paid.get(ln.id),
                )
                for ln in row.lines
            ),
            total=row.total,
            vatable=row.vatable,
            exempt=row.exempt,
            vat=row.vat,
            vat_rate=row.vat_rate,
            copy=True,
            notes=self._notes(row.sale_id),
        )

    def _notes(self, sale_id: str) -> tuple[ReceiptNote, ...]:
        """The notes printed after the sale's total, in their order."""
        n = m.SaleNote
        q = select(n.text_th, n.text_en, n.big).where(n.sale_id == sale_id).order_by(n.seq)
        return tuple(ReceiptNote(th, en, bool(big)) for th, en, big in self.session.execute(q))

    def _details(self, sale_line_ids: list[str]) -> dict[str, Bilingual]:
        """The sold lines' details (a drink's options), by sale line id."""
        q = select(m.SaleLine.id, m.SaleLine.detail_th, m.SaleLine.detail_en).where(
            m.SaleLine.id.in_(sale_line_ids)
        )
        found = ((i, _detail(th, en)) for i, th, en in self.session.execute(q))
        return {i: d for i, d in found if d is not None}

    def _paid_parts(self, lines: Sequence[m.RefundLine]) -> dict[str, Decimal]:
        """What was paid for each sold line these refund lines give back part of by amount
        (pos.domain.refund.part_of), by refund line id."""
        q = (
            select(m.SaleLine.id, m.SaleLine.quantity, m.SaleLine.total, m.Product.kind)
            .join(m.Product, m.Product.id == m.SaleLine.product_id)
            .where(m.SaleLine.id.in_([ln.sale_line_id for ln in lines]))
        )
        sold = {i: (n, t, ProductKind(k)) for i, n, t, k in self.session.execute(q)}
        out: dict[str, Decimal] = {}
        for ln in lines:
            if ln.sale_line_id in sold:
                n, total, kind = sold[ln.sale_line_id]
                of = part_of(kind, n, total, ln.quantity)
                if of is not None:
                    out[ln.id] = of
        return out

    def _basket_names(self, ids: list[str | None]) -> dict[str, str]:
        wanted = [i for i in ids if i]
        if not wanted:
            return {}
        q = select(m.SaleBasket.id, m.SaleBasket.name_th).where(m.SaleBasket.id.in_(wanted))
        return {i: n for i, n in self.session.execute(q)}

    def shift_totals(self, shift_id: str) -> dict[str, tuple[int, Decimal]]:
        """The shift's refunds by method: (count, amount)."""
        q = (
            select(m.Refund.method, func.count(), func.sum(m.Refund.total))
            .where(m.Refund.shift_id == shift_id)
            .group_by(m.Refund.method)
        )
        return {method: (int(n), _dec(t)) for method, n, t in self.session.execute(q)}

    def between(
        self, start: datetime, end: datetime, terminal_ids: Sequence[str] | None = None
    ) -> list[RefundRow]:
        """Refunds made in [start, end) at those counters (None: all), oldest first."""
        q = select(m.Refund).where(m.Refund.refunded_at >= start, m.Refund.refunded_at < end)
        if terminal_ids is not None:
            q = q.where(m.Refund.terminal_id.in_(terminal_ids))
        return [
            RefundRow(r.refund_no, r.receipt_no, r.refunded_at, r.total, r.method,
                      r.cashier_name, r.approver_name, r.reason)
            for r in self.session.scalars(q.order_by(m.Refund.refunded_at, m.Refund.refund_no))
        ]  # fmt: skip

    def approvals_between(
        self, start: datetime, end: datetime, terminal_ids: Sequence[str] | None = None
    ) -> list[ApprovalRow]:
        """The approvals audit of [start, end) at those counters (None: all), oldest first."""
        a = m.Approval
        q = select(a).where(a.approved_at >= start, a.approved_at < end)
        if terminal_ids is not None:
            q = q.where(a.terminal_id.in_(terminal_ids))
        return [
            ApprovalRow(r.approved_at, r.action, r.requested_name, r.approved_name, r.reason, r.ref)
            for r in self.session.scalars(q.order_by(a.approved_at, a.id))
        ]

    # --- writing -------------------------------------------------------------------------
    def record(self, request: RefundRequest, terminal: TerminalInfo) -> RefundReceipt:
        """The refund, its lines, stock back on the shelf, its outbox row and journal link,
        in the caller's transaction (the caller commits). Takes the next refund number."""
        sale, plan, at = request.sale, request.plan, request.at
        seq = next_number(self.session, terminal.terminal_id, Series.REFUND)
        refund_no = refund_number(terminal.receipt_prefix, seq)
        refund_id = m.new_id()
        refund: dict[str, Any] = {
            "id": refund_id,
            "terminal_id": terminal.terminal_id,
            "seq": seq,
            "refund_no": refund_no,
            "sale_id": sale.sale_id,
            "receipt_no": sale.receipt_no,
            "refunded_at": at,
            "shift_id": request.shift_id,
            "cashier_id": request.cashier_id,
            "cashier_name": request.cashier_name,
            "approval_id": request.approval_id,
            "approver_id": request.approver_id,
            "approver_name": request.approver_name,
            "reason": request.reason,
            "method": request.method,
            "total": plan.total,
            "vatable": plan.vatable,
            "exempt": plan.exempt,
            "vat": plan.vat,
            "vat_rate": plan.vat_rate,
        }
        lines = [
            {
                "id": m.new_id(),
                "refund_id": refund_id,
                "sale_line_id": p.line.sale_line_id,
                "line_no": p.line.line_no,
                "product_id": p.line.product_id,
                "sku": p.line.sku,
                "name_th": p.line.name_th,
                "name_en": p.line.name_en,
                "quantity": p.quantity,
                "amount": p.amount,
                "vat_exempt": p.line.vat_exempt,
                "basket_id": p.line.basket_id,
            }
            for p in plan.lines
        ]
        conn = self.session.connection()
        conn.execute(insert(m.Refund), [refund])
        conn.execute(insert(m.RefundLine), lines)
        if plan.stock:
            conn.execute(
                insert(m.StockMovement),
                [
                    {
                        "id": m.new_id(),
                        "product_id": pid,
                        "terminal_id": terminal.terminal_id,
                        "quantity": qty,
                        "reason": "return",
                        "sale_id": None,
                        "refund_id": refund_id,
                        "note": refund_no,
                        "created_at": at,
                    }
                    for pid, qty in plan.stock
                ],
            )
        conn.execute(
            insert(m.OutboxEvent),
            [
                {
                    "event_id": m.new_id(),
                    "kind": "refund.completed",
                    "aggregate_id": refund_id,
                    "payload": {},  # the refund's rows travel themselves (db/sync)
                    "created_at": at,
                    "sent_at": None,
                }
            ],
        )
        append_entry(
            self.session, terminal.terminal_id, EntryKind.REFUND, refund_id, refund_no, at,
            refund_record(refund, lines),
        )  # fmt: skip
        return build_refund_receipt(
            sale, plan, refund_id=refund_id, refund_no=refund_no, at=at, pos_id=terminal.pos_id,
            terminal_name=terminal.name, cashier_name=request.cashier_name,
            approver_name=request.approver_name, reason=request.reason, method=request.method,
        )  # fmt: skip
