"""The print queue: jobs stored before sending, faults keep them queued, retries print once."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from sqlalchemy import func, select

from db import models as m
from pos.app.bootstrap import Store
from pos.domain.errors import PrinterCutOff, PrinterUnavailable, ShopError
from pos.domain.sale import Receipt
from pos.domain.settings import PrinterProfile, Settings
from pos.domain.taxinvoice import TaxInvoice
from pos.ports.print_jobs import PrintJob
from pos.services.printing import INTERRUPTED, PARTLY_PRINTED, PrintQueue, UnknownPrinter
from printing.document import receipt_document
from printing.escpos_job import build_job
from printing.printer import EscPosPrinter
from tests.printing.conftest import FixedClock, network_settings, sell
from tests.printing.helpers import FakeNetworkPrinter, free_port

CUT = b"\x1dV\x01"
DRAWER = b"\x1bp\x00\x32\x32"
MakeStore = Callable[[Settings], Store]


def _queue(store: Store, clock: FixedClock) -> PrintQueue:
    return PrintQueue(store.uow, store.settings, EscPosPrinter(), clock)


def _jobs(store: Store) -> list[PrintJob]:
    with store.uow() as read:
        return read.print_jobs.for_document("receipt", "KK01-00000001")


def _sales(store: Store) -> int:
    with store.uow() as read:
        return read.sales.count()


def test_a_cash_sale_prints_its_receipt_and_opens_the_drawer(
    make_store: MakeStore, clock: FixedClock
) -> None:
    with FakeNetworkPrinter() as printer:
        store = make_store(network_settings(printer.target))
        receipt = sell(store, clock, _queue(store, clock), pay="cash")
    assert len(printer.documents) == 1
    expected = build_job(
        receipt_document(receipt, store.settings), store.settings.receipt_printer, open_drawer=True
    )
    assert printer.documents[0] == expected
    assert printer.documents[0].endswith(CUT + DRAWER)
    [job] = _jobs(store)
    assert (job.status, job.attempts, job.copy, job.printer) == ("done", 1, False, "receipt")


def test_a_promptpay_sale_leaves_the_drawer_shut(make_store: MakeStore, clock: FixedClock) -> None:
    with FakeNetworkPrinter() as printer:
        store = make_store(network_settings(printer.target))
        sell(store, clock, _queue(store, clock), pay="promptpay")
    assert printer.documents[0].endswith(CUT)
    assert DRAWER not in printer.documents[0]


def test_printer_refusing_keeps_the_sale_and_the_job_then_another_printer_prints_it_once(
    make_store: MakeStore, clock: FixedClock, caplog: pytest.LogCaptureFixture
) -> None:
    with FakeNetworkPrinter() as backup:
        settings = network_settings(
            f"127.0.0.1:{free_port()}",
            more=(PrinterProfile(name="backup", connection="network", target=backup.target),),
        )
        store = make_store(settings)
        queue = _queue(store, clock)
        seen: list[tuple[str, ShopError | None]] = []
        queue.add_listener(lambda job, error: seen.append((job.status, error)))

        receipt = sell(store, clock, queue)  # the printer is off: the sale still completes
        assert receipt.receipt_no == "KK01-00000001"
        assert _sales(store) == 1
        assert "KK01-00000001 not printed" in caplog.text
        [job] = queue.queued()
        assert (job.status, job.attempts) == ("failed", 1)
        assert "does not answer" in job.last_error
        assert seen[0][0] == "failed"
        assert isinstance(seen[0][1], PrinterUnavailable)
        assert "kept in the print queue" in seen[0][1].message("en")
        assert "ยังอยู่ในคิว" in seen[0][1].message("th")

        done = queue.retry(job.job_id, printer="backup")  # "send to another printer"
        assert (done.status, done.printer, done.attempts) == ("done", "backup", 2)
        assert queue.retry(job.job_id, printer="backup").status == "done"  # no second print
        assert queue.retry_all() == []
    assert len(backup.documents) == 1
    assert backup.documents[0].endswith(CUT + DRAWER), "the drawer opens with the one print"
    assert queue.queued() == []
    assert seen[-1] == ("done", None)


def test_connection_closed_mid_job_the_sale_stays_the_job_stays_a_retry_prints_once(
    make_store: MakeStore, clock: FixedClock
) -> None:
    with FakeNetworkPrinter(close_after=2000) as printer:
        store = make_store(network_settings(printer.target))
        queue = _queue(store, clock)
        receipt = sell(store, clock, queue)

        assert _sales(store) == 1, "the sale is committed whatever the printer did"
        [job] = queue.queued()
        assert job.status == "failed"
        assert "lost while printing" in job.last_error
        assert printer.connections[0].closed_early

        assert queue.retry(job.job_id).status == "done"
        again = queue.retry(job.job_id)
        assert (again.status, again.attempts) == ("done", 2)
        assert queue.retry_all() == []
    expected = build_job(
        receipt_document(receipt, store.settings), store.settings.receipt_printer, open_drawer=True
    )
    complete = [d for d in printer.documents if d == expected]
    assert len(printer.connections) == 2, "one cut-off attempt, one retry, nothing more"
    assert len(complete) == 1, "printed exactly once"


def test_a_reprint_is_marked_copy_and_never_opens_the_drawer(
    make_store: MakeStore, clock: FixedClock
) -> None:
    with FakeNetworkPrinter() as printer:
        settings = Settings(
            printers=(
                PrinterProfile(
                    name="receipt",
                    connection="network",
                    target=printer.target,
                    mode="text",
                    codepage=21,
                ),
            )
        )
        store = make_store(settings)
        queue = _queue(store, clock)
        sell(store, clock, queue)
        job = queue.reprint("KK01-00000001")
    assert (job.status, job.copy) == ("done", True)
    original, copy = printer.documents
    assert "สำเนา / COPY".encode("cp874") not in original
    assert "สำเนา / COPY".encode("cp874") in copy
    assert original.endswith(CUT + DRAWER)
    assert copy.endswith(CUT)


@dataclass
class RecordingPrinter:
    """A PrinterPort that records calls (and can be slow, or look at the database)."""

    delay: float = 0.0
    calls: list[tuple[str, bool, bool]] = field(default_factory=list)
    during: Callable[[], None] | None = None

    def print_receipt(
        self, receipt: Receipt, settings: Settings, profile: PrinterProfile, *, open_drawer: bool
    ) -> None:
        if self.during:
            self.during()
        time.sleep(self.delay)
        self.calls.append((receipt.receipt_no, receipt.copy, open_drawer))

    def print_tax_invoice(
        self, invoice: TaxInvoice, settings: Settings, profile: PrinterProfile
    ) -> None:
        self.calls.append((invoice.number, invoice.copy, False))

    def print_test_page(self, settings: Settings, profile: PrinterProfile) -> None:
        self.calls.append(("test", False, False))


def test_the_job_is_stored_before_the_printer_is_touched(
    make_store: MakeStore, clock: FixedClock
) -> None:
    store = make_store(network_settings("192.0.2.1:9100"))
    states: list[tuple[str, int]] = []

    def look() -> None:
        with store.engine.connect() as conn:
            rows = conn.execute(select(m.PrintJob.status, m.PrintJob.attempts))
            states.extend((r.status, r.attempts) for r in rows)

    printer = RecordingPrinter(during=look)
    sell(store, clock, PrintQueue(store.uow, store.settings, printer, clock))
    assert states == [("printing", 1)], "committed and claimed before printing"
    assert printer.calls == [("KK01-00000001", False, True)]


def test_two_retries_at_once_print_once(make_store: MakeStore, clock: FixedClock) -> None:
    store = make_store(network_settings("192.0.2.1:9100"))
    printer = RecordingPrinter(delay=0.3)
    queue = PrintQueue(store.uow, store.settings, printer, clock)
    sell(store, clock, None)
    job = queue.enqueue("receipt", "KK01-00000001")
    threads = [threading.Thread(target=queue.send, args=(job.job_id,)) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert printer.calls == [("KK01-00000001", False, True)]


def test_a_job_cut_off_by_a_crash_goes_back_to_the_queue(
    make_store: MakeStore, clock: FixedClock
) -> None:
    store = make_store(network_settings("192.0.2.1:9100"))
    sell(store, clock, None)
    printer = RecordingPrinter()
    queue = PrintQueue(store.uow, store.settings, printer, clock)
    job = queue.enqueue("receipt", "KK01-00000001")
    with store.uow(write=True) as uow:  # the program died after claiming the job
        uow.print_jobs.claim(job.job_id)
        uow.commit()
    assert queue.send(job.job_id).status == "printing", "a job in flight is not printed twice"
    assert queue.recover() == 1
    [stuck] = queue.queued()
    assert (stuck.status, stuck.last_error) == ("failed", INTERRUPTED)
    assert [j.status for j in queue.retry_all()] == ["done"]
    assert printer.calls == [("KK01-00000001", False, True)]


def test_retry_to_a_printer_that_does_not_exist_is_refused(
    make_store: MakeStore, clock: FixedClock
) -> None:
    store = make_store(network_settings("192.0.2.1:9100"))
    sell(store, clock, None)
    queue = PrintQueue(store.uow, store.settings, RecordingPrinter(), clock)
    job = queue.enqueue("receipt", "KK01-00000001")
    with pytest.raises(UnknownPrinter, match="kitchen"):
        queue.retry(job.job_id, printer="kitchen")
    with store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(m.PrintJob)).scalar() == 1


def test_test_page_goes_through_the_queue(make_store: MakeStore, clock: FixedClock) -> None:
    store = make_store(network_settings("192.0.2.1:9100"))
    printer = RecordingPrinter()
    queue = PrintQueue(store.uow, store.settings, printer, clock)
    assert queue.test_page("receipt").status == "done"
    assert printer.calls == [("test", False, False)]


class DiesBeforePrinting(PrintQueue):
    """The till process dying right after the sale's commit, before the printer is reached."""

    def submit(self, receipt: Receipt) -> None:
        raise SystemExit("killed")


