"""The sale session as Qt signals: what a window (the till, a customer display) connects to."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from pos.services.sale_session import Change, SaleSession


class SessionSignals(QObject):
    """Re-emits a `SaleSession`'s changes as signals, on the UI thread the session runs on."""

    changed = Signal(object)  # Change
    cartReplaced = Signal()  # a new sale, or a recalled one
    linesChanged = Signal()
    ownerChanged = Signal()  # log-in, log-out
    shiftChanged = Signal()
    paymentChanged = Signal()
    busyChanged = Signal()

    def __init__(self, session: SaleSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._by_change = {
            Change.CART: self.cartReplaced,
            Change.LINES: self.linesChanged,
            Change.OWNER: self.ownerChanged,
            Change.SHIFT: self.shiftChanged,
            Change.PAYMENT: self.paymentChanged,
            Change.BUSY: self.busyChanged,
        }
        self._stop = session.listen(self._on_change)

    def _on_change(self, change: Change) -> None:
        self._by_change[change].emit()
        self.changed.emit(change)

    def stop(self) -> None:
        """Stop listening (the window is closing)."""
        self._stop()
