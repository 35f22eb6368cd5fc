"""The co-working room's booking desk: booking without overlaps, moving, extending, cancelling
by the rules, check-in, no-shows, expired holds, and paying (the till's cart line, the online
order, the sale and refund hooks). The calendar's queries and set-up are its base,
pos.services.room_calendar.RoomCalendar.

Bookings never overlap: on PostgreSQL the database refuses it (an exclusion constraint,
migration 0019), on SQLite every booking is checked and written inside one BEGIN IMMEDIATE
write transaction. A counter whose store has a central database books there; when central
cannot be reached it refuses to book or confirm, saying so.
"""

from __future__ import annotations

import logging
import secrets
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, cast

from pos.domain.auth import Action, Actor
from pos.domain.bilingual import Bilingual
from pos.domain.cart import Cart, CartLine, ProductKind
from pos.domain.catalog import ROOM_PRODUCT
from pos.domain.money import ZERO
from pos.domain.orders import BOOKING_LINE, OrderStatus
from pos.domain.refund import RefundReceipt
from pos.domain.rooms import (
    ACTIVE_STATUSES,
    CHANGEABLE,
    BookingStatus,
    RoomError,
    RoomRules,
    check_move,
    check_request,
    clashes,
    deposit,
    parse_check_in,
    price,
    refund_on_cancel,
)
from pos.domain.sale import Receipt, ReceiptLine, ReceiptNote
from pos.domain.shop_time import local
from pos.ports.orders import BookingOrder, OrdersUnitOfWork, OrderView
from pos.ports.returns import RefundRequest, ReturnsUnitOfWork
from pos.ports.rooms import (
    BookingView,
    Customer,
    NewBooking,
    RoomPayment,
    RoomRepository,
    RoomTaken,
)
from pos.ports.sales import SalesUnitOfWork
from pos.services.audit import require

if TYPE_CHECKING:
    pass
from pos.services.room_calendar import DEMO_ROOM, Quote, RoomCalendar, RoomsOffline

__all__ = [
    "DEMO_ROOM",
    "Cancellation",
    "Quote",
    "Rooms",
    "RoomsOffline",
    "booking_detail",
    "booking_note",
]

log = logging.getLogger(__name__)

CHANNELS = frozenset({"counter", "web", "line", "facebook", "phone"})
NAME_MAX = 100
ROOM_SKU = ROOM_PRODUCT[0]  # the centre's product every booking payment is a line of
PAYMENTS = ("deposit", "balance", "extension", "fee")
PAID_AT_COUNTER = "paid at the counter"  # why a waiting online order was cancelled
WHAT_TH = {"deposit": "มัดจำ", "balance": "ยอดคงเหลือ", "extension": "ขยายเวลา", "fee": "ค่าธรรมเนียม"}
THAI_MONTHS = ("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.",
               "พ.ย.", "ธ.ค.")  # fmt: skip
PHONE_MAX = 20


@dataclass(frozen=True, slots=True)
class Cancellation:
    booking: BookingView
    refund_due: Decimal  # what the rules give back of what was paid (the refund service pays)


