"""Checkout: look up scans, park and recall carts, and commit a paid sale before printing."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from pos.domain.approvals import approvals_needed
from pos.domain.auth import Action, Actor, denied
from pos.domain.barcodes import (
    GtinScan,
    MeasureKind,
    TextScan,
    VariableMeasureScan,
    parse_scan,
    split_quantity,
)
from pos.domain.basket import BasketTemplate, cart_needs
from pos.domain.bilingual import Bilingual
from pos.domain.cart import (
    Cart,
    CartGroup,
    CartLine,
    Discount,
    DiscountKind,
    ProductInfo,
    SoldBy,
    new_cart,
)
from pos.domain.cashup import ShiftError
from pos.domain.curation import SaleCheck, sale_check
from pos.domain.errors import CartError, PaymentError, UnknownProduct
from pos.domain.money import round_satang
from pos.domain.payment import Tender, settle
from pos.domain.sale import Receipt, SaleDraft
from pos.domain.scan import ScanResult, add_to_cart
from pos.domain.settings import Settings
from pos.domain.shop_time import shop_day
from pos.ports.clock import Clock
from pos.ports.sales import ParkedCart, ReceiptSink, SaleHook, SalesUnitOfWork
from pos.ports.terminals import TerminalInfo
from pos.ports.uow import UnitOfWorkFactory
from pos.services.documents import commit_and_submit
from pos.services.sale_hooks import run_sale_hooks
from pos.services.stock import ensure_stock

if TYPE_CHECKING:
    from pos.services.auth import Approval, Auth

__all__ = ["READY_SUFFIX", "Checkout", "ScanResult", "basket_placeholder"]

READY_SUFFIX = "-R"  # the SKU suffix of a template's pre-assembled (ready-made) baskets


def basket_placeholder(t: BasketTemplate) -> ProductInfo:
    """What a basket scan shows before it is in the cart (never a cart line of its own)."""
    return ProductInfo(
        t.template_id, t.code, t.name_th, t.name_en, t.unit_price(), barcode=t.barcode
    )


class Checkout:
    def __init__(
        self,
        uow: UnitOfWorkFactory[SalesUnitOfWork],
        settings: Settings,
        terminal: TerminalInfo,
        clock: Clock,
        sink: ReceiptSink | None = None,
        auth: Auth | None = None,
        hooks: Sequence[SaleHook] = (),
    ) -> None:
        self.uow = uow
        self.settings = settings
        self.terminal = terminal
        self.clock = clock
        self.sink = sink
        self.auth = auth  # checks managers' approvals (None: nothing beyond the role passes)
        self._layout = settings.vm_layout
        self.hooks: list[SaleHook] = list(hooks)  # run inside each sale's transaction

    def add_hook(self, hook: SaleHook) -> None:
        """Run `hook` inside every sale's transaction from now on (pos.ports.sales.SaleHook)."""
        self.hooks.append(hook)

    def new_cart(self) -> Cart:
        return new_cart(self.settings)

    # --- scanning ------------------------------------------------------------------------
    def lookup(self, text: str) -> ScanResult:
        """What a scan means: quantity prefix, barcode rules, then the catalogue (read only)."""
        typed = split_quantity(text, self.settings.max_quantity)
        scan = parse_scan(typed.code, self._layout)
        with self.uow() as uow:
            if isinstance(scan, GtinScan):
                product = uow.catalog.product_by_barcode(scan.code)
            elif isinstance(scan, VariableMeasureScan):
                product = uow.catalog.product_by_plu(scan.item_code)
            else:
                product = uow.catalog.product_by_sku(scan.code)
                if product is None and isinstance(scan, TextScan):
                    product = uow.catalog.product_by_barcode(scan.code)
            basket: BasketTemplate | None = None
            if product is None and not isinstance(scan, VariableMeasureScan):
                basket = uow.baskets.template_by_barcode(scan.code)
            elif product is not None and product.sku.endswith(READY_SUFFIX):
                basket = uow.baskets.template_by_ready_product(product.product_id)
        check = SaleCheck() if product is None else self._sellable(product)
        if basket is not None:
            ready = product is not None
            if not ready and not basket.is_active(self.today()):
                raise CartError(
                    f"{basket.name_en} is not on sale today",
                    f"{basket.name_th} ไม่ได้วางขายในช่วงนี้",
                )
            shown = product if product is not None else basket_placeholder(basket)
            return ScanResult(
                shown, Decimal(typed.quantity), None, scan.code, None, basket, ready,
                check.warning,
            )  # fmt: skip
        if product is None:
            raise UnknownProduct(
                f"No product has the code {scan.code}",
                f"ไม่พบสินค้ารหัส {scan.code}",
            )
        quantity = Decimal(typed.quantity)
        unit_price: Decimal | None = None
        if isinstance(scan, VariableMeasureScan):
            if scan.kind is MeasureKind.WEIGHT:
                assert scan.weight_kg is not None
                if scan.weight_kg <= 0:
                    raise CartError("The scale label shows no weight", "ฉลากตาชั่งไม่มีน้ำหนัก")
                quantity = scan.weight_kg * typed.quantity
            else:
                assert scan.price is not None
                if product.sold_by is SoldBy.WEIGHT and product.unit_price > 0:
                    # charge the printed amount exactly; stock moves by the weight it stands for
                    quantity = (scan.price / product.unit_price).quantize(Decimal("0.001"))
                    if quantity <= 0:
                        raise CartError(
                            "The scale label's amount is too small", "ยอดเงินบนฉลากตาชั่งน้อยเกินไป"
                        )
                    return ScanResult(
                        product, quantity, None, scan.code, fixed_gross=scan.price,
                        warning=check.warning,
                    )  # fmt: skip
                # a price label on a unit product: one line priced as printed
                unit_price = scan.price
        elif product.sold_by is SoldBy.WEIGHT:
            raise CartError(
                f"{product.name_en} is sold by weight: weigh it on the scale",
                f"{product.name_th} ขายตามน้ำหนัก กรุณาชั่งก่อน",
            )
        return ScanResult(product, quantity, unit_price, scan.code, warning=check.warning)

    def _sellable(self, product: ProductInfo) -> SaleCheck:
        """Only approved products sell; an expired certificate warns or blocks (settings)."""
        return sale_check(
            product.name, product.curation, product.cert_expires, self.today(),
            self.settings.expired_certificate,
        )  # fmt: skip

    def today(self) -> date:
        """The shop's calendar day (Asia/Bangkok, UTC+7 all year)."""
        return shop_day(self.clock.now())

    @staticmethod
    def add_to_cart(cart: Cart, scan: ScanResult) -> int:
        """Add a looked-up scan (the domain's rule); returns the row of the line it landed in."""
        return add_to_cart(cart, scan)

    # --- paying --------------------------------------------------------------------------
    def complete(
        self,
        cart: Cart,
        tenders: Sequence[Tender],
        *,
        actor: Actor,
        approvals: Sequence[Approval] = (),
    ) -> Receipt:
        """Commit the sale in one transaction, then hand the receipt to the printer sink.

        `actor` sells (their role must allow it; the receipt names them). A discount above
        the shop's limit or a price typed at the counter needs a manager's approval of that
        action among `approvals`; with `require_shift` the counter must have a shift open.
        The sale is durable before anything is printed; a printer fault is logged and left to
        the print queue, never raised to the cashier as a lost sale.
        """
        if not actor.may(Action.SELL):
            raise denied(actor, Action.SELL)
        if cart.is_empty:
            raise CartError("The cart is empty", "ยังไม่มีสินค้าในตะกร้า")
        needs = approvals_needed(
            cart, discount_limit_pct=self.settings.discount_limit_pct, layout=self._layout
        )
        for need in needs:
            self._authorize(actor, need.action, approvals)
        totals = cart.totals()
        settlement = settle(totals.total, tenders)
        if not settlement.settled:
            raise PaymentError(
                f"{settlement.remaining} is still due", f"ยังค้างชำระ {settlement.remaining} บาท"
            )
        draft = SaleDraft(
            sale_id=str(uuid.uuid4()),
            cart=cart,
            totals=totals,
            tenders=tuple(tenders),
            settlement=settlement,
            sold_at=self.clock.now(),
            cashier_id=actor.user_id,
            cashier_name=actor.display_name,
        )
        with self.uow(write=True) as uow:
            if (
                self.settings.require_shift
                and uow.shifts.current(self.terminal.terminal_id) is None
            ):
                raise ShiftError(
                    "No shift is open at this counter: open a shift before selling",
                    "ยังไม่ได้เปิดกะที่เครื่องนี้ กรุณาเปิดกะก่อนขาย",
                )
            for product in uow.catalog.products_by_ids({line.product.product_id for line in cart}):
                self._sellable(product)  # as the catalogue says now, not as it was at the scan
            # the shop's stock rule, in the sale's own transaction (see ensure_stock)
            ensure_stock(uow, cart_needs(cart), self.settings.allow_negative_stock)
            receipt = uow.sales.record(draft, self.terminal)
            receipt = run_sale_hooks(uow, receipt, cart, self.hooks)
            commit_and_submit(uow, self.sink, receipt, f"receipt {receipt.receipt_no}")
        return receipt

    def _authorize(self, actor: Actor, action: Action, approvals: Sequence[Approval]) -> None:
        """`actor` may do `action` by role, or by one of `approvals` (spent once used)."""
        if actor.may(action):
            return
        offered = [a for a in approvals if a.action is action]
        if self.auth is None or not offered:
            raise denied(actor, action)
        self.auth.authorize(actor, action, offered[0])

    def reprint(self, receipt_no: str) -> Receipt:
        with self.uow() as uow:
            receipt = uow.sales.receipt(receipt_no)
        if receipt is None:
            raise UnknownProduct(f"No receipt {receipt_no}", f"ไม่พบใบเสร็จเลขที่ {receipt_no}")
        return receipt

    # --- parking -------------------------------------------------------------------------
    def park(self, cart: Cart, label: str = "", owner: str = "") -> str:
        """Put `cart` aside under `label`; the recall list shows its `owner` (the cashier's
        name), when it was parked, its lines and its total."""
        if cart.is_empty:
            raise CartError("Nothing to park", "ไม่มีรายการให้พักบิล")
        payload = cart_to_payload(cart)
        payload["owner"] = owner
        payload["total"] = str(cart.totals().total)
        with self.uow(write=True) as uow:
            parked_id = uow.parking.park(
                self.terminal.terminal_id, label, payload, self.clock.now()
            )
            uow.commit()
        return parked_id

    def parked(self) -> list[ParkedCart]:
        with self.uow() as uow:
            return uow.parking.list(self.terminal.terminal_id)

    def recall(self, parked_id: str) -> Cart:
        with self.uow(write=True) as uow:
            parked = uow.parking.take(parked_id)
            if parked is None:
                raise CartError("That parked sale is gone", "ไม่พบบิลที่พักไว้")
            ids = [line["product_id"] for line in parked.payload["lines"]]
            products = {p.product_id: p for p in uow.catalog.products_by_ids(ids)}
            cart = cart_from_payload(self.new_cart(), parked.payload, products)
            uow.commit()
        return cart


