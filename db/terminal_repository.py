"""The local terminal (counter) and its shop."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from db import models as m
from db.numbering import Series
from pos.ports.terminals import ShopInfo, TerminalInfo


class SqlTerminalRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def local(self) -> TerminalInfo | None:
        t = self.session.scalars(select(m.Terminal).where(m.Terminal.is_local.is_(True))).first()
        return None if t is None else TerminalInfo(t.id, t.name, t.pos_id, t.receipt_prefix)

    def by_prefix(self, receipt_prefix: str) -> TerminalInfo | None:
        """The terminal whose series has `receipt_prefix` (the web shop's: KK-W)."""
        t = self.session.scalars(
            select(m.Terminal).where(m.Terminal.receipt_prefix == receipt_prefix)
        ).first()
        return None if t is None else TerminalInfo(t.id, t.name, t.pos_id, t.receipt_prefix)

    def has_shop(self) -> bool:
        return self.session.scalars(select(m.Shop.id).limit(1)).first() is not None

    def create_local(
        self, name: str, pos_id: str, receipt_prefix: str, shop: ShopInfo
    ) -> TerminalInfo:
        row = self.session.scalars(select(m.Shop).where(m.Shop.code == shop.code)).first()
        if row is None:
            row = m.Shop(
                code=shop.code,
                name_th=shop.name_th,
                name_en=shop.name_en,
                tax_id=shop.tax_id,
                branch=shop.branch,
                address_th=shop.address_th,
            )
            self.session.add(row)
            self.session.flush()
        term = m.Terminal(
            shop_id=row.id, name=name, pos_id=pos_id, receipt_prefix=receipt_prefix, is_local=True
        )
        self.session.add(term)
        self.session.flush()
        sale = Series.SALE.value
        self.session.add(m.ReceiptSequence(terminal_id=term.id, series=sale, next_no=1))
        return TerminalInfo(term.id, term.name, term.pos_id, term.receipt_prefix)
