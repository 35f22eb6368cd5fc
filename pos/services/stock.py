"""The shop's stock rule, checked inside the transaction that moves the stock; stock documents
(deliveries, returns to producers, adjustments, counts) and the figures read from movements."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from pos.domain.auth import Action, Actor, PermissionDenied, denied
from pos.domain.basket import shortages
from pos.domain.eod import commission_of
from pos.domain.errors import PrinterUnavailable, ShopError
from pos.domain.settings import Settings
from pos.domain.shop_time import day_bounds, shop_day
from pos.domain.stock import (
    OUTGOING,
    STATEMENT_COLUMN,
    USUAL_DELIVERIES,
    ZERO,
    AdjustReason,
    CountEntry,
    DocumentKind,
    OverDeliveryError,
    ProducerStatement,
    ProductFacts,
    ReturnReason,
    StatementLine,
    StockError,
    StockLine,
    UnknownCode,
    Variance,
    check_curated,
    check_lines,
    confirmed_note,
    over_deliveries,
    value_lost,
    variances,
)
from pos.ports.clock import Clock
from pos.ports.sales import SalesUnitOfWork
from pos.ports.stock import (
    MovementTotal,
    NewStockDocument,
    OnHandRow,
    StockDocumentRecord,
    StockSlipWriter,
    StockUnitOfWork,
)
from pos.ports.terminals import TerminalInfo
from pos.ports.uow import UnitOfWorkFactory
from pos.services.audit import require
from pos.services.auth import Approval, Auth

if TYPE_CHECKING:
    from pos.ports.print_jobs import PrintJob
    from pos.services.printing import PrintQueue

log = logging.getLogger(__name__)


class StockDeskUnitOfWork(SalesUnitOfWork, StockUnitOfWork, Protocol):
    """The stock documents with the products' locks and on-hand figures of the sales side."""


class OutOfStock(ShopError):
    """Selling or assembling would take a product's stock below zero, and the shop forbids it."""

    def __init__(self, missing: Mapping[str, Decimal], names: Mapping[str, tuple[str, str]]):
        short = [(names.get(p, (p, p)), f"{q.normalize():f}") for p, q in missing.items()]
        en = ", ".join(f"{name[1]} (short {q})" for name, q in short)
        th = ", ".join(f"{name[0]} (ขาด {q})" for name, q in short)
        super().__init__(f"Not enough stock: {en}", f"สินค้าไม่พอ: {th}")
        self.missing = dict(missing)


def ensure_stock(uow: SalesUnitOfWork, need: Mapping[str, Decimal], allow_negative: bool) -> None:
    """Refuse (raise OutOfStock) when taking `need` would leave any stock below zero, or
    would take goods that online orders hold (reserved) even where the shop allows negative
    stock: a piece is never sold twice, at a counter and online.

    Call it in the writing unit of work, right before the movements are written: the product
    rows are locked (PostgreSQL) or the database is (SQLite, BEGIN IMMEDIATE), so no other
    counter can sell the same last piece between the check and the commit.
    """
    wanted = {pid: q for pid, q in need.items() if q > 0}
    if not wanted:
        return
    if allow_negative:
        # the shelf may hold more than the books say, but not what an online order holds
        held_now = uow.orders.reserved(wanted)
        wanted = {pid: q for pid, q in wanted.items() if held_now.get(pid, ZERO) > 0}
        if not wanted:
            return
    uow.baskets.lock_products(list(wanted))
    stock = uow.catalog.stock_on_hand(wanted)
    held = uow.orders.reserved(wanted)  # online orders' reservations are not for sale here
    missing = shortages(wanted, {p: q - held.get(p, ZERO) for p, q in stock.items()})
    if missing:
        names = {p.product_id: (p.name_th, p.name_en) for p in uow.catalog.products_by_ids(missing)}
        raise OutOfStock(missing, names)


