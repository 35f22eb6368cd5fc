"""The till's look: the bundled OTOP Sans font, OTOP colours and one style sheet."""

from __future__ import annotations

import logging
from typing import TypeVar

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QFont, QFontDatabase, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableView,
    QWidget,
)

from resources import FONTS

log = logging.getLogger(__name__)

FAMILY = "OTOP Sans"
FONT_FILES = ("OTOPSans-Regular.ttf", "OTOPSans-Bold.ttf")

# Deep purple of Thai silk with silk-gold accents; high contrast text on light surfaces.
PURPLE = "#3d1a5b"
PURPLE_DARK = "#2a1040"
PURPLE_SOFT = "#ece4f3"
GOLD = "#c9a227"
GOLD_LIGHT = "#f6e7b0"
INK = "#1d1326"
MUTED = "#6b5c78"
SURFACE = "#f8f6fa"
CARD = "#ffffff"
RED = "#b3261e"
RED_SOFT = "#fde7e4"
GREEN = "#1e6b3a"
GREEN_SOFT = "#e3f4e8"
BLUE_SOFT = "#e8eef9"

_registered = False


def register_fonts() -> bool:
    """Register the bundled fonts once; True if OTOP Sans is available."""
    global _registered
    if _registered:
        return True
    ok = True
    for name in FONT_FILES:
        path = FONTS / name
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.error("font %s could not be loaded: Thai may show as boxes", path)
            ok = False
    _registered = ok
    return ok


def app_font(point_size: float = 11.0) -> QFont:
    font = QFont(FAMILY)
    font.setPointSizeF(point_size)
    font.setStyleHint(QFont.StyleHint.SansSerif)
    return font


def apply_app_font(app: QApplication) -> None:
    register_fonts()
    app.setFont(app_font())


def font(px: int, *, bold: bool = False) -> QFont:
    f = QFont(FAMILY)
    f.setPixelSize(px)
    f.setBold(bold)
    return f


