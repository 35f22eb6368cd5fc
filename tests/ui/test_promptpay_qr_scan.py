"""The PromptPay QR the payment dialog shows, scanned by an independent reader (zxing-cpp) as
the customer's banking app does: its payload is the domain's for the shop's ID and the amount."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from pos.domain.promptpay import promptpay_payload
from tests.labels.decode import qimage_to_pil, read_codes
from tests.ui.conftest import DINO, TEA, key, scan_and_wait
from tests.ui.test_payment import field, open_payment
from ui.till.window import TillWindow


def _scanned(dialog: object) -> list[tuple[str, str]]:
    qr = dialog.findChild(QLabel, "promptpayQr")  # type: ignore[attr-defined]
    assert qr is not None
    assert qr.isVisible()
    return read_codes(qimage_to_pil(qr.pixmap().toImage()))


def test_the_promptpay_qr_scans_to_the_payload_for_the_amount_due(
    qtbot: QtBot, till: TillWindow
) -> None:
    scan_and_wait(qtbot, till, TEA)
    scan_and_wait(qtbot, till, DINO)
    dialog = open_payment(qtbot, till)
    key(qtbot, dialog, Qt.Key.Key_F2)
    shop_id = till.ctx.settings.promptpay_id
    assert _scanned(dialog) == [("QRCode", promptpay_payload(shop_id, Decimal("370.00")))]
    # a part payment: the code shown is for the part typed
    amount = field(dialog, "promptpayAmount")
    qtbot.keyClicks(amount, "200")
    assert _scanned(dialog) == [("QRCode", promptpay_payload(shop_id, Decimal("200.00")))]
