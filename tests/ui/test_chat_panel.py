"""The orders window's Chat tab through the real widget on a real SQLite file: conversations
recorded through the chat service, a reply typed and Enter -> an outbox item for that contact,
a message written by another process shown within the tab's refresh, Resend, the customer's
order opened from the chat, and the window on a 1366x768 screen."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QTabWidget
from pytestqt.qtbot import QtBot

from pos.app.bootstrap import Services, Store, open_store
from pos.domain.auth import Actor, Role
from pos.domain.channels import Channel
from pos.domain.chat import InboundEvent, InboundKind, OutboxStatus, Purpose
from pos.domain.orders import OrderLineRequest, PaymentMethod
from pos.domain.settings import Settings
from pos.domain.shop_time import local
from tests.helpers.templates import FreshDatabase
from tests.integration.conftest import build_small_store
from tests.orders.conftest import delivery
from tests.ui.test_fit_screen import fit_problems
from ui import i18n
from ui.backoffice.chat_panel import ChatPanel
from ui.backoffice.orders_page import OrdersPage

ROOT = Path(__file__).resolve().parents[2]
MANAGER = Actor("00000000-0000-4000-8000-000000000009", "manager", "Malee Manager", Role.MANAGER)
LINE_USER = "U4af4980629a1b2c3d4e5f60718293a4b"
FB_USER = "7788990011223344"
CHILD = """
import sys
from datetime import UTC, datetime
from pos.app.bootstrap import Services, open_store
from pos.domain.channels import Channel
from pos.domain.chat import InboundEvent, InboundKind
from pos.domain.settings import Settings

store = open_store(sys.argv[1], Settings(), create=False, counter=False)
chat = Services(store).chat
event = InboundEvent(Channel.LINE, "child-1", sys.argv[2], InboundKind.TEXT,
                     datetime.now(UTC), text=sys.argv[3])