def test_a_crash_after_the_commit_leaves_the_receipt_queued(
    make_store: MakeStore, clock: FixedClock
) -> None:
    store = make_store(network_settings("192.0.2.1:9100"))
    printer = RecordingPrinter()
    with pytest.raises(SystemExit):
        sell(store, clock, DiesBeforePrinting(store.uow, store.settings, printer, clock))
    assert _sales(store) == 1
    [job] = _jobs(store)
    assert job.status == "pending", "the job was committed with the sale"
    queue = PrintQueue(store.uow, store.settings, printer, clock)  # the till restarted
    assert [j.document_ref for j in queue.queued()] == ["KK01-00000001"]
    assert [j.status for j in queue.retry_all()] == ["done"]
    assert printer.calls == [("KK01-00000001", False, True)]


def test_a_job_cut_off_mid_way_is_said_to_be_partly_printed_on_every_retry(
    make_store: MakeStore, clock: FixedClock
) -> None:
    with FakeNetworkPrinter() as backup:
        with FakeNetworkPrinter(close_after=2000) as printer:
            settings = network_settings(
                printer.target,
                more=(PrinterProfile(name="backup", connection="network", target=backup.target),),
            )
            store = make_store(settings)
            queue = _queue(store, clock)
            seen: list[ShopError | None] = []
            queue.add_listener(lambda _job, error: seen.append(error))
            sell(store, clock, queue)
        assert printer.connections[0].closed_early  # it took 2,000 bytes, then hung up
        [job] = queue.queued()
        assert job.last_error.startswith(PARTLY_PRINTED)
        first = seen[-1]
        assert isinstance(first, PrinterCutOff)
        assert "may have printed part of it: throw that part away" in first.message("en")
        assert "printing it again prints it whole" in first.message("en")
        assert "Nothing was printed" not in first.message("en")
        assert "อาจพิมพ์ออกมาบางส่วนแล้ว" in first.message("th")

        # the printer is now off: the retry fails before sending, and still says that the
        # paper may show a partial first copy (not that the receipt was never printed)
        with pytest.raises(PrinterCutOff) as again:
            queue.retry(job.job_id)
        assert "does not answer" in again.value.message("en")
        assert "may have printed part of it" in again.value.message("en")
        [job] = queue.queued()
        assert job.last_error.startswith(PARTLY_PRINTED)

        done = queue.retry(job.job_id, printer="backup")
        assert (done.status, done.attempts) == ("done", 3)
    assert len(backup.documents) == 1


def test_a_printer_off_before_the_job_says_nothing_was_printed(
    make_store: MakeStore, clock: FixedClock
) -> None:
    store = make_store(network_settings(f"127.0.0.1:{free_port()}"))
    queue = _queue(store, clock)
    seen: list[ShopError | None] = []
    queue.add_listener(lambda _job, error: seen.append(error))
    sell(store, clock, queue)
    [error] = seen
    assert isinstance(error, PrinterUnavailable)
    assert not isinstance(error, PrinterCutOff)
    text = error.message("en")
    assert "Nothing was printed. It is kept in the print queue" in text
    assert text.count("print queue") == 1  # said once, by the queue (not by the printer too)
    [job] = queue.queued()
    assert not job.last_error.startswith(PARTLY_PRINTED)
