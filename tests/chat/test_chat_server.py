"""The shop server's chat loop: started only with a channel's sender, it handles recorded
events and sends the replies within a second or so."""

from __future__ import annotations

import time
from collections.abc import Callable

from starlette.testclient import TestClient

from pos.app.bootstrap import Services
from pos.domain.channels import Channel
from pos.domain.chat import InboundEvent, InboundKind, OutboxStatus
from tests.chat.conftest import Clock, FakeSender, server_error
from web.app import create_app

Open = Callable[..., Services]


def _event(clock: Clock, n: int, text: str) -> InboundEvent:
    return InboundEvent(
        channel=Channel.LINE,
        event_id=f"01JSERVERLOOP{n:013d}",
        user_id="U9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b",
        kind=InboundKind.TEXT,
        at=clock.now(),
        text=text,
        reply_token=f"server-reply-{n}",
    )


def _until(done: Callable[[], bool], seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not done():
        assert time.monotonic() < deadline, "the chat loop did not get there in time"
        time.sleep(0.02)


def test_the_loop_answers_recorded_events_and_survives_failures(
    shop_sqlite: str, open_services: Open, clock: Clock
) -> None:
    svc = open_services(shop_sqlite)
    sender = FakeSender(failures=[server_error()])
    svc.__dict__["chat_senders"] = {Channel.LINE: sender}
    with TestClient(create_app(svc, expire_every_s=None, chat_every_s=0.05)):
        svc.chat.receive([_event(clock, 1, "หา ผ้าไหม"), _event(clock, 2, "help")])
        _until(lambda: len(sender.replies) == 1)  # help went; the search's first try failed
        clock.advance(seconds=6)  # its backoff (5 s) passes
        _until(lambda: [i.status for i in svc.chat.outbox()] == [OutboxStatus.SENT] * 2)
    assert len(sender.replies) == 2


def test_no_loop_without_a_configured_channel(
    shop_sqlite: str, open_services: Open, clock: Clock
) -> None:
    svc = open_services(shop_sqlite)
    with TestClient(create_app(svc, expire_every_s=None, chat_every_s=0.05)):
        svc.chat.receive([_event(clock, 3, "help")])
        time.sleep(0.3)
    with svc.store.uow() as uow:
        assert len(uow.chat.pending_events(10)) == 1  # left for a server with a channel
