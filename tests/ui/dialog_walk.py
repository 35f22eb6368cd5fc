"""Open every window and dialog of the till and the labels window, one after the other, as a
cashier does (keys into the focused widget), and hand each one to a check while it is up.

Shared by the Thai walk (no English UI word in any of them) and the 1366x768 fit walk."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import Qt, QTimer
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from pos.app.bootstrap import Store, build_label_desk
from pos.domain.settings import Settings
from tests.ui.conftest import (
    SILK,
    TEA,
    back_to_scanning,
    demo_store,
    key,
    log_in,
    modal,
    open_till,
    scan_and_wait,
    type_text,
)
from ui import i18n
from ui.app import ensure_app
from ui.find_dialog import FindDialog
from ui.labels_window import LabelsWindow
from ui.payment_dialog import PaymentDialog
from ui.till.window import TillWindow

# what is shown, and the window (or dialog) to check while it is
Visit = Callable[[str, QWidget], None]

SCREEN_W, SCREEN_H = 1366, 768


@contextmanager
def walk_store(url: str) -> Iterator[Store]:
    """The tests/ui demo store, its story QR codes on a real-looking site (the demo
    placeholder's warning is deliberately in both languages)."""
    settings = Settings(story_url_template="https://kk-otop.example/p/{sku}")
    with demo_store(url, settings) as opened:
        yield opened


def settle(qtbot: QtBot) -> None:
    """Let layouts and delayed work (a preview drawn after a pause) finish."""
    qtbot.wait(150)
    QApplication.processEvents()


def shown(qtbot: QtBot, name: str) -> QWidget:
    """The visible top-level window called `name` (a modal dialog or not)."""

    def find() -> QWidget | None:
        for w in QApplication.topLevelWidgets():
            if w.objectName() == name and w.isVisible():
                return w
        return None

    qtbot.waitUntil(lambda: find() is not None, timeout=5_000)
    found = find()
    assert found is not None
    return found


def _press(
    qtbot: QtBot,
    till: TillWindow,
    k: Qt.Key,
    mod: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    back_to_scanning(qtbot, till)
    qtbot.keyClick(QApplication.focusWidget() or till.scan_field, k, mod)


def _visit_modal(qtbot: QtBot, visit: Visit, name: str) -> QDialog:
    dialog = modal(qtbot, name)
    assert isinstance(dialog, QDialog)
    settle(qtbot)
    visit(name, dialog)
    return dialog


def _close(qtbot: QtBot, till: TillWindow, dialog: QDialog) -> None:
    dialog.reject()
    back_to_scanning(qtbot, till)


def _field(dialog: QWidget, name: str) -> QLineEdit:
    field = dialog.findChild(QLineEdit, name)
    assert field is not None, name
    return field


def walk_till(qtbot: QtBot, store: Store, visit: Visit) -> list[str]:
    """Every window and dialog of the till, in Thai, on a 1366x768 window; returns the names
    visited (the caller checks the walk missed none)."""
    seen: list[str] = []

    def look(name: str, w: QWidget) -> None:
        seen.append(name)
        visit(name, w)

    with open_till(qtbot, store, logged_in=False) as till:
        settle(qtbot)
        look("loginPage", till)
        log_in(qtbot, till, "cashier", "0000")  # a wrong PIN: its message on the page
        assert till.login_page.message
        settle(qtbot)
        look("loginPageError", till)
        log_in(qtbot, till, "cashier", "1111")
        dialog = _visit_modal(qtbot, look, "openShiftDialog")
        qtbot.keyClicks(_field(dialog, "floatField"), "2000")
        qtbot.keyClick(_field(dialog, "floatField"), Qt.Key.Key_Return)
        back_to_scanning(qtbot, till)

        _press(qtbot, till, Qt.Key.Key_F1)
        _close(qtbot, till, _visit_modal(qtbot, look, "helpDialog"))

        _press(qtbot, till, Qt.Key.Key_F2)
        find = modal(qtbot, "findDialog")
        assert isinstance(find, FindDialog)
        type_text(_field(find, "findQuery"), "ไหม")
        qtbot.waitUntil(lambda: len(find.results) > 0, timeout=5_000)
        _close(qtbot, till, _visit_modal(qtbot, look, "findDialog"))

        scan_and_wait(qtbot, till, SILK)
        scan_and_wait(qtbot, till, "2*" + TEA)
        settle(qtbot)
        look("tillWindow", till)
        for k, name in (
            (Qt.Key.Key_F3, "quantityDialog"),
            (Qt.Key.Key_F4, "discountDialog"),
            (Qt.Key.Key_F7, "basketDialog"),
        ):
            _press(qtbot, till, k)
            _close(qtbot, till, _visit_modal(qtbot, look, name))
        _press(qtbot, till, Qt.Key.Key_F4, Qt.KeyboardModifier.ShiftModifier)  # a new price
        _close(qtbot, till, _visit_modal(qtbot, look, "priceDialog"))
        _press(qtbot, till, Qt.Key.Key_F9)  # cancel the sale: yes, then a manager approves
        confirm = _visit_modal(qtbot, look, "confirmCancel")
        key(qtbot, QApplication.focusWidget() or confirm, Qt.Key.Key_Return)
        _close(qtbot, till, _visit_modal(qtbot, look, "approvalDialog"))

        _press(qtbot, till, Qt.Key.Key_F12)
        pay = _visit_modal(qtbot, look, "paymentDialog")
        assert isinstance(pay, PaymentDialog)
        for k, method, name in (
            (Qt.Key.Key_F2, pay.PROMPTPAY, "paymentPromptPay"),
            (Qt.Key.Key_F3, pay.CARD, "paymentCard"),
        ):
            key(qtbot, QApplication.focusWidget() or pay, k)
            assert pay.method == method
            settle(qtbot)
            look(name, pay)
        key(qtbot, QApplication.focusWidget() or pay, Qt.Key.Key_F1)  # back to cash
        assert pay.method == pay.CASH
        key(qtbot, _field(pay, "cashTendered"), Qt.Key.Key_Return)  # the exact amount
        qtbot.waitUntil(
            lambda: till.cart.is_empty and till.last_receipt is not None, timeout=10_000
        )
        preview = shown(qtbot, "receiptPreview")
        settle(qtbot)
        look("receiptPreview", preview)
        preview.close()
        receipt = till.last_receipt
        assert receipt is not None

        _press(qtbot, till, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
        invoice = modal(qtbot, "taxInvoiceDialog")
        qtbot.waitUntil(lambda: not getattr(invoice, "busy", False), timeout=5_000)
        _close(qtbot, till, _visit_modal(qtbot, look, "taxInvoiceDialog"))

        _press(qtbot, till, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
        _close(qtbot, till, _visit_modal(qtbot, look, "printerSetupDialog"))

        _press(qtbot, till, Qt.Key.Key_P,
               Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        _close(qtbot, till, _visit_modal(qtbot, look, "reprintDialog"))

        for k in (Qt.Key.Key_I, Qt.Key.Key_O):  # paid in, paid out
            _press(qtbot, till, k, Qt.KeyboardModifier.ControlModifier)
            _close(qtbot, till, _visit_modal(qtbot, look, "cashMoveDialog"))

        _press(qtbot, till, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
        refund = modal(qtbot, "refundDialog")
        number = _field(refund, "refundReceipt")
        qtbot.keyClicks(number, receipt.receipt_no)
        key(qtbot, number, Qt.Key.Key_Return)
        qtbot.waitUntil(
            lambda: refund.findChild(QLineEdit, "refundQty1") is not None, timeout=5_000
        )
        _close(qtbot, till, _visit_modal(qtbot, look, "refundDialog"))

        scan_and_wait(qtbot, till, TEA)
        _press(qtbot, till, Qt.Key.Key_F5)  # park
        qtbot.waitUntil(lambda: till.cart.is_empty and not till.busy, timeout=5_000)
        _press(qtbot, till, Qt.Key.Key_F6)
        _close(qtbot, till, _visit_modal(qtbot, look, "recallDialog"))

        _press(qtbot, till, Qt.Key.Key_F10)  # the X report, in the preview
        qtbot.waitUntil(
            lambda: till.receipt_preview is not None and till.receipt_preview.isVisible(),
            timeout=10_000,
        )
        preview = shown(qtbot, "receiptPreview")
        settle(qtbot)
        look("xReportPreview", preview)
        preview.close()

        _press(qtbot, till, Qt.Key.Key_F11)
        count = _visit_modal(qtbot, look, "closeShiftDialog")
        qtbot.keyClicks(_field(count, "count_1000"), "1")  # not what the drawer should hold
        ok = count.findChild(QPushButton, "closeShiftDialogOk")
        assert ok is not None
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        confirm = _visit_modal(qtbot, look, "confirmCloseShift")
        key(qtbot, confirm, Qt.Key.Key_Return)  # yes, close it as counted: the Z report
        qtbot.waitUntil(lambda: till.shift_open is False, timeout=10_000)
        preview = shown(qtbot, "receiptPreview")
        settle(qtbot)
        look("zReportPreview", preview)
        preview.close()
    return seen


def walk_back_office(qtbot: QtBot, store: Store, visit: Visit) -> list[str]:
    """The back office (Ctrl+Shift+B) the admin opens from the till, and each of its pages."""
    seen: list[str] = []
    with open_till(qtbot, store, logged_in=False) as till:
        log_in(qtbot, till, "admin", "0000")  # every page: the settings are the admin's
        if till.shift_open is False:
            dialog = modal(qtbot, "openShiftDialog")
            qtbot.keyClicks(_field(dialog, "floatField"), "2000")
            qtbot.keyClick(_field(dialog, "floatField"), Qt.Key.Key_Return)
        _press(qtbot, till, Qt.Key.Key_B,
               Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        office = shown(qtbot, "backOfficeWindow")
        pages = office.findChild(QTabWidget, "backOfficeTabs")
        assert pages is not None
        for page in range(pages.count()):
            pages.setCurrentIndex(page)
            settle(qtbot)
            name = f"backOffice:{page}"
            seen.append(name)
            visit(name, office)
        office.close()
    return seen


@contextmanager
def labels_window(qtbot: QtBot, store: Store) -> Iterator[LabelsWindow]:
    """The labels window in Thai, as a 1366x768 screen's window manager gives it room."""
    ensure_app()
    i18n.install_language("th")  # as `otop-pos labels --window` does before the window
    win = LabelsWindow(build_label_desk(store), language="th")
    qtbot.addWidget(win)
    win.resize(min(win.width(), SCREEN_W), min(win.height(), SCREEN_H - 40))
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: win.category.count() > 1, timeout=5_000)
    try:
        yield win
    finally:
        win.close()


def _run_modal(
    qtbot: QtBot,
    start: Callable[[], None],
    wanted: Callable[[QWidget], bool],
    look: Callable[[QDialog], None],
) -> None:
    """`start()` runs a modal dialog of its own (exec); `look` sees it, then it is closed."""
    looked: list[QWidget] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or not wanted(dialog):
            QTimer.singleShot(50, answer)
            return
        QApplication.processEvents()
        looked.append(dialog)
        assert isinstance(dialog, QDialog)
        try:
            look(dialog)
        finally:
            dialog.reject()

    QTimer.singleShot(0, answer)
    start()  # returns once answer() has closed the dialog
    assert looked, "the dialog never opened"


def walk_labels(qtbot: QtBot, store: Store, visit: Visit) -> list[str]:
    """The labels window with products found, then its save dialog (Save PDF) and its print
    dialog (Qt's own), folded and with its options open."""
    seen: list[str] = []

    def look(name: str, w: QWidget) -> None:
        seen.append(name)
        visit(name, w)

    with labels_window(qtbot, store) as win:
        with qtbot.waitSignal(win.itemsLoaded, timeout=10_000):
            qtbot.mouseClick(win.find_button, Qt.MouseButton.LeftButton)
        settle(qtbot)
        look("labelsWindow", win)
        _run_modal(
            qtbot, win.save_button.click, lambda d: d.objectName() == "saveFileDialog",
            lambda d: look("saveFileDialog", d),
        )  # fmt: skip

        def print_dialog(dialog: QDialog) -> None:
            look("printDialog", dialog)
            options = [b for b in dialog.findChildren(QPushButton) if b.text().endswith(">>")]
            assert len(options) == 1, [b.text() for b in options]
            options[0].click()  # the options: copies, pages, colour
            QApplication.processEvents()
            look("printDialogOptions", dialog)

        _run_modal(
            qtbot, win.print_button.click, lambda d: isinstance(d, QPrintDialog), print_dialog
        )
    return seen


TILL_WALK = [
    "loginPage", "loginPageError", "openShiftDialog", "helpDialog", "findDialog", "tillWindow",
    "quantityDialog", "discountDialog", "basketDialog", "priceDialog", "confirmCancel",
    "approvalDialog", "paymentDialog", "paymentPromptPay", "paymentCard", "receiptPreview",
    "taxInvoiceDialog", "printerSetupDialog", "reprintDialog", "cashMoveDialog", "cashMoveDialog",
    "refundDialog",
    "recallDialog", "xReportPreview", "closeShiftDialog", "confirmCloseShift", "zReportPreview",
]  # fmt: skip
LABELS_WALK = [
    "labelsWindow", "saveFileDialog", "printDialog", "printDialogOptions",
]  # fmt: skip
