"""The admin changes the PromptPay ID in the back office; the till then takes payment by a QR
that an independent reader (zxing-cpp) decodes to the new ID and the amount due."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from pos.app.bootstrap import Services, Store
from pos.config import load_settings, save_settings
from pos.domain.promptpay import promptpay_payload
from pos.domain.settings import Settings
from tests.backoffice.test_products_ui import open_back_office, services, store  # noqa: F401
from tests.labels.decode import qimage_to_pil, read_codes
from tests.ui.conftest import DINO, TEA, key, open_till, scan_and_wait
from tests.ui.test_payment import open_payment
from ui.backoffice.settings_page import GROUPS, SettingsPage

NEW_ID = "0812345678"


def test_a_new_promptpay_id_saved_in_the_back_office_is_the_tills_qr(
    qtbot: QtBot, store: Store, services: Services, tmp_path: Path  # noqa: F811
) -> None:
    conf = tmp_path / "settings.json"
    save_settings(Settings(), conf)
    services.settings_file = conf
    # a manager has no settings tab: settings are the admin's
    manager = open_back_office(qtbot, services)
    assert "settings" not in manager.pages
    manager.close()
    window = open_back_office(qtbot, services, "admin", "0000")
    page = window.show_page("settings")
    assert isinstance(page, SettingsPage)
    page.groups.setCurrentRow([g for g, _ in GROUPS].index("payment"))
    field = page.findChild(QLineEdit, "promptpay_id")
    assert field is not None
    field.setFocus()
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    qtbot.keyClicks(QApplication.focusWidget(), NEW_ID)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert "1 setting(s)" in page.status.text()
    assert load_settings(conf).promptpay_id == NEW_ID
    window.close()

    # the till started with the saved settings
    store.settings = load_settings(conf)
    with open_till(qtbot, store) as till:
        scan_and_wait(qtbot, till, TEA)
        scan_and_wait(qtbot, till, DINO)
        dialog = open_payment(qtbot, till)
        key(qtbot, dialog, Qt.Key.Key_F2)
        qr = dialog.findChild(QLabel, "promptpayQr")
        assert qr is not None
        codes = read_codes(qimage_to_pil(qr.pixmap().toImage()))
        assert codes == [("QRCode", promptpay_payload(NEW_ID, Decimal("370.00")))]
        assert "0066812345678" in codes[0][1]
        key(qtbot, dialog, Qt.Key.Key_Escape)
