"""The composition root: opens the store and builds each shared service once from the settings.

Nothing here connects or opens a device at import: the database opens in `open_store`, and
each service (print queue, auth, shifts, returns, baskets, checkout, tax invoices, sync,
label desk) is built the first time it is asked for, then handed out again, so the checkout's
receipt sink is the queue the printer banner watches and the approvals the till's `Auth`
gives are the ones its checkout, shifts and refunds accept.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from pos.app.channels import OnlineChannels
from pos.config import default_db_path
from pos.domain.errors import StoreUnavailable
from pos.domain.settings import Settings

if TYPE_CHECKING:
    # the till's start imports only what its first frame needs: services are imported where
    # they are built, on the window's worker thread
    from sqlalchemy import Engine

    from db.uow import SqlUnitOfWorkFactory
    from pos.app.chat_backend import ChatDeskBackend
    from pos.app.settings_backend import SettingsEditorBackend
    from pos.domain.refund import RefundReceipt
    from pos.domain.sale import Receipt
    from pos.ports.catalog import CatalogMarker
    from pos.ports.clock import Clock
    from pos.ports.reports import ReportUnitOfWork
    from pos.ports.returns import RefundHook
    from pos.ports.sales import SaleHook
    from pos.ports.stock import StockUnitOfWork
    from pos.ports.terminals import TerminalInfo
    from pos.ports.uow import UnitOfWorkFactory
    from pos.services.auth import Auth
    from pos.services.baskets import Baskets
    from pos.services.checkout import Checkout
    from pos.services.curation import Curation
    from pos.services.customer_display import Showcase
    from pos.services.labels import LabelDesk
    from pos.services.order_desk import OrderDesk
    from pos.services.orders import Orders
    from pos.services.printing import PrintQueue, TaxInvoices, TestPages
    from pos.services.producers import Producers
    from pos.services.products import Products
    from pos.services.returns import Returns
    from pos.services.rooms import Rooms
    from pos.services.search import ProductIndex
    from pos.services.secrets import Secrets
    from pos.services.settings import LiveSettings, SettingsAdmin, SettingsTaken
    from pos.services.shifts import Shifts
    from pos.services.shipping import ShippingDesk
    from pos.services.stock import StockDesk
    from pos.services.sync import SyncService
    from pos.services.tea import TeaCorner
    from pos.services.tea_menu import TeaMenu
    from pos.services.tea_recipes import RecipeStock
    from pos.services.till import TillContext
    from pos.services.users import Users
    from printing.booking_slip import BookingSlips

log = logging.getLogger(__name__)


def _clock() -> Clock:
    """The wall clock; pos.ports is imported when a service is built, not by the till's start."""
    from pos.ports.clock import SystemClock

    return SystemClock()


@dataclass
class Store:
    """An open database with its unit-of-work factory and the terminal it records under: this
    counter's (a till's store), else (the shop server, the back office on the central
    database) the counter's or the web shop's it has, the web's made when first needed."""

    url: str
    engine: Engine
    uow: SqlUnitOfWorkFactory
    settings: Settings
    found_terminal: TerminalInfo | None  # None: the store has no terminal of its own yet
    _making: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def terminal(self) -> TerminalInfo:
        """The terminal whose rows (stock documents, sales...) this store writes; on a store
        without one yet, the web shop's terminal is made now (`web_terminal`)."""
        if self.found_terminal is None:
            with self._making:
                if self.found_terminal is None:
                    from pos.services.store import web_terminal

                    self.found_terminal = web_terminal(self.uow, self.settings)
        return self.found_terminal

    @property
    def terminal_id(self) -> str | None:
        """The id audit rows name (None on a store without a terminal yet: none is made)."""
        return None if self.found_terminal is None else self.found_terminal.terminal_id

    def checkout(self) -> Checkout:
        """A checkout that prints nothing and checks no manager's approval (tools and tests
        ringing up sales); the till's and the commands' own is `Services.checkout`."""
        from pos.services.checkout import Checkout

        return Checkout(self.uow, self.settings, self.terminal, _clock())

    def load_index(self) -> ProductIndex:
        from pos.services.search import ProductIndex

        with self.uow() as read:
            marker = read.catalog.catalog_marker()  # first: a change after it shows next time
            return ProductIndex(read.catalog.iter_search_rows(), marker)

    def catalog_marker(self) -> CatalogMarker:
        """The catalogue's state as the index last loaded would mark it (a cheap query)."""
        with self.uow() as read:
            return read.catalog.catalog_marker()

    def is_empty(self) -> bool:
        with self.uow() as read:
            return read.catalog.count_products() == 0

    def close(self) -> None:
        self.engine.dispose()


