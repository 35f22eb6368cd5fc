"""The orders window's "Chat" tab: customers' LINE and Facebook conversations and staff replies.

The list shows each conversation (its channel's tag, the customer's name, the last message, the
unread count, bold while unread); the open conversation shows messages in and out with their
time in Bangkok, who wrote ours (a staff member or "bot") and where each of ours stands in the
outbox (pending, sent, held by the month's quota, failed, unknown), with Resend for a failed or
unknown one; the customer's linked orders open in the orders tab. Enter in the reply box sends
(`Chat.staff_reply`), Shift+Enter starts a new line. The store is read on the page's worker
every few seconds, so messages that arrive through the shop server appear by themselves; the
month's messages against the quota show at the top.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from pos.domain.auth import Actor
from pos.domain.channels import Channel
from pos.domain.chat import MAX_TEXT, OutboxStatus
from pos.domain.errors import ShopError
from pos.domain.orders import OrderStatus
from pos.domain.shop_time import local, shop_day
from pos.ports.chat import ChatMessageView, Contact
from ui import i18n, style
from ui.worker import Worker

POLL_MS = 2_500  # how often the tab reads the conversations again
CONTACTS = 100  # conversations listed, the latest first
RESENDABLE = (OutboxStatus.FAILED, OutboxStatus.UNKNOWN)
TAGS = {Channel.LINE: "LINE", Channel.FACEBOOK: "Facebook"}


@dataclass(frozen=True, slots=True)
class LinkedOrder:
    order_no: str
    status: str  # in the user's language


@dataclass(frozen=True, slots=True)
class ChatSnapshot:
    """What one read of the store gives the tab."""

    contacts: list[Contact]
    last: dict[str, str]  # contact id -> the last message's text
    usage: dict[Channel, tuple[int, int | None]]  # used this month, the quota (None: none)
    open_id: str | None = None
    messages: list[ChatMessageView] | None = None  # the open conversation's, oldest first
    orders: list[LinkedOrder] | None = None


class ChatDesk(Protocol):
    """What the tab needs (pos.app.chat_backend.ChatDeskBackend, `Services.chat_desk`)."""

    def conversations(self, limit: int) -> list[Contact]: ...
    def conversation(self, contact_id: str) -> list[ChatMessageView]: ...
    def last_message(self, contact_id: str) -> ChatMessageView | None: ...
    def mark_read(self, contact_id: str) -> None: ...
    def staff_reply(self, contact_id: str, text: str, actor: Actor) -> ChatMessageView: ...
    def usage(self) -> dict[Channel, tuple[int, int | None]]: ...
    def resend(self, message: ChatMessageView, actor: Actor) -> None: ...
    def linked_orders(self, contact_id: str) -> list[tuple[str, OrderStatus]]: ...


def _message(exc: Exception) -> str:
    if isinstance(exc, ShopError):
        return exc.message(i18n.current_language())
    return type(exc).__name__


def _when(at: datetime, today: date) -> str:
    moment = local(at)
    return moment.strftime("%H:%M") if shop_day(at) == today else moment.strftime("%d/%m %H:%M")


def _preview(message: ChatMessageView) -> str:
    """The list's second line: the last message, ours marked with an arrow."""
    text = " ".join(message.text.split())
    if len(text) > 60:
        text = text[:59] + "…"
    return text if message.direction == "in" else f"→ {text}"


def status_text(status: OutboxStatus | None) -> str:
    return {
        None: "",
        OutboxStatus.PENDING: QCoreApplication.translate("ChatPanel", "pending"),
        OutboxStatus.SENT: QCoreApplication.translate("ChatPanel", "sent"),
        OutboxStatus.HELD_QUOTA: QCoreApplication.translate("ChatPanel", "held by quota"),
        OutboxStatus.FAILED: QCoreApplication.translate("ChatPanel", "failed"),
        OutboxStatus.UNKNOWN: QCoreApplication.translate("ChatPanel", "unknown"),
    }[status]


def check_reply(text: str) -> str | None:
    """Why the reply cannot be sent (None: it can)."""
    if not text.strip():
        return QCoreApplication.translate("ChatPanel", "Type a reply first: nothing was sent.")
    if len(text) > MAX_TEXT:
        return QCoreApplication.translate(
            "ChatPanel", "The reply has {n} characters; at most {max} can be sent."
        ).format(n=f"{len(text):,}", max=f"{MAX_TEXT:,}")
    return None


