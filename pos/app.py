"""The composition root and command line: builds engine, services and UI from the settings."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from pos import __version__
from pos.config import default_db_path, load_settings
from pos.domain.errors import ShopError
from pos.domain.settings import Settings

if TYPE_CHECKING:
    # the till's start imports only what its first frame needs: services are imported where
    # they are built, on the window's worker thread
    from sqlalchemy import Engine

    from db.uow import SqlUnitOfWorkFactory
    from pos.ports.clock import Clock
    from pos.ports.sales import ReceiptSink
    from pos.ports.terminals import TerminalInfo
    from pos.services.auth import Auth
    from pos.services.baskets import Baskets
    from pos.services.checkout import Checkout
    from pos.services.printing import PrintQueue, TaxInvoices
    from pos.services.returns import Returns
    from pos.services.search import ProductIndex
    from pos.services.shifts import Shifts
    from pos.services.sync import SyncService
    from pos.services.till import TillContext

log = logging.getLogger("otop-pos")
BANGKOK = timedelta(hours=7)


def _clock() -> Clock:
    """The wall clock; pos.ports is imported when a service is built, not by the till's start."""
    from pos.ports.clock import SystemClock

    return SystemClock()


@dataclass
class Store:
    """An open database with its unit-of-work factory and this counter's identity."""

    url: str
    engine: Engine
    uow: SqlUnitOfWorkFactory
    settings: Settings
    terminal: TerminalInfo

    def checkout(self, sink: ReceiptSink | None = None, auth: Auth | None = None) -> Checkout:
        from pos.services.checkout import Checkout

        return Checkout(self.uow, self.settings, self.terminal, _clock(), sink, auth)

    def auth_and_shifts(self, queue: PrintQueue | None = None) -> tuple[Auth, Shifts]:
        """PIN log-in and approvals, and this counter's shifts (one Auth: approvals it gives
        are the ones the checkout accepts).

        A Z report goes to the receipt printer's queue (`queue`), staged in the transaction
        that closes the shift; none when no queue is given."""
        from pos.services.auth import Auth
        from pos.services.shifts import Shifts

        auth = Auth(self.uow, self.settings, _clock(), terminal_id=self.terminal.terminal_id)
        sink = None
        if queue is not None and not self.settings.receipt_printer.is_preview:
            from pos.services.printing import ZReports

            sink = ZReports(queue)
        return auth, Shifts(self.uow, auth, self.terminal, _clock(), sink)

    def returns(self, auth: Auth | None = None, queue: PrintQueue | None = None) -> Returns:
        """Refunds at this counter; the refund slip goes to the receipt printer's queue (none
        when that printer is only a preview).

        Pass the till's Auth (the approvals it gives are the ones a refund accepts) and its
        print queue (the printer-status banner then sees the refund slips too)."""
        from pos.services.auth import Auth
        from pos.services.returns import RefundSlips, Returns

        if auth is None:
            tid = self.terminal.terminal_id
            auth = Auth(self.uow, self.settings, _clock(), terminal_id=tid)
        sink = None
        if not self.settings.receipt_printer.is_preview:
            sink = RefundSlips(queue or self.print_queue())
        return Returns(self.uow, auth, self.settings, self.terminal, _clock(), sink)

    def baskets(self) -> Baskets:
        from pos.services.baskets import Baskets

        return Baskets(self.uow, self.settings, self.terminal, _clock())

    def print_queue(self) -> PrintQueue:
        """The print queue on the ESC/POS printers of the settings (nothing opens yet)."""
        from pos.services.printing import PrintQueue
        from printing.printer import EscPosPrinter

        return PrintQueue(self.uow, self.settings, EscPosPrinter(), _clock())

    def receipt_sink(self) -> PrintQueue | None:
        """Receipts go to the print queue, unless the receipt printer is only a preview."""
        if self.settings.receipt_printer.is_preview:
            return None
        return self.print_queue()

    def tax_invoices(self, queue: PrintQueue | None = None) -> TaxInvoices:
        from pos.services.printing import TaxInvoices
        from printing.taxinvoice_pdf import QtTaxInvoiceWriter

        return TaxInvoices(
            self.uow, self.settings, self.terminal, _clock(), QtTaxInvoiceWriter(), queue
        )

    def load_index(self) -> ProductIndex:
        from pos.services.search import ProductIndex

        with self.uow() as read:
            return ProductIndex(read.catalog.iter_search_rows())

    def is_empty(self) -> bool:
        with self.uow() as read:
            return read.catalog.count_products() == 0

    def close(self) -> None:
        self.engine.dispose()