def open_store(
    db: str | None, settings: Settings, *, create: bool = True, counter: bool = True
) -> Store:
    """Open (and migrate) the database; the default is the counter's SQLite file.

    With `create` false (every command but the till and `demo`) a SQLite file that does not
    exist yet is refused rather than made; a target that is not a store (a text file, a
    folder, another program's database) or a server that does not answer is always refused,
    as a StoreUnavailable in plain words, never a driver's traceback.

    With `counter` (the till, `demo`, `terminal register`) the store's counter is registered
    on its first start; without (the shop server, the back office, the other commands) no
    counter is made: the store records under the one it has, else the web shop's terminal.
    """
    from db.migrate import upgrade
    from db.uow import SqlUnitOfWorkFactory
    from pos.services.store import ensure_terminal, own_terminal

    url = _store_url(db, create=create)
    engine = _engine(url)
    try:
        with _opening(url):
            upgrade(engine)
            uow = SqlUnitOfWorkFactory(engine)
            terminal = ensure_terminal(uow, settings) if counter else own_terminal(uow, settings)
    except BaseException:
        engine.dispose()
        raise
    return Store(url, engine, uow, settings, terminal)


def _store_url(db: str | None, *, create: bool) -> str:
    """The normalized URL of `db`, its SQLite file checked to be a store (or to be made)."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    from db.engine import normalize_url

    given = db or str(default_db_path())
    try:
        url = normalize_url(given)
        backend = make_url(url).get_backend_name()
    except ArgumentError:
        backend = ""
    if backend not in ("sqlite", "postgresql"):
        scheme = given.split("://", 1)[0]  # never the rest: it may hold a password
        raise StoreUnavailable(
            f"--db {scheme}://… is not a store's address: give a SQLite file path or a "
            "postgresql:// URL",
            f"--db {scheme}://… ไม่ใช่ที่อยู่ฐานข้อมูลร้าน กรุณาระบุไฟล์ SQLite หรือ URL แบบ postgresql://",
        )
    if backend == "sqlite":
        database = make_url(url).database
        if database and database != ":memory:":
            check_store_file(Path(database).absolute(), create=create)
    return url


def _engine(url: str) -> Engine:
    from db.engine import make_engine

    if url.startswith("sqlite"):
        return make_engine(url)
    # a server that does not answer is given up after a few seconds, not waited on for ever
    return make_engine(url, connect_args={"connect_timeout": CONNECT_TIMEOUT_S})


CONNECT_TIMEOUT_S = 5
SQLITE_HEADER = b"SQLite format 3\x00"


def check_store_file(path: Path, *, create: bool) -> None:
    """Refuse a store path that is a folder, not a SQLite file, another program's database,
    or (unless `create`) missing or empty; it is read, never written."""
    import sqlite3

    def refuse(en: str, th: str) -> StoreUnavailable:
        return StoreUnavailable(f"{path} {en}", f"{path} {th}")

    if path.is_dir():
        raise refuse(
            "is a folder, not a store: give the store's file, e.g. counter.db in it",
            "เป็นโฟลเดอร์ ไม่ใช่ฐานข้อมูลร้าน กรุณาระบุไฟล์ฐานข้อมูล เช่น counter.db ในโฟลเดอร์นั้น",
        )
    if not path.exists():
        if create:
            return
        raise refuse(
            "does not exist: check the path (only the till and `otop-pos demo` create a store)",
            "ไม่มีอยู่ กรุณาตรวจสอบที่อยู่ไฟล์ (เฉพาะโปรแกรมขายและคำสั่ง demo สร้างฐานข้อมูลใหม่ได้)",
        )
    not_a_store = (
        "is not a store of OTOP POS (not a SQLite database): check --db",
        "ไม่ใช่ฐานข้อมูลร้านของ OTOP POS (ไม่ใช่ไฟล์ SQLite) กรุณาตรวจสอบ --db",
    )
    try:
        with path.open("rb") as file:
            header = file.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise refuse(
            f"cannot be opened: {exc.strerror or exc}", f"เปิดไม่ได้: {exc.strerror or exc}"
        ) from exc
    if not header:
        if create:
            return
        raise refuse(
            "is an empty file, not a store: check --db", "เป็นไฟล์ว่าง ไม่ใช่ฐานข้อมูลร้าน กรุณาตรวจสอบ --db"
        )
    if header != SQLITE_HEADER:
        raise refuse(*not_a_store)
    try:
        conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
        try:
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise refuse(
            f"cannot be read as a store ({exc}): it may be damaged; use its backup",
            f"อ่านเป็นฐานข้อมูลร้านไม่ได้ ({exc}) ไฟล์อาจเสียหาย กรุณาใช้ไฟล์สำรอง",
        ) from exc
    if tables and "alembic_version" not in tables:
        raise refuse(
            "is the database of another program, not a store of OTOP POS: check --db",
            "เป็นฐานข้อมูลของโปรแกรมอื่น ไม่ใช่ฐานข้อมูลร้านของ OTOP POS กรุณาตรวจสอบ --db",
        )
    if not tables and not create:
        raise refuse(
            "is an empty database, not a store: check --db",
            "เป็นฐานข้อมูลว่าง ไม่ใช่ฐานข้อมูลร้าน กรุณาตรวจสอบ --db",
        )


@contextmanager
def _opening(url: str) -> Iterator[None]:
    """A database error while a store opens, as a StoreUnavailable naming the store."""
    from sqlalchemy.exc import DBAPIError

    from db.errors import unavailable

    try:
        yield
    except DBAPIError as exc:
        known = unavailable(exc, url)
        if known is None:
            raise
        raise known from exc


@dataclass
class ReportStore:
    """A database opened for reading reports: no counter is registered in it (it may be the
    central database of every counter)."""

    url: str
    uow: UnitOfWorkFactory[ReportUnitOfWork]
    close: Callable[[], None]
    stock: UnitOfWorkFactory[StockUnitOfWork]  # the same database, for stock figures


def open_report_store(db: str | None, settings: Settings) -> ReportStore:
    """The counter's SQLite file (migrated first) or any migrated database, e.g. the central.

    A missing file, a file or folder that is not a store, or a server that does not answer
    is refused in plain words (StoreUnavailable); nothing is created."""
    from db.migrate import upgrade
    from db.uow import SqlUnitOfWorkFactory

    url = _store_url(db, create=False)
    engine = _engine(url)
    try:
        with _opening(url):
            if url.startswith("sqlite"):
                upgrade(engine)
            else:
                with engine.connect():
                    pass  # a server that does not answer is told now, in plain words
    except BaseException:
        engine.dispose()
        raise
    factory = SqlUnitOfWorkFactory(engine)
    return ReportStore(url, factory, engine.dispose, factory)


def sync_service(store: Store, central_url: str, round_timeout: float = 30.0) -> SyncService:
    """The sync service of an open store with the central database at `central_url`
    (nothing connects until a round runs); each round ends within `round_timeout` seconds."""
    from db.engine import make_engine
    from db.sync import CentralSync, as_counter_login, central_connect_args
    from pos.services.sync import SyncService

    # a registered counter connects as its own login, whatever user the URL names
    url = as_counter_login(store.engine, central_url)
    central = make_engine(url, connect_args=central_connect_args(round_timeout))
    transport = CentralSync(
        store.engine, central, store.terminal.terminal_id, round_timeout=round_timeout
    )
    return SyncService(transport, _clock())


def first_pull(store: Store, central_url: str) -> bool:
    """A new counter's catalogue, prices, users and stock from the central database.

    False (and logged) when the central server cannot be reached: the till then opens with
    no catalogue, never the demo one, and its background sync pulls it once it answers.
    """
    from pos.domain.errors import CentralUnavailable

    service = sync_service(store, central_url)
    try:
        result = service.sync_once()
    except CentralUnavailable as exc:
        log.warning("first start: no catalogue from the central database yet: %s", exc)
        return False
    finally:
        service.close()
    log.info("first start: %d catalogue rows from the central database", result.pulled)
    return True


class Services(OnlineChannels):
    """Each shared service of one open store, built once, the first time it is used.

    With `queue_prints` false (the command line) nothing is queued for the counter's
    printers: a command prints where its options say, and leaves the till's queue alone.

    The settings the services use are `live`'s: a save in the settings editor swaps in what
    an open till takes at once, in every service built (the rest waits for a restart); a till
    that watches the saves (`watch_settings`) swaps them on its own ordered worker.
    """

    store: Store

    def __init__(
        self, store: Store, *, queue_prints: bool = True, settings_file: Path | None = None
    ) -> None:
        from pos.services.settings import LiveSettings

        self.store = store
        self.live: LiveSettings = LiveSettings(store.settings)
        self.live.on_swap(self._push_settings)
        self._settings_watchers: list[Callable[[Settings], None]] = []
        self.queue_prints = queue_prints
        self.settings_file = settings_file  # --settings (None: the user-config one)
        # each channel's "test connection" (LINE, Facebook, Thailand Post) by channel name:
        # the adapters' check() added where they are wired; the settings editor runs them
        self.channel_checks: dict[str, Callable[[], str]] = {
            "line": self._check_line,
            "facebook": self._check_facebook,
            "thailandpost": self._check_thailandpost,
        }

    @property
    def settings(self) -> Settings:
        """The settings the services use now (one consistent set: read it once per task)."""
        return self.live.current

    @cached_property
    def clock(self) -> Clock:
        return _clock()

    @cached_property
    def print_queue(self) -> PrintQueue | None:
        """The queue on the ESC/POS printers of the settings (nothing opens yet); None when
        every printer is only a preview."""
        if not self.queue_prints or all(p.is_preview for p in self.settings.printers):
            return None
        from pos.services.printing import PrintQueue
        from printing.printer import EscPosPrinter

        return PrintQueue(self.store.uow, self.settings, EscPosPrinter(), self.clock)

    @cached_property
    def test_pages(self) -> TestPages:
        """The printer setup's test page: drawn by the ESC/POS adapter, printed by the queue."""
        from pos.services.printing import TestPages
        from printing.printer import EscPosPrinter

        return TestPages(self.settings, EscPosPrinter(), self.print_queue)

    @cached_property
    def receipt_sink(self) -> PrintQueue | None:
        """Receipts, refund slips and Z reports go to the print queue, unless the receipt
        printer is only a preview."""
        if self.settings.receipt_printer.is_preview:
            return None
        return self.print_queue

    @cached_property
    def auth(self) -> Auth:
        """PIN log-in and approvals: the approvals it gives are the ones the checkout, the
        shifts and the refunds accept."""
        from pos.services.auth import Auth

        tid = self.store.terminal_id
        central_pins = None
        if self.settings.central_url and self.central_copy:  # a PIN set after a reset: there
            from db.sync.pins import CentralPinChange

            central_pins = CentralPinChange(
                self.store.engine, self.settings.central_url, self.settings.sync_round_timeout_s
            )
        return Auth(
            self.store.uow, self.settings, self.clock, terminal_id=tid, central_pins=central_pins
        )

    def settings_admin(self, path: Path | None = None) -> SettingsAdmin:
        """Changing the settings file (`path`, else --settings, else the user-config one),
        each change audited in this store."""
        from pos.config import SettingsFile
        from pos.services.settings import SettingsAdmin

        tid = self.store.terminal_id
        file = SettingsFile(path or self.settings_file)
        return SettingsAdmin(file, self.clock, self.store.uow, terminal_id=tid)

    @cached_property
    def settings_editor(self) -> SettingsEditorBackend:
        """The back office's settings editor: the settings service and its two checks; each
        save goes to the services that are running (`_settings_saved`)."""
        from pos.app.settings_backend import SettingsEditorBackend

        admin = self.settings_admin()
        admin.on_change(self._settings_saved)
        counter = bool(self.settings.central_url) and self.store.engine.dialect.name == "sqlite"
        return SettingsEditorBackend(
            admin, self._settings_in_use, secrets=self.secrets, checks=self.channel_checks,
            secrets_on_counter=counter,
        )  # fmt: skip

    @cached_property
    def secrets(self) -> Secrets:
        """The channels' tokens and keys in this store (`OTOP_POS_SECRET_<NAME>` overrides)."""
        import os

        from pos.services.secrets import Secrets

        store = self.store
        return Secrets(store.uow, self.clock, environ=os.environ, terminal_id=store.terminal_id)

    @cached_property
    def chat_desk(self) -> ChatDeskBackend:
        """The orders window's chat tab: conversations, replies, usage, linked orders."""
        from pos.app.chat_backend import ChatDeskBackend

        return ChatDeskBackend(self.chat, self.store.uow, self.order_desk)

    def watch_settings(self, listener: Callable[[Settings], None]) -> None:
        """`listener` (the till) is handed each save and takes it (`take_settings`) itself."""
        self._settings_watchers.append(listener)

    def take_settings(self, saved: Settings) -> SettingsTaken:
        """What the services take at once of the `saved` settings, swapped into each one
        built; the rest waits for the next start."""
        return self.live.take(saved)

    def _settings_saved(self, saved: Settings) -> None:
        """After a save in the editor (UI thread): to the till, or taken here at once."""
        if not self._settings_watchers:
            self.take_settings(saved)
        for listener in self._settings_watchers:
            listener(saved)

    def _settings_in_use(self) -> Settings | None:
        """The settings an open till of these services uses (None: no till watches)."""
        return self.live.current if self._settings_watchers else None

    def _push_settings(self, settings: Settings) -> None:
        """Inside the swap: every service built so far holds the new settings."""
        self.store.settings = settings
        for service in list(vars(self).values()):
            if isinstance(getattr(service, "settings", None), Settings):
                service.settings = settings

    @cached_property
    def shifts(self) -> Shifts:
        """This counter's shifts; a Z report is staged for the receipt printer in the
        transaction that closes the shift."""
        from pos.services.shifts import Shifts

        sink = None
        if self.receipt_sink is not None:
            from pos.services.printing import ZReports

            sink = ZReports(self.receipt_sink)
        return Shifts(self.store.uow, self.auth, self.store.terminal, self.clock, sink)

    @cached_property
    def returns(self) -> Returns:
        """Refunds at this counter; the refund slip goes to the receipt printer's queue."""
        from pos.services.returns import RefundSlips, Returns

        sink = None if self.receipt_sink is None else RefundSlips(self.receipt_sink)
        store = self.store
        return Returns(
            store.uow, self.auth, self.settings, store.terminal, self.clock, sink,
            self.refund_hooks,
        )  # fmt: skip

    @cached_property
    def stock_desk(self) -> StockDesk:
        """Deliveries, returns to producers, adjustments and counts at this counter; their
        slips as PDFs, or on the receipt printer through the print queue."""
        from pos.services.stock import StockDesk
        from printing.stock_pdf import QtStockSlipWriter

        store = self.store
        return StockDesk(
            store.uow, self.settings, store.terminal, self.clock, self.auth, QtStockSlipWriter(),
            self.print_queue,
        )  # fmt: skip

    @cached_property
    def baskets(self) -> Baskets:
        from pos.services.baskets import Baskets

        return Baskets(self.store.uow, self.settings, self.store.terminal, self.clock)

    @cached_property
    def tea(self) -> TeaCorner:
        """The tea corner: the menu pad's drinks, order numbers, tickets on the tea printer
        (settings `tea_printer`) through the print queue, the orders window's states."""
        from pos.services.tea import TeaCorner
        from printing.tea_ticket import EscPosTeaTickets

        store = self.store
        return TeaCorner(store.uow, self.settings, self.clock, self.print_queue, EscPosTeaTickets())

    @cached_property
    def tea_menu(self) -> TeaMenu:
        """The back office's tea menu: items, options, prices and recipes."""
        from pos.services.tea_menu import TeaMenu

        return TeaMenu(self.store.uow, self.clock)

    @cached_property
    def tea_stock(self) -> RecipeStock:
        """The back office's tea page: the stock items its recipes name, by SKU."""
        from pos.services.tea_recipes import RecipeStock

        return RecipeStock(self.store.uow)

    @cached_property
    def sale_hooks(self) -> list[SaleHook]:
        """What runs inside every sale's transaction, the counter's and the orders' alike
        (pos.ports.sales.SaleHook): each capability that needs it adds its hook here."""
        hooks: list[SaleHook] = [self.tea.sale_hook, self.rooms.sale_hook]
        return hooks

    @cached_property
    def refund_hooks(self) -> list[RefundHook]:
        """What runs inside every refund's transaction (pos.ports.returns.RefundHook)."""
        hooks: list[RefundHook] = [self.tea.refund_hook, self.rooms.refund_hook]
        return hooks

    @cached_property
    def checkout(self) -> Checkout:
        """The till's checkout: receipts to the receipt sink, approvals checked by `auth`."""
        from pos.services.checkout import Checkout

        store = self.store
        return Checkout(
            store.uow, self.settings, store.terminal, self.clock, self.receipt_sink, self.auth,
            self.sale_hooks,
        )  # fmt: skip

    @cached_property
    def tax_invoices(self) -> TaxInvoices | None:
        """Full tax invoices (None: the shop is not VAT-registered)."""
        if not self.settings.vat_registered:
            return None
        from pos.services.printing import TaxInvoices
        from printing.taxinvoice_pdf import QtTaxInvoiceWriter

        store = self.store
        return TaxInvoices(
            store.uow, self.settings, store.terminal, self.clock, QtTaxInvoiceWriter(),
            self.print_queue,
        )  # fmt: skip

    @cached_property
    def sync(self) -> SyncService | None:
        """The central sync when a central server is configured (nothing connects yet)."""
        if not self.settings.central_url:
            return None
        return sync_service(
            self.store, self.settings.central_url, self.settings.sync_round_timeout_s
        )

    @cached_property
    def curation(self) -> Curation:
        """Applications, the committee's reviews and certificates (the back office's page);
        a counter that pulls from a central database refuses to change its own copy."""
        from pos.services.curation import Curation

        counter = bool(self.settings.central_url) and self.store.engine.dialect.name == "sqlite"
        return Curation(self.store.uow, self.settings, self.clock, central_owned_elsewhere=counter)

    @cached_property
    def label_desk(self) -> LabelDesk:
        """The labels window's services."""
        from pos.services.labels import LabelDesk
        from printing.label_qt import page_image, paint_pages
        from printing.labels import PdfLabelRenderer

        return LabelDesk(
            uow=self.store.uow,
            settings=self.settings,
            clock=self.clock,
            pdf_renderer=PdfLabelRenderer,
            page_image=page_image,
            paint_pages=paint_pages,
        )

    @cached_property
    def products(self) -> Products:
        """The back office's products: photos resized into the data folder's photos/."""
        from pos.config import data_dir
        from pos.services.products import Products
        from printing.photos import QtPhotoStore

        store = self.store
        return Products(store.uow, self.settings, self.clock, QtPhotoStore(data_dir() / "photos"),
                        store.terminal_id)  # fmt: skip

    @cached_property
    def orders(self) -> Orders:
        """Online orders, the web shop's side; slips in the data folder."""
        from db.slips import DirectorySlipStore
        from pos.config import data_dir
        from pos.services.orders import Orders

        slips = DirectorySlipStore(data_dir() / "slips")
        orders = Orders(self.store.uow, self.settings, self.clock, slips)
        # an order placed from chat is linked to its contact and confirmed there
        orders.add_placed_hook(
            lambda uow, order, contact: self.chat.order_placed(uow, order, contact)
        )
        return orders

    @cached_property
    def order_desk(self) -> OrderDesk:
        """Online orders, the staff's side (the orders window and `otop-pos orders`)."""
        from pos.services.order_desk import OrderDesk
        from pos.services.tracking import ship_hook

        desk = OrderDesk(self.store.uow, self.settings, self.clock, self.sale_hooks)
        desk.add_cancel_hook(self.rooms.order_cancel_hook)  # a booking's hold is released
        desk.add_status_hook(self.chat.order_status)  # chat's "paid", "shipped", "delivered"
        # a parcel shipped is subscribed to the carrier's pushes after the commit (tracking
        # is built then, on first use: it takes this desk)
        desk.add_status_hook(ship_hook(lambda: self.tracking))
        return desk

    @cached_property
    def rooms(self) -> Rooms:
        """The co-working room: bookings in the central database when the store is a counter
        of one (nothing connects until a call), else in the store itself."""
        from pos.services.rooms import Rooms

        store = self.store
        tid = store.terminal.terminal_id
        if not (self.settings.central_url and store.engine.dialect.name == "sqlite"):
            return Rooms(store.uow, self.clock, terminal_id=tid, till=store.uow, orders=self.orders)
        from db.engine import make_engine
        from db.sync import as_counter_login, central_connect_args
        from db.uow import SqlUnitOfWorkFactory

        url = as_counter_login(store.engine, self.settings.central_url)
        timeout = self.settings.sync_round_timeout_s
        central = make_engine(url, connect_args=central_connect_args(timeout))
        return Rooms(
            SqlUnitOfWorkFactory(central), self.clock, central=True, terminal_id=tid,
            till=store.uow, orders=self.orders,
        )  # fmt: skip

    @cached_property
    def shipping(self) -> ShippingDesk:
        """The orders window's shipping labels and pick lists."""
        from pos.services.shipping import ShippingDesk
        from printing.shipping_label import QtShippingDocuments

        return ShippingDesk(self.settings, QtShippingDocuments(), self.clock)

    @cached_property
    def booking_slips(self) -> BookingSlips:
        """The room booking's confirmation slip: the receipt printer (ESC/POS) or a PDF."""
        from printing.booking_slip import BookingSlips

        return BookingSlips(self.settings)

    @cached_property
    def central_copy(self) -> bool:
        """The store is a counter's copy of a central database (it has pulled the catalogue and
        the users from there, or names one): the back office changes them there only."""
        with self.store.uow() as read:  # the products' rule (pos.services.products)
            owner = read.products.catalogue_owner()
        return owner == "counter" or (owner == "local" and bool(self.settings.central_url))

    @cached_property
    def producers(self) -> Producers:
        """The back office's producers (changes need MANAGE_CATALOG, and are audited)."""
        from pos.services.producers import Producers

        return Producers(
            self.store.uow, self.clock, central_copy=self.central_copy,
            terminal_id=self.store.terminal_id,
        )  # fmt: skip

    @cached_property
    def users(self) -> Users:
        """The back office's user administration (admin only, audited), hashing with `auth`'s
        hasher; its demo-PIN check is cached for the life of these services."""
        from pos.services.users import Users

        return Users(
            self.store.uow, self.auth.hasher, self.clock, central_copy=self.central_copy,
            terminal_id=self.store.terminal_id,
        )  # fmt: skip

    def load_demo(self, products: int = 0) -> int:
        """The demo store's catalogue (and N synthetic products) and its users."""
        from pos.services.demo import load_demo_store, load_demo_tea
        from resources import DEMO

        store = self.store
        n = load_demo_store(store.uow, self.settings, store.terminal.terminal_id, DEMO, products)
        load_demo_tea(store.uow, self.clock, store.terminal.terminal_id)
        # demo users: cashier 1111, labels 2222, manager 9999, admin 0000 (README)
        self.auth.ensure_demo_users()
        return n

    def first_start(self) -> None:
        """A counter without a catalogue gets one: from the central database when one is
        configured (a first sync round), else the demo store (a stand-alone counter)."""
        if not self.store.is_empty():
            return
        if not self.settings.central_url:
            self.load_demo()
            return
        first_pull(self.store, self.settings.central_url)

    def till_context(self) -> TillContext:
        """Everything the till window needs (GUI, tests, benchmarks)."""
        from pos.services.till import TillContext
        from printing.refund_receipt import render_refund_text
        from printing.text_receipt import render_text

        live = self.live

        def render_receipt(receipt: Receipt) -> str:
            settings = live.current  # once: one set of settings for the whole receipt
            return render_text(receipt, settings, settings.receipt_printer.text_columns)

        def render_refund(refund: RefundReceipt) -> str:
            settings = live.current
            return render_refund_text(refund, settings, settings.receipt_printer.text_columns)

        if self.receipt_sink is not None:
            self.receipt_sink.recover()  # jobs a crash left "printing" go back to the queue
        if self.print_queue is not None and self.settings.tea_printer:
            if self.receipt_sink is None:
                self.print_queue.recover()
            self.tea.resume()  # the tea tickets a stop left: printed once, aside
        return TillContext(
            checkout=self.checkout,
            settings=self.settings,
            terminal=self.store.terminal,
            load_index=self.store.load_index,
            catalog_marker=self.store.catalog_marker,
            render_receipt=render_receipt,
            store_label=self.store.url,
            baskets=self.baskets,
            print_queue=self.print_queue,
            test_pages=self.test_pages,
            tax_invoices=self.tax_invoices,
            sync=self.sync,
            auth=self.auth,
            shifts=self.shifts,
            returns=self.returns,
            render_refund=render_refund,
            back_office=self,
            take_settings=self.take_settings,
            watch_settings=self.watch_settings,
            load_showcase=self.load_showcase,
            orders=self.orders,
            tea=self.tea,
            rooms=self.rooms,
        )

    def load_showcase(self) -> Showcase:
        """The customer display's stories and photos (photos under the data folder's photos/)."""
        from pos.config import data_dir
        from pos.services.customer_display import load_showcase

        return load_showcase(self.store.uow, self.settings, data_dir() / "photos", self.tea.menu)

    def close(self) -> None:
        if "tea" in vars(self):  # its sender stops after what it is sending
            self.tea.close()
        if (messenger := vars(self).get("facebook_sender")) is not None:  # its connections
            messenger.close()
        self.store.close()


def load_demo(store: Store, products: int = 0) -> int:
    """The demo store in an open store (tools and tests)."""
    return Services(store).load_demo(products)


def first_start(store: Store) -> None:
    Services(store).first_start()


def build_till_context(store: Store) -> TillContext:
    """Everything the till window needs, wired once from an open store."""
    return Services(store).till_context()


def build_label_desk(store: Store) -> LabelDesk:
    """The labels window's services, wired from an open store."""
    return Services(store).label_desk
