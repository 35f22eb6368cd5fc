"""The till's main window: the panels, the action table and the flows, over one sale session."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pos.domain.cart import Cart
from pos.domain.errors import shop_error
from pos.domain.settings import Settings
from pos.services.sale_session import SaleSession
from pos.services.till import TillContext
from ui import i18n, style
from ui.cart_model import CartTableModel
from ui.customer_display.link import DisplayLink
from ui.printer_status import PrinterStatusBanner
from ui.till.actions import ActionSet
from ui.till.cart_flow import CartFlow
from ui.till.line_keys import LineKeys
from ui.till.login_flow import LoginFlow
from ui.till.messages import MessageBanner, MessageLevel
from ui.till.panels import HeaderPanel, LastLinePanel, ScanRow, StatusPanel, TotalsPanel, cart_table
from ui.till.payment_flow import PaymentFlow
from ui.till.room_flow import RoomFlow
from ui.till.session_signals import SessionSignals
from ui.till.settings_flow import SettingsFlow
from ui.till.shift_flow import ShiftFlow
from ui.till.store_flow import ContextFactory, StoreFlow
from ui.till.tea_flow import TeaFlow
from ui.till.tools import ToolsFlow
from ui.worker import Worker

# the dialogs, and the domain and services the first frame does not run, are imported where
# they are first used: the till's start imports only what its first frame needs
if TYPE_CHECKING:
    from pos.domain.auth import Actor
    from pos.domain.sale import Receipt
    from pos.services.search import ProductIndex
    from ui.find_dialog import FindDialog
    from ui.login_page import LoginPage
    from ui.payment_dialog import PaymentDialog
    from ui.receipt_preview import ReceiptPreview

__all__ = ["ContextFactory", "TillWindow"]


class TillWindow(QMainWindow):
    """The sale being rung up, its totals, the function keys and the dialogs behind them.

    The sale itself (cart, owner, payments, approvals) is a `SaleSession` that this window
    observes; everything that touches the database runs on the one ordered background worker,
    and the cart is only handed to the worker as a copy.
    """

    saleCompleted = Signal(object)  # Receipt
    indexLoaded = Signal(int)  # catalogue size
    storeOpened = Signal()
    storeFailed = Signal(str)  # the message shown in the window

    def __init__(self, ctx: TillContext | ContextFactory, language: str = "th", *,
                 settings: Settings | None = None) -> None:
        """A till on an open store (`ctx`), or on a factory that opens it.

        With a factory (and the `settings`), the window is usable at once: the factory runs
        first on the ordered worker, scans typed meanwhile queue behind it and are answered
        in order once the store is open; a store that cannot be opened is shown as a message.
        """
        super().__init__()
        self.setObjectName("tillWindow")
        if isinstance(ctx, TillContext):
            self.settings = ctx.settings
        elif settings is None:
            raise TypeError("a TillWindow on a context factory needs the settings")
        else:
            self.settings = settings
        self._language = language
        self._dialog: QDialog | None = None  # the small dialog on screen, if any
        self._closing = False
        self._keeping_cart = False  # a close is parking the cart before it goes on
        self.worker = Worker(self)  # ordered: scans, park, recall and commits
        # the catalogue index (seconds for 100,000 products) loads beside it, read only,
        # so that the first scans of the day are not queued behind it
        self.loader = Worker(self)
        self.session = SaleSession(self.settings)
        self.session_signals = SessionSignals(self.session, self)
        self.model = CartTableModel(self.session.cart, language, self)
        self.customer_display = DisplayLink(self, self.session_signals, self.settings,
                                            self._payment_dialog_open)

        self.setStyleSheet(style.STYLE_SHEET)
        self._build()
        self.store = StoreFlow(self, ctx)
        self.login = LoginFlow(self)
        self.shift = ShiftFlow(self)
        self.lines = LineKeys(self)
        self.carts = CartFlow(self)
        self.payment = PaymentFlow(self)
        self.tools = ToolsFlow(self)
        self.tea = TeaFlow(self)
        self.room_keys = RoomFlow(self)  # the room booking's payment, the room calendar
        self.settings_flow = SettingsFlow(self)  # settings saved in the back office, taken live
        self.action_set = ActionSet(self, self._handler, self._key_layout, self.header.menu)
        self.actions_by_name = self.action_set.actions
        self.header.logout_button.clicked.connect(self.actions_by_name["logout"].trigger)
        self.session_signals.cartReplaced.connect(self._on_cart_replaced)
        self.session_signals.linesChanged.connect(self._on_lines_changed)
        self.session_signals.ownerChanged.connect(self.update_status)
        self.session_signals.shiftChanged.connect(self.update_status)
        self.worker.busyChanged.connect(self.status.show_busy)
        self.saleCompleted.connect(self.customer_display.sale_done)
        self.storeOpened.connect(self._store_opened_for_display)
        self._clock = QTimer(self)
        self._clock.timeout.connect(lambda: self.header.tick(self._language))
        self._clock.start(1000)
        self.retranslateUi()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus_changed)
        self.store.start()
        if self.store_open:  # handed an open store: no storeOpened signal comes
            self._store_opened_for_display()

    def _payment_dialog_open(self) -> bool:
        return self.payment.dialog is not None

    def _store_opened_for_display(self) -> None:
        self.customer_display.store_opened(self.ctx, self.loader)

    def _handler(self, name: str) -> Callable[[], None]:
        """The method an action of the table calls: the window's, or one of its flows'."""
        for owner in (self, self.lines, self.carts, self.payment, self.shift, self.login,
                      self.tools, self.tea, self.room_keys):
            slot = getattr(owner, name, None)
            if callable(slot):
                return slot  # type: ignore[no-any-return]
        raise AttributeError(f"no handler {name!r} for the till's action table")

    # --- building ----------------------------------------------------------------------
    def _build(self) -> None:
        self.setMinimumSize(1280, 720)
        self.header = HeaderPanel()
        self.header.language_button.clicked.connect(self.toggle_language)
        outer = QVBoxLayout()
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        body = QHBoxLayout()
        body.setContentsMargins(14, 12, 14, 8)
        body.setSpacing(14)
        # left: scan field, message banner, printer banner, cart
        left = QVBoxLayout()
        left.setSpacing(8)
        self.scan_row = ScanRow()
        self.scan_field = self.scan_row.field
        left.addWidget(self.scan_row)
        self.banner = MessageBanner()
        left.addWidget(self.banner)
        self.printer_status = PrinterStatusBanner(lambda: self._language, self)
        left.addWidget(self.printer_status)
        self.table = cart_table(self.model)
        left.addWidget(self.table, 1)
        body.addLayout(left, 5)
        # right: total, VAT, last line
        right = QVBoxLayout()
        right.setSpacing(12)
        self.totals = TotalsPanel()
        self.total_label = self.totals.total_label
        right.addWidget(self.totals)
        self.last_line = LastLinePanel()
        right.addWidget(self.last_line, 1)
        right_box = QWidget()
        right_box.setLayout(right)
        right_box.setMinimumWidth(400)
        right_box.setMaximumWidth(620)
        body.addWidget(right_box, 2)
        outer.addLayout(body, 1)
        # the function keys (made from the action table)
        key_bar = style.named(QWidget(), "keyBar")
        self._key_layout = QGridLayout(key_bar)
        self._key_layout.setContentsMargins(14, 4, 14, 10)
        self._key_layout.setHorizontalSpacing(8)
        outer.addWidget(key_bar)
        # the log-in page and the sale share the window below the header; the log-in page is
        # built after the first frame (see LoginFlow.page), which shows the sale's page
        self.pages = QStackedWidget()
        self.till_page = QWidget()
        self.till_page.setLayout(outer)
        self.pages.addWidget(self.till_page)
        central = QWidget()
        page = QVBoxLayout(central)
        page.setContentsMargins(0, 0, 0, 0)
        page.setSpacing(0)
        page.addWidget(self.header)
        page.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self.status = StatusPanel(self.statusBar(), self)
        self.sync_status = self.status.sync

    # --- public state (tests, self-test, benchmarks) -----------------------------------
    @property
    def ctx(self) -> TillContext:
        """The open store's context (only once `store_open`)."""
        return self.store.ctx

    @property
    def store_open(self) -> bool:
        return self.store.context is not None

    @property
    def store_error(self) -> str:
        """Why the store could not be opened ("" while opening or once open)."""
        return self.store.open_error

    @property
    def login_page(self) -> LoginPage:
        return self.login.page

    @property
    def actor(self) -> Actor | None:
        return self.session.actor

    @property
    def shift_open(self) -> bool | None:
        """Whether a shift is open at this counter (None: not known, or no shifts here)."""
        return self.session.shift_open

    @property
    def locked(self) -> bool:
        """True while the log-in page is up (nobody, or a cashier who logged out)."""
        return self.login.locked

    @property
    def cart(self) -> Cart:
        return self.session.cart

    @property
    def language(self) -> str:
        return self._language

    @property
    def index(self) -> ProductIndex | None:
        return self.store.index

    @property
    def index_error(self) -> str:
        """Why the product index could not be loaded ('' if it loaded or is loading)."""
        return self.store.index_error

    @property
    def message(self) -> str:
        """The banner's text ('' when no message is shown)."""
        return str(self.banner.text())

    @property
    def message_kind(self) -> str:
        """'error', 'info', 'ok' (a MessageLevel's value), or '' when no message is shown."""
        level = self.banner.level
        return "" if level is None else level.value

    @property
    def payment_dialog(self) -> PaymentDialog | None:
        return self.payment.dialog

    @property
    def find_dialog(self) -> FindDialog | None:
        return self.tools.find

    @property
    def receipt_preview(self) -> ReceiptPreview | None:
        return self.payment.preview

    @property
    def last_receipt(self) -> Receipt | None:
        return self.payment.last_receipt

    @property
    def busy(self) -> bool:
        """True while the worker has ops whose outcome has not arrived yet."""
        return self.worker.pending > 0

    @property
    def pending_quantity(self) -> int | None:
        return self.lines.pending_qty

    def selected_row(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    # --- what the tests and the self-test drive ------------------------------------------
    def submit_scan(self, text: str) -> None:
        """Look the code up in the worker; the line is added when the answer comes back."""
        self.carts.submit_scan(text)

    def log_in(self, username: str, pin: str) -> None:
        """What typing a user name and PIN on the log-in page does."""
        self.login.log_in(username, pin)

    def pay(self) -> None:
        self.payment.pay()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.scan_field and event.type() == QEvent.Type.Paint:
            self.store.first_frame_painted()
        return super().eventFilter(watched, event)

    # --- the session's changes -----------------------------------------------------------
    def _on_cart_replaced(self) -> None:
        self.model.set_cart(self.session.cart)
        self.lines.set_pending_qty(None)
        self.show_line(-1)
        self.update_totals()

    def _on_lines_changed(self) -> None:
        self.model.refresh()
        self.update_totals()

    def cart_free(self) -> bool:
        """The cart can be changed now: the store is open and no op owns the cart."""
        if self.store.open_error:
            self.warn(self.store.open_error)
            return False
        if self.store.context is None:
            self.show_message(self.tr("One moment: opening the store…"), MessageLevel.INFO)
            return False
        if self.session.busy is not None:
            self.show_message(self.tr("One moment: the sale is being saved…"), MessageLevel.INFO)
            return False
        return True

    # --- messages ----------------------------------------------------------------------
    def error_text(self, exc: Exception) -> str:
        known = shop_error(exc)  # the one classification of every entry point
        if known is not None:
            return known.message(self._language)
        return self.bug_text()

    def bug_text(self) -> str:
        """The generic message for an unexpected error (its details go to the log)."""
        return self.tr("Something went wrong (it was logged). The sale is kept: try again, "
                       "or call the supervisor.")

    def report_bug(self) -> None:
        """Tell the cashier about an unexpected error (already logged with its traceback)."""
        self.warn(self.bug_text())

    def fail(self, exc: Exception) -> None:
        # once the store failed to open, every queued op fails for that one reason
        self.warn(self.store.open_error or self.error_text(exc))

    def warn(self, text: str, *, beep: bool = True) -> None:
        """A clear, non-blocking error: banner, beep, empty scan field with the focus."""
        self.show_message(text, MessageLevel.ERROR)
        if beep:
            QApplication.beep()
        self.scan_field.clear()
        self.refocus()

    def show_message(self, text: str, level: MessageLevel = MessageLevel.INFO) -> None:
        self.banner.show_message(text, level)

    def clear_message(self) -> None:
        self.banner.clear_message()

    # --- display -----------------------------------------------------------------------
    def update_totals(self) -> None:
        self.totals.show_cart(self.cart, self.settings)
        self.action_set.buttons["pay"].setEnabled(not self.cart.is_empty)

    def show_line(self, row: int) -> None:
        if not 0 <= row < self.model.rowCount():
            self.last_line.show_line(0, None, self._language)
            return
        number, basket = self.model.number(row), self.model.basket(row)
        if basket is not None:
            self.last_line.show_basket(number, basket, self.cart.group_lines(basket.group_id),
                                       self._language)
        else:
            self.last_line.show_line(number, self.model.line(row), self._language)

    def select(self, row: int) -> None:
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

    def show_row(self, row: int) -> None:
        """Select `row` and show it in the last-line panel."""
        self.select(row)
        self.show_line(row)

    def update_status(self) -> None:
        self.status.show(self.store.context, self.store, self._language)
        actor = self.session.actor
        if actor is not None:
            shift = {True: self.tr("shift open"), False: self.tr("no shift open"),
                     None: ""}[self.session.shift_open]
            cashier = self.tr("Cashier: {name}").format(name=actor.display_name)
            self.header.cashier_label.setText(" · ".join(t for t in (cashier, shift) if t))
        else:
            self.header.cashier_label.setText(self.tr("Logged out") if self.locked else "")
        self.header.logout_button.setVisible(actor is not None)  # nobody to log out
        self.tools.show_back_office(actor)

    # --- focus and dialogs ---------------------------------------------------------------
    def refocus(self) -> None:
        """Give the keyboard back to the scan field (after dialogs and clicks)."""
        if self._closing or not self.isVisible():
            return
        if self.locked:
            if QApplication.activeModalWidget() is None:
                self.login.page.focus_field()
            return
        if QApplication.activeModalWidget() is None:
            if not self.isActiveWindow():
                self.activateWindow()  # e.g. a dialog just closed, or the preview was clicked
            self.scan_field.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if self._closing or new is None or new is self.scan_field or self.locked:
            return
        # the receipt preview must never keep the keyboard: a scanner would type into it
        if new.window() is self or new.window() is self.payment.preview:
            QTimer.singleShot(0, self.refocus)

    @property
    def dialog_open(self) -> bool:
        return self._dialog is not None

    def open_dialog(self, dialog: QDialog) -> None:
        self._dialog = dialog
        dialog.finished.connect(lambda _r: self._dialog_closed(dialog))
        dialog.open()

    def _dialog_closed(self, dialog: QDialog) -> None:
        if self._dialog is dialog:
            self._dialog = None
        dialog.deleteLater()
        QTimer.singleShot(0, self.refocus)

    # --- language ----------------------------------------------------------------------
    def toggle_language(self) -> None:
        self.set_language("en" if self._language == "th" else "th")

    def toggle_display_language(self) -> None:
        """The customer display's language only (Ctrl+Shift+L); the till's stays."""
        language = self.customer_display.toggle_language()
        if not self.customer_display.enabled:
            self.show_message(self.tr("The customer display is off (setting customer_display)"),
                              MessageLevel.INFO)
        elif language == "en":
            self.show_message(self.tr("Customer display: English"), MessageLevel.INFO)
        else:
            self.show_message(self.tr("Customer display: Thai"), MessageLevel.INFO)

    def show_customer_display(self) -> None:
        """Ctrl+Shift+D (and the menu): the customer display again after it was closed."""
        link = self.customer_display
        if not link.enabled:
            self.show_message(self.tr("The customer display is off (setting customer_display)"),
                              MessageLevel.INFO)
        elif link.reopen():
            self.show_message(self.tr("Customer display shown"), MessageLevel.INFO)
        else:
            self.show_message(self.tr("The customer display's screen is not connected"),
                              MessageLevel.ERROR)
        self.refocus()

    def set_language(self, language: str) -> None:
        i18n.install_language(language)
        self._language = language
        self.model.set_language(language)
        self.retranslateUi()
        for w in (self.tools.find, self.payment.preview, self.payment.dialog, self._dialog):
            retranslate = getattr(w, "retranslateUi", None)
            if callable(retranslate):
                retranslate()
        row = self.selected_row()
        self.show_line(row if row >= 0 else self.model.rowCount() - 1)
        self.refocus()

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("OTOP POS — till"))
        ctx = self.store.context
        self.header.retranslate(self.settings, None if ctx is None else ctx.terminal,
                                self._language)
        self.scan_row.caption.setText(
            self.tr("Scan a barcode or type a code, then Enter  ·  3*code = 3 pieces"))
        self.scan_field.setPlaceholderText(self.tr("Scan here…"))
        self.action_set.retranslate()
        self.login.retranslate()
        self.printer_status.retranslateUi()
        self.update_totals()
        self.update_status()
        self.header.tick(self._language)
        row = self.selected_row()
        self.show_line(row if row >= 0 else -1)

    def use_settings(self, settings: Settings) -> None:
        """Settings the services took (ui.till.settings_flow): the next sale, the header, the
        payment dialog's QR use them; the sale in progress keeps its cart."""
        self.settings = settings
        self.session.settings = settings
        if self.store.context is not None:
            self.store.context.settings = settings
        self.retranslateUi()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    # --- closing -----------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        if self._closing:
            super().closeEvent(event)
            return
        if self._keeping_cart:  # another close (SIGTERM) while this one parks the cart
            event.ignore()
            return
        # the cart is never lost: parked under its owner and committed before the worker
        # stops; if it cannot be, the window stays open with the cart and says why
        self._keeping_cart = True
        try:
            kept = self.login.keep_cart()
        finally:
            self._keeping_cart = False
        if not kept:
            event.ignore()
            return
        self._closing = True
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.disconnect(self._on_focus_changed)
        self._clock.stop()
        self.room_keys.close_calendar()  # its worker ends before the store's engine goes
        self.customer_display.close()
        self.tea.close()
        self.session_signals.stop()
        self.worker.shutdown()
        self.loader.shutdown()
        self.printer_status.detach()
        self.sync_status.shutdown()
        if self.payment.preview is not None:
            self.payment.preview.close()
        if self._dialog is not None:  # e.g. the open-shift dialog after a log-in
            self._dialog.hide()
        super().closeEvent(event)
