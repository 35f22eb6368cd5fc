"""Settings saved in the back office opened from the till are taken without a restart.

Through the real windows: the till, the admin's back office from its menu (Ctrl+Shift+B), the
settings editor's fields typed into and Ctrl+S; then the next sale's receipt text, the header
and the payment dialog's QR (read by zxing-cpp) show the new values; a restart-only change
says so and the till keeps its old value.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from pos.app.bootstrap import Services, Store
from pos.config import load_settings, save_settings
from pos.domain.promptpay import promptpay_payload
from pos.domain.setting_fields import FIELDS
from pos.domain.settings import Settings
from printing.textwidth import display_width
from tests.backoffice.test_products_ui import open_back_office, store  # noqa: F401
from tests.helpers.selling import FastArgon2
from tests.labels.decode import qimage_to_pil, read_codes
from tests.ui.conftest import (
    DINO,
    TEA,
    back_to_scanning,
    key,
    log_in,
    open_till,
    scan_and_wait,
    type_text,
)
from tests.ui.test_login_shift import pay_cash_exact
from tests.ui.test_payment import open_payment
from ui.backoffice.settings_page import GROUPS, SettingsPage
from ui.backoffice.settings_printers import PrinterProfileDialog
from ui.till.ops import TillOp
from ui.till.window import TillWindow

NEW_ID = "0812345678"
FOOTER = "Open daily 8:00-17:00, tel. 043 000 111"
SHOP = "Khon Kaen OTOP Centre, airport shop"
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def till(qtbot: QtBot, store: Store, tmp_path: Path) -> Iterator[TillWindow]:  # noqa: F811
    """The till with the admin logged in, its back office editing a settings file of its own."""
    conf = tmp_path / "settings.json"
    save_settings(Settings(), conf)
    with open_till(qtbot, store) as window:
        services(window).settings_file = conf
        press(qtbot, Qt.Key.Key_F1, Qt.KeyboardModifier.ControlModifier)  # switch cashier
        log_in(qtbot, window, "admin", "0000")
        qtbot.mouseClick(window.header.language_button, Qt.MouseButton.LeftButton)  # English
        assert window.language == "en"
        qtbot.waitUntil(lambda: QApplication.focusWidget() is window.scan_field, timeout=5_000)
        yield window


def services(till: TillWindow) -> Services:
    found = till.ctx.back_office
    assert isinstance(found, Services)
    return found


def press(qtbot: QtBot, k: Qt.Key, modifier: Qt.KeyboardModifier) -> None:
    widget = QApplication.focusWidget()
    assert widget is not None
    qtbot.keyClick(widget, k, modifier)


def open_settings(qtbot: QtBot, till: TillWindow) -> SettingsPage:
    """Ctrl+Shift+B in the till, then the settings tab."""
    press(qtbot, Qt.Key.Key_B, CTRL_SHIFT)
    window = till.tools.back_office_window
    assert window is not None
    qtbot.waitExposed(window)
    page = window.show_page("settings")
    assert isinstance(page, SettingsPage)
    return page


def retype(qtbot: QtBot, page: SettingsPage, key_name: str, text: str) -> None:
    """Show the field's group, give it the keyboard, replace its text as a person types."""
    page.groups.setCurrentRow([g for g, _ in GROUPS].index(FIELDS[key_name].group))
    editor = page.findChild(QWidget, key_name)
    assert isinstance(editor, QLineEdit | QPlainTextEdit)
    editor.activateWindow()
    editor.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor, timeout=5_000)
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    type_text(editor, text)


def save(qtbot: QtBot, page: SettingsPage) -> str:
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    return page.status.text()


def applies(page: SettingsPage, key_name: str) -> str:
    label = page.findChild(QLabel, f"{key_name}Applies")
    assert label is not None
    return label.text()


def back_to_till(qtbot: QtBot, till: TillWindow) -> None:
    window = till.tools.back_office_window
    assert window is not None
    window.close()
    till.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is till.scan_field, timeout=5_000)


def qr_payload(qtbot: QtBot, till: TillWindow) -> str:
    dialog = open_payment(qtbot, till)
    key(qtbot, dialog, Qt.Key.Key_F2)  # PromptPay
    qr = dialog.findChild(QLabel, "promptpayQr")
    assert qr is not None
    codes = read_codes(qimage_to_pil(qr.pixmap().toImage()))
    key(qtbot, dialog, Qt.Key.Key_Escape)
    back_to_scanning(qtbot, till)
    assert len(codes) == 1
    return codes[0][1]


