"""The producers page: the list with search and filters, and the form to add or edit one.

Typing in the search field filters the list (names, code, district, contact, tax ID), the
combos filter by district, kind and active; Enter opens the producer, Ctrl+N a new one. In the
form the district combo filters the 26 districts of Khon Kaen as you type (another province:
its district as written), Ctrl+S saves, Esc closes; a refused field gets the cursor and the
service's message.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from pos.domain.auth import Actor
from pos.domain.banks import BANKS
from pos.domain.catalog import PRODUCER_KINDS
from pos.domain.districts import KHON_KAEN, KHON_KAEN_DISTRICTS, PROVINCES, Place, find_province
from pos.domain.errors import ShopError
from pos.ports.producers import ProducerRecord
from pos.services.producers import FieldError, ProducerForm, form_of
from ui import i18n, style
from ui.backoffice.listing import RecordTable, form_button, labelled_row

OTHER_PROVINCES = "*other*"


class ProducersBackend(Protocol):
    def all(self) -> list[ProducerRecord]: ...
    def add(self, actor: Actor, form: ProducerForm) -> ProducerRecord: ...
    def edit(self, actor: Actor, code: str, form: ProducerForm) -> ProducerRecord: ...
    def set_active(self, actor: Actor, code: str, active: bool) -> ProducerRecord: ...


class ProducerServices(Protocol):
    """What the page needs of pos.app.bootstrap.Services."""

    @property
    def producers(self) -> ProducersBackend: ...


def _th() -> bool:
    return i18n.current_language() == "th"


def _place(place: Place) -> str:
    return f"{place.th} · {place.en}"


def _message(exc: ShopError) -> str:
    return exc.message(i18n.current_language())


def _filtering_combo(name: str, places: tuple[Place, ...]) -> QComboBox:
    """An editable combo of places whose completer shows the places containing what is typed."""
    combo = style.named(QComboBox(), name)
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    _fill_places(combo, places)
    return combo


def _fill_places(combo: QComboBox, places: tuple[Place, ...]) -> None:
    combo.clear()
    for p in places:
        combo.addItem(_place(p), p.th)
    completer = QCompleter(combo.model(), combo)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    combo.setCompleter(completer)
    combo.setCurrentIndex(-1)
    combo.setEditText("")


def _place_text(combo: QComboBox) -> str:
    """The Thai name of the place chosen, or the text as typed (the service checks it)."""
    text = combo.currentText().strip()
    index = combo.findText(text, Qt.MatchFlag.MatchFixedString)
    return str(combo.itemData(index)) if index >= 0 else text


class ProducerDialog(QDialog):
    """Add (record None) or edit one producer; `saved` holds what the service stored."""

    def __init__(
        self, backend: ProducersBackend, actor: Actor, record: ProducerRecord | None,
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.setObjectName("producerForm")
        self.backend = backend
        self.actor = actor
        self.record = record
        self.saved: ProducerRecord | None = None
        self.setWindowTitle(self.tr("New producer") if record is None else self.tr("Producer"))
        self.setMinimumWidth(1100)

        self.code = style.named(QLineEdit(), "producerCode")
        self.name_th = style.named(QLineEdit(), "producerNameTh")
        self.name_en = style.named(QLineEdit(), "producerNameEn")
        self.kind = style.named(QComboBox(), "producerKind")
        for kind, label in zip(
            PRODUCER_KINDS,
            (
                self.tr("Community group"),
                self.tr("Individual"),
                self.tr("SME"),
                self.tr("The centre itself"),
            ),
            strict=True,
        ):
            self.kind.addItem(label, kind)
        self.province = _filtering_combo("producerProvince", PROVINCES)
        self.district = _filtering_combo("producerDistrict", KHON_KAEN_DISTRICTS)
        self.district_en = style.named(QLineEdit(), "producerDistrictEn")
        self.contact = style.named(QLineEdit(), "producerContact")
        self.tax_id = style.named(QLineEdit(), "producerTaxId")
        self.tax_id.setMaxLength(17)
        self.bank = style.named(QComboBox(), "producerBank")
        self.bank.addItem(self.tr("(no payout account)"), "")
        for b in BANKS:
            self.bank.addItem(f"{b.code} {b.short} · {b.th if _th() else b.en}", b.code)
        self.account = style.named(QLineEdit(), "producerAccount")
        self.account_name = style.named(QLineEdit(), "producerAccountName")
        self.error = style.named(QLabel(), "producerError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")

        # two columns (who, and where and how they are paid): the form fits a 1366x768 screen
        who, where = QFormLayout(), QFormLayout()
        who.addRow(self.tr("Code"), self.code)
        who.addRow(self.tr("Name (Thai)"), self.name_th)
        who.addRow(self.tr("Name (English)"), self.name_en)
        who.addRow(self.tr("Kind"), self.kind)
        who.addRow(self.tr("Contact"), self.contact)
        who.addRow(self.tr("Tax ID"), self.tax_id)
        where.addRow(self.tr("Province"), self.province)
        where.addRow(self.tr("District"), self.district)
        where.addRow(self.tr("District (English, outside Khon Kaen)"), self.district_en)
        where.addRow(self.tr("Payout bank"), self.bank)
        where.addRow(self.tr("Account number"), self.account)
        where.addRow(self.tr("Account name"), self.account_name)
        form = QHBoxLayout()
        form.addLayout(who, 1)
        form.addSpacing(16)
        form.addLayout(where, 1)

        self.save_button = form_button("producerSave", self.tr("Save (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        self.active_button = form_button("producerActive", "")
        self.active_button.clicked.connect(self.toggle_active)
        self.active_button.setVisible(record is not None)
        close = form_button("producerClose", self.tr("Close (Esc)"))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.active_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)

        self.fields: dict[str, QWidget] = {
            "code": self.code, "name_th": self.name_th, "name_en": self.name_en,
            "kind": self.kind, "province": self.province, "district": self.district,
            "contact": self.contact, "tax_id": self.tax_id, "bank": self.bank,
            "account": self.account, "account_name": self.account_name,
        }  # fmt: skip
        self.province.currentTextChanged.connect(self._province_changed)
        self._fill(record)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.activateWindow()
        (self.name_th if self.record is not None else self.code).setFocus()

    def _fill(self, record: ProducerRecord | None) -> None:
        if record is None:
            self.province.setCurrentIndex(self.province.findData(KHON_KAEN.th))
            self._province_changed()
            self._show_active()
            return
        f = form_of(record)
        self.code.setText(f.code)
        self.code.setReadOnly(True)
        self.name_th.setText(f.name_th)
        self.name_en.setText(f.name_en)
        self.kind.setCurrentIndex(max(0, self.kind.findData(f.kind)))
        self.province.setCurrentIndex(self.province.findData(f.province))
        self._province_changed()
        index = self.district.findData(f.district)
        if index >= 0:
            self.district.setCurrentIndex(index)
        else:
            self.district.setEditText(f.district)
        self.district_en.setText(f.district_en if self.district_en.isEnabled() else "")
        self.contact.setText(f.contact)
        self.tax_id.setText(f.tax_id)
        self.bank.setCurrentIndex(max(0, self.bank.findData(f.bank)))
        self.account.setText(f.account)
        self.account_name.setText(f.account_name)
        self._show_active()

    def _show_active(self) -> None:
        active = self.record is None or self.record.active
        self.active_button.setText(self.tr("Deactivate") if active else self.tr("Activate"))

    def _province_changed(self, _text: str = "") -> None:
        """Khon Kaen: its 26 districts to choose from; elsewhere the district as written."""
        khon_kaen = find_province(_place_text(self.province)) == KHON_KAEN  # Thai or English
        typed = self.district.currentText()
        was_list = self.district.count() > 0
        if khon_kaen and not was_list:
            _fill_places(self.district, KHON_KAEN_DISTRICTS)
        elif not khon_kaen and was_list:
            self.district.clear()
            self.district.setCompleter(None)  # type: ignore[arg-type]
            self.district.setEditText(typed if self.district.findText(typed) < 0 else "")
        self.district_en.setEnabled(not khon_kaen)

    def form(self) -> ProducerForm:
        return ProducerForm(
            code=self.code.text(),
            name_th=self.name_th.text(),
            name_en=self.name_en.text(),
            kind=str(self.kind.currentData()),
            district=_place_text(self.district),
            province=_place_text(self.province),
            district_en=self.district_en.text() if self.district_en.isEnabled() else "",
            contact=self.contact.text(),
            tax_id=self.tax_id.text(),
            bank=str(self.bank.currentData() or ""),
            account=self.account.text(),
            account_name=self.account_name.text(),
        )

    def save(self) -> None:
        try:
            if self.record is None:
                self.saved = self.backend.add(self.actor, self.form())
            else:
                self.saved = self.backend.edit(self.actor, self.record.code, self.form())
        except ShopError as exc:
            self._refused(exc)
            return
        self.accept()

    def toggle_active(self) -> None:
        if self.record is None:
            return
        try:
            self.saved = self.backend.set_active(self.actor, self.record.code,
                                                 not self.record.active)  # fmt: skip
        except ShopError as exc:
            self._refused(exc)
            return
        self.accept()

    def _refused(self, exc: ShopError) -> None:
        self.error.setText(_message(exc))
        if isinstance(exc, FieldError) and exc.field in self.fields:
            self.fields[exc.field].setFocus()


class ProducersPage(QWidget):
    """The producers of the centre for managers and admins (the service refuses the rest)."""

    def __init__(
        self, services: ProducerServices, actor: Actor, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("producersPage")
        self.backend = services.producers
        self.actor = actor
        self.records: dict[str, ProducerRecord] = {}
        self.dialog: ProducerDialog | None = None

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search: name, code, district, contact, tax ID"))
        self.district_filter = style.named(QComboBox(), "producerDistrictFilter")
        self.district_filter.addItem(self.tr("All districts"), "")
        for d in KHON_KAEN_DISTRICTS:
            self.district_filter.addItem(d.th if _th() else d.en, d.th)
        self.district_filter.addItem(self.tr("Other provinces"), OTHER_PROVINCES)
        self.kind_filter = style.named(QComboBox(), "producerKindFilter")
        self.kind_filter.addItem(self.tr("All kinds"), "")
        for kind, label in zip(
            PRODUCER_KINDS,
            (
                self.tr("Community group"),
                self.tr("Individual"),
                self.tr("SME"),
                self.tr("The centre itself"),
            ),
            strict=True,
        ):
            self.kind_filter.addItem(label, kind)
        self.active_filter = style.named(QComboBox(), "producerActiveFilter")
        self.active_filter.addItem(self.tr("Active"), "active")
        self.active_filter.addItem(self.tr("Inactive"), "inactive")
        self.active_filter.addItem(self.tr("Active and inactive"), "all")
        headers = [self.tr("Code"), self.tr("Name"), self.tr("Kind"), self.tr("District"),
                   self.tr("Province"), self.tr("Contact"), self.tr("State")]  # fmt: skip
        self.table = RecordTable("producerList", headers, self.search)
        self.table.accepts = self._passes  # type: ignore[method-assign]
        self.table.opened.connect(self.open_producer)
        for combo in (self.district_filter, self.kind_filter, self.active_filter):
            combo.currentIndexChanged.connect(lambda _i: self.table.refilter())
        self.status = style.named(QLabel(), "producersStatus")
        self.status.setWordWrap(True)
        new = form_button("producerNew", self.tr("New producer (Ctrl+N)"))
        new.clicked.connect(self.new_producer)
        QShortcut(QKeySequence.StandardKey.New, self, self.new_producer)

        bar = labelled_row(
            (self.tr("Search"), self.search, 2),
            (self.tr("District"), self.district_filter, 1),
            (self.tr("Kind"), self.kind_filter, 1),
            (self.tr("State"), self.active_filter, 1),
        )
        bar.addWidget(new)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        self.reload()
        self.setFocusProxy(self.search)  # the window gives the page the keyboard: typing searches
        self.search.setFocus()

    def _passes(self, key: str) -> bool:
        p = self.records[key]
        district = self.district_filter.currentData()
        if district == OTHER_PROVINCES:
            if p.province_th == KHON_KAEN.th:
                return False
        elif district and (p.province_th != KHON_KAEN.th or p.district_th != district):
            return False
        kind = self.kind_filter.currentData()
        if kind and p.kind != kind:
            return False
        state = self.active_filter.currentData()
        return bool(state == "all" or p.active == (state == "active"))

    def _kind_label(self, kind: str) -> str:
        index = self.kind_filter.findData(kind)
        return self.kind_filter.itemText(index) if index >= 0 else kind

    def reload(self, keep: str | None = None) -> None:
        self.records = {p.code: p for p in self.backend.all()}
        th = _th()
        rows = [(p.code, self._cells(p, th)) for p in self.records.values()]
        self.table.set_rows(rows, keep)

    def _cells(self, p: ProducerRecord, th: bool) -> list[str]:
        return [
            p.code, p.name_th if th else p.name_en, self._kind_label(p.kind),
            p.district_th if th else p.district_en, p.province_th if th else p.province_en,
            p.contact, self.tr("active") if p.active else self.tr("inactive"),
        ]  # fmt: skip

    def new_producer(self) -> None:
        self._open_dialog(None)

    def open_producer(self, code: str) -> None:
        self._open_dialog(self.records[code])

    def _open_dialog(self, record: ProducerRecord | None) -> None:
        if self.dialog is not None:
            return
        dialog = ProducerDialog(self.backend, self.actor, record, self)
        self.dialog = dialog
        dialog.finished.connect(lambda _result: self._closed(dialog))
        dialog.open()

    def _closed(self, dialog: ProducerDialog) -> None:
        self.dialog = None
        saved = dialog.saved
        if saved is not None:
            self.reload(saved.code)
            self.status.setText(self.tr("Saved {code}: {name}").format(
                code=saved.code, name=saved.name_th if _th() else saved.name_en))  # fmt: skip
        self.table.setFocus()