class ChatPanel(QWidget):
    """Conversations on the left, the open one with its reply box and orders on the right."""

    unreadChanged = Signal(int)  # the customers' messages no one has read yet

    def __init__(
        self,
        chat: ChatDesk,
        actor: Actor,
        worker: Worker,
        open_order: Callable[[str], None],
        today: Callable[[], date],
        parent: QWidget | None = None,
        *,
        poll_ms: int = POLL_MS,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("chatPanel")
        self.chat = chat
        self.actor = actor
        self.worker = worker
        self.open_order = open_order
        self.today = today
        self.contacts: list[Contact] = []
        self.last: dict[str, str] = {}
        self.messages: list[ChatMessageView] = []
        self.open_id: str | None = None
        self.snapshot: ChatSnapshot | None = None

        self.usage = style.named(QLabel(), "chatUsage")
        self.list = style.named(QListWidget(), "chatConversations")
        self.list.currentRowChanged.connect(self._picked)
        self.title = style.named(QLabel(), "chatTitle")
        self.title.setWordWrap(True)
        self.view = style.named(QListWidget(), "chatMessages")
        self.view.setWordWrap(True)
        self.view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.resend_button = style.named(QPushButton(), "chatResend")
        self.resend_button.setAutoDefault(True)
        self.resend_button.clicked.connect(self.resend)
        self.resend_button.hide()
        self.reply = style.named(QPlainTextEdit(), "chatReply")
        self.reply.setTabChangesFocus(True)
        self.reply.setFixedHeight(self.reply.fontMetrics().lineSpacing() * 3 + 14)
        self.reply.installEventFilter(self)
        self.reply_caption = QLabel()
        self.reply_caption.setBuddy(self.reply)
        self.send_button = style.named(QPushButton(), "chatSend")
        self.send_button.setAutoDefault(True)
        self.send_button.clicked.connect(self.send)
        self.say_label = style.named(QLabel(), "chatMessage")
        self.say_label.setWordWrap(True)
        self.orders_caption = QLabel()
        self.orders = style.named(QListWidget(), "chatOrders")
        self.orders.setMaximumHeight(90)
        self.orders.itemActivated.connect(self._order_activated)
        self.orders_caption.setBuddy(self.orders)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.title)
        right_layout.addWidget(self.view, 1)
        right_layout.addWidget(self.resend_button)
        right_layout.addWidget(self.reply_caption)
        send_row = QHBoxLayout()
        send_row.addWidget(self.reply, 1)
        send_row.addWidget(self.send_button)
        right_layout.addLayout(send_row)
        right_layout.addWidget(self.say_label)
        right_layout.addWidget(self.orders_caption)
        right_layout.addWidget(self.orders)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.list)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([460, 800])
        layout = QVBoxLayout(self)
        layout.addWidget(self.usage)
        layout.addWidget(splitter, 1)
        self.setFocusProxy(self.list)

        self.poll = QTimer(self)
        self.poll.setInterval(poll_ms)
        self.poll.timeout.connect(self._poll)
        self.poll.start()
        self.retranslateUi()
        self.refresh()

    # --- reading the store ----------------------------------------------------------------
    def _poll(self) -> None:
        if not self.worker.pending and not self.worker.closed:
            self.refresh()

    def refresh(self) -> None:
        """Read the conversations (and the open one) again on the worker."""
        if self.worker.closed:
            return
        open_id, known = self.open_id, dict(self.last)
        stamps = {c.contact_id: c.last_message_at for c in self.contacts}
        self.worker.run(lambda: self._read(open_id, known, stamps), self._show, self._failed,
                        name="chat_read")  # fmt: skip

    def _read(
        self, open_id: str | None, known: dict[str, str], stamps: dict[str, datetime | None]
    ) -> ChatSnapshot:
        """On the worker: the contacts, each one's last message (read again only when it
        changed), the month's usage, and the open conversation with its orders."""
        contacts = self.chat.conversations(CONTACTS)
        last: dict[str, str] = {}
        for c in contacts:
            if c.contact_id in known and stamps.get(c.contact_id) == c.last_message_at:
                last[c.contact_id] = known[c.contact_id]
            else:
                message = self.chat.last_message(c.contact_id)
                last[c.contact_id] = "" if message is None else _preview(message)
        usage = self.chat.usage()
        snapshot = ChatSnapshot(contacts, last, usage)
        if open_id is None:
            return snapshot
        opened = next((c for c in contacts if c.contact_id == open_id), None)
        if opened is not None and opened.unread:
            self.chat.mark_read(open_id)
        messages = self.chat.conversation(open_id)
        lang = i18n.current_language()
        orders = [
            LinkedOrder(no, status.label.pick(lang))
            for no, status in self.chat.linked_orders(open_id)
        ]
        return ChatSnapshot(contacts, last, usage, open_id, messages, orders)

    def _failed(self, exc: Exception) -> None:
        if isValid(self):
            self.say(_message(exc))

    def say(self, text: str) -> None:
        self.say_label.setText(text)

    def _show(self, snapshot: ChatSnapshot) -> None:
        if not isValid(self):
            return
        self.snapshot = snapshot
        self.contacts, self.last = snapshot.contacts, snapshot.last
        self._show_usage(snapshot.usage)
        self._show_list()
        self.unreadChanged.emit(
            sum(c.unread for c in self.contacts if c.contact_id != self.open_id)
        )
        if snapshot.open_id is not None and snapshot.open_id == self.open_id:
            self.messages = snapshot.messages or []
            self._show_conversation(snapshot.orders or [])

    def _show_usage(self, usage: dict[Channel, tuple[int, int | None]]) -> None:
        parts = []
        for channel, (used, quota) in usage.items():
            if quota is None:
                text = self.tr("{channel}: {used} this month")
                parts.append(text.format(channel=TAGS[channel], used=used))
            else:
                text = self.tr("{channel}: {used} / {quota} this month")
                parts.append(text.format(channel=TAGS[channel], used=used, quota=quota))
        self.usage.setText("   ·   ".join(parts))

    def _show_list(self) -> None:
        wanted = self.open_id
        self.list.blockSignals(True)
        try:
            self.list.clear()
            for c in self.contacts:
                item = QListWidgetItem(self._row_text(c))
                item.setData(Qt.ItemDataRole.UserRole, c.contact_id)
                if c.unread and c.contact_id != wanted:
                    font = QFont(item.font())
                    font.setBold(True)
                    item.setFont(font)
                self.list.addItem(item)
                if c.contact_id == wanted:
                    self.list.setCurrentItem(item)
        finally:
            self.list.blockSignals(False)
        if not self.contacts:
            self.title.setText(QCoreApplication.translate("ChatPanel", "No conversations yet."))

    def _row_text(self, c: Contact) -> str:
        tag = TAGS.get(c.channel, c.channel.value)
        last = self.last.get(c.contact_id, "")
        unread = f"  ({c.unread})" if c.unread else ""
        return f"[{tag}] {c.display_name or c.user_id[:12]}{unread}\n{last}"

    def _picked(self, row: int) -> None:
        if not 0 <= row < len(self.contacts):
            return
        self.open_id = self.contacts[row].contact_id
        self.messages = []
        self.view.clear()
        self.orders.clear()
        self.say("")
        self._show_title()
        self.refresh()

    def _show_title(self) -> None:
        c = self.current()
        if c is None:
            self.title.setText(QCoreApplication.translate("ChatPanel", "Choose a conversation."))
            return
        name = c.display_name or c.user_id
        self.title.setText(f"[{TAGS.get(c.channel, c.channel.value)}] {name}")

    def current(self) -> Contact | None:
        return next((c for c in self.contacts if c.contact_id == self.open_id), None)

    def _show_conversation(self, orders: Sequence[LinkedOrder]) -> None:
        self._show_title()
        today = self.today()
        at_end = self.view.count() == 0 or self.view.currentRow() in (-1, self.view.count() - 1)
        self.view.clear()
        for m in self.messages:
            if m.direction == "in":
                head = _when(m.at, today)
            else:
                who = (
                    QCoreApplication.translate("ChatPanel", "bot")
                    if m.by == "bot"
                    else (m.by or QCoreApplication.translate("ChatPanel", "staff"))
                )
                state = status_text(m.status)
                head = f"{_when(m.at, today)} · {who}" + (f" · {state}" if state else "")
            item = QListWidgetItem(f"{head}\n{m.text}")
            item.setData(Qt.ItemDataRole.UserRole, m.message_id)
            item.setTextAlignment(
                Qt.AlignmentFlag.AlignLeft if m.direction == "in" else Qt.AlignmentFlag.AlignRight
            )
            self.view.addItem(item)
        if at_end and self.view.count():
            self.view.setCurrentRow(self.view.count() - 1)
            self.view.scrollToBottom()
        self.resend_button.setVisible(self._resendable() is not None)
        self.orders.clear()
        for order in orders:
            item = QListWidgetItem(f"{order.order_no} · {order.status}")
            item.setData(Qt.ItemDataRole.UserRole, order.order_no)
            self.orders.addItem(item)
        if not orders:
            self.orders.addItem(
                QCoreApplication.translate("ChatPanel", "No orders linked to this customer.")
            )

    # --- replies ----------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter in the reply box sends; Shift+Enter is a new line."""
        if (
            watched is self.reply
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            self.send()
            return True
        return super().eventFilter(watched, event)

    def send(self) -> None:
        contact_id = self.open_id
        if contact_id is None:
            self.say(QCoreApplication.translate("ChatPanel", "Choose a conversation first."))
            return
        text = self.reply.toPlainText()
        refused = check_reply(text)
        if refused is not None:
            self.say(refused)
            return
        self.send_button.setEnabled(False)
        self.say(QCoreApplication.translate("ChatPanel", "Sending…"))
        self.worker.run(
            lambda: self.chat.staff_reply(contact_id, text, self.actor),
            lambda _view: self._sent(),
            self._not_sent,
            name="chat_reply",
        )

    def _sent(self) -> None:
        if isValid(self):
            self.send_button.setEnabled(True)
            self.reply.clear()
            self.say(QCoreApplication.translate("ChatPanel", "Queued to send."))
            self.refresh()

    def _not_sent(self, exc: Exception) -> None:
        if isValid(self):
            self.send_button.setEnabled(True)
            self.say(
                QCoreApplication.translate("ChatPanel", "Not sent: {reason}").format(
                    reason=_message(exc)
                )
            )

    def _resendable(self) -> ChatMessageView | None:
        """The selected message when it can be resent, else the latest one that can."""
        row = self.view.currentRow()
        if 0 <= row < len(self.messages) and self.messages[row].status in RESENDABLE:
            return self.messages[row]
        return next((m for m in reversed(self.messages) if m.status in RESENDABLE), None)

    def resend(self) -> None:
        message = self._resendable()
        if message is None:
            return
        self.worker.run(
            lambda: self.chat.resend(message, self.actor),
            lambda _none: self._resent(),
            self._not_sent,
            name="chat_resend",
        )

    def _resent(self) -> None:
        if isValid(self):
            self.say(QCoreApplication.translate("ChatPanel", "Queued to send again."))
            self.refresh()

    def _order_activated(self, item: QListWidgetItem) -> None:
        order_no = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(order_no, str) and order_no:
            self.open_order(order_no)

    # --- language -----------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def retranslateUi(self) -> None:
        self.reply_caption.setText(
            QCoreApplication.translate("ChatPanel", "Reply (Enter sends, Shift+Enter: a new line)")
        )
        self.reply.setPlaceholderText(
            QCoreApplication.translate("ChatPanel", "Type a reply to the customer…")
        )
        self.send_button.setText(QCoreApplication.translate("ChatPanel", "Send"))
        self.resend_button.setText(
            QCoreApplication.translate("ChatPanel", "Resend the failed message")
        )
        self.orders_caption.setText(
            QCoreApplication.translate("ChatPanel", "Orders of this customer (Enter opens one)")
        )
        self._show_title()
        if self.snapshot is not None:
            self._show(self.snapshot)

    def shutdown(self) -> None:
        self.poll.stop()


def chat_panel(
    services: object, actor: Actor, worker: Worker, open_order: Callable[[str], None]
) -> ChatPanel | None:
    """The chat tab of the orders page (None: these services have no chat)."""
    chat = getattr(services, "chat_desk", None)
    clock = getattr(services, "clock", None)
    if chat is None or clock is None:
        return None
    return ChatPanel(chat, actor, worker, open_order, lambda: shop_day(clock.now()))


def with_chat_tab(orders: QWidget, panel: ChatPanel | None) -> QWidget:
    """The orders page's body: `orders` alone, or in a tab beside the chat's."""
    if panel is None:
        return orders
    tabs = style.named(ChatTabs(), "ordersTabs")
    # on the left: the orders page's steps use every row of a 768-pixel screen's height
    tabs.setTabPosition(QTabWidget.TabPosition.West)
    tabs.setDocumentMode(True)
    tabs.addTab(orders, "")
    tabs.addTab(panel, "")
    opens = panel.open_order

    def open_order(order_no: str) -> None:
        tabs.setCurrentIndex(0)
        opens(order_no)

    panel.open_order = open_order
    panel.unreadChanged.connect(tabs.show_unread)
    tabs.retranslate()
    return tabs


class ChatTabs(QTabWidget):
    """ "Orders" and "Chat" (แชต), with the unread messages' count."""

    unread = 0

    def show_unread(self, unread: int) -> None:
        self.unread = unread
        self.retranslate()

    def retranslate(self) -> None:
        self.setTabText(0, QCoreApplication.translate("ChatPanel", "Orders"))
        chat = QCoreApplication.translate("ChatPanel", "Chat")
        self.setTabText(1, f"{chat} ({self.unread})" if self.unread else chat)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
