"""The print queue and full tax invoices: every print is stored first, then sent.

A job row is committed before the printer is touched. Sending claims the job atomically
(pending/failed -> printing), so two retries of one job never print it twice; a fault marks
it failed and leaves it queued for a retry on the same printer or on another one.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from pos.domain.cashup import ShiftReport
from pos.domain.errors import PrinterCutOff, PrinterUnavailable, ShopError, TaxInvoiceError
from pos.domain.sale import Receipt
from pos.domain.settings import PrinterProfile, Settings
from pos.domain.taxinvoice import Buyer, TaxInvoice
from pos.ports.clock import Clock
from pos.ports.print_jobs import PrintJob
from pos.ports.printing import (
    PrinterPort,
    PrintingUnitOfWork,
    TaxInvoiceRecord,
    TaxInvoiceRepository,
    TaxInvoiceWriter,
    TestPageRenderer,
)
from pos.ports.sales import SalesUnitOfWork
from pos.ports.shifts import ShiftUnitOfWork
from pos.ports.terminals import TerminalInfo
from pos.ports.uow import UnitOfWorkFactory

log = logging.getLogger(__name__)

Listener = Callable[[PrintJob, ShopError | None], None]
INTERRUPTED = "interrupted while printing (the program stopped)"


# how a job's last error starts when the printer may have printed part of it (cut off mid-job,
# or the program stopped while it printed): a retry prints the document whole once more
PARTLY_PRINTED = "partly printed: "


def partly_printed(job: PrintJob) -> bool:
    """True when an earlier attempt may have printed part of the job (its paper may show a
    partial first copy), so a retry is a second copy, not the first."""
    error = job.last_error or ""
    return error.startswith(PARTLY_PRINTED) or error == INTERRUPTED


def kept_in_queue(exc: PrinterUnavailable, *, partial: bool) -> PrinterUnavailable:
    """The printer's fault, and that the job waits in the queue: never printed, or perhaps
    printed in part (a retry then prints it whole once more)."""
    if partial:
        return PrinterCutOff(
            f"{exc.message_en} The printer may have printed part of it: throw that part "
            "away. It is kept in the print queue: printing it again prints it whole.",
            f"{exc.message_th} เครื่องพิมพ์อาจพิมพ์ออกมาบางส่วนแล้ว ให้ทิ้งส่วนนั้น "
            "งานพิมพ์ยังอยู่ในคิว สั่งพิมพ์ใหม่จะได้ฉบับเต็ม",
        )
    return PrinterUnavailable(
        f"{exc.message_en} Nothing was printed. It is kept in the print queue: print it "
        "again, or send it to another printer.",
        f"{exc.message_th} ยังไม่ได้พิมพ์ งานพิมพ์ยังอยู่ในคิว สั่งพิมพ์ใหม่หรือส่งไปเครื่องพิมพ์อื่นได้",
    )


class UnknownPrinter(ShopError):
    """A printer name that no profile in the settings carries."""


class PrintQueue:
    """Stores print jobs, sends them, and keeps the ones that failed for a retry.

    It is the checkout's ReceiptSink: `submit` queues the receipt of a just-committed sale
    and prints it at once, opening the cash drawer only when a cash tender was taken.
    """

    def __init__(
        self,
        uow: UnitOfWorkFactory[PrintingUnitOfWork],
        settings: Settings,
        printer: PrinterPort,
        clock: Clock,
        *,
        receipt_printer: str | None = None,
    ) -> None:
        self.uow = uow
        self.settings = settings
        self.printer = printer
        self.clock = clock
        self.receipt_printer = receipt_printer or settings.receipt_printer.name
        self._listeners: list[Listener] = []
        self._staged: dict[str, str] = {}  # sale id -> its receipt's job, staged in the sale's tx
        self._x_reports: dict[str, ShiftReport] = {}  # an X report's job -> the report printed
        self._lock = threading.Lock()

    # --- listeners (the till's printer-status banner) -----------------------------------------
    def add_listener(self, listener: Listener) -> None:
        """Called after every attempt with the job and None (printed) or the error."""
        with self._lock:
            self._listeners.append(listener)

    def remove_listener(self, listener: Listener) -> None:
        with self._lock:
            if listener in self._listeners:
                self._listeners.remove(listener)

    def _notify(self, job: PrintJob, error: ShopError | None) -> None:
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(job, error)
            except Exception:
                log.exception("print listener failed")

    # --- queueing ----------------------------------------------------------------------------
    def profile(self, name: str) -> PrinterProfile:
        found = self.settings.printer(name)
        if found is None:
            raise UnknownPrinter(f"No printer is named {name!r}", f"ไม่มีเครื่องพิมพ์ชื่อ {name!r}")
        return found

    def enqueue(
        self, kind: str, document_ref: str, *, printer: str | None = None, copy: bool = False
    ) -> PrintJob:
        """Store a job (committed) without sending it."""
        name = printer or self.receipt_printer
        self.profile(name)
        with self.uow(write=True) as uow:
            job = uow.print_jobs.add(name, kind, document_ref, copy, self.clock.now())
            uow.commit()
        return job

    def stage(self, uow: SalesUnitOfWork, receipt: Receipt) -> None:
        """ReceiptSink: add the receipt's job in the sale's transaction (committed with it)."""
        job = uow.print_jobs.add(
            self.receipt_printer, "receipt", receipt.receipt_no, receipt.copy, self.clock.now()
        )
        with self._lock:
            self._staged[receipt.sale_id] = job.job_id

    def submit(self, receipt: Receipt) -> None:
        """ReceiptSink: print the sale's receipt now (raises PrinterUnavailable).

        The job was staged with the sale; a receipt that was not staged is queued first.
        """
        with self._lock:
            job_id = self._staged.pop(receipt.sale_id, None)
        if job_id is None:
            job_id = self.enqueue("receipt", receipt.receipt_no, copy=receipt.copy).job_id
        self.send(job_id)

    def reprint(self, receipt_no: str, printer: str | None = None) -> PrintJob:
        """A copy of a receipt (marked สำเนา / COPY; never opens the drawer)."""
        with self.uow() as uow:
            if uow.sales.receipt(receipt_no) is None:
                raise ShopError(f"No receipt {receipt_no}", f"ไม่พบใบเสร็จเลขที่ {receipt_no}")
        job = self.enqueue("receipt", receipt_no, printer=printer, copy=True)
        return self.send(job.job_id)

    def print_x(self, report: ShiftReport, printer: str | None = None) -> PrintJob:
        """An X report (the shift so far) on the receipt printer.

        An X report is not stored (it is the shift at one moment): the job keeps it in memory,
        so a printer that is off keeps it for a retry while the till runs; after a restart it
        cannot be printed again, and a new X report is printed instead.
        """
        job = self.enqueue("x_report", report.shift_id, printer=printer)
        with self._lock:
            self._x_reports[job.job_id] = report
        return self.send(job.job_id)

    def print_z(self, number: str, printer: str | None = None, *, copy: bool = True) -> PrintJob:
        """A stored Z report by its number, e.g. Z-KK01-000001 (again: a copy by default)."""
        with self.uow() as uow:
            if uow.shifts.z_report(number) is None:
                raise ShopError(f"No Z report {number}", f"ไม่พบรายงาน Z เลขที่ {number}")
        job = self.enqueue("z_report", number, printer=printer, copy=copy)
        return self.send(job.job_id)

    def test_page(self, printer: str) -> PrintJob:
        job = self.enqueue("test", "", printer=printer)
        return self.send(job.job_id)

    # --- sending -----------------------------------------------------------------------------
    def send(self, job_id: str, printer: str | None = None) -> PrintJob:
        """Print a queued job once, optionally on another printer.

        Returns the job as it ends (done, or still queued as failed); raises
        PrinterUnavailable when the printer could not take it. A job that is already
        printed (or being printed) is returned untouched and not printed again.
        """
        if printer is not None:
            self.profile(printer)
        with self.uow(write=True) as uow:
            job = uow.print_jobs.claim(job_id, printer)
            if job is None:
                current = uow.print_jobs.get(job_id)
                if current is None:
                    raise ShopError(f"No print job {job_id}", f"ไม่พบงานพิมพ์ {job_id}")
                return current
            uow.commit()
        try:
            self._print(job)
        except PrinterUnavailable as exc:
            partial = isinstance(exc, PrinterCutOff) or partly_printed(job)
            failed = self._mark_failed(job, (PARTLY_PRINTED if partial else "") + exc.message_en)
            kept = kept_in_queue(exc, partial=partial)
            self._notify(failed, kept)
            raise kept from exc
        except ShopError as exc:
            failed = self._mark_failed(job, exc.message_en)
            self._notify(failed, exc)
            raise
        except Exception as exc:
            failed = self._mark_failed(job, f"internal error: {exc!r}")
            log.exception("print job %s failed with a bug", job.job_id)
            self._notify(failed, ShopError(f"Printing failed: {exc!r}", f"พิมพ์ไม่สำเร็จ: {exc!r}"))
            raise
        with self.uow(write=True) as uow:
            uow.print_jobs.finish(job.job_id, self.clock.now())
            uow.commit()
            done = uow.print_jobs.get(job.job_id)
        assert done is not None
        self._notify(done, None)
        return done

    def retry(self, job_id: str, printer: str | None = None) -> PrintJob:
        """The cashier's "print again" (or "send to another printer")."""
        return self.send(job_id, printer)

    def retry_all(self) -> list[PrintJob]:
        """Try every queued job once, oldest first; stops at the first printer still down."""
        sent: list[PrintJob] = []
        for job in self.queued():
            if job.status == "printing" or self._lost_x_report(job):
                continue
            try:
                sent.append(self.send(job.job_id))
            except PrinterUnavailable:
                break
        return sent

    def queued(self) -> list[PrintJob]:
        """Jobs not printed yet (pending, failed, or interrupted mid-print)."""
        with self.uow() as uow:
            return uow.print_jobs.open_jobs()

    def recover(self) -> int:
        """At start-up: jobs left 'printing' by a crash go back to the queue as failed."""
        with self.uow(write=True) as uow:
            n = uow.print_jobs.recover_interrupted(INTERRUPTED)
            uow.commit()
        return n

    def _lost_x_report(self, job: PrintJob) -> bool:
        """An X report's job from before a restart: its report is gone (print a new one)."""
        with self._lock:
            return job.kind == "x_report" and job.job_id not in self._x_reports

    def _mark_failed(self, job: PrintJob, error: str) -> PrintJob:
        with self.uow(write=True) as uow:
            uow.print_jobs.fail(job.job_id, error[:2000])
            uow.commit()
            failed = uow.print_jobs.get(job.job_id)
        return failed or job

    def _print(self, job: PrintJob) -> None:
        profile = self.profile(job.printer)
        if job.kind == "receipt":
            with self.uow() as uow:
                receipt = uow.sales.receipt(job.document_ref)
            if receipt is None:
                raise ShopError(
                    f"No receipt {job.document_ref}", f"ไม่พบใบเสร็จเลขที่ {job.document_ref}"
                )
            receipt = replace(receipt, copy=job.copy)
            # the drawer opens for the sale's own receipt with cash taken, never for copies
            cash = any(p.kind == "cash" for p in receipt.payments)
            self.printer.print_receipt(
                receipt, self.settings, profile, open_drawer=cash and not job.copy
            )
        elif job.kind == "tax_invoice":
            invoice = TaxInvoices.load(self.uow, job.document_ref)
            self.printer.print_tax_invoice(replace(invoice, copy=job.copy), self.settings, profile)
        elif job.kind == "test":
            self.printer.print_test_page(self.settings, profile)
        elif job.kind == "refund":
            with self.uow() as uow:
                refund = uow.refunds.receipt(job.document_ref)
            if refund is None:
                raise ShopError(
                    f"No refund {job.document_ref}", f"ไม่พบใบคืนสินค้าเลขที่ {job.document_ref}"
                )
            # the drawer opens for a cash refund's own slip (the cash goes out), never a copy
            cash = refund.method == "cash" and not job.copy
            self.printer.print_refund(
                replace(refund, copy=job.copy), self.settings, profile, open_drawer=cash
            )
        elif job.kind == "z_report":
            with self.uow() as uow:
                report = uow.shifts.z_report(job.document_ref)
            if report is None:
                raise ShopError(
                    f"No Z report {job.document_ref}", f"ไม่พบรายงาน Z เลขที่ {job.document_ref}"
                )
            self.printer.print_shift_report(report, self.settings, profile, copy=job.copy)
        elif job.kind == "x_report":
            with self._lock:
                x_report = self._x_reports.get(job.job_id)
            if x_report is None:
                raise ShopError(
                    "This X report was not kept after the program restarted: print a new X report",
                    "รายงาน X นี้ไม่ได้เก็บไว้หลังเปิดโปรแกรมใหม่ กรุณาพิมพ์รายงาน X ใหม่",
                )
            self.printer.print_shift_report(x_report, self.settings, profile)
        elif job.kind == "stock":  # a receiving or return slip (pos.services.stock)
            with self.uow() as uow:
                doc = uow.stock.document(job.document_ref)
            if doc is None:
                raise ShopError(
                    f"No stock document {job.document_ref}",
                    f"ไม่พบเอกสารสต็อกเลขที่ {job.document_ref}",
                )
            self.printer.print_stock_document(doc, self.settings, profile)
        else:
            raise ShopError(f"Unknown print job kind {job.kind}", f"ไม่รู้จักงานพิมพ์ {job.kind}")


