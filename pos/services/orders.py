"""Online orders: the web's catalogue and availability, placing an order that reserves its
stock in one transaction, the customer's status page and slip, and expiring unpaid orders."""

from __future__ import annotations

import gc
import logging
import math
import threading
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from pos.domain.basket import BasketTemplate, add_template, can_make
from pos.domain.bilingual import Bilingual
from pos.domain.cart import Cart, CartLine, ProductInfo, ProductKind, new_cart
from pos.domain.catalog import ROOM_PRODUCT
from pos.domain.channels import Channel
from pos.domain.chat import ContactRef
from pos.domain.curation import sale_check
from pos.domain.money import ZERO
from pos.domain.orders import (
    BOOKING_LINE,
    CustomerDetails,
    Fulfilment,
    OrderError,
    OrderFormError,
    OrderLineRequest,
    OrderStatus,
    OutOfStockOnline,
    PaymentMethod,
    WebStock,
    check_payment,
    initial_status,
    merged_lines,
    thai_mobile,
)
from pos.domain.promptpay import promptpay_payload
from pos.domain.settings import Settings
from pos.domain.shop_time import shop_day
from pos.ports.catalog import CatalogMarker, TextIndexBuilder
from pos.ports.clock import Clock
from pos.ports.orders import (
    BookingOrder,
    NewOrder,
    OrderLineView,
    OrdersUnitOfWork,
    OrderView,
    Quote,
    QuoteLine,
    SlipStore,
    StockFigure,
    WebBasket,
    WebBasketItem,
    WebProduct,
    lines_fingerprint,
)
from pos.ports.uow import UnitOfWorkFactory
from pos.services.search import ProductIndex
from pos.services.web_cache import WebProductCache

log = logging.getLogger(__name__)

