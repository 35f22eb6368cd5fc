"""Find a product by Thai or English name, SKU or barcode, from the in-memory index."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos.ports.catalog import SearchRow
from pos.ports.orders import StockFigure
from pos.services.search import ProductIndex
from ui import format as fmt
from ui import style

LIMIT = 50


class FindDialog(QDialog):
    """Type part of a name (tone marks optional); Enter adds the selected product."""

    productChosen = Signal(object)  # SearchRow
    # the product ids listed: the owner looks their stock up and answers with set_stock
    rowsShown = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findDialog")
        self.setModal(True)
        self.resize(900, 560)
        self._index: ProductIndex | None = None
        self._rows: list[SearchRow] = []
        self._stock: dict[str, StockFigure] = {}

        self._title = style.named(QLabel(), "dialogTitle")
        self._query = style.named(QLineEdit(), "findQuery")
        self._query.setClearButtonEnabled(True)
        self._query.textChanged.connect(self._search)
        self._query.installEventFilter(self)
        self._status = style.named(QLabel(), "findStatus")
        self._table = style.named(QTableWidget(0, 5), "findResults")
        self._table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self._table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._table.verticalHeader().setVisible(False)
        self._table.verticalHeader().setDefaultSectionSize(40)
        header = self._table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.ResizeToContents)
        self._table.cellDoubleClicked.connect(lambda row, _col: self._choose(row))
        self._add = style.button("findAdd")
        self._add.clicked.connect(lambda: self._choose(self._table.currentRow()))
        self._cancel = style.button("findCancel")
        self._cancel.clicked.connect(self.reject)

        buttons = QHBoxLayout()
        buttons.addWidget(self._status, 1)
        buttons.addWidget(self._cancel)
        buttons.addWidget(self._add)
        layout = QVBoxLayout(self)
        layout.addWidget(self._title)
        layout.addWidget(self._query)
        layout.addWidget(self._table, 1)
        layout.addLayout(buttons)
        self.retranslateUi()

    # --- API -------------------------------------------------------------------------
    @property
    def results(self) -> list[SearchRow]:
        return list(self._rows)

    def stock_text(self, row: int) -> str:
        item = self._table.item(row, 4)
        return item.text() if item is not None else ""

    def set_stock(self, figures: dict[str, StockFigure]) -> None:
        """Stock figures (on hand, reserved by online orders) for rows listed."""
        self._stock.update(figures)
        for r, row in enumerate(self._rows):
            if row.product_id in figures:
                self._table.setItem(r, 4, self._stock_item(figures[row.product_id]))

    def _stock_item(self, figure: StockFigure | None) -> QTableWidgetItem:
        text = ""
        if figure is not None:
            text = fmt.stock(figure.on_hand)
            if figure.reserved:
                text += " " + self.tr("(reserved {n})").format(n=figure.reserved)
        item = QTableWidgetItem(text)
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return item

    def set_index(self, index: ProductIndex | None) -> None:
        self._index = index
        self._search(self._query.text())

    def start(self, text: str = "") -> None:
        """Open for a new search (optionally starting from what was typed in the scan field);
        the stock figures are read again as the rows are listed."""
        self._stock.clear()
        self._query.setText(text)
        self._search(text)
        self.open()
        self._query.setFocus()

    # --- behaviour -------------------------------------------------------------------
    def _search(self, text: str) -> None:
        if self._index is None:
            self._rows = []
            self._fill()
            self._status.setText(self.tr("Loading catalogue…"))
            return
        self._rows = self._index.search(text, limit=LIMIT) if text.strip() else []
        self._fill()
        if not text.strip():
            self._status.setText(
                self.tr("{count} products: type part of a name, SKU or barcode").format(
                    count=f"{len(self._index):,}"
                )
            )
        elif not self._rows:
            self._status.setText(self.tr("No product matches"))
        else:
            self._status.setText(self.tr("{count} found").format(count=len(self._rows)))

    def _fill(self) -> None:
        table = self._table
        table.setRowCount(len(self._rows))
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for r, row in enumerate(self._rows):
            price = QTableWidgetItem(fmt.money(row.price))
            price.setTextAlignment(right)
            stock = self._stock_item(self._stock.get(row.product_id))
            for c, item in enumerate(
                (QTableWidgetItem(row.name_th), QTableWidgetItem(row.name_en),
                 QTableWidgetItem(row.sku), price, stock)
            ):
                table.setItem(r, c, item)
        if self._rows:
            table.selectRow(0)
            self.rowsShown.emit([row.product_id for row in self._rows])

    def _choose(self, row: int) -> None:
        if not 0 <= row < len(self._rows):
            return
        chosen = self._rows[row]
        self.accept()
        self.productChosen.emit(chosen)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._query and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = Qt.Key(event.key())
            steps = {
                Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1,
                Qt.Key.Key_PageDown: 10, Qt.Key.Key_PageUp: -10,
            }
            if key in steps and self._rows:
                row = max(0, min(len(self._rows) - 1, self._table.currentRow() + steps[key]))
                self._table.selectRow(row)
                self._table.scrollTo(self._table.model().index(row, 0))
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._choose(self._table.currentRow())
                return True
        return super().eventFilter(watched, event)

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Find product"))
        self._title.setText(self.tr("Find product (F2)"))
        self._query.setPlaceholderText(
            self.tr("Thai or English name, SKU or barcode — tone marks optional")
        )
        self._table.setHorizontalHeaderLabels(
            [self.tr("Thai name"), self.tr("English name"), self.tr("SKU"), self.tr("Price"),
             self.tr("Stock")]
        )
        self._add.setText(self.tr("Add (Enter)"))
        self._cancel.setText(self.tr("Close (Esc)"))
        self._search(self._query.text())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)