def test_a_footer_and_promptpay_id_saved_from_the_till_are_used_by_its_next_sale(
    qtbot: QtBot,
    till: TillWindow,
    store: Store,  # noqa: F811
) -> None:
    page = open_settings(qtbot, till)
    assert applies(page, "receipt_footer") == "Takes effect now"
    assert applies(page, "central_url") == "After a restart of the till"
    retype(qtbot, page, "receipt_footer", FOOTER)
    retype(qtbot, page, "promptpay_id", NEW_ID)
    retype(qtbot, page, "shop_name_en", SHOP)
    assert save(qtbot, page) == "Saved: 3 setting(s) changed; the till uses them now."
    assert load_settings(services(till).settings_file).receipt_footer == FOOTER
    # taken on the till's worker, then shown: the header at once
    qtbot.waitUntil(lambda: till.settings.promptpay_id == NEW_ID, timeout=5_000)
    assert till.header.shop_title.text() == SHOP
    assert "the till uses them now" in till.message
    back_to_till(qtbot, till)

    scan_and_wait(qtbot, till, TEA)
    scan_and_wait(qtbot, till, DINO)
    assert qr_payload(qtbot, till) == promptpay_payload(NEW_ID, Decimal("370.00"))
    pay_cash_exact(qtbot, till)
    preview = till.receipt_preview
    assert preview is not None
    text = preview.text
    assert FOOTER in text
    assert SHOP in text
    # the printed receipt is drawn from the same settings (the services hold the new set)
    receipt = till.last_receipt
    assert receipt is not None
    assert till.ctx.render_receipt(receipt) == text
    assert till.ctx.checkout.settings is services(till).settings is till.settings


def test_a_restart_only_change_says_so_and_the_till_keeps_its_old_value(
    qtbot: QtBot, till: TillWindow
) -> None:
    page = open_settings(qtbot, till)
    assert applies(page, "vat_rate") == "After a restart of the till"
    retype(qtbot, page, "vat_rate", "10")
    retype(qtbot, page, "receipt_header", "Khon Kaen provincial hall")
    status = save(qtbot, page)
    assert status == (
        "Saved: 2 setting(s) changed; the till uses 1 of them now, the others after a "
        "restart: VAT rate (%)."
    )
    assert applies(page, "vat_rate").startswith("After a restart of the till (saved;")
    assert applies(page, "receipt_header") == "Takes effect now"
    assert load_settings(services(till).settings_file).vat_rate == Decimal("10")
    qtbot.waitUntil(lambda: till.settings.receipt_header != "", timeout=5_000)
    assert till.settings.vat_rate == Decimal("7")
    assert "VAT rate" in till.message or "อัตราภาษี" in till.message
    back_to_till(qtbot, till)
    scan_and_wait(qtbot, till, TEA)
    pay_cash_exact(qtbot, till)
    receipt = till.last_receipt
    assert receipt is not None
    assert receipt.vat_rate == Decimal("7")
    preview = till.receipt_preview
    assert preview is not None
    assert "Khon Kaen provincial hall" in preview.text
    assert "7%" in preview.text


def test_a_sale_in_flight_ends_on_the_old_settings_and_the_next_begins_on_the_new(
    qtbot: QtBot, till: TillWindow
) -> None:
    """The swap waits behind the till's work: while an op is on the worker, nothing changes
    under it; once it is done, every service holds the new set at once."""
    page = open_settings(qtbot, till)
    before = services(till).settings
    release = threading.Event()
    seen: list[tuple[str, str]] = []

    def in_flight() -> None:  # a long task on the till's worker (a slow printer, a commit)
        release.wait(10)
        s = till.ctx.checkout.settings
        seen.append((s.receipt_footer, s.promptpay_id))

    TillOp("in_flight", in_flight).run(till.worker)
    retype(qtbot, page, "receipt_footer", FOOTER)
    retype(qtbot, page, "promptpay_id", NEW_ID)
    assert "the till uses them now" in save(qtbot, page)
    qtbot.wait(100)
    assert services(till).settings is before  # queued behind the task, not taken under it
    assert till.ctx.checkout.settings is before
    assert till.settings is before
    release.set()
    qtbot.waitUntil(lambda: till.settings.receipt_footer == FOOTER, timeout=5_000)
    assert seen == [("", before.promptpay_id)]
    now = services(till).settings
    assert (now.receipt_footer, now.promptpay_id) == (FOOTER, NEW_ID)
    held = [getattr(s, "settings", None) for s in vars(services(till)).values()]  # chat: a getter
    assert {id(s) for s in held if isinstance(s, Settings)} == {id(now)}
    assert till.session.settings is now