def open_store(db: str | None, settings: Settings) -> Store:
    """Open (and migrate) the database; the default is the counter's SQLite file."""
    from db.engine import make_engine, normalize_url
    from db.migrate import upgrade
    from db.uow import SqlUnitOfWorkFactory
    from pos.services.store import ensure_terminal

    url = normalize_url(db or str(default_db_path()))
    engine = make_engine(url)
    upgrade(engine)
    uow = SqlUnitOfWorkFactory(engine)
    terminal = ensure_terminal(uow, settings)
    return Store(url, engine, uow, settings, terminal)


def load_demo(store: Store, products: int = 0) -> int:
    from pos.services.auth import Auth
    from pos.services.demo import load_demo_store
    from resources import DEMO

    n = load_demo_store(store.uow, store.settings, store.terminal.terminal_id, DEMO, products)
    # demo users: cashier 1111, labels 2222, manager 9999, admin 0000 (README)
    auth = Auth(store.uow, store.settings, _clock(), terminal_id=store.terminal.terminal_id)
    auth.ensure_demo_users()
    return n


def first_start(store: Store) -> None:
    """A counter without a catalogue gets one: from the central database when one is
    configured (a first sync round), else the demo store (a stand-alone counter)."""
    if not store.is_empty():
        return
    if not store.settings.central_url:
        load_demo(store)
        return
    from pos.app_sync import first_pull

    first_pull(store, store.settings.central_url)


def build_till_context(store: Store) -> TillContext:
    """Everything the till window needs, wired from an open store (GUI, tests, benchmarks)."""
    from pos.services.till import TillContext
    from printing.refund_receipt import render_refund_text
    from printing.text_receipt import render_text

    settings = store.settings
    columns = settings.receipt_printer.text_columns
    sink = store.receipt_sink()
    if sink is not None:
        sink.recover()  # jobs a crash left "printing" go back to the queue
    queue = sink
    if queue is None and any(not p.is_preview for p in settings.printers):
        queue = store.print_queue()  # the setup dialog's test pages on the other printers
    auth, shifts = store.auth_and_shifts(sink)  # the Z report prints where receipts do
    return TillContext(
        checkout=store.checkout(sink, auth),
        settings=settings,
        terminal=store.terminal,
        load_index=store.load_index,
        render_receipt=lambda receipt: render_text(receipt, settings, columns),
        store_label=store.url,
        baskets=store.baskets(),
        print_queue=queue,
        tax_invoices=store.tax_invoices(queue) if settings.vat_registered else None,
        sync=_till_sync(store),
        auth=auth,
        shifts=shifts,
        returns=store.returns(auth, sink),
        render_refund=lambda refund: render_refund_text(refund, settings, columns),
    )


def _till_sync(store: Store) -> SyncService | None:
    """The till's background sync when a central server is configured (nothing connects yet)."""
    if not store.settings.central_url:
        return None
    from pos.app_sync import sync_service

    return sync_service(store, store.settings.central_url)


