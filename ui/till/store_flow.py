"""Opening the store behind the first frame, and loading the catalogue's search index."""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication

from pos.domain.errors import ShopError, shop_error
from pos.services.till import TillContext
from ui.till.messages import MessageLevel
from ui.till.ops import TillOp

if TYPE_CHECKING:
    from pos.services.search import ProductIndex
    from ui.till.host import TillHost

# what the window runs (on its worker) to open the store when it is not handed one ready
ContextFactory = Callable[[], TillContext]

OPEN_AFTER_MS = 300  # a store factory runs by then even if the window has not painted yet
# how often the till looks for a catalogue changed by another program (an import); a pull by
# this till's own sync refreshes the index after its round
CATALOGUE_CHECK_MS = 60_000

log = logging.getLogger(__name__)


class StoreFlow(QObject):
    """The store the till sells from: handed over open, or opened on the worker."""

    def __init__(self, host: TillHost, ctx: TillContext | ContextFactory) -> None:
        super().__init__(host.window())
        self.w = host
        self.context: TillContext | None = ctx if isinstance(ctx, TillContext) else None
        self._opener: ContextFactory | None = None if isinstance(ctx, TillContext) else ctx
        self._worker_ctx: TillContext | None = self.context  # read on the worker thread only
        self.open_error = ""  # why the store could not be opened (shown in the window)
        self.index: ProductIndex | None = None
        self.index_error = ""
        self._refreshing = False  # a catalogue check (and perhaps a new index) is on its way
        self._catalogue_timer = QTimer(self)
        self._catalogue_timer.timeout.connect(self.refresh_catalogue)

    @property
    def ctx(self) -> TillContext:
        if self.context is None:
            raise RuntimeError("the store is not open yet")
        return self.context

    def start(self) -> None:
        """Right after the window is built: open the store, or use the one handed over."""
        if self._opener is not None:
            # the store opens once the first frame is up (its imports would compete with the
            # first paint for the interpreter), or after OPEN_AFTER_MS, whichever is first
            self.w.scan_field.installEventFilter(self.w.window())
            QTimer.singleShot(OPEN_AFTER_MS, self.start_opening)
        else:
            self._opened(self.ctx)

    def first_frame_painted(self) -> None:
        if self._opener is not None:
            QTimer.singleShot(0, self.start_opening)  # after this frame

    def start_opening(self) -> None:
        """Queue the store's opening first on the worker (once); scans queue behind it."""
        opener, self._opener = self._opener, None
        if opener is None or self.w.worker.closed:
            return
        self.w.login.build_page()  # built now, while the store opens: ready when it is
        self.w.scan_field.removeEventFilter(self.w.window())

        def open_store() -> TillContext:
            """On the worker: the ops queued behind this one (scans) see the store it opens."""
            ctx = opener()
            self._worker_ctx = ctx
            return ctx

        TillOp("open_store", open_store).success(self._on_opened).failure(
            self._on_failed).run(self.w.worker)

    def context_on_worker(self) -> TillContext:
        ctx = self._worker_ctx
        if ctx is None:  # the store failed to open: queued scans get the same answer
            raise ShopError("The store could not be opened", "เปิดฐานข้อมูลร้านไม่ได้")
        return ctx

    def _on_opened(self, ctx: TillContext) -> None:
        self.context = ctx
        self.w.retranslateUi()
        self._opened(ctx)
        self.w.storeOpened.emit()

    def _opened(self, ctx: TillContext) -> None:
        self.w.session.attach(ctx.checkout, approvals=ctx.auth is not None)
        TillOp("load_index", ctx.load_index).success(self._on_index_loaded).failure(
            self._on_index_failed).run(self.w.loader)
        self.w.printer_status.attach(ctx.print_queue, self.w.worker)
        self.w.sync_status.attach(ctx.sync)
        self.w.sync_status.catalogueChanged.connect(
            lambda: self.refresh_catalogue(pulled=True), Qt.ConnectionType.QueuedConnection)
        self.w.settings_flow.watch(ctx)
        self.w.login.lock()

    def _on_failed(self, exc: Exception) -> None:
        known = shop_error(exc)
        if known is not None:
            reason = known.message(self.w.language)
        else:  # a bug; its traceback went to the log
            lines = str(exc).strip().splitlines()
            reason = f"{type(exc).__name__}: {lines[0] if lines else ''}"[:300]
        self.open_error = self.tr(
            "The store could not be opened: {reason}. Check the database (--db) and the "
            "disk, then start the till again.").format(reason=reason)
        self.index_error = self.open_error
        self.w.update_status()
        self.w.banner.keep_message(self.open_error, MessageLevel.ERROR)  # this message stays
        QApplication.beep()
        self.w.storeFailed.emit(self.open_error)

    def refresh_catalogue(self, *, pulled: bool = False) -> None:
        """Products imported by another program, or `pulled` from the central database, while
        the till runs: when the catalogue's marker differs from the index's, a new index is
        built on the loader (the scans go on with the old one) and swapped in."""
        ctx, index = self.context, self.index
        if ctx is None or index is None or self._refreshing or self.w.loader.closed:
            return
        marker = ctx.catalog_marker
        if marker is None:
            return
        self._refreshing = True

        def work() -> ProductIndex | None:
            if not pulled and index.marker is not None and marker() == index.marker:
                return None  # nothing changed: one cheap query
            return ctx.load_index()

        TillOp("refresh_index", work).success(self._on_refreshed).failure(
            self._on_refresh_failed).run(self.w.loader)

    def _on_refreshed(self, index: ProductIndex | None) -> None:
        self._refreshing = False
        if index is not None:
            self._on_index_loaded(index)

    def _on_refresh_failed(self, exc: Exception) -> None:
        # the index in hand still works (and scans read the database itself): try next time
        self._refreshing = False
        log.warning("the product index could not be refreshed: %s", exc)

    def _on_index_loaded(self, index: ProductIndex) -> None:
        self.index = index
        # The catalogue index (hundreds of thousands of objects) lives as long as the till:
        # move it out of the garbage collector's generations, so that a full collection
        # never walks it in the middle of a scan (that walk was the scan latency's p99).
        gc.freeze()
        if self.w.tools.find is not None:
            self.w.tools.find.set_index(index)
        self.w.update_status()
        if self.context is not None and self.context.catalog_marker is not None:
            self._catalogue_timer.start(CATALOGUE_CHECK_MS)
        self.w.indexLoaded.emit(len(index))

    def _on_index_failed(self, exc: Exception) -> None:
        self.index_error = self.w.error_text(exc)
        self.w.update_status()
        self.w.warn(self.tr("Product search is not available: {reason}").format(
            reason=self.index_error), beep=False)