# --- stock documents ---------------------------------------------------------------------------
class StockDesk:
    """Deliveries, returns to producers, adjustments and counts: each a numbered document whose
    movements are written in one transaction with it (and its outbox row for the central
    database); the on-hand view, the reorder and near-expiry lists, producer statements."""

    def __init__(
        self,
        uow: UnitOfWorkFactory[StockDeskUnitOfWork],
        settings: Settings,
        terminal: TerminalInfo,
        clock: Clock,
        auth: Auth | None = None,
        slips: StockSlipWriter | None = None,
        queue: PrintQueue | None = None,
    ) -> None:
        self.uow = uow
        self.settings = settings
        self.terminal = terminal
        self.clock = clock
        self.auth = auth
        self.slips = slips
        self.queue = queue  # receiving and return slips on the receipt printer

    def producers(self) -> list[tuple[str, str, str, str]]:
        """(id, code, Thai name, English name) of every producer, by code."""
        with self.uow() as read:
            return read.stock.producers()

    def write_slip(self, doc: StockDocumentRecord, path: Path) -> int:
        """The document as an A4 PDF at `path` (pages written)."""
        if self.slips is None:
            raise StockError("No PDF writer here", "ไม่มีตัวสร้าง PDF")
        return self.slips.write_pdf(doc, self.settings, path)

    @property
    def can_print(self) -> bool:
        """True when this counter has a print queue for the receipt printer's slips."""
        return self.queue is not None

    def print_slip(self, doc: StockDocumentRecord, printer: str | None = None) -> PrintJob:
        """The document's slip (a receiving slip to sign ...) on the receipt printer (or
        `printer`), through the print queue: stored first, kept there when the printer is off."""
        if self.queue is None:
            raise PrinterUnavailable(
                "This counter has no printer to print on (every profile is a preview)",
                "เครื่องนี้ไม่มีเครื่องพิมพ์ (ทุกโปรไฟล์เป็นเพียงการแสดงตัวอย่าง)",
            )
        job = self.queue.enqueue("stock", doc.number, printer=printer)
        return self.queue.send(job.job_id)

    # --- documents -------------------------------------------------------------------------
    def _producer(self, uow: StockDeskUnitOfWork, producer: str) -> tuple[str, str]:
        wanted = producer.strip()
        for pid, code, name_th, _ in uow.stock.producers():
            if wanted in (pid, code) or wanted.upper() == code.upper():
                return pid, name_th
        raise StockError(f"No producer {wanted!r}", f"ไม่พบผู้ผลิต {wanted!r}")

    def _write(self, doc: NewStockDocument) -> StockDocumentRecord:
        with self.uow(write=True) as uow:
            record = uow.stock.add_document(doc, self.terminal.receipt_prefix)
            uow.commit()
        return record

    def _new(
        self, actor: Actor, kind: DocumentKind, lines: Sequence[StockLine], **fields: Any
    ) -> NewStockDocument:
        now = self.clock.now()
        return NewStockDocument(
            document_id=str(uuid.uuid4()),
            kind=kind,
            terminal_id=self.terminal.terminal_id,
            doc_date=fields.pop("doc_date", None) or shop_day(now),
            lines=tuple(lines),
            created_by=actor.user_id,
            created_name=actor.display_name,
            at=now,
            **fields,
        )

    def receive(
        self,
        actor: Actor,
        producer: str,
        lines: Sequence[StockLine],
        *,
        reference: str = "",
        doc_date: date | None = None,
        note: str = "",
        confirm_over: bool = False,
    ) -> StockDocumentRecord:
        """A producer's delivery: goods in. Every product must be the producer's own; a line
        far above the product's usual delivery (pos.domain.stock.over_deliveries) is refused
        with OverDeliveryError unless `confirm_over` says the receiver checked it."""
        require(actor, Action.RECEIVE_STOCK)
        reference = _text(reference, 60, "delivery note number", "เลขที่ใบส่งของ")
        note = _text(note, 200, "note", "หมายเหตุ")
        with self.uow() as read:
            producer_id, _ = self._producer(read, producer)
            facts = read.stock.product_facts(ln.product_id for ln in lines)
            checked = check_lines(lines, facts, producer_id)
            check_curated(checked, facts)
            history = read.stock.delivery_history(facts, USUAL_DELIVERIES)
        over = over_deliveries(checked, facts, history)
        if over and not confirm_over:
            raise OverDeliveryError(over)
        note = confirmed_note(note, over)
        return self._write(self._new(
            actor, DocumentKind.DELIVERY, checked, producer_id=producer_id, reference=reference,
            doc_date=doc_date, note=note,
        ))  # fmt: skip

    def return_to_producer(
        self,
        actor: Actor,
        producer: str,
        reason: ReturnReason,
        lines: Sequence[StockLine],
        *,
        note: str = "",
    ) -> StockDocumentRecord:
        """Unsold, expired or damaged goods back to their producer: never more than is here."""
        require(actor, Action.RETURN_TO_PRODUCER)
        note = _text(note, 200, "note", "หมายเหตุ")
        with self.uow() as read:
            producer_id, _ = self._producer(read, producer)
            facts = read.stock.product_facts(ln.product_id for ln in lines)
        checked = check_lines(lines, facts, producer_id)
        doc = self._new(actor, DocumentKind.PRODUCER_RETURN, checked, producer_id=producer_id,
                        reason=ReturnReason(reason).value, note=note)  # fmt: skip
        with self.uow(write=True) as uow:
            self._ensure_on_hand(uow, checked, facts)
            record = uow.stock.add_document(doc, self.terminal.receipt_prefix)
            uow.commit()
        return record

    def _ensure_on_hand(
        self,
        uow: StockDeskUnitOfWork,
        lines: Sequence[StockLine],
        facts: Mapping[str, ProductFacts],
    ) -> None:
        ids = [ln.product_id for ln in lines]
        uow.baskets.lock_products(ids)
        have = uow.catalog.stock_on_hand(ids)
        short = [ln for ln in lines if ln.quantity > have.get(ln.product_id, ZERO)]
        if short:
            left = {ln.product_id: f"{have.get(ln.product_id, ZERO).normalize():f}" for ln in short}
            en = ", ".join(f"{facts[p].sku} (on hand {q})" for p, q in left.items())
            th = ", ".join(f"{facts[p].sku} (คงเหลือ {q})" for p, q in left.items())
            raise StockError(f"More than is in stock: {en}", f"จำนวนมากกว่าสินค้าคงเหลือ: {th}")

    def adjust(
        self,
        actor: Actor,
        reason: AdjustReason,
        lines: Sequence[StockLine],
        *,
        note: str = "",
        approval: Approval | None = None,
    ) -> StockDocumentRecord:
        """Damage, samples, internal use or expiry: goods out with a reason. Worth more than
        `stock_adjust_limit` baht at selling price, it needs a manager (or their approval)."""
        require(actor, Action.ADJUST_STOCK)
        note = _text(note, 200, "note", "หมายเหตุ")
        reason = AdjustReason(reason)
        with self.uow() as read:
            facts = read.stock.product_facts(ln.product_id for ln in lines)
        checked = check_lines(lines, facts, None)
        worth = value_lost(checked, facts)
        approved_by, approved_name = None, ""
        if worth > self.settings.stock_adjust_limit:
            if not actor.may(Action.ADJUST_OVER_LIMIT):
                if approval is None or self.auth is None:
                    raise _over_limit(actor, worth, self.settings.stock_adjust_limit)
                self.auth.authorize(actor, Action.ADJUST_OVER_LIMIT, approval)
                approved_by, approved_name = approval.approved_by, approval.approved_name
            else:
                approved_by, approved_name = actor.user_id, actor.display_name
        doc = self._new(actor, DocumentKind.ADJUSTMENT, checked, reason=reason.value, note=note,
                        approved_by=approved_by, approved_name=approved_name)  # fmt: skip
        with self.uow(write=True) as uow:
            if not self.settings.allow_negative_stock:
                self._ensure_on_hand(uow, checked, facts)
            record = uow.stock.add_document(doc, self.terminal.receipt_prefix)
            uow.commit()
        return record

    def document(self, number: str) -> StockDocumentRecord:
        with self.uow() as read:
            found = read.stock.document(number)
        if found is None:
            raise StockError(f"No stock document {number}", f"ไม่พบเอกสารสต็อกเลขที่ {number}")
        return found

    def find_product(self, code: str) -> ProductFacts:
        with self.uow() as read:
            found = read.stock.find_product(code)
        if found is None:
            raise UnknownCode(code)
        return found

    # --- counts ------------------------------------------------------------------------------
    def start_count(self, actor: Actor, scope: str = "", note: str = "") -> StockDocumentRecord:
        """An open count sheet (by category, producer or shelf: `scope` names it)."""
        require(actor, Action.COUNT_STOCK)
        doc = self._new(actor, DocumentKind.COUNT, (), scope=_text(scope, 100, "scope", "ขอบเขต"),
                        note=_text(note, 200, "note", "หมายเหตุ"), post=False)  # fmt: skip
        return self._write(doc)

    def open_counts(self) -> list[StockDocumentRecord]:
        with self.uow() as read:
            return read.stock.open_counts(self.terminal.terminal_id)

    def count(
        self,
        actor: Actor,
        count_id: str,
        code: str,
        quantity: Decimal = Decimal(1),
        *,
        add: bool = True,
    ) -> tuple[ProductFacts, Decimal]:
        """A product counted: each scan adds one (or `quantity`); `add=False` sets the figure
        typed. The product and its counted figure now."""
        require(actor, Action.COUNT_STOCK)
        product = self.find_product(code)
        if add or quantity != 0:
            check_lines([StockLine(product.product_id, abs(quantity) or Decimal(1))],
                        {product.product_id: product}, None)  # fmt: skip
        with self.uow(write=True) as uow:
            counted = uow.stock.count_line(
                count_id, product.product_id, quantity, self.clock.now(), add=add
            )
            uow.commit()
        return product, counted

    def variances(self, count_id: str) -> list[Variance]:
        """Each counted product against its movements as they stood when it was counted."""
        doc = self.document(count_id)
        when = {ln.product_id: ln.counted_at or doc.created_at for ln in doc.lines}
        with self.uow() as read:
            expected = read.stock.expected_at(when)
        entries = [CountEntry(ln.product_id, ln.quantity, when[ln.product_id]) for ln in doc.lines]
        return variances(entries, expected, {ln.product_id: ln.unit_price for ln in doc.lines})

    def post_count(
        self, actor: Actor, count_id: str, approval: Approval | None = None
    ) -> StockDocumentRecord:
        """The count's differences written as movements (reason count): a manager's."""
        if actor.may(Action.POST_COUNT):
            by, by_name = actor.user_id, actor.display_name
        elif approval is None or self.auth is None:
            raise denied(actor, Action.POST_COUNT)
        else:
            self.auth.authorize(actor, Action.POST_COUNT, approval)
            by, by_name = approval.approved_by, approval.approved_name
        doc = self.document(count_id)
        if doc.status != "open":
            raise StockError(f"{doc.number} is already posted", f"{doc.number} ยืนยันผลไปแล้ว")
        when = {ln.product_id: ln.counted_at or doc.created_at for ln in doc.lines}
        with self.uow(write=True) as uow:
            expected = uow.stock.expected_at(when)
            record = uow.stock.post_count(doc.document_id, expected, self.clock.now(), by, by_name)
            uow.commit()
        return record

    # --- figures -----------------------------------------------------------------------------
    def on_hand(
        self, *, producer: str | None = None, category: str | None = None, low_only: bool = False
    ) -> list[OnHandRow]:
        with self.uow() as read:
            producer_id = self._producer(read, producer)[0] if producer else None
            rows = read.stock.on_hand(producer_id=producer_id, category=category)
        return [r for r in rows if r.is_low] if low_only else rows

    def near_expiry(self, days: int = 30) -> list[OnHandRow]:
        """Goods on the shelf whose best-before (from their delivery) is within `days`."""
        limit = shop_day(self.clock.now()) + timedelta(days=days)
        rows = [r for r in self.on_hand() if r.best_before is not None and r.on_hand > 0]
        return sorted((r for r in rows if r.best_before and r.best_before <= limit),
                      key=lambda r: (r.best_before, r.sku))  # fmt: skip

    def reorder(self, producer: str | None = None) -> list[OnHandRow]:
        """What sold since each product's last delivery, by producer: what to ask for."""
        return [r for r in self.on_hand(producer=producer) if r.sold_since_delivery > 0]

    def set_threshold(self, actor: Actor, code: str, low: Decimal | None) -> None:
        require(actor, Action.ADJUST_STOCK)
        product = self.find_product(code)
        if low is not None and (not low.is_finite() or low < 0):
            raise StockError("The low-stock line must be 0 or more", "จุดสั่งซื้อต้องไม่ติดลบ")
        with self.uow(write=True) as uow:
            uow.stock.set_threshold(product.product_id, low)
            uow.commit()

    def statements(
        self, start: date, end: date, producer: str | None = None
    ) -> list[ProducerStatement]:
        """Each producer's statement for the shop days start..end (inclusive)."""
        return producer_statements(self.uow, start, end, producer, now=self.clock.now())


