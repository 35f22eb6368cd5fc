"""The room calendar's side panel: the booking under the cursor (or the free time there) and a
button for each action on it."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from pos.domain.money import format_baht
from pos.domain.rooms import BookingStatus
from pos.ports.rooms import BookingView
from ui import i18n, style
from ui.backoffice.listing import form_button
from ui.rooms.calendar_days import hm

# the buttons that act on a booking: off while the cursor is on free time
ON_A_BOOKING = ("move", "extend", "check_in", "cancel", "slip", "pdf")


class BookingPanel(QWidget):
    """The details of the booking under the cursor, and the actions' buttons under them."""

    def __init__(
        self,
        actions: Sequence[tuple[str, str, str, Callable[[], None]]],
        parent: QWidget | None = None,
    ) -> None:
        """`actions`: each button's name, key, text and slot (the keys are the calendar's)."""
        super().__init__(parent)
        self.detail = style.named(QLabel(), "roomBookingDetail")
        self.detail.setWordWrap(True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail.setMinimumWidth(300)
        self.detail.setMaximumWidth(340)
        self.buttons: dict[str, QPushButton] = {}
        side = QVBoxLayout(self)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.detail, 1)
        for name, key, text, slot in actions:
            b = form_button(f"room_{name}Button", f"{text} ({key})")
            b.clicked.connect(slot)
            self.buttons[name] = b
            side.addWidget(b)

    def show_free(self, when: str | None) -> None:
        """The cursor on free time (`when` it starts), or on no open time (None)."""
        self._enable(False)
        self.detail.setText(
            self.tr("Free: press Enter to book {when}").format(when=when) if when else ""
        )

    def show_booking(self, b: BookingView) -> None:
        self._enable(True)
        lang = i18n.current_language()
        c = b.customer
        lines = [
            f"<b>{b.booking_no}</b> · {b.status.label.pick(lang)}",
            f"{b.when(lang)}",
            f"<b>{c.name}</b> · {c.phone}",
        ]
        if c.organisation:
            lines.append(c.organisation)
        if c.purpose:
            lines.append(c.purpose)
        lines.append(self.tr("Attendees: {n}").format(n=c.attendees))
        lines.append(
            self.tr("Price {price} · paid {paid} · due {due}").format(
                price=format_baht(b.price),
                paid=format_baht(b.paid - b.refunded),
                due=format_baht(b.balance),
            )
        )
        if b.status is BookingStatus.HELD and b.hold_until is not None:
            lines.append(
                self.tr("Held until {time}: the deposit {deposit} confirms it").format(
                    time=hm(b.hold_until), deposit=format_baht(b.deposit)
                )
            )
        self.detail.setText("<br/>".join(lines))

    def _enable(self, on_a_booking: bool) -> None:
        for name in ON_A_BOOKING:
            self.buttons[name].setEnabled(on_a_booking)