class TestPages:
    """The printer set-up's test page: its preview for any profile (a preview-only one too),
    and a test print through the queue (when this counter has one)."""

    def __init__(
        self, settings: Settings, renderer: TestPageRenderer, queue: PrintQueue | None
    ) -> None:
        self.settings = settings
        self.renderer = renderer
        self.queue = queue

    @property
    def can_print(self) -> bool:
        return self.queue is not None

    def preview(self, profile: PrinterProfile) -> bytes:
        """The test page as the printer of `profile` would get it, as a PNG."""
        return self.renderer.test_page_png(self.settings, profile)

    def print(self, printer: str) -> PrintJob:
        """The test page on `printer`, through the queue (raises PrinterUnavailable)."""
        if self.queue is None:
            raise PrinterUnavailable(
                "This counter has no printer to print on (every profile is a preview)",
                "เครื่องนี้ไม่มีเครื่องพิมพ์ (ทุกโปรไฟล์เป็นเพียงการแสดงตัวอย่าง)",
            )
        return self.queue.test_page(printer)


class TaxInvoices:
    """Full tax invoices (ใบกำกับภาษี) on the buyer's request, numbered in their own series."""

    def __init__(
        self,
        uow: UnitOfWorkFactory[PrintingUnitOfWork],
        settings: Settings,
        terminal: TerminalInfo,
        clock: Clock,
        writer: TaxInvoiceWriter,
        queue: PrintQueue | None = None,
    ) -> None:
        self.uow = uow
        self.settings = settings
        self.terminal = terminal
        self.clock = clock
        self.writer = writer
        self.queue = queue

    @staticmethod
    def load(uow: UnitOfWorkFactory[PrintingUnitOfWork], number: str) -> TaxInvoice:
        with uow() as read:
            record = read.tax_invoices.by_number(number)
            receipt = None if record is None else read.sales.receipt(record.receipt_no)
        if record is None or receipt is None:
            raise TaxInvoiceError(f"No tax invoice {number}", f"ไม่พบใบกำกับภาษีเลขที่ {number}")
        return _invoice(record, receipt)

    def buyers(self, text: str, limit: int = 8) -> list[Buyer]:
        """Buyers of earlier invoices to fill the form from: by the start of a tax ID (3 digits
        or more) or a part of the name (2 characters or more); none for less."""
        typed = text.strip()
        digits = typed.replace("-", "").replace(" ", "")
        if (digits.isdigit() and len(digits) < 3) or len(typed) < 2:
            return []
        with self.uow() as read:
            return read.tax_invoices.buyers(typed, limit)

    def find(self, receipt_no: str) -> TaxInvoice | None:
        """The tax invoice already issued for a sale, if any."""
        with self.uow() as read:
            record = read.tax_invoices.for_receipt(receipt_no)
            receipt = None if record is None else read.sales.receipt(receipt_no)
        return None if record is None or receipt is None else _invoice(record, receipt)

    def issue(self, receipt_no: str, buyer: Buyer) -> TaxInvoice:
        """Issue the invoice for a committed sale: one per sale, numbered gaplessly."""
        if not self.settings.vat_registered:
            raise TaxInvoiceError(
                "This shop is not VAT-registered: it issues receipts, never tax invoices",
                "ร้านนี้ไม่ได้จดทะเบียนภาษีมูลค่าเพิ่ม ออกใบกำกับภาษีไม่ได้ ออกได้เฉพาะใบเสร็จรับเงิน",
            )
        problems = buyer.problems()
        if problems:
            raise TaxInvoiceError(
                "Buyer details: " + "; ".join(en for en, _ in problems),
                "ข้อมูลผู้ซื้อ: " + "; ".join(th for _, th in problems),
            )
        with self.uow(write=True) as uow:
            receipt = uow.sales.receipt(receipt_no)
            if receipt is None:
                raise TaxInvoiceError(f"No receipt {receipt_no}", f"ไม่พบใบเสร็จเลขที่ {receipt_no}")
            existing = uow.tax_invoices.for_receipt(receipt_no)
            if existing is not None:
                raise TaxInvoiceError(
                    f"Receipt {receipt_no} already has tax invoice {existing.number}: "
                    "print a copy of it instead",
                    f"ใบเสร็จเลขที่ {receipt_no} ออกใบกำกับภาษีไปแล้ว เลขที่ {existing.number} "
                    "กรุณาพิมพ์สำเนาแทน",
                )
            terminal = invoice_terminal(uow.tax_invoices, receipt_no, self.terminal)
            record = uow.tax_invoices.issue(receipt_no, terminal, buyer, self.clock.now())
            uow.commit()
        return _invoice(record, receipt)

    def write_pdf(self, invoice: TaxInvoice, path: Path) -> Path:
        return self.writer.write_pdf(invoice, self.settings, path)

    def print_slip(self, invoice: TaxInvoice, printer: str | None = None) -> PrintJob:
        """The invoice on a receipt printer, through the print queue."""
        if self.queue is None:
            raise PrinterUnavailable("No printer is set up", "ยังไม่ได้ตั้งค่าเครื่องพิมพ์")
        job = self.queue.enqueue("tax_invoice", invoice.number, printer=printer, copy=invoice.copy)
        return self.queue.send(job.job_id)


