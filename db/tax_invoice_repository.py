"""Full tax invoices (ใบกำกับภาษี), numbered in their own series per terminal."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db import models as m
from db.numbering import Series, next_number, tax_invoice_number
from pos.domain.channels import Channel
from pos.domain.errors import TaxInvoiceError
from pos.domain.taxinvoice import Buyer
from pos.ports.printing import TaxInvoiceRecord
from pos.ports.terminals import TerminalInfo


class SqlTaxInvoiceRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def issue(
        self, receipt_no: str, terminal: TerminalInfo, buyer: Buyer, at: datetime
    ) -> TaxInvoiceRecord:
        """Number the invoice from the terminal's own 'tax_invoice' series (caller commits)."""
        sale = self.session.execute(
            select(m.Sale.id, m.Sale.status).where(m.Sale.receipt_no == receipt_no)
        ).first()
        if sale is None:
            raise TaxInvoiceError(f"No receipt {receipt_no}", f"ไม่พบใบเสร็จเลขที่ {receipt_no}")
        if sale.status != "completed":
            raise TaxInvoiceError(
                f"Receipt {receipt_no} was voided: no tax invoice can be issued for it",
                f"ใบเสร็จเลขที่ {receipt_no} ถูกยกเลิกแล้ว ออกใบกำกับภาษีไม่ได้",
            )
        seq = next_number(self.session, terminal.terminal_id, Series.TAX_INVOICE)
        row = m.TaxInvoice(
            sale_id=sale.id,
            terminal_id=terminal.terminal_id,
            seq=seq,
            number=tax_invoice_number(terminal.receipt_prefix, seq),
            issued_at=at,
            buyer_name=buyer.name,
            buyer_address=buyer.address,
            buyer_tax_id=buyer.tax_id,
            buyer_branch=buyer.branch,
        )
        self.session.add(row)
        self.session.flush()
        return TaxInvoiceRecord(row.number, at, receipt_no, buyer)

    def sale_channel_terminal(self, receipt_no: str) -> tuple[TerminalInfo, Channel] | None:
        """The terminal that recorded the sale, with its channel (None: no such sale)."""
        row = self.session.execute(
            select(m.Terminal)
            .join(m.Sale, m.Sale.terminal_id == m.Terminal.id)
            .where(m.Sale.receipt_no == receipt_no)
        ).scalar_one_or_none()
        if row is None:
            return None
        terminal = TerminalInfo(row.id, row.name, row.pos_id, row.receipt_prefix)
        return terminal, Channel(row.channel)

    def _one(self, *where: Any) -> TaxInvoiceRecord | None:
        found = self.session.execute(
            select(m.TaxInvoice, m.Sale.receipt_no)
            .join(m.Sale, m.Sale.id == m.TaxInvoice.sale_id)
            .where(*where)
            .order_by(m.TaxInvoice.issued_at)
        ).first()
        if found is None:
            return None
        row, receipt_no = found
        buyer = Buyer(row.buyer_name, row.buyer_address, row.buyer_tax_id, row.buyer_branch)
        return TaxInvoiceRecord(row.number, row.issued_at, receipt_no, buyer)

    def for_receipt(self, receipt_no: str) -> TaxInvoiceRecord | None:
        return self._one(m.Sale.receipt_no == receipt_no)

    def by_number(self, number: str) -> TaxInvoiceRecord | None:
        return self._one(m.TaxInvoice.number == number)

    def buyers(self, text: str, limit: int = 8) -> list[Buyer]:
        """Buyers of earlier invoices whose tax ID starts with `text` (digits, dashes and
        spaces ignored) or whose name holds it; each buyer (tax ID and branch) once, as on
        their newest invoice, the newest first."""
        digits = text.replace("-", "").replace(" ", "")
        t = m.TaxInvoice
        if digits.isdigit():
            match = t.buyer_tax_id.startswith(digits, autoescape=True)
        else:
            match = func.lower(t.buyer_name).contains(
                " ".join(text.split()).lower(), autoescape=True
            )
        out: dict[tuple[str, str], Buyer] = {}
        rows = self.session.execute(
            select(t.buyer_name, t.buyer_address, t.buyer_tax_id, t.buyer_branch)
            .where(match)
            .order_by(t.issued_at.desc(), t.number.desc())
            .limit(limit * 20)
        )
        for name, address, tax_id, branch in rows:
            out.setdefault((tax_id, branch), Buyer(name, address, tax_id, branch))
            if len(out) == limit:
                break
        return list(out.values())
