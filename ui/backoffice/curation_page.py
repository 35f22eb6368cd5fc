"""Curation: producers' applications and the committee's review form, certificates and alerts.

Two lists, each with a search field (typing filters): applications (filtered by status too)
and certificates (coloured by expiry: 90, 30 and 0 days). Ctrl+N adds, Enter opens the
selected one (an application's review, or its form again once changes were asked for; a
certificate's form), Ctrl+S saves a form and Esc closes it. The service refuses what the
actor may not do and names each bad field; a refused form stays open with the message.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QCloseEvent, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from pos.domain.auth import Actor
from pos.domain.catalog import CATEGORY_NAMES, OtopCategory
from pos.domain.curation import (
    CERT_KIND_NAMES,
    CRITERION_NAMES,
    DECISION_NAMES,
    MAX_SCORE,
    STATUS_NAMES,
    Certificate,
    CertKind,
    Criterion,
    CurationError,
    Decision,
    Expiry,
    Review,
    ReviewRules,
    Status,
    expiry_state,
    expiry_text,
    parse_members,
    passes,
)
from pos.domain.errors import ShopError
from pos.ports.curation import ApplicationRecord, CertificateRecord
from ui import i18n, style
from ui.format import baht
from ui.worker import Worker

# the alert colours: expired, within 30 days, within 90 days
EXPIRY_COLOURS = {
    Expiry.EXPIRED: QColor(style.RED_SOFT),
    Expiry.EXPIRING_30: QColor("#fde3c4"),
    Expiry.EXPIRING_90: QColor(style.GOLD_LIGHT),
}


class CurationBackend(Protocol):
    """The curation service as the page uses it (pos.services.curation.Curation)."""

    @property
    def rules(self) -> ReviewRules: ...
    def today(self) -> date: ...
    def applications(
        self, actor: Actor, status: Status | None = None
    ) -> list[ApplicationRecord]: ...
    def submit(
        self, actor: Actor, values: dict[str, str], photos: tuple[str, ...] = ()
    ) -> ApplicationRecord: ...
    def resubmit(
        self, actor: Actor, app_id: str, values: dict[str, str], photos: tuple[str, ...] = ()
    ) -> ApplicationRecord: ...
    def review(self, actor: Actor, app_id: str, review: Review) -> ApplicationRecord: ...
    def certificates(self, actor: Actor) -> list[CertificateRecord]: ...
    def add_certificate(self, actor: Actor, cert: Certificate) -> Certificate: ...
    def edit_certificate(self, actor: Actor, cert: Certificate) -> Certificate: ...


class CurationServices(Protocol):
    """What the page needs of the composition root's Services."""

    @property
    def curation(self) -> CurationBackend: ...


def _lang() -> str:
    return i18n.current_language()


def _message(exc: Exception) -> str:
    if isinstance(exc, ShopError):
        return exc.message(_lang())
    return QCoreApplication.translate(
        "CurationPage", "Something went wrong (it was logged): try again"
    )


def _date(text: str, field_en: str, field_th: str) -> date | None:
    """A date typed as YYYY-MM-DD (empty: none), or a CurationError naming the field."""
    text = text.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CurationError(
            f"{field_en}: {text!r} is not a date (YYYY-MM-DD)",
            f"{field_th}: {text!r} ไม่ใช่วันที่ (ปปปป-ดด-วว ค.ศ.)",
        ) from None


def _table(headers: Sequence[str], name: str) -> QTableWidget:
    table = style.named(QTableWidget(0, len(headers)), name)
    table.setHorizontalHeaderLabels(list(headers))
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.horizontalHeader().setStretchLastSection(True)
    table.verticalHeader().setVisible(False)
    return table