def test_a_back_office_on_its_own_takes_the_change_in_its_services_and_names_the_other_till(
    qtbot: QtBot,
    store: Store,  # noqa: F811
    tmp_path: Path,
) -> None:
    """`otop-pos backoffice` runs no till: its own services take the change at once (the
    curation page's next review counts the new quorum); a till elsewhere at its next start."""
    conf = tmp_path / "settings.json"
    save_settings(Settings(), conf)
    services = Services(store, queue_prints=False, settings_file=conf)
    services.auth.hasher = FastArgon2()
    curation = services.curation  # built before the save: it is handed the new settings
    window = open_back_office(qtbot, services, "admin", "0000")
    page = window.show_page("settings")
    assert isinstance(page, SettingsPage)
    retype(qtbot, page, "curation_quorum", "5")
    retype(qtbot, page, "in_store_prefix", "24")
    assert save(qtbot, page) == (
        "Saved: 2 setting(s) changed. A till open in another program takes them at its next start."
    )
    assert curation.settings.curation_quorum == 5
    assert services.settings.in_store_prefix == "20"  # the barcode layout waits
    assert load_settings(conf).in_store_prefix == "24"
    window.close()


def edit_receipt_printer(
    qtbot: QtBot, page: SettingsPage, change: Callable[[PrinterProfileDialog], None]
) -> None:
    """The printers group, the receipt printer's row, Edit: its profile dialog, changed, OK."""
    page.groups.setCurrentRow([g for g, _ in GROUPS].index("printers"))
    page.printer_table.selectRow(0)
    done: list[bool] = []

    def in_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PrinterProfileDialog):
            return  # the dialog did not open: exec() never ran, the test fails below
        try:
            change(dialog)
            ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
            qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
            done.append(dialog.result() == QDialog.DialogCode.Accepted)
        finally:
            if dialog.isVisible():  # never left waiting in exec()
                dialog.reject()

    QTimer.singleShot(200, in_dialog)
    qtbot.mouseClick(page.edit_printer_button, Qt.MouseButton.LeftButton)  # exec() until OK
    assert done == [True]
    page.window().activateWindow()
    page.printer_table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.printer_table, timeout=5_000)


def to_paper_58(dialog: PrinterProfileDialog) -> None:
    dialog.paper.setCurrentIndex(dialog.paper.findData(58))


def to_network(dialog: PrinterProfileDialog) -> None:
    dialog.connection.setCurrentIndex(dialog.connection.findData("network"))
    dialog.target.setText("10.0.0.9:9100")


def test_a_printers_paper_is_taken_at_once_and_its_connection_after_a_restart(
    qtbot: QtBot, till: TillWindow
) -> None:
    page = open_settings(qtbot, till)
    edit_receipt_printer(qtbot, page, to_paper_58)
    assert save(qtbot, page) == "Saved: 1 setting(s) changed; the till uses them now."
    qtbot.waitUntil(lambda: till.settings.receipt_printer.paper_mm == 58, timeout=5_000)
    edit_receipt_printer(qtbot, page, to_network)
    assert save(qtbot, page) == (
        "Saved: 1 setting(s) changed; the till takes them after a restart: Printers."
    )
    assert "Saved printers wait for the restart." in page.printers_applies.text()
    back_to_till(qtbot, till)
    scan_and_wait(qtbot, till, TEA)
    pay_cash_exact(qtbot, till)
    preview = till.receipt_preview
    assert preview is not None
    lines = preview.text.splitlines()
    assert max(display_width(line) for line in lines) == 32  # 58 mm paper: 32 columns, not 48
    assert till.settings.receipt_printer.is_preview  # still the preview until a restart
    assert services(till).print_queue is None
