"""The tea corner: its menu (back office), drinks into the cart, order numbers and tickets.

A sale with drink lines gets the day's next order number and one ticket per drink line, all
written in the sale's own transaction by `TeaCorner.sale_hook`; each ticket's print job on
the tea printer (settings `tea_printer`) is staged there too. Once the transaction has
committed, the tea corner's own sender thread sends them (the till never waits on the tea
printer); a printer that is off leaves them queued (the till keeps selling) and the next
sale, the printer banner's retry or the next start prints them. A ticket prints once: its
job is claimed atomically and the ticket is marked sent as soon as the printer took it, so a
retry of a job that did print (the program stopped before the job was marked done) prints
nothing again.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import Protocol

from pos.domain.auth import Action, Actor, denied
from pos.domain.cart import Cart, CartLine
from pos.domain.errors import PrinterUnavailable, ShopError
from pos.domain.refund import RefundReceipt
from pos.domain.sale import Receipt, ReceiptNote
from pos.domain.settings import PrinterProfile, Settings
from pos.domain.shop_time import shop_day
from pos.domain.tea import (
    Choice,
    ChosenOption,
    MenuItem,
    OrderStatus,
    TeaError,
    TeaReport,
    TicketKind,
    chosen,
    menu_line,
    order_note,
    parse_codes,
    parse_ref,
)
from pos.ports.clock import Clock
from pos.ports.print_jobs import PrintJob, PrintJobRepository
from pos.ports.returns import RefundRequest, ReturnsUnitOfWork
from pos.ports.sales import SalesUnitOfWork
from pos.ports.tea import (
    HasTea,
    TeaLineDraft,
    TeaOrderView,
    TeaRepository,
    TeaTicketPrinter,
    TeaUnitOfWork,
)
from pos.ports.uow import AfterCommit, UnitOfWorkFactory

log = logging.getLogger(__name__)

TICKET_JOB = "tea_ticket"  # the print queue's job kind; document_ref is the ticket's id
READY_MINUTES = 10  # the customer display shows an order ready this long (or until collected)


class TicketQueue(Protocol):
    """The print queue as the tea corner uses it (pos.services.printing.PrintQueue)."""

    def register(self, kind: str, printer: _KindPrinter) -> None: ...
    def send(self, job_id: str, printer: str | None = None) -> PrintJob: ...
    def queued(self) -> list[PrintJob]: ...


class _KindPrinter(Protocol):
    def __call__(self, job: PrintJob, profile: PrinterProfile, /) -> None: ...


def _tea(uow: object) -> TeaRepository:
    """The tea corner's storage in another capability's transaction (a sale's, a refund's)."""
    if not isinstance(uow, HasTea):
        raise TypeError(f"{type(uow).__name__} does not reach the tea corner's storage")
    return uow.tea


def _allowed(actor: Actor, action: Action) -> None:
    if not actor.may(action):
        raise denied(actor, action)


class TeaCorner:
    """The till's and the tea counter's side: the menu pad's drinks, orders and tickets."""

    def __init__(
        self,
        uow: UnitOfWorkFactory[TeaUnitOfWork],
        settings: Settings,
        clock: Clock,
        queue: TicketQueue | None = None,
        printer: TeaTicketPrinter | None = None,
        *,
        ready_minutes: int = READY_MINUTES,
        background: bool = True,
    ) -> None:
        self.uow = uow
        self.settings = settings
        self.clock = clock
        self.queue = queue
        self.printer = printer
        self.ready_minutes = ready_minutes
        self.background = background
        self._staged: dict[str, list[str]] = {}  # a sale's or refund's id -> its tickets' jobs
        self._pending: list[str] = []  # jobs handed to the sender thread
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._idle = threading.Event()
        self._idle.set()
        self._sender: threading.Thread | None = None
        self._closed = False
        if queue is not None and printer is not None:
            queue.register(TICKET_JOB, self._print_job)

    # --- the menu pad --------------------------------------------------------------------
    def menu(self) -> list[MenuItem]:
        """The items on sale, in the menu's order."""
        with self.uow() as read:
            return read.tea.items(active_only=True)

    def line(self, item_id: str, choice: Choice, quantity: Decimal | int = 1) -> CartLine:
        """A drink with its options as a cart line (Cart.add_line puts it in the cart)."""
        with self.uow() as read:
            item = read.tea.item(item_id)
        if item is None:
            raise TeaError(f"No menu item {item_id}", f"ไม่พบเมนู {item_id}")
        return menu_line(item, choice, quantity)

    # --- inside a sale's transaction -----------------------------------------------------
    @property
    def ticket_printer(self) -> str | None:
        """The profile tickets print on; None: shown on the orders window only."""
        name = self.settings.tea_printer
        if not name or self.queue is None or self.printer is None:
            return None
        return name

    def sale_hook(
        self, uow: SalesUnitOfWork, receipt: Receipt, cart: Cart
    ) -> Sequence[ReceiptNote]:
        """A core SaleHook: the order, its lines and one ticket per drink line, in the sale's
        transaction; the receipt's note "คิว 23 / ORDER 23" (big)."""
        del cart  # the receipt's lines carry the refs and details the order keeps
        drinks = [(no, ln) for no, ln in enumerate(receipt.lines, start=1) if parse_ref(ln.ref)]
        if not drinks:
            return ()
        tea = _tea(uow)
        day = shop_day(receipt.sold_at)
        number = tea.take_number(day)
        drafts: list[TeaLineDraft] = []
        for no, ln in drinks:
            ref = parse_ref(ln.ref)
            assert ref is not None
            drafts.append(
                TeaLineDraft(
                    sale_line_no=no,
                    product_id=ref[0],
                    sku=ln.sku,
                    name_th=ln.name_th,
                    name_en=ln.name_en,
                    quantity=ln.quantity,
                    amount=ln.total,
                    detail_th=ln.detail.th if ln.detail else "",
                    detail_en=ln.detail.en if ln.detail else "",
                    options=self._options(tea, ref[0], ref[1]),
                )
            )
        line_ids = tea.add_order(
            str(uuid.uuid4()), day, number, receipt.sale_id, receipt.receipt_no,
            receipt.sold_at, drafts,
        )  # fmt: skip
        jobs = [
            self._add_ticket(tea, uow.print_jobs, line_id, TicketKind.ORDER, d.quantity)
            for line_id, d in zip(line_ids, drafts, strict=True)
        ]
        self._stage(receipt.sale_id, jobs)
        self._after_commit(uow, receipt.sale_id)
        note = order_note(number)
        return (ReceiptNote(note.th, note.en, big=True),)

    @staticmethod
    def _options(tea: TeaRepository, product_id: str, codes: str) -> tuple[ChosenOption, ...]:
        item = tea.item(product_id)
        if item is None:
            return ()
        try:
            return chosen(item, parse_codes(codes))
        except TeaError:  # the menu changed since the drink was put in the cart
            return ()

    def _add_ticket(
        self, tea: TeaRepository, jobs: PrintJobRepository, line_id: str, kind: TicketKind,
        quantity: Decimal,
    ) -> str | None:  # fmt: skip
        """A ticket, and its print job when a ticket printer is set; the job's id."""
        now = self.clock.now()
        ticket_id = str(uuid.uuid4())
        printer = self.ticket_printer
        job = None if printer is None else jobs.add(printer, TICKET_JOB, ticket_id, False, now)
        job_id = None if job is None else job.job_id
        tea.add_ticket(ticket_id, line_id, kind, quantity, now, job_id)
        return job_id

    def _stage(self, key: str, jobs: Sequence[str | None]) -> None:
        staged = [j for j in jobs if j is not None]
        if staged:
            with self._lock:
                self._staged.setdefault(key, []).extend(staged)

    def _after_commit(self, uow: object, key: str) -> None:
        """Send `key`'s tickets once the sale's (or refund's) transaction has committed."""
        if isinstance(uow, AfterCommit):
            uow.after_commit(lambda: self.submit(key))

    # --- after the commit ----------------------------------------------------------------
    def submit(self, key: str) -> None:
        """After the commit: `key`'s tickets, then any left in the queue, sent by the tea
        corner's own sender thread (the till never waits on the tea printer); with
        `background` off (the command line), sent at once."""
        with self._lock:
            first = self._staged.pop(key, [])
        if not first and self.ticket_printer is None:
            return
        if not self.background:
            self.flush(first)
            return
        with self._lock:
            self._pending.extend(first)
            self._idle.clear()
            if self._sender is None:
                self._sender = threading.Thread(target=self._send, name="tea-tickets", daemon=True)
                self._sender.start()
        self._wake.set()

    def resume(self) -> None:
        """At the till's start: the tickets a stop left in the queue, printed aside."""
        if self.ticket_printer is None:
            return
        key = f"resume:{uuid.uuid4()}"
        with self._lock:
            self._staged[key] = []
        self.submit(key)

    def _send(self) -> None:
        while True:
            self._wake.wait()
            with self._lock:
                self._wake.clear()
                if self._closed:
                    self._idle.set()
                    return
                first, self._pending = self._pending, []
            try:
                self.flush(first)
            except Exception:  # a bug: logged; the tickets stay queued for the next round
                log.exception("sending tea tickets failed")
            with self._lock:
                if not self._pending:
                    self._idle.set()

    def wait_idle(self, timeout: float = 30.0) -> bool:
        """Wait until the sender has tried every ticket handed to it (tests, a command)."""
        return self._idle.wait(timeout)

    def close(self, timeout: float = 10.0) -> None:
        """Stop the sender after what it is sending now (what is left stays queued)."""
        with self._lock:
            self._closed = True
            sender = self._sender
        self._wake.set()
        if sender is not None:
            sender.join(timeout)

    def flush(self, first: Sequence[str] = ()) -> int:
        """Send queued tickets once each, `first` first, then the oldest; stops at a printer
        that is off (they stay queued). Never raises a printer's fault; the count printed."""
        if self.queue is None:
            return 0
        waiting = [j.job_id for j in self.queue.queued() if j.kind == TICKET_JOB]
        order = [*first, *(j for j in waiting if j not in first)]
        printed = 0
        for job_id in order:
            try:
                job = self.queue.send(job_id)
            except PrinterUnavailable:
                log.warning(
                    "tea ticket job %s not printed (kept in the queue)", job_id, exc_info=True
                )
                break
            except ShopError:
                log.warning("tea ticket job %s failed", job_id, exc_info=True)
                continue
            printed += job.status == "done"
        return printed

    def _print_job(self, job: PrintJob, profile: PrinterProfile) -> None:
        """The print queue's printer of ticket jobs: prints a ticket not printed before."""
        with self.uow() as read:
            record = read.tea.ticket(job.document_ref)
        if record is None:
            raise TeaError(f"No tea ticket {job.document_ref}", f"ไม่พบใบสั่งชา {job.document_ref}")
        if record.sent_at is not None:
            log.info("tea ticket %s was printed before: not again", record.ticket.ticket_id)
            return
        assert self.printer is not None
        self.printer.print_tea_ticket(record.ticket, self.settings, profile)
        with self.uow(write=True) as uow:
            uow.tea.mark_sent(record.ticket.ticket_id, self.clock.now())
            uow.commit()

    # --- refunds and cancellations -------------------------------------------------------
    def refund_hook(
        self, uow: ReturnsUnitOfWork, request: RefundRequest, refund: RefundReceipt
    ) -> None:
        """A core RefundHook: each refunded drink prints one CANCEL ticket for what of it was
        not cancelled before; the report takes the refund off."""
        tea = _tea(uow)
        order = tea.order_of_sale(request.sale.sale_id)
        if order is None:
            return
        by_no = {ln.sale_line_no: ln for ln in order.lines}
        jobs: list[str | None] = []
        now = self.clock.now()
        for planned in request.plan.lines:
            line = by_no.get(planned.line.line_no)
            if line is None:
                continue
            tea.refund_line(line.line_id, planned.quantity, planned.amount)
            cancel = min(planned.quantity, line.open_quantity)
            if cancel > 0:
                tea.cancel_quantity(line.line_id, cancel)
                jobs.append(
                    self._add_ticket(tea, uow.print_jobs, line.line_id, TicketKind.CANCEL,
                                     cancel)
                )  # fmt: skip
        after = tea.order_of_sale(request.sale.sale_id)
        if after is not None and all(ln.open_quantity <= 0 for ln in after.lines):
            tea.set_status(after.order_id, OrderStatus.CANCELLED, now,
                           was=(OrderStatus.NEW, OrderStatus.READY))  # fmt: skip
        self._stage(refund.refund_id, jobs)
        self._after_commit(uow, refund.refund_id)

    def cancel(self, number: int, actor: Actor, day: date | None = None) -> TeaOrderView:
        """An order given up before it is collected (the money stays with the sale: a refund
        gives it back): one CANCEL ticket per drink line still open."""
        _allowed(actor, Action.SELL)
        with self.uow(write=True) as uow:
            order = self._order(uow.tea, number, day)
            now = self.clock.now()
            if not uow.tea.set_status(order.order_id, OrderStatus.CANCELLED, now,
                                      was=(OrderStatus.NEW, OrderStatus.READY)):  # fmt: skip
                raise TeaError(
                    f"Order {number} is {order.status}: it cannot be cancelled",
                    f"คิว {number} {_STATUS_TH.get(order.status, order.status)} ยกเลิกไม่ได้",
                )
            jobs = []
            for line in order.lines:
                if line.open_quantity > 0:
                    uow.tea.cancel_quantity(line.line_id, line.open_quantity)
                    jobs.append(
                        self._add_ticket(uow.tea, uow.print_jobs, line.line_id,
                                         TicketKind.CANCEL, line.open_quantity)
                    )  # fmt: skip
            uow.commit()
        self.flush([j for j in jobs if j is not None])  # the tea counter's own key: at once
        return self._reload(order.day, number)

    def reprint(self, number: int, actor: Actor, day: date | None = None) -> TeaOrderView:
        """The order's tickets again, marked "REPRINT / พิมพ์ซ้ำ"."""
        _allowed(actor, Action.SELL)
        if self.ticket_printer is None:
            raise PrinterUnavailable(
                "No tea printer is set up (settings: tea_printer)",
                "ยังไม่ได้ตั้งค่าเครื่องพิมพ์ร้านชา (ค่าตั้ง tea_printer)",
            )
        with self.uow(write=True) as uow:
            order = self._order(uow.tea, number, day)
            jobs = [
                self._add_ticket(uow.tea, uow.print_jobs, line.line_id, TicketKind.REPRINT,
                                 line.open_quantity)
                for line in order.lines
                if line.open_quantity > 0
            ]  # fmt: skip
            uow.commit()
        self.flush([j for j in jobs if j is not None])  # the tea counter's own key: at once
        return self._reload(order.day, number)

    # --- the tea counter's orders --------------------------------------------------------
    def today(self) -> date:
        return shop_day(self.clock.now())

    def _order(self, tea: TeaRepository, number: int, day: date | None) -> TeaOrderView:
        found = tea.order(day or self.today(), number)
        if found is None:
            raise TeaError(f"No order {number} today", f"ไม่มีคิว {number} วันนี้")
        return found

    def _reload(self, day: date, number: int) -> TeaOrderView:
        with self.uow() as read:
            return self._order(read.tea, number, day)

    def orders(self, status: str | None = None, day: date | None = None) -> list[TeaOrderView]:
        """The day's orders (today by default), oldest first; `status` one of OrderStatus."""
        if status is not None:
            OrderStatus(status)
        with self.uow() as read:
            return read.tea.orders(day or self.today(), status)

    def order(self, number: int, day: date | None = None) -> TeaOrderView:
        return self._reload(day or self.today(), number)

    def _move(self, number: int, actor: Actor, status: OrderStatus,
              was: tuple[OrderStatus, ...], day: date | None) -> TeaOrderView:  # fmt: skip
        _allowed(actor, Action.SELL)
        with self.uow(write=True) as uow:
            order = self._order(uow.tea, number, day)
            if order.status == status:
                return order
            if not uow.tea.set_status(order.order_id, status, self.clock.now(), was=was):
                raise TeaError(
                    f"Order {number} is {order.status}",
                    f"คิว {number} {_STATUS_TH.get(order.status, order.status)}",
                )
            uow.commit()
        return self._reload(order.day, number)

    def mark_ready(self, number: int, actor: Actor, day: date | None = None) -> TeaOrderView:
        return self._move(number, actor, OrderStatus.READY, (OrderStatus.NEW,), day)

    def mark_collected(self, number: int, actor: Actor, day: date | None = None) -> TeaOrderView:
        return self._move(
            number, actor, OrderStatus.COLLECTED, (OrderStatus.NEW, OrderStatus.READY), day
        )

    def ready_now(self) -> list[int]:
        """Orders marked ready in the last `ready_minutes` and not collected (the customer
        display polls it)."""
        since = self.clock.now() - timedelta(minutes=self.ready_minutes)
        with self.uow() as read:
            return read.tea.ready_since(since)

    # --- reports -------------------------------------------------------------------------
    def tea_report(self, day_from: date, day_to: date) -> TeaReport:
        if day_to < day_from:
            raise TeaError("The period ends before it starts", "ช่วงวันที่สิ้นสุดก่อนวันเริ่มต้น")
        with self.uow() as read:
            return read.tea.report(day_from, day_to)


_STATUS_TH: dict[str, str] = {
    OrderStatus.NEW: "ยังไม่เสร็จ",
    OrderStatus.READY: "พร้อมแล้ว",
    OrderStatus.COLLECTED: "รับไปแล้ว",
    OrderStatus.CANCELLED: "ยกเลิกแล้ว",
}
