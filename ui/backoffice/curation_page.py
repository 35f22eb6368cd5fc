"""Curation: producers' applications and the committee's review form, certificates and alerts.

Two lists, each with a search field (typing filters): applications (filtered by status too)
and certificates (coloured by expiry: 90, 30 and 0 days). Ctrl+N adds, Enter opens the
selected one (an application's review, or its form again once changes were asked for; a
certificate's form), Ctrl+S saves a form and Esc closes it. The service refuses what the
actor may not do and names each bad field; a refused form stays open with the message.

The forms are in curation_forms.py, what the page and its forms share in curation_common.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pos.domain.auth import Actor
from pos.domain.curation import (
    CERT_KIND_NAMES,
    STATUS_NAMES,
    Expiry,
    Status,
    expiry_state,
    expiry_text,
)
from pos.ports.curation import ApplicationRecord, CertificateRecord
from ui import style
from ui.backoffice.curation_common import CurationHost, CurationServices
from ui.backoffice.curation_common import lang as _lang
from ui.backoffice.curation_common import message as _message
from ui.backoffice.curation_forms import ApplicationForm, CertificateForm, ReviewForm
from ui.format import baht
from ui.worker import Worker

# the alert colours: expired, within 30 days, within 90 days
EXPIRY_COLOURS = {
    Expiry.EXPIRED: QColor(style.RED_SOFT),
    Expiry.EXPIRING_30: QColor("#fde3c4"),
    Expiry.EXPIRING_90: QColor(style.GOLD_LIGHT),
}


def _table(headers: Sequence[str], name: str) -> QTableWidget:
    table = style.named(QTableWidget(0, len(headers)), name)
    table.setHorizontalHeaderLabels(list(headers))
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.horizontalHeader().setStretchLastSection(True)
    table.verticalHeader().setVisible(False)
    return table


class CurationPage(CurationHost):
    """Applications and certificates, for managers and admins (the service refuses others)."""

    def __init__(
        self, services: CurationServices, actor: Actor, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("curationPage")
        self.service = services.curation
        self.actor = actor
        self.apps: list[ApplicationRecord] = []
        self.certs: list[CertificateRecord] = []
        self.worker = Worker(self)  # the database is read and written off the UI thread

        self.tabs = style.named(QTabWidget(), "curationTabs")
        self.tabs.addTab(self._applications_tab(), self.tr("Applications"))
        self.tabs.addTab(self._certificates_tab(), self.tr("Certificates"))
        self.status = style.named(QLabel(), "curationStatus")
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status)
        QShortcut(QKeySequence.StandardKey.New, self, self.new_record)
        self.setFocusProxy(self.app_search)  # the window gives the page's search the keyboard
        self.tabs.currentChanged.connect(lambda _i: self._search_field().setFocus())
        self.reload()

    # --- building ----------------------------------------------------------------------
    def _applications_tab(self) -> QWidget:
        tab = QWidget()
        self.app_search = style.named(QLineEdit(), "applicationSearch")
        self.app_search.setPlaceholderText(self.tr("Search SKU, name or producer"))
        self.app_search.textChanged.connect(self._fill_applications)
        self.app_search.returnPressed.connect(self.open_selected)
        self.status_filter = style.named(QComboBox(), "statusFilter")
        self.status_filter.addItem(self.tr("Every status"), None)
        for s in Status:
            self.status_filter.addItem(STATUS_NAMES[s].pick(_lang()), s.value)
        self.status_filter.currentIndexChanged.connect(self._fill_applications)
        self.app_table = _table(
            [self.tr("SKU"), self.tr("Product"), self.tr("Producer"), self.tr("Price"),
             self.tr("Status"), self.tr("Submitted")],
            "applicationTable",
        )  # fmt: skip
        self.app_table.activated.connect(lambda _index: self.open_selected())
        new = style.named(QPushButton(self.tr("New application (Ctrl+N)")), "newApplication")
        new.clicked.connect(self.new_record)
        bar = QHBoxLayout()
        search_label = QLabel(self.tr("Search"))
        search_label.setBuddy(self.app_search)
        bar.addWidget(search_label)
        bar.addWidget(self.app_search, 1)
        status_label = QLabel(self.tr("Status"))
        status_label.setBuddy(self.status_filter)
        bar.addWidget(status_label)
        bar.addWidget(self.status_filter)
        bar.addWidget(new)
        layout = QVBoxLayout(tab)
        layout.addLayout(bar)
        layout.addWidget(self.app_table, 1)
        return tab

    def _certificates_tab(self) -> QWidget:
        tab = QWidget()
        self.alerts = style.named(QLabel(), "certificateAlerts")
        self.alerts.setWordWrap(True)
        self.cert_search = style.named(QLineEdit(), "certificateSearch")
        self.cert_search.setPlaceholderText(self.tr("Search number, kind or holder"))
        self.cert_search.textChanged.connect(self._fill_certificates)
        self.cert_search.returnPressed.connect(self.open_selected)
        self.cert_table = _table(
            [self.tr("Kind"), self.tr("Number"), self.tr("Of"), self.tr("Issued"),
             self.tr("Expires"), self.tr("State")],
            "certificateTable",
        )  # fmt: skip
        self.cert_table.activated.connect(lambda _index: self.open_selected())
        new = style.named(QPushButton(self.tr("New certificate (Ctrl+N)")), "newCertificate")
        new.clicked.connect(self.new_record)
        bar = QHBoxLayout()
        search_label = QLabel(self.tr("Search"))
        search_label.setBuddy(self.cert_search)
        bar.addWidget(search_label)
        bar.addWidget(self.cert_search, 1)
        bar.addWidget(new)
        layout = QVBoxLayout(tab)
        layout.addWidget(self.alerts)
        layout.addLayout(bar)
        layout.addWidget(self.cert_table, 1)
        return tab

    # --- data --------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        """Work for the page is on its way (a list being read, a form being saved)."""
        return self.worker.pending > 0

    def shutdown(self) -> None:
        self.worker.shutdown()

    def closeEvent(self, event: QCloseEvent) -> None:  # a page shown on its own
        self.shutdown()
        super().closeEvent(event)

    def reload(self) -> None:
        service, actor = self.service, self.actor

        def load() -> tuple[list[ApplicationRecord], list[CertificateRecord]]:
            return service.applications(actor), service.certificates(actor)

        self.worker.run(load, self._loaded, self._load_failed, name="curation_load")

    def _loaded(self, lists: tuple[Any, Any]) -> None:
        self.apps, self.certs = lists
        self._fill_applications()
        self._fill_certificates()

    def _load_failed(self, exc: Exception) -> None:
        self.status.setText(_message(exc))

    def _shown_applications(self) -> list[ApplicationRecord]:
        wanted = self.status_filter.currentData()
        words = self.app_search.text().strip().casefold()
        out = []
        for a in self.apps:
            d = a.details
            text = f"{d.sku} {d.name_th} {d.name_en} {a.producer_th} {a.producer_en}".casefold()
            if (wanted is None or a.status.value == wanted) and words in text:
                out.append(a)
        return out

    def _fill_applications(self) -> None:
        shown = self._shown_applications()
        table = self.app_table
        table.setRowCount(len(shown))
        lang = _lang()
        for row, a in enumerate(shown):
            d = a.details
            cells = (
                d.sku,
                d.name_th if lang == "th" else d.name_en,
                a.producer_th if lang == "th" else a.producer_en,
                baht(d.price),
                STATUS_NAMES[a.status].pick(lang),
                a.submitted_at.date().isoformat(),
            )
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, a.app_id)
                table.setItem(row, col, item)
        if shown:
            table.selectRow(0)
        table.resizeColumnsToContents()

    def _shown_certificates(self) -> list[CertificateRecord]:
        words = self.cert_search.text().strip().casefold()
        lang = _lang()
        return [
            r for r in self.certs
            if words in f"{r.certificate.number} {CERT_KIND_NAMES[r.certificate.kind].pick(lang)}"
            f" {r.holder_th} {r.holder_en} {r.certificate.product_sku or ''}"
            f" {r.certificate.producer_code or ''}".casefold()
        ]  # fmt: skip

    def _fill_certificates(self) -> None:
        today = self.service.today()
        lang = _lang()
        states = [expiry_state(r.certificate.expires, today) for r in self.certs]
        expired = states.count(Expiry.EXPIRED)
        soon = states.count(Expiry.EXPIRING_30)
        later = states.count(Expiry.EXPIRING_90)
        if expired or soon or later:
            self.alerts.setText(
                self.tr("%1 expired · %2 expire within 30 days · %3 within 90 days")
                .replace("%1", str(expired)).replace("%2", str(soon)).replace("%3", str(later))
            )  # fmt: skip
            self.alerts.setStyleSheet(f"color: {style.RED if expired else style.INK};"
                                      " font-weight: 600;")  # fmt: skip
        else:
            self.alerts.setText(self.tr("Every certificate is valid for more than 90 days"))
            self.alerts.setStyleSheet(f"color: {style.GREEN};")
        shown = self._shown_certificates()
        table = self.cert_table
        table.setRowCount(len(shown))
        for row, r in enumerate(shown):
            c = r.certificate
            state = expiry_state(c.expires, today)
            holder = r.holder_th if lang == "th" else r.holder_en
            cells = (
                CERT_KIND_NAMES[c.kind].pick(lang),
                c.number,
                f"{c.product_sku or c.producer_code} · {holder}",
                c.issued.isoformat() if c.issued else "",
                c.expires.isoformat() if c.expires else self.tr("never"),
                expiry_text(c.expires, today).pick(lang),
            )
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, c.cert_id)
                if state in EXPIRY_COLOURS:
                    item.setBackground(EXPIRY_COLOURS[state])
                table.setItem(row, col, item)
        if shown:
            table.selectRow(0)
        table.resizeColumnsToContents()

    # --- actions -----------------------------------------------------------------------
    @property
    def on_certificates(self) -> bool:
        return self.tabs.currentIndex() == 1

    def new_record(self) -> None:
        form: QDialog = CertificateForm(self) if self.on_certificates else ApplicationForm(self)
        self._open(form)

    def _selected_id(self, table: QTableWidget) -> str | None:
        row = table.currentRow()
        item = table.item(row, 0) if row >= 0 else None
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def open_selected(self) -> None:
        if self.on_certificates:
            cert_id = self._selected_id(self.cert_table)
            found = next((r for r in self.certs if r.certificate.cert_id == cert_id), None)
            if found is not None:
                self._open(CertificateForm(self, found.certificate))
            return
        app_id = self._selected_id(self.app_table)
        app = next((a for a in self.apps if a.app_id == app_id), None)
        if app is None:
            return
        if app.status is Status.CHANGES_REQUESTED:
            self._open(ApplicationForm(self, app))
        elif app.status in (Status.APPROVED, Status.REJECTED):
            self.status.setText(
                self.tr("%1 is decided: %2")
                .replace("%1", app.details.sku)
                .replace("%2", STATUS_NAMES[app.status].pick(_lang()))
            )
        else:
            self._open(ReviewForm(self, app))

    def _open(self, form: QDialog) -> None:
        form.finished.connect(lambda result: self._closed(form, result))
        form.open()

    def _closed(self, form: QDialog, result: int) -> None:
        if result == QDialog.DialogCode.Accepted:
            self.status.setText(self.tr("Saved"))
            self.reload()
        form.deleteLater()
        self._search_field().setFocus()

    def _search_field(self) -> QLineEdit:
        return self.cert_search if self.on_certificates else self.app_search