def invoice_terminal(
    invoices: TaxInvoiceRepository, receipt_no: str, issuing: TerminalInfo
) -> TerminalInfo:
    """The terminal whose series numbers a sale's tax invoice: the counter issuing it, but an
    online channel's sale (web, LINE, Facebook) on its own terminal's series, wherever it is
    issued."""
    found = invoices.sale_channel_terminal(receipt_no)
    if found is None or not found[1].online:
        return issuing
    return found[0]


def _invoice(record: TaxInvoiceRecord, receipt: Receipt) -> TaxInvoice:
    return TaxInvoice(record.number, record.issued_at, record.buyer, receipt)


class ZReports:
    """ShiftReportSink: the Z report's print job, staged in the transaction that closes the
    shift (so the report and its print job commit together), sent by the queue after commit.

    A printer that is off keeps the job queued for a retry: the Z is never lost."""

    def __init__(self, queue: PrintQueue) -> None:
        self.queue = queue
        self._staged: dict[str, str] = {}  # Z number -> its job
        self._lock = threading.Lock()

    def stage(self, uow: ShiftUnitOfWork, report: ShiftReport) -> None:
        job = uow.print_jobs.add(
            self.queue.receipt_printer, "z_report", report.document_no, False,
            self.queue.clock.now(),
        )  # fmt: skip
        with self._lock:
            self._staged[report.document_no] = job.job_id

    def submit(self, report: ShiftReport) -> None:
        with self._lock:
            job_id = self._staged.pop(report.document_no, None)
        if job_id is None:
            job_id = self.queue.enqueue("z_report", report.document_no).job_id
        self.queue.send(job_id)
