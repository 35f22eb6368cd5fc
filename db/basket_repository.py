"""Gift baskets in the database: templates with their items, stock locks and movements."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from decimal import Decimal

from sqlalchemy import insert, select
from sqlalchemy.orm import Session, selectinload

from db import models as m
from db.product_rows import PRODUCT_COLUMNS, product_info
from pos.domain.basket import BasketItem, BasketTemplate, PriceRule
from pos.domain.cart import ProductInfo
from pos.ports.stock import StockMove


class SqlBasketRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def _products(self, ids: Iterable[str | None]) -> dict[str, ProductInfo]:
        wanted = {i for i in ids if i}
        if not wanted:
            return {}
        codes: dict[str, str] = {}
        for pid, code in self.session.execute(
            select(m.ProductBarcode.product_id, m.ProductBarcode.code).where(
                m.ProductBarcode.product_id.in_(wanted)
            )
        ):
            codes.setdefault(pid, code)
        rows = self.session.execute(select(*PRODUCT_COLUMNS).where(m.Product.id.in_(wanted)))
        return {r.id: product_info(r, codes.get(r.id)) for r in rows}

    def _templates(self, *where: object) -> list[BasketTemplate]:
        rows = list(
            self.session.scalars(
                select(m.BasketTemplate)
                .where(m.BasketTemplate.active.is_(True), *where)  # type: ignore[arg-type]
                .options(selectinload(m.BasketTemplate.components))
                .order_by(m.BasketTemplate.code)
            )
        )
        ids: list[str | None] = []
        for t in rows:
            ids += [t.container_id, t.wrapping_id, t.ready_product_id]
            ids += [c.product_id for c in t.components]
        products = self._products(ids)

        def item(pid: str | None) -> BasketItem | None:
            return BasketItem(products[pid], Decimal(1)) if pid and pid in products else None

        return [
            BasketTemplate(
                template_id=t.id,
                code=t.code,
                name_th=t.name_th,
                name_en=t.name_en,
                rule=PriceRule(t.price_rule),
                components=tuple(
                    BasketItem(products[c.product_id], c.quantity)
                    for c in sorted(t.components, key=lambda c: products[c.product_id].sku)
                ),
                container=item(t.container_id),
                wrapping=item(t.wrapping_id),
                price=t.price,
                fee=t.fee,
                discount_pct=t.discount_pct,
                barcode=t.barcode,
                active_from=t.active_from,
                active_to=t.active_to,
                ready_product=products.get(t.ready_product_id) if t.ready_product_id else None,
            )
            for t in rows
        ]

    # --- reading -------------------------------------------------------------------------
    def templates(self) -> list[BasketTemplate]:
        return self._templates()

    def template(self, template_id: str) -> BasketTemplate | None:
        found = self._templates(m.BasketTemplate.id == template_id)
        return found[0] if found else None

    def template_by_barcode(self, code: str) -> BasketTemplate | None:
        found = self._templates(m.BasketTemplate.barcode == code)
        return found[0] if found else None

    def template_by_ready_product(self, product_id: str) -> BasketTemplate | None:
        found = self._templates(m.BasketTemplate.ready_product_id == product_id)
        return found[0] if found else None

    def packaging(self) -> list[ProductInfo]:
        """Containers and wrappings: the items templates use as such, by SKU."""
        ids: set[str] = set()
        for c, w in self.session.execute(
            select(m.BasketTemplate.container_id, m.BasketTemplate.wrapping_id)
        ):
            ids |= {i for i in (c, w) if i}
        return sorted(self._products(ids).values(), key=lambda p: p.sku)

    def template_barcodes(self) -> dict[str, str]:
        return {
            code: bc
            for code, bc in self.session.execute(
                select(m.BasketTemplate.code, m.BasketTemplate.barcode)
            )
            if bc
        }

    # --- writing -------------------------------------------------------------------------
    def set_template_barcode(self, code: str, barcode: str) -> None:
        row = self.session.scalars(
            select(m.BasketTemplate).where(m.BasketTemplate.code == code)
        ).one()
        row.barcode = barcode
        self.session.flush()

    def lock_products(self, product_ids: Sequence[str]) -> None:
        """Hold the products' rows until commit (PostgreSQL FOR UPDATE; SQLite's writer holds
        the whole database from BEGIN IMMEDIATE already)."""
        ids = sorted(set(product_ids))  # one order everywhere: no deadlock between counters
        if ids:
            self.session.execute(
                select(m.Product.id)
                .where(m.Product.id.in_(ids))
                .order_by(m.Product.id)
                .with_for_update()
            ).all()

    def add_movements(self, moves: Sequence[StockMove], terminal_id: str, at: datetime) -> None:
        if not moves:
            return
        self.session.connection().execute(
            insert(m.StockMovement),
            [
                {
                    "id": m.new_id(),
                    "product_id": mv.product_id,
                    "terminal_id": terminal_id,
                    "quantity": mv.quantity,
                    "reason": mv.reason,
                    "sale_id": None,
                    "note": mv.note,
                    "created_at": at,
                }
                for mv in moves
            ],
        )

    def ensure_ready_product(self, template_id: str, barcode: str, price: Decimal) -> str:
        """The product that stocks pre-assembled baskets of a template (made on first use)."""
        t = self.session.get(m.BasketTemplate, template_id)
        assert t is not None
        if t.ready_product_id:
            return t.ready_product_id
        ids = [c.product_id for c in t.components]
        first = self.session.get(m.Product, t.container_id or ids[0])
        assert first is not None
        exempt = (
            all(self.session.scalars(select(m.Product.vat_exempt).where(m.Product.id.in_(ids))))
            and t.container_id is None
            and t.wrapping_id is None
        )
        product = m.Product(
            sku=f"{t.code}-R",
            name_th=f"{t.name_th} (จัดแล้ว)",
            name_en=f"{t.name_en} (ready-made)",
            category_code=first.category_code,
            producer_id=first.producer_id,
            unit_price=price,
            unit_th="กระเช้า",
            unit_en="basket",
            vat_exempt=exempt,
            story_th=t.story_th,
            story_en=t.story_en,
        )
        self.session.add(product)
        self.session.flush()
        self.session.add(m.ProductBarcode(code=barcode, product_id=product.id, kind="instore"))
        t.ready_product_id = product.id
        self.session.flush()
        return product.id
