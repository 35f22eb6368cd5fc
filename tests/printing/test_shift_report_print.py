"""X and Z reports on the receipt printer: through the print queue, staged with the close."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from pos.app import main
from pos.app.bootstrap import Store
from pos.domain.auth import Actor
from pos.domain.cashup import ShiftReport
from pos.domain.errors import PrinterUnavailable, ShopError
from pos.domain.settings import PrinterProfile, Settings
from pos.services.auth import Auth
from pos.services.printing import PrintQueue, ZReports
from pos.services.shifts import Shifts
from printing.escpos_job import build_job
from printing.printer import EscPosPrinter
from printing.shift_report import render_shift_report_text, shift_report_document
from tests.helpers.selling import PlainTestHasher
from tests.printing.conftest import FixedClock, network_settings, sell
from tests.printing.helpers import FakeNetworkPrinter, free_port

CUT = b"\x1dV\x01"
RASTER = b"\x1dv0"
MakeStore = Callable[[Settings], Store]


def _till(store: Store, clock: FixedClock) -> tuple[PrintQueue, Shifts, Actor]:
    """The till's wiring: one queue for receipts and the Z, the manager logged in."""
    queue = PrintQueue(store.uow, store.settings, EscPosPrinter(), clock)
    auth = Auth(store.uow, store.settings, clock, PlainTestHasher(), store.terminal.terminal_id)
    auth.ensure_demo_users()
    shifts = Shifts(store.uow, auth, store.terminal, clock, ZReports(queue))
    return queue, shifts, auth.login("manager", "9999")


def _close(
    store: Store, clock: FixedClock, queue: PrintQueue, shifts: Shifts, actor: Actor
) -> ShiftReport:
    sell(store, clock, queue, pay="cash")
    sell(store, clock, queue, pay="promptpay")
    return shifts.close(actor, {Decimal(1000): 1, Decimal(100): 2})


def test_closing_the_shift_prints_the_z_report_in_thai_on_the_network_printer(
    make_store: MakeStore, clock: FixedClock
) -> None:
    with FakeNetworkPrinter() as printer:
        store = make_store(network_settings(printer.target))
        queue, shifts, manager = _till(store, clock)
        report = _close(store, clock, queue, shifts, manager)
    assert report.document_no == "Z-KK01-000001"
    assert len(printer.documents) == 3, "two receipts, then the Z report"
    got = printer.documents[2]
    profile = store.settings.receipt_printer
    assert got == build_job(shift_report_document(report, store.settings), profile)
    assert got[2:].startswith(RASTER), "Thai goes as a raster Qt shaped"
    assert got.endswith(CUT)
    assert b"\x1bp" not in got, "a Z report never opens the drawer"
    text = render_shift_report_text(report, store.settings)
    assert "รายงาน Z (ปิดกะ) / Z REPORT" in text
    assert "Z-KK01-000001" in text
    assert "KK01-00000001 - KK01-00000002" in text
    assert f"{report.sales.total:,.2f}" in text
    with store.uow() as read:
        [job] = read.print_jobs.for_document("z_report", "Z-KK01-000001")
        stored = read.shifts.z_report("Z-KK01-000001")
    assert (job.status, job.attempts, job.copy) == ("done", 1, False)
    assert stored == report, "the stored record gives back the report as it was closed"


def test_a_text_mode_printer_gets_the_z_report_in_cp874(
    make_store: MakeStore, clock: FixedClock
) -> None:
    with FakeNetworkPrinter() as printer:
        receipt = PrinterProfile(
            name="receipt", connection="network", target=printer.target, timeout_s=2,
            mode="text", codepage=21,
        )  # fmt: skip
        store = make_store(Settings(printers=(receipt,)))
        queue, shifts, manager = _till(store, clock)
        report = _close(store, clock, queue, shifts, manager)
    got = printer.documents[-1]
    assert got[2:].startswith(b"\x1bt\x15")
    assert "รายงาน Z (ปิดกะ)".encode("cp874") in got
    assert "เงินที่ควรมีในลิ้นชัก".encode("cp874") in got
    assert report.document_no.encode() in got
    assert f"{report.cash.counted:,.2f}".encode() in got


def test_a_printer_that_is_off_keeps_the_z_queued_and_the_shift_closes(
    make_store: MakeStore, clock: FixedClock
) -> None:
    with FakeNetworkPrinter() as backup:
        settings = network_settings(
            f"127.0.0.1:{free_port()}",
            more=(PrinterProfile(name="backup", connection="network", target=backup.target),),
        )
        store = make_store(settings)
        queue, shifts, manager = _till(store, clock)
        report = _close(store, clock, queue, shifts, manager)
        assert shifts.current() is None, "the shift is closed whatever the printer did"
        z_jobs = [j for j in queue.queued() if j.kind == "z_report"]
        assert [(j.document_ref, j.status) for j in z_jobs] == [("Z-KK01-000001", "failed")]
        with pytest.raises(PrinterUnavailable):
            queue.retry(z_jobs[0].job_id)  # still off
        done = queue.retry(z_jobs[0].job_id, printer="backup")
        assert (done.status, done.printer) == ("done", "backup")
        assert queue.retry(z_jobs[0].job_id).attempts == done.attempts, "printed once"
    backup_profile = settings.printer("backup") or settings.receipt_printer
    assert backup.documents == [build_job(shift_report_document(report, settings), backup_profile)]


