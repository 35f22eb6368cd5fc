"""Chat fixtures: a migrated database on SQLite and PostgreSQL, a clock the test moves, and a
fake channel sender (a test double of the LINE / Messenger APIs, not of our code)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import pytest

from db.engine import make_engine
from db.uow import SqlUnitOfWorkFactory
from pos.domain.channels import Channel
from pos.domain.chat import OutMessage, Purpose
from pos.ports.chat import ChatSendFailed, ChatUnavailable
from tests.helpers.templates import FreshDatabase

if TYPE_CHECKING:
    from pos.app.bootstrap import Services, Store
    from pos.domain.auth import Actor
    from pos.domain.settings import Settings


class Clock:
    """11:30 in Bangkok on 27 November 2026 to start with; the test moves it."""

    def __init__(self) -> None:
        self.current = datetime(2026, 11, 27, 4, 30, tzinfo=UTC)

    def now(self) -> datetime:
        return self.current

    def advance(self, **delta: float) -> None:
        self.current += timedelta(**delta)


@dataclass
class Push:
    user_id: str
    messages: tuple[OutMessage, ...]
    retry_key: str


@dataclass
class FakeSender:
    """A channel's API as the outbox meets it: `failures` are raised by the next calls in
    turn; an idempotent one delivers a repeated retry key once (as LINE does)."""

    channel: Channel = Channel.LINE
    idempotent: bool = True
    failures: list[Exception] = field(default_factory=list)
    calls: list[Push] = field(default_factory=list)  # every attempt
    delivered: list[Push] = field(default_factory=list)  # what the customer sees
    replies: list[tuple[str, tuple[OutMessage, ...]]] = field(default_factory=list)
    purposes: list[Purpose | None] = field(default_factory=list)  # what each push said

    def _fail(self) -> None:
        if self.failures:
            raise self.failures.pop(0)

    def push(
        self,
        user_id: str,
        messages: Sequence[OutMessage],
        retry_key: str,
        purpose: Purpose | None = None,
    ) -> str:
        push = Push(user_id, tuple(messages), retry_key)
        self.calls.append(push)
        self.purposes.append(purpose)
        self._fail()
        if not (self.idempotent and any(d.retry_key == retry_key for d in self.delivered)):
            self.delivered.append(push)
        return f"req-{len(self.calls)}"

    def reply(self, reply_token: str, messages: Sequence[OutMessage]) -> None:
        self._fail()
        self.replies.append((reply_token, tuple(messages)))

    def check(self) -> str:
        return f"fake {self.channel}"


def server_error() -> ChatSendFailed:
    return ChatSendFailed("500 from the API", "เซิร์ฟเวอร์ตอบ 500", retryable=True, status=500)


def timeout() -> ChatUnavailable:
    return ChatUnavailable("timed out", "หมดเวลา")


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def uow(migrated_db_url: str) -> Iterator[SqlUnitOfWorkFactory]:
    """A unit-of-work factory on a migrated database (SQLite, then PostgreSQL)."""
    engine = make_engine(migrated_db_url)
    try:
        yield SqlUnitOfWorkFactory(engine)
    finally:
        engine.dispose()


SHOP_URL = "https://shop.example.th"
SECRETS = {"chat_link_secret": "k3y-for-the-chat-links-0123456789"}


def build_chat_store(url: str) -> None:
    """The template: the demo catalogue (silk from Chonnabot and the rest), with its stock."""
    from pos.app.bootstrap import open_store
    from pos.domain.settings import Settings
    from pos.services.demo import load_demo_store
    from resources import DEMO

    store = open_store(url, Settings())
    try:
        load_demo_store(store.uow, store.settings, store.terminal.terminal_id, DEMO)
    finally:
        store.close()


def chat_settings(**changes: object) -> Settings:
    from pos.domain.settings import Settings

    values: dict[str, object] = {
        "web_public_url": SHOP_URL,
        "chat_enabled_channels": "line,facebook",
        **changes,
    }
    return Settings(**values)  # type: ignore[arg-type]


@pytest.fixture(params=["sqlite", pytest.param("pg", marks=pytest.mark.pg)])
def shop_db(request: pytest.FixtureRequest, fresh_database: FreshDatabase) -> str:
    """A new copy of the demo store, on SQLite and on PostgreSQL."""
    return fresh_database(str(request.param), "chat-demo", build_chat_store)


@pytest.fixture
def shop_sqlite(fresh_database: FreshDatabase) -> str:
    return fresh_database("sqlite", "chat-demo", build_chat_store)


@pytest.fixture
def open_services(clock: Clock) -> Iterator[Callable[..., Services]]:
    """`open_services(url, settings=None, secrets=SECRETS)`: the shop server's services."""
    from pos.app.bootstrap import Services, open_store

    opened: list[Services] = []

    def make(
        url: str, settings: Settings | None = None, secrets: dict[str, str] | None = None
    ) -> Services:
        svc = Services(open_store(url, settings or chat_settings(), create=False))
        svc.__dict__["clock"] = clock
        svc.__dict__["chat_secrets"] = dict(SECRETS if secrets is None else secrets).get
        opened.append(svc)
        return svc

    yield make
    for svc in opened:
        svc.close()


def staff(store: Store, clock: Clock, username: str, pin: str) -> Actor:
    """A demo user logged in (manager 9999, labels 2222, cashier 1111)."""
    from pos.services.auth import Auth
    from tests.helpers.selling import PlainTestHasher

    auth = Auth(store.uow, store.settings, clock, PlainTestHasher(), store.terminal.terminal_id)
    auth.ensure_demo_users()
    return auth.login(username, pin)
