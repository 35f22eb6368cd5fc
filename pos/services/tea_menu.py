"""The tea corner's menu in the back office (items, option groups, prices, recipes), the demo's
default menu with its stock items, and the tea report of a report store."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from pos.domain.auth import Action, Actor, denied
from pos.domain.cart import ProductKind
from pos.domain.tea import MenuItem, TeaError, TeaReport, check_item
from pos.ports.clock import Clock
from pos.ports.reports import ReportUnitOfWork
from pos.ports.tea import TeaUnitOfWork
from pos.ports.uow import UnitOfWorkFactory


def _allowed(actor: Actor, action: Action) -> None:
    if not actor.may(action):
        raise denied(actor, action)


class TeaMenu:
    """The back office's tea menu: items, their option groups, prices and recipes."""

    def __init__(self, uow: UnitOfWorkFactory[TeaUnitOfWork], clock: Clock) -> None:
        self.uow = uow
        self.clock = clock

    def items(self) -> list[MenuItem]:
        with self.uow() as read:
            return read.tea.items()

    def item(self, product_id: str) -> MenuItem:
        with self.uow() as read:
            found = read.tea.item(product_id)
        if found is None:
            raise TeaError(f"No menu item {product_id}", f"ไม่พบเมนู {product_id}")
        return found

    def save_item(self, item: MenuItem, actor: Actor | None) -> MenuItem:
        """Add (product_id "") or change a menu item; its recipes must name stock items.

        `actor` None: the shop itself (the demo's seeding)."""
        if actor is not None:
            _allowed(actor, Action.MANAGE_CATALOG)
        check_item(item)
        with self.uow(write=True) as uow:
            saved = self._save(uow, item)
            uow.commit()
        return saved

    def _save(self, uow: TeaUnitOfWork, item: MenuItem) -> MenuItem:
        stock_ids = {pid for pid, _ in item.recipe}
        for g in item.groups:
            for o in g.options:
                stock_ids.update(pid for pid, _ in o.uses)
        found = {p.product_id: p for p in uow.catalog.products_by_ids(sorted(stock_ids))}
        for pid in sorted(stock_ids):
            product = found.get(pid)
            if product is None or product.kind is not ProductKind.GOODS:
                raise TeaError(
                    f"{item.name_en}: a recipe names {pid}, which is not a stock item",
                    f"{item.name_th}: สูตรระบุ {pid} ซึ่งไม่ใช่วัตถุดิบในสต็อก",
                )
        if not item.product_id:
            product = uow.catalog.ensure_centre_product(
                item.sku, item.name_th, item.name_en, ProductKind.MENU,
                vat_exempt=item.vat_exempt, unit_price=item.price,
            )  # fmt: skip
            if product.kind is not ProductKind.MENU:
                raise TeaError(
                    f"SKU {item.sku} is already a product that is not on the menu",
                    f"รหัส {item.sku} เป็นสินค้าอื่นอยู่แล้ว ไม่ใช่เมนูร้านชา",
                )
            item = replace(item, product_id=product.product_id)
        elif uow.tea.item(item.product_id) is None:
            raise TeaError(f"No menu item {item.product_id}", f"ไม่พบเมนู {item.product_id}")
        uow.tea.save_item(item)
        saved = uow.tea.item(item.product_id)
        assert saved is not None
        return saved

    def seed_default(self, terminal_id: str) -> list[MenuItem]:
        """The demo's menu and its stock items, once (a store with a menu keeps its own)."""
        with self.uow(write=True) as uow:
            have = uow.tea.items()
            if have:
                return have
            stock: dict[str, str] = {}
            for sku, th, en, unit_th, unit_en, opening in STOCK_ITEMS:
                product = uow.catalog.ensure_centre_product(sku, th, en, ProductKind.GOODS)
                uow.tea.prepare_stock_item(product.product_id, unit_th, unit_en, opening,
                                           terminal_id)  # fmt: skip
                stock[sku] = product.product_id
            saved = [self._save(uow, check_item(item)) for item in default_menu(stock)]
            uow.commit()
        return saved

    def set_active(self, product_id: str, active: bool, actor: Actor) -> None:
        _allowed(actor, Action.MANAGE_CATALOG)
        with self.uow(write=True) as uow:
            if not uow.tea.set_active(product_id, active):
                raise TeaError(f"No menu item {product_id}", f"ไม่พบเมนู {product_id}")
            uow.commit()


def tea_report(
    uow: UnitOfWorkFactory[ReportUnitOfWork],
    day_from: date,
    day_to: date,
    actor: Actor | None = None,
) -> TeaReport:
    """The tea corner's sales of Bangkok days `day_from` to `day_to` (a report store: the
    counter's file or the central database). `actor` None: the back-office command line."""
    if actor is not None:
        _allowed(actor, Action.REPORTS)
    if day_to < day_from:
        raise TeaError("The period ends before it starts", "ช่วงวันที่สิ้นสุดก่อนวันเริ่มต้น")
    with uow() as read:
        return read.tea.report(day_from, day_to)