# --- commands ---------------------------------------------------------------------------
def cmd_till(args: argparse.Namespace, settings: Settings) -> int:
    """The till window shows first; the store opens (and migrates) behind it, on its worker.

    Nothing here imports SQLAlchemy on the UI thread: `open_till` runs on the window's
    worker, scans typed meanwhile are answered in order once it returns, and a store that
    cannot be opened is a message in the window.
    """
    from ui.app import run_till

    stores: list[Store] = []

    def open_till() -> TillContext:  # the window's worker thread
        store = open_store(args.db, settings)
        stores.append(store)
        first_start(store)
        return build_till_context(store)

    try:
        return int(
            run_till(
                open_till,
                settings=settings,
                self_test=args.self_test,
                language=args.lang or settings.language,
            )
        )
    finally:
        for store in stores:
            store.close()


def cmd_demo(args: argparse.Namespace, settings: Settings) -> int:
    store = open_store(args.db, settings)
    try:
        if store.is_empty():
            n = load_demo(store, args.products or 0)
            print(f"demo store: {n} products")
        elif args.products:
            print("the store already has a catalogue; --products adds nothing", file=sys.stderr)
        if args.sales:
            from pos.services.demo import demo_sales

            demo_sales(store.checkout(), store.uow, args.sales, args.days, seed=args.seed)
            print(f"demo sales: {args.sales} over {args.days} day(s)")
    finally:
        store.close()
    return 0


def _open_out(path: str | None) -> TextIO:
    if not path or path == "-":
        return sys.stdout
    return open(path, "w", encoding="utf-8", newline="")


def cmd_catalog_export(args: argparse.Namespace, settings: Settings) -> int:
    from pos.services.catalog import export_csv

    store = open_store(args.db, settings)
    out = _open_out(args.output)
    try:
        n = export_csv(store.uow, out)
    finally:
        if out is not sys.stdout:
            out.close()
        store.close()
    print(f"exported {n} products", file=sys.stderr)
    return 0


def cmd_catalog_import(args: argparse.Namespace, settings: Settings) -> int:
    from pos.services.catalog import import_csv

    store = open_store(args.db, settings)
    try:
        with open(args.file, encoding="utf-8-sig", newline="") as source:
            n = import_csv(store.uow, source, store.terminal.terminal_id)
    except UnicodeDecodeError:
        # e.g. Thai Excel's plain "CSV" is Windows-874, not UTF-8
        raise ShopError(
            f"{args.file} is not UTF-8 text: save it as 'CSV UTF-8'; nothing imported",
            f"ไฟล์ {args.file} ไม่ใช่ UTF-8 กรุณาบันทึกเป็น 'CSV UTF-8' ไม่ได้นำเข้าข้อมูลใดเลย",
        ) from None
    finally:
        store.close()
    print(f"imported {n} products")
    return 0


def cmd_promptpay(args: argparse.Namespace, settings: Settings) -> int:
    from pos.domain.promptpay import PromptPayError, promptpay_payload

    try:
        amount = Decimal(args.amount) if args.amount is not None else None
    except InvalidOperation:
        raise ShopError(
            f"Amount {args.amount!r} is not a number", f"จำนวนเงิน {args.amount!r} ไม่ใช่ตัวเลข"
        ) from None
    try:
        payload = promptpay_payload(args.id, amount)
    except PromptPayError as exc:
        raise ShopError(f"PromptPay: {exc}", f"พร้อมเพย์: {exc}") from exc
    print(payload)
    if args.png:
        import qrcode

        img = qrcode.make(payload, box_size=12, border=4)
        img.save(args.png)
        print(f"QR image: {args.png}", file=sys.stderr)
    return 0


def _day(text: str | None, what: str) -> datetime | None:
    """A Bangkok calendar date as the UTC instant of its midnight."""
    if not text:
        return None
    try:
        d = date.fromisoformat(text)
    except ValueError:
        raise ShopError(
            f"{what} {text!r} must be a date like 2026-11-27",
            f"{what} {text!r} ต้องเป็นวันที่ เช่น 2026-11-27",
        ) from None
    return datetime.combine(d, time(0), tzinfo=UTC) - BANGKOK