STYLE_SHEET = f"""
QMainWindow, QDialog {{ background: {SURFACE}; color: {INK}; }}
QWidget {{ font-family: "{FAMILY}"; }}
QLabel {{ color: {INK}; }}

#header {{ background: {PURPLE}; border-bottom: 3px solid {GOLD}; }}
#header QLabel {{ color: white; }}
#header QLabel#clockLabel {{ font-size: 18px; padding-right: 16px; }}
#header QLabel#cashierLabel {{ font-size: 16px; padding-right: 12px; }}
#printerStatusBanner {{
    background: #fff3cd; border: 2px solid #d9822b; border-radius: 6px;
}}
#printerStatusBanner QLabel {{ color: #5c3300; font-size: 15px; }}
#shopTitle {{ font-size: 22px; font-weight: bold; color: white; }}
#shopSubtitle {{ font-size: 13px; color: {GOLD_LIGHT}; }}
#languageButton {{
    background: transparent; color: white; border: 2px solid {GOLD};
    border-radius: 8px; padding: 6px 14px; font-size: 15px; font-weight: bold;
}}
#languageButton:hover {{ background: {PURPLE_DARK}; }}

#scanField {{
    font-size: 26px; padding: 8px 12px; border: 3px solid {PURPLE};
    border-radius: 10px; background: white; color: {INK};
    selection-background-color: {GOLD_LIGHT}; selection-color: {INK};
}}
#scanField:focus {{ border-color: {GOLD}; }}
#scanLabel {{ font-size: 15px; color: {MUTED}; }}
#pendingQty {{
    font-size: 22px; font-weight: bold; color: {PURPLE}; background: {GOLD_LIGHT};
    border-radius: 10px; padding: 6px 14px;
}}

#messageBanner {{
    font-size: 18px; border-radius: 8px; padding: 8px 14px; border: 2px solid transparent;
}}
#messageBanner[kind="error"] {{ background: {RED_SOFT}; color: {RED}; border: 2px solid {RED}; }}
#messageBanner[kind="info"] {{
    background: {BLUE_SOFT}; color: {PURPLE_DARK}; border: 2px solid #9fb3d9;
}}
#messageBanner[kind="ok"] {{ background: {GREEN_SOFT}; color: {GREEN}; border: 2px solid {GREEN}; }}

#cartTable {{
    background: white; alternate-background-color: #faf7fc; color: {INK};
    border: 1px solid #d9cfe3; border-radius: 8px; font-size: 17px;
    gridline-color: #eee8f3;
    selection-background-color: {GOLD_LIGHT}; selection-color: {INK};
}}
QHeaderView::section {{
    background: {PURPLE_SOFT}; color: {PURPLE_DARK}; font-size: 14px; font-weight: bold;
    border: none; border-bottom: 2px solid {GOLD}; padding: 6px 8px;
}}

#totalsPanel {{ background: {PURPLE}; border-radius: 12px; }}
#totalsPanel QLabel {{ color: white; }}
#loginTitle {{ color: white; font-size: 26px; font-weight: bold; }}
QLineEdit#loginPin {{ font-size: 30px; letter-spacing: 8px; }}
#totalsPanel QLabel#loginMessage {{
    background: {RED_SOFT}; color: {RED}; padding: 6px; font-size: 16px;
}}
#totalsPanel QLabel#loginMessage[kind="info"] {{ background: {GREEN_SOFT}; color: {GREEN}; }}
QPushButton[pinKey="true"] {{ font-size: 28px; font-weight: bold; }}
#totalCaption {{ font-size: 18px; color: {GOLD_LIGHT}; }}
#totalLabel {{ font-size: 60px; font-weight: bold; color: {GOLD}; }}
#itemsLabel {{ font-size: 18px; }}
#vatLabel {{ font-size: 14px; color: {GOLD_LIGHT}; }}
#discountLabel {{ font-size: 15px; color: {GOLD_LIGHT}; }}

#lastPanel {{ background: white; border: 2px solid {PURPLE_SOFT}; border-radius: 12px; }}
#lastCaption {{ font-size: 14px; color: {MUTED}; }}
#lastName {{ font-size: 24px; font-weight: bold; color: {INK}; }}
#lastNameSecondary {{ font-size: 15px; color: {MUTED}; }}
#lastDetail {{ font-size: 20px; color: {MUTED}; }}
#lastStock {{ font-size: 15px; color: {MUTED}; }}
#lastPrice {{ font-size: 40px; font-weight: bold; color: {PURPLE}; }}
#changeDueLabel {{ font-size: 40px; font-weight: bold; color: {GREEN}; }}

#keyBar QPushButton, #keyButton {{
    min-height: 64px; font-size: 15px; color: {PURPLE_DARK}; background: white;
    border: 2px solid #cbb9da; border-radius: 10px; padding: 4px 6px;
}}
#keyBar QPushButton:hover {{ border-color: {GOLD}; background: #fffaf0; }}
#keyBar QPushButton:pressed {{ background: {GOLD_LIGHT}; }}
#keyBar QPushButton:disabled {{ color: #b7aac2; border-color: #e6deed; }}
#keyBar QPushButton#payButton {{
    background: {GOLD}; color: {PURPLE_DARK}; border: 2px solid #a8861c;
    font-size: 20px; font-weight: bold;
}}
#keyBar QPushButton#payButton:hover {{ background: #d8b33a; }}
#keyBar QPushButton#payButton:disabled {{
    background: #efe6c6; color: #a39464; border-color: #e0d3a6;
}}
#keyBar QPushButton#cancelSaleButton {{ color: {RED}; }}

QStatusBar {{ background: {PURPLE_DARK}; color: #e9e1f0; font-size: 13px; }}
QStatusBar QLabel {{ color: #e9e1f0; padding: 0 10px; }}

QDialog QPushButton {{
    min-height: 44px; font-size: 16px; padding: 4px 16px; border-radius: 8px;
    border: 2px solid #cbb9da; background: white; color: {PURPLE_DARK};
}}
QDialog QPushButton:default {{ background: {GOLD}; border-color: #a8861c; font-weight: bold; }}
QDialog QPushButton:focus {{ border-color: {GOLD}; background: #fff4d6; }}
QDialog QPushButton:default:focus {{ background: {GOLD}; border-color: {PURPLE_DARK}; }}
QDialog QPushButton:disabled {{ color: #b7aac2; border-color: #e6deed; }}
QDialog QLineEdit, QDialog QComboBox, QDialog QDoubleSpinBox {{
    font-size: 20px; padding: 6px 10px; border: 2px solid #cbb9da; border-radius: 8px;
    background: white; color: {INK};
}}
QDialog QLineEdit:focus {{ border-color: {GOLD}; }}
QDialog QLineEdit {{ selection-background-color: {GOLD_LIGHT}; selection-color: {INK}; }}
#promptpayReceived, #cashConfirm, #cardConfirm, #completeSale:enabled, #findAdd,
#quantityDialogOk, #discountDialogOk, #recallDialogOk, #confirmCancelOk, #helpDialogOk {{
    background: {GOLD}; border-color: #a8861c; color: {PURPLE_DARK}; font-weight: bold;
}}
QDialog QRadioButton {{ font-size: 16px; }}
QDialog QListWidget, QDialog QTableWidget, QDialog QTableView {{
    font-size: 16px; background: white; border: 1px solid #d9cfe3; border-radius: 8px;
    selection-background-color: {GOLD_LIGHT}; selection-color: {INK};
}}
#dialogTitle {{ font-size: 22px; font-weight: bold; color: {PURPLE}; }}
#dialogMessage {{ font-size: 16px; border-radius: 8px; padding: 6px 10px; }}
#dialogMessage[kind="error"] {{ background: {RED_SOFT}; color: {RED}; }}
#dialogMessage[kind="info"] {{ background: {BLUE_SOFT}; color: {PURPLE_DARK}; }}

#dueCaption, #remainingCaption, #changeCaption {{ font-size: 15px; color: {MUTED}; }}
#amountDue {{ font-size: 44px; font-weight: bold; color: {PURPLE}; }}
#remainingLabel {{ font-size: 36px; font-weight: bold; color: {RED}; }}
#remainingLabel[settled="true"] {{ color: {GREEN}; }}
#changeLabel {{ font-size: 44px; font-weight: bold; color: {GREEN}; }}
#methodBar QPushButton {{ min-height: 64px; font-size: 18px; }}
#methodBar QPushButton:checked {{ background: {PURPLE}; color: white; border-color: {PURPLE}; }}
#quickCash QPushButton {{ min-height: 56px; font-size: 20px; font-weight: bold; }}
#promptpayAmountLabel {{ font-size: 30px; font-weight: bold; color: {PURPLE}; }}
#qrFrame {{ background: white; border: 2px solid {PURPLE_SOFT}; border-radius: 12px; }}
#receiptText {{ background: white; color: black; font-size: 15px; border: 1px solid #d9cfe3; }}
#helpText {{ font-size: 16px; }}
"""