def test_the_z_job_commits_with_the_close_or_not_at_all(
    make_store: MakeStore, clock: FixedClock
) -> None:
    """A close that fails after the job is staged leaves neither a Z nor its job."""

    class Broken(ZReports):
        def stage(self, uow, report):  # type: ignore[no-untyped-def]
            super().stage(uow, report)
            raise ShopError("boom", "บูม")

    store = make_store(network_settings(f"127.0.0.1:{free_port()}"))
    queue, shifts, manager = _till(store, clock)
    shifts.sink = Broken(queue)
    sell(store, clock, queue, pay="promptpay")
    with pytest.raises(ShopError):
        shifts.close(manager, {})
    assert shifts.current() is not None, "the shift is still open"
    assert [j for j in queue.queued() if j.kind == "z_report"] == []
    with store.uow() as read:
        assert read.shifts.z_report("Z-KK01-000001") is None


def test_an_x_report_prints_and_waits_in_the_queue_while_the_printer_is_off(
    make_store: MakeStore, clock: FixedClock
) -> None:
    with FakeNetworkPrinter() as backup:
        settings = network_settings(
            f"127.0.0.1:{free_port()}",
            more=(PrinterProfile(name="backup", connection="network", target=backup.target),),
        )
        store = make_store(settings)
        queue, shifts, manager = _till(store, clock)
        sell(store, clock, queue, pay="cash")
        report = shifts.x_report(manager)
        with pytest.raises(PrinterUnavailable):
            queue.print_x(report)
        [job] = [j for j in queue.queued() if j.kind == "x_report"]
        assert queue.retry(job.job_id, printer="backup").status == "done"
        assert "รายงาน X" in render_shift_report_text(report, settings)
        # after a restart the X report is not kept: retry_all skips it, a retry says why
        restarted = PrintQueue(store.uow, settings, EscPosPrinter(), clock)
        queue.print_x(report, printer="backup")
        restarted.enqueue("x_report", report.shift_id, printer="backup")
        assert restarted.retry_all() == []
        [lost] = [j for j in restarted.queued() if j.kind == "x_report"]
        with pytest.raises(ShopError, match="print a new X report"):
            restarted.retry(lost.job_id)
    backup_profile = settings.printer("backup") or settings.receipt_printer
    x_job = build_job(shift_report_document(report, settings), backup_profile)
    assert backup.documents == [x_job, x_job]


def test_a_z_report_printed_again_from_the_queue_is_a_copy(
    make_store: MakeStore, clock: FixedClock
) -> None:
    with FakeNetworkPrinter() as printer:
        receipt = PrinterProfile(
            name="receipt", connection="network", target=printer.target, timeout_s=2,
            mode="text", codepage=21,
        )  # fmt: skip
        store = make_store(Settings(printers=(receipt,)))
        queue, shifts, manager = _till(store, clock)
        report = _close(store, clock, queue, shifts, manager)
        again = queue.print_z(report.document_no)
        with pytest.raises(ShopError, match="No Z report Z-KK01-000002"):
            queue.print_z("Z-KK01-000002")
    assert (again.kind, again.copy, again.status) == ("z_report", True, "done")
    first, copy = printer.documents[-2:]
    assert "สำเนา / COPY".encode("cp874") not in first
    assert "สำเนา / COPY".encode("cp874") in copy
    assert copy == build_job(shift_report_document(report, store.settings, copy=True), receipt)


def test_cli_reprints_a_z_report_by_number_to_the_printer_and_as_png(
    make_store: MakeStore, clock: FixedClock, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = make_store(network_settings(f"127.0.0.1:{free_port()}"))
    queue, shifts, manager = _till(store, clock)
    report = _close(store, clock, queue, shifts, manager)
    png = tmp_path / "z.png"
    cli = ["report", "z", "--db", store.url, "--number", "Z-KK01-000001"]
    assert main([*cli, "-o", str(png)]) == 0
    image = QImage(str(png))
    assert image.width() == Settings().receipt_printer.dots
    assert image.height() > 400
    with FakeNetworkPrinter() as printer:
        assert main([*cli, "--printer", f"tcp:{printer.target}"]) == 0
    [got] = printer.documents
    assert got == build_job(
        shift_report_document(report, Settings(), copy=True),
        replace(Settings().receipt_printer, connection="network", target=printer.target),
    )
    capsys.readouterr()
    assert main([*cli[:-1], "Z-KK01-000009", "-o", str(png)]) != 0
    err = capsys.readouterr().err
    assert "No Z report Z-KK01-000009" in err
    assert "ไม่พบรายงาน Z เลขที่ Z-KK01-000009" in err
    with pytest.raises(SystemExit):
        main(cli)  # neither --printer nor -o: argparse refuses