def cmd_sales_export(args: argparse.Namespace, settings: Settings) -> int:
    from pos.services.reports import export_sales_csv

    start = _day(args.date_from, "--from")
    end = _day(args.date_to, "--to")
    if end is not None:
        end += timedelta(days=1)  # --to is inclusive
    store = open_store(args.db, settings)
    out = _open_out(args.output)
    try:
        n = export_sales_csv(store.uow, out, start, end)
    finally:
        if out is not sys.stdout:
            out.close()
        store.close()
    print(f"exported {n} sale lines", file=sys.stderr)
    return 0


def cmd_receipt(args: argparse.Namespace, settings: Settings) -> int:
    """Print (a copy of) a committed sale's receipt, or a printer test page, on a printer."""
    from dataclasses import replace as _replace

    from printing.printer import EscPosPrinter, receipt_image, save_png
    from printing.spec import parse_spec

    spec = parse_spec(
        args.printer, settings, mode=args.mode, codepage=args.codepage, paper_mm=args.paper
    )
    printer = EscPosPrinter()
    if args.test_page:
        if spec.png is not None:
            from printing.document import printer_test_page
            from printing.escpos_job import render_body

            p = spec.profile
            page = printer_test_page(settings, p.mode, p.codepage, p.paper_mm)
            save_png(render_body(page, p), spec.png)
            print(f"test page: {spec.png}", file=sys.stderr)
            return 0
        printer.print_test_page(settings, spec.profile)
        print(f"test page sent to {spec.profile.describe()}", file=sys.stderr)
        return 0
    if not args.receipt_no:
        raise ShopError("Give a receipt number (or --test-page)", "กรุณาระบุเลขที่ใบเสร็จ")
    store = open_store(args.db, settings)
    try:
        with store.uow() as read:
            receipt = read.sales.receipt(args.receipt_no)
    finally:
        store.close()
    if receipt is None:
        raise ShopError(f"No receipt {args.receipt_no}", f"ไม่พบใบเสร็จเลขที่ {args.receipt_no}")
    receipt = _replace(receipt, copy=not args.original)
    if spec.png is not None:
        save_png(receipt_image(receipt, settings, spec.profile), spec.png)
        print(f"receipt {receipt.receipt_no}: {spec.png}", file=sys.stderr)
        return 0
    printer.print_receipt(receipt, settings, spec.profile, open_drawer=False)
    print(f"receipt {receipt.receipt_no} sent to {spec.profile.describe()}", file=sys.stderr)
    return 0


# The till's own options, before any command; `--db`, `--settings` and `--lang` take a value.
_TILL_VALUE_OPTIONS = ("--db", "--settings", "--lang")


def _till_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="otop-pos", description="OTOP POS: the till and its tools")
    p.add_argument("--version", action="version", version=f"otop-pos {__version__}")
    p.add_argument("--db", help="database: a SQLite file path or a postgresql:// URL")
    p.add_argument("--settings", type=Path, help="settings file (default: the user-config folder)")
    p.add_argument("--lang", choices=("th", "en"), help="language of the till")
    p.add_argument(
        "--self-test",
        action="store_true",
        help="open the main window offscreen on the demo store, then exit 0",
    )
    p.set_defaults(func=cmd_till, command=None)
    return p


def _opens_the_till(argv: Sequence[str]) -> bool:
    """True when the command line names no command (and asks for no help): it opens the till.

    The till is what a counter starts all day; building the parser of every command (and
    importing their modules) would cost its first frame tens of milliseconds for nothing.
    """
    args = iter(argv)
    for arg in args:
        if arg in ("-h", "--help") or not arg.startswith("-"):
            return False
        if arg in _TILL_VALUE_OPTIONS:
            next(args, None)
    return True


