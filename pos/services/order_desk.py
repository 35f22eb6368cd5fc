"""The orders window's service: the staff's side of online orders, from payment through
picking, packing and shipping to delivery or cancellation, each order sold at its channel's
terminal by the path a counter's sale takes."""

from __future__ import annotations

import builtins
import logging
import math
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from decimal import Decimal

from pos.domain.auth import Action, Actor
from pos.domain.barcodes import GtinScan, parse_scan
from pos.domain.basket import BasketTemplate, basket_lines, cart_needs, template_group
from pos.domain.bilingual import Bilingual
from pos.domain.cart import Cart, CartLine, ProductInfo, ProductKind, new_cart
from pos.domain.channels import Channel
from pos.domain.errors import InvalidBarcode, PaymentError
from pos.domain.orders import (
    Fulfilment,
    OrderError,
    OrderFormError,
    OrderStatus,
    PaymentMethod,
    check_move,
)
from pos.domain.payment import Tender, TenderKind, settle
from pos.domain.sale import Receipt, SaleDraft
from pos.domain.settings import Settings
from pos.domain.shipping import Carrier, check_tracking
from pos.domain.taxinvoice import TaxInvoice
from pos.ports.clock import Clock
from pos.ports.orders import (
    OrderLineView,
    OrderSummary,
    OrdersUnitOfWork,
    OrderView,
    PackItem,
    PackProgress,
    PickLine,
    PickList,
)
from pos.ports.sales import SaleHook
from pos.ports.terminals import TerminalInfo
from pos.ports.uow import UnitOfWorkFactory
from pos.services.audit import record, require
from pos.services.orders import EXPIRED_BY, EXPIRED_NOTE
from pos.services.sale_hooks import run_sale_hooks
from pos.services.stock import OutOfStock, ensure_stock

log = logging.getLogger(__name__)

# runs inside every status change's transaction (chat's order messages)
StatusHook = Callable[[OrdersUnitOfWork, OrderView, OrderStatus, datetime], None]

# an order's delivery fee on its sale: the centre's own service (sku, Thai, English) and ref
DELIVERY_FEE = ("SVC-DELIVERY", "ค่าจัดส่ง", "Delivery fee")
DELIVERY_REF = "delivery:"
LATE_NOTE = "paid late"  # on the paid event of a payment confirmed after the expiry
LATE_REFUND_NOTE = "paid late, refund due"  # on the expired order's event, with the amount