class Rooms(RoomCalendar):
    """The room's booking desk over its calendar (one per process, thread-safe)."""

    # --- booking -----------------------------------------------------------------------------
    def book(
        self,
        room_id: str,
        start: datetime,
        end: datetime,
        customer: Customer,
        *,
        channel: str = "counter",
        actor: Actor | None = None,
        idempotency_key: str | None = None,
    ) -> BookingView:
        """Book [start, end): HELD until its deposit is paid (for the rules' hold_minutes), or
        CONFIRMED at once when the rules ask no deposit. A clash raises RoomClash naming the
        nearest free slots; the same idempotency key twice gives the one booking."""
        if actor is not None:
            require(actor, Action.BOOK_ROOMS)
        elif channel == "counter":
            raise RoomError(
                "actor", "A counter booking needs a signed-in user", "ต้องเข้าสู่ระบบก่อนจอง"
            )
        customer = _checked_customer(customer)
        if channel not in CHANNELS:
            raise ValueError(f"unknown channel {channel!r}")
        key = (idempotency_key or str(uuid.uuid4()))[:80]
        now = self.clock.now()
        try:
            with self._reach(), self.uow(write=True) as tx:
                again = tx.rooms.by_idempotency_key(key)
                if again is not None:
                    return self._same_request(again, room_id, start, end)
                room = self._room(tx, room_id, active=True)
                rules = self._rules(tx, room_id)
                check_request(rules, start, end, now)
                self._expire(tx, now, "booking")
                buffer = timedelta(minutes=rules.buffer_minutes)
                near = self._holding(tx, room_id, start - buffer, end + buffer)
                if clashes((start, end), [b.occupied(buffer) for b in near], buffer):
                    raise self._clash(tx, rules, room_id, (start, end), now)
                amount = price(rules, start, end)
                due = deposit(rules, amount)
                held = due > 0
                view = tx.rooms.add(
                    NewBooking(
                        booking_no=tx.rooms.next_booking_no(),
                        room=room,
                        start=start,
                        end=end,
                        blocked_until=end + buffer,
                        customer=customer,
                        channel=channel,
                        price=amount,
                        deposit=due,
                        hold_until=now + timedelta(minutes=rules.hold_minutes) if held else None,
                        status=BookingStatus.HELD if held else BookingStatus.CONFIRMED,
                        idempotency_key=key,
                        check_in_code=secrets.token_hex(4),
                        created_at=now,
                        created_by=actor.username if actor else channel,
                    )
                )
                tx.commit()
                log.info("room booking %s %s-%s %s", view.booking_no, start, end, view.status)
                return view
        except RoomTaken:
            # another counter or the web committed an overlapping booking first
            with self._reach(), self.uow() as read:
                again = read.rooms.by_idempotency_key(key)
                if again is not None:
                    return self._same_request(again, room_id, start, end)
                raise self._clash(
                    read, self._rules(read, room_id), room_id, (start, end), now
                ) from None

    def move(self, booking_no: str, start: datetime, end: datetime, actor: Actor) -> BookingView:
        """Another time for a held or confirmed booking (its price and deposit follow)."""
        require(actor, Action.BOOK_ROOMS)
        return self._repriced(booking_no, start, end, actor, CHANGEABLE, "move")

    def extend(self, booking_no: str, end: datetime, actor: Actor) -> BookingView:
        """A later end (also once checked in); the balance grows by the price difference."""
        require(actor, Action.BOOK_ROOMS)
        allowed = CHANGEABLE | {BookingStatus.CHECKED_IN}
        current = self.booking(booking_no)
        if end <= current.end:
            raise RoomError("extend", "An extension ends later", "การขยายเวลาต้องสิ้นสุดช้ากว่าเดิม")
        return self._repriced(booking_no, current.start, end, actor, allowed, "extend")

    def _repriced(
        self,
        booking_no: str,
        start: datetime,
        end: datetime,
        actor: Actor,
        allowed: frozenset[BookingStatus],
        why: str,
    ) -> BookingView:
        now = self.clock.now()
        try:
            with self._reach(), self.uow(write=True) as tx:
                b = self._booking(tx, booking_no)
                if b.status not in allowed:
                    raise RoomError(
                        "status", f"A {b.status.label.en.lower()} booking cannot be changed",
                        f"การจองที่{b.status.label.th}แก้ไขไม่ได้",
                    )  # fmt: skip
                rules = self._rules(tx, b.room_id)
                if why == "extend":  # a checked-in booking keeps its start, which has passed
                    self._check_extension(rules, b, end, now)
                else:
                    check_request(rules, start, end, now)
                buffer = timedelta(minutes=rules.buffer_minutes)
                near = [
                    x for x in self._holding(tx, b.room_id, start - buffer, end + buffer)
                    if x.id != b.id
                ]  # fmt: skip
                if clashes((start, end), [x.occupied(buffer) for x in near], buffer):
                    raise self._clash(tx, rules, b.room_id, (start, end), now, exclude=b.id)
                amount = price(rules, start, end)
                tx.rooms.set_period(
                    b.id, start, end, end + buffer, amount, deposit(rules, amount), now,
                    actor.username,
                )  # fmt: skip
                tx.commit()
        except RoomTaken:
            with self._reach(), self.uow() as read:
                b = self._booking(read, booking_no)
                raise self._clash(
                    read, self._rules(read, b.room_id), b.room_id, (start, end), now, exclude=b.id
                ) from None
        return self.booking(booking_no)

    @staticmethod
    def _check_extension(rules: RoomRules, b: BookingView, end: datetime, now: datetime) -> None:
        if end <= now:
            raise RoomError("past", "That time has already passed", "เวลานั้นผ่านไปแล้ว")
        check_request(rules, b.start, end, min(now, b.start))

    def cancel(self, booking_no: str, actor: Actor | None, reason: str = "") -> Cancellation:
        """Cancel a held or confirmed booking: the refund due by the rules' cutoff (what the
        refund service then pays back of the deposit). The web shop's order for its deposit,
        if still unpaid, is cancelled with it (a payment can no longer confirm it)."""
        if actor is not None:
            require(actor, Action.BOOK_ROOMS)
        now = self.clock.now()
        with self._reach(), self.uow(write=True) as tx:
            b = self._booking(tx, booking_no)
            check_move(b.status, BookingStatus.CANCELLED)
            due = refund_on_cancel(self._rules(tx, b.room_id), b.terms, now)
            by = actor.username if actor else "customer"
            tx.rooms.set_status(b.id, BookingStatus.CANCELLED, now, by, reason.strip()[:200])
            if b.order_no:
                _cancel_unpaid(cast(OrdersUnitOfWork, tx), b, now, by)
            tx.commit()
        return Cancellation(self.booking(booking_no), due)

    def check_in(self, code_or_no: str, actor: Actor) -> BookingView:
        """Check in by the slip's QR payload (its code must match) or the booking number, from
        the rules' hold time before the start until the end."""
        require(actor, Action.BOOK_ROOMS)
        no, code = parse_check_in(code_or_no)
        now = self.clock.now()
        with self._reach(), self.uow(write=True) as tx:
            b = self._booking(tx, no)
            if code is not None and not secrets.compare_digest(code, b.check_in_code):
                raise RoomError(
                    "code",
                    "This slip's code does not match the booking",
                    "รหัสบนใบยืนยันไม่ตรงกับการจอง",
                )
            if b.status is BookingStatus.HELD:
                raise RoomError(
                    "unpaid", "The booking's deposit is not paid yet", "ยังไม่ได้ชำระมัดจำของการจองนี้"
                )
            check_move(b.status, BookingStatus.CHECKED_IN)
            if now >= b.end:
                raise RoomError("late", "The booking has already ended", "เวลาของการจองสิ้นสุดแล้ว")
            if now < b.start - timedelta(hours=1):
                raise RoomError(
                    "early",
                    "Check-in opens one hour before the start",
                    "เช็กอินได้ก่อนเวลาเริ่มไม่เกิน 1 ชั่วโมง",
                )
            tx.rooms.set_status(b.id, BookingStatus.CHECKED_IN, now, actor.username)
            tx.commit()
        return self.booking(no)

    def mark_no_shows(self, now: datetime | None = None) -> list[str]:
        """Confirmed bookings nobody checked in to within the rules' no_show_minutes of the
        start become NO_SHOW (the room is free again for the rest of the time); checked-in
        bookings past their end are COMPLETED. The booking numbers marked."""
        now = now or self.clock.now()
        done: list[str] = []
        with self._reach(), self.uow(write=True) as tx:
            rules_of: dict[str, RoomRules] = {}
            for b in tx.rooms.due_no_shows(now):
                rules = rules_of.setdefault(b.room_id, self._rules(tx, b.room_id))
                if now >= b.start + timedelta(minutes=rules.no_show_minutes):
                    tx.rooms.set_status(b.id, BookingStatus.NO_SHOW, now, "system")
                    done.append(b.booking_no)
            for b in tx.rooms.between(None, now - timedelta(days=31), now):
                if b.status is BookingStatus.CHECKED_IN and b.end <= now:
                    tx.rooms.set_status(b.id, BookingStatus.COMPLETED, now, "system")
            tx.commit()
        return done

    def expire_holds(self, now: datetime | None = None) -> list[str]:
        """Held bookings whose hold ran out unpaid become EXPIRED (the room is free again)."""
        now = now or self.clock.now()
        with self._reach(), self.uow(write=True) as tx:
            done = self._expire(tx, now, "system")
            tx.commit()
        return done

    # --- paying: the till's cart line, the sale hook, the refund hook ------------------------
    def payment_line(self, booking_no: str, what: str = "deposit") -> CartLine:
        """The cart line that pays `what` of a booking (deposit | balance | extension | fee):
        a SERVICE line of the centre's product SVC-ROOM, ref "booking:<id>:<what>", its detail
        naming the room, the time and the booking number."""
        if what not in PAYMENTS:
            raise ValueError(f"unknown booking payment {what!r}")
        b = self.booking(booking_no)
        amount = self._due(b, what)
        if amount <= 0:
            raise RoomError(
                "paid", f"Nothing is due for {what} of booking {b.booking_no}",
                f"การจอง {b.booking_no} ไม่มียอดที่ต้องชำระ ({WHAT_TH[what]})",
            )  # fmt: skip
        with self.till(write=True) as tx:
            product = tx.catalog.ensure_centre_product(*ROOM_PRODUCT, ProductKind.SERVICE)
            tx.commit()
        return CartLine(
            product, Decimal(1), amount, detail=booking_detail(b, what),
            ref=f"booking:{b.id}:{what}",
        )  # fmt: skip

    # --- paying online: the web shop's PromptPay order --------------------------------------
    def pay_online(self, booking_no: str, client: str = "") -> OrderView:
        """A held booking's deposit as a PromptPay order of the web shop, in one transaction
        with the booking (which notes the order): one line of kind "booking" (ref the
        booking number), no stock, its payment time the hold's. Asked again, the same order.
        Staff's payment confirmation sells it (SVC-ROOM, ref booking:<no>:deposit) and the
        sale hook confirms the booking."""
        if self.orders is None:
            raise RoomError("online", "Paying online is not offered here",
                            "ที่นี่ไม่มีการชำระเงินออนไลน์")  # fmt: skip
        now = self.clock.now()
        with self._reach(), self.uow(write=True) as tx:
            shop = cast(OrdersUnitOfWork, tx)  # the web shop's orders live with the bookings
            b = self._booking(tx, booking_no)
            if b.order_no:
                found = shop.orders.get(b.order_no)
                if found is not None:
                    return found
            due = self._due(b, "deposit")
            if b.hold_until is None or b.hold_until <= now or due <= 0:
                raise RoomError(
                    "online", f"Booking {b.booking_no} has no deposit to pay online",
                    f"การจอง {b.booking_no} ไม่มีมัดจำที่ต้องชำระออนไลน์",
                )  # fmt: skip
            text = booking_detail(b, "deposit")
            order = self.orders.add_booking_order(
                shop,
                BookingOrder(b.booking_no, text.th, text.en, due, b.customer.name,
                             b.customer.phone[:10], b.hold_until),
                client,
            )  # fmt: skip
            tx.rooms.set_order_no(b.id, order.order_no)
            tx.commit()
        return order

    def order_cancel_hook(self, uow: SalesUnitOfWork, order: OrderView) -> None:
        """Inside an order's cancellation (OrderDesk.cancel): a held booking it pays for is
        cancelled with it, the room free again at once."""
        numbers = [ln.ref for ln in order.lines if ln.kind == BOOKING_LINE]
        if not numbers:
            return
        if self.central:
            with self._reach(), self.uow(write=True) as tx:
                self._release(tx.rooms, numbers, order.order_no)
                tx.commit()
            return
        self._release(uow.rooms, numbers, order.order_no)

    def _release(self, repo: RoomRepository, numbers: Sequence[str], order_no: str) -> None:
        now = self.clock.now()
        for no in numbers:
            b = repo.booking(no)
            if b is not None and b.status is BookingStatus.HELD:
                repo.set_status(b.id, BookingStatus.CANCELLED, now, "order",
                                f"order {order_no} cancelled")  # fmt: skip

    def _due(self, b: BookingView, what: str) -> Decimal:
        net = b.paid - b.refunded
        if what == "deposit":
            if b.status is not BookingStatus.HELD:
                return ZERO
            return max(ZERO, b.deposit - net)
        if what in ("balance", "extension"):
            if b.status not in ACTIVE_STATUSES:
                return ZERO
            return b.balance
        # fee: the deposit a no-show or a late cancellation still owes
        if b.status is BookingStatus.NO_SHOW:
            return max(ZERO, b.deposit - net)
        if b.status is BookingStatus.CANCELLED and b.cancelled_at is not None:
            cutoff = b.start - timedelta(hours=self.rules(b.room_id).cancel_cutoff_hours)
            if b.cancelled_at > cutoff:
                return max(ZERO, b.deposit - net)
        return ZERO

    def sale_hook(self, uow: SalesUnitOfWork, receipt: Receipt, cart: Cart) -> list[ReceiptNote]:
        """Inside the sale's transaction: each booking line of the sale is recorded as paid
        (once: the sale's id is part of the payment's key); a paid deposit, or a payment that
        covers the price, confirms a HELD booking. A booking whose hold ran out (or that is
        cancelled) refuses the sale. Returns a note with the booking number and time.

        On a counter with a central database the booking is confirmed there, in central's own
        transaction, before the counter's sale commits: a refusal there (or central out of
        reach) refuses the sale. Should the counter's commit then fail, central keeps a
        confirmation whose sale never arrives; the same sale run again (its id) notes nothing
        twice, and the cashier's retry, which gets the same receipt number, takes that
        payment over instead of paying twice."""
        paid = [(ln, _booking_ref(ln.ref)) for ln in receipt.lines if _booking_ref(ln.ref)]
        if not paid:
            return []
        if self.central:  # the booking lives in the central database: confirm it there
            with self._reach(), self.uow(write=True) as tx:
                # the web shop's orders are central's own: a waiting one is closed through
                # central's function (the counter's login may not write orders)
                notes = self._record_paid(tx.rooms, receipt, paid, None)
                tx.commit()
            return notes
        return self._record_paid(uow.rooms, receipt, paid, cast(OrdersUnitOfWork, uow))

    def _record_paid(
        self,
        repo: RoomRepository,
        receipt: Receipt,
        paid: Sequence[tuple[ReceiptLine, tuple[str, str] | None]],
        orders: OrdersUnitOfWork | None,
    ) -> list[ReceiptNote]:
        """Each booking line's payment noted; paid at the till (its line names the booking's
        id; an online order's sale names its number), the booking's online order still
        waiting for its payment is cancelled in the same transaction, "paid at the counter",
        so a payment arriving for it afterwards is refused (`orders`: the store's own; None:
        central's, through the repository)."""
        now = self.clock.now()
        notes: list[ReceiptNote] = []
        for line, parsed in paid:
            assert parsed is not None
            booking_id, what = parsed
            # the till's lines name the booking's id, an online order's its number
            b = repo.booking_by_id(booking_id) or repo.booking(booking_id)
            if b is None:
                raise RoomError("unknown", "The booking of this line is not known here",
                                "ไม่พบการจองของรายการนี้")  # fmt: skip
            payment = RoomPayment(b.id, what, line.total, receipt.sold_at, receipt.sale_id,
                                  receipt.receipt_no)  # fmt: skip
            earlier = [p for p in repo.payments(b.id) if p.what == what]
            if any(p.sale_id == receipt.sale_id for p in earlier):
                notes.append(booking_note(b))  # this very sale again: noted once already
                continue
            orphan = next((p for p in earlier if p.receipt_no == receipt.receipt_no), None)
            if orphan is not None and orphan.sale_id is not None:
                # noted in central by a sale of this number that never committed at the
                # counter (the number is handed out again): this sale takes its place
                repo.replace_payment(orphan.sale_id, payment)
                notes.append(booking_note(b))
                continue
            if b.status is BookingStatus.HELD and b.hold_until is not None and b.hold_until <= now:
                repo.set_status(b.id, BookingStatus.EXPIRED, now, "system", "hold ran out")
                b = replace(b, status=BookingStatus.EXPIRED)
            if what != "fee" and b.status not in ACTIVE_STATUSES:
                raise RoomError(
                    "gone",
                    f"Booking {b.booking_no} is {b.status.label.en.lower()}: take the line off "
                    "and book again",
                    f"การจอง {b.booking_no} {b.status.label.th}แล้ว กรุณาลบรายการนี้แล้วจองใหม่",
                )
            if what == "deposit" and b.status is not BookingStatus.HELD and earlier:
                first = earlier[0].receipt_no
                raise RoomError(
                    "paid",
                    f"The deposit of booking {b.booking_no} was paid already (receipt {first}): "
                    "it cannot be paid again (take the line off, or give an online payment back)",
                    f"มัดจำของการจอง {b.booking_no} ชำระแล้ว (ใบเสร็จ {first}) ชำระซ้ำไม่ได้ "
                    "(กรุณาลบรายการนี้ หรือคืนเงินที่ชำระออนไลน์)",
                )
            repo.add_payment(payment)
            if b.order_no and booking_id == b.id:
                by = receipt.cashier_name or "sale"
                note = f"{PAID_AT_COUNTER} ({receipt.receipt_no})"
                if orders is not None:
                    _cancel_unpaid(orders, b, now, by, note)
                else:
                    repo.close_booking_order(b.booking_no, now, by, note)
            net = b.paid - b.refunded + line.total
            if b.status is BookingStatus.HELD and (net >= b.deposit or net >= b.price):
                repo.set_status(b.id, BookingStatus.CONFIRMED, now, receipt.cashier_name or "sale",
                                f"paid {what} {receipt.receipt_no}")  # fmt: skip
            notes.append(booking_note(b))
        return notes

    def refund_hook(
        self, uow: ReturnsUnitOfWork, request: RefundRequest, refund: RefundReceipt
    ) -> None:
        """Inside the refund's transaction: money given back on a booking's line is allowed
        only for a cancelled booking and only up to what the cancellation rule gives back
        (refund_on_cancel at the moment it was cancelled); it is recorded against the booking."""
        lines = [(p.amount, _booking_ref(p.line.ref)) for p in request.plan.lines]
        lines = [(amount, ref) for amount, ref in lines if ref is not None]
        if not lines:
            return
        if self.central:
            with self._reach(), self.uow(write=True) as tx:
                self._record_refund(tx.rooms, lines, request, refund)
                tx.commit()
            return
        self._record_refund(uow.rooms, lines, request, refund)

    def _record_refund(
        self,
        repo: RoomRepository,
        lines: Sequence[tuple[Decimal, tuple[str, str] | None]],
        request: RefundRequest,
        refund: RefundReceipt,
    ) -> None:
        for amount, parsed in lines:
            assert parsed is not None
            b = repo.booking_by_id(parsed[0]) or repo.booking(parsed[0])
            if b is None:
                raise RoomError("unknown", "The booking of this line is not known here",
                                "ไม่พบการจองของรายการนี้")  # fmt: skip
            if b.status is not BookingStatus.CANCELLED or b.cancelled_at is None:
                raise RoomError(
                    "refund",
                    f"Booking {b.booking_no} is {b.status.label.en.lower()}: cancel it first, "
                    "then the cancellation rule says what is refunded",
                    f"การจอง {b.booking_no} {b.status.label.th} กรุณายกเลิกการจองก่อน "
                    "แล้วจึงคืนเงินตามเงื่อนไขการยกเลิก",
                )
            rules = repo.rules(b.room_id) or RoomRules()
            allowed = refund_on_cancel(rules, replace(b, refunded=ZERO).terms, b.cancelled_at)
            left = allowed - b.refunded
            if amount > left:
                raise RoomError(
                    "refund",
                    f"By the cancellation rule {left:.2f} baht of booking {b.booking_no} can be "
                    "refunded",
                    f"ตามเงื่อนไขการยกเลิก คืนเงินการจอง {b.booking_no} ได้ {left:.2f} บาท",
                )
            repo.add_payment(
                RoomPayment(b.id, "refund", -amount, request.at, refund.refund_id,
                            refund.refund_no)
            )  # fmt: skip


