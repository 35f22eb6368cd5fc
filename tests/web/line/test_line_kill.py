"""A shop server SIGKILLed while LINE holds the answer to a push it accepted, then a platform
failing twice: the next sender pushes again with the same retry key, and the customer gets
the message once (LINE's 409 on the key counts as sent)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from pos.app.bootstrap import Services
from pos.domain.channels import Channel
from pos.domain.chat import SEND_LEASE, ImageOut, OutboxStatus, Purpose, TextOut
from pos.ports.clock import SystemClock
from pos.services.chat import Chat
from pos.services.chat_outbox import Outbox
from tests.fakes.line_api import FakeLine
from web.line.client import LineSender

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="needs SIGKILL"),
]

ROOT = Path(__file__).resolve().parents[3]
CHILD = ROOT / "tests" / "helpers" / "line_child.py"
USER = "U" + "c" * 32


class Later:
    """The wall clock moved on by `ahead` (the next sender, some minutes after the crash)."""

    def __init__(self) -> None:
        self.ahead = timedelta()

    def now(self) -> datetime:
        return SystemClock().now() + self.ahead


def wait_for(test: object, timeout_s: float = 90) -> None:
    deadline = time.monotonic() + timeout_s
    while not test():  # type: ignore[operator]
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_a_push_cut_off_by_a_kill_is_delivered_once_through_two_failures(
    services: Services, fake_line: FakeLine, tmp_path: Path
) -> None:
    chat = Chat(services.store.uow, services.clock)
    with services.store.uow(write=True) as uow:  # the order's step and its message: one commit
        contact = uow.chat.upsert_contact(Channel.LINE, USER, services.clock.now(), lang="th")
        outbox_id = chat.enqueue(uow, contact.contact_id, [
            TextOut("ได้รับคำสั่งซื้อ W2612030001 แล้ว ยอด ฿2,800.00 🙏"),
            ImageOut("https://shop.example.th/orders/W2612030001/qr.png?t=x", "https://x/q.png"),
        ], Purpose.ORDER_PLACED)  # fmt: skip
        uow.commit()
    fake_line.hang_after_accept()
    log = tmp_path / "child.log"
    with log.open("wb") as out:
        child = subprocess.Popen(
            [sys.executable, str(CHILD), services.store.url, fake_line.url, fake_line.access_token],
            stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )  # fmt: skip
    try:
        wait_for(lambda: fake_line.pushes or child.poll() is not None)
        assert child.poll() is None, log.read_text()
        child.kill()  # LINE has the push; the shop never heard back
        child.wait(30)
    finally:
        if child.poll() is None:
            child.kill()
    assert "SENT" not in log.read_text()
    (first,) = fake_line.pushes
    fake_line.answer()
    with services.store.uow() as uow:
        cut = uow.chat.outbox_item(outbox_id)
    assert cut is not None
    assert cut.status is OutboxStatus.PENDING
    assert cut.in_flight_at is not None
    assert first.retry_key == cut.retry_key

    clock = Later()
    sender = LineSender(fake_line.access_token, api_base=fake_line.url)
    outbox = Outbox(services.store.uow, {Channel.LINE: sender}, clock, jitter=lambda: 0.0)
    assert outbox.send_due() == 0  # within the lease the cut-off send is not taken again
    clock.ahead = SEND_LEASE + timedelta(seconds=1)
    fake_line.fail_next(2)
    assert outbox.send_due() == 0  # 500
    clock.ahead += timedelta(minutes=1)
    assert outbox.send_due() == 0  # 500 again
    clock.ahead += timedelta(minutes=5)
    assert outbox.send_due() == 1  # 409: accepted before, so sent
    with services.store.uow() as uow:
        done = uow.chat.outbox_item(outbox_id)
    assert done is not None
    assert done.status is OutboxStatus.SENT
    assert [p.retry_key for p in fake_line.pushed_to(USER)] == [cut.retry_key]  # once
    assert [status for _, path, status in fake_line.requests if path.endswith("/push")] == [
        200,
        500,
        500,
        409,
    ]
    assert first.messages[0]["text"].endswith("฿2,800.00 🙏")


def test_a_reply_cut_off_by_a_kill_after_line_took_it_never_becomes_a_push(
    services: Services, fake_line: FakeLine, tmp_path: Path
) -> None:
    chat = Chat(services.store.uow, services.clock)
    with services.store.uow(write=True) as uow:
        contact = uow.chat.upsert_contact(Channel.LINE, USER, services.clock.now(), lang="th")
        outbox_id = chat.enqueue(uow, contact.contact_id, [TextOut("ผ้าไหมมัดหมี่ 3 รายการ 🧣")],
                                 Purpose.SEARCH, reply_token=fake_line.reply_token())  # fmt: skip
        uow.commit()
    fake_line.hang_after_accept()
    log = tmp_path / "child.log"
    with log.open("wb") as out:
        child = subprocess.Popen(
            [sys.executable, str(CHILD), services.store.url, fake_line.url, fake_line.access_token],
            stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )  # fmt: skip
    try:
        wait_for(lambda: fake_line.replies or child.poll() is not None)
        assert child.poll() is None, log.read_text()
        child.kill()  # LINE delivered the reply; the shop never heard back
        child.wait(30)
    finally:
        if child.poll() is None:
            child.kill()
    assert "SENT" not in log.read_text()
    fake_line.answer()

    clock = Later()
    clock.ahead = SEND_LEASE + timedelta(seconds=1)
    sender = LineSender(fake_line.access_token, api_base=fake_line.url)
    outbox = Outbox(services.store.uow, {Channel.LINE: sender}, clock, jitter=lambda: 0.0)
    assert outbox.send_due() == 0  # tried again with its token: LINE says it was used
    clock.ahead += timedelta(hours=1)
    assert outbox.send_due() == 0
    with services.store.uow() as uow:
        item = uow.chat.outbox_item(outbox_id)
    assert item is not None
    assert item.status is OutboxStatus.UNKNOWN
    assert len(fake_line.replies) == 1  # the customer has it once
    assert fake_line.pushes == []
