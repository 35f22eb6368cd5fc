"""The back office's products: a list with search and filters, and the form of one product.

Typing in the search field filters the list (SKU, Thai or English name, barcode); Enter opens
the selected product's form, Ctrl+N a new one; in the form Ctrl+S saves and Esc closes. A
refused field is named in the form's message and gets the cursor; nothing is saved.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QEvent, QObject, QStandardPaths, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos.domain.auth import Actor
from pos.domain.errors import ShopError
from pos.domain.shop_time import local
from pos.ports.products import ProductChoices, ProductFilter, ProductRecord, ProductRow
from pos.services.products import ProductDraft, ProductFieldError, Products, draft_of
from ui import format as fmt
from ui import i18n, style
from ui.worker import Worker

COLUMNS = 6  # SKU, Thai name, English name, price, barcodes, active


class ProductsServices(Protocol):
    """What the page needs of pos.app's Services."""

    @property
    def products(self) -> Products: ...


def _lang() -> str:
    return i18n.current_language()


def _message(exc: ShopError) -> str:
    return exc.message(_lang())


def _side_by_side(wide: QWidget, button: QWidget) -> QWidget:
    """A field and its button on one line of a form."""
    box = QWidget()
    line = QHBoxLayout(box)
    line.setContentsMargins(0, 0, 0, 0)
    line.addWidget(wide, 1)
    line.addWidget(button)
    return box


