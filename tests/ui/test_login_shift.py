"""The till's log-in, switch cashier, shifts (open, paid-in/out, X, close by counting) and the
manager-approval dialog, driven through the real window."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from pos.app.bootstrap import Store
from tests.ui.conftest import (
    SILK,
    TEA,
    approve,
    back_to_scanning,
    key,
    log_in,
    modal,
    open_shift,
    open_till,
    scan_and_wait,
    type_text,
)
from ui.till.window import TillWindow


def pay_cash_exact(qtbot: QtBot, till: TillWindow) -> None:
    key(qtbot, till.scan_field, Qt.Key.Key_F12)
    dialog = modal(qtbot, "paymentDialog")
    cash = dialog.findChild(QLineEdit, "cashTendered")
    assert cash is not None
    key(qtbot, cash, Qt.Key.Key_Return)  # the exact amount is pre-filled
    qtbot.waitUntil(lambda: till.cart.is_empty and till.last_receipt is not None, timeout=10_000)
    back_to_scanning(qtbot, till)


def test_a_wrong_pin_is_refused_then_the_right_one_logs_in(qtbot: QtBot, store: Store) -> None:
    with open_till(qtbot, store, logged_in=False) as till:
        assert till.locked
        assert not till.scan_field.isVisible()
        assert not till.header.logout_button.isVisible()  # nobody is logged in
        assert till.header.menu_button.text() == "เมนู"  # the till's menu, not only shifts
        log_in(qtbot, till, "cashier", "1234")
        assert till.locked
        assert "PIN ไม่ถูกต้อง" in till.login_page.message
        assert till.login_page.pin_field.text() == ""  # cleared for another try
        till.set_language("en")
        log_in(qtbot, till, "cashier", "1111")
        assert not till.locked
        assert till.actor is not None
        assert till.actor.username == "cashier"
        assert till.header.logout_button.isVisible()
        open_shift(qtbot, till, "1000")
        assert till.shift_open
        assert "Cashier: สมใจ" in till.findChild(QLabel, "cashierLabel").text()
        scan_and_wait(qtbot, till, TEA)
        assert len(till.cart) == 1


def test_a_scan_while_nobody_is_logged_in_reaches_no_cart(qtbot: QtBot, store: Store) -> None:
    with open_till(qtbot, store, logged_in=False) as till:
        assert till.locked
        till.set_language("en")
        till.submit_scan(SILK)  # e.g. a scanner wired to the hidden field
        assert len(till.cart) == 0
        assert not till.busy
        assert till.login_page.message == "Log in first, then scan"
        log_in(qtbot, till, "cashier", "1111")
        open_shift(qtbot, till)
        scan_and_wait(qtbot, till, SILK)
        assert len(till.cart) == 1


def test_too_many_wrong_pins_lock_the_user_out(qtbot: QtBot, store: Store) -> None:
    with open_till(qtbot, store, logged_in=False) as till:
        till.set_language("en")
        for _ in range(store.settings.pin_max_attempts):
            log_in(qtbot, till, "cashier", "0000")
        log_in(qtbot, till, "cashier", "1111")  # the right PIN, but too late
        assert till.locked
        assert "locked after too many wrong PINs" in till.login_page.message


def test_label_staff_are_refused_at_the_till(qtbot: QtBot, store: Store) -> None:
    with open_till(qtbot, store, logged_in=False) as till:
        log_in(qtbot, till, "labels", "2222")
        assert till.locked
        assert till.actor is None
        assert "ไม่มีสิทธิ์ขายสินค้า" in till.login_page.message
        # function keys do nothing while nobody is logged in
        key(qtbot, till.login_page.pin_field, Qt.Key.Key_F12)
        assert QApplication.activeModalWidget() is None


def test_switching_cashier_parks_the_sale_under_its_cashier(
    qtbot: QtBot, till: TillWindow
) -> None:
    scan_and_wait(qtbot, till, SILK)
    qtbot.keyClick(till.scan_field, Qt.Key.Key_F1, Qt.KeyboardModifier.ControlModifier)
    assert till.locked
    log_in(qtbot, till, "manager", "9999")  # someone else: the sale is parked, not lost
    qtbot.waitUntil(lambda: till.cart.is_empty and not till.busy, timeout=5_000)
    parked = till.ctx.checkout.parked()
    assert len(parked) == 1
    assert "สมใจ" in parked[0].label


def test_a_log_out_is_said_as_no_error_and_what_was_typed_is_not_the_next_cashiers_scan(
    qtbot: QtBot, till: TillWindow
) -> None:
    qtbot.keyClicks(till.scan_field, SILK[:6])  # half a code, then the cashier leaves
    qtbot.keyClick(till.scan_field, Qt.Key.Key_F1, Qt.KeyboardModifier.ControlModifier)
    assert till.locked
    label = till.login_page.message_label
    assert "ออกจากระบบแล้ว" in till.login_page.message
    assert label.property("kind") == "info"  # a log-out is no error: not in red
    log_in(qtbot, till, "manager", "0000")  # a wrong PIN is one
    assert label.property("kind") == "error"
    log_in(qtbot, till, "manager", "9999")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is till.scan_field, timeout=5_000)
    assert till.scan_field.text() == ""
    scan_and_wait(qtbot, till, TEA)  # the next scan is the code scanned, nothing before it
    assert [line.product.sku for line in till.cart.lines] == ["KK-TEA-001"]


def test_a_shift_from_float_to_z_report_with_paid_in_and_out(qtbot: QtBot, store: Store) -> None:
    with open_till(qtbot, store, logged_in=False) as till:
        till.set_language("en")
        log_in(qtbot, till, "cashier", "1111")
        open_shift(qtbot, till, "1000")
        scan_and_wait(qtbot, till, TEA)  # 120.00 in cash
        pay_cash_exact(qtbot, till)

        # paid in 500 (more change), paid out 45.50 (ice)
        for keys, amount, reason in (("Ctrl+I", "500", "more change"), ("Ctrl+O", "45.50", "ice")):
            qtbot.keyClick(
                till.scan_field,
                Qt.Key.Key_I if keys == "Ctrl+I" else Qt.Key.Key_O,
                Qt.KeyboardModifier.ControlModifier,
            )
            dialog = modal(qtbot, "cashMoveDialog")
            amount_field = dialog.findChild(QLineEdit, "cashAmountField")
            reason_field = dialog.findChild(QLineEdit, "cashReasonField")
            assert amount_field is not None
            assert reason_field is not None
            qtbot.keyClicks(amount_field, amount)
            key(qtbot, amount_field, Qt.Key.Key_Return)  # on to the reason
            assert QApplication.focusWidget() is reason_field
            type_text(reason_field, reason)
            key(qtbot, reason_field, Qt.Key.Key_Return)
            back_to_scanning(qtbot, till)
        assert "Paid out ฿45.50" in till.message

        key(qtbot, till.scan_field, Qt.Key.Key_F10)  # X report
        qtbot.waitUntil(lambda: till.receipt_preview is not None, timeout=5_000)
        preview = till.receipt_preview
        assert preview is not None
        qtbot.waitUntil(lambda: "X REPORT" in preview.text, timeout=5_000)
        assert "1,574.50" in preview.text  # 1000 + 120 + 500 - 45.50 expected
        back_to_scanning(qtbot, till)

        # close: count 1000 x1, 500 x1, 50 x1, 20 x1 = 1,570.00: 4.50 short
        key(qtbot, till.scan_field, Qt.Key.Key_F11)
        dialog = modal(qtbot, "closeShiftDialog")
        for name, n in (
            ("count_1000", "1"),
            ("count_500", "1"),
            ("count_50", "1"),
            ("count_20", "1"),
        ):
            f = dialog.findChild(QLineEdit, name)
            assert f is not None
            qtbot.keyClicks(f, n)
        expected = dialog.findChild(QLabel, "expectedLabel")
        counted = dialog.findChild(QLabel, "countedLabel")
        difference = dialog.findChild(QLabel, "differenceLabel")
        assert expected is not None
        assert counted is not None
        assert difference is not None
        assert expected.text() == "Expected in the drawer: ฿1,574.50"
        assert counted.text() == "Counted: ฿1,570.00"
        assert difference.text() == "Difference: ฿4.50 short"
        # one more coin of 2 and 5 x 0.50: the count goes on live
        for name, n in (("count_2", "2"), ("count_0_50", "1")):
            f = dialog.findChild(QLineEdit, name)
            assert f is not None
            qtbot.keyClicks(f, n)
        assert difference.text() == "Difference: none, the drawer is right"
        ok = dialog.findChild(QPushButton, "closeShiftDialogOk")
        assert ok is not None
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: till.shift_open is False, timeout=10_000)
        qtbot.waitUntil(lambda: "Z REPORT 000001" in preview.text, timeout=5_000)
        text = preview.text
        assert "1,574.50" in text
        assert "Difference" in text
        assert "1000 x 1" in text
        # the database agrees
        report = till.ctx.shifts
        assert report is not None
        assert report.current() is None

        # and the till refuses to take payment until a shift is open again
        back_to_scanning(qtbot, till)
        scan_and_wait(qtbot, till, TEA)
        key(qtbot, till.scan_field, Qt.Key.Key_F12)
        modal(qtbot, "openShiftDialog")
        assert "No shift is open" in till.message


def test_a_void_after_payment_started_needs_a_manager_not_the_cashier(
    qtbot: QtBot, till: TillWindow
) -> None:
    scan_and_wait(qtbot, till, SILK)
    scan_and_wait(qtbot, till, TEA)
    key(qtbot, till.scan_field, Qt.Key.Key_F12)
    modal(qtbot, "paymentDialog")
    key(qtbot, QApplication.activeModalWidget(), Qt.Key.Key_Escape)  # payment has started
    back_to_scanning(qtbot, till)
    till.set_language("en")
    key(qtbot, till.scan_field, Qt.Key.Key_F8)  # the selected (last) line: the tea
    dialog = approve(qtbot, "customer does not want it", manager="cashier", pin="1111")
    assert dialog.isVisible()  # the cashier's own PIN approves nothing
    assert "may not approve" in dialog.message
    assert len(till.cart) == 2
    pin = dialog.findChild(QLineEdit, "approvalPin")
    user = dialog.findChild(QLineEdit, "approvalUser")
    assert pin is not None
    assert user is not None
    assert pin.text() == ""
    user.clear()
    qtbot.keyClicks(user, "manager")
    qtbot.keyClicks(pin, "9999")
    key(qtbot, pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(till.cart) == 1, timeout=10_000)
    assert [line.product.sku for line in till.cart] == ["KK-SILK-001"]
    back_to_scanning(qtbot, till)
    auth = till.ctx.auth
    assert auth is not None
    (row,) = auth.approvals(auth.login("manager", "9999"))
    assert row.action == "void_after_payment"
    assert row.ref.startswith("KK-TEA-001 x 1")
    assert row.reason == "customer does not want it"


def test_a_discount_over_the_limit_asks_a_manager_before_payment(
    qtbot: QtBot, till: TillWindow
) -> None:
    scan_and_wait(qtbot, till, SILK)
    key(qtbot, till.scan_field, Qt.Key.Key_F4)
    dialog = modal(qtbot, "discountDialog")
    value = dialog.findChild(QLineEdit, "discountValue")
    assert value is not None
    qtbot.keyClicks(value, "30%")
    key(qtbot, value, Qt.Key.Key_Return)
    type_text(QApplication.focusWidget(), "damaged")
    key(qtbot, QApplication.focusWidget(), Qt.Key.Key_Return)
    back_to_scanning(qtbot, till)
    key(qtbot, till.scan_field, Qt.Key.Key_F12)
    approve(qtbot, "damaged")
    dialog = modal(qtbot, "paymentDialog")
    cash = dialog.findChild(QLineEdit, "cashTendered")
    assert cash is not None
    key(qtbot, cash, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: till.last_receipt is not None, timeout=10_000)
    assert till.last_receipt.total == Decimal("1295.00")  # 1,850.00 less 30%


def test_a_refund_from_the_till_needs_a_manager_and_prints_a_slip(
    qtbot: QtBot, till: TillWindow
) -> None:
    scan_and_wait(qtbot, till, "2*" + TEA)
    pay_cash_exact(qtbot, till)
    receipt = till.last_receipt
    assert receipt is not None
    till.set_language("en")
    qtbot.keyClick(till.scan_field, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    dialog = modal(qtbot, "refundDialog")
    number = dialog.findChild(QLineEdit, "refundReceipt")
    assert number is not None
    qtbot.keyClicks(number, receipt.receipt_no)
    key(qtbot, number, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.findChild(QLineEdit, "refundQty1") is not None, timeout=5_000)
    qty = dialog.findChild(QLineEdit, "refundQty1")
    assert qty is not None
    assert qty.text() == "2"  # everything still returnable, by default
    qty.setText("1")  # one of the two teas comes back
    total = dialog.findChild(QLabel, "refundTotal")
    assert total is not None
    assert total.text() == "To refund: ฿120.00"
    reason = dialog.findChild(QLineEdit, "refundReason")
    assert reason is not None
    assert QApplication.focusWidget() is reason
    type_text(reason, "damaged box")
    key(qtbot, reason, Qt.Key.Key_Return)
    approve(qtbot, "damaged box")  # a cashier's refund: the manager's PIN
    qtbot.waitUntil(lambda: "Refund KK01-R-000001" in till.message, timeout=10_000)
    assert "฿120.00" in till.message
    preview = till.receipt_preview
    assert preview is not None
    qtbot.waitUntil(lambda: preview.receipt_no == "KK01-R-000001", timeout=5_000)
    assert receipt.receipt_no in preview.text
    returns = till.ctx.returns
    assert returns is not None
    left = returns.find(receipt.receipt_no)
    assert left.lines[0].quantity_returnable == Decimal(1)


def test_closing_a_shift_warns_while_sales_have_not_reached_the_central_database(
    qtbot: QtBot, store: Store
) -> None:
    import socket
    from dataclasses import replace

    with socket.socket() as s:  # a central server that is not there: nothing listens
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    store.settings = replace(
        store.settings, central_url=f"postgresql://otop@127.0.0.1:{port}/central"
    )
    with open_till(qtbot, store) as till:
        assert till.ctx.sync is not None
        till.set_language("en")
        scan_and_wait(qtbot, till, TEA)
        pay_cash_exact(qtbot, till)
        key(qtbot, till.scan_field, Qt.Key.Key_F11)
        dialog = modal(qtbot, "closeShiftDialog")
        warning = dialog.findChild(QLabel, "closeShiftWarning")
        assert warning is not None
        assert warning.isVisible()
        assert "1 sale or refund has not reached the central database yet" in warning.text()
        # the cashier may still close: the sales are safe on this counter
        for name, n in (("count_1000", "2"), ("count_100", "1"), ("count_20", "1")):
            f = dialog.findChild(QLineEdit, name)
            assert f is not None
            qtbot.keyClicks(f, n)
        difference = dialog.findChild(QLabel, "differenceLabel")
        assert difference is not None
        assert difference.text() == "Difference: none, the drawer is right"
        ok = dialog.findChild(QPushButton, "closeShiftDialogOk")
        assert ok is not None
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: till.shift_open is False, timeout=10_000)


def test_a_basket_at_a_typed_price_asks_a_manager_before_payment(
    qtbot: QtBot, migrated_sqlite_url: str
) -> None:
    from pos.domain.settings import Settings
    from tests.baskets.conftest import open_basket_store

    store = open_basket_store(migrated_sqlite_url, Settings())
    try:
        with open_till(qtbot, store) as till:
            key(qtbot, till.scan_field, Qt.Key.Key_F7)
            dialog = modal(qtbot, "basketDialog")
            qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.scan_field)
            qtbot.keyClicks(dialog.scan_field, "8859999000049")  # the dinosaur, 250.00
            qtbot.keyClick(dialog.scan_field, Qt.Key.Key_Return)
            qtbot.waitUntil(lambda: not dialog.busy and dialog.contents.count() == 1)
            price = dialog.findChild(QLineEdit, "basketSetPrice")
            assert price is not None
            qtbot.keyClicks(price, "200")  # a price typed at the counter
            dialog.scan_field.setFocus()
            qtbot.keyClick(
                dialog.scan_field, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
            )
            back_to_scanning(qtbot, till)
            assert till.cart.totals().total == Decimal("200.00")
            till.set_language("en")
            key(qtbot, till.scan_field, Qt.Key.Key_F12)
            approval = modal(qtbot, "approvalDialog")
            assert (
                "override a price"
                in approval.windowTitle() + approval.findChild(QLabel, "dialogTitle").text()
            )
            approve(qtbot, "gift for the mayor")
            payment = modal(qtbot, "paymentDialog")
            cash = payment.findChild(QLineEdit, "cashTendered")
            assert cash is not None
            key(qtbot, cash, Qt.Key.Key_Return)
            qtbot.waitUntil(lambda: till.last_receipt is not None, timeout=10_000)
            assert till.last_receipt.total == Decimal("200.00")
    finally:
        store.close()