class OrderDesk:
    """The orders window's service (one per process, thread-safe): staff's actions on online
    orders, each role-checked and audited."""

    def __init__(
        self,
        uow: UnitOfWorkFactory[OrdersUnitOfWork],
        settings: Settings,
        clock: Clock,
        hooks: Sequence[SaleHook] = (),
    ) -> None:
        self.uow = uow
        self.settings = settings
        self.clock = clock
        self.hooks: list[SaleHook] = list(hooks)  # run inside each order's sale transaction
        self.status_hooks: list[StatusHook] = []

    def add_hook(self, hook: SaleHook) -> None:
        """Run `hook` inside every order's sale transaction (pos.ports.sales.SaleHook)."""
        self.hooks.append(hook)

    def add_status_hook(self, hook: StatusHook) -> None:
        """Run `hook(uow, order as moved, target, at)` inside each status change's transaction."""
        self.status_hooks.append(hook)

    def order(self, order_no: str) -> OrderView:
        with self.uow() as read:
            found = read.orders.get(order_no.strip().upper())
        if found is None:
            raise _no_order(order_no)
        return found

    def tax_invoice(self, order_no: str) -> TaxInvoice | None:
        """The full tax invoice issued for the order's sale, if any."""
        with self.uow() as read:
            order = read.orders.get(order_no.strip().upper())
            if order is None:
                raise _no_order(order_no)
            if order.receipt_no is None:
                return None
            found = read.tax_invoices.for_receipt(order.receipt_no)
            receipt = None if found is None else read.sales.receipt(order.receipt_no)
        if found is None or receipt is None:
            return None
        return TaxInvoice(found.number, found.issued_at, found.buyer, receipt)

    def counts(self) -> dict[OrderStatus, int]:
        """Orders in each status (the orders window's tabs)."""
        with self.uow() as read:
            return read.orders.counts()

    def confirm_payment(self, order_no: str, actor: Actor) -> Receipt:
        """A PromptPay payment seen on the shop's account: the order becomes a sale of the
        online channel (its own receipt series), its reservations turn into stock moved.

        A payment that came after the reservation ran out (the order expired) is sold too
        when every line is still in stock, checked in the same transaction; when it is not,
        LatePaymentShort names what is short and nothing is written (`record_late_refund`
        notes the refund due instead)."""
        require(actor, Action.MANAGE_ORDERS)
        now = self.clock.now()
        with self.uow(write=True) as uow:
            order = self._locked(uow, order_no)
            late = expired_unpaid(order)
            if not late:
                check_move(order.order_no, order.status, OrderStatus.PAID)
            if order.payment is not PaymentMethod.PROMPTPAY:
                raise OrderError(
                    f"Order {order.order_no} is paid {order.payment.label.en}, not by PromptPay",
                    f"คำสั่งซื้อ {order.order_no} ชำระแบบ{order.payment.label.th} ไม่ใช่พร้อมเพย์",
                )
            if late:
                self._still_in_stock(uow, order)
            tender = Tender(TenderKind.PROMPTPAY, order.total, reference=order.order_no)
            receipt = self._sold(uow, order, [tender], actor, now)
            note = f"{receipt.receipt_no} {LATE_NOTE}" if late else receipt.receipt_no
            self._move(uow, order, OrderStatus.PAID, actor, now, note)
            uow.commit()
        log.info("order %s paid%s: receipt %s", order.order_no, " late" if late else "",
                 receipt.receipt_no)  # fmt: skip
        return receipt

    def _still_in_stock(self, uow: OrdersUnitOfWork, order: OrderView) -> None:
        """A late payment's lines against the stock now: on hand less what other orders hold
        (the products locked, as a counter's sale locks them), whatever the negative-stock
        setting allows."""
        needs = self._needs(uow, order)
        try:
            ensure_stock(uow, {pid: Decimal(q) for pid, q in needs.items()}, allow_negative=False)
        except OutOfStock as exc:
            products = uow.catalog.products_by_ids(exc.missing)
            names = {p.product_id: p.name for p in products}
            short = {
                pid: (needs[pid], max(0, needs[pid] - math.ceil(gap)))
                for pid, gap in exc.missing.items()
            }
            raise LatePaymentShort(order, short, names) from None

    def record_late_refund(self, order_no: str, actor: Actor) -> OrderView:
        """A payment after the reservation ran out that is not sold (the stock is gone, or
        the customer wants the money back): noted on the cancelled order as "paid late,
        refund due" with the exact amount paid (the QR's amount, delivery included)."""
        require(actor, Action.MANAGE_ORDERS)
        now = self.clock.now()
        with self.uow(write=True) as uow:
            order = self._locked(uow, order_no)
            if not expired_unpaid(order):
                raise OrderError(
                    f"Order {order.order_no} did not expire unpaid: no late payment to note",
                    f"คำสั่งซื้อ {order.order_no} ไม่ได้หมดเวลาชำระ จึงบันทึกการชำระล่าช้าไม่ได้",
                )
            amount = f"{order.total:.2f}"
            note = f"{LATE_REFUND_NOTE} {amount}"
            uow.orders.move(order.order_id, OrderStatus.CANCELLED, now, actor.display_name, note)
            uow.orders.set_cancel_reason(
                order.order_id, f"{EXPIRED_NOTE}; {note} (PromptPay {order.order_no})"
            )
            record(uow.audit, self.clock, actor, "order.refund_due", order.order_no,
                   before={"status": order.status.value},
                   after={"status": OrderStatus.CANCELLED.value, "refund_due": amount})  # fmt: skip
            uow.commit()
        log.info("order %s paid late: refund due %s", order.order_no, amount)
        return self.order(order_no)

    def start_picking(self, order_no: str, actor: Actor) -> OrderView:
        require(actor, Action.PACK_ORDERS)
        return self._transition(order_no, actor, OrderStatus.PICKING)

    def pick_list(self, order_nos: Sequence[str]) -> PickList:
        """What to take off the shelves for these orders, by category then SKU (a gift
        basket's items listed one by one)."""
        with self.uow() as read:
            needs: dict[str, int] = {}
            which: dict[str, list[str]] = {}
            numbers: list[str] = []
            for number in dict.fromkeys(n.strip().upper() for n in order_nos):
                order = read.orders.get(number)
                if order is None:
                    raise _no_order(number)
                numbers.append(order.order_no)
                for pid, qty in self._needs(read, order).items():
                    needs[pid] = needs.get(pid, 0) + qty
                    which.setdefault(pid, []).append(order.order_no)
            rows = read.orders.pick_rows(needs)
        lines = [
            PickLine(cat, cat_th, cat_en, sku, th, en, needs[pid], tuple(which[pid]))
            for pid, sku, th, en, cat, cat_th, cat_en in rows
        ]
        lines.sort(key=lambda ln: (ln.category_code, ln.sku))
        return PickList(tuple(numbers), tuple(lines))

    def pack_progress(self, order_no: str) -> PackProgress:
        with self.uow() as read:
            order = read.orders.get(order_no.strip().upper())
            if order is None:
                raise _no_order(order_no)
            return self._progress(read, order, order.packed)

    def pack_scan(self, order_no: str, code: str) -> PackProgress:
        """One unit scanned into the parcel: a product not in the order, or one more than it
        needs, is refused with a message."""
        scanned = code.strip()
        with self.uow(write=True) as uow:
            order = self._locked(uow, order_no)
            if order.status is not OrderStatus.PICKING:
                raise OrderError(
                    f"Order {order.order_no} is {order.status.label.en}: start picking it first",
                    f"คำสั่งซื้อ {order.order_no} อยู่ในสถานะ{order.status.label.th} กรุณาเริ่มจัดสินค้าก่อน",
                )
            product = self._scanned(uow, scanned)
            needs = self._needs(uow, order)
            if product is None or product.product_id not in needs:
                what = product.name if product else Bilingual(scanned, scanned)
                raise OrderError(
                    f"{what.en} is not in order {order.order_no}",
                    f"{what.th} ไม่อยู่ในคำสั่งซื้อ {order.order_no}",
                )
            packed = dict(order.packed)
            pid = product.product_id
            if packed.get(pid, 0) >= needs[pid]:
                raise OrderError(
                    f"All {needs[pid]} of {product.name_en} are packed already",
                    f"{product.name_th} แพ็กครบ {needs[pid]} ชิ้นแล้ว",
                )
            packed[pid] = packed.get(pid, 0) + 1
            uow.orders.set_packed(order.order_id, packed)
            progress = self._progress(uow, order, packed, product.sku)
            uow.commit()
        return progress

    def _scanned(self, uow: OrdersUnitOfWork, code: str) -> ProductInfo | None:
        """The product a scanned barcode (GTIN rules as at the till) or a typed SKU names."""
        try:
            scan = parse_scan(code, self.settings.vm_layout)
        except InvalidBarcode:
            return None
        if isinstance(scan, GtinScan):
            return uow.catalog.product_by_barcode(scan.code)
        return uow.catalog.product_by_sku(code) or uow.catalog.product_by_barcode(code)

    def mark_packed(self, order_no: str, actor: Actor) -> OrderView:
        """The parcel is closed: every unit was scanned."""
        require(actor, Action.PACK_ORDERS)
        now = self.clock.now()
        with self.uow(write=True) as uow:
            order = self._locked(uow, order_no)
            check_move(order.order_no, order.status, OrderStatus.PACKED)
            progress = self._progress(uow, order, order.packed)
            if not progress.complete:
                raise OrderError(
                    f"{progress.remaining} item(s) of order {order.order_no} are not scanned yet",
                    f"คำสั่งซื้อ {order.order_no} ยังสแกนไม่ครบ เหลืออีก {progress.remaining} ชิ้น",
                )
            self._move(uow, order, OrderStatus.PACKED, actor, now)
            uow.commit()
        return self.order(order_no)

    def ship(self, order_no: str, carrier: str, tracking_no: str, actor: Actor) -> OrderView:
        """Handed to the carrier: the tracking number noted; a COD order is sold now (tender
        "cod": the carrier collects the money)."""
        require(actor, Action.PACK_ORDERS)
        try:
            chosen = Carrier(str(carrier).strip())
        except ValueError:
            chosen = None
        if chosen is None or chosen is Carrier.PICKUP:
            raise OrderFormError("carrier", "Choose the carrier", "กรุณาเลือกบริษัทขนส่ง")
        # the carrier's own rule: Thailand Post's S10 check digit, the others' formats
        number = check_tracking(chosen, tracking_no)
        how = chosen.value
        now = self.clock.now()
        with self.uow(write=True) as uow:
            order = self._locked(uow, order_no)
            check_move(order.order_no, order.status, OrderStatus.SHIPPED)
            if order.customer.fulfilment is not Fulfilment.DELIVERY:
                raise OrderError(
                    f"Order {order.order_no} is picked up at the centre: hand it over instead",
                    f"คำสั่งซื้อ {order.order_no} เป็นแบบรับที่ศูนย์ กรุณาส่งมอบที่ศูนย์",
                )
            note = f"{how} {number}"
            if order.payment is PaymentMethod.COD and order.sale_id is None:
                tender = Tender(TenderKind.COD, order.total, reference=number)
                receipt = self._sold(uow, order, [tender], actor, now)
                note += f" {receipt.receipt_no}"
            uow.orders.set_shipment(order.order_id, how, number)
            self._move(uow, order, OrderStatus.SHIPPED, actor, now, note)
            uow.commit()
        return self.order(order_no)

    def mark_delivered(
        self, order_no: str, actor: Actor, tenders: Sequence[Tender] = ()
    ) -> OrderView:
        """Delivered, or handed over at the centre: an order not sold yet (pay at pick-up)
        is sold now with the `tenders` taken."""
        require(actor, Action.MANAGE_ORDERS)
        now = self.clock.now()
        with self.uow(write=True) as uow:
            order = self._locked(uow, order_no)
            check_move(order.order_no, order.status, OrderStatus.DELIVERED)
            note = ""
            if order.sale_id is None:
                if not tenders:
                    raise PaymentError(
                        f"{order.total} is still due: take the payment first",
                        f"ยังค้างชำระ {order.total} บาท กรุณารับชำระก่อน",
                    )
                note = self._sold(uow, order, tenders, actor, now).receipt_no
            self._move(uow, order, OrderStatus.DELIVERED, actor, now, note)
            uow.commit()
        return self.order(order_no)

    def cancel(self, order_no: str, actor: Actor, reason: str) -> OrderView:
        """Cancelled: reserved stock returns at once; an order already sold is flagged for a
        refund of its receipt (made in the refunds window, which returns its stock)."""
        require(actor, Action.MANAGE_ORDERS)
        why = " ".join(reason.split())
        if not why or len(why) > 200:
            raise OrderFormError(
                "reason",
                "Give the reason for cancelling (at most 200 characters)",
                "กรุณาระบุเหตุผลที่ยกเลิก (ไม่เกิน 200 ตัวอักษร)",
            )
        now = self.clock.now()
        with self.uow(write=True) as uow:
            order = self._locked(uow, order_no)
            check_move(order.order_no, order.status, OrderStatus.CANCELLED)
            uow.orders.release(order.order_id, now)
            if order.receipt_no:
                why = f"{why} (refund due: receipt {order.receipt_no})"
            uow.orders.set_cancel_reason(order.order_id, why)
            self._move(uow, order, OrderStatus.CANCELLED, actor, now, why)
            uow.commit()
        return self.order(order_no)

    # --- helpers -----------------------------------------------------------------------------
    def _transition(self, order_no: str, actor: Actor, target: OrderStatus) -> OrderView:
        now = self.clock.now()
        with self.uow(write=True) as uow:
            order = self._locked(uow, order_no)
            check_move(order.order_no, order.status, target)
            self._move(uow, order, target, actor, now)
            uow.commit()
        return self.order(order_no)

    @staticmethod
    def _locked(uow: OrdersUnitOfWork, order_no: str) -> OrderView:
        order = uow.orders.lock(order_no.strip().upper())
        if order is None:
            raise _no_order(order_no)
        return order

    def _move(
        self,
        uow: OrdersUnitOfWork,
        order: OrderView,
        target: OrderStatus,
        actor: Actor,
        at: datetime,
        note: str = "",
    ) -> None:
        uow.orders.move(order.order_id, target, at, actor.display_name, note)
        if self.status_hooks:
            moved = uow.orders.get(order.order_no) or order
            for hook in self.status_hooks:
                hook(uow, moved, target, at)
        after: dict[str, object] = {"status": target.value}
        if note:
            after["note"] = note
        record(
            uow.audit,
            self.clock,
            actor,
            f"order.{target.value}",
            order.order_no,
            before={"status": order.status.value},
            after=after,
        )

    def _needs(self, uow: OrdersUnitOfWork, order: OrderView) -> dict[str, int]:
        """Pieces of each product the order takes off the shelf (baskets as their items)."""
        needs: dict[str, int] = {}
        for line in order.lines:
            if line.product_id is not None:
                needs[line.product_id] = needs.get(line.product_id, 0) + line.quantity
                continue
            for pid, qty in self._template(uow, line).needs(line.quantity).items():
                needs[pid] = needs.get(pid, 0) + int(qty)
        return needs

    @staticmethod
    def _template(uow: OrdersUnitOfWork, line: OrderLineView) -> BasketTemplate:
        template = uow.baskets.template(line.template_id or "")
        if template is None:
            raise OrderError(
                f"The gift basket {line.ref} is no longer kept", f"ไม่มีกระเช้า {line.ref} แล้ว"
            )
        return template

    def _progress(
        self, uow: OrdersUnitOfWork, order: OrderView, packed: Mapping[str, int], last: str = ""
    ) -> PackProgress:
        needs = self._needs(uow, order)
        products = {p.product_id: p for p in uow.catalog.products_by_ids(needs)}
        items = sorted(
            (
                PackItem(
                    pid,
                    products[pid].sku,
                    products[pid].name_th,
                    products[pid].name_en,
                    qty,
                    packed.get(pid, 0),
                )
                for pid, qty in needs.items()
            ),
            key=lambda i: i.sku,
        )
        return PackProgress(order.order_no, tuple(items), last)

    def _cart(self, uow: OrdersUnitOfWork, order: OrderView) -> Cart:
        """The order's lines as a cart at the prices the customer was quoted, and its
        delivery fee as the service line SVC-DELIVERY: the sale's total is the order's."""
        cart = new_cart(self.settings)
        ids = [ln.product_id for ln in order.lines if ln.product_id]
        products = {p.product_id: p for p in uow.catalog.products_by_ids(ids)}
        for line in order.lines:
            if line.product_id is not None:
                cart.add(
                    products[line.product_id],
                    Decimal(line.quantity),
                    unit_price=line.unit_price,
                    merge=False,
                )
                continue
            template = self._template(uow, line)
            group = replace(template_group(template, line.quantity), price=line.unit_price)
            cart.add_group(group, basket_lines(template.items, line.quantity, group.price))
        if order.shipping_fee > 0:
            fee = uow.catalog.ensure_centre_product(*DELIVERY_FEE, ProductKind.SERVICE)
            ref = f"{DELIVERY_REF}{order.order_no}"
            cart.add_line(CartLine(fee, Decimal(1), order.shipping_fee, ref=ref))
        return cart

    def _sold(
        self,
        uow: OrdersUnitOfWork,
        order: OrderView,
        tenders: Sequence[Tender],
        actor: Actor,
        at: datetime,
    ) -> Receipt:
        """The order sold (`_sell`) and, when the customer asked for one at checkout, its
        full tax invoice issued in the same transaction on the channel terminal's own
        tax-invoice series."""
        receipt = self._sell(uow, order, tenders, actor, at)
        buyer = order.customer.tax_invoice
        if buyer is not None and self.settings.vat_registered:
            terminal = TerminalInfo(*uow.orders.terminal_info(self._terminal(uow, order.channel)))
            uow.tax_invoices.issue(receipt.receipt_no, terminal, buyer, at)
        return receipt

    def _sell(
        self,
        uow: OrdersUnitOfWork,
        order: OrderView,
        tenders: Sequence[Tender],
        actor: Actor,
        at: datetime,
    ) -> Receipt:
        """Record the order as a sale of its channel's terminal, by the path a counter's sale
        takes (sale, lines, payments, stock movements, journal link, outbox row), its
        reservations released in the same transaction."""
        uow.orders.release(order.order_id, at)
        cart = self._cart(uow, order)
        totals = cart.totals()
        settlement = settle(totals.total, tenders)
        if not settlement.settled:
            raise PaymentError(
                f"{settlement.remaining} is still due", f"ยังค้างชำระ {settlement.remaining} บาท"
            )
        ensure_stock(uow, cart_needs(cart), self.settings.allow_negative_stock)
        terminal = TerminalInfo(*uow.orders.terminal_info(self._terminal(uow, order.channel)))
        draft = SaleDraft(
            sale_id=str(uuid.uuid4()),
            cart=cart,
            totals=totals,
            tenders=tuple(tenders),
            settlement=settlement,
            sold_at=at,
            cashier_id=actor.user_id,
            cashier_name=actor.display_name,
        )
        receipt = uow.sales.record(draft, terminal)
        receipt = run_sale_hooks(uow, receipt, cart, self.hooks)
        uow.orders.set_sale(order.order_id, draft.sale_id, receipt.receipt_no)
        return receipt

    def _terminal(self, uow: OrdersUnitOfWork, channel: Channel) -> str:
        prefix = self.settings.web_receipt_prefix
        if channel is not Channel.WEB:
            prefix = f"{prefix}{channel.value[:1].upper()}"  # KK-WL: LINE, KK-WF: Facebook
        return uow.orders.ensure_web_terminal(prefix, channel)

    def list(
        self, status: OrderStatus | None = None, search: str = ""
    ) -> builtins.list[OrderSummary]:
        """The orders window's rows, newest first (at most 500), by status and search text."""
        with self.uow() as read:
            return read.orders.summaries(status, search[:60])


