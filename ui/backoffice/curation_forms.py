"""The curation page's forms: a producer's application, the committee's review, a certificate.

Ctrl+S saves a form through the service on the page's worker (a refusal is shown and the form
stays open), Esc closes it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
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
    QVBoxLayout,
)
from shiboken6 import isValid

from pos.domain.catalog import CATEGORY_NAMES, OtopCategory
from pos.domain.curation import (
    CERT_KIND_NAMES,
    CRITERION_NAMES,
    DECISION_NAMES,
    MAX_SCORE,
    Certificate,
    CertKind,
    Criterion,
    CurationError,
    Decision,
    Review,
    expiry_text,
    parse_members,
    passes,
)
from pos.domain.errors import ShopError
from pos.ports.curation import ApplicationRecord
from ui import style
from ui.backoffice.curation_common import CurationHost, lang, message
from ui.format import baht


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


class _Form(QDialog):
    """A form: Ctrl+S saves through `save` on the page's worker (a refusal is shown, the form
    stays), Esc closes."""

    def __init__(self, name: str, page: CurationHost) -> None:
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
            self.error.setText(message(exc))
            return
        self.save_button.setEnabled(False)
        self.page.worker.run(work, self._saved, self._refused, name="curation_save")

    def _saved(self, _result: object) -> None:
        if isValid(self) and self.isVisible():
            self.accept()

    def _refused(self, exc: Exception) -> None:
        if isValid(self):
            self.save_button.setEnabled(True)
            self.error.setText(message(exc))


class ApplicationForm(_Form):
    """A producer's application: new, or changed after the committee asked for changes."""

    def __init__(self, page: CurationHost, existing: ApplicationRecord | None = None) -> None:
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
            self.category.addItem(th if lang() == "th" else en, cat.value)
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

    def __init__(self, page: CurationHost, app: ApplicationRecord) -> None:
        super().__init__("reviewForm", page)
        self.setWindowTitle(self.tr("Committee review"))
        self.app = app
        self.rules = page.service.rules
        d = app.details
        name = d.name_th if lang() == "th" else d.name_en
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
                f"{c.title.pick(lang())} · {expiry_text(c.expires, today).pick(lang())}"
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
            self.form.addRow(f"{CRITERION_NAMES[c].pick(lang())} (0-{MAX_SCORE})", spin)
        self.total = style.named(QLabel(), "reviewTotal")
        self.form.addRow(self.tr("Total"), self.total)
        self.decision = style.named(QComboBox(), "decision")
        for dec in Decision:
            self.decision.addItem(DECISION_NAMES[dec].pick(lang()), dec.value)
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

    def __init__(self, page: CurationHost, existing: Certificate | None = None) -> None:
        super().__init__("certificateForm", page)
        self.setWindowTitle(self.tr("Certificate"))
        self.existing = existing
        c = existing
        self.kind = style.named(QComboBox(), "kind")
        for kind in CertKind:
            self.kind.addItem(CERT_KIND_NAMES[kind].pick(lang()), kind.value)
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