def producer_statements(
    uow: UnitOfWorkFactory[StockUnitOfWork],
    start: date,
    end: date,
    producer: str | None = None,
    *,
    now: datetime | None = None,
) -> list[ProducerStatement]:
    """Each producer's statement (or one producer's, by code) for the shop days start..end
    (inclusive), from any store: a counter's, or the central database's (every counter).

    The months over by `now` (None: the wall clock) are summarised first, once each, where
    the store may be written: the statement then reads those months' summaries and only the
    rest of the time (the open month, partial months) from the movements."""
    if end < start:
        raise StockError("The period ends before it starts", "วันสิ้นสุดอยู่ก่อนวันเริ่มต้น")
    since, until = day_bounds(start)[0], day_bounds(end)[1]
    summarise_closed_months(uow, until, now or datetime.now(UTC))
    with uow() as read:
        producers = {pid: (code, th, en) for pid, code, th, en in read.stock.producers()}
        producer_id = None
        if producer:
            wanted = producer.strip().upper()
            producer_id = next(
                (pid for pid, (code, _, _) in producers.items() if code.upper() == wanted), None
            )
            if producer_id is None:
                raise StockError(f"No producer {producer!r}", f"ไม่พบผู้ผลิต {producer!r}")
        totals = read.stock.movement_totals(since, until, producer_id)
        money = read.stock.statement_money(since, until, producer_id)
        ids = {t.product_id for t in totals} | {p for p, _, _ in money}
        facts = read.stock.product_facts(ids)
    return build_statements(start, end, totals, money, facts, producers, producer_id)