def _cancel_unpaid(
    uow: OrdersUnitOfWork, b: BookingView, at: datetime, by: str, note: str = ""
) -> None:
    """The booking's online order, while it waits for its payment, cancelled (with the
    booking, or as it was paid at the counter), its reservation released."""
    order = uow.orders.lock(b.order_no)
    if order is None or order.status is not OrderStatus.AWAITING_PAYMENT:
        return
    note = note or f"booking {b.booking_no} cancelled"
    uow.orders.release(order.order_id, at)
    uow.orders.set_cancel_reason(order.order_id, note)
    uow.orders.move(order.order_id, OrderStatus.CANCELLED, at, by, note)


def _booking_ref(ref: str | None) -> tuple[str, str] | None:
    """(booking id, what) of a line's ref "booking:<id>:<what>" (an online order's line
    names the booking's number instead of its id), else None."""
    if not ref or not ref.startswith("booking:"):
        return None
    parts = ref.split(":")
    if len(parts) != 3 or parts[2] not in PAYMENTS:
        return None
    return parts[1], parts[2]


def booking_detail(b: BookingView, what: str = "") -> Bilingual:
    """The text under a booking's line: "ห้องประชุม 12 ธ.ค. 13:00-15:00 BK-000123"."""
    s, e = local(b.start), local(b.end)
    hours = f"{s:%H:%M}-{e:%H:%M}"
    th = f"{b.room_name_th} {s.day} {THAI_MONTHS[s.month - 1]} {hours} {b.booking_no}"
    en = f"{b.room_name_en} {s.day} {s:%b} {hours} {b.booking_no}"
    if what:
        th, en = f"{th} ({WHAT_TH[what]})", f"{en} ({what})"
    return Bilingual(th, en)


def booking_note(b: BookingView) -> ReceiptNote:
    """What the receipt prints after the total for a booking paid."""
    return ReceiptNote(
        f"การจองห้อง {b.booking_no}: {b.when('th')}", f"Room booking {b.booking_no}: {b.when('en')}"
    )


def _checked_customer(c: Customer) -> Customer:
    name = " ".join(c.name.split())[:NAME_MAX]
    phone = "".join(ch for ch in c.phone if ch.isdigit() or ch == "+")[:PHONE_MAX]
    if not name:
        raise RoomError("name", "The booking needs a name", "กรุณาระบุชื่อผู้จอง")
    if len(phone) < 9:
        raise RoomError("phone", "The booking needs a phone number", "กรุณาระบุหมายเลขโทรศัพท์")
    if c.attendees < 1:
        raise RoomError("attendees", "At least one attendee", "ผู้เข้าร่วมอย่างน้อย 1 คน")
    return Customer(name, phone, c.organisation.strip()[:120], c.purpose.strip()[:200], c.attendees)
