"""The shop server's own PostgreSQL role runs chat: it records and handles events, places an
order from chat with its message, and sends the outbox; it may delete nothing of chat's."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ProgrammingError

from db.engine import make_engine
from db.uow import SqlUnitOfWorkFactory
from db.web_role import WEB_ROLE, grant_web_role
from pos.domain.channels import Channel
from pos.domain.chat import ContactRef, InboundEvent, InboundKind, OutboxStatus, Purpose
from pos.domain.orders import OrderLineRequest, PaymentMethod
from pos.services.chat import Chat
from pos.services.chat_outbox import Outbox
from pos.services.orders import Orders
from tests.chat.conftest import SECRETS, Clock, FakeSender, build_chat_store, chat_settings
from tests.helpers.templates import FreshDatabase
from tests.orders.conftest import delivery

pytestmark = pytest.mark.pg


@pytest.fixture
def web_engine(fresh_database: FreshDatabase) -> Iterator[Engine]:
    url = fresh_database("pg", "chat-demo", build_chat_store)
    owner = make_engine(url)
    try:
        grant_web_role(owner)
    finally:
        owner.dispose()
    web_url = make_url(url).set(username=WEB_ROLE, password=None)
    engine = make_engine(web_url.render_as_string(hide_password=False))
    try:
        yield engine
    finally:
        engine.dispose()


def test_the_web_role_runs_chat(web_engine: Engine, clock: Clock) -> None:
    uow = SqlUnitOfWorkFactory(web_engine)
    settings = chat_settings()
    orders = Orders(uow, settings, clock)
    chat = Chat(uow, clock, settings=lambda: settings, products=orders, secrets=SECRETS.get)
    orders.add_placed_hook(chat.order_placed)
    event = InboundEvent(
        Channel.LINE, "01JWEBROLE0000000000000001", "U-web-role", InboundKind.TEXT,
        clock.now(), text="หา ผ้าไหม", reply_token="web-role-reply",
    )  # fmt: skip
    assert chat.receive([event, event]) == 1
    assert chat.process_pending() == 1
    orders.place(
        "web-role-chat-01",
        delivery(),
        [OrderLineRequest("product", "KK-TX-0003", 1)],
        PaymentMethod.PROMPTPAY,
        channel=Channel.LINE,
        contact=ContactRef(Channel.LINE, "U-web-role"),
    )
    sender = FakeSender()
    assert Outbox(uow, {Channel.LINE: sender}, clock).send_due() == 2
    assert {i.purpose for i in chat.outbox(OutboxStatus.SENT)} == {
        Purpose.SEARCH,
        Purpose.ORDER_PLACED,
    }
    with web_engine.connect() as conn:
        for table in ("chat_events", "chat_outbox", "chat_messages", "chat_contacts"):
            with pytest.raises(ProgrammingError, match="permission denied"):
                conn.execute(text(f"DELETE FROM {table}"))
            conn.rollback()