def summarise_closed_months(
    uow: UnitOfWorkFactory[StockUnitOfWork], until: datetime, now: datetime
) -> int:
    """Summarise the months over by `now` (and ending by `until`) that have no summary yet:
    a cache, so a store that may not be written (a read-only file, a role without the
    right) keeps none and its statements read the movements. How many were summarised."""
    with uow() as read:
        months = read.stock.unsummarised_months(until, now)
    if not months:
        return 0
    try:
        with uow(write=True) as keep:
            done = keep.stock.summarise_months(months, now)
            keep.commit()
    except ShopError as exc:  # the store is read-only, busy, or this user may not write
        log.info("closed months not summarised: %s", exc)
        return 0
    return done


def _text(value: str, limit: int, en: str, th: str) -> str:
    text = " ".join(value.split())
    if len(text) > limit:
        raise StockError(
            f"The {en} is longer than {limit} characters", f"{th}ยาวเกิน {limit} ตัวอักษร"
        )
    return text


def _over_limit(actor: Actor, worth: Decimal, limit: int) -> PermissionDenied:
    return PermissionDenied(
        f"{actor.display_name}: an adjustment worth {worth:,.2f} baht is above the limit of "
        f"{limit:,} baht: ask a manager to approve",
        f"{actor.display_name}: การปรับปรุงสต็อกมูลค่า {worth:,.2f} บาท เกินวงเงิน {limit:,} บาท "
        "ต้องให้ผู้จัดการอนุมัติ",
    )


