"""Online orders: the web's catalogue and availability, placing an order that reserves its
stock in one transaction, the customer's status page and slip, and expiring unpaid orders."""

from __future__ import annotations

import builtins
import logging
import math
import threading
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from pos.domain.auth import Action, Actor
from pos.domain.barcodes import GtinScan, parse_scan
from pos.domain.basket import (
    BasketTemplate,
    add_template,
    basket_lines,
    can_make,
    cart_needs,
    template_group,
)
from pos.domain.bilingual import Bilingual
from pos.domain.cart import Cart, ProductInfo, new_cart
from pos.domain.channels import Channel
from pos.domain.curation import sale_check
from pos.domain.errors import InvalidBarcode, PaymentError
from pos.domain.money import ZERO
from pos.domain.orders import (
    CustomerDetails,
    Fulfilment,
    OrderError,
    OrderFormError,
    OrderLineRequest,
    OrderStatus,
    OutOfStockOnline,
    PaymentMethod,
    check_move,
    check_payment,
    initial_status,
    merged_lines,
    thai_mobile,
)
from pos.domain.payment import Tender, TenderKind, settle
from pos.domain.promptpay import promptpay_payload
from pos.domain.sale import Receipt, SaleDraft
from pos.domain.settings import Settings
from pos.domain.shipping import Carrier, check_tracking
from pos.domain.shop_time import shop_day
from pos.ports.clock import Clock
from pos.ports.orders import (
    NewOrder,
    OrderLineView,
    OrderSummary,
    OrdersUnitOfWork,
    OrderView,
    PackItem,
    PackProgress,
    PickLine,
    PickList,
    Quote,
    QuoteLine,
    SlipStore,
    WebBasket,
    WebBasketItem,
    WebProduct,
    lines_fingerprint,
)
from pos.ports.sales import SaleHook
from pos.ports.terminals import TerminalInfo
from pos.ports.uow import UnitOfWorkFactory
from pos.services.audit import record, require
from pos.services.sale_hooks import run_sale_hooks
from pos.services.search import ProductIndex
from pos.services.stock import ensure_stock

log = logging.getLogger(__name__)

PAGE_SIZE = 24
INDEX_CHECK = timedelta(seconds=10)  # a catalogue change shows in the web's search within it
SLIP_MAX_BYTES = 5 * 1024 * 1024
SLIP_TYPES = {"image/jpeg": (".jpg", b"\xff\xd8\xff"), "image/png": (".png", b"\x89PNG\r\n\x1a\n")}


@dataclass(frozen=True, slots=True)
class _Priced:
    """An order's lines resolved against the catalogue: prices, the cart, stock needed."""

    cart: Cart
    lines: tuple[OrderLineView, ...]
    needs: dict[str, Decimal]  # product id -> pieces leaving the shelf
    products: dict[str, ProductInfo]  # by product id
    templates: dict[str, BasketTemplate]  # by basket code
    names: dict[str, Bilingual]  # by ref


