"""The till's end of the customer display: it follows the sale session, puts the window on its
screen, and keeps the till safe from it (a closed window or a lost screen changes nothing)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QApplication, QWidget

from pos.services.customer_display import shown_paid, shown_sale
from pos.services.sale_session import Change

if TYPE_CHECKING:
    from pos.domain.sale import Receipt
    from pos.domain.settings import Settings
    from pos.services.customer_display import Showcase
    from pos.services.till import TillContext
    from ui.customer_display.window import CustomerDisplay
    from ui.till.session_signals import SessionSignals
    from ui.worker import Worker

log = logging.getLogger(__name__)

OFF, WINDOW = "off", "window"
SLIDE_MS = 7_000  # each producer's story stays this long
PAID_MS = 12_000  # "paid, thank you" stays this long (or until the next scan)


class DisplayLink(QObject):
    """Owns the customer display (None while the settings turn it off)."""

    def __init__(self, till: QWidget, signals: SessionSignals, settings: Settings,
                 paying: Callable[[], bool]) -> None:  # fmt: skip
        """`paying`: whether the till's payment dialog is open now."""
        super().__init__(till)
        self._paying_now = paying
        self._till = till
        self._signals = signals
        where = settings.customer_display.strip() or OFF
        self.where = where.lower() if where.lower() in (OFF, WINDOW) else where  # or a screen
        self.language = settings.language
        self.display: CustomerDisplay | None = None
        self.closed_by_user = False
        self.screen_lost = False
        self._paid: Receipt | None = None
        self._slides = QTimer(self)
        self._slides.setInterval(SLIDE_MS)
        self._slides.timeout.connect(self._next_slide)
        self._paid_timer = QTimer(self)
        self._paid_timer.setSingleShot(True)
        self._paid_timer.setInterval(PAID_MS)
        self._paid_timer.timeout.connect(self._paid_over)
        if self.where == OFF:
            return
        from ui.customer_display.window import CustomerDisplay

        self.display = CustomerDisplay(
            settings.promptpay_id,
            (settings.shop_name_th, settings.shop_name_en),
            self.language,
            till,
        )
        self.display.closedByUser.connect(self._closed_by_user)
        self.display.activated.connect(self._give_back)
        signals.changed.connect(self._on_change)
        app = QGuiApplication.instance()
        assert isinstance(app, QGuiApplication)
        app.screenRemoved.connect(self._screen_removed)
        app.screenAdded.connect(self._screen_added)
        till.installEventFilter(self)  # shown with the till, on the till's first Show
        self._refresh()

    @property
    def enabled(self) -> bool:
        return self.display is not None

    @property
    def visible(self) -> bool:
        return self.display is not None and self.display.isVisible()

    # --- following the sale -------------------------------------------------------------
    def _on_change(self, change: Change) -> None:
        session = self._signals.session
        if change is Change.PAYMENT:
            # the payment dialog opens right after the session starts the payment, and closes
            # right after it keeps the payments taken: look once the till is done
            QTimer.singleShot(0, self._refresh)
            return
        next_sale = change is Change.LINES or (change is Change.CART and not session.cart.is_empty)
        if next_sale or (change is Change.OWNER and session.actor is None):
            self._paid = None  # "paid, thank you" stays until the next sale or a log-out
        self._refresh()

    def sale_done(self, receipt: Receipt) -> None:
        """A sale was committed: "paid, thank you" and its change, for a while."""
        if self.display is None:
            return
        self._paid = receipt
        self._paid_timer.start()
        self._refresh()

    def _paid_over(self) -> None:
        self._paid = None
        self._refresh()

    def _refresh(self) -> None:
        if self.display is None:
            return
        if self._paid is not None:
            shown = shown_paid(self._paid)
        else:
            session = self._signals.session
            shown = shown_sale(session, paying=session.payment_started and self._paying_now())
        self.display.show_state(shown)
        idle = shown.screen.value == "idle"
        if idle and not self._slides.isActive():
            self._slides.start()
        elif not idle:
            self._slides.stop()

    def _next_slide(self) -> None:
        if self.visible and self.display is not None:
            self.display.next_slide()

    # --- the stories ----------------------------------------------------------------------
    def store_opened(self, ctx: TillContext, loader: Worker) -> None:
        """Load the slideshow's stories and the products' photos on `loader`."""
        if self.display is None or ctx.load_showcase is None:
            return
        from ui.till.ops import TillOp

        TillOp("load_showcase", ctx.load_showcase).success(self._showcase_loaded).failure(
            lambda exc: log.warning("the customer display's stories: %s", exc)
        ).run(loader)

    def _showcase_loaded(self, showcase: Showcase) -> None:
        if self.display is not None:
            self.display.set_showcase(showcase)

    # --- language ---------------------------------------------------------------------------
    def toggle_language(self) -> str:
        """The display's language switches (the till's stays as it is); returns the new one."""
        self.language = "en" if self.language == "th" else "th"
        if self.display is not None:
            self.display.set_language(self.language)
        return self.language

    # --- where it is shown --------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._till and event.type() == QEvent.Type.Show:
            self._till.removeEventFilter(self)
            QTimer.singleShot(0, self.place)  # after the till is up and has the keyboard
        return False

    def place(self) -> None:
        """Show the display where the settings say: a window, or full-screen on the screen
        of that name (never on the till's own screen, which it would cover)."""
        display = self.display
        if display is None or self.closed_by_user:
            return
        if self.where == WINDOW:
            display.showNormal()
            return
        screen = self._named_screen()
        if screen is None:
            names = ", ".join(s.name() for s in QGuiApplication.screens())
            log.warning("customer display: no screen %r (screens: %s)", self.where, names)
            return
        if screen is self._till.screen():
            log.warning("customer display: screen %r is the till's own screen", self.where)
            return
        self.screen_lost = False
        display.setScreen(screen)
        display.setGeometry(screen.geometry())
        display.showFullScreen()

    def _give_back(self) -> None:
        """The display was activated (shown on a platform that ignores WindowDoesNotAcceptFocus,
        or touched): the keyboard goes back to the till, or to the dialog open on it."""
        modal = QApplication.activeModalWidget()
        (modal or self._till).activateWindow()

    def _named_screen(self) -> QScreen | None:
        return next((s for s in QGuiApplication.screens() if s.name() == self.where), None)

    def _screen_removed(self, screen: QScreen) -> None:
        """Unplugged: the display goes before Qt would move it onto the till's screen."""
        display = self.display
        if display is None or self.where == WINDOW or not display.isVisible():
            return
        if screen is display.screen() or screen.name() == self.where:
            self.screen_lost = True
            display.hide()
            log.info("customer display: screen %r is gone", screen.name())

    def _screen_added(self, screen: QScreen) -> None:
        if self.screen_lost and screen.name() == self.where:
            QTimer.singleShot(0, self.place)

    def reopen(self) -> bool:
        """The display closed by hand (or hidden with its lost screen) shown again where the
        settings say, with the sale as it stands now; whether it is on show."""
        display = self.display
        if display is None:
            return False
        self.closed_by_user = False
        self._refresh()  # what it shows is the session's now, not what it showed when closed
        if not display.isVisible():
            self.place()
        self._give_back()  # the till keeps the keyboard
        return display.isVisible()

    def _closed_by_user(self) -> None:
        self.closed_by_user = True
        self._slides.stop()

    def close(self) -> None:
        """The till is closing."""
        self._slides.stop()
        self._paid_timer.stop()
        if self.display is not None:
            self.display.close_quietly()
