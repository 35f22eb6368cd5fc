"""The tea corner's storage: menu items, order numbers, orders, tickets and the tea report."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from db import models as m
from pos.domain.money import ZERO
from pos.domain.shop_time import local, period_bounds
from pos.domain.tea import (
    ChosenOption,
    MenuItem,
    OptionGroup,
    TeaHourRow,
    TeaItemRow,
    TeaOption,
    TeaOptionRow,
    TeaReport,
    Ticket,
    TicketKind,
    Uses,
)
from pos.ports.tea import TeaLineDraft, TeaLineView, TeaOrderView, TicketRecord


def _uses_json(uses: Uses) -> list[list[str]]:
    return [[pid, str(qty)] for pid, qty in uses]


def _uses(data: Any) -> Uses:
    return tuple((str(pid), Decimal(str(qty))) for pid, qty in data or ())


def groups_json(groups: Sequence[OptionGroup]) -> list[dict[str, Any]]:
    return [
        {
            "code": g.code,
            "name_th": g.name_th,
            "name_en": g.name_en,
            "multi": g.multi,
            "required": g.required,
            "default": g.default,
            "options": [
                {
                    "code": o.code,
                    "name_th": o.name_th,
                    "name_en": o.name_en,
                    "price_delta": str(o.price_delta),
                    "uses": _uses_json(o.uses),
                }
                for o in g.options
            ],
        }
        for g in groups
    ]


def groups_from_json(data: Any) -> tuple[OptionGroup, ...]:
    return tuple(
        OptionGroup(
            code=g["code"],
            name_th=g["name_th"],
            name_en=g["name_en"],
            options=tuple(
                TeaOption(
                    o["code"],
                    o["name_th"],
                    o["name_en"],
                    Decimal(o["price_delta"]),
                    _uses(o.get("uses")),
                )
                for o in g["options"]
            ),
            multi=bool(g.get("multi")),
            required=bool(g.get("required")),
            default=g.get("default"),
        )
        for g in data or ()
    )


def _options_json(options: Sequence[ChosenOption]) -> list[list[str]]:
    return [[o.group, o.code, o.name_th, o.name_en, str(o.price_delta)] for o in options]


def _options(data: Any) -> tuple[ChosenOption, ...]:
    return tuple(ChosenOption(g, c, th, en, Decimal(d)) for g, c, th, en, d in data or ())


class SqlTeaRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    # --- the menu ------------------------------------------------------------------------
    def _menu_query(self) -> Any:
        return (
            select(m.TeaMenuItem, m.Product)
            .join(m.Product, m.Product.id == m.TeaMenuItem.product_id)
            .order_by(m.TeaMenuItem.sort_order, m.Product.sku)
        )

    @staticmethod
    def _item(row: m.TeaMenuItem, product: m.Product) -> MenuItem:
        return MenuItem(
            product_id=product.id,
            sku=product.sku,
            name_th=product.name_th,
            name_en=product.name_en,
            price=product.unit_price,
            groups=groups_from_json(row.groups),
            recipe=_uses(row.recipe),
            active=row.active and product.active,
            sort_order=row.sort_order,
            image=row.image or product.image,
            vat_exempt=product.vat_exempt,
            unit_th=product.unit_th,
            unit_en=product.unit_en,
        )

    def items(self, *, active_only: bool = False) -> list[MenuItem]:
        query = self._menu_query()
        if active_only:
            query = query.where(m.TeaMenuItem.active.is_(True), m.Product.active.is_(True))
        return [self._item(r, p) for r, p in self.session.execute(query)]

    def item(self, product_id: str) -> MenuItem | None:
        found = self.session.execute(
            self._menu_query().where(m.TeaMenuItem.product_id == product_id)
        ).first()
        return None if found is None else self._item(found[0], found[1])

    def save_item(self, item: MenuItem) -> None:
        product = self.session.get(m.Product, item.product_id)
        if product is None:
            raise LookupError(f"no product {item.product_id}")
        product.name_th = item.name_th
        product.name_en = item.name_en
        product.unit_price = item.price
        product.active = item.active
        product.unit_th = item.unit_th
        product.unit_en = item.unit_en
        if item.image is not None:
            product.image = item.image
        row = self.session.get(m.TeaMenuItem, item.product_id)
        if row is None:
            row = m.TeaMenuItem(product_id=item.product_id)
            self.session.add(row)
        row.sort_order = item.sort_order
        row.active = item.active
        row.image = item.image
        row.groups = groups_json(item.groups)
        row.recipe = _uses_json(item.recipe)
        self.session.flush()

    def set_active(self, product_id: str, active: bool) -> bool:
        row = self.session.get(m.TeaMenuItem, product_id)
        product = self.session.get(m.Product, product_id)
        if row is None or product is None:
            return False
        row.active = active
        product.active = active
        self.session.flush()
        return True

    def prepare_stock_item(
        self, product_id: str, unit_th: str, unit_en: str, opening: Decimal, terminal_id: str
    ) -> None:
        product = self.session.get(m.Product, product_id)
        if product is None:
            raise LookupError(f"no product {product_id}")
        product.unit_th = unit_th
        product.unit_en = unit_en
        moved = self.session.scalar(
            select(m.StockMovement.id).where(m.StockMovement.product_id == product_id).limit(1)
        )
        if moved is None and opening:
            self.session.add(
                m.StockMovement(
                    product_id=product_id,
                    terminal_id=terminal_id,
                    quantity=opening,
                    reason="opening",
                )
            )
        self.session.flush()

    # --- orders --------------------------------------------------------------------------
    def take_number(self, day: date) -> int:
        insert = (
            pg_insert if self.session.get_bind().dialect.name == "postgresql" else sqlite_insert
        )
        self.session.execute(
            insert(m.TeaOrderDay).values(day=day, last_no=0).on_conflict_do_nothing()
        )
        number = self.session.execute(
            update(m.TeaOrderDay)
            .where(m.TeaOrderDay.day == day)
            .values(last_no=m.TeaOrderDay.last_no + 1)
            .returning(m.TeaOrderDay.last_no)
            .execution_options(synchronize_session=False)
        ).scalar_one()
        return int(number)

    def add_order(
        self, order_id: str, day: date, number: int, sale_id: str, receipt_no: str,
        at: datetime, lines: Sequence[TeaLineDraft],
    ) -> list[str]:  # fmt: skip
        self.session.add(
            m.TeaOrder(
                id=order_id,
                day=day,
                number=number,
                sale_id=sale_id,
                receipt_no=receipt_no,
                status="new",
                created_at=at,
            )
        )
        self.session.flush()
        ids: list[str] = []
        for ln in lines:
            line_id = m.new_id()
            ids.append(line_id)
            self.session.add(
                m.TeaLine(
                    id=line_id,
                    order_id=order_id,
                    sale_line_no=ln.sale_line_no,
                    product_id=ln.product_id,
                    sku=ln.sku,
                    name_th=ln.name_th,
                    name_en=ln.name_en,
                    quantity=ln.quantity,
                    amount=ln.amount,
                    detail_th=ln.detail_th,
                    detail_en=ln.detail_en,
                    options=_options_json(ln.options),
                    cancelled=ZERO,
                    refunded=ZERO,
                    refunded_amount=ZERO,
                )
            )
        self.session.flush()
        return ids

    def add_ticket(
        self, ticket_id: str, line_id: str, kind: TicketKind, quantity: Decimal, at: datetime,
        job_id: str | None,
    ) -> str:  # fmt: skip
        self.session.add(
            m.TeaTicket(
                id=ticket_id,
                line_id=line_id,
                kind=kind.value,
                quantity=quantity,
                created_at=at,
                job_id=job_id,
            )
        )
        self.session.flush()
        return ticket_id

    def ticket(self, ticket_id: str) -> TicketRecord | None:
        found = self.session.execute(
            select(m.TeaTicket, m.TeaLine, m.TeaOrder)
            .join(m.TeaLine, m.TeaLine.id == m.TeaTicket.line_id)
            .join(m.TeaOrder, m.TeaOrder.id == m.TeaLine.order_id)
            .where(m.TeaTicket.id == ticket_id)
            .execution_options(populate_existing=True)
        ).first()
        if found is None:
            return None
        t, line, order = found
        lines = self.session.scalars(
            select(m.TeaLine.id)
            .where(m.TeaLine.order_id == order.id)
            .order_by(m.TeaLine.sale_line_no)
        ).all()
        ticket = Ticket(
            ticket_id=t.id,
            kind=TicketKind(t.kind),
            order_no=order.number,
            receipt_no=order.receipt_no,
            at=order.created_at,
            name_th=line.name_th,
            name_en=line.name_en,
            quantity=t.quantity,
            detail_th=line.detail_th,
            detail_en=line.detail_en,
            line_no=list(lines).index(line.id) + 1,
            lines_in_order=len(lines),
            options=_options(line.options),
        )
        return TicketRecord(ticket, line.id, t.job_id, t.sent_at)

    def mark_sent(self, ticket_id: str, at: datetime) -> bool:
        done = self.session.execute(
            update(m.TeaTicket)
            .where(m.TeaTicket.id == ticket_id, m.TeaTicket.sent_at.is_(None))
            .values(sent_at=at)
            .execution_options(synchronize_session=False)
        )
        return getattr(done, "rowcount", 0) == 1

    def _views(self, orders: Sequence[m.TeaOrder]) -> list[TeaOrderView]:
        ids = [o.id for o in orders]
        if not ids:
            return []
        lines: dict[str, list[TeaLineView]] = defaultdict(list)
        sent = set(
            self.session.scalars(
                select(m.TeaTicket.line_id)
                .join(m.TeaLine, m.TeaLine.id == m.TeaTicket.line_id)
                .where(
                    m.TeaLine.order_id.in_(ids),
                    m.TeaTicket.kind == "order",
                    m.TeaTicket.sent_at.is_not(None),
                )
            )
        )
        for ln in self.session.scalars(
            select(m.TeaLine).where(m.TeaLine.order_id.in_(ids)).order_by(m.TeaLine.sale_line_no)
        ):
            lines[ln.order_id].append(
                TeaLineView(
                    ln.id,
                    ln.sale_line_no,
                    ln.product_id,
                    ln.name_th,
                    ln.name_en,
                    ln.quantity,
                    ln.cancelled,
                    ln.detail_th,
                    ln.detail_en,
                    ln.id in sent,
                )
            )
        return [
            TeaOrderView(
                o.id,
                o.number,
                o.day,
                o.sale_id,
                o.receipt_no,
                o.status,
                o.created_at,
                o.ready_at,
                o.done_at,
                tuple(lines[o.id]),
            )
            for o in orders
        ]

    def order(self, day: date, number: int) -> TeaOrderView | None:
        row = self.session.scalars(
            select(m.TeaOrder)
            .where(m.TeaOrder.day == day, m.TeaOrder.number == number)
            .execution_options(populate_existing=True)
        ).first()
        return None if row is None else self._views([row])[0]

    def order_of_sale(self, sale_id: str) -> TeaOrderView | None:
        row = self.session.scalars(
            select(m.TeaOrder)
            .where(m.TeaOrder.sale_id == sale_id)
            .execution_options(populate_existing=True)
        ).first()
        return None if row is None else self._views([row])[0]

    def orders(self, day: date | None, status: str | None) -> list[TeaOrderView]:
        query = select(m.TeaOrder).order_by(m.TeaOrder.created_at, m.TeaOrder.number)
        if day is not None:
            query = query.where(m.TeaOrder.day == day)
        if status is not None:
            query = query.where(m.TeaOrder.status == status)
        rows = self.session.scalars(query.execution_options(populate_existing=True)).all()
        return self._views(rows)

    def set_status(self, order_id: str, status: str, at: datetime, *, was: Sequence[str]) -> bool:
        values: dict[str, Any] = {"status": status}
        if status == "ready":
            values["ready_at"] = at
        elif status in ("collected", "cancelled"):
            values["done_at"] = at
        done = self.session.execute(
            update(m.TeaOrder)
            .where(m.TeaOrder.id == order_id, m.TeaOrder.status.in_(list(was)))
            .values(**values)
            .execution_options(synchronize_session=False)
        )
        return getattr(done, "rowcount", 0) == 1

    def cancel_quantity(self, line_id: str, quantity: Decimal) -> None:
        self.session.execute(
            update(m.TeaLine)
            .where(m.TeaLine.id == line_id)
            .values(cancelled=m.TeaLine.cancelled + quantity)
            .execution_options(synchronize_session=False)
        )

    def refund_line(self, line_id: str, quantity: Decimal, amount: Decimal) -> None:
        self.session.execute(
            update(m.TeaLine)
            .where(m.TeaLine.id == line_id)
            .values(
                refunded=m.TeaLine.refunded + quantity,
                refunded_amount=m.TeaLine.refunded_amount + amount,
            )
            .execution_options(synchronize_session=False)
        )

    def ready_since(self, since: datetime) -> list[int]:
        return list(
            self.session.scalars(
                select(m.TeaOrder.number)
                .where(m.TeaOrder.status == "ready", m.TeaOrder.ready_at >= since)
                .order_by(m.TeaOrder.ready_at, m.TeaOrder.number)
            )
        )

    # --- the report ----------------------------------------------------------------------
    def report(self, day_from: date, day_to: date) -> TeaReport:
        start, end = period_bounds(day_from, day_to)
        rows = self.session.execute(
            select(m.TeaLine, m.TeaOrder.created_at, m.TeaOrder.id)
            .join(m.TeaOrder, m.TeaOrder.id == m.TeaLine.order_id)
            .join(m.Sale, m.Sale.id == m.TeaOrder.sale_id)
            .where(
                m.TeaOrder.created_at >= start,
                m.TeaOrder.created_at < end,
                m.Sale.status == "completed",
            )
        ).all()
        items: dict[str, list[Any]] = {}
        options: dict[tuple[str, str], list[Any]] = {}
        hours: dict[int, list[Any]] = {}
        orders: set[str] = set()
        quantity = amount = ZERO
        for line, at, order_id in rows:
            qty = line.quantity - line.refunded
            money = line.amount - line.refunded_amount
            if qty <= 0 and money <= 0:
                continue
            orders.add(order_id)
            quantity += qty
            amount += money
            item = items.setdefault(line.sku, [line.name_th, line.name_en, ZERO, ZERO])
            item[2] += qty
            item[3] += money
            for o in _options(line.options):
                opt = options.setdefault((o.group, o.code), [o.name_th, o.name_en, ZERO])
                opt[2] += qty
            hour = hours.setdefault(local(at).hour, [set(), ZERO, ZERO])
            hour[0].add(order_id)
            hour[1] += qty
            hour[2] += money
        return TeaReport(
            day_from=day_from,
            day_to=day_to,
            orders=len(orders),
            quantity=quantity,
            amount=amount,
            by_item=tuple(
                TeaItemRow(sku, th, en, q, a)
                for sku, (th, en, q, a) in sorted(items.items(), key=lambda kv: (-kv[1][3], kv[0]))
            ),
            by_option=tuple(
                TeaOptionRow(g, c, th, en, q) for (g, c), (th, en, q) in sorted(options.items())
            ),
            by_hour=tuple(
                TeaHourRow(h, len(ids), q, a) for h, (ids, q, a) in sorted(hours.items())
            ),
        )
