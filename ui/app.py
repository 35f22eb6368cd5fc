"""Starting the till: the QApplication, fonts, translations, the window, and --self-test."""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import socket
import sys
import time
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QEventLoop, QSocketNotifier, QTimer
from PySide6.QtGui import QSessionManager
from PySide6.QtWidgets import QApplication

from pos.domain.settings import Settings
from pos.services.till import TillContext
from ui import i18n, style
from ui.till.window import ContextFactory, TillWindow

log = logging.getLogger(__name__)

SELF_TEST_TIMEOUT_S = 20.0


def ensure_app() -> QApplication:
    """The running QApplication, created (with the bundled font) if there is none yet."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
        app.setApplicationName("OTOP POS")
        app.setOrganizationName("OTOP POS")
    assert isinstance(app, QApplication)
    if not style.register_fonts():
        log.error("OTOP Sans is missing: Thai text may show as boxes")
    style.apply_app_font(app)
    return app


def create_till_window(
    ctx: TillContext | ContextFactory,
    language: str | None = None,
    *,
    settings: Settings | None = None,
) -> TillWindow:
    """A till window (not shown) on `ctx`, or on a factory that opens the store.

    On an open store it starts loading the product index at once. With a factory (which
    needs the `settings`), the factory runs on the window's worker first; scans typed
    meanwhile wait for it, in order.
    """
    ensure_app()
    if isinstance(ctx, TillContext):
        settings = ctx.settings
    lang = language or (settings.language if settings is not None else "th")
    i18n.install_language(lang)
    return TillWindow(ctx, language=lang, settings=settings)


def run_till(
    ctx: TillContext | ContextFactory,
    *,
    settings: Settings | None = None,
    self_test: bool = False,
    language: str = "th",
) -> int:
    """Open the till; with `self_test`, prove it starts and scans on the demo store, then exit.

    `ctx` may be a factory (with `settings`): the window shows at once and the factory opens
    the store on the window's worker (see `TillWindow`), so the database layer is imported
    behind a window that already takes scans.
    """
    if self_test and QApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = ensure_app()
    if not i18n.install_language(language):
        log.info("no translation for %r: showing the English source texts", language)
    window = TillWindow(ctx, language=language, settings=settings)
    if self_test:
        try:
            return _self_test(window)
        finally:
            window.close()
    previous = sys.excepthook
    sys.excepthook = _excepthook(window)
    restore = _keep_cart_on_exit(app, window)
    try:
        window.showMaximized()
        window.refocus()
        return int(app.exec())
    finally:
        restore()
        sys.excepthook = previous


def _keep_cart_on_exit(app: QApplication, window: TillWindow) -> Callable[[], None]:
    """However the till is told to stop, the cart is parked first (the window's close does it).

    SIGTERM closes the window as its close button does and exits 0 (Python runs a signal's
    handler only between bytecodes, so the signal wakes the Qt loop through a socket); the
    desktop session ending (commitDataRequest) parks the cart; a quit that skips the window
    (aboutToQuit) closes it first. Returns what puts the previous signal handling back.
    """

    def terminate() -> None:
        log.info("SIGTERM: closing the till (a sale in the cart is parked first)")
        if window.close():
            app.exit(0)
        # else the window says why it stays open (the cart could not be parked)

    def commit_data(manager: QSessionManager) -> None:
        if not window.login.keep_cart() and manager.allowsInteraction():
            manager.cancel()  # the window says why; the session is asked not to end

    app.commitDataRequest.connect(commit_data)
    app.aboutToQuit.connect(window.close)
    undo: list[Callable[[], object]] = [
        lambda: app.commitDataRequest.disconnect(commit_data),
        lambda: app.aboutToQuit.disconnect(window.close),
    ]
    try:
        reader, writer = socket.socketpair()
    except OSError:  # pragma: no cover - no sockets at all
        log.warning("no socket pair: SIGTERM ends the till without parking its cart")
    else:
        for end in (reader, writer):
            end.setblocking(False)
        notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, app)

        def woken() -> None:
            with contextlib.suppress(OSError):
                reader.recv(64)

        def on_sigterm(_signum: int, _frame: object) -> None:
            QTimer.singleShot(0, terminate)  # inside the Qt loop, not inside this handler

        notifier.activated.connect(woken)
        previous_fd = signal.set_wakeup_fd(writer.fileno())
        previous_handler = signal.signal(signal.SIGTERM, on_sigterm)

        def restore_signals() -> None:
            signal.signal(signal.SIGTERM, signal.SIG_DFL if previous_handler is None
                          else previous_handler)
            signal.set_wakeup_fd(previous_fd)
            notifier.setEnabled(False)
            notifier.deleteLater()
            reader.close()
            writer.close()

        undo.append(restore_signals)

    def restore() -> None:
        for step in reversed(undo):
            with contextlib.suppress(RuntimeError, TypeError):
                step()

    return restore


def _excepthook(
    window: TillWindow,
) -> Callable[[type[BaseException], BaseException, TracebackType | None], None]:
    """A bug in a slot is logged with its traceback and shown as a generic message."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        log.error("unexpected error:\n%s", "".join(traceback.format_exception(kind, exc, tb)))
        with contextlib.suppress(Exception):  # the window itself may be what is broken
            window.report_bug()

    return hook


def _wait(condition: Callable[[], bool], timeout_s: float) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        if condition():
            return True
        time.sleep(0.005)
    return condition()


def _self_test(window: TillWindow) -> int:
    def fail(reason: str) -> int:
        print(f"self-test FAILED: {reason}", file=sys.stderr)
        return 1

    window.show()
    if not _wait(lambda: window.index is not None or bool(window.index_error),
                 SELF_TEST_TIMEOUT_S):
        return fail(f"the product index did not load within {SELF_TEST_TIMEOUT_S:.0f} s")
    if window.store_error:
        return fail(window.store_error)
    index = window.index
    if index is None:
        return fail(f"the product index could not be loaded: {window.index_error}")
    if len(index) == 0:
        return fail("the catalogue is empty")
    if window.locked:  # the demo store's cashier logs in (README: cashier, PIN 1111)
        window.log_in("cashier", "1111")
        if not _wait(lambda: not window.locked or bool(window.login_page.message), 30.0):
            return fail("the log-in got no answer within 30 s")
        if window.locked:
            return fail(f"the demo cashier could not log in: {window.login_page.message}")
    if not window.isVisible() or not window.scan_field.isVisible():
        return fail("the till window is not visible")
    # scan a few products of the catalogue (a weighed one refuses a plain scan): any whose
    # name or code has a digit in it
    candidates = {r.product_id: r for d in "0123456789" for r in index.search(d, limit=5)}
    for row in list(candidates.values())[:20]:
        code = row.barcodes.split()[0] if row.barcodes.split() else row.sku
        window.scan_field.setText(code)
        window.scan_field.returnPressed.emit()
        if not _wait(lambda: not window.busy, 10.0):
            return fail("a scan got no answer within 10 s")
        if len(window.cart) == 1:
            break
    else:
        return fail(f"no product of the catalogue could be scanned: {window.message}")
    if window.total_label.text() in ("", "฿0.00"):
        return fail("the total did not update after a scan")
    print("self-test ok")
    return 0