def parse_command_line(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The parsed command line: the till's small parser when no command is named."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if _opens_the_till(argv):
        return _till_parser().parse_args(argv)
    return build_parser().parse_args(argv)


def build_parser() -> argparse.ArgumentParser:
    p = _till_parser()
    sub = p.add_subparsers(dest="command")

    def db_arg(sp: argparse.ArgumentParser) -> None:
        sp.add_argument(
            "--db",
            default=argparse.SUPPRESS,
            help="database: a SQLite file path or a postgresql:// URL",
        )

    demo = sub.add_parser("demo", help="create the demo store; add demo sales")
    db_arg(demo)
    demo.add_argument("--products", type=int, default=0, help="add N synthetic products")
    demo.add_argument("--sales", type=int, default=0, help="ring up N demo sales")
    demo.add_argument("--days", type=int, default=30, help="spread the sales over D days")
    demo.add_argument("--seed", type=int, default=11, help=argparse.SUPPRESS)
    demo.set_defaults(func=cmd_demo)

    catalog = sub.add_parser("catalog", help="catalogue import and export")
    csub = catalog.add_subparsers(dest="catalog_command", required=True)
    exp = csub.add_parser("export", help="write the catalogue as CSV")
    db_arg(exp)
    exp.add_argument("-o", "--output", help="CSV file (default: standard output)")
    exp.set_defaults(func=cmd_catalog_export)
    imp = csub.add_parser("import", help="import a CSV: all rows or none")
    db_arg(imp)
    imp.add_argument("file")
    imp.set_defaults(func=cmd_catalog_import)

    pp = sub.add_parser("promptpay", help="print a PromptPay QR payload")
    pp.add_argument("--id", required=True, help="mobile number, tax ID or e-wallet ID")
    pp.add_argument("--amount", help="amount in baht (omit for any amount)")
    pp.add_argument("--png", help="also write the QR code as a PNG image")
    pp.set_defaults(func=cmd_promptpay)

    sales = sub.add_parser("sales", help="sales tools")
    ssub = sales.add_subparsers(dest="sales_command", required=True)
    sexp = ssub.add_parser("export", help="write sale lines as CSV")
    db_arg(sexp)
    sexp.add_argument("--from", dest="date_from", help="first day (YYYY-MM-DD, Bangkok)")
    sexp.add_argument("--to", dest="date_to", help="last day, inclusive")
    sexp.add_argument("-o", "--output", help="CSV file (default: standard output)")
    sexp.set_defaults(func=cmd_sales_export)

    rc = sub.add_parser(
        "receipt",
        help="print a receipt (a copy) or a test page on a printer",
        description="Print a committed sale's receipt, marked สำเนา / COPY unless --original.",
    )
    db_arg(rc)
    rc.add_argument("receipt_no", nargs="?", help="receipt number, e.g. KK01-00000123")
    rc.add_argument(
        "--printer",
        required=True,
        metavar="SPEC",
        help="tcp:HOST[:PORT] | file:PATH | usb:VID:PID | serial:PORT[:BAUD] | png:PATH "
        "| a printer name from the settings",
    )
    rc.add_argument("--mode", choices=("raster", "text"), help="raster image or CP874 text")
    rc.add_argument("--codepage", type=int, help="the printer's Thai code page (ESC t n)")
    rc.add_argument("--paper", type=int, choices=(58, 80), help="paper width in mm")
    rc.add_argument("--original", action="store_true", help="do not mark it as a copy")
    rc.add_argument("--test-page", action="store_true", help="print the printer test page")
    rc.set_defaults(func=cmd_receipt)

    from pos.app_labels import add_label_commands

    add_label_commands(sub, db_arg)

    from pos.app_baskets import add_basket_commands

    add_basket_commands(sub, db_arg)

    from pos.app_sync import add_sync_commands

    add_sync_commands(sub, db_arg)

    from pos.app_shifts import add_shift_commands

    add_shift_commands(sub, db_arg)

    from pos.app_returns import add_return_commands

    add_return_commands(sub, db_arg)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    args = parse_command_line(argv)
    try:
        settings = load_settings(args.settings)
        return int(args.func(args, settings))
    except ShopError as exc:
        print(f"otop-pos: {exc.message_en}\n          {exc.message_th}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"otop-pos: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