W = TypeVar("W", bound=QWidget)


def named(widget: W, name: str) -> W:
    """`widget` with its objectName set (for the style sheet and for tests)."""
    widget.setObjectName(name)
    return widget


def button(name: str, text: str = "") -> QPushButton:
    """A push button that never takes the keyboard focus nor fires on Enter by itself."""
    b = named(QPushButton(text), name)
    b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    b.setAutoDefault(False)
    b.setDefault(False)
    return b


class ElidedLabel(QLabel):
    """A one-line label that gives up width before anything else in its row: a text too
    long for the room it gets ends in "…" and the whole text is its tooltip (a long English
    shop name in the till's header, issue 13 item 15), never a text cut mid-letter."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setText(text)

    def full_text(self) -> str:
        return self._full

    def setText(self, text: str) -> None:
        self._full = text
        self.updateGeometry()
        self._elide()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(self.fontMetrics().horizontalAdvance(self._full) + 2, hint.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(self.fontMetrics().horizontalAdvance("…") + 2, super().sizeHint().height())

    def _elide(self) -> None:
        room = self.contentsRect().width()
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, room)
        super().setText(shown)
        self.setToolTip(self._full if shown != self._full else "")

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.updateGeometry()
            self._elide()


class WholeRows(QObject):
    """Rows of `table` at least `least` px high, sized so its view holds whole rows only: at
    the end of a long cart the top row is never cut in half under the header (issue 13 item
    15). The few pixels that whole rows leave over go to the header."""

    def __init__(self, table: QTableView, least: int) -> None:
        super().__init__(table)
        self._table, self._least = table, least
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.verticalHeader().setDefaultSectionSize(least)
        table.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._table and event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def fit(self) -> None:
        table = self._table
        head = table.horizontalHeader()
        base = head.sizeHint().height()
        bar = table.horizontalScrollBar()
        room = table.contentsRect().height() - base - (bar.height() if bar.isVisible() else 0)
        rows = max(1, room // self._least)
        row = max(self._least, room // rows)
        table.verticalHeader().setDefaultSectionSize(row)
        head.setMinimumHeight(base + max(0, room - rows * row))