class _Form(QDialog):
    """A form: Ctrl+S saves through `save` on the page's worker (a refusal is shown, the form
    stays), Esc closes."""

    def __init__(self, name: str, page: CurationPage) -> None:
        super().__init__(page)
        self.page = page
        self.setObjectName(name)
        self.setModal(True)
        self.form = QFormLayout()
        self.error = style.named(QLabel(), "formError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {style.RED};")
        self.save_button = style.named(QPushButton(self.tr("Save (Ctrl+S)")), "formSave")
        self.save_button.clicked.connect(self._save)
        cancel = QPushButton(self.tr("Close (Esc)"))
        cancel.clicked.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, self._save)
        buttons = QHBoxLayout()
        buttons.addWidget(self.error, 1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addLayout(buttons)

    def line(self, name: str, label: str, text: str = "") -> QLineEdit:
        edit = style.named(QLineEdit(text), name)
        self.form.addRow(label, edit)
        return edit

    def save(self) -> Callable[[], object]:
        """The service call that saves the form (each form's own); what the form itself
        checks (a date's form) is refused here, before anything is sent."""
        raise NotImplementedError

    def _save(self) -> None:
        if not self.save_button.isEnabled():  # saving already
            return
        try:
            work = self.save()
        except ShopError as exc:
            self.error.setText(_message(exc))
            return
        self.save_button.setEnabled(False)
        self.page.worker.run(work, self._saved, self._refused, name="curation_save")

    def _saved(self, _result: object) -> None:
        if isValid(self) and self.isVisible():
            self.accept()

    def _refused(self, exc: Exception) -> None:
        if isValid(self):
            self.save_button.setEnabled(True)
            self.error.setText(_message(exc))


class ApplicationForm(_Form):
    """A producer's application: new, or changed after the committee asked for changes."""

    def __init__(
        self, page: CurationPage, existing: ApplicationRecord | None = None
    ) -> None:
        super().__init__("applicationForm", page)
        self.setWindowTitle(self.tr("Application"))
        self.existing = existing
        d = existing.details if existing else None
        self.sku = self.line("sku", self.tr("SKU"), d.sku if d else "")
        self.sku.setReadOnly(existing is not None)
        self.producer = self.line(
            "producer", self.tr("Producer code"), d.producer_code if d else ""
        )
        self.name_th = self.line("name_th", self.tr("Name (Thai)"), d.name_th if d else "")
        self.name_en = self.line("name_en", self.tr("Name (English)"), d.name_en if d else "")
        self.category = style.named(QComboBox(), "category")
        for cat, (th, en) in CATEGORY_NAMES.items():
            self.category.addItem(th if _lang() == "th" else en, cat.value)
        if d:
            self.category.setCurrentIndex(list(OtopCategory).index(d.category))
        self.form.addRow(self.tr("Category"), self.category)
        self.price = self.line("price", self.tr("Proposed price (baht)"), str(d.price) if d else "")
        self.story_th = style.named(QPlainTextEdit(d.story_th if d else ""), "story_th")
        self.story_en = style.named(QPlainTextEdit(d.story_en if d else ""), "story_en")
        for box in (self.story_th, self.story_en):
            box.setTabChangesFocus(True)
            box.setMaximumHeight(70)
        self.form.addRow(self.tr("Story (Thai)"), self.story_th)
        self.form.addRow(self.tr("Story (English)"), self.story_en)
        self.photos = self.line("photos", self.tr("Photos (files, separated by ;)"),
                                "; ".join(d.photos) if d else "")  # fmt: skip
        browse = style.named(QPushButton(self.tr("Choose photos…")), "choosePhotos")
        browse.clicked.connect(self._choose_photos)
        self.form.addRow("", browse)

    def _choose_photos(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Photos"), "", self.tr("Images (*.jpg *.jpeg *.png *.webp)")
        )
        if files:
            self.photos.setText("; ".join(files))

    def save(self) -> Callable[[], object]:
        values = {
            "sku": self.sku.text(),
            "producer": self.producer.text(),
            "name_th": self.name_th.text(),
            "name_en": self.name_en.text(),
            "category": str(self.category.currentData()),
            "price": self.price.text(),
            "story_th": self.story_th.toPlainText(),
            "story_en": self.story_en.toPlainText(),
        }
        photos = tuple(p.strip() for p in self.photos.text().split(";") if p.strip())
        service, actor, existing = self.page.service, self.page.actor, self.existing
        if existing is None:
            return lambda: service.submit(actor, values, photos)
        return lambda: service.resubmit(actor, existing.app_id, values, photos)


class ReviewForm(_Form):
    """The committee's review: members present, a score per criterion (the total and the
    pass mark shown as they are typed), the decision and remarks."""

    def __init__(self, page: CurationPage, app: ApplicationRecord) -> None:
        super().__init__("reviewForm", page)
        self.setWindowTitle(self.tr("Committee review"))
        self.app = app
        self.rules = page.service.rules
        d = app.details
        name = d.name_th if _lang() == "th" else d.name_en
        about = style.named(QLabel(f"{d.sku} · {name} · {baht(d.price)}"), "reviewAbout")
        self.form.addRow(self.tr("Product"), about)
        today = page.service.today()
        held = [
            r.certificate for r in page.certs
            if r.certificate.product_sku == d.sku or r.certificate.producer_code == d.producer_code
        ]  # fmt: skip
        certs = style.named(QLabel(), "reviewCertificates")
        certs.setWordWrap(True)
        certs.setText(
            "\n".join(
                f"{c.title.pick(_lang())} · {expiry_text(c.expires, today).pick(_lang())}"
                for c in held
            )
            or self.tr("none recorded")
        )
        self.form.addRow(self.tr("Certificates"), certs)
        self.held_on = self.line("heldOn", self.tr("Date (YYYY-MM-DD)"),
                                 page.service.today().isoformat())  # fmt: skip
        self.members = style.named(QPlainTextEdit(), "members")
        self.members.setTabChangesFocus(True)
        self.members.setMaximumHeight(80)
        self.members.setPlaceholderText(self.tr("One name a line"))
        self.form.addRow(
            self.tr("Members present (quorum: %1)").replace("%1", str(self.rules.quorum)),
            self.members,
        )
        self.scores: dict[Criterion, QSpinBox] = {}
        for c in Criterion:
            spin = style.named(QSpinBox(), f"score_{c.value}")
            spin.setRange(0, MAX_SCORE)
            spin.valueChanged.connect(self._show_total)
            self.scores[c] = spin
            self.form.addRow(f"{CRITERION_NAMES[c].pick(_lang())} (0-{MAX_SCORE})", spin)
        self.total = style.named(QLabel(), "reviewTotal")
        self.form.addRow(self.tr("Total"), self.total)
        self.decision = style.named(QComboBox(), "decision")
        for dec in Decision:
            self.decision.addItem(DECISION_NAMES[dec].pick(_lang()), dec.value)
        self.form.addRow(self.tr("Decision"), self.decision)
        self.remarks = style.named(QPlainTextEdit(), "remarks")
        self.remarks.setTabChangesFocus(True)
        self.remarks.setMaximumHeight(70)
        self.form.addRow(self.tr("Remarks"), self.remarks)
        self._show_total()

    def _values(self) -> dict[Criterion, int]:
        return {c: spin.value() for c, spin in self.scores.items()}

    def _show_total(self) -> None:
        scores = self._values()
        ok = passes(scores, self.rules)
        verdict = self.tr("passes") if ok else self.tr("below the pass mark")
        self.total.setText(
            self.tr("%1 of %2 (pass mark %3): %4")
            .replace("%1", str(sum(scores.values())))
            .replace("%2", str(self.rules.most))
            .replace("%3", str(self.rules.pass_mark))
            .replace("%4", verdict)
        )
        self.total.setStyleSheet(f"color: {style.GREEN if ok else style.RED}; font-weight: 600;")

    def save(self) -> Callable[[], object]:
        review = Review(
            held_on=_date(self.held_on.text(), "Date", "วันที่ประชุม") or self.page.service.today(),
            members=parse_members(self.members.toPlainText()),
            scores=self._values(),
            decision=Decision(self.decision.currentData()),
            remarks=self.remarks.toPlainText().strip(),
        )
        service, actor, app_id = self.page.service, self.page.actor, self.app.app_id
        return lambda: service.review(actor, app_id, review)


class CertificateForm(_Form):
    """A certificate of a product (by SKU) or of a producer (by code), with its scanned file."""

    def __init__(self, page: CurationPage, existing: Certificate | None = None) -> None:
        super().__init__("certificateForm", page)
        self.setWindowTitle(self.tr("Certificate"))
        self.existing = existing
        c = existing
        self.kind = style.named(QComboBox(), "kind")
        for kind in CertKind:
            self.kind.addItem(CERT_KIND_NAMES[kind].pick(_lang()), kind.value)
        if c:
            self.kind.setCurrentIndex(list(CertKind).index(c.kind))
        self.form.addRow(self.tr("Kind"), self.kind)
        self.number = self.line(
            "number", self.tr("Number (OTOP stars: 1-5; FDA: XX-X-XXXXX-X-XXXX)"),
            c.number if c else "",
        )  # fmt: skip
        self.holder_kind = style.named(QComboBox(), "holderKind")
        self.holder_kind.addItem(self.tr("Product (SKU)"), "product")
        self.holder_kind.addItem(self.tr("Producer (code)"), "producer")
        if c and c.producer_code:
            self.holder_kind.setCurrentIndex(1)
        self.form.addRow(self.tr("Certificate of"), self.holder_kind)
        self.holder = self.line("holder", self.tr("SKU or producer code"),
                                (c.product_sku or c.producer_code or "") if c else "")  # fmt: skip
        self.issued = self.line("issued", self.tr("Issued (YYYY-MM-DD)"),
                                c.issued.isoformat() if c and c.issued else "")  # fmt: skip
        self.expires = self.line("expires", self.tr("Expires (YYYY-MM-DD, empty: never)"),
                                 c.expires.isoformat() if c and c.expires else "")  # fmt: skip
        self.file = self.line("file", self.tr("Scanned file"), c.file or "" if c else "")
        browse = style.named(QPushButton(self.tr("Choose file…")), "chooseFile")
        browse.clicked.connect(self._choose_file)
        self.form.addRow("", browse)

    def _choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Scanned certificate"), "",
            self.tr("Scans (*.pdf *.jpg *.jpeg *.png)"),
        )  # fmt: skip
        if path:
            self.file.setText(path)

    def save(self) -> Callable[[], object]:
        holder = self.holder.text().strip() or None
        of_product = self.holder_kind.currentData() == "product"
        cert = Certificate(
            kind=CertKind(self.kind.currentData()),
            number=self.number.text(),
            issued=_date(self.issued.text(), "Issued", "วันที่ออก"),
            expires=_date(self.expires.text(), "Expires", "วันหมดอายุ"),
            file=self.file.text().strip() or None,
            product_sku=holder if of_product else None,
            producer_code=None if of_product else holder,
            cert_id=self.existing.cert_id if self.existing else "",
        )
        service, actor = self.page.service, self.page.actor
        if self.existing is None:
            return lambda: service.add_certificate(actor, cert)
        return lambda: service.edit_certificate(actor, cert)


class CurationPage(QWidget):
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
        form: _Form = CertificateForm(self) if self.on_certificates else ApplicationForm(self)
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

    def _open(self, form: _Form) -> None:
        form.finished.connect(lambda result: self._closed(form, result))
        form.open()

    def _closed(self, form: _Form, result: int) -> None:
        if result == QDialog.DialogCode.Accepted:
            self.status.setText(self.tr("Saved"))
            self.reload()
        form.deleteLater()
        self._search_field().setFocus()

    def _search_field(self) -> QLineEdit:
        return self.cert_search if self.on_certificates else self.app_search
