"""The ESC/POS printer adapter: receipts, tax invoice slips and test pages to a printer."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QImage

from pos.domain.cashup import ShiftReport
from pos.domain.errors import PrinterUnavailable
from pos.domain.refund import RefundReceipt
from pos.domain.sale import Receipt
from pos.domain.settings import PrinterProfile, Settings
from pos.domain.taxinvoice import TaxInvoice
from pos.ports.stock import StockDocumentRecord
from printing.document import Document, printer_test_page, receipt_document, tax_invoice_slip
from printing.escpos_job import build_job, render_body
from printing.transport import deliver

Deliver = Callable[[PrinterProfile, bytes], None]


class EscPosPrinter:
    """Implements pos.ports.printing.PrinterPort: renders a document for a profile, sends it."""

    def __init__(self, send: Deliver = deliver) -> None:
        self._send = send

    def print_receipt(
        self, receipt: Receipt, settings: Settings, profile: PrinterProfile, *, open_drawer: bool
    ) -> None:
        self._print(receipt_document(receipt, settings), profile, open_drawer=open_drawer)

    def print_tax_invoice(
        self, invoice: TaxInvoice, settings: Settings, profile: PrinterProfile
    ) -> None:
        self._print(tax_invoice_slip(invoice, settings), profile, open_drawer=False)

    def print_refund(
        self, refund: RefundReceipt, settings: Settings, profile: PrinterProfile, *,
        open_drawer: bool,
    ) -> None:  # fmt: skip
        from printing.refund_receipt import refund_document

        self._print(refund_document(refund, settings), profile, open_drawer=open_drawer)

    def print_shift_report(
        self, report: ShiftReport, settings: Settings, profile: PrinterProfile, *,
        copy: bool = False,
    ) -> None:  # fmt: skip
        """An X or Z report (never opens the drawer: the count is done)."""
        from printing.shift_report import shift_report_document

        document = shift_report_document(report, settings, copy=copy)
        self._print(document, profile, open_drawer=False)

    def print_stock_document(
        self, doc: StockDocumentRecord, settings: Settings, profile: PrinterProfile
    ) -> None:
        """A receiving slip, a return slip ... (never opens the drawer)."""
        from printing.stock_text import stock_slip_document

        self._print(stock_slip_document(doc, settings), profile, open_drawer=False)

    def print_test_page(self, settings: Settings, profile: PrinterProfile) -> None:
        document = printer_test_page(settings, profile.mode, profile.codepage, profile.paper_mm)
        self._print(document, profile, open_drawer=False)

    def test_page_png(self, settings: Settings, profile: PrinterProfile) -> bytes:
        """Implements pos.ports.printing.TestPageRenderer: the raster this profile prints."""
        page = printer_test_page(settings, profile.mode, profile.codepage, profile.paper_mm)
        return png_bytes(render_body(page, profile))

    def _print(self, document: Document, profile: PrinterProfile, *, open_drawer: bool) -> None:
        if profile.is_preview:
            raise PrinterUnavailable(
                f"Printer {profile.name} is a preview only and cannot print",
                f"เครื่องพิมพ์ {profile.name} เป็นเพียงการแสดงตัวอย่าง พิมพ์ไม่ได้",
            )
        self._send(profile, build_job(document, profile, open_drawer=open_drawer))


def receipt_image(receipt: Receipt, settings: Settings, profile: PrinterProfile) -> QImage:
    """The receipt exactly as a raster printer of `profile` prints it (1 bit, paper width)."""
    return render_body(receipt_document(receipt, settings), profile)


def png_bytes(image: QImage) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):  # type: ignore[call-overload]
        raise OSError("cannot encode the image as PNG")
    return bytes(buffer.data().data())


def save_png(image: QImage, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    # PySide6 6.12 wants the format as str at run time, though its stubs say bytes
    if not image.save(str(path), "PNG"):  # type: ignore[call-overload]
        raise OSError(f"cannot write {path}")
    return path
