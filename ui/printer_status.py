"""The till's printer-status banner: a failed print in plain words, retry or another printer."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from pos.domain.errors import PrinterUnavailable, ShopError
from ui import style
from ui.worker import Worker

if TYPE_CHECKING:  # the queue is attached once the store is open: not on the first frame
    from pos.ports.print_jobs import PrintJob
    from pos.services.printing import PrintQueue

log = logging.getLogger(__name__)


def _send_all(queue: PrintQueue, printer: str | None) -> int:
    """On the worker: every queued job once (on `printer` if given); the jobs still waiting."""
    if printer is None:
        queue.retry_all()
    else:
        for job in queue.queued():
            if job.status == "printing":
                continue
            try:
                queue.retry(job.job_id, printer)
            except PrinterUnavailable:
                break
    return len(queue.queued())


class PrinterStatusBanner(QFrame):
    """Shown while print jobs wait after a fault; hidden again once the queue is empty.

    The queue reports on the worker thread; `reported` carries that to the UI thread
    (a queued connection), so the till keeps selling while the printer is down.
    """

    reported = Signal(object, object, int)  # job, error or None, jobs still waiting
    changed = Signal()  # shown, updated or cleared (tests)

    def __init__(self, language: Callable[[], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("printerStatusBanner")
        self._language = language
        self._queue: PrintQueue | None = None
        self._worker: Worker | None = None
        self._error: ShopError | None = None
        self._waiting = 0
        self._busy = False
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        self._text = style.named(QLabel(), "printerStatusText")
        self._text.setWordWrap(True)
        layout.addWidget(self._text, 1)
        self.retry_button = style.named(QPushButton(), "printerRetryButton")
        self.retry_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.retry_button.clicked.connect(lambda: self.retry())
        layout.addWidget(self.retry_button)
        self.printer_choice = style.named(QComboBox(), "printerChoice")
        self.printer_choice.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout.addWidget(self.printer_choice)
        self.send_button = style.named(QPushButton(), "printerSendButton")
        self.send_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.send_button.clicked.connect(lambda: self.send_elsewhere())
        layout.addWidget(self.send_button)
        self.reported.connect(self._on_report, Qt.ConnectionType.QueuedConnection)
        self.hide()
        self.retranslateUi()

    # --- wiring -------------------------------------------------------------------------
    def attach(self, queue: PrintQueue | None, worker: Worker) -> None:
        """Listen to the till's print queue (once the store is open)."""
        if queue is None or self._queue is not None:
            return
        self._queue, self._worker = queue, worker
        queue.add_listener(self._listener)

    def detach(self) -> None:
        if self._queue is not None:
            self._queue.remove_listener(self._listener)

    def _listener(self, job: PrintJob, error: ShopError | None) -> None:
        """On the worker thread: count what still waits, then hand over to the UI thread."""
        assert self._queue is not None
        try:
            waiting = len(self._queue.queued())
        except Exception:
            log.exception("could not count the print queue")
            waiting = 1 if error is not None else 0
        self.reported.emit(job, error, waiting)

    # --- state ----------------------------------------------------------------------------
    @property
    def waiting(self) -> int:
        return self._waiting

    @property
    def text(self) -> str:
        return str(self._text.text())

    def _on_report(self, _job: PrintJob, error: ShopError | None, waiting: int) -> None:
        if error is not None:
            self._error = error
        self._set_waiting(waiting)

    def _set_waiting(self, waiting: int) -> None:
        self._waiting = waiting
        if waiting <= 0:
            self._error = None
            self.hide()
        elif self._error is not None:
            self._fill_printers()
            self.show()
        self.retranslateUi()
        self.changed.emit()

    def _fill_printers(self) -> None:
        if self._queue is None:
            return
        current = self.printer_choice.currentText()
        names = [p.name for p in self._queue.settings.printers if not p.is_preview]
        self.printer_choice.clear()
        self.printer_choice.addItems(names)
        if current in names:
            self.printer_choice.setCurrentText(current)
        else:  # another printer than the one that failed
            others = [n for n in names if n != self._queue.receipt_printer]
            if others:
                self.printer_choice.setCurrentText(others[0])
        several = len(names) > 1
        self.printer_choice.setVisible(several)
        self.send_button.setVisible(several)

    # --- actions --------------------------------------------------------------------------
    def retry(self) -> None:
        self._run(None)

    def send_elsewhere(self, printer: str | None = None) -> None:
        name = printer or self.printer_choice.currentText()
        if name:
            self._run(name)

    def _run(self, printer: str | None) -> None:
        queue, worker = self._queue, self._worker
        if queue is None or worker is None or self._busy or worker.closed:
            return
        self._busy = True
        self.retranslateUi()
        worker.run(lambda: _send_all(queue, printer), self._on_sent, self._on_send_failed,
                   name="print_retry")

    def _on_sent(self, waiting: int) -> None:
        self._busy = False
        self._set_waiting(waiting)

    def _on_send_failed(self, exc: Exception) -> None:
        self._busy = False
        if isinstance(exc, ShopError):
            self._error = exc
        self.retranslateUi()
        self.changed.emit()

    def retranslateUi(self) -> None:
        self.retry_button.setText(self.tr("Retry"))
        self.send_button.setText(self.tr("Send to another printer"))
        self.retry_button.setEnabled(not self._busy)
        self.send_button.setEnabled(not self._busy)
        if self._error is None:
            self._text.setText("")
            return
        reason = self._error.message(self._language())
        if self._busy:
            status = self.tr("Printing again…")
        else:
            status = self.tr("{count} print job(s) waiting.").format(count=self._waiting)
        self._text.setText(self.tr("Printer problem: {reason} {status}").format(
            reason=reason, status=status))