# --- the demo's default menu ------------------------------------------------------------------
# stock items of the centre the recipes use: (sku, Thai, English, unit th, unit en, opening)
STOCK_ITEMS = (
    ("TEA-LEAF", "ใบชาหม่อนอบแห้ง", "Dried mulberry leaves", "กรัม", "g", Decimal(2000)),
    ("TEA-MILK", "นมสด", "Fresh milk", "มล.", "ml", Decimal(10000)),
    ("TEA-JUICE", "น้ำหม่อนเข้มข้น", "Mulberry juice concentrate", "มล.", "ml", Decimal(5000)),
    ("TEA-PEARL", "ไข่มุก", "Tapioca pearls", "กรัม", "g", Decimal(3000)),
    ("TEA-JELLY", "เยลลี่หม่อน", "Mulberry jelly", "กรัม", "g", Decimal(2000)),
    ("TEA-CUP-S", "แก้ว S", "Cup S", "ใบ", "pcs", Decimal(200)),
    ("TEA-CUP-M", "แก้ว M", "Cup M", "ใบ", "pcs", Decimal(200)),
    ("TEA-CUP-L", "แก้ว L", "Cup L", "ใบ", "pcs", Decimal(200)),
    ("TEA-COOKIE", "คุกกี้ใบหม่อน (ชิ้น)", "Mulberry-leaf cookie (piece)", "ชิ้น", "pcs", Decimal(100)),
)


def default_menu(stock: dict[str, str]) -> list[MenuItem]:
    """The demo's menu: mulberry-leaf tea (hot or iced), mulberry milk tea, mulberry juice and
    a cookie; `stock` maps the stock items' SKUs to their product ids."""
    from pos.domain.tea import OptionGroup, TeaOption

    def use(sku: str, qty: int | str) -> tuple[str, Decimal]:
        return (stock[sku], Decimal(qty))

    size = OptionGroup("size", "ขนาด", "Size", (
        TeaOption("S", "S", "S", Decimal(-10), (use("TEA-CUP-S", 1),)),
        TeaOption("M", "M", "M", Decimal(0), (use("TEA-CUP-M", 1),)),
        TeaOption("L", "L", "L", Decimal(10), (use("TEA-CUP-L", 1), use("TEA-LEAF", 1))),
    ), required=True, default="M")  # fmt: skip
    sweet = OptionGroup("sweet", "ความหวาน", "Sweetness", tuple(
        TeaOption(str(p), f"หวาน {p}%", f"{p}% sweet") for p in (0, 25, 50, 75, 100)
    ), required=True, default="50")  # fmt: skip
    temp = OptionGroup("temp", "ร้อน/เย็น", "Hot or iced", (
        TeaOption("hot", "ร้อน", "hot"),
        TeaOption("iced", "เย็น", "iced", Decimal(5)),
    ), required=True, default="iced")  # fmt: skip
    top = OptionGroup("top", "ท็อปปิ้ง", "Toppings", (
        TeaOption("pearl", "ไข่มุก", "pearls", Decimal(10), (use("TEA-PEARL", 30),)),
        TeaOption("jelly", "เยลลี่หม่อน", "mulberry jelly", Decimal(10), (use("TEA-JELLY", 30),)),
    ), multi=True)  # fmt: skip
    milk_size = OptionGroup("size", "ขนาด", "Size", tuple(
        replace(o, uses=(*o.uses, use("TEA-MILK", ml)))
        for o, ml in zip(size.options, (100, 150, 200), strict=True)
    ), required=True, default="M")  # fmt: skip
    return [
        MenuItem("", "MENU-TEA", "ชาใบหม่อน", "Mulberry-leaf tea", Decimal(35),
                 (size, sweet, temp, top), (use("TEA-LEAF", 3),), sort_order=1),
        MenuItem("", "MENU-MILKTEA", "ชานมใบหม่อน", "Mulberry milk tea", Decimal(45),
                 (milk_size, sweet, temp, top), (use("TEA-LEAF", 3),), sort_order=2),
        MenuItem("", "MENU-JUICE", "น้ำหม่อน", "Mulberry juice", Decimal(40),
                 (size, sweet, top), (use("TEA-JUICE", 60),), sort_order=3),
        MenuItem("", "MENU-COOKIE", "คุกกี้ใบหม่อน", "Mulberry-leaf cookie", Decimal(25),
                 (), (use("TEA-COOKIE", 1),), sort_order=4, unit_th="ชิ้น", unit_en="piece"),
    ]  # fmt: skip
