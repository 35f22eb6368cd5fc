"""A Messenger send whose answer never comes (the API goes silent; the sender times out, or
the server is SIGKILLed mid-send) is never sent again by itself: Messenger has no retry key."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from pos.app.bootstrap import Services
from pos.domain.channels import Channel
from pos.domain.chat import SEND_LEASE, OutboxStatus
from pos.ports.chat import OutboxItem
from pos.ports.clock import SystemClock
from pos.services.chat_outbox import Outbox
from tests.facebook.conftest import APP_SECRET, PSID
from tests.facebook.test_webhook import HOOK
from tests.fakes.facebook_api import RunningGraph, deliver, page_body, text_event
from web.facebook.client import MessengerSender, last_heard_from

ROOT = Path(__file__).resolve().parents[2]


class Later:
    """The wall clock moved on by `ahead`."""

    def __init__(self, ahead: timedelta) -> None:
        self.ahead = ahead

    def now(self) -> datetime:
        return SystemClock().now() + self.ahead


def searched(client: TestClient, services: Services, graph: RunningGraph) -> OutboxItem:
    """A customer's search recorded and handled: its reply waits in the outbox."""
    page = graph.graph.page_id
    body = page_body(page, text_event(page, PSID, "ค้นหา ผ้าไหม"))
    assert deliver(client, HOOK, body, APP_SECRET).status_code == 200
    services.chat.process_pending()
    [item] = outbox(services)
    assert item.status is OutboxStatus.PENDING
    return item


def outbox(services: Services) -> list[OutboxItem]:
    with services.store.uow() as read:
        return read.chat.outbox(None, 20)


def sender_on(services: Services, graph: RunningGraph, read_s: float) -> MessengerSender:
    return MessengerSender(
        graph.graph.page_token, graph.base_url, last_heard=last_heard_from(services.store.uow),
        now=services.clock.now, timeout=httpx.Timeout(3.0, read=read_s),
    )  # fmt: skip


def test_a_send_that_times_out_is_not_sent_again(
    fb_client: TestClient, fb_services: Services, graph: RunningGraph
) -> None:
    searched(fb_client, fb_services, graph)
    graph.graph.go_silent()
    sender = sender_on(fb_services, graph, read_s=0.5)
    try:
        outbox_ = fb_services.chat_outbox({Channel.FACEBOOK: sender})
        assert outbox_.send_due() == 0
        graph.graph.speak()
        later = Outbox(fb_services.store.uow, {Channel.FACEBOOK: sender}, Later(timedelta(days=1)))
        for _ in range(3):
            later.send_due()
    finally:
        sender.close()
    assert graph.graph.attempts == 1  # once on the wire, never again
    assert len(graph.graph.templates("generic")) == 1  # Facebook did take it
    [item] = outbox(fb_services)
    assert item.status in (OutboxStatus.UNKNOWN, OutboxStatus.FAILED)
    assert "may have been delivered" in item.last_error


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="needs SIGKILL")
def test_a_server_killed_mid_send_leaves_it_unknown(
    fb_client: TestClient, fb_services: Services, graph: RunningGraph, tmp_path: Path
) -> None:
    item = searched(fb_client, fb_services, graph)
    graph.graph.go_silent()
    url = fb_services.store.engine.url.render_as_string(hide_password=False)
    log = tmp_path / "child.out"
    with log.open("wb") as out:
        child = subprocess.Popen(
            [sys.executable, "-m", "tests.facebook.send_child", url, graph.base_url],
            stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while graph.graph.attempts == 0:  # the request is on the wire, Facebook has it
            assert child.poll() is None, log.read_text("utf-8")
            assert time.monotonic() < deadline, log.read_text("utf-8")
            time.sleep(0.05)
    finally:
        child.kill()
        child.wait(timeout=30)
    graph.graph.speak()
    said = log.read_text("utf-8")
    assert "SENDING" in said, said
    assert "SENT?!" not in said, said
    [claimed] = outbox(fb_services)
    assert claimed.outbox_id == item.outbox_id
    assert claimed.in_flight_at is not None
    sender = sender_on(fb_services, graph, read_s=5.0)
    try:
        later = Outbox(fb_services.store.uow, {Channel.FACEBOOK: sender}, Later(SEND_LEASE * 2))
        for _ in range(2):
            later.send_due()
    finally:
        sender.close()
    [after] = outbox(fb_services)
    assert after.status is OutboxStatus.UNKNOWN
    assert graph.graph.attempts == 1
