"""A LINE reply is delivered at most once: retried with its token (used once by LINE), a push
only when LINE refused its first try at once, UNKNOWN for staff when a try had no outcome."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pos.app.bootstrap import Services
from pos.domain.channels import Channel
from pos.domain.chat import OutboxStatus, Purpose, TextOut
from pos.ports.chat import OutboxItem
from pos.services.chat import Chat
from pos.services.chat_outbox import Outbox
from tests.fakes.line_api import FakeLine
from web.line.client import LineSender

USER = "U" + "d" * 32


class Clock:
    def __init__(self) -> None:
        self.current = datetime.now(UTC) + timedelta(seconds=1)  # after what is enqueued

    def now(self) -> datetime:
        return self.current


def _reply(services: Services, token: str, text: str) -> str:
    chat = Chat(services.store.uow, services.clock)
    with services.store.uow(write=True) as uow:
        contact = uow.chat.upsert_contact(Channel.LINE, USER, services.clock.now())
        outbox_id = chat.enqueue(
            uow, contact.contact_id, [TextOut(text)], Purpose.SEARCH, reply_token=token
        )
        uow.commit()
    return outbox_id


def _item(services: Services, outbox_id: str) -> OutboxItem:
    with services.store.uow() as uow:
        item = uow.chat.outbox_item(outbox_id)
    assert item is not None
    return item


def _outbox(services: Services, fake: FakeLine, clock: Clock, read_s: float = 10) -> Outbox:
    sender = LineSender(fake.access_token, api_base=fake.url, read_s=read_s)
    return Outbox(services.store.uow, {Channel.LINE: sender}, clock, jitter=lambda: 0.0)


def test_a_reply_that_timed_out_after_line_took_it_is_not_pushed(
    services: Services, fake_line: FakeLine
) -> None:
    clock = Clock()
    outbox_id = _reply(services, fake_line.reply_token(), "ผ้าไหมมัดหมี่ 3 รายการ")
    outbox = _outbox(services, fake_line, clock, read_s=0.3)
    fake_line.hang_after_accept()  # LINE delivers the reply, its answer never comes back
    assert outbox.send_due() == 0
    fake_line.answer()
    assert _item(services, outbox_id).status is OutboxStatus.PENDING  # tried again later
    clock.current += timedelta(seconds=10)
    assert outbox.send_due() == 0  # the token was used: 400, and no push
    clock.current += timedelta(hours=1)
    assert outbox.send_due() == 0
    item = _item(services, outbox_id)
    assert item.status is OutboxStatus.UNKNOWN  # for staff to look at
    assert "may have delivered" in item.last_error
    assert [r.messages[0]["text"] for r in fake_line.replies] == ["ผ้าไหมมัดหมี่ 3 รายการ"]
    assert fake_line.pushes == []  # the customer has it once
    replies = [status for _, path, status in fake_line.requests if path.endswith("/reply")]
    assert replies == [200, 400]
    # staff resend it from the Chat tab: its token is spent, so it goes as one push
    assert Chat(services.store.uow, clock).resend(outbox_id, "manager")
    assert outbox.send_due() == 0  # the token refused at once on this first try
    assert outbox.send_due() == 1
    assert outbox.send_due() == 0
    assert len(fake_line.pushed_to(USER)) == 1


def test_a_reply_answered_500_is_tried_again_with_its_token_and_delivered_once(
    services: Services, fake_line: FakeLine
) -> None:
    clock = Clock()
    outbox_id = _reply(services, fake_line.reply_token(), "สถานะคำสั่งซื้อ")
    outbox = _outbox(services, fake_line, clock)
    fake_line.fail_next(1)
    assert outbox.send_due() == 0
    clock.current += timedelta(seconds=10)
    assert outbox.send_due() == 1
    assert _item(services, outbox_id).status is OutboxStatus.SENT
    assert len(fake_line.replies) == 1
    assert fake_line.pushes == []


def test_a_reply_refused_at_once_on_its_first_try_goes_as_one_push(
    services: Services, fake_line: FakeLine
) -> None:
    clock = Clock()
    outbox_id = _reply(services, "a-token-line-never-issued", "ตอบช้าไป")
    outbox = _outbox(services, fake_line, clock)
    assert outbox.send_due() == 0  # 400 Invalid reply token: nothing was delivered
    item = _item(services, outbox_id)
    assert (item.status, item.reply_token, item.counts_quota) == (OutboxStatus.PENDING, "", True)
    assert outbox.send_due() == 1
    assert outbox.send_due() == 0
    assert [p.retry_key for p in fake_line.pushed_to(USER)] == [item.retry_key]
    assert fake_line.replies == []


def test_the_fake_refuses_a_retry_key_on_a_reply_as_line_does(fake_line: FakeLine) -> None:
    import httpx

    token = fake_line.reply_token()
    answer = httpx.post(
        fake_line.url + "/v2/bot/message/reply",
        json={"replyToken": token, "messages": [{"type": "text", "text": "hi"}]},
        headers={
            "authorization": f"Bearer {fake_line.access_token}",
            "x-line-retry-key": "123e4567-e89b-12d3-a456-426614174000",
        },
    )
    assert answer.status_code == 400
    assert fake_line.replies == []
