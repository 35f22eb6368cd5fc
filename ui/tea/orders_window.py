"""The tea counter's orders: today's NEW and READY orders, "ready" (Enter), collected, reprint;
it polls the store, so the till and the tea counter's terminal agree."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from pos.domain.bilingual import pick
from pos.domain.errors import ShopError, shop_error
from ui import format as fmt
from ui import i18n, style
from ui.worker import Worker

if TYPE_CHECKING:
    from pos.domain.auth import Actor
    from pos.ports.tea import TeaOrderView
    from pos.services.auth import Auth
    from pos.services.tea import TeaCorner

POLL_MS = 2_000  # how often the window reads the orders again
NEW, READY = "new", "ready"
SHOWN = (NEW, READY)

WINDOW_STYLE = f"""
#teaOrdersWindow {{ background: {style.SURFACE}; }}
#teaOrdersWindow QScrollArea, #teaOrdersWindow QScrollArea > QWidget > QWidget {{
    background: transparent;
}}
#teaColumnTitle {{ font-size: 22px; font-weight: bold; color: {style.PURPLE}; }}
#teaOrderCard {{ background: white; border: 3px solid #d9cfe3; border-radius: 14px; }}
#teaOrderCard[status="ready"] {{ background: {style.GREEN_SOFT}; border-color: {style.GREEN}; }}
#teaOrderCard[current="true"] {{ border-color: {style.GOLD}; border-width: 5px; }}
#teaOrderNumber {{ font-size: 44px; font-weight: bold; color: {style.PURPLE}; }}
#teaOrderTime {{ font-size: 15px; color: {style.MUTED}; }}
#teaOrderDrinks {{ font-size: 18px; color: {style.INK}; }}
#teaOrdersWindow QPushButton {{
    min-height: 56px; font-size: 18px; padding: 4px 14px; border-radius: 10px;
    border: 2px solid #cbb9da; background: white; color: {style.PURPLE_DARK};
}}
#teaOrdersWindow QPushButton[main="true"] {{
    min-height: 64px; font-size: 22px; font-weight: bold;
    background: {style.GOLD}; border-color: #a8861c;
}}
#teaOrdersMessage {{ font-size: 16px; color: {style.RED}; }}
#teaOrdersEmpty {{ font-size: 18px; color: {style.MUTED}; }}
"""


def _status(order: TeaOrderView) -> str:
    return str(order.status)


def drink_lines(order: TeaOrderView, language: str) -> list[str]:
    """Each drink of the order as the tea counter reads it: "2 × name · its options"."""
    out = []
    for line in order.lines:
        if line.open_quantity <= 0:  # refunded or cancelled: nothing to make
            continue
        name = pick(language, line.name_th, line.name_en) or line.name_th
        detail = pick(language, line.detail_th, line.detail_en) or line.detail_th
        qty = fmt.quantity(line.open_quantity, False)
        out.append(f"{qty} × {name}" + (f"  ·  {detail}" if detail else ""))
    return out


class OrderCard(QFrame):
    """One order: its number, time, drinks, and its keys."""

    stepAsked = Signal(int)  # the order's number: ready (NEW) or collected (READY)
    reprintAsked = Signal(int)

    def __init__(self, order: TeaOrderView, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("teaOrderCard")
        self.order = order
        self.status = _status(order)
        self.setProperty("status", self.status)
        self.setProperty("current", "false")
        layout = QVBoxLayout(self)
        head = QHBoxLayout()
        self.number = style.named(QLabel(str(order.number)), "teaOrderNumber")
        head.addWidget(self.number)
        head.addStretch(1)
        self.time = style.named(QLabel(fmt.local_time(order.created_at)), "teaOrderTime")
        head.addWidget(self.time)
        layout.addLayout(head)
        self.drinks = style.named(QLabel(), "teaOrderDrinks")
        self.drinks.setWordWrap(True)
        layout.addWidget(self.drinks)
        keys = QHBoxLayout()
        self.step_button = style.button(f"teaStep_{order.number}")
        self.step_button.setProperty("main", "true")
        self.step_button.clicked.connect(lambda: self.stepAsked.emit(order.number))
        self.reprint_button = style.button(f"teaReprint_{order.number}")
        self.reprint_button.clicked.connect(lambda: self.reprintAsked.emit(order.number))
        keys.addWidget(self.step_button, 2)
        keys.addWidget(self.reprint_button, 1)
        layout.addLayout(keys)
        self.retranslate(language)

    def retranslate(self, language: str) -> None:
        self.drinks.setText("\n".join(drink_lines(self.order, language)))
        if self.status == NEW:
            self.step_button.setText(self.tr("Ready (Enter)"))
        else:
            self.step_button.setText(self.tr("Collected (Enter)"))
        self.reprint_button.setText(self.tr("Reprint ticket"))

    def set_current(self, current: bool) -> None:
        self.setProperty("current", "true" if current else "false")
        self.style().unpolish(self)
        self.style().polish(self)


class TeaOrdersWindow(QWidget):
    """Today's orders in two columns, NEW and READY; the keyboard moves over the orders
    (arrows), Enter takes the selected one a step on, Ctrl+P reprints its tickets."""

    refreshed = Signal()  # the orders were read again (tests)

    def __init__(
        self,
        tea: TeaCorner,
        actor: Callable[[], Actor | None],
        language: str = "th",
        parent: QWidget | None = None,
        *,
        poll_ms: int = POLL_MS,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("teaOrdersWindow")
        self.setStyleSheet(style.STYLE_SHEET + WINDOW_STYLE)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.tea = tea
        self._actor = actor
        self.language = language
        self.orders: list[TeaOrderView] = []
        self._seen: tuple[object, ...] | None = None
        self.cards: list[OrderCard] = []
        self.selected: int | None = None  # the selected order's number
        self.worker = Worker(self)
        self._reading = False
        self._closing = False
        self._build()
        self.resize(1280, 720)
        self.retranslateUi()
        self._timer = QTimer(self)
        self._timer.setInterval(poll_ms)
        self._timer.timeout.connect(self.reload)
        self._timer.start()
        self.reload()

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        self.title = style.named(QLabel(), "dialogTitle")
        outer.addWidget(self.title)
        self.message = style.named(QLabel(), "teaOrdersMessage")
        self.message.setWordWrap(True)
        outer.addWidget(self.message)
        columns = QHBoxLayout()
        self.column_titles: dict[str, QLabel] = {}
        self.column_boxes: dict[str, QVBoxLayout] = {}
        for status in SHOWN:
            column = QVBoxLayout()
            title = style.named(QLabel(), "teaColumnTitle")
            self.column_titles[status] = title
            column.addWidget(title)
            inner = QWidget()
            box = QVBoxLayout(inner)
            box.addStretch(1)
            self.column_boxes[status] = box
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            scroll.setWidget(inner)
            column.addWidget(scroll, 1)
            columns.addLayout(column, 1)
        outer.addLayout(columns, 1)
        self.scrolls = self.findChildren(QScrollArea)

    # --- reading the orders ---------------------------------------------------------------
    def reload(self) -> None:
        """Read today's orders on the window's worker (at most one read at a time)."""
        if self._reading or self._closing:
            return
        self._reading = True
        self.worker.run(self.tea.orders, self._loaded, self._read_failed, name="tea_orders")

    def _read_failed(self, exc: Exception) -> None:
        self._reading = False
        self._show_error(exc)

    def _loaded(self, orders: Sequence[TeaOrderView]) -> None:
        self._reading = False
        shown = [o for o in orders if _status(o) in SHOWN]
        seen = tuple(
            (o.number, _status(o), tuple(ln.open_quantity for ln in o.lines)) for o in shown
        )
        if seen != self._seen:
            self._seen = seen
            self.orders = shown
            self._rebuild()
        self.refreshed.emit()

    def _rebuild(self) -> None:
        for card in self.cards:
            card.hide()
            card.deleteLater()
        self.cards = []
        for status in SHOWN:
            box = self.column_boxes[status]
            for order in self.orders:
                if _status(order) == status:
                    card = OrderCard(order, self.language)
                    card.stepAsked.connect(self.step)
                    card.reprintAsked.connect(self.reprint)
                    box.insertWidget(box.count() - 1, card)
                    self.cards.append(card)
        numbers = [c.order.number for c in self.cards]
        if self.selected not in numbers:
            self.selected = numbers[0] if numbers else None
        self._show_selection()
        self.retranslateUi()

    def _show_selection(self) -> None:
        for card in self.cards:
            card.set_current(card.order.number == self.selected)
            if card.order.number == self.selected:
                for scroll in self.scrolls:
                    inner = scroll.widget()
                    if inner is not None and inner.isAncestorOf(card):
                        scroll.ensureWidgetVisible(card)

    def card(self, number: int) -> OrderCard | None:
        return next((c for c in self.cards if c.order.number == number), None)

    def numbers(self, status: str) -> list[int]:
        """The order numbers shown in a column ("new" or "ready"), top to bottom."""
        return [c.order.number for c in self.cards if c.status == status]

    # --- the keys -------------------------------------------------------------------------
    def step(self, number: int) -> None:
        """NEW: the drinks are ready (the customer display calls the number); READY: the
        customer took them."""
        card = self.card(number)
        actor = self._actor()
        if card is None or actor is None:
            if actor is None:
                self._nobody()
            return
        if card.status == NEW:
            work: Callable[[], object] = lambda: self.tea.mark_ready(number, actor)  # noqa: E731
        else:
            work = lambda: self.tea.mark_collected(number, actor)  # noqa: E731
        self.selected = number
        self.worker.run(work, lambda _r: self._done(), self._show_error, name="tea_step")

    def reprint(self, number: int) -> None:
        actor = self._actor()
        if actor is None:
            self._nobody()
            return
        self.worker.run(lambda: self.tea.reprint(number, actor),
                        lambda _r: self._reprinted(number), self._show_error,
                        name="tea_reprint")  # fmt: skip

    def _nobody(self) -> None:
        self.message.setText(self.tr("Log in at the till first"))

    def _reprinted(self, number: int) -> None:
        self.message.setText(
            self.tr("Order {number}: its tickets are printed again").format(number=number)
        )

    def _done(self) -> None:
        self.message.clear()
        self.reload()

    def _show_error(self, exc: Exception) -> None:
        known = shop_error(exc)
        if known is not None:
            self.message.setText(known.message(self.language))
        else:
            self.message.setText(self.tr("Something went wrong (it was logged)."))

    def _move(self, key: int) -> None:
        if not self.cards:
            return
        numbers = [c.order.number for c in self.cards]
        current = self.card(self.selected) if self.selected is not None else None
        if current is None:
            self.selected = numbers[0]
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            column = self.numbers(current.status)
            i = column.index(current.order.number) + (1 if key == Qt.Key.Key_Down else -1)
            if 0 <= i < len(column):
                self.selected = column[i]
        else:
            other = self.numbers(READY if key == Qt.Key.Key_Right else NEW)
            if other:
                self.selected = other[0]
        self._show_selection()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Right):
            self._move(key)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.selected is not None:
                self.step(self.selected)
        elif (
            key == Qt.Key.Key_P
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
            and self.selected is not None
        ):
            self.reprint(self.selected)
        elif key == Qt.Key.Key_F5:
            self.reload()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    # --- language, closing ------------------------------------------------------------------
    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Tea corner: orders"))
        self.title.setText(
            self.tr("Today's orders: arrows choose, Enter = next step, Ctrl+P = reprint")
        )
        self.column_titles[NEW].setText(
            self.tr("New ({count})").format(count=len(self.numbers(NEW)))
        )
        self.column_titles[READY].setText(
            self.tr("Ready ({count})").format(count=len(self.numbers(READY)))
        )
        for card in self.cards:
            card.retranslate(self.language)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.language = i18n.current_language()
            self.retranslateUi()
        super().changeEvent(event)

    def shutdown(self) -> None:
        self._closing = True
        self._timer.stop()
        self.worker.shutdown()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.parent() is None:  # its own process: the worker goes with the window
            self.shutdown()
        else:  # beside the till: hidden, polling stops until it is shown again
            self._timer.stop()
        super().closeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        if not self._closing and not self._timer.isActive():
            self._timer.start()
            self.reload()
        super().showEvent(event)
        self.setFocus(Qt.FocusReason.OtherFocusReason)


class TeaLoginDialog(QDialog):
    """Whoever works the tea counter logs in (user name and PIN) before its orders open."""

    def __init__(self, auth: Auth, language: str = "th", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("teaLogin")
        self.auth = auth
        self.language = language
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("Tea corner: log in"))
        self.setStyleSheet(style.STYLE_SHEET)
        form = QFormLayout(self)
        self.username = style.named(QLineEdit(), "teaLoginUser")
        self.pin = style.named(QLineEdit(), "teaLoginPin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.username.returnPressed.connect(self.pin.setFocus)
        self.pin.returnPressed.connect(self.try_login)
        self.error = style.named(QLabel(), "teaLoginError")
        self.error.setWordWrap(True)
        form.addRow(self.tr("User"), self.username)
        form.addRow(self.tr("PIN"), self.pin)
        form.addRow(self.error)
        self.username.setFocus()

    def try_login(self) -> None:
        try:
            actor = self.auth.login(self.username.text().strip(), self.pin.text())
        except ShopError as exc:
            self.error.setText(exc.message(self.language))
            self.pin.clear()
            self.pin.setFocus()
            return
        self.actor = actor
        self.accept()


def run_tea_orders(tea: TeaCorner, auth: Auth, *, language: str = "th") -> int:
    """`otop-pos tea orders`: a log-in, then the window on a dedicated tea-counter terminal
    until it is closed (the caller made the QApplication)."""
    from PySide6.QtWidgets import QApplication

    i18n.install_language(language)
    login = TeaLoginDialog(auth, language)
    if login.exec() != QDialog.DialogCode.Accepted or login.actor is None:
        return 1
    actor = login.actor
    window = TeaOrdersWindow(tea, lambda: actor, language)
    window.show()
    app = QApplication.instance()
    return int(app.exec() if isinstance(app, QApplication) else 0)