PAGE_SIZE = 24
INDEX_CHECK = timedelta(seconds=10)  # a catalogue change shows on the web's pages within it
SLIP_MAX_BYTES = 5 * 1024 * 1024
# the expiry's own mark on the order it cancels: a late payment may still be confirmed for it
EXPIRED_BY = "system"
EXPIRED_NOTE = "payment time ran out"
# runs inside the transaction that places an order (chat links it and writes its message)
PlacedHook = Callable[[OrdersUnitOfWork, OrderView, ContactRef | None], None]
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
    """The web shop's service (one per process, thread-safe): the catalogue, quotes, placing
    orders, the customer's status page and slip, expiring unpaid orders. The staff's side is
    pos.services.order_desk.OrderDesk."""

    def __init__(
        self,
        uow: UnitOfWorkFactory[OrdersUnitOfWork],
        settings: Settings,
        clock: Clock,
        slips: SlipStore | None = None,
        text_index: TextIndexBuilder | None = None,
    ) -> None:
        """`text_index`: builds the search's index of the names (the walk of 100,000 names
        in Python held a worker's other requests up; None: walk them)."""
        self.uow = uow
        self.settings = settings
        self.clock = clock
        self.slips = slips
        self._text_index = text_index
        self._index: ProductIndex | None = None
        self._index_lock = threading.Lock()
        self._marker: CatalogMarker | None = None
        self._marker_checked = datetime.min.replace(tzinfo=UTC)
        self._marker_lock = threading.Lock()
        self._cache = WebProductCache()
        self.placed_hooks: list[PlacedHook] = []

    def add_placed_hook(self, hook: PlacedHook) -> None:
        """Run `hook(uow, order, contact)` inside each new order's transaction."""
        self.placed_hooks.append(hook)

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
        limit = max(1, min(limit, 100))
        generation, marker = self._catalogue()
        index = self._search_index(marker)
        now = self.clock.now()
        ids = self._cache.search(query, limit, now)
        if ids is None:
            ids = tuple(row.product_id for row in index.search(query, limit=limit))
            if index.marker == marker:  # not an older index serving while a new one builds
                self._cache.keep_search(query, limit, ids, now, generation)
        if not ids:
            return []
        with self.uow() as read:
            found = self._cache.by_ids(ids, now)
            missing = [i for i in ids if i not in found]
            if missing:
                fresh = read.orders.web_products(ids=missing, today=self.today())
                self._cache.keep(fresh, now, generation)
                found.update((p.product_id, p) for p in fresh)
            ordered = [found[i] for i in ids if i in found]
            return self._with_availability(read, ordered)

    def _catalogue(self) -> tuple[int, CatalogMarker]:
        """(the product cache's generation, the catalogue's marker), the marker read at most
        once every INDEX_CHECK (the read counts 100,000 rows) and by one thread at a time:
        the others go on with the last one meanwhile instead of queueing behind it."""
        if self._marker_lock.acquire(blocking=self._marker is None):
            try:
                now = self.clock.now()
                if self._marker is None or now - self._marker_checked >= INDEX_CHECK:
                    with self.uow() as read:
                        self._marker = read.catalog.catalog_marker()
                    self._marker_checked = now
            finally:
                self._marker_lock.release()
        marker = self._marker
        assert marker is not None
        return self._cache.check(marker, self.today()), marker

    def _search_index(self, marker: CatalogMarker) -> ProductIndex:
        """The in-memory index of the till's search, rebuilt when the catalogue's marker
        moved; while one thread rebuilds it the others search the one before."""
        index = self._index
        if index is not None and index.marker == marker:
            return index
        if not self._index_lock.acquire(blocking=index is None):
            assert index is not None
            return index
        try:
            if self._index is None or self._index.marker != marker:
                with self.uow() as read:
                    rows = list(read.catalog.iter_search_rows())
                self._index = ProductIndex(rows, marker, self._text_index)  # out of the read
                # the index's 100,000 entries (and what the process holds by then) out of the
                # collector's generations: a full collection walking them stalled every
                # request of the process for 100-300 ms (the search's p99), as at the till;
                # frozen objects are still freed by their reference counts
                gc.freeze()
            return self._index
        finally:
            self._index_lock.release()

    def product(self, sku: str) -> WebProduct | None:
        """The product page's product: what rarely changes from the cache (per catalogue
        marker), its availability read now."""
        generation, _ = self._catalogue()
        now = self.clock.now()
        found = self._cache.by_sku(sku, now)
        with self.uow() as read:
            if found is None:
                rows = read.orders.web_products(skus=[sku], today=self.today())
                if not rows:
                    return None
                self._cache.keep(rows, now, generation)
                found = rows[0]
            return self._with_availability(read, [found])[0]

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

    def stock_figures(self, product_ids: Iterable[str]) -> dict[str, StockFigure]:
        """On hand and reserved by online orders, per product (the till's stock figure with
        its "reserved N")."""
        ids = sorted(set(product_ids))
        if not ids:
            return {}
        with self.uow() as read:
            on_hand = read.catalog.stock_on_hand(ids)
            held = read.orders.reserved(ids)
        return {
            pid: StockFigure(on_hand.get(pid, ZERO), math.ceil(held.get(pid, ZERO))) for pid in ids
        }

    def _available(self, uow: OrdersUnitOfWork, product_ids: Iterable[str]) -> dict[str, int]:
        ids = sorted(set(product_ids))
        if not ids:
            return {}
        found = uow.orders.web_stock(ids)  # one statement
        default = self.settings.web_safety_buffer
        out: dict[str, int] = {}
        for pid in ids:
            on_hand, reserved, own = found.get(pid, (ZERO, ZERO, None))
            # a product's own buffer, else the shop's
            out[pid] = WebStock(on_hand, reserved, default if own is None else own).available
        return out

    def _with_availability(
        self, uow: OrdersUnitOfWork, products: list[WebProduct]
    ) -> list[WebProduct]:
        available = self._available(uow, [p.product_id for p in products])
        return [p.with_available(available.get(p.product_id, 0)) for p in products]

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
        contact: ContactRef | None = None,
    ) -> OrderView:
        """Write the order and reserve its stock in one transaction (refused, nothing written,
        with OutOfStockOnline naming what is left when stock is short).

        The same `idempotency_key` again returns the first order; reused with other lines it
        is refused. The products are locked before availability is read, so two orders (or an
        order and a counter's sale) can never take the same last piece. `contact`: who placed
        it in chat (LINE, Facebook); the placed hooks run in the same transaction.
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
                for hook in self.placed_hooks:
                    hook(uow, view, contact)
                uow.commit()
                log.info("order %s placed: %s baht, %s", view.order_no, total, payment.value)
                return view
            found = uow.orders.by_key(key)
        assert found is not None
        return self._same(found, fingerprint)

    def add_booking_order(
        self, uow: OrdersUnitOfWork, booking: BookingOrder, client: str = ""
    ) -> OrderView:
        """In the caller's transaction (the rooms service's, which marks the booking): a
        PromptPay order of one line of kind "booking" for the deposit, no stock reserved, its
        payment time the booking's hold. One order per booking (its idempotency key)."""
        key = f"{BOOKING_LINE}:{booking.booking_no}"
        found = uow.orders.by_key(key)
        if found is not None:
            return found
        now = self.clock.now()
        product = uow.catalog.ensure_centre_product(*ROOM_PRODUCT, ProductKind.SERVICE)
        cart = new_cart(self.settings)
        cart.add_line(CartLine(product, Decimal(1), booking.amount))
        totals = cart.totals()
        line = OrderLineView(BOOKING_LINE, booking.booking_no, booking.name_th, booking.name_en,
                             1, booking.amount, totals.total)  # fmt: skip
        payload = self.settings.promptpay_id and promptpay_payload(
            self.settings.promptpay_id, totals.total
        )
        view = uow.orders.add(
            NewOrder(
                order_id=str(uuid.uuid4()),
                idempotency_key=key,
                fingerprint=lines_fingerprint([(BOOKING_LINE, booking.booking_no, 1)]),
                day=shop_day(now),
                status=initial_status(PaymentMethod.PROMPTPAY),
                channel=Channel.WEB,
                created_at=now,
                reserved_until=booking.hold_until,
                customer=CustomerDetails(booking.name, booking.phone, Fulfilment.PICKUP),
                payment=PaymentMethod.PROMPTPAY,
                lines=(line,),
                subtotal=totals.total,
                shipping_fee=ZERO,
                total=totals.total,
                vat=totals.vat,
                promptpay_payload=payload or None,
                reservations={},
                client=client,
            )
        )
        if view is None:  # a twin committed first under the same key
            view = uow.orders.by_key(key)
            assert view is not None
        log.info("order %s for booking %s: %s baht", view.order_no, booking.booking_no,
                 totals.total)  # fmt: skip
        return view

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
                    order.order_id, OrderStatus.CANCELLED, now, EXPIRED_BY, EXPIRED_NOTE
                )
                done += 1
            uow.commit()
        if done:
            log.info("%d unpaid order(s) expired, their stock released", done)
        return done