class ProductForm(QDialog):
    """One product's every field (new when `product` is None); Ctrl+S saves, Esc closes."""

    def __init__(self, products: Products, actor: Actor, choices: ProductChoices,
                 product: ProductRecord | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("productForm")
        self.products = products
        self.actor = actor
        self.product = product
        self.saved: ProductRecord | None = None
        self.setStyleSheet(style.STYLE_SHEET)
        self._build(choices)
        self._fill(draft_of(product) if product is not None else ProductDraft())
        QShortcut(QKeySequence("Ctrl+S"), self).activated.connect(self.save)
        self.retranslateUi()
        (self.name_th if product is not None else self.sku).setFocus()

    # --- building ----------------------------------------------------------------------
    def _build(self, choices: ProductChoices) -> None:
        th = _lang() == "th"
        self.sku = style.named(QLineEdit(), "productSku")
        self.sku.setReadOnly(self.product is not None)  # a SKU never changes
        self.name_th = style.named(QLineEdit(), "productNameTh")
        self.name_en = style.named(QLineEdit(), "productNameEn")
        self.category = style.named(QComboBox(), "productCategory")
        for c in choices.categories:
            self.category.addItem(c.name_th if th else c.name_en, c.code)
        self.producer = style.named(QComboBox(), "productProducer")
        for p in choices.producers:
            self.producer.addItem(f"{p.code} · {p.name_th if th else p.name_en}", p.code)
        self.price = style.named(QLineEdit(), "productPrice")
        self.sold_by = style.named(QComboBox(), "productSoldBy")
        self.sold_by.addItem("", "unit")
        self.sold_by.addItem("", "weight")
        self.unit_th = style.named(QLineEdit(), "productUnitTh")
        self.unit_en = style.named(QLineEdit(), "productUnitEn")
        self.vat_exempt = style.named(QCheckBox(), "productVatExempt")
        self.barcodes = style.named(QListWidget(), "productBarcodes")
        self.barcodes.setMaximumHeight(90)
        self.barcode_entry = style.named(QLineEdit(), "productBarcodeEntry")
        self.barcode_entry.returnPressed.connect(self.add_barcode)
        self.add_code = style.named(QPushButton(), "productAddBarcode")
        self.add_code.clicked.connect(self.add_barcode)
        self.remove_code = style.named(QPushButton(), "productRemoveBarcode")
        self.remove_code.clicked.connect(self.remove_barcode)
        self.new_code = style.named(QPushButton(), "productNewInStoreCode")
        self.new_code.clicked.connect(self.new_in_store_code)
        for b in (self.add_code, self.remove_code, self.new_code):
            b.setAutoDefault(False)
        self.story_th = style.named(QPlainTextEdit(), "productStoryTh")
        self.story_en = style.named(QPlainTextEdit(), "productStoryEn")
        for story in (self.story_th, self.story_en):
            story.setTabChangesFocus(True)
            story.setMaximumHeight(80)
        self.story_url = style.named(QLineEdit(), "productStoryUrl")
        self.photo = style.named(QLineEdit(), "productPhoto")
        self.choose_photo = style.named(QPushButton(), "productChoosePhoto")
        self.choose_photo.setAutoDefault(False)
        self.choose_photo.clicked.connect(self._choose_photo)
        self.commission = style.named(QLineEdit(), "productCommission")
        self.stars = style.named(QLineEdit(), "productStars")
        self.star_year = style.named(QLineEdit(), "productStarYear")
        self.web_buffer = style.named(QLineEdit(), "productWebBuffer")
        self.web_buffer.setMaximumWidth(90)
        # beside it, read-only: the product's stock as the web shop sees it
        self.on_hand = style.named(QLabel(), "productOnHand")
        self.reserved = style.named(QLabel(), "productReserved")
        self.web_available = style.named(QLabel(), "productWebAvailable")
        self.web_stock = QWidget()
        web_row = QHBoxLayout(self.web_stock)
        web_row.setContentsMargins(0, 0, 0, 0)
        web_row.addWidget(self.web_buffer)
        for figure in (self.on_hand, self.reserved, self.web_available):
            figure.setIndent(6)
            web_row.addWidget(figure)
        web_row.addStretch(1)
        # the stars and their year on one line (the form fits a 1366x768 screen)
        self.star_year_label = QLabel()
        self.star_year_label.setBuddy(self.star_year)
        self.stars_row = QWidget()
        stars_row = QHBoxLayout(self.stars_row)
        stars_row.setContentsMargins(0, 0, 0, 0)
        stars_row.addWidget(self.stars, 1)
        stars_row.addWidget(self.star_year_label)
        stars_row.addWidget(self.star_year, 1)
        # the Thai and English units on one line too: with a row each the form was 758 px
        # high, 783 with a title bar, on the shop's 768 px screen
        self.unit_en_label = QLabel()
        self.unit_en_label.setBuddy(self.unit_en)
        self.units_row = QWidget()
        units_row = QHBoxLayout(self.units_row)
        units_row.setContentsMargins(0, 0, 0, 0)
        units_row.addWidget(self.unit_th, 1)
        units_row.addWidget(self.unit_en_label)
        units_row.addWidget(self.unit_en, 1)
        self.active_label = style.named(QLabel(), "productActive")
        self.active_label.setIndent(6)  # a Thai word's first letter is never cut at the edge
        self.toggle_active = style.named(QPushButton(), "productToggleActive")
        self.toggle_active.setAutoDefault(False)
        self.toggle_active.clicked.connect(self._toggle_active)
        self.toggle_active.setVisible(self.product is not None)
        self.history = style.named(QTableWidget(0, 4), "productPriceHistory")
        self.history.verticalHeader().hide()
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.history.horizontalHeader().setStretchLastSection(True)
        self.history.setMaximumHeight(120)
        self.error = style.named(QLabel(), "productError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020; font-weight: bold;")
        self.save_button = style.named(QPushButton(), "productSave")
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        self.close_button = style.named(QPushButton(), "productClose")
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)

        left, right = QFormLayout(), QFormLayout()
        self.labels: dict[str, QLabel] = {}

        def row(form: QFormLayout, name: str, widget: QWidget) -> None:
            label = QLabel()
            label.setBuddy(widget)
            self.labels[name] = label
            form.addRow(label, widget)

        for name, widget in (("sku", self.sku), ("name_th", self.name_th),
                             ("name_en", self.name_en), ("category", self.category),
                             ("producer", self.producer), ("price", self.price),
                             ("sold_by", self.sold_by), ("unit_th", self.units_row),
                             ("vat_exempt", self.vat_exempt),
                             ("commission_pct", self.commission), ("stars", self.stars_row),
                             ("web_safety_buffer", self.web_stock)):  # fmt: skip
            row(left, name, widget)
        self.labels["star_year"] = self.star_year_label
        self.labels["unit_en"] = self.unit_en_label
        self.labels["unit_th"].setBuddy(self.unit_th)
        self.labels["stars"].setBuddy(self.stars)
        codes = QWidget()
        code_box = QGridLayout(codes)
        code_box.setContentsMargins(0, 0, 0, 0)
        code_box.addWidget(self.barcodes, 0, 0, 1, 3)
        code_box.addWidget(self.barcode_entry, 1, 0, 1, 3)
        code_box.addWidget(self.add_code, 2, 0)
        code_box.addWidget(self.remove_code, 2, 1)
        code_box.addWidget(self.new_code, 2, 2)
        row(right, "barcodes", codes)
        row(right, "story_th", self.story_th)
        row(right, "story_en", self.story_en)
        row(right, "story_url", self.story_url)
        row(right, "photo", _side_by_side(self.photo, self.choose_photo))
        row(right, "active", _side_by_side(self.active_label, self.toggle_active))
        row(right, "history", self.history)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.error, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        outer = QVBoxLayout(self)
        outer.addLayout(columns, 1)
        outer.addLayout(buttons)
        self.field_widgets: dict[str, QWidget] = {
            "sku": self.sku, "name_th": self.name_th, "name_en": self.name_en,
            "category": self.category, "producer": self.producer, "price": self.price,
            "sold_by": self.sold_by, "unit_th": self.unit_th, "unit_en": self.unit_en,
            "barcodes": self.barcode_entry, "story_th": self.story_th,
            "story_en": self.story_en, "story_url": self.story_url, "photo": self.photo,
            "commission_pct": self.commission, "stars": self.stars,
            "star_year": self.star_year, "web_safety_buffer": self.web_buffer,
        }  # fmt: skip
        self.resize(1200, 680)  # fits 1366x768

    def _fill(self, draft: ProductDraft) -> None:
        self.sku.setText(draft.sku)
        self.name_th.setText(draft.name_th)
        self.name_en.setText(draft.name_en)
        if draft.category:
            self.category.setCurrentIndex(max(0, self.category.findData(draft.category)))
        if draft.producer:
            self.producer.setCurrentIndex(max(0, self.producer.findData(draft.producer)))
        self.price.setText(draft.price)
        self.sold_by.setCurrentIndex(max(0, self.sold_by.findData(draft.sold_by)))
        self.unit_th.setText(draft.unit_th)
        self.unit_en.setText(draft.unit_en)
        self.vat_exempt.setChecked(draft.vat_exempt)
        self.barcodes.clear()
        self.barcodes.addItems(list(draft.barcodes))
        self.story_th.setPlainText(draft.story_th)
        self.story_en.setPlainText(draft.story_en)
        self.story_url.setText(draft.story_url)
        self.photo.setText(draft.photo)
        self.commission.setText(draft.commission_pct)
        self.stars.setText(draft.stars)
        self.star_year.setText(draft.star_year)
        self.web_buffer.setText(draft.web_safety_buffer)
        self._show_history()

    def _show_history(self) -> None:
        changes = [] if self.product is None else self.products.price_history(self.product.sku)
        self.history.setRowCount(len(changes))
        for r, change in enumerate(changes):
            values = (fmt.baht(change.old), fmt.baht(change.new),
                      local(change.at).strftime("%Y-%m-%d %H:%M"), change.by)  # fmt: skip
            for c, text in enumerate(values):
                self.history.setItem(r, c, QTableWidgetItem(text))

    def _show_web_stock(self) -> None:
        """On hand, reserved by web orders and available to the web (read-only)."""
        figures = ("—", "—", "—")  # a new product has no stock yet
        if self.product is not None:
            stock = self.products.web_stock(self.product.sku)
            weight = self.product.sold_by == "weight"
            figures = (fmt.quantity(stock.on_hand, weight), fmt.quantity(stock.reserved, weight),
                       f"{stock.available:,}")  # fmt: skip
        self.on_hand.setText(self.tr("On hand: {n}").format(n=figures[0]))
        self.reserved.setText(self.tr("Reserved by web orders: {n}").format(n=figures[1]))
        self.web_available.setText(self.tr("Available to the web: {n}").format(n=figures[2]))

    def retranslateUi(self) -> None:
        if self.product is None:
            self.setWindowTitle(self.tr("New product"))
        else:
            self.setWindowTitle(self.tr("Product {sku}").format(sku=self.product.sku))
        texts = {
            "sku": self.tr("SKU"), "name_th": self.tr("Thai name"),
            "name_en": self.tr("English name"), "category": self.tr("Category"),
            "producer": self.tr("Producer"), "price": self.tr("Price (baht)"),
            "sold_by": self.tr("Sold by"), "unit_th": self.tr("Unit (Thai)"),
            "unit_en": self.tr("Unit (English)"), "vat_exempt": self.tr("VAT exempt"),
            "commission_pct": self.tr("Consignment commission %"),
            "stars": self.tr("OTOP stars (1-5)"), "star_year": self.tr("Year of the stars"),
            "web_safety_buffer": self.tr("Kept back from the web shop"),
            "barcodes": self.tr("Barcodes"), "story_th": self.tr("Story (Thai)"),
            "story_en": self.tr("Story (English)"), "story_url": self.tr("Story URL"),
            "photo": self.tr("Photo"), "active": self.tr("Status"),
            "history": self.tr("Price history"),
        }  # fmt: skip
        for name, text in texts.items():
            self.labels[name].setText(text)
        self.sold_by.setItemText(0, self.tr("piece"))
        self.sold_by.setItemText(1, self.tr("weight"))
        self.barcode_entry.setPlaceholderText(self.tr("Scan or type a barcode, then Enter"))
        shops = self.products.settings.web_safety_buffer
        self.web_buffer.setPlaceholderText(self.tr("shop: {n}").format(n=shops))
        self.web_buffer.setToolTip(self.tr("Pieces never offered on the web shop; empty: the "
                                           "shop's setting ({n})").format(n=shops))  # fmt: skip
        self._show_web_stock()
        self.add_code.setText(self.tr("Add"))
        self.remove_code.setText(self.tr("Remove"))
        self.new_code.setText(self.tr("New in-store code"))
        self.choose_photo.setText(self.tr("Choose…"))
        self.history.setHorizontalHeaderLabels(
            [self.tr("Old price"), self.tr("New price"), self.tr("When"), self.tr("By")])
        self.save_button.setText(self.tr("Save (Ctrl+S)"))
        self.close_button.setText(self.tr("Close (Esc)"))
        active = self.product is None or self.product.active
        self.active_label.setText(self.tr("on sale") if active else self.tr("deactivated"))
        self.toggle_active.setText(self.tr("Deactivate") if active else self.tr("Reactivate"))

    # --- barcodes and photo --------------------------------------------------------------
    def codes(self) -> tuple[str, ...]:
        return tuple(self.barcodes.item(i).text() for i in range(self.barcodes.count()))

    def add_barcode(self) -> None:
        code = self.barcode_entry.text().strip()
        if code and code not in self.codes():
            self.barcodes.addItem(code)
        self.barcode_entry.clear()

    def remove_barcode(self) -> None:
        row = self.barcodes.currentRow()
        if row < 0:
            row = self.barcodes.count() - 1
        if row >= 0:
            self.barcodes.takeItem(row)

    def new_in_store_code(self) -> None:
        """The shop's next in-store code (20-29 prefix of the settings), taken on save."""
        try:
            code = self.products.new_in_store_code()
        except ShopError as exc:
            self.error.setText(_message(exc))
            return
        if code not in self.codes():
            self.barcodes.addItem(code)

    def _choose_photo(self) -> None:
        folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation)
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose the product's photo"), folder,
            self.tr("Pictures (*.jpg *.jpeg *.png *.webp *.bmp)"))  # fmt: skip
        if path:
            self.photo.setText(path)

    # --- saving --------------------------------------------------------------------------
    def draft(self) -> ProductDraft:
        return ProductDraft(
            sku=self.sku.text(),
            name_th=self.name_th.text(),
            name_en=self.name_en.text(),
            category=str(self.category.currentData() or ""),
            producer=str(self.producer.currentData() or ""),
            price=self.price.text(),
            sold_by=str(self.sold_by.currentData() or "unit"),
            unit_th=self.unit_th.text(),
            unit_en=self.unit_en.text(),
            vat_exempt=self.vat_exempt.isChecked(),
            barcodes=self.codes() + ((self.barcode_entry.text(),)
                                     if self.barcode_entry.text().strip() else ()),
            story_th=self.story_th.toPlainText(),
            story_en=self.story_en.toPlainText(),
            story_url=self.story_url.text(),
            photo=self.photo.text(),
            commission_pct=self.commission.text(),
            stars=self.stars.text(),
            star_year=self.star_year.text(),
            web_safety_buffer=self.web_buffer.text(),
        )  # fmt: skip

    def save(self) -> None:
        try:
            if self.product is None:
                self.saved = self.products.add(self.actor, self.draft())
            else:
                self.saved = self.products.edit(self.actor, self.product.sku, self.draft())
        except ProductFieldError as exc:
            self.error.setText(_message(exc))
            widget = self.field_widgets.get(exc.field)
            if widget is not None:
                widget.setFocus()
            return
        except ShopError as exc:
            self.error.setText(_message(exc))
            return
        self.accept()

    def _toggle_active(self) -> None:
        if self.product is None:
            return
        try:
            self.product = self.products.set_active(self.actor, self.product.sku,
                                                    not self.product.active)  # fmt: skip
        except ShopError as exc:
            self.error.setText(_message(exc))
            return
        self.saved = self.product
        self.retranslateUi()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)


