"""Online orders in the database: the web's catalogue reads, orders, reservations, history."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import bindparam, func, or_, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from db import models as m
from db.numbering import Series
from pos.domain.channels import Channel
from pos.domain.orders import (
    CustomerDetails,
    Fulfilment,
    OrderStatus,
    PaymentMethod,
    order_number,
)
from pos.domain.taxinvoice import Buyer
from pos.ports.orders import (
    Certificate,
    NewOrder,
    OrderEvent,
    OrderLineView,
    OrderSummary,
    OrderView,
    WebProduct,
)

ZERO = Decimal("0.000")
_ON_SALE = (
    m.Product.active.is_(True),
    m.Product.sold_by == "unit",  # weight-sold products are not sold online
    m.Product.curation == "approved",
    m.Product.kind == "goods",  # the centre's services and tea-corner menu: not sold online
)


# A product's web stock in one statement (on hand, held by active reservations, its own
# buffer), built once: no statement to build, compile or look up in a cache per page.
_WEB_STOCK = text(
    "SELECT p.id,"
    " (SELECT SUM(s.quantity) FROM stock_movements s WHERE s.product_id = p.id),"
    " (SELECT SUM(r.quantity) FROM reservations r"
    "   WHERE r.product_id = p.id AND r.released_at IS NULL),"
    " p.web_safety_buffer"
    " FROM products p WHERE p.id IN :ids"
).bindparams(bindparam("ids", expanding=True))
# the product's first barcode (by code), read with the product
_FIRST_BARCODE = (
    select(func.min(m.ProductBarcode.code))
    .where(m.ProductBarcode.product_id == m.Product.id)
    .scalar_subquery()
    .label("barcode")
)


# the web's product as it shows it: the columns, the joins, what is on sale
_WEB_SELECT = (
    select(
        m.Product.id,
        m.Product.sku,
        m.Product.name_th,
        m.Product.name_en,
        m.Product.unit_price,
        m.Product.unit_th,
        m.Product.unit_en,
        m.Product.category_code,
        m.Category.name_th.label("cat_th"),
        m.Category.name_en.label("cat_en"),
        m.Producer.id.label("producer_id"),
        m.Producer.name_th.label("prod_th"),
        m.Producer.name_en.label("prod_en"),
        m.Producer.district_th,
        m.Producer.district_en,
        m.Producer.province_th,
        m.Producer.province_en,
        m.Product.stars,
        m.Product.star_year,
        m.Product.story_th,
        m.Product.story_en,
        m.Product.image,
        m.Product.vat_exempt,
        _FIRST_BARCODE,
    )
    .join(m.Category, m.Category.code == m.Product.category_code)
    .join(m.Producer, m.Producer.id == m.Product.producer_id)
    .where(*_ON_SALE)
    .order_by(m.Product.sku)
)
# built once (no statement to build or key per call): a product page's, a search's results
_BY_SKUS = _WEB_SELECT.where(m.Product.sku.in_(bindparam("wanted", expanding=True)))
_BY_IDS = _WEB_SELECT.where(m.Product.id.in_(bindparam("wanted", expanding=True)))
_CERTS = select(
    m.Certification.product_id,
    m.Certification.producer_id,
    m.Certification.kind,
    m.Certification.number,
    m.Certification.expires,
).where(
    or_(
        m.Certification.product_id.in_(bindparam("products", expanding=True)),
        m.Certification.producer_id.in_(bindparam("producers", expanding=True)),
    )
)


def _qty(value: Any) -> Decimal:
    """A summed quantity as the store gives it (SQLite: int or float; PostgreSQL: Decimal)."""
    return ZERO if value is None else Decimal(str(value)).quantize(ZERO)


class SqlOrderRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    # --- the catalogue as the web shows it ------------------------------------------------
    def web_products(
        self,
        *,
        skus: Iterable[str] | None = None,
        ids: Iterable[str] | None = None,
        category: str | None = None,
        district: str | None = None,
        limit: int | None = None,
        offset: int = 0,
        today: date | None = None,
    ) -> list[WebProduct]:
        only = category is None and district is None and limit is None
        conn = self.session.connection()  # Core rows: half the time of ORM objects
        if only and (skus is None) != (ids is None):  # a product page, a search's results
            by, wanted = (_BY_SKUS, skus) if skus is not None else (_BY_IDS, ids)
            rows = list(conn.execute(by, {"wanted": list(wanted or ())}))
            return self._web_products(rows, today)
        q = _WEB_SELECT
        if skus is not None:
            q = q.where(m.Product.sku.in_(list(skus)))
        if ids is not None:
            q = q.where(m.Product.id.in_(list(ids)))
        if category:
            q = q.where(m.Product.category_code == category)
        if district:
            q = q.where(or_(m.Producer.district_th == district, m.Producer.district_en == district))
        if limit is not None:
            q = q.limit(limit).offset(offset)
        return self._web_products(list(conn.execute(q)), today)

    def _web_products(self, rows: list[Any], today: date | None) -> list[WebProduct]:
        """The web's products of `rows` (of _WEB_SELECT) with their certificates."""
        pids = [r.id for r in rows]
        certs: dict[str, list[Certificate]] = defaultdict(list)
        if pids:
            producers = sorted({r.producer_id for r in rows})
            found = self.session.connection().execute(
                _CERTS, {"products": pids, "producers": producers}
            )
            for product_id, producer_id, kind, number, expires in found:
                valid = expires is None or today is None or expires >= today
                cert = Certificate(kind, number, expires, valid)
                certs[product_id or f"producer:{producer_id}"].append(cert)
        return [
            WebProduct(
                product_id=r.id,
                sku=r.sku,
                name_th=r.name_th,
                name_en=r.name_en,
                price=r.unit_price,
                unit_th=r.unit_th,
                unit_en=r.unit_en,
                category_code=r.category_code,
                category_th=r.cat_th,
                category_en=r.cat_en,
                producer_th=r.prod_th,
                producer_en=r.prod_en,
                district_th=r.district_th,
                district_en=r.district_en,
                province_th=r.province_th,
                province_en=r.province_en,
                stars=r.stars,
                star_year=r.star_year,
                story_th=r.story_th,
                story_en=r.story_en,
                photo=r.image,
                certificates=tuple(certs[r.id] + certs[f"producer:{r.producer_id}"]),
                available=0,
                barcode=r.barcode,
                vat_exempt=r.vat_exempt,
            )
            for r in rows
        ]

    def categories(self) -> list[tuple[str, str, str, int]]:
        rows = self.session.execute(
            select(m.Category.code, m.Category.name_th, m.Category.name_en, func.count())
            .join(m.Product, m.Product.category_code == m.Category.code)
            .where(*_ON_SALE)
            .group_by(
                m.Category.code, m.Category.name_th, m.Category.name_en, m.Category.sort_order
            )
            .order_by(m.Category.sort_order, m.Category.code)
        )
        return [(c, th, en, int(n)) for c, th, en, n in rows]

    def districts(self) -> list[tuple[str, str, int]]:
        rows = self.session.execute(
            select(m.Producer.district_th, m.Producer.district_en, func.count())
            .join(m.Product, m.Product.producer_id == m.Producer.id)
            .where(*_ON_SALE)
            .group_by(m.Producer.district_th, m.Producer.district_en)
            .order_by(m.Producer.district_en)
        )
        return [(th, en, int(n)) for th, en, n in rows]

    def product_ids_by_sku(self, skus: Iterable[str]) -> dict[str, str]:
        wanted = list(skus)
        if not wanted:
            return {}
        rows = self.session.execute(
            select(m.Product.sku, m.Product.id).where(m.Product.sku.in_(wanted), *_ON_SALE)
        )
        return {sku: pid for sku, pid in rows}

    def lock_products(self, product_ids: Iterable[str]) -> None:
        """Hold the products' rows until commit, as a counter's sale does (PostgreSQL: through
        otop_lock_products, which the web's role may run; SQLite's writer holds the database
        from BEGIN IMMEDIATE already)."""
        ids = sorted(set(product_ids))
        if ids and self.session.get_bind().dialect.name == "postgresql":
            self.session.execute(
                text("SELECT otop_lock_products(CAST(:ids AS text[]))"), {"ids": ids}
            )

    def reserved(self, product_ids: Iterable[str]) -> dict[str, Decimal]:
        """Stock held by orders not yet sold, released or expired away, per product."""
        ids = list(product_ids)
        if not ids:
            return {}
        rows = self.session.connection().execute(
            select(m.Reservation.product_id, func.sum(m.Reservation.quantity))
            .where(m.Reservation.product_id.in_(ids), m.Reservation.released_at.is_(None))
            .group_by(m.Reservation.product_id)
        )
        found = {pid: Decimal(str(q)).quantize(ZERO) for pid, q in rows}
        return {pid: found.get(pid, ZERO) for pid in ids}

    def web_stock(
        self, product_ids: Iterable[str]
    ) -> dict[str, tuple[Decimal, Decimal, int | None]]:
        """(on hand, held by active reservations, the product's own safety buffer or None)
        of each product found, in one statement."""
        ids = list(product_ids)
        if not ids:
            return {}
        rows = self.session.connection().execute(_WEB_STOCK, {"ids": ids})
        return {
            pid: (_qty(on_hand), _qty(held), None if own is None else int(own))
            for pid, on_hand, held, own in rows
        }

    def safety_buffers(self, product_ids: Iterable[str]) -> dict[str, int]:
        """The pieces each product keeps back from the web, where it has its own number."""
        ids = list(product_ids)
        if not ids:
            return {}
        p = m.Product
        rows = self.session.connection().execute(
            select(p.id, p.web_safety_buffer).where(p.id.in_(ids), p.web_safety_buffer.is_not(None))
        )
        return {pid: int(n) for pid, n in rows if n is not None}

    def pick_rows(
        self, product_ids: Iterable[str]
    ) -> list[tuple[str, str, str, str, str, str, str]]:
        """(id, SKU, Thai, English, category code, Thai, English) of each product, by SKU."""
        ids = list(product_ids)
        if not ids:
            return []
        rows = self.session.execute(
            select(
                m.Product.id,
                m.Product.sku,
                m.Product.name_th,
                m.Product.name_en,
                m.Category.code,
                m.Category.name_th,
                m.Category.name_en,
            )
            .join(m.Category, m.Category.code == m.Product.category_code)
            .where(m.Product.id.in_(ids))
            .order_by(m.Product.sku)
        )
        return [tuple(r) for r in rows]  # type: ignore[misc]

    # --- orders --------------------------------------------------------------------------
    def by_key(self, idempotency_key: str) -> OrderView | None:
        row = self.session.scalars(
            select(m.Order).where(m.Order.idempotency_key == idempotency_key)
        ).first()
        return None if row is None else self._view(row)

    def add(self, order: NewOrder) -> OrderView | None:
        """Write the order, its lines, reservations and first event; None when another
        transaction committed an order under the same idempotency key first."""
        last = self.session.scalar(
            select(func.max(m.Order.seq)).where(m.Order.shop_day == order.day)
        )
        seq = int(last or 0) + 1
        for _attempt in range(20):
            try:
                with self.session.begin_nested():
                    self._insert(order, seq)
                break
            except IntegrityError:
                if self.by_key(order.idempotency_key) is not None:
                    return None
                seq += 1  # another order took the number in the meantime
        else:  # pragma: no cover - twenty orders in the same instant
            raise RuntimeError("no free order number")
        row = self.session.get(m.Order, order.order_id)
        assert row is not None
        return self._view(row)

    def _insert(self, order: NewOrder, seq: int) -> None:
        c = order.customer
        buyer = c.tax_invoice
        self.session.add(
            m.Order(
                id=order.order_id,
                order_no=order_number(order.day, seq),
                idempotency_key=order.idempotency_key,
                fingerprint=order.fingerprint,
                shop_day=order.day,
                seq=seq,
                channel=order.channel.value,
                status=order.status.value,
                payment=order.payment.value,
                fulfilment=c.fulfilment.value,
                name=c.name,
                phone=c.phone,
                email=c.email,
                address_line=c.address_line,
                subdistrict=c.subdistrict,
                district=c.district,
                province=c.province,
                postcode=c.postcode,
                note=c.note,
                buyer_name=buyer.name if buyer else "",
                buyer_address=buyer.address if buyer else "",
                buyer_tax_id=buyer.tax_id if buyer else "",
                buyer_branch=buyer.branch if buyer else "",
                subtotal=order.subtotal,
                shipping_fee=order.shipping_fee,
                total=order.total,
                vat=order.vat,
                promptpay_payload=order.promptpay_payload,
                packed={},
                client=order.client[:64],
                created_at=order.created_at,
                updated_at=order.created_at,
                reserved_until=order.reserved_until,
            )
        )
        self.session.flush()
        for n, line in enumerate(order.lines, 1):
            self.session.add(
                m.OrderLine(
                    order_id=order.order_id,
                    line_no=n,
                    kind=line.kind,
                    ref=line.ref,
                    product_id=line.product_id,
                    template_id=line.template_id,
                    name_th=line.name_th,
                    name_en=line.name_en,
                    quantity=line.quantity,
                    unit_price=line.unit_price,
                    amount=line.amount,
                )
            )
        for pid, qty in sorted(order.reservations.items()):
            self.session.add(
                m.Reservation(
                    order_id=order.order_id,
                    product_id=pid,
                    quantity=qty,
                    created_at=order.created_at,
                    expires_at=order.reserved_until,
                )
            )
        self.session.add(
            m.OrderEventRow(
                order_id=order.order_id,
                seq=1,
                status=order.status.value,
                at=order.created_at,
                by="customer",
            )
        )
        self.session.flush()

    def get(self, order_no: str) -> OrderView | None:
        row = self.session.scalars(select(m.Order).where(m.Order.order_no == order_no)).first()
        return None if row is None else self._view(row)

    def lock(self, order_no: str) -> OrderView | None:
        """The order, its row held until commit (PostgreSQL; SQLite's writer holds all)."""
        row = self.session.scalars(
            select(m.Order).where(m.Order.order_no == order_no).with_for_update()
        ).first()
        if row is not None:
            self.session.refresh(row)
        return None if row is None else self._view(row)

    def move(
        self, order_id: str, status: OrderStatus, at: datetime, by: str, note: str = ""
    ) -> None:
        self.session.execute(
            update(m.Order).where(m.Order.id == order_id).values(status=status.value, updated_at=at)
        )
        last = self.session.scalar(
            select(func.max(m.OrderEventRow.seq)).where(m.OrderEventRow.order_id == order_id)
        )
        self.session.add(
            m.OrderEventRow(
                order_id=order_id,
                seq=int(last or 0) + 1,
                status=status.value,
                at=at,
                by=by[:100],
                note=note[:300],
            )
        )
        self.session.flush()

    def release(self, order_id: str, at: datetime) -> Mapping[str, Decimal]:
        held = {
            r.product_id: r.quantity
            for r in self.session.scalars(
                select(m.Reservation).where(
                    m.Reservation.order_id == order_id, m.Reservation.released_at.is_(None)
                )
            )
        }
        self.session.execute(
            update(m.Reservation)
            .where(m.Reservation.order_id == order_id, m.Reservation.released_at.is_(None))
            .values(released_at=at)
        )
        return held

    def expired(self, now: datetime) -> list[str]:
        rows = self.session.scalars(
            select(m.Order.order_no)
            .where(
                m.Order.status == OrderStatus.AWAITING_PAYMENT.value,
                m.Order.reserved_until.is_not(None),
                m.Order.reserved_until <= now,
            )
            .order_by(m.Order.order_no)
        )
        return list(rows)

    def _set(self, order_id: str, **values: Any) -> None:
        self.session.execute(update(m.Order).where(m.Order.id == order_id).values(**values))

    def set_slip(self, order_id: str, path: str, at: datetime) -> None:
        self._set(order_id, slip_path=path, updated_at=at)

    def set_sale(self, order_id: str, sale_id: str, receipt_no: str) -> None:
        self._set(order_id, sale_id=sale_id, receipt_no=receipt_no)

    def set_shipment(self, order_id: str, carrier: str, tracking_no: str) -> None:
        self._set(order_id, carrier=carrier, tracking_no=tracking_no)

    def set_packed(self, order_id: str, packed: Mapping[str, int]) -> None:
        self._set(order_id, packed=dict(packed))

    def set_cancel_reason(self, order_id: str, reason: str) -> None:
        self._set(order_id, cancel_reason=reason[:200])

    def summaries(self, status: OrderStatus | None, search: str) -> list[OrderSummary]:
        items = (
            select(func.coalesce(func.sum(m.OrderLine.quantity), 0))
            .where(m.OrderLine.order_id == m.Order.id)
            .correlate(m.Order)
            .scalar_subquery()
        )
        q = select(m.Order, items.label("items")).order_by(m.Order.created_at.desc())
        if status is not None:
            q = q.where(m.Order.status == status.value)
        typed = search.strip()
        if typed:
            like = f"%{typed}%"
            q = q.where(
                or_(
                    m.Order.order_no.ilike(like),
                    m.Order.name.ilike(like),
                    m.Order.phone.like(like),
                    m.Order.tracking_no.ilike(like),
                )
            )
        return [
            OrderSummary(
                o.order_no,
                OrderStatus(o.status),
                o.created_at,
                o.name,
                o.phone,
                PaymentMethod(o.payment),
                o.fulfilment,
                o.total,
                int(n),
                bool(o.slip_path),
            )
            for o, n in self.session.execute(q.limit(500))
        ]

    def counts(self) -> dict[OrderStatus, int]:
        rows = self.session.execute(select(m.Order.status, func.count()).group_by(m.Order.status))
        found = {status: int(n) for status, n in rows}
        return {s: found.get(s.value, 0) for s in OrderStatus}

    # --- the online channel's terminal ----------------------------------------------------
    def ensure_web_terminal(self, receipt_prefix: str, channel: Channel) -> str:
        """The terminal whose series numbers the channel's receipts (made on first use)."""
        row = self.session.scalars(
            select(m.Terminal).where(m.Terminal.receipt_prefix == receipt_prefix)
        ).first()
        if row is not None:
            return row.id
        shop = self.session.scalars(select(m.Shop).order_by(m.Shop.code)).first()
        assert shop is not None, "a store has its shop before an order is sold"
        term = m.Terminal(
            shop_id=shop.id,
            name=f"{channel.label.en}",
            pos_id="",
            receipt_prefix=receipt_prefix,
            is_local=False,
            channel=channel.value,
        )
        self.session.add(term)
        self.session.flush()
        self.session.add(m.ReceiptSequence(terminal_id=term.id, series=Series.SALE.value))
        self.session.flush()
        return term.id

    def terminal_info(self, terminal_id: str) -> tuple[str, str, str, str]:
        t = self.session.get(m.Terminal, terminal_id)
        assert t is not None
        return t.id, t.name, t.pos_id, t.receipt_prefix

    # --- reading an order ----------------------------------------------------------------
    def _view(self, o: m.Order) -> OrderView:
        lines = self.session.scalars(
            select(m.OrderLine).where(m.OrderLine.order_id == o.id).order_by(m.OrderLine.line_no)
        )
        events = self.session.scalars(
            select(m.OrderEventRow)
            .where(m.OrderEventRow.order_id == o.id)
            .order_by(m.OrderEventRow.seq)
        )
        buyer = (
            Buyer(o.buyer_name, o.buyer_address, o.buyer_tax_id, o.buyer_branch or "00000")
            if o.buyer_tax_id
            else None
        )
        customer = CustomerDetails(
            name=o.name,
            phone=o.phone,
            fulfilment=Fulfilment(o.fulfilment),
            address_line=o.address_line,
            subdistrict=o.subdistrict,
            district=o.district,
            province=o.province,
            postcode=o.postcode,
            email=o.email,
            note=o.note,
            tax_invoice=buyer,
        )
        return OrderView(
            order_id=o.id,
            order_no=o.order_no,
            status=OrderStatus(o.status),
            channel=Channel(o.channel),
            created_at=o.created_at,
            reserved_until=o.reserved_until,
            customer=customer,
            payment=PaymentMethod(o.payment),
            lines=tuple(
                OrderLineView(
                    ln.kind,
                    ln.ref,
                    ln.name_th,
                    ln.name_en,
                    ln.quantity,
                    ln.unit_price,
                    ln.amount,
                    ln.product_id,
                    ln.template_id,
                )
                for ln in lines
            ),
            subtotal=o.subtotal,
            shipping_fee=o.shipping_fee,
            total=o.total,
            vat=o.vat,
            promptpay_payload=o.promptpay_payload,
            slip_path=o.slip_path,
            receipt_no=o.receipt_no,
            carrier=o.carrier,
            tracking_no=o.tracking_no,
            history=tuple(OrderEvent(OrderStatus(e.status), e.at, e.by, e.note) for e in events),
            fingerprint=o.fingerprint,
            sale_id=o.sale_id,
            packed={k: int(v) for k, v in (o.packed or {}).items()},
            cancel_reason=o.cancel_reason,
        )