def build_statements(
    start: date,
    end: date,
    totals: Sequence[MovementTotal],
    money: Sequence[tuple[str, Decimal | None, Decimal]],
    facts: Mapping[str, ProductFacts],
    producers: Mapping[str, tuple[str, str, str]],
    only: str | None = None,
) -> list[ProducerStatement]:
    """Statements from movement totals and sales money (commission by the rate each line was
    sold at, rounded per producer and rate as the settlement is)."""
    lines: dict[str, dict[str, Decimal]] = {}
    for t in totals:
        row = lines.setdefault(t.product_id, {})
        row["opening"] = row.get("opening", ZERO) + t.before
        column = STATEMENT_COLUMN.get(t.reason, "adjusted")
        value = -t.within if column in OUTGOING else t.within
        row[column] = row.get(column, ZERO) + value
    sales: dict[str, Decimal] = {}
    rates: dict[tuple[str, Decimal | None], Decimal] = {}
    for pid, pct, amount in money:
        sales[pid] = sales.get(pid, ZERO) + amount
        lines.setdefault(pid, {})
        owner = facts[pid].producer_id
        rates[(owner, pct)] = rates.get((owner, pct), ZERO) + amount
    by_producer: dict[str, list[StatementLine]] = {}
    for pid, row in lines.items():
        f = facts[pid]
        opening = row.get("opening", ZERO)
        moved = sum((v if k not in OUTGOING else -v) for k, v in row.items() if k != "opening")
        by_producer.setdefault(f.producer_id, []).append(
            StatementLine(
                pid,
                f.sku,
                f.name_th,
                f.name_en,
                f.unit_price,
                opening=opening,
                delivered=row.get("delivered", ZERO),
                sold=row.get("sold", ZERO),
                refunded=row.get("refunded", ZERO),
                returned=row.get("returned", ZERO),
                adjusted=row.get("adjusted", ZERO),
                other=row.get("other", ZERO),
                closing=opening + moved,
                sales=sales.get(pid, ZERO),
            )
        )
    out = []
    for producer_id, (code, th, en) in sorted(producers.items(), key=lambda kv: kv[1][0]):
        if only is not None and producer_id != only:
            continue
        commission = sum(
            (commission_of(amount, pct) for (owner, pct), amount in rates.items()
             if owner == producer_id),
            ZERO,
        )  # fmt: skip
        out.append(
            ProducerStatement(
                producer_id,
                code,
                th,
                en,
                start,
                end,
                tuple(sorted(by_producer.get(producer_id, []), key=lambda ln: ln.sku)),
                commission=commission,
            )
        )
    return out