class LatePaymentShort(OrderError):
    """A payment after the reservation ran out, for goods no longer all in stock:
    `short` is product id -> (pieces the order needs, pieces left for it)."""

    def __init__(
        self, order: OrderView, short: Mapping[str, tuple[int, int]], names: Mapping[str, Bilingual]
    ) -> None:
        def listed(lang: str) -> str:
            word = ("need", "left") if lang == "en" else ("ต้องการ", "เหลือ")
            return ", ".join(
                f"{names[pid].pick(lang)} ({word[0]} {need}, {word[1]} {left})"
                for pid, (need, left) in short.items()
            )

        total = f"{order.total:,.2f}"
        super().__init__(
            f"Order {order.order_no} was paid after its reservation ran out, and the stock is "
            f"short: {listed('en')}. It cannot be sold: record it as paid late, refund due "
            f"{total} baht.",
            f"คำสั่งซื้อ {order.order_no} ชำระหลังหมดเวลาจองสินค้า และสินค้าไม่พอ: {listed('th')} "
            f"จึงขายไม่ได้ กรุณาบันทึกว่าชำระล่าช้า ต้องคืนเงิน {total} บาท",
        )
        self.short = dict(short)


def expired_unpaid(order: OrderView) -> bool:
    """Cancelled by the expiry, unpaid and unsold, and no late payment noted since: a
    PromptPay payment that arrives now may still be confirmed (stock permitting)."""
    if order.status is not OrderStatus.CANCELLED or order.payment is not PaymentMethod.PROMPTPAY:
        return False
    if order.sale_id is not None or not order.history:
        return False
    last = order.history[-1]
    return last.by == EXPIRED_BY and last.note == EXPIRED_NOTE


def refund_due(order: OrderView) -> Decimal | None:
    """The amount to pay back for a late payment noted on the order (None: nothing due)."""
    for event in order.history:
        if event.note.startswith(LATE_REFUND_NOTE):
            return order.total
    return None


def paid_late(order: OrderView) -> bool:
    """Sold on a payment confirmed after its reservation had run out."""
    return any(e.status is OrderStatus.PAID and e.note.endswith(LATE_NOTE) for e in order.history)


def _no_order(order_no: str) -> OrderError:
    return OrderError(f"No order {order_no}", f"ไม่พบคำสั่งซื้อ {order_no}")
