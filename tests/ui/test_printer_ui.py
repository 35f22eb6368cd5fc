"""The till's printer banner, printer setup and tax invoice dialogs, on a TCP printer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pos.app.bootstrap import Store, open_store
from pos.domain.settings import PrinterProfile
from pos.domain.taxid import is_valid_tax_id
from pos.services.demo import load_demo_store
from tests.printing.conftest import network_settings
from tests.printing.helpers import FakeNetworkPrinter
from tests.ui.conftest import DATA, SILK, TEA, back_to_scanning, key, modal, scan, type_text
from ui.printer_dialog import PrinterSetupDialog
from ui.tax_invoice_dialog import TaxInvoiceDialog
from ui.till.window import TillWindow

CUT = b"\x1dV\x01"


def valid_tax_id(first12: str = "010555512345") -> str:
    return next(t for d in "0123456789" if is_valid_tax_id(t := first12 + d))


@pytest.fixture
def printer() -> Iterator[FakeNetworkPrinter]:
    with FakeNetworkPrinter() as p:
        yield p


@pytest.fixture
def store(migrated_sqlite_url: str, printer: FakeNetworkPrinter) -> Iterator[Store]:
    """The till's store with its receipt printer on 127.0.0.1 (overrides tests/ui's)."""
    backup = PrinterProfile(name="backup", connection="network", target=printer.target)
    settings = network_settings(printer.target, more=(backup,))
    opened = open_store(migrated_sqlite_url, settings)
    load_demo_store(opened.uow, settings, opened.terminal.terminal_id, DATA)
    try:
        yield opened
    finally:
        opened.close()


def printed(printer: FakeNetworkPrinter) -> list[bytes]:
    return [d for d in printer.documents if CUT in d]


def sell(qtbot: QtBot, till: TillWindow, *codes: str) -> str:
    before = till.last_receipt
    for code in codes:
        scan(qtbot, till, code)
    qtbot.waitUntil(lambda: len(till.cart) == len(codes) and not till.busy, timeout=5_000)
    key(qtbot, till.scan_field, Qt.Key.Key_F12)
    dialog = modal(qtbot, "paymentDialog")
    key(qtbot, QApplication.focusWidget() or dialog, Qt.Key.Key_Return)  # exact cash
    qtbot.waitUntil(
        lambda: till.last_receipt is not None and till.last_receipt is not before, timeout=10_000
    )
    back_to_scanning(qtbot, till)
    receipt = till.last_receipt
    assert receipt is not None
    return receipt.receipt_no


def test_printer_off_shows_the_banner_the_till_sells_on_and_retry_prints_once(
    qtbot: QtBot, till: TillWindow, printer: FakeNetworkPrinter
) -> None:
    printer.online, printer.cover_open = False, True
    banner = till.printer_status
    assert not banner.isVisible()
    sell(qtbot, till, SILK)
    qtbot.waitUntil(banner.isVisible, timeout=10_000)
    assert "ฝา" in banner.text or "cover" in banner.text.lower()  # the printer's own reason
    assert banner.waiting == 1
    assert printed(printer) == []

    # the cart is free: the next customer is rung up while the printer is down
    scan(qtbot, till, TEA)
    qtbot.waitUntil(lambda: len(till.cart) == 1 and not till.busy, timeout=5_000)

    printer.online, printer.cover_open = True, False
    qtbot.mouseClick(banner.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not banner.isVisible(), timeout=10_000)
    assert banner.waiting == 0
    assert len(printed(printer)) == 1, "the receipt printed exactly once"
    assert len(till.cart) == 1  # the new sale was not touched


def test_send_to_another_printer_prints_the_waiting_receipt_there(
    qtbot: QtBot, till: TillWindow, printer: FakeNetworkPrinter, store: Store
) -> None:
    printer.online, printer.cover_open = False, True
    number = sell(qtbot, till, SILK)
    banner = till.printer_status
    qtbot.waitUntil(banner.isVisible, timeout=10_000)
    assert banner.send_button.isVisible()
    assert banner.printer_choice.currentText() == "backup"
    printer.online, printer.cover_open = True, False  # "backup" is the same fake here
    qtbot.mouseClick(banner.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not banner.isVisible(), timeout=10_000)
    with store.uow() as read:
        [job] = read.print_jobs.for_document("receipt", number)
    assert (job.status, job.printer) == ("done", "backup")
    assert len(printed(printer)) == 1


def test_printer_setup_previews_and_prints_the_test_page(
    qtbot: QtBot, till: TillWindow, printer: FakeNetworkPrinter
) -> None:
    qtbot.keyClick(till.scan_field, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    dialog = modal(qtbot, "printerSetupDialog")
    assert isinstance(dialog, PrinterSetupDialog)
    assert not dialog.image.isNull()
    assert dialog.image.width() == 576  # 80 mm
    dialog.paper_box.setCurrentIndex(dialog.paper_box.findData(58))
    assert dialog.image.width() == 384
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.printing, timeout=10_000)
    assert "receipt" in dialog.result_text
    assert len(printed(printer)) == 1

    printer.online, printer.cover_open = False, True
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.printing, timeout=10_000)
    assert "ฝา" in dialog.result_text or "cover" in dialog.result_text.lower()
    dialog.reject()
    back_to_scanning(qtbot, till)


def open_invoice(qtbot: QtBot, till: TillWindow, tmp_path: Path) -> TaxInvoiceDialog:
    qtbot.keyClick(till.scan_field, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    dialog = modal(qtbot, "taxInvoiceDialog")
    assert isinstance(dialog, TaxInvoiceDialog)
    dialog.pdf_path = tmp_path / "invoice.pdf"
    qtbot.waitUntil(lambda: not dialog.busy, timeout=5_000)
    return dialog


def test_a_tax_invoice_from_the_dialog_is_saved_and_its_pdf_written(
    qtbot: QtBot, till: TillWindow, store: Store, tmp_path: Path
) -> None:
    number = sell(qtbot, till, SILK)
    dialog = open_invoice(qtbot, till, tmp_path)
    assert dialog.receipt_field.text() == number
    type_text(dialog.name_field, "บริษัท ขอนแก่นผ้าไหม จำกัด")
    type_text(dialog.address_field, "123 ถ.มิตรภาพ ต.ในเมือง อ.เมือง จ.ขอนแก่น 40000")
    type_text(dialog.tax_id_field, valid_tax_id())
    assert dialog.problem == ""
    assert dialog.issue_button.isEnabled()
    qtbot.mouseClick(dialog.issue_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.saved_path is not None, timeout=10_000)

    with store.uow() as read:
        record = read.tax_invoices.for_receipt(number)
    assert record is not None
    assert record.buyer.tax_id == valid_tax_id()
    assert record.buyer.name == "บริษัท ขอนแก่นผ้าไหม จำกัด"
    pdf = tmp_path / "invoice.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    assert record.number in dialog.status
    dialog.reject()
    back_to_scanning(qtbot, till)

    # asked again for the same receipt: it is shown, and a copy is offered
    again = open_invoice(qtbot, till, tmp_path)
    again.pdf_path = tmp_path / "copy.pdf"
    assert record.number in again.status
    assert again.copy_button.isVisible()
    assert not again.issue_button.isEnabled()
    qtbot.mouseClick(again.copy_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: again.saved_path is not None, timeout=10_000)
    assert (tmp_path / "copy.pdf").read_bytes().startswith(b"%PDF")
    again.reject()


def test_a_wrong_tax_id_is_shown_and_nothing_is_issued(
    qtbot: QtBot, till: TillWindow, store: Store, tmp_path: Path
) -> None:
    number = sell(qtbot, till, SILK)
    dialog = open_invoice(qtbot, till, tmp_path)
    type_text(dialog.name_field, "นายสมชาย ใจดี")
    type_text(dialog.address_field, "9 ถ.ศรีจันทร์ ขอนแก่น")
    good = valid_tax_id()
    wrong = good[:-1] + str((int(good[-1]) + 1) % 10)
    type_text(dialog.tax_id_field, wrong)
    assert "หลักตรวจสอบไม่ถูกต้อง" in dialog.problem_label.text()
    assert not dialog.issue_button.isEnabled()
    dialog.issue()  # even when forced, nothing is issued
    qtbot.wait(100)
    assert not dialog.busy
    with store.uow() as read:
        assert read.tax_invoices.for_receipt(number) is None
    assert not (tmp_path / "invoice.pdf").exists()
    dialog.reject()


def test_the_buyer_of_an_earlier_invoice_is_found_by_tax_id_and_fills_the_form(
    qtbot: QtBot, till: TillWindow, store: Store, tmp_path: Path
) -> None:
    first = sell(qtbot, till, SILK)
    dialog = open_invoice(qtbot, till, tmp_path)
    type_text(dialog.name_field, "บริษัท ขอนแก่นผ้าไหม จำกัด")
    type_text(dialog.address_field, "123 ถ.มิตรภาพ ต.ในเมือง อ.เมือง จ.ขอนแก่น 40000")
    type_text(dialog.tax_id_field, valid_tax_id())
    qtbot.mouseClick(dialog.issue_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.saved_path is not None, timeout=10_000)
    dialog.reject()
    back_to_scanning(qtbot, till)

    second = sell(qtbot, till, SILK)
    assert second != first
    dialog = open_invoice(qtbot, till, tmp_path / "b")
    assert dialog.receipt_field.text() == second
    dialog.tax_id_field.setFocus()
    qtbot.keyClicks(dialog.tax_id_field, valid_tax_id()[:5])  # the start of the tax ID
    completer = dialog.tax_id_field.completer()
    assert completer is not None
    qtbot.waitUntil(lambda: completer.popup().isVisible(), timeout=5_000)
    assert dialog.buyers[0].name == "บริษัท ขอนแก่นผ้าไหม จำกัด"
    popup = completer.popup()
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.name_field.text() == "บริษัท ขอนแก่นผ้าไหม จำกัด", timeout=5_000)
    assert dialog.tax_id_field.text() == valid_tax_id()
    assert dialog.address_field.toPlainText().startswith("123 ถ.มิตรภาพ")
    assert dialog.problem == ""
    assert dialog.issue_button.isEnabled()
    dialog.reject()


def test_ctrl_shift_p_prints_a_copy_of_the_last_receipt_on_the_receipt_printer(
    qtbot: QtBot, till: TillWindow, printer: FakeNetworkPrinter, store: Store
) -> None:
    number = sell(qtbot, till, TEA)
    qtbot.waitUntil(lambda: len(printed(printer)) == 1, timeout=10_000)
    qtbot.keyClick(
        till.scan_field,
        Qt.Key.Key_P,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = modal(qtbot, "reprintDialog")
    key(qtbot, QApplication.focusWidget() or dialog, Qt.Key.Key_Return)  # the last receipt
    qtbot.waitUntil(lambda: len(printed(printer)) == 2, timeout=10_000)
    qtbot.waitUntil(lambda: f"พิมพ์สำเนา {number} แล้ว" in till.message, timeout=5_000)
    with store.uow() as read:
        jobs = read.print_jobs.for_document("receipt", number)
    assert [(j.copy, j.status) for j in jobs] == [(False, "done"), (True, "done")]