class Orders:
    """The web shop's and the orders window's service (one per process, thread-safe)."""

    def __init__(
        self,
        uow: UnitOfWorkFactory[OrdersUnitOfWork],
        settings: Settings,
        clock: Clock,
        slips: SlipStore | None = None,
        hooks: Sequence[SaleHook] = (),
    ) -> None:
        self.uow = uow
        self.hooks: list[SaleHook] = list(hooks)  # run inside each order's sale transaction
        self.settings = settings
        self.clock = clock
        self.slips = slips
        self._index: ProductIndex | None = None
        self._index_checked = datetime.min.replace(tzinfo=UTC)
        self._index_lock = threading.Lock()

    def add_hook(self, hook: SaleHook) -> None:
        """Run `hook` inside every order's sale transaction (pos.ports.sales.SaleHook)."""
        self.hooks.append(hook)

    def today(self) -> date:
        return shop_day(self.clock.now())

    # --- the catalogue for the web ---------------------------------------------------------
    def categories(self) -> list[tuple[str, str, str, int]]:
        """(code, Thai name, English name, products on sale) of each category with any."""
        with self.uow() as read:
            return read.orders.categories()

    def districts(self) -> list[tuple[str, str, int]]:
        """(Thai, English, products on sale) of each producer district with any."""
        with self.uow() as read:
            return read.orders.districts()

    def browse(
        self, category: str | None = None, district: str | None = None, page: int = 1
    ) -> list[WebProduct]:
        """One page of the products on sale, by SKU, optionally of a category or district."""
        page = max(1, min(page, 10_000))
        with self.uow() as read:
            found = read.orders.web_products(
                category=category,
                district=district,
                limit=PAGE_SIZE,
                offset=(page - 1) * PAGE_SIZE,
                today=self.today(),
            )
            return self._with_availability(read, found)

    def search(self, text: str, limit: int = 40) -> list[WebProduct]:
        """Products whose name, SKU or barcode contains `text` (Thai tone marks optional)."""
        query = text.strip()[:100]
        if not query:
            return []
        index = self._search_index()
        ids = [row.product_id for row in index.search(query, limit=max(1, min(limit, 100)))]
        if not ids:
            return []
        with self.uow() as read:
            found = {p.product_id: p for p in read.orders.web_products(ids=ids, today=self.today())}
            ordered = [found[i] for i in ids if i in found]
            return self._with_availability(read, ordered)

    def _search_index(self) -> ProductIndex:
        """The in-memory index of the till's search, reloaded when the catalogue changed
        (looked at once every INDEX_CHECK: the check itself counts 100,000 rows)."""
        with self._index_lock:
            now = self.clock.now()
            if self._index is not None and now - self._index_checked < INDEX_CHECK:
                return self._index
            with self.uow() as read:
                marker = read.catalog.catalog_marker()
                if self._index is None or self._index.marker != marker:
                    self._index = ProductIndex(read.catalog.iter_search_rows(), marker)
            self._index_checked = now
            return self._index

    def product(self, sku: str) -> WebProduct | None:
        with self.uow() as read:
            found = read.orders.web_products(skus=[sku], today=self.today())
            return self._with_availability(read, found)[0] if found else None

    def baskets(self) -> list[WebBasket]:
        """The gift-basket templates on sale today, with how many can be made for the web."""
        with self.uow() as read:
            templates = self._templates(read)
            ids = {pid for t in templates.values() for pid in t.needs()}
            available = self._available(read, ids)
            return [self._web_basket(t, available) for t in templates.values()]

    def basket(self, code: str) -> WebBasket | None:
        with self.uow() as read:
            t = self._templates(read).get(code)
            if t is None:
                return None
            return self._web_basket(t, self._available(read, t.needs()))

    def availability(self, product_ids: Iterable[str]) -> dict[str, int]:
        """Pieces the web may sell now: on hand - reserved - the safety buffer (never < 0)."""
        with self.uow() as read:
            return self._available(read, product_ids)

    def reserved(self, product_ids: Iterable[str]) -> dict[str, int]:
        """Pieces held by online orders not yet sold (what a counter's stock figure shows
        as "reserved N")."""
        with self.uow() as read:
            held = read.orders.reserved(sorted(set(product_ids)))
        return {pid: math.ceil(q) for pid, q in held.items()}

    def _available(self, uow: OrdersUnitOfWork, product_ids: Iterable[str]) -> dict[str, int]:
        ids = sorted(set(product_ids))
        if not ids:
            return {}
        on_hand = uow.catalog.stock_on_hand(ids)
        reserved = uow.orders.reserved(ids)
        buffer = Decimal(self.settings.web_safety_buffer)
        return {
            pid: max(0, math.floor(on_hand.get(pid, ZERO) - reserved.get(pid, ZERO) - buffer))
            for pid in ids
        }

    def _with_availability(
        self, uow: OrdersUnitOfWork, products: list[WebProduct]
    ) -> list[WebProduct]:
        available = self._available(uow, [p.product_id for p in products])
        return [replace(p, available=available.get(p.product_id, 0)) for p in products]

    def _templates(self, uow: OrdersUnitOfWork) -> dict[str, BasketTemplate]:
        """The basket templates on sale today whose every item is a product on sale."""
        today = self.today()
        templates = [t for t in uow.baskets.templates() if t.is_active(today)]
        wanted = {i.product.sku for t in templates for i in t.items}
        on_sale = uow.orders.product_ids_by_sku(wanted)
        return {t.code: t for t in templates if all(i.product.sku in on_sale for i in t.items)}

    @staticmethod
    def _web_basket(t: BasketTemplate, available: Mapping[str, int]) -> WebBasket:
        stock = {pid: Decimal(n) for pid, n in available.items()}
        return WebBasket(
            t.template_id,
            t.code,
            t.name_th,
            t.name_en,
            t.unit_price(),
            tuple(WebBasketItem(i.product.name_th, i.product.name_en, i.quantity) for i in t.items),
            can_make(t.needs(), stock),
        )

    # --- pricing ---------------------------------------------------------------------------
    def _price(self, uow: OrdersUnitOfWork, lines: Sequence[OrderLineRequest]) -> _Priced:
        """The lines at the catalogue's prices now (unknown or unsellable items refused)."""
        skus = [ln.ref for ln in lines if ln.kind == "product"]
        ids = uow.orders.product_ids_by_sku(skus)
        unknown = [s for s in skus if s not in ids]
        if unknown:
            raise OrderFormError(
                "lines",
                f"Not sold online: {', '.join(unknown)}",
                f"ไม่มีขายออนไลน์: {', '.join(unknown)}",
            )
        products = {p.product_id: p for p in uow.catalog.products_by_ids(ids.values())}
        today = self.today()
        for p in products.values():  # the counter's rule: approved, certificate in date
            sale_check(p.name, p.curation, p.cert_expires, today, self.settings.expired_certificate)
        templates = self._templates(uow) if any(ln.kind == "basket" for ln in lines) else {}
        cart = new_cart(self.settings)
        views: list[OrderLineView] = []
        names: dict[str, Bilingual] = {}
        needs: dict[str, Decimal] = {}
        for ln in lines:
            if ln.kind == "product":
                product = products[ids[ln.ref]]
                line = cart.add(product, Decimal(ln.quantity), merge=False)
                unit, amount = line.unit_price, line.net
                views.append(
                    OrderLineView(
                        "product",
                        ln.ref,
                        product.name_th,
                        product.name_en,
                        ln.quantity,
                        unit,
                        amount,
                        product_id=product.product_id,
                    )
                )
                names[ln.ref] = product.name
                needs[product.product_id] = needs.get(product.product_id, ZERO) + ln.quantity
                continue
            template = templates.get(ln.ref)
            if template is None:
                raise OrderFormError(
                    "lines", f"Not sold online: {ln.ref}", f"ไม่มีขายออนไลน์: {ln.ref}"
                )
            group = add_template(cart, template, ln.quantity)
            views.append(
                OrderLineView(
                    "basket",
                    ln.ref,
                    template.name_th,
                    template.name_en,
                    ln.quantity,
                    group.price,
                    group.price * ln.quantity,
                    template_id=template.template_id,
                )
            )
            names[ln.ref] = Bilingual(template.name_th, template.name_en)
            for pid, qty in template.needs(ln.quantity).items():
                needs[pid] = needs.get(pid, ZERO) + qty
        return _Priced(cart, tuple(views), needs, products, templates, names)

    def _shipping(self, fulfilment: Fulfilment, subtotal: Decimal) -> Decimal:
        if fulfilment is not Fulfilment.DELIVERY:
            return ZERO
        free_over = self.settings.web_free_shipping_over
        if free_over > 0 and subtotal >= free_over:
            return ZERO
        return Decimal(self.settings.web_shipping_fee).quantize(Decimal("0.01"))

    def _shortages(
        self, uow: OrdersUnitOfWork, priced: _Priced, lines: Sequence[OrderLineRequest]
    ) -> dict[str, int]:
        """ref -> pieces available, for each line the stock cannot cover with the others."""
        available = self._available(uow, priced.needs)
        short = {pid for pid, q in priced.needs.items() if q > available.get(pid, 0)}
        if not short:
            return {}
        stock = {pid: Decimal(n) for pid, n in available.items()}
        out: dict[str, int] = {}
        for ln in lines:
            if ln.kind == "product":
                pid = next(p for p, info in priced.products.items() if info.sku == ln.ref)
                if pid in short:
                    out[ln.ref] = available.get(pid, 0)
            else:
                need = priced.templates[ln.ref].needs()
                if short & set(need):
                    out[ln.ref] = can_make(need, stock)
        return out

    def quote(self, lines: Sequence[OrderLineRequest], fulfilment: Fulfilment) -> Quote:
        """The basket at the server's prices: totals, VAT as at the counter, shortages."""
        merged = merged_lines(list(lines))
        with self.uow() as read:
            priced = self._price(read, merged)
            shortages = self._shortages(read, priced, merged)
            available = self._available(read, priced.needs)
        stock = {pid: Decimal(n) for pid, n in available.items()}
        totals = priced.cart.totals()
        shipping = self._shipping(fulfilment, totals.total)
        quoted = []
        for view in priced.lines:
            if view.kind == "product":
                n = available.get(view.product_id or "", 0)
            else:
                n = can_make(priced.templates[view.ref].needs(), stock)
            quoted.append(
                QuoteLine(
                    view.kind,
                    view.ref,
                    view.name_th,
                    view.name_en,
                    view.quantity,
                    view.unit_price,
                    view.amount,
                    n,
                )
            )
        return Quote(
            tuple(quoted), totals.total, shipping, totals.total + shipping, totals.vat, shortages
        )

    # --- placing ---------------------------------------------------------------------------
    def place(
        self,
        idempotency_key: str,
        customer: CustomerDetails,
        lines: Sequence[OrderLineRequest],
        payment: PaymentMethod,
        channel: Channel = Channel.WEB,
        client: str = "",
    ) -> OrderView:
        """Write the order and reserve its stock in one transaction (refused, nothing written,
        with OutOfStockOnline naming what is left when stock is short).

        The same `idempotency_key` again returns the first order; reused with other lines it
        is refused. The products are locked before availability is read, so two orders (or an
        order and a counter's sale) can never take the same last piece.
        """
        key = idempotency_key.strip()
        if not 8 <= len(key) <= 80 or not key.isprintable():
            raise OrderFormError(
                "idempotency_key",
                "The form has expired: reload the page",
                "แบบฟอร์มหมดอายุ กรุณาโหลดหน้าใหม่",
            )
        check_payment(payment, customer.fulfilment)
        merged = merged_lines(list(lines))
        if not merged:
            raise OrderFormError("lines", "The basket is empty", "ยังไม่มีสินค้าในตะกร้า")
        fingerprint = lines_fingerprint([(ln.kind, ln.ref, ln.quantity) for ln in merged])
        now = self.clock.now()
        with self.uow(write=True) as uow:
            found = uow.orders.by_key(key)
            if found is not None:
                return self._same(found, fingerprint)
            priced = self._price(uow, merged)
            uow.orders.lock_products(priced.needs)  # as a counter's sale locks them
            found = uow.orders.by_key(key)  # a twin of this POST committed while we waited
            if found is not None:
                return self._same(found, fingerprint)
            shortages = self._shortages(uow, priced, merged)
            if shortages:
                raise OutOfStockOnline(shortages, priced.names)
            totals = priced.cart.totals()
            shipping = self._shipping(customer.fulfilment, totals.total)
            total = totals.total + shipping
            promptpay = payment is PaymentMethod.PROMPTPAY
            minutes = self.settings.web_reservation_minutes
            view = uow.orders.add(
                NewOrder(
                    order_id=str(uuid.uuid4()),
                    idempotency_key=key,
                    fingerprint=fingerprint,
                    day=shop_day(now),
                    status=initial_status(payment),
                    channel=channel,
                    created_at=now,
                    reserved_until=now + timedelta(minutes=minutes) if promptpay else None,
                    customer=customer,
                    payment=payment,
                    lines=priced.lines,
                    subtotal=totals.total,
                    shipping_fee=shipping,
                    total=total,
                    vat=totals.vat,
                    promptpay_payload=(
                        promptpay_payload(self.settings.promptpay_id, total)
                        if promptpay and self.settings.promptpay_id
                        else None
                    ),
                    reservations=priced.needs,
                    client=client,
                )
            )
            if view is not None:
                uow.commit()
                log.info("order %s placed: %s baht, %s", view.order_no, total, payment.value)
                return view
            found = uow.orders.by_key(key)
        assert found is not None
        return self._same(found, fingerprint)

    @staticmethod
    def _same(found: OrderView, fingerprint: str) -> OrderView:
        if found.fingerprint != fingerprint:
            raise OrderFormError(
                "idempotency_key",
                "This form was already sent with other items: reload the page",
                "แบบฟอร์มนี้ส่งไปแล้วด้วยรายการอื่น กรุณาโหลดหน้าใหม่",
            )
        return found

    # --- the customer's side after placing -------------------------------------------------
    def lookup(self, order_no: str, phone: str) -> OrderView | None:
        """The order for its status page: None unless the number and the phone both match."""
        try:
            mobile = thai_mobile(phone)
        except OrderFormError:
            return None
        with self.uow() as read:
            found = read.orders.get(order_no.strip().upper()[:16])
        if found is None or found.customer.phone != mobile:
            return None
        return found

    def attach_slip(self, order_no: str, phone: str, image: bytes, content_type: str) -> None:
        """Keep the customer's payment slip (JPEG or PNG, at most 5 MB) beside the order."""
        kind = SLIP_TYPES.get(content_type.split(";")[0].strip().lower())
        if kind is None or not image.startswith(kind[1]):
            raise OrderFormError(
                "slip", "The slip must be a JPEG or PNG picture", "สลิปต้องเป็นรูปภาพ JPEG หรือ PNG"
            )
        if len(image) > SLIP_MAX_BYTES:
            raise OrderFormError("slip", "The slip picture is larger than 5 MB", "รูปสลิปใหญ่เกิน 5 MB")
        found = self.lookup(order_no, phone)
        if found is None:
            raise OrderError(
                "No order with that number and phone", "ไม่พบคำสั่งซื้อที่ตรงกับเลขที่และเบอร์โทรนี้"
            )
        if found.status is not OrderStatus.AWAITING_PAYMENT:
            raise OrderError(
                f"Order {found.order_no} is {found.status.label.en}: no slip is needed",
                f"คำสั่งซื้อ {found.order_no} อยู่ในสถานะ{found.status.label.th} ไม่ต้องส่งสลิป",
            )
        if self.slips is None:
            raise OrderError("Slips cannot be kept here", "ไม่มีที่เก็บสลิป")
        path = self.slips.save(f"{found.order_no}-{uuid.uuid4().hex[:8]}{kind[0]}", image)
        with self.uow(write=True) as uow:
            uow.orders.set_slip(found.order_id, path, self.clock.now())
            uow.commit()

    def expire_reservations(self) -> int:
        """Cancel unpaid PromptPay orders past their time, their stock released; how many."""
        now = self.clock.now()
        done = 0
        with self.uow(write=True) as uow:
            for order_no in uow.orders.expired(now):
                order = uow.orders.lock(order_no)
                if order is None or order.status is not OrderStatus.AWAITING_PAYMENT:
                    continue
                if order.reserved_until is None or order.reserved_until > now:
                    continue
                uow.orders.release(order.order_id, now)
                uow.orders.move(
                    order.order_id, OrderStatus.CANCELLED, now, "system", "payment time ran out"
                )
                done += 1
            uow.commit()
        if done:
            log.info("%d unpaid order(s) expired, their stock released", done)
        return done

    # --- the staff's side --------------------------------------------------------------------
    def order(self, order_no: str) -> OrderView:
        with self.uow() as read:
            found = read.orders.get(order_no.strip().upper())
        if found is None:
            raise _no_order(order_no)
        return found

    def counts(self) -> dict[OrderStatus, int]:
        """Orders in each status (the orders window's tabs)."""
        with self.uow() as read:
            return read.orders.counts()

    def confirm_payment(self, order_no: str, actor: Actor) -> Receipt:
        """A PromptPay payment seen on the shop's account: the order becomes a sale of the
        online channel (its own receipt series), its reservations turn into stock moved."""
        require(actor, Action.MANAGE_ORDERS)
        now = self.clock.now()
        with self.uow(write=True) as uow:
            order = self._locked(uow, order_no)
            check_move(order.order_no, order.status, OrderStatus.PAID)
            if order.payment is not PaymentMethod.PROMPTPAY:
                raise OrderError(
                    f"Order {order.order_no} is paid {order.payment.label.en}, not by PromptPay",
                    f"คำสั่งซื้อ {order.order_no} ชำระแบบ{order.payment.label.th} ไม่ใช่พร้อมเพย์",
                )
            tender = Tender(TenderKind.PROMPTPAY, order.subtotal, reference=order.order_no)
            receipt = self._sell(uow, order, [tender], actor, now)
            self._move(uow, order, OrderStatus.PAID, actor, now, receipt.receipt_no)
            uow.commit()
        log.info("order %s paid: receipt %s", order.order_no, receipt.receipt_no)
        return receipt

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
                tender = Tender(TenderKind.COD, order.subtotal, reference=number)
                receipt = self._sell(uow, order, [tender], actor, now)
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
                        f"{order.subtotal} is still due: take the payment first",
                        f"ยังค้างชำระ {order.subtotal} บาท กรุณารับชำระก่อน",
                    )
                note = self._sell(uow, order, tenders, actor, now).receipt_no
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
        """The order's lines as a cart at the prices the customer was quoted."""
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
        return cart

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


def _no_order(order_no: str) -> OrderError:
    return OrderError(f"No order {order_no}", f"ไม่พบคำสั่งซื้อ {order_no}")
