"""The labels window: choose products, pick a sheet, preview the page, print or save a PDF."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QImage, QPagedPaintDevice, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos.domain.auth import Action, Actor
from pos.domain.errors import ShopError
from pos.domain.labels import (
    BUILTIN_TEMPLATES,
    DEFAULT_TEMPLATE,
    LabelBatch,
    LabelError,
    LabelQuery,
    LabelTemplate,
    custom_template,
    format_label_price,
    parse_sku_copies,
    place_labels,
)
from pos.ports.labels import LabelChoices
from pos.services.auth import Auth
from pos.services.labels import LabelDesk, LabelItem, PrintedBatch, placeholder_warning
from ui import i18n, style
from ui.save_file import ask_save_path
from ui.worker import Worker

log = logging.getLogger(__name__)

PREVIEW_DPI = 72
COL_PRINT, COL_SKU, COL_NAME, COL_PRICE, COL_LAST, COL_COPIES = range(6)


class LabelsWindow(QMainWindow):
    """Selection on the left, the products found in the middle, the sheet and its preview on
    the right. Database work and PDF writing run on the background worker."""

    itemsLoaded = Signal(int)
    batchDone = Signal(object)  # PrintedBatch or LabelBatch

    def __init__(self, desk: LabelDesk, language: str = "th") -> None:
        super().__init__()
        self.setObjectName("labelsWindow")
        self.desk = desk
        self.language = language
        self.worker = Worker(self)
        self.items: list[LabelItem] = []
        self.page = 0
        self.pages = 0
        self.label_count = 0  # labels in the job as the preview shows it
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(120)
        self._preview_timer.timeout.connect(self.update_preview)
        self.setStyleSheet(style.STYLE_SHEET)
        self._build()
        self.setWindowTitle(self.tr("Shelf labels"))
        self.worker.run(desk.choices, self._on_choices, self._on_failure, name="label_choices")

    # --- building ------------------------------------------------------------------------
    def _build(self) -> None:
        # fits a 1366x768 laptop screen with Print and Save PDF in view (issue 13, item 20)
        screen = self.screen().availableGeometry() if self.screen() else None
        width, height = 1400, 860
        if screen is not None:
            width, height = min(width, screen.width()), min(height, screen.height() - 40)
        self.resize(width, height)
        central = QWidget()
        outer = QHBoxLayout(central)

        pick = QGroupBox(self.tr("What to label"))
        form = QFormLayout(pick)
        self.search = style.named(QLineEdit(), "labelSearch")
        self.search.setPlaceholderText(self.tr("SKU, barcode or name"))
        self.search.returnPressed.connect(self.find_products)
        self.category = style.named(QComboBox(), "labelCategory")
        self.producer = style.named(QComboBox(), "labelProducer")
        self.district = style.named(QComboBox(), "labelDistrict")
        for combo in (self.category, self.producer, self.district):
            combo.addItem(self.tr("All"), None)
        self.skus = style.named(QLineEdit(), "labelSkus")
        self.skus.setPlaceholderText("KK-SILK-001:3 KK-TEA-001")
        self.skus.returnPressed.connect(self.find_products)  # Enter finds, as in the search
        self.new_only = style.named(QCheckBox(self.tr("New products (never labelled)")), "labelNew")
        self.changed_only = style.named(
            QCheckBox(self.tr("Price changed since the last label")), "labelChanged"
        )
        self.copies = style.named(QSpinBox(), "labelCopies")
        self.copies.setRange(1, 1000)
        self.find_button = style.named(QPushButton(self.tr("Find")), "labelFind")
        self.find_button.clicked.connect(self.find_products)
        form.addRow(self.tr("Search"), self.search)
        form.addRow(self.tr("Category"), self.category)
        form.addRow(self.tr("Producer"), self.producer)
        form.addRow(self.tr("District"), self.district)
        form.addRow(self.tr("SKUs"), self.skus)
        form.addRow(self.new_only)
        form.addRow(self.changed_only)
        form.addRow(self.tr("Copies of each"), self.copies)
        form.addRow(self.find_button)
        outer.addWidget(pick)

        middle = QVBoxLayout()
        self.table = style.named(QTableWidget(0, 6), "labelTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Print"), "SKU", self.tr("Product"), self.tr("Price"),
             self.tr("Last label"), self.tr("Copies")]
        )  # fmt: skip
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        for col in range(6):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        # the whole name (silks differ only in their pattern's name): never cut, the list scrolls
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.table.setWordWrap(False)
        header.setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.itemChanged.connect(self._on_item_changed)
        self.status = style.named(QLabel(), "labelStatus")
        self.status.setWordWrap(True)
        # QR codes to the demo placeholder site lead nowhere: said loudly, above the list
        self.story_warning = style.named(QLabel(), "labelStoryWarning")
        self.story_warning.setWordWrap(True)
        self.story_warning.setStyleSheet(
            "background: #b00020; color: white; font-weight: bold; padding: 6px;"
        )
        self.story_warning.hide()
        middle.addWidget(self.story_warning)
        middle.addWidget(self.table, 1)
        middle.addWidget(self.status)
        outer.addLayout(middle, 2)

        right = QVBoxLayout()
        sheet = QGroupBox(self.tr("Sheet"))
        sform = QFormLayout(sheet)
        self.template = style.named(QComboBox(), "labelTemplate")
        for name, t in BUILTIN_TEMPLATES.items():
            self.template.addItem(t.title_th if self.language == "th" else t.title_en, name)
        self.template.addItem(self.tr("Custom…"), "custom")
        self.template.setCurrentIndex(self.template.findData(DEFAULT_TEMPLATE))
        self.template.currentIndexChanged.connect(self._on_template)
        self.rows = style.named(QSpinBox(), "labelRows")
        self.cols = style.named(QSpinBox(), "labelCols")
        for spin in (self.rows, self.cols):
            spin.setRange(1, 30)
            spin.valueChanged.connect(self._schedule_preview)
        self.rows.setValue(7)
        self.cols.setValue(3)
        self.margins = style.named(QLineEdit("0,0,0,0"), "labelMargins")
        self.gaps = style.named(QLineEdit("0,0"), "labelGaps")
        for edit in (self.margins, self.gaps):
            edit.editingFinished.connect(self._schedule_preview)
        self.start = style.named(QSpinBox(), "labelStart")
        self.start.setRange(1, 21)
        self.start.valueChanged.connect(self._schedule_preview)
        sform.addRow(self.tr("Template"), self.template)
        sform.addRow(self.tr("Rows"), self.rows)
        sform.addRow(self.tr("Columns"), self.cols)
        sform.addRow(self.tr("Margins mm (top,right,bottom,left)"), self.margins)
        sform.addRow(self.tr("Gaps mm (across,down)"), self.gaps)
        sform.addRow(self.tr("Start at position"), self.start)
        right.addWidget(sheet)
        self.preview = style.named(QLabel(), "labelPreview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(300, 300)
        # the page picture follows the space it is given, never the other way round (a pixmap
        # wider than that space drew over the page navigation)
        self.preview.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        right.addWidget(self.preview, 1)
        nav = QHBoxLayout()
        self.prev_page = style.named(QPushButton("◀"), "labelPrevPage")
        self.next_page = style.named(QPushButton("▶"), "labelNextPage")
        self.page_label = style.named(QLabel(), "labelPage")
        self.prev_page.clicked.connect(lambda: self.show_page(self.page - 1))
        self.next_page.clicked.connect(lambda: self.show_page(self.page + 1))
        nav.addWidget(self.prev_page)
        nav.addWidget(self.page_label, 1)
        nav.addWidget(self.next_page)
        right.addLayout(nav)
        buttons = QHBoxLayout()
        self.print_button = style.named(QPushButton(self.tr("Print…")), "labelPrint")
        self.save_button = style.named(QPushButton(self.tr("Save PDF…")), "labelSave")
        self.print_button.clicked.connect(self._print_clicked)
        self.save_button.clicked.connect(self._save_clicked)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        right.addLayout(buttons)
        outer.addLayout(right, 2)
        self.setCentralWidget(central)
        self._on_template()

    # --- choices and finding ---------------------------------------------------------------
    def _on_choices(self, choices: LabelChoices) -> None:
        th = self.language == "th"
        for code, name_th, name_en in choices.categories:
            self.category.addItem(name_th if th else name_en, code)
        for code, name_th, name_en in choices.producers:
            self.producer.addItem(f"{name_th if th else name_en} ({code})", code)
        for name_th, name_en in choices.districts:
            self.district.addItem(name_th if th else name_en, name_th)

    def query(self) -> tuple[LabelQuery, dict[str, int]]:
        sku_copies: dict[str, int] = {}
        skus: list[str] = []
        for item in self.skus.text().replace(",", " ").split():
            sku, n = parse_sku_copies(item, self.copies.value())
            if sku not in sku_copies:
                skus.append(sku)
            sku_copies[sku] = n
        query = LabelQuery(
            text=self.search.text().strip(),
            category=self.category.currentData(),
            producer=self.producer.currentData(),
            district=self.district.currentData(),
            skus=tuple(skus),
            new=self.new_only.isChecked(),
            changed=self.changed_only.isChecked(),
        )
        return query, sku_copies

    def find_products(self) -> None:
        try:
            query, sku_copies = self.query()
        except ShopError as exc:
            self.say(exc)
            return
        copies = self.copies.value()
        self.find_button.setEnabled(False)
        self.worker.run(
            lambda: self.desk.find(query, copies, sku_copies),
            self._on_found,
            self._on_failure,
            name="find_labels",
        )

    def _on_found(self, items: list[LabelItem]) -> None:
        self.find_button.setEnabled(True)
        self.items = items
        self.table.blockSignals(True)
        self.table.setRowCount(len(items))
        th = self.language == "th"
        for row, item in enumerate(items):
            p = item.product
            check = QTableWidgetItem()
            check.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            check.setCheckState(Qt.CheckState.Checked)
            self.table.setItem(row, COL_PRINT, check)
            for col, text in (
                (COL_SKU, p.sku),
                (COL_NAME, p.name_th if th else p.name_en),
                (COL_PRICE, format_label_price(p.price)),
                (COL_LAST, "" if p.last_label_price is None else format_label_price(
                    p.last_label_price)),
            ):  # fmt: skip
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                cell.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(row, col, cell)
            copies = QTableWidgetItem(str(item.copies))
            copies.setFlags(
                Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsEditable
            )  # fmt: skip
            self.table.setItem(row, COL_COPIES, copies)
        self.table.blockSignals(False)
        warning = placeholder_warning(items)
        self.story_warning.setText(warning or "")
        self.story_warning.setVisible(warning is not None)
        self.say(self.tr("%1 product(s) found").replace("%1", str(len(items))))
        self.page = 0
        self.update_preview()
        self.itemsLoaded.emit(len(items))

    def _on_item_changed(self, cell: QTableWidgetItem) -> None:
        if cell.column() == COL_COPIES:
            text = cell.text().strip()
            if not text.isdigit() or not 0 <= int(text) <= 1000:
                self.table.blockSignals(True)
                cell.setText("1")
                self.table.blockSignals(False)
        self._schedule_preview()

    def selected_items(self) -> list[LabelItem]:
        """The products ticked, each with the copies typed in its row."""
        out = []
        for row, item in enumerate(self.items):
            check = self.table.item(row, COL_PRINT)
            copies = self.table.item(row, COL_COPIES)
            if check is None or check.checkState() != Qt.CheckState.Checked:
                continue
            n = int(copies.text()) if copies is not None and copies.text().isdigit() else 0
            if n:
                out.append(replace(item, copies=n))
        return out

    def set_copies(self, row: int, copies: int) -> None:
        cell = self.table.item(row, COL_COPIES)
        if cell is not None:
            cell.setText(str(copies))

    # --- sheet and preview -----------------------------------------------------------------
    def _on_template(self) -> None:
        custom = self.template.currentData() == "custom"
        for w in (self.rows, self.cols, self.margins, self.gaps):
            w.setEnabled(custom)
        try:
            self.start.setMaximum(self.sheet_template().per_page)
        except ShopError as exc:
            self.say(exc)
        self._schedule_preview()

    def sheet_template(self) -> LabelTemplate:
        name = self.template.currentData()
        if name != "custom":
            return BUILTIN_TEMPLATES[name]

        def numbers(text: str, count: int) -> list[float]:
            try:
                values = [float(v) for v in text.split(",")]
            except ValueError:
                values = []
            if len(values) == 1:
                values *= count
            if len(values) != count:
                raise LabelError(
                    f"Give {count} numbers in mm, separated by commas",
                    f"ใส่ตัวเลข {count} ค่า (มม.) คั่นด้วยจุลภาค",
                )
            return values

        top, right, bottom, left = numbers(self.margins.text(), 4)
        gx, gy = numbers(self.gaps.text(), 2)
        return custom_template(
            self.rows.value(), self.cols.value(), margins=(top, right, bottom, left), gaps=(gx, gy)
        )

    def _schedule_preview(self) -> None:
        self._preview_timer.start()

    def update_preview(self) -> None:
        try:
            template = self.sheet_template()
        except ShopError as exc:
            self.say(exc)
            return
        self.start.setMaximum(template.per_page)
        items = self.selected_items()
        try:
            placements = place_labels([i.copies for i in items], template, self.start.value())
        except ShopError as exc:
            self.say(exc)
            return
        self.pages = max((p.page for p in placements), default=-1) + 1
        self.page = min(self.page, max(0, self.pages - 1))
        labels = [i.label for i in items]
        image: QImage = self.desk.page_image(labels, placements, template, self.page, PREVIEW_DPI)
        pixmap = QPixmap.fromImage(image).scaled(
            self.preview.size(),
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        self.preview.setPixmap(pixmap)
        count = self.label_count = len(placements)
        self.page_label.setText(
            self.tr("Page %1 of %2 · %3 label(s)")
            .replace("%1", str(self.page + 1 if self.pages else 0))
            .replace("%2", str(self.pages))
            .replace("%3", str(count))
        )
        self.prev_page.setEnabled(self.page > 0)
        self.next_page.setEnabled(self.page + 1 < self.pages)
        ready = count > 0
        self.print_button.setEnabled(ready)
        self.save_button.setEnabled(ready)

    def show_page(self, page: int) -> None:
        if 0 <= page < self.pages:
            self.page = page
            self.update_preview()

    # --- printing ----------------------------------------------------------------------------
    def _job(self) -> tuple[list[LabelItem], LabelTemplate, int]:
        return self.selected_items(), self.sheet_template(), self.start.value()

    def _save_clicked(self) -> None:
        path = ask_save_path(self, self.tr("Save labels as PDF"), "labels.pdf", "PDF (*.pdf)")
        if path is not None:
            self.save_pdf_to(path)

    def save_pdf_to(self, path: Path) -> None:
        """Write the labels as a PDF on the worker, then log the batch."""
        try:
            items, template, start = self._job()
        except ShopError as exc:
            self.say(exc)
            return
        self.save_button.setEnabled(False)

        def done(printed: PrintedBatch) -> None:
            self.save_button.setEnabled(True)
            self.say(
                self.tr("Saved %1 label(s) on %2 page(s) to %3")
                .replace("%1", str(printed.labels))
                .replace("%2", str(printed.pages))
                .replace("%3", str(path))
            )
            self.batchDone.emit(printed)

        self.worker.run(
            lambda: self.desk.save_pdf(items, template, start, path),
            done,
            self._on_failure,
            name="save_labels_pdf",
        )

    def _print_clicked(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPagedPaintDevice) -> None:
        """Draw the pages on `printer` (Qt lays out the same labels as the PDF), then log."""
        try:
            items, template, start = self._job()
            placements = place_labels([i.copies for i in items], template, start)
            pages = self.desk.paint_pages(printer, [i.label for i in items], placements, template)
        except ShopError as exc:
            self.say(exc)
            return
        except RuntimeError as exc:  # the printer could not be opened
            self.say(LabelError(f"Printing failed: {exc}", f"พิมพ์ไม่สำเร็จ: {exc}"))
            return

        def done(batch: LabelBatch) -> None:
            self.say(self.tr("Sent %1 page(s) to the printer").replace("%1", str(pages)))
            self.batchDone.emit(batch)

        self.worker.run(
            lambda: self.desk.record(items, template), done, self._on_failure, name="log_labels"
        )

    # --- messages ----------------------------------------------------------------------------
    def say(self, message: str | ShopError) -> None:
        if isinstance(message, ShopError):
            message = message.message("th" if self.language == "th" else "en")
            self.status.setProperty("kind", "error")
        else:
            self.status.setProperty("kind", "info")
        self.status.setText(message)

    def _on_failure(self, exc: Exception) -> None:
        self.find_button.setEnabled(True)
        self.save_button.setEnabled(True)
        if isinstance(exc, ShopError):
            self.say(exc)
        else:
            self.say(LabelError(f"Something went wrong: {exc}", f"เกิดข้อผิดพลาด: {exc}"))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.worker.shutdown()
        super().closeEvent(event)


class LabelsLoginDialog(QDialog):
    """Label staff log in (user name and PIN) before the labels window opens."""

    def __init__(self, auth: Auth, language: str = "th") -> None:
        super().__init__()
        self.setObjectName("labelsLogin")
        self.auth = auth
        self.language = language
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("Shelf labels: log in"))
        self.setStyleSheet(style.STYLE_SHEET)
        form = QFormLayout(self)
        self.username = style.named(QLineEdit("labels"), "labelsLoginUser")
        self.pin = style.named(QLineEdit(), "labelsLoginPin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.returnPressed.connect(self.try_login)
        self.error = style.named(QLabel(), "labelsLoginError")
        self.error.setWordWrap(True)
        self.login_button = style.named(QPushButton(self.tr("Log in")), "labelsLoginOk")
        self.login_button.clicked.connect(self.try_login)
        form.addRow(self.tr("User"), self.username)
        form.addRow("PIN", self.pin)
        form.addRow(self.error)
        form.addRow(self.login_button)
        self.pin.setFocus()

    def try_login(self) -> None:
        try:
            actor = self.auth.login(self.username.text().strip(), self.pin.text())
            self.auth.require(actor, Action.PRINT_LABELS)  # label staff or higher
        except ShopError as exc:
            self.error.setText(exc.message("th" if self.language == "th" else "en"))
            self.pin.clear()
            return
        self.actor = actor
        self.accept()


def run_labels(desk: LabelDesk, *, language: str = "th", auth: Auth | None = None) -> int:
    """Open the labels window on its own (otop-pos labels --window), after a PIN log-in."""
    from ui.app import ensure_app

    app = ensure_app()
    i18n.install_language(language)
    if auth is not None:
        login = LabelsLoginDialog(auth, language)
        if login.exec() != QDialog.DialogCode.Accepted:
            return 1
    window = LabelsWindow(desk, language)
    window.show()
    return int(app.exec() if isinstance(app, QApplication) else 0)
