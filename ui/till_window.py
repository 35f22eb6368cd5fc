"""The till: the cashier's main window, keyboard first, for a busy counter."""

from __future__ import annotations

import copy
import gc
import logging
from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pos.domain import shop_time
from pos.domain.cart import Cart, SoldBy
from pos.domain.errors import PaymentError, ShopError
from pos.domain.settings import Settings
from pos.services.till import TillContext
from ui import format as fmt
from ui import i18n, style
from ui.cart_model import CartTableModel, Column, ProductDelegate
from ui.sync_status import SyncStatusIndicator
from ui.worker import Worker

# the dialogs, and the domain and services the first frame does not run, are imported where
# they are first used: the till's start imports only what its first frame needs
if TYPE_CHECKING:
    from pos.domain.auth import Action, Actor
    from pos.domain.basket import BasketTemplate, CustomBasket
    from pos.domain.cart import CartGroup, Discount
    from pos.domain.cashup import ShiftReport
    from pos.domain.payment import Tender
    from pos.domain.sale import Receipt
    from pos.ports.sales import ParkedCart
    from pos.services.auth import Approval
    from pos.services.checkout import ScanResult
    from pos.services.search import ProductIndex
    from ui.find_dialog import FindDialog
    from ui.login_page import LoginPage
    from ui.payment_dialog import PaymentDialog
    from ui.receipt_preview import ReceiptPreview

# what the window runs (on its worker) to open the store when it is not handed one ready
ContextFactory = Callable[[], TillContext]

log = logging.getLogger(__name__)

BANNER_MS = {"ok": 6000, "info": 6000, "error": 15000}
OPEN_AFTER_MS = 300  # a store factory runs by then even if the window has not painted yet


class ScanField(QLineEdit):
    """Where the keyboard-wedge scanner (or the cashier) types codes, then Enter."""

    navigate = Signal(int)  # move the line selection by n rows
    removeLine = Signal()
    stepQuantity = Signal(int)
    escaped = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        empty = not self.text()
        moves = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1, Qt.Key.Key_PageUp: -8,
                 Qt.Key.Key_PageDown: 8}
        if key in moves:
            self.navigate.emit(moves[Qt.Key(key)])
        elif key == Qt.Key.Key_Delete and empty:
            self.removeLine.emit()
        elif key == Qt.Key.Key_Plus and empty:
            self.stepQuantity.emit(1)
        elif key == Qt.Key.Key_Minus and empty:
            self.stepQuantity.emit(-1)
        elif key == Qt.Key.Key_Escape:
            self.clear()
            self.escaped.emit()
        else:
            super().keyPressEvent(event)
            return
        event.accept()