class ProductsPage(QWidget):
    """The products list: typing filters it, Enter opens the form, Ctrl+N a new product."""

    def __init__(self, services: ProductsServices, actor: Actor,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.products = services.products
        self.actor = actor
        self.form: ProductForm | None = None
        self.worker = Worker(self)
        self._searches = 0
        self._open_when_found = False
        self.choices = self.products.choices()
        th = _lang() == "th"
        self.search = style.named(QLineEdit(), "productSearch")
        self.search.textChanged.connect(self.refresh)
        self.search.installEventFilter(self)
        self.category = style.named(QComboBox(), "productFilterCategory")
        self.category.addItem("", None)
        for c in self.choices.categories:
            self.category.addItem(c.name_th if th else c.name_en, c.code)
        self.producer = style.named(QComboBox(), "productFilterProducer")
        self.producer.addItem("", None)
        for p in self.choices.producers:
            self.producer.addItem(f"{p.code} · {p.name_th if th else p.name_en}", p.code)
        self.active = style.named(QComboBox(), "productFilterActive")
        for value in (None, True, False):
            self.active.addItem("", value)
        for combo in (self.category, self.producer, self.active):
            combo.currentIndexChanged.connect(self.refresh)
        self.model = QStandardItemModel(0, COLUMNS, self)
        self.table = style.named(QTableView(), "productTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.activated.connect(lambda _i: self.open_selected())
        self.table.installEventFilter(self)
        self.status = style.named(QLabel(), "productStatus")
        self.new_button = style.named(QPushButton(), "productNew")
        self.new_button.clicked.connect(self.new_product)
        QShortcut(QKeySequence("Ctrl+N"), self).activated.connect(self.new_product)
        top = QHBoxLayout()
        self.search_label, self.category_label = QLabel(), QLabel()
        self.producer_label, self.active_label = QLabel(), QLabel()
        for label, widget in ((self.search_label, self.search),
                              (self.category_label, self.category),
                              (self.producer_label, self.producer),
                              (self.active_label, self.active)):  # fmt: skip
            label.setBuddy(widget)
            top.addWidget(label)
            top.addWidget(widget, 2 if widget is self.search else 1)
        top.addWidget(self.new_button)
        outer = QVBoxLayout(self)
        outer.addLayout(top)
        outer.addWidget(self.table, 1)
        outer.addWidget(self.status)
        self.setFocusProxy(self.search)
        self.retranslateUi()
        self.refresh()

    def retranslateUi(self) -> None:
        self.search_label.setText(self.tr("Search"))
        self.search.setPlaceholderText(self.tr("SKU, Thai or English name, barcode"))
        self.category_label.setText(self.tr("Category"))
        self.producer_label.setText(self.tr("Producer"))
        self.active_label.setText(self.tr("Status"))
        self.category.setItemText(0, self.tr("All"))
        self.producer.setItemText(0, self.tr("All"))
        for i, text in enumerate((self.tr("All"), self.tr("On sale"), self.tr("Deactivated"))):
            self.active.setItemText(i, text)
        self.new_button.setText(self.tr("New product (Ctrl+N)"))
        self.model.setHorizontalHeaderLabels([
            self.tr("SKU"), self.tr("Thai name"), self.tr("English name"), self.tr("Price"),
            self.tr("Barcodes"), self.tr("Status")])  # fmt: skip

    def query(self) -> ProductFilter:
        return ProductFilter(text=self.search.text(), category=self.category.currentData(),
                             producer=self.producer.currentData(),
                             active=self.active.currentData())  # fmt: skip

    @property
    def loading(self) -> bool:
        """A search is on its way (the list shows the previous one until it comes)."""
        return self.worker.pending > 0

    def refresh(self) -> None:
        """Search on the worker (the UI never waits on the database); only the newest
        search's answer is shown."""
        self._searches += 1
        wanted, query = self._searches, self.query()
        self.worker.run(lambda: self.products.search(query),
                        lambda rows: self._show(wanted, rows), self._search_failed,
                        name="product_search")  # fmt: skip

    def _search_failed(self, exc: Exception) -> None:
        self.status.setText(_message(exc) if isinstance(exc, ShopError) else repr(exc))

    def _show(self, wanted: int, rows: list[ProductRow]) -> None:
        if wanted != self._searches:
            return  # a newer search is on its way
        self.model.setRowCount(0)
        for r in rows:
            items = [QStandardItem(t) for t in (
                r.sku, r.name_th, r.name_en, fmt.baht(r.price), " ".join(r.barcodes),
                self.tr("on sale") if r.active else self.tr("deactivated"))]  # fmt: skip
            items[3].setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.model.appendRow(items)
        if rows:
            self.table.selectRow(0)
        self.status.setText(self.tr("{n} product(s)").format(n=len(rows)))
        if self._open_when_found:
            self._open_when_found = False
            self.open_selected()

    def shutdown(self) -> None:
        self.worker.shutdown()

    def skus(self) -> list[str]:
        return [self.model.item(r, 0).text() for r in range(self.model.rowCount())]

    def selected_sku(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.item(rows[0].row(), 0).text() if rows else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            k = event.key()
            if k in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.open_selected()
                return True
            if watched is self.search and k in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                row = self.table.currentIndex().row() + (1 if k == Qt.Key.Key_Down else -1)
                if 0 <= row < self.model.rowCount():
                    self.table.selectRow(row)
                return True
        return super().eventFilter(watched, event)

    def open_selected(self) -> None:
        if self.loading:  # Enter typed right after the search: the product it finds
            self._open_when_found = True
            return
        sku = self.selected_sku()
        if sku is None:
            return
        try:
            product = self.products.get(sku)
        except ShopError as exc:
            self.status.setText(_message(exc))
            return
        self._open(product)

    def new_product(self) -> None:
        self._open(None)

    def _open(self, product: ProductRecord | None) -> None:
        form = ProductForm(self.products, self.actor, self.choices, product, self)
        self.form = form
        form.finished.connect(lambda _r: self._closed(form))
        form.open()

    def _closed(self, form: ProductForm) -> None:
        if self.form is form:
            self.form = None
        if form.saved is not None:
            self.refresh()
            self.status.setText(self.tr("Saved {sku}").format(sku=form.saved.sku))
        form.deleteLater()
        self.window().activateWindow()  # the keyboard back to the list's search field
        self.search.setFocus()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