def _discount_to_json(d: Discount | None) -> dict[str, str] | None:
    return None if d is None else {"kind": d.kind.value, "value": str(d.value), "reason": d.reason}


def _discount_from_json(d: dict[str, str] | None) -> Discount | None:
    return (
        None if d is None else Discount(DiscountKind(d["kind"]), Decimal(d["value"]), d["reason"])
    )


def cart_to_payload(cart: Cart) -> dict[str, Any]:
    return {
        "cart_id": cart.cart_id,
        "sale_discount": _discount_to_json(cart.sale_discount),
        "lines": [
            {
                "product_id": line.product.product_id,
                "quantity": str(line.quantity),
                "unit_price": str(line.unit_price),
                "scanned_code": line.scanned_code,
                "discount": _discount_to_json(line.discount),
                "fixed_gross": None if line.fixed_gross is None else str(line.fixed_gross),
                "group_id": line.group_id,
                "detail": None if line.detail is None else [line.detail.th, line.detail.en],
                "ref": line.ref,
                "uses": [[pid, str(qty)] for pid, qty in line.uses],
            }
            for line in cart
        ],
        "groups": [
            {
                "group_id": g.group_id,
                "name_th": g.name_th,
                "name_en": g.name_en,
                "count": g.count,
                "template_id": g.template_id,
                "message": g.message,
                "ready_product_id": g.ready_product_id,
                "price": str(g.price),
                "set_price": g.set_price,
            }
            for g in cart.groups.values()
        ],
    }


