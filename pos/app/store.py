"""Opening a store: the counter's SQLite file or a PostgreSQL database, checked to be a store,
migrated, with the terminal it records under; the reports' read-only store; a counter's sync
with the central database and its first pull (a part of the composition root, pos.app.bootstrap,
which hands these out as its own)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pos.config import default_db_path
from pos.domain.errors import StoreUnavailable

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from db.uow import SqlUnitOfWorkFactory
    from pos.domain.settings import Settings
    from pos.ports.catalog import CatalogMarker
    from pos.ports.clock import Clock
    from pos.ports.reports import ReportUnitOfWork
    from pos.ports.stock import StockUnitOfWork
    from pos.ports.terminals import TerminalInfo
    from pos.ports.uow import UnitOfWorkFactory
    from pos.services.checkout import Checkout
    from pos.services.search import ProductIndex
    from pos.services.sync import SyncService

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
