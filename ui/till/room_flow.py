"""The till's room keys: Ctrl+M a booking's deposit or balance into the sale (picked, or its
slip's QR scanned into the picker or straight into the scan field), Ctrl+Shift+M the room
calendar in its own window."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, cast

from PySide6.QtCore import QObject, Qt

from pos.domain.errors import ShopError
from ui.till.messages import MessageLevel
from ui.till.ops import TillOp

if TYPE_CHECKING:
    from pos.domain.cart import CartLine
    from pos.ports.rooms import BookingView
    from pos.services.rooms import Rooms
    from ui.rooms.calendar import RoomCalendarWindow
    from ui.till.host import TillHost

SLIP_PREFIX = "OTOPROOM:"  # pos.domain.rooms.QR_PREFIX: a slip's QR scanned at the till


class BookingPayments(Protocol):
    """What the booking key needs of the rooms service (pos.services.rooms.Rooms)."""

    def find(self, text: str) -> BookingView: ...
    def payment_line(self, booking_no: str, what: str) -> CartLine: ...


def is_slip_code(text: str) -> bool:
    return text.strip().upper().startswith(SLIP_PREFIX)


class RoomFlow(QObject):
    def __init__(self, host: TillHost) -> None:
        super().__init__(host.window())
        self.w = host
        self.calendar_window: RoomCalendarWindow | None = None

    def _rooms(self) -> Rooms | None:
        ctx = self.w.store.context
        rooms = getattr(ctx, "rooms", None) if ctx is not None else None
        if rooms is None:
            self.w.warn(self.tr("The meeting room is not set up on this till"))
        return cast("Rooms | None", rooms)

    def booking_payment(self) -> None:
        """Ctrl+M: pick or scan a booking; its payment line goes into the cart."""
        self.w.carts.when_scans_done(self._pick)

    def _pick(self) -> None:
        if not self.w.cart_free() or self.w.dialog_open or self.w.actor is None:
            return
        rooms = self._rooms()
        if rooms is None:
            return
        from ui.rooms.pick_dialog import BookingPickDialog

        def run(
            fn: Callable[[], object],
            ok: Callable[[object], None],
            fail: Callable[[Exception], None],
        ) -> None:
            TillOp("booking_lookup", fn).success(ok).failure(fail).run(self.w.worker)

        dialog = BookingPickDialog(rooms, run, self.w.window())
        dialog.chosen.connect(self.add_payment)
        self.w.open_dialog(dialog)

    def scanned_slip(self, text: str) -> None:
        """A slip's QR scanned into the till's scan field: that booking's payment."""
        rooms = self._rooms()
        if rooms is None or not self.w.cart_free():
            return
        from ui.rooms.pick_dialog import what_to_pay

        payments = cast("BookingPayments", rooms)

        def work() -> CartLine:
            booking = payments.find(text)
            return payments.payment_line(booking.booking_no, what_to_pay(booking))

        TillOp("booking_line", work).success(self._add_line).failure(self.w.fail).run(self.w.worker)

    def add_payment(self, booking_no: str, what: str) -> None:
        rooms = self._rooms()
        if rooms is None:
            return
        payments = cast("BookingPayments", rooms)
        TillOp("booking_line", lambda: payments.payment_line(booking_no, what)).success(
            self._add_line
        ).failure(self.w.fail).run(self.w.worker)

    def _add_line(self, line: CartLine) -> None:
        w = self.w
        if not w.cart_free():
            w.warn(self.tr("The sale is busy: take the booking's payment again"))
            return
        try:
            row = w.session.add_line(line)
        except ShopError as exc:
            w.fail(exc)
            return
        w.payment.close_preview()
        w.model.flash(row)
        w.show_row(row)
        detail = line.detail.pick(w.language) if line.detail is not None else ""
        w.show_message(
            self.tr("Booking payment added: {detail}").format(detail=detail), MessageLevel.OK
        )

    def room_calendar(self) -> None:
        """Ctrl+Shift+M: the room calendar beside the till (the cashier logged in books)."""
        ctx = self.w.store.context
        actor = self.w.actor
        if ctx is None or actor is None:
            return
        if getattr(ctx, "rooms", None) is None or ctx.back_office is None:
            self.w.warn(self.tr("The meeting room is not set up on this till"))
            return
        from ui.rooms.calendar import RoomCalendarWindow, RoomServices

        window = self.calendar_window
        if window is None or window.actor != actor or window.calendar.worker.closed:
            if window is not None:
                window.close()
            services = cast("RoomServices", ctx.back_office)
            window = RoomCalendarWindow(services, actor, self.w.window())
            window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
            self.calendar_window = window
        window.show()
        window.raise_()
        window.activateWindow()

    def close_calendar(self) -> None:
        if self.calendar_window is not None:
            self.calendar_window.close()
