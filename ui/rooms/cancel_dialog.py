"""The room calendar's cancel dialog: the refund the rules give now, and the reason."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from pos.domain.money import format_baht
from pos.ports.rooms import BookingView
from ui import i18n, style
from ui.backoffice.listing import form_button


class CancelDialog(QDialog):
    """Cancel a booking: the refund the rules give now, and the reason."""

    def __init__(self, booking: BookingView, refund: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cancelBookingDialog")
        self.setWindowTitle(self.tr("Cancel booking {no}").format(no=booking.booking_no))
        self.setStyleSheet(style.STYLE_SHEET)
        layout = QVBoxLayout(self)
        info = style.named(QLabel(), "cancelRefund")
        info.setWordWrap(True)
        info.setText(
            self.tr(
                "{name}, {when}. Paid {paid} baht; by the cancellation rules "
                "{refund} baht is refunded."
            ).format(
                name=booking.customer.name,
                when=booking.when(i18n.current_language()),
                paid=format_baht(booking.paid - booking.refunded),
                refund=refund,
            )
        )
        layout.addWidget(info)
        self.reason = style.named(QLineEdit(), "cancelReason")
        self.reason.setMaxLength(200)
        form = QFormLayout()
        form.addRow(self.tr("Reason"), self.reason)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        keep = form_button("cancelKeep", self.tr("Keep the booking (Esc)"))
        keep.clicked.connect(self.reject)
        ok = form_button("cancelConfirm", self.tr("Cancel the booking (Enter)"))
        ok.clicked.connect(self.accept)
        self.reason.returnPressed.connect(self.accept)
        buttons.addStretch(1)
        buttons.addWidget(keep)
        buttons.addWidget(ok)
        layout.addLayout(buttons)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.reason.setFocus()
