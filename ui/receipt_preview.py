"""The receipt preview: a non-modal window showing the committed sale's receipt text."""

from __future__ import annotations

import re
from enum import Enum

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFontMetrics, QKeySequence, QResizeEvent, QShortcut, QTextOption
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from ui import style

# a printer line "left ...padding... right" (two columns) or "   centred text"
_TWO_COLUMNS = re.compile(r"^(?P<left>\s*\S.*?)\s{2,}(?P<right>\S.*?)\s*$")
_CENTRED = re.compile(r"^(?: |\s{3,})(?P<text>\S.*?)\s*$")  # 2 spaces: an indented line
_RULE = re.compile(r"^\s*([-=])\1{7,}\s*$")


def layout_lines(text: str) -> list[tuple[str, str, str]]:
    """Classify the fixed-width receipt lines: ('centre', text, ''), ('columns', left,
    right), ('rule', char, '') or ('plain', line, '').

    The receipt is laid out for a fixed-pitch printer with spaces; the only face on the
    counter's machine with Thai (OTOP Sans) is proportional, so the preview re-aligns
    centred lines and right-hand amounts with tab stops instead of spaces.
    """
    out: list[tuple[str, str, str]] = []
    for line in text.splitlines():
        rule = _RULE.match(line)
        if rule:
            out.append(("rule", rule[1], ""))
            continue
        centred = _CENTRED.match(line)
        if centred and "  " not in centred["text"]:
            out.append(("centre", centred["text"], ""))
            continue
        columns = _TWO_COLUMNS.match(line)
        if columns:
            out.append(("columns", columns["left"], columns["right"]))
        else:
            out.append(("plain", line.rstrip(), ""))
    return out


class PreviewKind(Enum):
    """What the preview shows: each document says what it is in its title."""

    RECEIPT = "receipt"
    X_REPORT = "x_report"
    Z_REPORT = "z_report"
    REFUND = "refund"


class ReceiptPreview(QDialog):
    """Shows a receipt, an X or Z report or a refund slip in OTOP Sans (the only face with
    Thai on the counter's machine).

    It appears without taking the keyboard, so the next customer's scans still go to the
    scan field (the till closes it on Esc and on the next scan: it never covers the cart).
    """

    activated = Signal()  # the cashier clicked it: the till takes the keyboard back

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("receiptPreview")
        self.setModal(False)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
        self.resize(500, 700)
        self._receipt_no = ""
        self._kind = PreviewKind.RECEIPT
        self._source = ""

        self._title = style.named(QLabel(), "dialogTitle")
        self._text = style.named(QPlainTextEdit(), "receiptText")
        self._text.setReadOnly(True)
        self._text.setFont(style.font(15))
        self._text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self._text.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._close = style.button("closePreview")
        self._close.clicked.connect(self.close)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self._close)
        layout = QVBoxLayout(self)
        layout.addWidget(self._title)
        layout.addWidget(self._text, 1)
        layout.addLayout(buttons)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)
        self.retranslateUi()

    @property
    def text(self) -> str:
        """The receipt text as rendered for the printer."""
        return self._source

    @property
    def shown_text(self) -> str:
        return str(self._text.toPlainText())

    @property
    def receipt_no(self) -> str:
        """The number of the document shown (a receipt's, a Z report's, a refund's)."""
        return self._receipt_no

    @property
    def kind(self) -> PreviewKind:
        return self._kind

    @property
    def heading(self) -> str:
        return str(self._title.text())

    def show_receipt(self, receipt_no: str, text: str) -> None:
        self.show_document(PreviewKind.RECEIPT, receipt_no, text)

    def show_document(self, kind: PreviewKind, number: str, text: str) -> None:
        """Show `text`, a document of `kind` (its `number`, "" for an X report)."""
        self._kind = kind
        self._receipt_no = number
        self._source = text
        self.retranslateUi()
        self.show()
        self.raise_()
        self._render()

    def _render(self) -> None:
        view = self._text
        margin = int(view.document().documentMargin())
        width = max(200, view.viewport().width() - 2 * margin - 6)
        centre = width // 2
        option = view.document().defaultTextOption()
        option.setTabs(
            [
                QTextOption.Tab(float(centre), QTextOption.TabType.CenterTab),
                QTextOption.Tab(float(width), QTextOption.TabType.RightTab),
            ]
        )
        view.document().setDefaultTextOption(option)
        metrics = QFontMetrics(view.font())
        lines = []
        for kind, first, second in layout_lines(self._source):
            if kind == "centre":
                lines.append(f"\t{first}")
            elif kind == "rule":
                lines.append(first * max(8, width // max(1, metrics.horizontalAdvance(first))))
            elif kind == "columns":
                # past the centre stop, one tab reaches the right-hand stop
                tabs = "\t\t" if metrics.horizontalAdvance(first) < centre - 8 else "\t"
                lines.append(f"{first}{tabs}{second}")
            else:
                lines.append(first)
        view.setPlainText("\n".join(lines))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._source:
            self._render()

    def _document_title(self) -> str:
        number, kind = self._receipt_no, self._kind
        if kind is PreviewKind.X_REPORT:
            return self.tr("X report (shift so far)")
        if kind is PreviewKind.Z_REPORT:
            return (self.tr("Z report {number}").format(number=number) if number
                    else self.tr("Z report"))
        if kind is PreviewKind.REFUND:
            return (self.tr("Refund slip {number}").format(number=number) if number
                    else self.tr("Refund slip"))
        return self.tr("Receipt {number}").format(number=number) if number else self.tr("Receipt")

    def retranslateUi(self) -> None:
        title = self._document_title()
        self.setWindowTitle(title)
        self._title.setText(title)
        self._close.setText(self.tr("Close (Esc)"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        elif event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.activated.emit()
        super().changeEvent(event)