class TillWindow(QMainWindow):
    """The sale being rung up, its totals, the function keys and the dialogs behind them.

    Everything that touches the database runs on the one ordered background worker; the
    cart itself lives on the UI thread and is only handed to the worker as a copy.
    """

    saleCompleted = Signal(object)  # Receipt
    indexLoaded = Signal(int)  # catalogue size
    storeOpened = Signal()
    storeFailed = Signal(str)  # the message shown in the window

    def __init__(
        self,
        ctx: TillContext | ContextFactory,
        language: str = "th",
        *,
        settings: Settings | None = None,
    ) -> None:
        """A till on an open store (`ctx`), or on a factory that opens it.

        With a factory (and the `settings`), the window is usable at once: the factory runs
        first on the ordered worker, scans typed meanwhile queue behind it and are answered
        in order once the store is open; a store that cannot be opened is shown as a message.
        """
        super().__init__()
        self.setObjectName("tillWindow")
        opener: ContextFactory | None = None
        if isinstance(ctx, TillContext):
            self._ctx: TillContext | None = ctx
            self.settings = ctx.settings
        else:
            if settings is None:
                raise TypeError("a TillWindow on a context factory needs the settings")
            self._ctx, opener = None, ctx
            self.settings = settings
        self._worker_ctx: TillContext | None = self._ctx  # read on the worker thread only
        self._open_error = ""  # why the store could not be opened (shown in the window)
        self._language = language
        self.cashier_name = ""
        self.worker = Worker(self)  # ordered: scans, park, recall and commits
        self.worker.busyChanged.connect(self._on_busy)
        # the catalogue index (seconds for 100,000 products) loads beside it, read only,
        # so that the first scans of the day are not queued behind it
        self.loader = Worker(self)
        cart = (self._ctx.checkout.new_cart() if self._ctx is not None
                else Cart(self.settings.vat_rate if self.settings.vat_registered
                          else Decimal(0), self.settings.max_quantity))
        self.model = CartTableModel(cart, language, self)
        self._index: ProductIndex | None = None
        self._index_error = ""
        self._pending_scans = 0
        self._after_scans: Callable[[], None] | None = None
        self._pending_qty: int | None = None
        self._held_tenders: list[Tender] = []
        self._cart_busy = ""  # the op that owns the cart right now: park / recall / commit
        self._payment: PaymentDialog | None = None
        self._dialog: Any = None  # the small dialog on screen, if any
        self._find: FindDialog | None = None
        self._preview: ReceiptPreview | None = None
        self._last_receipt: Receipt | None = None
        self._closing = False
        # who is at the till: nobody sells until a cashier logs in (when the store has Auth)
        self.actor: Actor | None = None
        self._login_page: LoginPage | None = None  # built after the first frame
        self._locked = False
        self._cart_owner: Actor | None = None  # whose sale the cart is
        self._shift_open: bool | None = None  # None: not known (no shifts on this till)
        self._payment_started = False  # the payment dialog was opened for this sale
        self._approvals: list[Approval] = []  # a manager's yes for this sale (discount, price)

        self.setStyleSheet(style.STYLE_SHEET)
        self._build()
        self._build_actions()
        self._banner_timer = QTimer(self)
        self._banner_timer.setSingleShot(True)
        self._banner_timer.timeout.connect(self.clear_message)
        self._clock = QTimer(self)
        self._clock.timeout.connect(self._tick)
        self._clock.start(1000)
        self.retranslateUi()
        self._update_totals()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus_changed)
        self._opener = opener
        if opener is not None:
            # the store opens once the first frame is up (its imports would compete with the
            # first paint for the interpreter), or after OPEN_AFTER_MS, whichever is first
            self.scan_field.installEventFilter(self)
            QTimer.singleShot(OPEN_AFTER_MS, self._start_opening)
        else:
            self._load_index()
            self.printer_status.attach(
                self._ctx.print_queue if self._ctx is not None else None, self.worker)
            self.sync_status.attach(self._ctx.sync if self._ctx is not None else None)
            self._lock()

    # --- the store ----------------------------------------------------------------------
    @property
    def ctx(self) -> TillContext:
        """The open store's context (only once `store_open`)."""
        if self._ctx is None:
            raise RuntimeError("the store is not open yet")
        return self._ctx

    @property
    def store_open(self) -> bool:
        return self._ctx is not None

    @property
    def store_error(self) -> str:
        """Why the store could not be opened ("" while opening or once open)."""
        return self._open_error

    def eventFilter(self, watched: Any, event: QEvent) -> bool:
        if (watched is self.scan_field and event.type() == QEvent.Type.Paint
                and self._opener is not None):
            QTimer.singleShot(0, self._start_opening)  # after this frame
        return super().eventFilter(watched, event)

    @property
    def login_page(self) -> LoginPage:
        """The log-in page, built when first needed (after the first frame, not for it)."""
        page = self._login_page
        return page if page is not None else self._build_login_page()

    def _build_login_page(self) -> LoginPage:
        from ui.login_page import LoginPage

        page = LoginPage()
        page.submitted.connect(self._log_in)
        self._pages.addWidget(page)
        self._login_page = page
        return page

    def _start_opening(self) -> None:
        """Queue the store's opening first on the worker (once); scans queue behind it."""
        opener, self._opener = self._opener, None
        if opener is None or self.worker.closed:
            return
        if self._login_page is None:  # built now, while the store opens: ready when it is
            self._build_login_page()
        self.scan_field.removeEventFilter(self)
        self.worker.run(lambda: self._open_store(opener), self._on_store_opened,
                        self._on_store_failed, name="open_store")

    def _open_store(self, opener: ContextFactory) -> TillContext:
        """On the worker: the ops queued behind this one (scans) see the store it opens."""
        ctx = opener()
        self._worker_ctx = ctx
        return ctx

    def _context_on_worker(self) -> TillContext:
        ctx = self._worker_ctx
        if ctx is None:  # the store failed to open: queued scans get the same answer
            raise ShopError("The store could not be opened", "เปิดฐานข้อมูลร้านไม่ได้")
        return ctx

    def _on_store_opened(self, ctx: TillContext) -> None:
        self._ctx = ctx
        if self.cart.is_empty:  # it is: nothing reaches the cart before the store is open
            self.model.set_cart(ctx.checkout.new_cart())
        self.retranslateUi()
        self._load_index()
        self.printer_status.attach(ctx.print_queue, self.worker)
        self.sync_status.attach(ctx.sync)
        self._lock()
        self.storeOpened.emit()

    def _on_store_failed(self, exc: Exception) -> None:
        if isinstance(exc, ShopError):
            reason = exc.message(self._language)
        else:  # e.g. a bad --db URL or a full disk; the traceback went to the log
            lines = str(exc).strip().splitlines()
            reason = f"{type(exc).__name__}: {lines[0] if lines else ''}"[:300]
        self._open_error = self.tr(
            "The store could not be opened: {reason}. Check the database (--db) and the "
            "disk, then start the till again.").format(reason=reason)
        self._index_error = self._open_error
        self._update_status()
        self._banner_timer.stop()  # this message stays
        self._set_banner(self._open_error, "error")
        QApplication.beep()
        self.storeFailed.emit(self._open_error)

    def _load_index(self) -> None:
        self.loader.run(self.ctx.load_index, self._on_index_loaded, self._on_index_failed,
                        name="load_index")

    # --- who is at the till: log-in, switch cashier ---------------------------------------
    @property
    def shift_open(self) -> bool | None:
        """Whether a shift is open at this counter (None: not known, or no shifts here)."""
        return self._shift_open

    @property
    def locked(self) -> bool:
        """True while the log-in page is up (nobody, or a cashier who logged out)."""
        return self._locked

    def _lock(self, username: str = "") -> None:
        """Show the log-in page (when the store has users); the cart stays as it is."""
        if self._ctx is None or self._ctx.auth is None:
            return
        self._locked = True
        self.actor = None
        self.cashier_name = ""
        for name, action in self.actions_by_name.items():
            action.setEnabled(name == "language")
        self._pages.setCurrentWidget(self.login_page)
        self.login_page.reset(username)
        self._update_status()
        self.login_page.focus_field()

    def log_in(self, username: str, pin: str) -> None:
        """What typing a user name and PIN on the log-in page does."""
        self.login_page.user_field.setText(username)
        self.login_page.pin_field.setText(pin)
        self.login_page.submit()

    def _log_in(self, username: str, pin: str) -> None:
        ctx = self.ctx
        auth, shifts = ctx.auth, ctx.shifts
        assert auth is not None

        def work() -> tuple[Actor, bool | None]:
            from pos.domain.auth import Action, PermissionDenied

            actor = auth.login(username, pin)
            if not actor.may(Action.SELL):
                raise PermissionDenied(
                    f"{actor.display_name} ({actor.role.value}) may not sell: the till is for "
                    "cashiers and managers",
                    f"{actor.display_name} ไม่มีสิทธิ์ขายสินค้า เครื่องขายใช้ได้เฉพาะแคชเชียร์และผู้จัดการ",
                )
            return actor, None if shifts is None else shifts.current() is not None

        self.worker.run(work, self._on_logged_in, self._on_login_failed, name="login")

    def _on_login_failed(self, exc: Exception) -> None:
        QApplication.beep()
        self.login_page.failed(self._error_text(exc))

    def _on_logged_in(self, outcome: tuple[Actor, bool | None]) -> None:
        actor, shift_open = outcome
        self.actor = actor
        self.cashier_name = actor.display_name
        self._shift_open = shift_open
        self._locked = False
        for action in self.actions_by_name.values():
            action.setEnabled(True)
        self._pages.setCurrentWidget(self._till_page)
        self.login_page.reset()
        previous = self._cart_owner
        self._cart_owner = actor
        if previous is not None and previous.user_id != actor.user_id and not self.cart.is_empty:
            # another cashier's sale is never lost, and never sold under this cashier's name:
            # it is parked with its cashier's name, for them to recall (F6)
            self._park_for(previous)
        else:
            self.show_message(self.tr("Hello {name}").format(name=actor.display_name), "ok")
        self._update_status()
        self.refocus()
        if shift_open is False:
            self.open_shift()

    def _park_for(self, owner: Actor) -> None:
        snapshot = copy.deepcopy(self.cart)
        label = f"{owner.display_name} · {fmt.baht(snapshot.totals().total)}"
        self._cart_busy = "park"
        checkout = self.ctx.checkout

        def parked(_id: str) -> None:
            self._cart_busy = ""
            self._start_new_sale()
            self.show_message(self.tr("{name}'s sale was parked: they can recall it with F6")
                              .format(name=owner.display_name), "info")

        self.worker.run(lambda: checkout.park(snapshot, label), parked,
                        self._on_cart_op_failed, name="park")

    def log_out(self) -> None:
        """Ctrl+F1: switch cashier. The cart stays on screen for the same cashier; another
        cashier's log-in parks it under its owner's name. Payments taken must be finished."""
        if self._locked or self._ctx is None or self._ctx.auth is None:
            return
        if self._cart_busy or self._payment is not None:
            self.show_message(self.tr("One moment: the sale is being saved…"), "info")
            return
        if self._held_tenders:
            self.warn(self.tr("Payments were taken for this sale: finish it (F12) before "
                              "logging out"))
            return
        who = self.actor
        self._lock(who.username if who is not None else "")
        self.login_page.show_message(self.tr("{name} logged out").format(
            name=who.display_name if who is not None else ""))

    # --- the shift: open, paid-in/out, X report, close -----------------------------------
    def _shift_tools(self) -> bool:
        if not self._cart_free():
            return False
        if self.actor is None or self.ctx.shifts is None:
            self.warn(self.tr("Shifts are not set up on this till"))
            return False
        return self._dialog is None

    def _run(self, fn: Callable[[], Any], ok: Callable[[Any], None],
             fail: Callable[[Exception], None]) -> None:
        self.worker.run(fn, ok, fail, name="shift")

    def open_shift(self) -> None:
        if not self._shift_tools():
            return
        if self._shift_open:
            self.show_message(self.tr("A shift is already open at this counter"), "info")
            return
        from ui.shift_dialogs import OpenShiftDialog

        assert self.actor is not None
        assert self.ctx.shifts is not None
        dialog = OpenShiftDialog(self.ctx.shifts, self.actor, self._run, self)
        dialog.opened.connect(self._on_shift_opened)
        self._open_dialog(dialog)

    def _on_shift_opened(self, _shift: Any) -> None:
        self._shift_open = True
        self._update_status()
        self.show_message(self.tr("Shift opened: ready to sell"), "ok")

    def cash_move(self, kind: str) -> None:
        """Ctrl+I paid in, Ctrl+O paid out: an amount and a reason into the shift's cash."""
        if not self._shift_tools():
            return
        from ui.shift_dialogs import CashMoveDialog

        assert self.actor is not None
        assert self.ctx.shifts is not None
        dialog = CashMoveDialog(kind, self.ctx.shifts, self.actor, self._run, self)
        dialog.moved.connect(self._on_cash_moved)
        self._open_dialog(dialog)

    def _on_cash_moved(self, kind: str, amount: Decimal) -> None:
        text = (self.tr("Paid in {amount}") if kind == "paid_in"
                else self.tr("Paid out {amount}"))
        self.show_message(text.format(amount=fmt.baht(amount)), "ok")

    def x_report(self) -> None:
        """F10: the shift so far, in the receipt preview."""
        if not self._shift_tools():
            return
        shifts, actor = self.ctx.shifts, self.actor
        assert shifts is not None
        assert actor is not None
        self.worker.run(lambda: shifts.x_report(actor), self._show_x_report, self._fail,
                        name="x_report")

    def _show_x_report(self, report: ShiftReport) -> None:
        """The X report in the preview, and on the receipt printer when there is one."""
        self._show_report(report)
        queue = self.ctx.print_queue
        if queue is not None and not self.settings.receipt_printer.is_preview:
            self.worker.run(lambda: queue.print_x(report), lambda _job: None, self._fail,
                            name="print_x_report")

    def _show_report(self, report: ShiftReport) -> None:
        from pos.domain.shift_text import shift_report_text

        columns = self.settings.receipt_printer.text_columns
        text = shift_report_text(report, self._language, columns)
        self._show_preview(report.title, text)

    def close_shift(self) -> None:
        """F11: warn about unsent sales, then count the drawer; the Z report when closed."""
        if not self._shift_tools():
            return
        if not self.cart.is_empty:
            self.warn(self.tr("Finish or park (F5) the current sale first"))
            return
        shifts, actor, sync = self.ctx.shifts, self.actor, self.ctx.sync
        assert shifts is not None
        assert actor is not None
        language = self._language

        def work() -> tuple[ShiftReport, str]:
            warning = ""
            if sync is not None:
                check = sync.shift_close_check()
                if not check.ok:
                    warning = check.message_en if language == "en" else check.message_th
            return shifts.x_report(actor), warning

        self.worker.run(work, self._show_close_shift, self._fail, name="close_check")

    def _show_close_shift(self, outcome: tuple[ShiftReport, str]) -> None:
        from ui.shift_dialogs import CloseShiftDialog

        report, warning = outcome
        if self._dialog is not None or self.actor is None or self.ctx.shifts is None:
            return
        dialog = CloseShiftDialog(self.ctx.shifts, self.actor, report, warning, self._run, self)
        dialog.closed.connect(self._on_shift_closed)
        self._open_dialog(dialog)

    def _on_shift_closed(self, report: ShiftReport) -> None:
        self._shift_open = False
        self._show_report(report)
        self._update_status()
        self.show_message(self.tr("Shift closed: {title}").format(title=report.title), "ok")

    def refund(self) -> None:
        """Ctrl+R: refund some or all of a sale, found by its receipt."""
        if not self._cart_free() or self._dialog is not None or self.actor is None:
            return
        returns, auth = self.ctx.returns, self.ctx.auth
        if returns is None or auth is None:
            self.warn(self.tr("Refunds are not set up on this till"))
            return
        from ui.refund_dialog import RefundDialog

        dialog = RefundDialog(returns, auth, self.actor, self._run, self)
        dialog.refunded.connect(self._on_refunded)
        self._open_dialog(dialog)

    def _on_refunded(self, refund: Any) -> None:
        self.show_message(self.tr("Refund {number}: {amount} back to the customer").format(
            number=refund.refund_no, amount=fmt.baht(refund.total)), "ok")
        render = self.ctx.render_refund
        if render is not None:
            self.worker.run(lambda: render(refund),
                            lambda text: self._show_preview(refund.refund_no, text),
                            self._fail, name="refund_text")

    # --- manager approval ------------------------------------------------------------------
    def _needs_approval(self, action: Action) -> bool:
        return self.actor is not None and not self.actor.may(action) and self._ctx is not None \
            and self._ctx.auth is not None

    def ask_approval(self, action: Action, ref: str, then: Callable[[Approval], None]) -> None:
        """A manager's PIN for one action of this cashier; `then` runs once approved."""
        from ui.shift_dialogs import ApprovalDialog

        auth, actor = self.ctx.auth, self.actor
        assert auth is not None
        assert actor is not None
        dialog = ApprovalDialog(auth, actor, action, ref, self._run, self)
        dialog.approved.connect(then)
        self._open_dialog(dialog)

    # --- building ----------------------------------------------------------------------
    def _build(self) -> None:
        self.setMinimumSize(1280, 720)
        central = QWidget()
        outer = QVBoxLayout()
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)

        # header: shop, clock, language
        header = style.named(QFrame(), "header")
        hl = QHBoxLayout(header)
        hl.setContentsMargins(18, 8, 18, 8)
        titles = QVBoxLayout()
        titles.setSpacing(0)
        self._shop_title = style.named(QLabel(), "shopTitle")
        self._shop_subtitle = style.named(QLabel(), "shopSubtitle")
        titles.addWidget(self._shop_title)
        titles.addWidget(self._shop_subtitle)
        hl.addLayout(titles, 1)
        self._clock_label = style.named(QLabel(), "clockLabel")
        hl.addWidget(self._clock_label)
        self._cashier_label = style.named(QLabel(), "cashierLabel")
        hl.addWidget(self._cashier_label)
        self._shift_button = style.button("shiftButton")
        self._shift_menu = QMenu(self._shift_button)
        self._shift_button.setMenu(self._shift_menu)
        self._shift_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        hl.addWidget(self._shift_button)
        self._logout_button = style.button("logoutButton")
        self._logout_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        hl.addWidget(self._logout_button)
        self._language_button = style.button("languageButton")
        self._language_button.clicked.connect(self.toggle_language)
        hl.addWidget(self._language_button)

        body = QHBoxLayout()
        body.setContentsMargins(14, 12, 14, 8)
        body.setSpacing(14)

        # left: scan field, message banner, cart
        left = QVBoxLayout()
        left.setSpacing(8)
        self._scan_caption = style.named(QLabel(), "scanLabel")
        left.addWidget(self._scan_caption)
        scan_row = QHBoxLayout()
        self.scan_field = style.named(ScanField(), "scanField")
        self.scan_field.returnPressed.connect(self._on_return)
        self.scan_field.navigate.connect(self._move_selection)
        self.scan_field.removeLine.connect(self.remove_line)
        self.scan_field.stepQuantity.connect(self.step_quantity)
        self.scan_field.escaped.connect(self._on_escape)
        self.scan_field.setMinimumHeight(58)
        scan_row.addWidget(self.scan_field, 1)
        self._qty_chip = style.named(QLabel(), "pendingQty")
        self._qty_chip.hide()
        scan_row.addWidget(self._qty_chip)
        left.addLayout(scan_row)
        # the banner keeps its place when empty, so the cart never jumps when a message comes
        self._banner = style.named(QLabel(), "messageBanner")
        self._banner.setWordWrap(True)
        self._banner.setMinimumHeight(46)
        self._banner.setProperty("kind", "none")
        left.addWidget(self._banner)
        from ui.printer_status import PrinterStatusBanner

        self.printer_status = PrinterStatusBanner(lambda: self._language, self)
        left.addWidget(self.printer_status)

        self.table = style.named(QTableView(), "cartTable")
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(Column.PRODUCT, ProductDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(64)
        head = self.table.horizontalHeader()
        head.setHighlightSections(False)
        head.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        head.setSectionResizeMode(Column.PRODUCT, QHeaderView.ResizeMode.Stretch)
        for col, width in ((Column.NO, 48), (Column.QTY, 96), (Column.PRICE, 120),
                           (Column.DISCOUNT, 110), (Column.TOTAL, 140)):
            head.resizeSection(col, width)
        left.addWidget(self.table, 1)
        body.addLayout(left, 5)

        # right: total, VAT, last line
        right = QVBoxLayout()
        right.setSpacing(12)
        totals = style.named(QFrame(), "totalsPanel")
        tl = QVBoxLayout(totals)
        tl.setContentsMargins(20, 14, 20, 16)
        tl.setSpacing(2)
        self._total_caption = style.named(QLabel(), "totalCaption")
        self.total_label = style.named(QLabel(), "totalLabel")
        self.total_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._items_label = style.named(QLabel(), "itemsLabel")
        self._discount_label = style.named(QLabel(), "discountLabel")
        self._vat_label = style.named(QLabel(), "vatLabel")
        self._vat_label.setWordWrap(True)
        for w in (self._total_caption, self.total_label, self._items_label,
                  self._discount_label, self._vat_label):
            tl.addWidget(w)
        right.addWidget(totals)

        last = style.named(QFrame(), "lastPanel")
        ll = QVBoxLayout(last)
        ll.setContentsMargins(18, 12, 18, 14)
        self._last_caption = style.named(QLabel(), "lastCaption")
        self._last_name = style.named(QLabel(), "lastName")
        self._last_name.setWordWrap(True)
        self._last_secondary = style.named(QLabel(), "lastNameSecondary")
        self._last_secondary.setWordWrap(True)
        self._last_detail = style.named(QLabel(), "lastDetail")
        self._last_detail.setAlignment(Qt.AlignmentFlag.AlignRight)
        self._last_detail.setWordWrap(True)
        self._last_price = style.named(QLabel(), "lastPrice")
        self._last_price.setAlignment(Qt.AlignmentFlag.AlignRight)
        self._change_label = style.named(QLabel(), "changeDueLabel")
        self._change_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        self._change_label.hide()
        for w in (self._last_caption, self._last_name, self._last_secondary):
            ll.addWidget(w)
        ll.addStretch(1)
        ll.addWidget(self._last_detail)
        ll.addWidget(self._last_price)
        ll.addWidget(self._change_label)
        right.addWidget(last, 1)
        right_box = QWidget()
        right_box.setLayout(right)
        right_box.setMinimumWidth(400)
        right_box.setMaximumWidth(620)
        body.addWidget(right_box, 2)
        outer.addLayout(body, 1)

        # function keys
        self._key_bar = style.named(QWidget(), "keyBar")
        self._key_layout = QGridLayout(self._key_bar)
        self._key_layout.setContentsMargins(14, 4, 14, 10)
        self._key_layout.setHorizontalSpacing(8)
        outer.addWidget(self._key_bar)
        # the log-in page and the sale share the window below the header; the log-in page is
        # built after the first frame (see login_page), which shows the sale's page
        self._pages = QStackedWidget()
        self._till_page = QWidget()
        self._till_page.setLayout(outer)
        self._pages.addWidget(self._till_page)
        page = QVBoxLayout(central)
        page.setContentsMargins(0, 0, 0, 0)
        page.setSpacing(0)
        page.addWidget(header)
        page.addWidget(self._pages, 1)
        self.setCentralWidget(central)

        # status bar
        self._status_terminal = style.named(QLabel(), "statusTerminal")
        self._status_store = style.named(QLabel(), "statusStore")
        self._status_catalogue = style.named(QLabel(), "statusCatalogue")
        self._status_language = style.named(QLabel(), "statusLanguage")
        self._status_busy = style.named(QLabel(), "statusBusy")
        bar = self.statusBar()
        bar.setSizeGripEnabled(False)
        bar.addWidget(self._status_terminal)
        bar.addWidget(self._status_store, 1)
        for w in (self._status_busy, self._status_catalogue, self._status_language):
            bar.addPermanentWidget(w)
        self.sync_status = SyncStatusIndicator(self)  # "Stand-alone" without a central server
        bar.addPermanentWidget(self.sync_status)

    def _build_actions(self) -> None:
        self.actions_by_name: dict[str, QAction] = {}
        self._buttons: dict[str, QPushButton] = {}
        specs: list[tuple[str, list[QKeySequence], Callable[[], None]]] = [
            ("help", [QKeySequence(Qt.Key.Key_F1)], self.show_help),
            ("find", [QKeySequence(Qt.Key.Key_F2)], self.find_product),
            ("quantity", [QKeySequence(Qt.Key.Key_F3)], self.quantity_key),
            ("discount", [QKeySequence(Qt.Key.Key_F4)], self.discount),
            ("park", [QKeySequence(Qt.Key.Key_F5)], self.park),
            ("recall", [QKeySequence(Qt.Key.Key_F6)], self.recall),
            ("basket", [QKeySequence(Qt.Key.Key_F7)], self.open_basket),
            ("remove", [QKeySequence(Qt.Key.Key_F8)], self.remove_line),
            ("cancel", [QKeySequence(Qt.Key.Key_F9)], self.cancel_sale),
            ("plus", [], lambda: self.step_quantity(1)),
            ("minus", [], lambda: self.step_quantity(-1)),
            ("pay", [QKeySequence(Qt.Key.Key_F12)], self.pay),
            ("language", [QKeySequence("Ctrl+L")], self.toggle_language),
            ("printer", [QKeySequence("Ctrl+P")], self.printer_setup),
            ("tax_invoice", [QKeySequence("Ctrl+T")], self.tax_invoice),
            ("logout", [QKeySequence("Ctrl+F1")], self.log_out),
            ("paid_in", [QKeySequence("Ctrl+I")], lambda: self.cash_move("paid_in")),
            ("paid_out", [QKeySequence("Ctrl+O")], lambda: self.cash_move("paid_out")),
            ("x_report", [QKeySequence(Qt.Key.Key_F10)], self.x_report),
            ("close_shift", [QKeySequence(Qt.Key.Key_F11)], self.close_shift),
            ("open_shift", [], self.open_shift),
            ("refund", [QKeySequence("Ctrl+R")], self.refund),
            ("price", [QKeySequence("Ctrl+U")], self.price_override),
        ]
        for name, keys, slot in specs:
            action = QAction(self)
            action.setObjectName(f"{name}Action")
            action.setShortcuts(keys)
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(lambda _=False, slot=slot: slot())
            self.addAction(action)
            self.actions_by_name[name] = action
        self._logout_button.clicked.connect(self.actions_by_name["logout"].trigger)
        for name in ("open_shift", "paid_in", "paid_out", "x_report", "close_shift", "refund",
                     "logout"):
            self._shift_menu.addAction(self.actions_by_name[name])
        order = ["help", "find", "quantity", "discount", "park", "recall", "basket", "plus",
                 "minus", "remove", "cancel", "pay"]
        for col, name in enumerate(order):
            button_name = {"pay": "payButton", "cancel": "cancelSaleButton"}.get(
                name, f"{name}Button")
            b = style.button(button_name)
            b.setMinimumHeight(64)
            b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            b.clicked.connect(self.actions_by_name[name].trigger)
            self._buttons[name] = b
            self._key_layout.addWidget(b, 0, col)
            self._key_layout.setColumnStretch(col, 2 if name == "pay" else 1)

    # --- public state (tests, self-test, benchmarks) -----------------------------------
    @property
    def cart(self) -> Cart:
        return self.model.cart

    @property
    def language(self) -> str:
        return self._language

    @property
    def index(self) -> ProductIndex | None:
        return self._index

    @property
    def index_error(self) -> str:
        """Why the product index could not be loaded ('' if it loaded or is loading)."""
        return self._index_error

    @property
    def message(self) -> str:
        """The banner's text ('' when no message is shown)."""
        return str(self._banner.text())

    @property
    def message_kind(self) -> str:
        """'error', 'info', 'ok', or '' when no message is shown."""
        kind = str(self._banner.property("kind") or "")
        return "" if kind == "none" else kind

    @property
    def payment_dialog(self) -> PaymentDialog | None:
        return self._payment

    @property
    def find_dialog(self) -> FindDialog | None:
        return self._find

    @property
    def receipt_preview(self) -> ReceiptPreview | None:
        return self._preview

    @property
    def last_receipt(self) -> Receipt | None:
        return self._last_receipt

    @property
    def busy(self) -> bool:
        """True while the worker has ops whose outcome has not arrived yet."""
        return self.worker.pending > 0

    @property
    def pending_quantity(self) -> int | None:
        return self._pending_qty

    def selected_row(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    # --- scanning ----------------------------------------------------------------------
    def _on_return(self) -> None:
        text = self.scan_field.text()
        self.scan_field.clear()
        self.submit_scan(text)

    def submit_scan(self, text: str) -> None:
        """Look the code up in the worker; the line is added when the answer comes back."""
        text = text.strip()
        if not text:
            return
        if self._pending_qty is not None and "*" not in text:
            text = f"{self._pending_qty}*{text}"
        if self._open_error:
            self.warn(self._open_error)
            return
        if self._locked:  # nobody is logged in: a scan reaches no cart (the store is open)
            QApplication.beep()
            self.login_page.show_message(self.tr("Log in first, then scan"))
            self.login_page.focus_field()
            return
        self._set_pending_qty(None)
        self._pending_scans += 1
        self._start_opening()  # (if not yet) so that the store opens before this scan runs
        if self._ctx is not None:
            checkout = self._ctx.checkout
            self.worker.run(lambda: checkout.lookup(text), self._on_scanned,
                            self._on_scan_failed, name="lookup")
        else:  # queued behind the opening store, answered in order once it is open
            on_worker = self._context_on_worker
            self.worker.run(lambda: on_worker().checkout.lookup(text), self._on_scanned,
                            self._on_scan_failed, name="lookup")

    def _on_scanned(self, scan: ScanResult) -> None:
        self._pending_scans -= 1
        try:
            row = self.model.add_scan(scan)
        except ShopError as exc:
            self._fail(exc)
        else:
            self._select(row)
            self._show_line(row)
            self._update_totals()
            if self.message_kind in ("error", "ok"):
                self.clear_message()
        self._scans_settled()

    def _on_scan_failed(self, exc: Exception) -> None:
        self._pending_scans -= 1
        self._fail(exc)
        self._scans_settled()

    def _scans_settled(self) -> None:
        if self._pending_scans == 0 and self._after_scans is not None:
            then, self._after_scans = self._after_scans, None
            then()

    def _when_scans_done(self, then: Callable[[], None]) -> None:
        """Run `then` once every scan typed so far is in the cart (F12 right after a scan)."""
        if self._pending_scans:
            self._after_scans = then
            self.show_message(self.tr("One moment: looking up the last scan…"), "info")
        else:
            then()

    def _set_pending_qty(self, qty: int | None) -> None:
        self._pending_qty = qty
        if qty is None:
            self._qty_chip.hide()
        else:
            self._qty_chip.setText(f"× {qty}")
            self._qty_chip.show()

    def _on_escape(self) -> None:
        self._set_pending_qty(None)

    # --- line keys ---------------------------------------------------------------------
    def _move_selection(self, step: int) -> None:
        n = self.model.rowCount()
        if not n:
            return
        row = self.selected_row()
        row = n - 1 if row < 0 else max(0, min(n - 1, row + step))
        self._select(row)
        self._show_line(row)

    def _select(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
            # a new row's scroll range is only known after the view's next layout pass
            QTimer.singleShot(0, lambda: self._scroll_to(row))
        else:
            self.table.clearSelection()

    def _scroll_to(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.table.scrollTo(self.model.index(row, 0))

    def _need_line(self) -> int:
        row = self.selected_row()
        if row < 0:
            self.warn(self.tr("Select a line first (↑ / ↓)"))
        return row

    def _cart_free(self) -> bool:
        if self._open_error:
            self.warn(self._open_error)
            return False
        if self._ctx is None:
            self.show_message(self.tr("One moment: opening the store…"), "info")
            return False
        if self._cart_busy:
            self.show_message(self.tr("One moment: the sale is being saved…"), "info")
            return False
        return True

    def remove_line(self) -> None:
        if not self._cart_free():
            return
        row = self._need_line()
        if row < 0:
            return
        if self._payment_started:
            from pos.domain.auth import Action

            if self._needs_approval(Action.VOID_AFTER_PAYMENT):
                # once payment has started, a line comes off only with a manager's PIN (the
                # approval is written to the audit log and the journal)
                line = self.model.line(row)
                ref = f"{line.product.sku} x {fmt.line_quantity(line)} = {line.net}"
                line_id = line.line_id
                self.ask_approval(Action.VOID_AFTER_PAYMENT, ref,
                                  lambda _a: self._remove_approved(line_id))
                return
        self._remove_row(row)

    def _remove_approved(self, line_id: str) -> None:
        try:
            row = self.cart.index_of(line_id)
        except ShopError:
            return
        self._remove_row(row)

    def _remove_row(self, row: int) -> None:
        group = self.cart.groups.get(self.model.line(row).group_id or "")
        line = self.model.remove_row(row)
        self._update_totals()
        name = line.product.name_en if self._language == "en" else line.product.name_th
        if group is not None:  # the whole basket went
            name = group.name_en if self._language == "en" else group.name_th
        self.show_message(self.tr("Removed: {product}").format(product=name), "info")
        n = self.model.rowCount()
        if n:
            self._select(min(row, n - 1))
            self._show_line(min(row, n - 1))
        else:
            self._show_line(-1)
        self.refocus()

    def step_quantity(self, delta: int) -> None:
        if not self._cart_free():
            return
        row = self._need_line()
        if row < 0:
            return
        line = self.model.line(row)
        if line.product.sold_by is SoldBy.WEIGHT:
            self.warn(self.tr("Weighed items: scan a new scale label or use F3"))
            return
        new = line.quantity + delta
        if new <= 0:
            self.warn(self.tr("To take the line off, press Delete (F8)"))
            return
        self._set_line_quantity(row, new)

    def _set_line_quantity(self, row: int, quantity: Decimal) -> None:
        try:
            self.model.set_quantity(row, quantity)
        except ShopError as exc:
            self._fail(exc)
            return
        self._select(row)
        self._show_line(row)
        self._update_totals()

    def quantity_key(self) -> None:
        """F3: a number typed first is the next scan's quantity; otherwise edit the line."""
        from ui.dialogs import QuantityDialog

        typed = self.scan_field.text().strip()
        max_q = self.settings.max_quantity
        if typed:
            if typed.isdigit() and typed.isascii() and 1 <= int(typed) <= max_q:
                self.scan_field.clear()
                self._set_pending_qty(int(typed))
                self.show_message(self.tr("Quantity {qty}: now scan the product").format(
                    qty=int(typed)), "info")
            else:
                self.warn(self.tr("Quantity must be a whole number from 1 to {max}").format(
                    max=max_q))
                self.scan_field.clear()
            return
        if not self._cart_free():
            return
        row = self.selected_row()
        if row >= 0:
            line = self.model.line(row)
            name = line.product.name_en if self._language == "en" else line.product.name_th

            def apply(q: Decimal) -> None:
                self.model.set_quantity(row, q)
                self._select(row)
                self._show_line(row)
                self._update_totals()

            self._open_dialog(QuantityDialog(name, fmt.line_quantity(line).replace(",", ""),
                                             apply, self))
        else:

            def apply_next(q: Decimal) -> None:
                if q != q.to_integral_value() or not 1 <= q <= max_q:
                    raise ShopError(
                        f"Quantity must be a whole number from 1 to {max_q}",
                        f"จำนวนต้องเป็นจำนวนเต็มตั้งแต่ 1 ถึง {max_q}",
                    )
                self._set_pending_qty(int(q))

            self._open_dialog(QuantityDialog(None, "1", apply_next, self))

    def discount(self) -> None:
        from ui.dialogs import DiscountDialog

        if not self._cart_free():
            return
        if self.cart.is_empty:
            self.warn(self.tr("Scan the products first"))
            return
        row = self.selected_row()
        name = None
        if row >= 0:
            p = self.model.line(row).product
            name = p.name_en if self._language == "en" else p.name_th

        def apply(target: int, discount: Discount | None) -> None:
            if target == DiscountDialog.LINE:
                if row < 0:
                    raise ShopError("Select a line first", "กรุณาเลือกรายการก่อน")
                self.model.set_line_discount(row, discount)
            else:
                self.cart.set_sale_discount(discount)
                self.model.refresh()
            self._update_totals()
            if row >= 0:
                self._show_line(row)

        self._open_dialog(DiscountDialog(name, apply, self))

    def price_override(self) -> None:
        """Ctrl+U: a new unit price for the selected line; a manager approves it at payment
        (the checkout refuses a price override without that approval)."""
        from ui.dialogs import PriceDialog

        if not self._cart_free():
            return
        row = self.selected_row()
        if row < 0:
            self.warn(self.tr("Select a line first (↑ / ↓)"))
            return
        line = self.model.line(row)
        name = line.product.name_en if self._language == "en" else line.product.name_th

        def apply(price: Decimal) -> None:
            from pos.domain.auth import Action

            self.model.set_unit_price(row, price)
            # a manager approves the price as it is now: an earlier yes is not for this one
            self._approvals = [a for a in self._approvals if a.action is not Action.PRICE_OVERRIDE]
            self._select(row)
            self._show_line(row)
            self._update_totals()

        self._open_dialog(PriceDialog(name, line.unit_price, line.product.unit_price, apply, self))

    # --- find ------------------------------------------------------------------------
    def find_product(self) -> None:
        if self._find is None:
            from ui.find_dialog import FindDialog

            self._find = FindDialog(self)
            self._find.productChosen.connect(lambda row: self.submit_scan(row.sku))
            self._find.finished.connect(lambda _r: self.refocus())
        self._find.set_index(self._index)
        typed = self.scan_field.text().strip()
        self.scan_field.clear()
        self._find.start("" if typed.isdigit() else typed)

    # --- gift baskets (F7) -------------------------------------------------------------
    def open_basket(self) -> None:
        self._when_scans_done(self._load_baskets)

    def _load_baskets(self) -> None:
        if not self._cart_free() or self._dialog is not None:
            return
        baskets = self.ctx.baskets
        if baskets is None:
            self.warn(self.tr("Gift baskets are not set up on this till"))
            return
        self.worker.run(lambda: (baskets.choices(), baskets.packaging()),
                        self._show_basket_dialog, self._fail, name="baskets")

    def _show_basket_dialog(self, data: tuple[list[Any], list[Any]]) -> None:
        choices, packaging = data
        worker = self.worker

        def run(fn: Callable[[], Any], ok: Callable[[Any], None],
                fail: Callable[[Exception], None]) -> None:
            worker.run(fn, ok, fail, name="basket_lookup")

        from ui.basket_dialog import BasketDialog

        dialog = BasketDialog(choices, packaging, self.ctx.checkout.lookup, run,
                              self.ctx.settings.allow_negative_stock, self)
        dialog.templateChosen.connect(self._add_template_basket)
        dialog.customBuilt.connect(self._add_custom_basket)
        self._open_dialog(dialog)
        dialog.scan_field.setFocus()

    def _add_template_basket(self, template: BasketTemplate, count: int, ready: bool) -> None:
        from pos.domain.basket import add_template

        self._add_basket(lambda cart: add_template(cart, template, count, ready=ready))

    def _add_custom_basket(self, basket: CustomBasket) -> None:
        from pos.domain.basket import add_custom

        self._add_basket(lambda cart: add_custom(cart, basket))

    def _add_basket(self, add: Callable[[Cart], CartGroup]) -> None:
        try:
            row = self.model.add_basket(add)
        except ShopError as exc:
            self._fail(exc)
            return
        self._select(row)
        self._show_line(row)
        self._update_totals()
        self.show_message(self.tr("Basket added to the sale"), "ok")

    # --- help, language ---------------------------------------------------------------
    def show_help(self) -> None:
        from ui.dialogs import HelpDialog

        self._open_dialog(HelpDialog(self))

    def printer_setup(self) -> None:
        """Ctrl+P: printer profiles, the test page's preview, a test print."""
        if self._ctx is None:
            return
        from ui.printer_dialog import PrinterSetupDialog

        self._open_dialog(PrinterSetupDialog(self.settings, self._ctx.print_queue, self.worker,
                                             self))

    def tax_invoice(self, receipt_no: str | None = None) -> None:
        """Ctrl+T: a full tax invoice for the last receipt (or a typed receipt number)."""
        if self._ctx is None:
            return
        if self._ctx.tax_invoices is None:
            self.warn(self.tr("This shop is not VAT-registered: it issues receipts, never tax "
                              "invoices."))
            return
        from ui.tax_invoice_dialog import TaxInvoiceDialog

        if receipt_no is None and self._last_receipt is not None:
            receipt_no = self._last_receipt.receipt_no
        self._open_dialog(TaxInvoiceDialog(self._ctx.tax_invoices, self.worker,
                                           lambda: self._language, receipt_no or "", self))

    def toggle_language(self) -> None:
        self.set_language("en" if self._language == "th" else "th")

    def set_language(self, language: str) -> None:
        i18n.install_language(language)
        self._language = language
        self.model.set_language(language)
        self.retranslateUi()
        for w in (self._find, self._preview, self._payment, self._dialog):
            if w is not None and hasattr(w, "retranslateUi"):
                w.retranslateUi()
        row = self.selected_row()
        self._show_line(row if row >= 0 else self.model.rowCount() - 1)
        self.refocus()

    # --- park / recall / cancel --------------------------------------------------------
    def park(self) -> None:
        self._when_scans_done(self._park)

    def _park(self) -> None:
        if not self._cart_free():
            return
        if self.cart.is_empty:
            self.warn(self.tr("Nothing to park"))
            return
        snapshot = copy.deepcopy(self.cart)
        totals = snapshot.totals()
        label = f"{fmt.baht(totals.total)} · {fmt.item_count(snapshot.lines):,.0f}"
        self._cart_busy = "park"
        checkout = self.ctx.checkout
        self.worker.run(lambda: checkout.park(snapshot, label), self._on_parked,
                        self._on_cart_op_failed, name="park")

    def _on_parked(self, _parked_id: str) -> None:
        self._cart_busy = ""
        self._start_new_sale()
        self.show_message(self.tr("Sale parked. Press F6 to bring it back."), "ok")

    def recall(self) -> None:
        self._when_scans_done(self._recall_list)

    def _recall_list(self) -> None:
        if not self._cart_free():
            return
        if not self.cart.is_empty:
            self.warn(self.tr("Finish or park (F5) the current sale first"))
            return
        self.worker.run(self.ctx.checkout.parked, self._show_parked, self._fail, name="parked")

    def _show_parked(self, parked: list[ParkedCart]) -> None:
        from ui.dialogs import RecallDialog

        if not parked:
            self.show_message(self.tr("No parked sales"), "info")
            return
        dialog = RecallDialog(parked, self)
        dialog.recallChosen.connect(self._recall)
        self._open_dialog(dialog)

    def _recall(self, parked_id: str) -> None:
        if not self._cart_free():
            return
        if not self.cart.is_empty:
            self.warn(self.tr("Finish or park (F5) the current sale first"))
            return
        self._cart_busy = "recall"
        checkout = self.ctx.checkout
        self.worker.run(lambda: checkout.recall(parked_id), self._on_recalled,
                        self._on_cart_op_failed, name="recall")

    def _on_recalled(self, cart: Cart) -> None:
        self._cart_busy = ""
        self._held_tenders = []
        self._payment_started = False
        self._approvals = []
        self.model.set_cart(cart)
        last = self.model.rowCount() - 1
        self._select(last)
        self._show_line(last)
        self._update_totals()
        self.show_message(self.tr("Parked sale is back"), "ok")

    def _on_cart_op_failed(self, exc: Exception) -> None:
        self._cart_busy = ""
        self._fail(exc)

    def cancel_sale(self) -> None:
        self._when_scans_done(self._confirm_cancel)

    def _confirm_cancel(self) -> None:
        from ui.dialogs import ConfirmDialog

        if not self._cart_free():
            return
        if self.cart.is_empty:
            self.show_message(self.tr("The cart is already empty"), "info")
            return
        text = self.tr("Take every line off this sale ({total})?").format(
            total=fmt.baht(self.cart.totals().total))
        if self._held_tenders:
            text += "\n" + self.tr("Payments were already taken: give them back to the customer.")
        dialog = ConfirmDialog("confirmCancel", self.tr("Cancel sale (F9)"), text,
                               self.tr("Yes, cancel (Enter)"), self)
        dialog.accepted.connect(self._cancel_asked)
        self._open_dialog(dialog)

    def _cancel_asked(self) -> None:
        """Yes: a cashier needs a manager's PIN to cancel a sale with lines in it (the
        approval goes to the audit log and the journal)."""
        from pos.domain.auth import Action

        if self._needs_approval(Action.CANCEL_SALE):
            totals = self.cart.totals()
            ref = f"{len(self.cart)} lines = {totals.total}"
            QTimer.singleShot(0, lambda: self.ask_approval(
                Action.CANCEL_SALE, ref, lambda _a: self._cancel_confirmed()))
            return
        self._cancel_confirmed()

    def _cancel_confirmed(self) -> None:
        self._start_new_sale()
        self.show_message(self.tr("Sale cancelled"), "info")

    def _start_new_sale(self) -> None:
        self._held_tenders = []
        self._payment_started = False
        self._approvals = []
        self._set_pending_qty(None)
        self.model.set_cart(self.ctx.checkout.new_cart())
        self._show_line(-1)
        self._update_totals()
        self.refocus()

    # --- paying ------------------------------------------------------------------------
    def pay(self) -> None:
        self._when_scans_done(self._open_payment)

    def _open_payment(self) -> None:
        if not self._cart_free() or self._payment is not None:
            return
        if self.cart.is_empty:
            self.warn(self.tr("The cart is empty: scan the products first"))
            return
        if self._shift_open is False and self._dialog is None:
            self.warn(self.tr("No shift is open at this counter: open one first"))
            self.open_shift()
            return
        wanted = self._approval_wanted()
        if wanted is not None:
            action, ref = wanted
            self.ask_approval(action, ref, self._approved_then_pay)
            return
        from pos.domain.payment import settle

        self._payment_started = True
        due = self.cart.totals().total
        held = self._held_tenders
        try:
            settle(due, held)
        except PaymentError:
            held = []
            self.warn(self.tr("The total changed: take the payments again"))
        from ui.payment_dialog import PaymentDialog

        dialog = PaymentDialog(due, self.ctx.settings.promptpay_id, held, self)
        dialog.commitRequested.connect(self._commit)
        dialog.rejected.connect(self._payment_closed)
        self._payment = dialog
        dialog.open()

    def _approval_wanted(self) -> tuple[Action, str] | None:
        """A discount above the limit or a typed price, not approved yet for this sale."""
        from pos.domain.auth import Action
        from pos.domain.sale_rules import discount_over_limit, max_discount_pct, price_overrides

        have = {a.action for a in self._approvals}
        limit = self.settings.discount_limit_pct
        if (discount_over_limit(self.cart, limit) and Action.DISCOUNT_OVER_LIMIT not in have
                and self._needs_approval(Action.DISCOUNT_OVER_LIMIT)):
            return (Action.DISCOUNT_OVER_LIMIT,
                    f"{max_discount_pct(self.cart):.1f}% > {limit}%")
        typed = price_overrides(self.cart, self.settings.vm_layout)
        if (typed and Action.PRICE_OVERRIDE not in have
                and self._needs_approval(Action.PRICE_OVERRIDE)):
            return Action.PRICE_OVERRIDE, ", ".join(typed)[:60]
        return None

    def _approved_then_pay(self, approval: Approval) -> None:
        self._approvals.append(approval)
        QTimer.singleShot(0, self._open_payment)  # after the approval dialog has closed

    def _payment_closed(self) -> None:
        if self._payment is not None:
            self._held_tenders = self._payment.tenders
            self._payment.deleteLater()
            self._payment = None
        if self._held_tenders:
            self.show_message(self.tr("Payments taken so far are kept: F12 to continue"), "info")
        self.refocus()

    def _commit(self, tenders: list[Tender]) -> None:
        dialog = self._payment
        if dialog is None or self._cart_busy:
            return
        dialog.set_committing(True)
        self._cart_busy = "commit"
        cart = copy.deepcopy(self.cart)
        checkout, render, actor = self.ctx.checkout, self.ctx.render_receipt, self.actor
        approvals = list(self._approvals)

        def work() -> tuple[Receipt, str | None]:
            if actor is None:
                raise ShopError("Log in first (Ctrl+F1)", "กรุณาเข้าสู่ระบบก่อน (Ctrl+F1)")
            receipt = checkout.complete(cart, tenders, actor=actor, approvals=approvals)
            try:  # the sale is saved: a preview problem must not look like a failed sale
                text: str | None = render(receipt)
            except Exception:
                log.exception("receipt %s could not be rendered", receipt.receipt_no)
                text = None
            return receipt, text

        self.worker.run(work, self._on_committed, self._on_commit_failed, name="complete")

    def _on_committed(self, outcome: tuple[Receipt, str | None]) -> None:
        receipt, text = outcome
        self._cart_busy = ""
        self._last_receipt = receipt
        if self._payment is not None:
            self._payment.set_committing(False)
            self._payment.accept()
            self._payment.deleteLater()
            self._payment = None
        self._start_new_sale()
        self._show_sale_done(receipt)
        if text is None:
            text = self.tr("Receipt {number} is saved; its preview could not be drawn.").format(
                number=receipt.receipt_no)
        self._show_preview(receipt.receipt_no, text)
        self.refocus()
        self.saleCompleted.emit(receipt)

    def _on_commit_failed(self, exc: Exception) -> None:
        self._cart_busy = ""
        self._approvals = []  # spent or refused: the next try asks the manager again
        QApplication.beep()
        if self._payment is not None:
            self._payment.commit_failed(self._error_text(exc))
        else:
            self._fail(exc)

    def _show_preview(self, receipt_no: str, text: str) -> None:
        if self._preview is None:
            from ui.receipt_preview import ReceiptPreview

            self._preview = ReceiptPreview(self)
            self._preview.finished.connect(lambda _r: self.refocus())
            self._preview.activated.connect(lambda: QTimer.singleShot(0, self.refocus))
        self._preview.show_receipt(receipt_no, text)

    # --- the index ----------------------------------------------------------------------
    def _on_index_loaded(self, index: ProductIndex) -> None:
        self._index = index
        # The catalogue index (hundreds of thousands of objects) lives as long as the till:
        # move it out of the garbage collector's generations, so that a full collection
        # never walks it in the middle of a scan (that walk was the scan latency's p99).
        gc.freeze()
        if self._find is not None:
            self._find.set_index(index)
        self._update_status()
        self.indexLoaded.emit(len(index))

    def _on_index_failed(self, exc: Exception) -> None:
        self._index_error = self._error_text(exc)
        self._update_status()
        self.warn(self.tr("Product search is not available: {reason}").format(
            reason=self._index_error), beep=False)

    # --- messages ----------------------------------------------------------------------
    def _error_text(self, exc: Exception) -> str:
        if isinstance(exc, ShopError):
            return exc.message(self._language)
        return self.bug_text()

    def bug_text(self) -> str:
        """The generic message for an unexpected error (its details go to the log)."""
        return self.tr("Something went wrong (it was logged). The sale is kept: try again, "
                       "or call the supervisor.")

    def report_bug(self) -> None:
        """Tell the cashier about an unexpected error (already logged with its traceback)."""
        self.warn(self.bug_text())

    def _fail(self, exc: Exception) -> None:
        # once the store failed to open, every queued op fails for that one reason
        self.warn(self._open_error or self._error_text(exc))

    def warn(self, text: str, *, beep: bool = True) -> None:
        """A clear, non-blocking error: banner, beep, empty scan field with the focus."""
        self.show_message(text, "error")
        if beep:
            QApplication.beep()
        self.scan_field.clear()
        self.refocus()

    def show_message(self, text: str, kind: str = "info") -> None:
        self._set_banner(text, kind)
        self._banner_timer.start(BANNER_MS.get(kind, 6000))

    def clear_message(self) -> None:
        self._banner_timer.stop()
        self._set_banner("", "none")

    def _set_banner(self, text: str, kind: str) -> None:
        self._banner.setText(text)
        self._banner.setProperty("kind", kind)
        self._banner.style().unpolish(self._banner)
        self._banner.style().polish(self._banner)

    # --- display -----------------------------------------------------------------------
    def _update_totals(self) -> None:
        totals = self.cart.totals()
        self.total_label.setText(fmt.baht(totals.total))
        items = fmt.item_count(self.cart.lines)
        self._items_label.setText(
            self.tr("{items} item(s) · {lines} line(s)").format(
                items=f"{items:,.0f}", lines=len(self.cart))
        )
        discount = totals.line_discounts + totals.sale_discount
        self._discount_label.setVisible(bool(discount))
        self._discount_label.setText(
            self.tr("Discounts −{amount}").format(amount=fmt.money(discount)))
        if self.settings.vat_registered:
            self._vat_label.setText(
                self.tr("VAT-able {vatable} · Exempt {exempt} · VAT {rate}% {vat}").format(
                    vatable=fmt.money(totals.vatable), exempt=fmt.money(totals.exempt),
                    rate=f"{self.cart.vat_rate:g}", vat=fmt.money(totals.vat))
            )
        else:
            self._vat_label.setText(self.tr("Not VAT registered: no VAT on the receipt"))
        self._buttons["pay"].setEnabled(not self.cart.is_empty)

    def _show_line(self, row: int) -> None:
        self._change_label.hide()
        if not 0 <= row < self.model.rowCount():
            self._last_caption.setText(self.tr("Ready for the next customer"))
            self._last_name.setText("")
            self._last_secondary.setText("")
            self._last_detail.setText("")
            self._last_price.setText("")
            return
        line = self.model.line(row)
        p = line.product
        first, second = (p.name_en, p.name_th) if self._language == "en" else (p.name_th, p.name_en)
        self._last_caption.setText(self.tr("Line {n}").format(n=row + 1))
        self._last_name.setText(first)
        self._last_secondary.setText(second)
        unit = p.unit_en if self._language == "en" else p.unit_th
        detail = f"{fmt.line_quantity(line)} {unit} × {fmt.money(line.unit_price)}"
        if line.discount is not None:
            detail += "  " + self.tr("discount −{amount}").format(
                amount=fmt.money(line.discount_amount))
        if p.vat_exempt:
            detail += "  · " + self.tr("VAT exempt")
        self._last_detail.setText(detail)
        self._last_price.setText(fmt.baht(line.net))

    def _show_sale_done(self, receipt: Receipt) -> None:
        self._last_caption.setText(self.tr("Sale {number} saved").format(
            number=receipt.receipt_no))
        self._last_name.setText(self.tr("Total {amount}").format(amount=fmt.baht(receipt.total)))
        self._last_secondary.setText("")
        self._last_detail.setText("")
        self._last_price.setText("")
        if receipt.change:
            self._change_label.setText(self.tr("Change {amount}").format(
                amount=fmt.baht(receipt.change)))
            self._change_label.show()
        self.show_message(self.tr("Sale {number} saved").format(number=receipt.receipt_no), "ok")

    def _update_status(self) -> None:
        if self._ctx is not None:
            t = self._ctx.terminal
            self._status_terminal.setText(self.tr("Terminal: {name} ({prefix})").format(
                name=t.name, prefix=t.receipt_prefix))
            self._status_store.setText(self._ctx.store_label)
        else:
            self._status_terminal.setText("")
            self._status_store.setText(self.tr("Store not open") if self._open_error
                                       else self.tr("Opening the store…"))
        if self._index is not None:
            self._status_catalogue.setText(self.tr("Catalogue: {count} products").format(
                count=f"{len(self._index):,}"))
        elif self._index_error:
            self._status_catalogue.setText(self.tr("Catalogue: not available"))
        else:
            self._status_catalogue.setText(self.tr("Loading catalogue…"))
        if self.actor is not None:
            shift = {True: self.tr("shift open"), False: self.tr("no shift open"),
                     None: ""}[self._shift_open]
            self._cashier_label.setText(" · ".join(
                t for t in (self.tr("Cashier: {name}").format(name=self.actor.display_name),
                            shift) if t))
        else:
            self._cashier_label.setText(self.tr("Logged out") if self._locked else "")
        self._status_language.setText(self.tr("Language: {name}").format(
            name="ไทย" if self._language == "th" else "English"))

    def _on_busy(self, busy: bool) -> None:
        self._status_busy.setText(self.tr("working…") if busy else "")

    def _tick(self) -> None:
        now = datetime.now(UTC)
        at = shop_time.local(now)
        year = shop_time.year_for(at.year, self._language)
        self._clock_label.setText(f"{at:%d/%m}/{year}  {at:%H:%M}")

    # --- focus -------------------------------------------------------------------------
    def refocus(self) -> None:
        """Give the keyboard back to the scan field (after dialogs and clicks)."""
        if self._closing or not self.isVisible():
            return
        if self._locked:
            if QApplication.activeModalWidget() is None:
                self.login_page.focus_field()
            return
        if QApplication.activeModalWidget() is None:
            if not self.isActiveWindow():
                self.activateWindow()  # e.g. a dialog just closed, or the preview was clicked
            self.scan_field.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if self._closing or new is None or new is self.scan_field or self._locked:
            return
        # the receipt preview must never keep the keyboard: a scanner would type into it
        if new.window() is self or new.window() is self._preview:
            QTimer.singleShot(0, self.refocus)

    def _open_dialog(self, dialog: Any) -> None:
        self._dialog = dialog
        dialog.finished.connect(lambda _r: self._dialog_closed(dialog))
        dialog.open()

    def _dialog_closed(self, dialog: Any) -> None:
        if self._dialog is dialog:
            self._dialog = None
        dialog.deleteLater()
        QTimer.singleShot(0, self.refocus)

    # --- language ----------------------------------------------------------------------
    def retranslateUi(self) -> None:
        s = self.settings
        en = self._language == "en"
        self.setWindowTitle(self.tr("OTOP POS — till"))
        self._shop_title.setText(s.shop_name_en if en else s.shop_name_th)
        if self._ctx is not None:
            self._shop_subtitle.setText(self.tr("{terminal} · receipts {prefix}").format(
                terminal=self._ctx.terminal.name, prefix=self._ctx.terminal.receipt_prefix))
        else:
            self._shop_subtitle.setText("")
        self._language_button.setText("ไทย" if en else "English")
        self._language_button.setToolTip(self.tr("Switch language (Ctrl+L)"))
        self._scan_caption.setText(
            self.tr("Scan a barcode or type a code, then Enter  ·  3*code = 3 pieces"))
        self.scan_field.setPlaceholderText(self.tr("Scan here…"))
        self._total_caption.setText(self.tr("TOTAL"))
        labels = {
            "help": ("F1", self.tr("Help")),
            "find": ("F2", self.tr("Find")),
            "quantity": ("F3", self.tr("Quantity")),
            "discount": ("F4", self.tr("Discount")),
            "park": ("F5", self.tr("Park")),
            "recall": ("F6", self.tr("Recall")),
            "basket": ("F7", self.tr("Basket")),
            "plus": ("+", self.tr("One more")),
            "minus": ("−", self.tr("One less")),
            "remove": ("F8", self.tr("Remove line")),
            "cancel": ("F9", self.tr("Cancel sale")),
            "pay": ("F12", self.tr("PAY")),
        }
        for name, (key, text) in labels.items():
            self._buttons[name].setText(f"{key}\n{text}")
            self.actions_by_name[name].setText(text)
        self.actions_by_name["language"].setText(self.tr("Switch language"))
        self.actions_by_name["printer"].setText(self.tr("Printer setup"))
        self.actions_by_name["tax_invoice"].setText(self.tr("Tax invoice"))
        self.actions_by_name["price"].setText(self.tr("Price of the line (Ctrl+U)"))
        for name, text in (("logout", self.tr("Switch cashier / log out (Ctrl+F1)")),
                           ("open_shift", self.tr("Open shift")),
                           ("paid_in", self.tr("Paid in (Ctrl+I)")),
                           ("paid_out", self.tr("Paid out (Ctrl+O)")),
                           ("x_report", self.tr("X report (F10)")),
                           ("close_shift", self.tr("Close shift (F11)")),
                           ("refund", self.tr("Refund (Ctrl+R)"))):
            self.actions_by_name[name].setText(text)
        self._shift_button.setText(self.tr("Shift"))
        self._logout_button.setText(self.tr("Log out"))
        self._logout_button.setToolTip(self.tr("Switch cashier / log out (Ctrl+F1)"))
        if self._login_page is not None:
            self._login_page.retranslateUi()
        self.printer_status.retranslateUi()
        self._update_totals()
        self._update_status()
        self._tick()
        row = self.selected_row()
        self._show_line(row if row >= 0 else -1)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    # --- closing -----------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        if self._closing:
            super().closeEvent(event)
            return
        self._closing = True
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.disconnect(self._on_focus_changed)
        self._clock.stop()
        self.worker.shutdown()
        self.loader.shutdown()
        self.printer_status.detach()
        self.sync_status.shutdown()
        if self._preview is not None:
            self._preview.close()
        if self._dialog is not None:  # e.g. the open-shift dialog after a log-in
            self._dialog.hide()
        super().closeEvent(event)

