"""The till's sync indicator: online/offline, last sync, sales waiting, and "sync now".

A round abandoned at its deadline shows "Central not answering"; sales and refunds central
refuses show as a count, with which receipt, why and what to do in the tooltip.

The rounds run on the SyncLoop's own thread; each round's status is read there too (it
counts the outbox in the local database) and reaches this widget as a queued signal, so the
UI thread never waits on the network or the database.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from pos.domain.shop_time import BANGKOK
from ui import i18n, style

if TYPE_CHECKING:  # imported when a central server is attached: a stand-alone till never needs it
    from pos.services.sync import Backoff, SyncLoop, SyncResult, SyncService, SyncStatus


class SyncStatusIndicator(QWidget):
    """A status-bar widget; stand-alone (no central server) until `attach` gets a service."""

    statusChanged = Signal(object)  # SyncStatus, emitted on the loop's thread (queued here)
    # a round pulled catalogue changes (emitted on the loop's thread: connect it queued)
    catalogueChanged = Signal()

    def __init__(self, parent: QWidget | None = None, backoff: Backoff | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncStatus")
        self._backoff = backoff
        self._service: SyncService | None = None
        self._loop: SyncLoop | None = None
        self._status: SyncStatus | None = None
        self._stopping = False
        self._label = style.named(QLabel(), "syncStatusText")
        self._button = QToolButton()
        self._button.setObjectName("syncNow")
        self._button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the scan field keeps the focus
        self._button.clicked.connect(self.sync_now)
        self._button.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._label)
        layout.addWidget(self._button)
        self.statusChanged.connect(self._on_status, Qt.ConnectionType.QueuedConnection)
        self.retranslateUi()

    # --- state a test or the window reads ------------------------------------------------
    @property
    def text(self) -> str:
        return str(self._label.text())

    @property
    def status(self) -> SyncStatus | None:
        return self._status

    @property
    def attached(self) -> bool:
        return self._service is not None

    # --- running -------------------------------------------------------------------------
    def attach(self, service: SyncService | None) -> None:
        """Start the background sync (after the current event, i.e. once the window shows)."""
        if service is None or self._service is not None or self._stopping:
            return
        self._service = service
        self._button.show()
        self.retranslateUi()
        QTimer.singleShot(0, self._start)

    def _start(self) -> None:
        if self._service is None or self._stopping or self._loop is not None:
            return
        from pos.services.sync import Backoff, SyncLoop

        self._loop = SyncLoop(self._service, self._backoff or Backoff(), self._on_round)
        self._loop.start()

    def _on_round(self, outcome: SyncResult | Exception) -> None:
        """On the loop's thread: read the status there, hand it to the UI thread; tell the
        till when the round pulled catalogue changes (its search index is refreshed)."""
        service = self._service
        if self._stopping or service is None:
            return
        if not isinstance(outcome, Exception) and (outcome.pulled or outcome.tombstones):
            self.catalogueChanged.emit()
        self.statusChanged.emit(service.status())

    def _on_status(self, status: SyncStatus) -> None:
        if self._stopping:
            return
        self._status = status
        self.retranslateUi()

    def sync_now(self) -> None:
        if self._loop is not None:
            self._loop.sync_now()

    def shutdown(self) -> None:
        """Stop the loop (waits for a round in progress) and let go of the central pool."""
        self._stopping = True
        loop, self._loop = self._loop, None
        if loop is not None:
            loop.stop()
        if self._service is not None:
            self._service.close()

    # --- text ----------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def retranslateUi(self) -> None:
        self._button.setText(self.tr("Sync now"))
        self._button.setToolTip(self.tr("Send waiting sales and fetch the catalogue now"))
        self._label.setText(self._describe())
        self._label.setToolTip(self._problems_tip())
        kind = "none"
        if self._service is not None and self._status is not None:
            kind = "ok" if self._status.online and not self._status.problems else "error"
        self._label.setProperty("kind", kind)

    def _describe(self) -> str:
        if self._service is None:
            return self.tr("Stand-alone")
        s = self._status
        if s is None or s.online is None:
            return self.tr("Connecting to the central database…")
        if s.online:
            parts = [self.tr("Online")]
        elif s.not_answering:
            parts = [self.tr("Central not answering")]
        else:
            parts = [self.tr("Offline")]
        if s.last_sync_at is not None:
            parts.append(self.tr("last sync {time}").format(time=_hhmm(s.last_sync_at)))
        parts.append(self.tr("{count} sales waiting").format(count=f"{s.pending:,}"))
        if s.problems:
            parts.append(self.tr("{count} refused by central").format(count=f"{len(s.problems):,}"))
        return " · ".join(parts)

    def _problems_tip(self) -> str:
        """Each refused sale or refund: why (naming the receipt and the field), what to do."""
        s = self._status
        if s is None or not s.problems:
            return ""
        thai = i18n.current_language() == "th"
        return "\n".join(
            f"{p.reason_th if thai else p.reason_en}\n  {p.advice_th if thai else p.advice_en}"
            for p in s.problems
        )


def _hhmm(at: datetime) -> str:
    return at.astimezone(BANGKOK).strftime("%H:%M")