def _made_line(product: ProductInfo, ln: dict[str, Any]) -> CartLine:
    """A parked ready-made line (a drink, a fee, a booking's payment) as it was made."""
    detail = ln.get("detail")
    return CartLine(
        product,
        Decimal(ln["quantity"]),
        Decimal(ln["unit_price"]),
        scanned_code=ln.get("scanned_code"),
        discount=_discount_from_json(ln.get("discount")),
        fixed_gross=Decimal(ln["fixed_gross"]) if ln.get("fixed_gross") else None,
        detail=Bilingual(detail[0], detail[1]) if detail else None,
        ref=ln.get("ref"),
        uses=tuple((pid, Decimal(qty)) for pid, qty in ln.get("uses") or ()),
    )


def cart_from_payload(
    cart: Cart, payload: dict[str, Any], products: dict[str, ProductInfo]
) -> Cart:
    missing = [ln["product_id"] for ln in payload["lines"] if ln["product_id"] not in products]
    if missing:
        raise CartError(
            f"{len(missing)} product(s) of the parked sale are no longer sold",
            f"สินค้า {len(missing)} รายการในบิลที่พักไว้ไม่มีขายแล้ว",
        )
    groups = {g["group_id"]: g for g in payload.get("groups", [])}
    for ln in payload["lines"]:
        product = products[ln["product_id"]]
        gid = ln.get("group_id")
        if gid:
            g = groups[gid]
            if gid not in cart.groups:
                cart.groups[gid] = CartGroup(
                    gid,
                    g["name_th"],
                    g["name_en"],
                    int(g["count"]),
                    g["template_id"],
                    g["message"],
                    g["ready_product_id"],
                    Decimal(g["price"]),
                    bool(g["set_price"]),
                )
            share = Decimal(ln["fixed_gross"])
            line = cart.add(product, Decimal(ln["quantity"]), fixed_gross=share, merge=False)
            line.unit_price = round_satang(Decimal(ln["unit_price"]))
            line.group_id = gid
            if ln["discount"]:
                cart.set_line_discount(line.line_id, _discount_from_json(ln["discount"]))
            continue
        if ln.get("detail") or ln.get("ref") or ln.get("uses"):
            made = _made_line(product, ln)
            cart.add_line(made)
            continue
        line = cart.add(
            product,
            Decimal(ln["quantity"]),
            unit_price=round_satang(Decimal(ln["unit_price"])),
            scanned_code=ln["scanned_code"],
            merge=False,  # the parked cart's lines come back as they were, never merged
            fixed_gross=Decimal(ln["fixed_gross"]) if ln.get("fixed_gross") else None,
        )
        if ln["discount"]:
            cart.set_line_discount(line.line_id, _discount_from_json(ln["discount"]))
    cart.set_sale_discount(_discount_from_json(payload["sale_discount"]))
    return cart
