"""Sales: a committed sale's rows, its receipt read back, the sales export."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session, selectinload

from db import models as m
from db.journal_writer import append_entry, reseal_entry
from db.numbering import Series, next_number, receipt_number
from pos.domain.basket import stock_moves
from pos.domain.bilingual import Bilingual
from pos.domain.journal import NOTE_FIELDS, EntryKind, sale_record
from pos.domain.sale import (
    Receipt,
    ReceiptLine,
    ReceiptNote,
    ReceiptPayment,
    SaleDraft,
    build_receipt,
)
from pos.ports.sales import SaleExportRow
from pos.ports.terminals import TerminalInfo


class SqlSalesRepository:
    def __init__(self, session: Session) -> None:
        self.session = session
        # the sales journalled in this transaction: their terminal and record, so the notes
        # their hooks add are sealed into the same entry before commit (see add_notes)
        self._journalled: dict[str, tuple[str, dict[str, Any]]] = {}

    def record(self, draft: SaleDraft, terminal: TerminalInfo) -> Receipt:
        """Write the sale, lines, payments, stock movements and outbox row (caller commits).

        Plain Core inserts on the session's connection: the rows are append-only facts that
        nothing reads back in this transaction, so the ORM's unit of work (identity map,
        flush ordering) would only add ~5 ms of Python to every sale (bench/bench_commit.py).
        """
        seq = next_number(self.session, terminal.terminal_id, Series.SALE)
        receipt_no = receipt_number(terminal.receipt_prefix, seq)
        receipt = build_receipt(draft, receipt_no, terminal.pos_id, terminal.name)
        totals = draft.totals
        cart = draft.cart
        sale_id = draft.sale_id
        extra = {
            pid: (pct, producer)
            for pid, pct, producer in self.session.execute(
                select(m.Product.id, m.Product.commission_pct, m.Product.producer_id).where(
                    m.Product.id.in_([a.line.product.product_id for a in totals.lines])
                )
            )
        }
        sale: dict[str, Any] = {
            "id": sale_id,
            "terminal_id": terminal.terminal_id,
            "seq": seq,
            "receipt_no": receipt_no,
            "status": "completed",
            "sold_at": draft.sold_at,
            "cashier_id": draft.cashier_id,
            "cashier_name": draft.cashier_name,
            "subtotal": totals.subtotal,
            "discount_total": totals.line_discounts + totals.sale_discount,
            "sale_discount": totals.sale_discount,
            "sale_discount_reason": receipt.sale_discount_reason,
            "total": totals.total,
            "vatable": totals.vatable,
            "exempt": totals.exempt,
            "vat": totals.vat,
            "vat_rate": cart.vat_rate,
            "paid": draft.settlement.paid,
            "change": draft.settlement.change,
        }
        baskets = [
            {
                "id": g.group_id,
                "sale_id": sale_id,
                "template_id": g.template_id,
                "ready_product_id": g.ready_product_id,
                "name_th": g.name_th,
                "name_en": g.name_en,
                "count": g.count,
                "price": g.price,
                "set_price": g.set_price,
                "message": g.message,
            }
            for g in cart.groups.values()
        ]
        lines: list[dict[str, Any]] = []
        for no, a in enumerate(totals.lines, start=1):
            p = a.line.product
            pct, producer = extra.get(p.product_id, (None, None))
            reason = a.line.discount.reason if a.line.discount else ""
            lines.append(
                {
                    "id": m.new_id(),
                    "sale_id": sale_id,
                    "line_no": no,
                    "product_id": p.product_id,
                    "sku": p.sku,
                    "barcode": a.line.scanned_code,
                    "name_th": p.name_th,
                    "name_en": p.name_en,
                    "category_code": p.category,
                    "producer_id": producer,
                    "quantity": a.line.quantity,
                    "unit_price": a.line.unit_price,
                    "gross": a.gross,
                    "line_discount": a.line_discount,
                    "line_discount_reason": reason,
                    "sale_discount": a.sale_discount,
                    "total": a.total,
                    "vat_exempt": p.vat_exempt,
                    "vat": a.vat,
                    "commission_pct": pct,
                    "basket_id": a.line.group_id,
                    "detail_th": a.line.detail.th if a.line.detail else "",
                    "detail_en": a.line.detail.en if a.line.detail else "",
                    "ref": a.line.ref,
                }
            )
        payments: list[dict[str, Any]] = [
            {
                "id": m.new_id(),
                "sale_id": sale_id,
                "seq": i,
                "kind": t.kind.value,
                "amount": t.amount,
                "tendered": t.handed,
                "reference": t.reference,
            }
            for i, t in enumerate(draft.tenders, start=1)
        ]
        conn = self.session.connection()
        conn.execute(insert(m.Sale), [sale])
        if baskets:
            conn.execute(insert(m.SaleBasket), baskets)
        conn.execute(insert(m.SaleLine), lines)
        conn.execute(insert(m.Payment), payments)
        moves = [
            {
                "id": m.new_id(),
                "product_id": pid,
                "terminal_id": terminal.terminal_id,
                "quantity": -qty,
                "reason": "sale",
                "sale_id": sale_id,
                "note": "",
                "created_at": draft.sold_at,
            }
            # a ready-made basket moves as itself, a service nothing, a drink its recipe
            for pid, qty in stock_moves(cart)
        ]
        if moves:
            conn.execute(insert(m.StockMovement), moves)
        conn.execute(
            insert(m.OutboxEvent),
            [
                {
                    "event_id": m.new_id(),
                    "kind": "sale.completed",
                    "aggregate_id": sale_id,
                    "payload": {},  # the sale's rows travel themselves (db/sync)
                    "created_at": draft.sold_at,
                    "sent_at": None,
                }
            ],
        )
        # the tamper-evident journal's link, in the sale's own transaction
        record = sale_record(sale, lines, payments, baskets)
        append_entry(
            self.session, terminal.terminal_id, EntryKind.SALE, sale_id, receipt_no,
            draft.sold_at, record,
        )  # fmt: skip
        self._journalled[sale_id] = (terminal.terminal_id, record)
        return receipt

    def add_notes(self, sale_id: str, notes: Sequence[ReceiptNote]) -> None:
        """Store the notes printed after the sale's total, after those it has (caller
        commits). A sale recorded in this transaction has its journal entry sealed again
        over its record with the notes (record version 3 covers them)."""
        if not notes:
            return
        last = self.session.scalar(
            select(func.max(m.SaleNote.seq)).where(m.SaleNote.sale_id == sale_id)
        )
        start = int(last or 0) + 1
        rows: list[dict[str, Any]] = [
            {
                "id": m.new_id(),
                "sale_id": sale_id,
                "seq": seq,
                "text_th": n.text_th,
                "text_en": n.text_en,
                "big": n.big,
            }
            for seq, n in enumerate(notes, start=start)
        ]
        self.session.connection().execute(insert(m.SaleNote), rows)
        journalled = self._journalled.get(sale_id)
        if journalled is not None:
            terminal_id, record = journalled
            record["notes"] = [*record["notes"], *({f: r[f] for f in NOTE_FIELDS} for r in rows)]
            reseal_entry(self.session, terminal_id, EntryKind.SALE, sale_id, record)

    def receipt(self, receipt_no: str) -> Receipt | None:
        sale = self.session.scalars(
            select(m.Sale)
            .where(m.Sale.receipt_no == receipt_no)
            .options(selectinload(m.Sale.lines), selectinload(m.Sale.payments))
        ).first()
        if sale is None:
            return None
        term = self.session.get(m.Terminal, sale.terminal_id)
        assert term is not None
        units = dict(
            self.session.execute(
                select(m.Product.id, m.Product.unit_th).where(
                    m.Product.id.in_([ln.product_id for ln in sale.lines])
                )
            ).all()
        )
        baskets = {
            b.id: b
            for b in self.session.scalars(
                select(m.SaleBasket).where(m.SaleBasket.sale_id == sale.id)
            )
        }
        weights = set(
            self.session.scalars(
                select(m.Product.id).where(
                    m.Product.id.in_([ln.product_id for ln in sale.lines]),
                    m.Product.sold_by == "weight",
                )
            )
        )
        return Receipt(
            sale_id=sale.id,
            receipt_no=sale.receipt_no,
            sold_at=sale.sold_at,
            pos_id=term.pos_id,
            terminal_name=term.name,
            cashier_name=sale.cashier_name,
            lines=tuple(
                ReceiptLine(
                    sku=ln.sku,
                    name_th=ln.name_th,
                    name_en=ln.name_en,
                    quantity=ln.quantity,
                    unit_th=units.get(ln.product_id, ""),
                    unit_price=ln.unit_price,
                    gross=ln.gross,
                    discount=ln.line_discount,
                    discount_reason=ln.line_discount_reason,
                    total=ln.total,
                    vat_exempt=ln.vat_exempt,
                    sold_by_weight=ln.product_id in weights,
                    basket_id=ln.basket_id,
                    basket_name_th=baskets[ln.basket_id].name_th if ln.basket_id else "",
                    basket_name_en=baskets[ln.basket_id].name_en if ln.basket_id else "",
                    basket_count=baskets[ln.basket_id].count if ln.basket_id else 0,
                    basket_message=baskets[ln.basket_id].message if ln.basket_id else "",
                    detail=Bilingual(ln.detail_th, ln.detail_en)
                    if ln.detail_th or ln.detail_en
                    else None,
                    ref=ln.ref,
                )
                for ln in sale.lines
            ),
            subtotal=sale.subtotal,
            sale_discount=sale.sale_discount,
            sale_discount_reason=sale.sale_discount_reason,
            total=sale.total,
            vatable=sale.vatable,
            exempt=sale.exempt,
            vat=sale.vat,
            vat_rate=sale.vat_rate,
            payments=tuple(
                ReceiptPayment(p.kind, p.amount, p.tendered, p.reference) for p in sale.payments
            ),
            change=sale.change,
            notes=tuple(
                ReceiptNote(n.text_th, n.text_en, n.big)
                for n in self.session.scalars(
                    select(m.SaleNote).where(m.SaleNote.sale_id == sale.id).order_by(m.SaleNote.seq)
                )
            ),
        )

    def count(self) -> int:
        return int(self.session.scalar(select(func.count()).select_from(m.Sale)) or 0)

    def export_rows(
        self, date_from: datetime | None, date_to: datetime | None
    ) -> Iterator[SaleExportRow]:
        conditions = []
        if date_from is not None:
            conditions.append(m.Sale.sold_at >= date_from)
        if date_to is not None:
            conditions.append(m.Sale.sold_at < date_to)
        methods: dict[str, list[str]] = defaultdict(list)
        pay_q = (
            select(m.Payment.sale_id, m.Payment.kind)
            .join(m.Sale, m.Sale.id == m.Payment.sale_id)
            .where(*conditions)
            .order_by(m.Payment.sale_id, m.Payment.seq)
        )
        for sale_id, kind in self.session.execute(pay_q):
            if kind not in methods[sale_id]:
                methods[sale_id].append(kind)
        q = (
            select(m.Sale, m.SaleLine)
            .join(m.SaleLine, m.SaleLine.sale_id == m.Sale.id)
            .where(*conditions)
            .order_by(m.Sale.sold_at, m.Sale.receipt_no, m.SaleLine.line_no)
        )
        for sale, line in self.session.execute(q).yield_per(2000):
            yield SaleExportRow(
                receipt_no=sale.receipt_no,
                sold_at=sale.sold_at,
                status=sale.status,
                sku=line.sku,
                name_th=line.name_th,
                qty=line.quantity,
                unit_price=line.unit_price,
                discount=line.line_discount + line.sale_discount,
                line_total=line.total,
                vat_exempt=line.vat_exempt,
                line_vat=line.vat,
                sale_total=sale.total,
                vat=sale.vat,
                payment_methods="+".join(methods.get(sale.id, [])),
                cashier=sale.cashier_name,
            )