assert chat.receive([event]) == 1
assert chat.process_pending() == 1
store.close()
"""


@dataclass
class Shop:
    url: str
    store: Store
    services: Services
    page: OrdersPage

    @property
    def panel(self) -> ChatPanel:
        assert self.page.chat_panel is not None
        return self.page.chat_panel


def text_in(
    chat_event_id: str, user: str, text: str, channel: Channel = Channel.LINE
) -> InboundEvent:
    return InboundEvent(
        channel, chat_event_id, user, InboundKind.TEXT, datetime.now(UTC), text=text
    )


@pytest.fixture
def shop(
    qtbot: QtBot,
    fresh_database: FreshDatabase,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Shop]:
    monkeypatch.setenv("OTOP_POS_HOME", str(tmp_path / "home"))
    i18n.install_language("en")
    url = fresh_database("sqlite", "small", build_small_store)
    store = open_store(url, Settings(), counter=False)
    services = Services(store, queue_prints=False)
    chat = services.chat
    # a LINE customer asks staff something (not a command); a Facebook one too, earlier
    assert chat.receive([text_in("fb-1", FB_USER, "Do you ship to Chiang Mai?", Channel.FACEBOOK)])
    assert chat.process_pending() == 1
    assert chat.receive([text_in("line-1", LINE_USER, "ผ้าไหมผืนนี้มีสีแดงไหมคะ 🙏")])
    assert chat.process_pending() == 1
    page = OrdersPage(services, MANAGER)
    qtbot.addWidget(page)
    page.resize(1366, 738)
    page.show()
    qtbot.waitExposed(page)
    try:
        yield Shop(url, store, services, page)
    finally:
        page.shutdown()
        services.close()


def open_chat(qtbot: QtBot, shop: Shop) -> ChatPanel:
    tabs = shop.page.findChild(QTabWidget, "ordersTabs")
    assert tabs is not None
    tabs.setCurrentWidget(shop.panel)
    panel = shop.panel
    qtbot.waitUntil(lambda: panel.list.count() == 2)
    return panel


def contact_of(shop: Shop, user: str) -> str:
    contacts = shop.services.chat.conversations()
    return next(c.contact_id for c in contacts if c.user_id == user)


def row_of(panel: ChatPanel, user_id_part: str) -> int:
    ids = [c.contact_id for c in panel.contacts]
    users = [c.user_id for c in panel.contacts]
    return ids.index(next(i for i, u in zip(ids, users, strict=True) if user_id_part in u))


def test_a_reply_typed_and_entered_goes_to_that_customers_outbox(qtbot: QtBot, shop: Shop) -> None:
    panel = open_chat(qtbot, shop)
    line_row = row_of(panel, LINE_USER)
    item = panel.list.item(line_row)
    assert item.text().startswith("[LINE] ")
    assert "(1)" in item.text().splitlines()[0]  # one unread
    contact = contact_of(shop, LINE_USER)
    log = shop.services.chat.conversation(contact)
    assert log[0].text == "ผ้าไหมผืนนี้มีสีแดงไหมคะ 🙏"
    last = log[-1]  # the customer's message, or the bot's "staff will answer" after it
    arrow = "" if last.direction == "in" else "→ "
    assert item.text().splitlines()[1] == arrow + " ".join(last.text.split())[:60]
    assert QFont(item.font()).bold()
    fb = panel.list.item(1 - line_row)
    assert fb.text().startswith("[Facebook] ")
    assert "LINE: 0 / 300 this month" in panel.usage.text()
    tabs = shop.page.findChild(QTabWidget, "ordersTabs")
    assert tabs is not None
    assert tabs.tabText(1) == "Chat (2)"  # one unread message from each customer

    panel.list.setFocus()
    panel.list.setCurrentRow(line_row)
    qtbot.waitUntil(lambda: panel.view.count() >= 1 and panel.open_id == contact)
    incoming = shop.services.chat.conversation(contact)[0]
    assert panel.view.item(0).text() == (
        f"{local(incoming.at).strftime('%H:%M')}\nผ้าไหมผืนนี้มีสีแดงไหมคะ 🙏"
    )
    qtbot.waitUntil(lambda: not QFont(panel.list.item(row_of(panel, LINE_USER)).font()).bold())
    assert tabs.tabText(1) == "Chat (1)"
    assert (
        next(c for c in shop.services.chat.conversations() if c.contact_id == contact).unread == 0
    )

    # Tab to the reply box: Enter with nothing typed sends nothing
    reply = panel.reply
    reply.setFocus()
    qtbot.keyClick(reply, Qt.Key.Key_Return)
    assert "nothing was sent" in panel.say_label.text()
    qtbot.keyClicks(reply, "Yes, we have red")
    qtbot.keyClick(reply, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)  # a new line
    qtbot.keyClicks(reply, "Price 1,290 baht")
    assert reply.toPlainText() == "Yes, we have red\nPrice 1,290 baht"
    before = len(shop.services.chat.outbox())
    qtbot.keyClick(reply, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: reply.toPlainText() == "")
    items = shop.services.chat.outbox()
    assert len(items) == before + 1
    mine = next(i for i in items if i.purpose is Purpose.STAFF and i.contact_id == contact
                and "Yes, we have red" in str(i.messages))  # fmt: skip
    assert mine.user_id == LINE_USER
    assert mine.status is OutboxStatus.PENDING
    assert "Yes, we have red\\nPrice 1,290 baht" in str(mine.messages).replace("\n", "\\n")
    qtbot.waitUntil(
        lambda: "Malee Manager · pending" in panel.view.item(panel.view.count() - 1).text()
    )

    # too long: refused in the panel, nothing queued
    reply.setPlainText("ก" * 2001)
    reply.setFocus()
    qtbot.keyClick(reply, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(reply, Qt.Key.Key_Return)
    assert "2,001 characters" in panel.say_label.text()
    assert len(shop.services.chat.outbox()) == before + 1


def test_a_message_from_another_process_appears_and_a_failed_one_is_resent(
    qtbot: QtBot, shop: Shop
) -> None:
    panel = open_chat(qtbot, shop)
    panel.list.setCurrentRow(row_of(panel, LINE_USER))
    contact = contact_of(shop, LINE_USER)
    qtbot.waitUntil(lambda: panel.open_id == contact and panel.view.count() >= 1)
    shown = panel.view.count()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-c", CHILD, shop.url, LINE_USER, "ขอบคุณค่ะ จะโอนเงินเย็นนี้"],
                   check=True, env=env, cwd=ROOT, timeout=60)  # fmt: skip
    qtbot.waitUntil(lambda: panel.view.count() > shown, timeout=6000)  # within two refreshes
    assert panel.view.item(panel.view.count() - 1).text().endswith("ขอบคุณค่ะ จะโอนเงินเย็นนี้")

    # a staff message that failed: Resend puts it back in the queue
    view = shop.services.chat_desk.staff_reply(contact, "Sorry, sold out", MANAGER)
    assert view.outbox_id is not None
    with shop.store.uow(write=True) as uow:
        failed = uow.chat.outbox_item(view.outbox_id)
        assert failed is not None
        uow.chat.mark_failed(failed.outbox_id, datetime.now(UTC), "HTTP 400")
        uow.commit()
    qtbot.waitUntil(lambda: panel.resend_button.isVisible(), timeout=6000)
    assert "failed" in panel.view.item(panel.view.count() - 1).text()
    panel.resend_button.setFocus()
    qtbot.keyClick(panel.resend_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not panel.resend_button.isVisible(), timeout=6000)
    with shop.store.uow() as read:
        item = read.chat.outbox_item(failed.outbox_id)
    assert item is not None
    assert item.status is OutboxStatus.PENDING


class Frozen:
    """One instant for everything written (two staff messages in the same second)."""

    def __init__(self) -> None:
        self.at = datetime.now(UTC).replace(microsecond=0)

    def now(self) -> datetime:
        return self.at


def test_of_two_failed_messages_written_at_one_instant_resend_sends_the_chosen_one(
    qtbot: QtBot, shop: Shop
) -> None:
    contact = contact_of(shop, LINE_USER)
    shop.services.chat.clock = Frozen()
    first = shop.services.chat_desk.staff_reply(contact, "Red is sold out", MANAGER)
    second = shop.services.chat_desk.staff_reply(contact, "Blue is in stock", MANAGER)
    assert first.at == second.at
    assert first.outbox_id is not None
    assert second.outbox_id is not None
    assert first.outbox_id != second.outbox_id
    with shop.store.uow(write=True) as uow:
        for view in (first, second):
            uow.chat.mark_failed(str(view.outbox_id), datetime.now(UTC), "HTTP 400")
        uow.commit()
    panel = open_chat(qtbot, shop)
    panel.list.setCurrentRow(row_of(panel, LINE_USER))
    qtbot.waitUntil(lambda: panel.open_id == contact and panel.resend_button.isVisible())
    assert all((m.outbox_id is None) == (m.direction == "in") for m in panel.messages)

    def status(view: object) -> OutboxStatus:
        with shop.store.uow() as read:
            item = read.chat.outbox_item(str(getattr(view, "outbox_id", "")))
        assert item is not None
        return item.status

    for chosen, other in ((second, first), (first, None)):
        row = next(i for i, m in enumerate(panel.messages) if m.outbox_id == chosen.outbox_id)
        panel.view.setCurrentRow(row)
        panel.resend_button.setFocus()
        qtbot.keyClick(panel.resend_button, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda chosen=chosen: status(chosen) is OutboxStatus.PENDING)
        if other is not None:
            assert status(other) is OutboxStatus.FAILED  # the other one is left as it was
    qtbot.waitUntil(lambda: not panel.resend_button.isVisible(), timeout=6000)


def test_the_customers_order_opens_from_the_chat(qtbot: QtBot, shop: Shop) -> None:
    order = shop.services.orders.place(
        "chat-order-1", delivery(), [OrderLineRequest("product", "TEA-001", 2)],
        PaymentMethod.PROMPTPAY,
    )  # fmt: skip
    contact = contact_of(shop, LINE_USER)
    with shop.store.uow(write=True) as uow:
        uow.chat.link_order(order.order_id, contact, datetime.now(UTC))
        uow.commit()
    panel = open_chat(qtbot, shop)
    panel.list.setCurrentRow(row_of(panel, LINE_USER))
    qtbot.waitUntil(
        lambda: panel.orders.count() == 1 and order.order_no in panel.orders.item(0).text()
    )
    panel.orders.setFocus()
    panel.orders.setCurrentRow(0)
    qtbot.keyClick(panel.orders, Qt.Key.Key_Return)
    tabs = shop.page.findChild(QTabWidget, "ordersTabs")
    assert tabs is not None
    assert tabs.currentIndex() == 0
    qtbot.waitUntil(lambda: shop.page.order is not None)
    assert shop.page.order is not None
    assert shop.page.order.order_no == order.order_no


def test_the_orders_window_with_its_chat_tab_fits_1366x768(qtbot: QtBot, shop: Shop) -> None:
    panel = open_chat(qtbot, shop)
    panel.list.setCurrentRow(0)
    qtbot.waitUntil(lambda: panel.view.count() >= 1)
    shop.page.resize(1360, 730)  # its frame and title bar on the screen too
    QApplication.processEvents()
    assert fit_problems("ordersPage", shop.page) == []
    i18n.install_language("th")
    QApplication.processEvents()
    tabs = shop.page.findChild(QTabWidget, "ordersTabs")
    assert tabs is not None
    assert tabs.tabText(1) == "แชต (1)"  # the other customer's message
    assert fit_problems("ordersPage", shop.page) == []
    i18n.install_language("en")
