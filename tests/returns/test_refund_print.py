"""The refund slip: what it says, and its print job committed with the refund, then printed."""

from __future__ import annotations

from decimal import Decimal

from pos.app.bootstrap import Store, open_store
from pos.domain.auth import Action, Actor
from pos.domain.settings import PrinterProfile, Settings
from pos.services.auth import Auth
from pos.services.printing import PrintQueue
from pos.services.returns import RefundSlips, Returns
from pos.services.shifts import Shifts
from printing.document import thai_datetime
from printing.printer import EscPosPrinter
from printing.refund_receipt import REFUND_TITLE, refund_image, render_refund_text
from printing.textwidth import display_width
from tests.integration.conftest import FixedClock
from tests.printing.helpers import FakeNetworkPrinter, free_port, ink_box
from tests.returns.conftest import BALM, JAEW, SILK, sell

D = Decimal
CUT = b"\x1dV\x01"
DRAWER = b"\x1bp\x00\x32\x32"


def test_the_slip_names_the_original_receipt_its_date_lines_total_and_method(
    store: Store,
    clock: FixedClock,
    auth: Auth,
    shifts: Shifts,
    cashier: Actor,
    manager: Actor,
) -> None:
    shifts.open(cashier, D("0"))
    receipt = sell(store, clock, cashier, [SILK, "2*" + JAEW, BALM])
    approval = auth.approve(cashier, Action.REFUND, "faulty", "manager", "9999")
    returns = Returns(store.uow, auth, store.settings, store.terminal, clock)
    refund = returns.refund(cashier, receipt.receipt_no, {2: D(2), 3: D(1)}, "cash", "faulty",
                            approval)  # fmt: skip
    text = render_refund_text(refund, store.settings, 48)
    assert REFUND_TITLE in text
    assert "อ้างอิงใบเสร็จ / Original receipt" in text
    assert f"{receipt.receipt_no}" in text
    original = next(line for line in text.splitlines() if receipt.receipt_no in line)
    assert thai_datetime(receipt.sold_at) in original  # the original receipt's date beside it
    assert refund.refund_no in text
    assert "แจ่วบองปลาร้า" in text
    assert "-71.00" in text
    assert "ยาหม่องสมุนไพรไพล" in text
    assert "-45.00" in text
    assert "ผ้าไหม" not in text  # the silk was not returned
    assert "116.00" in text  # the total refunded
    assert "คืนเป็นเงินสด / Cash" in text
    assert manager.display_name in text
    for columns in (48, 32):
        lines = render_refund_text(refund, store.settings, columns).splitlines()
        assert max(display_width(line) for line in lines) <= columns
    image = refund_image(refund, store.settings, store.settings.receipt_printer)
    assert image.width() == 576
    assert ink_box(image) is not None


def test_the_slip_is_queued_with_the_refund_and_printed_on_a_network_printer(
    store: Store, small_store_url: str, clock: FixedClock, shifts: Shifts, manager: Actor
) -> None:
    with FakeNetworkPrinter() as printer:
        profile = PrinterProfile(name="receipt", connection="network", target=printer.target,
                                 mode="text", codepage=21)  # fmt: skip
        settings = Settings(printers=(profile,))
        counter = open_store(small_store_url, settings)
        try:
            auth = Auth(counter.uow, settings, clock, terminal_id=counter.terminal.terminal_id)
            queue = PrintQueue(counter.uow, settings, EscPosPrinter(), clock)
            returns = Returns(counter.uow, auth, settings, counter.terminal, clock,
                              RefundSlips(queue))  # fmt: skip
            shifts.open(manager, D("0"))
            receipt = sell(counter, clock, manager, [JAEW, BALM])
            cash = returns.refund(manager, receipt.receipt_no, {1: D(1)}, "cash", "leaking")
            qr = returns.refund(manager, receipt.receipt_no, {2: D(1)}, "promptpay", "allergy")
            with counter.uow() as read:
                jobs = [
                    (j.kind, j.document_ref, j.status)
                    for no in (cash.refund_no, qr.refund_no)
                    for j in read.print_jobs.for_document("refund", no)
                ]
        finally:
            counter.close()
    assert jobs == [("refund", cash.refund_no, "done"), ("refund", qr.refund_no, "done")]
    first, second = printer.documents
    assert b"REFUND" in first
    assert cash.refund_no.encode() in first
    assert receipt.receipt_no.encode() in first
    assert "ใบคืนสินค้า".encode("cp874") in first
    assert first.endswith(CUT + DRAWER), "a cash refund opens the drawer"
    assert second.endswith(CUT), "a PromptPay refund does not"


def test_a_printer_fault_keeps_the_refund_and_its_slip_for_a_retry(
    store: Store, small_store_url: str, clock: FixedClock, shifts: Shifts, manager: Actor
) -> None:
    with FakeNetworkPrinter() as backup:
        dead = PrinterProfile(name="receipt", connection="network",
                              target=f"127.0.0.1:{free_port()}", timeout_s=1)  # fmt: skip
        spare = PrinterProfile(name="backup", connection="network", target=backup.target,
                               mode="text", codepage=21)  # fmt: skip
        settings = Settings(printers=(dead, spare))
        counter = open_store(small_store_url, settings)
        try:
            auth = Auth(counter.uow, settings, clock, terminal_id=counter.terminal.terminal_id)
            queue = PrintQueue(counter.uow, settings, EscPosPrinter(), clock)
            returns = Returns(counter.uow, auth, settings, counter.terminal, clock,
                              RefundSlips(queue))  # fmt: skip
            shifts.open(manager, D("0"))
            receipt = sell(counter, clock, manager, [JAEW])
            refund = returns.refund(manager, receipt.receipt_no, {}, "cash", "leaking")
            assert returns.find(receipt.receipt_no).fully_refunded  # committed all the same
            [job] = queue.queued()
            assert (job.kind, job.status) == ("refund", "failed")
            assert queue.retry(job.job_id, "backup").status == "done"
        finally:
            counter.close()
    [document] = backup.documents
    assert refund.refund_no.encode() in document
    assert document.endswith(CUT + DRAWER)
