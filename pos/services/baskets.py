"""Gift-basket use cases: what can be made now, custom baskets, templates, assembly orders."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from pos.domain.barcodes import in_store_code
from pos.domain.basket import (
    BasketTemplate,
    CustomBasket,
    can_make,
    requirements,
)
from pos.domain.cart import ProductInfo
from pos.domain.catalog import BasketComponentEntry, BasketEntry
from pos.domain.errors import CartError
from pos.domain.settings import Settings
from pos.domain.shop_time import shop_day
from pos.ports.clock import Clock
from pos.ports.sales import SalesUnitOfWork
from pos.ports.stock import StockMove
from pos.ports.terminals import TerminalInfo
from pos.ports.uow import UnitOfWorkFactory
from pos.services.stock import ensure_stock

# Baskets take in-store codes from the top of the shop's range; products count up from 1.
BASKET_CODE_BASE = 900_000


@dataclass(frozen=True, slots=True)
class TemplateChoice:
    """A template as the till lists it: can it be sold today, and how many."""

    template: BasketTemplate
    price: Decimal
    can_make: int  # from component stock now
    ready: Decimal  # pre-assembled baskets on the shelf
    active: bool


def _free_code(prefix: str, taken: set[str], start: int) -> tuple[str, int]:
    number = start
    code = in_store_code(prefix, number)
    while code in taken:
        number += 1
        code = in_store_code(prefix, number)
    taken.add(code)
    return code, number + 1


def assign_basket_codes(uow: UnitOfWorkFactory[SalesUnitOfWork], prefix: str) -> dict[str, str]:
    """Give every template without a barcode an in-store EAN-13 (scanned like a product)."""
    assigned: dict[str, str] = {}
    with uow(write=True) as work:
        taken = set(work.catalog.barcode_owners()) | set(work.baskets.template_barcodes().values())
        number = BASKET_CODE_BASE
        for t in work.baskets.templates():
            if t.barcode:
                continue
            code, number = _free_code(prefix, taken, number)
            work.baskets.set_template_barcode(t.code, code)
            assigned[t.code] = code
        work.commit()
    return assigned


class Baskets:
    def __init__(
        self,
        uow: UnitOfWorkFactory[SalesUnitOfWork],
        settings: Settings,
        terminal: TerminalInfo,
        clock: Clock,
    ) -> None:
        self.uow = uow
        self.settings = settings
        self.terminal = terminal
        self.clock = clock

    def today(self) -> date:
        return shop_day(self.clock.now())

    # --- reading -------------------------------------------------------------------------
    def choices(self) -> list[TemplateChoice]:
        """Every template with its price and availability ("7 can be made now")."""
        with self.uow() as uow:
            templates = uow.baskets.templates()
            ids: set[str] = set()
            for t in templates:
                ids |= set(t.needs())
                if t.ready_product is not None:
                    ids.add(t.ready_product.product_id)
            stock = uow.catalog.stock_on_hand(sorted(ids))
        day = self.today()
        return [
            TemplateChoice(
                template=t,
                price=t.unit_price(),
                can_make=can_make(t.needs(), stock),
                ready=stock.get(t.ready_product.product_id, Decimal(0))
                if t.ready_product is not None
                else Decimal(0),
                active=t.is_active(day),
            )
            for t in templates
        ]

    def packaging(self) -> list[ProductInfo]:
        with self.uow() as uow:
            return uow.baskets.packaging()

    def template(self, template_id: str) -> BasketTemplate:
        with self.uow() as uow:
            t = uow.baskets.template(template_id)
        if t is None:
            raise CartError("That basket is no longer sold", "ไม่มีตะกร้านี้แล้ว")
        return t

    # --- templates -----------------------------------------------------------------------
    def assign_codes(self) -> dict[str, str]:
        return assign_basket_codes(self.uow, self.settings.in_store_prefix)

    def save_as_template(
        self, basket: CustomBasket, code: str, *, fixed_price: bool = False
    ) -> BasketTemplate:
        """A manager keeps a counter-made basket as a template (price: items + fee, or the
        basket's set price as a fixed price)."""
        if not re.fullmatch(r"[A-Z0-9][A-Z0-9-]{1,18}", code):
            raise CartError(
                "A basket code is 2-19 capital letters, digits or dashes",
                "รหัสตะกร้าต้องเป็นตัวพิมพ์ใหญ่ ตัวเลข หรือขีด 2-19 ตัว",
            )
        if not basket.contents:
            raise CartError("A basket needs at least one item", "ตะกร้าต้องมีสินค้าอย่างน้อยหนึ่งรายการ")
        fixed = fixed_price or basket.set_price is not None
        entry = BasketEntry(
            code=code,
            name_th=basket.name_th,
            name_en=basket.name_en,
            price_rule="fixed" if fixed else "sum_plus_fee",
            components=tuple(
                BasketComponentEntry(i.product.sku, i.quantity) for i in basket.contents
            ),
            price=basket.price() if fixed else None,
            fee=None if fixed else basket.fee,
            container_sku=basket.container.product.sku if basket.container else None,
            wrapping_sku=basket.wrapping.product.sku if basket.wrapping else None,
        )
        with self.uow(write=True) as uow:
            if code in uow.baskets.template_barcodes() or any(
                t.code == code for t in uow.baskets.templates()
            ):
                raise CartError(f"Basket code {code} is taken", f"รหัสตะกร้า {code} มีอยู่แล้ว")
            uow.catalog.upsert_baskets([entry])
            uow.commit()
        self.assign_codes()
        with self.uow() as uow:
            found = [t for t in uow.baskets.templates() if t.code == code]
        return found[0]

    # --- pre-assembled stock -------------------------------------------------------------
    def assemble(self, template_id: str, count: int) -> ProductInfo:
        """An assembly order: `count` baskets made from component stock, stocked ready-made
        under their own product and barcode. One transaction, reason 'assembly'."""
        if count < 1:
            raise CartError("Assemble at least one basket", "ต้องจัดอย่างน้อยหนึ่งตะกร้า")
        at = self.clock.now()
        with self.uow(write=True) as uow:
            t = uow.baskets.template(template_id)
            if t is None:
                raise CartError("That basket is no longer sold", "ไม่มีตะกร้านี้แล้ว")
            ready_id = self._ready_product(uow, t)
            need = requirements(t.items, count)
            ensure_stock(uow, need, self.settings.allow_negative_stock)
            note = f"{t.code} x{count}"
            moves = [StockMove(pid, -q, "assembly", note) for pid, q in need.items()]
            moves.append(StockMove(ready_id, Decimal(count), "assembly", note))
            uow.baskets.add_movements(moves, self.terminal.terminal_id, at)
            uow.commit()
            made = uow.baskets.template(template_id)
        assert made is not None
        assert made.ready_product is not None
        return made.ready_product  # with its barcode, for the basket's label

    def disassemble(self, template_id: str, count: int) -> None:
        """Take `count` ready baskets apart: their components go back on the shelf."""
        if count < 1:
            raise CartError("Take apart at least one basket", "ต้องแยกอย่างน้อยหนึ่งตะกร้า")
        at = self.clock.now()
        with self.uow(write=True) as uow:
            t = uow.baskets.template(template_id)
            if t is None or t.ready_product is None:
                raise CartError("No ready-made baskets of that kind", "ไม่มีตะกร้าที่จัดไว้แล้วแบบนี้")
            ready_id = t.ready_product.product_id
            # ready baskets never go below zero: they are counted things on a shelf
            ensure_stock(uow, {ready_id: Decimal(count)}, allow_negative=False)
            note = f"{t.code} x{count}"
            moves = [StockMove(ready_id, Decimal(-count), "disassembly", note)]
            moves += [
                StockMove(pid, q, "disassembly", note)
                for pid, q in requirements(t.items, count).items()
            ]
            uow.baskets.add_movements(moves, self.terminal.terminal_id, at)
            uow.commit()

    def _ready_product(self, work: SalesUnitOfWork, t: BasketTemplate) -> str:
        if t.ready_product is not None:
            return t.ready_product.product_id
        taken = set(work.catalog.barcode_owners()) | set(work.baskets.template_barcodes().values())
        code, _ = _free_code(self.settings.in_store_prefix, taken, BASKET_CODE_BASE + 50_000)
        return work.baskets.ensure_ready_product(t.template_id, code, t.unit_price())
