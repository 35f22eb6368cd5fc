"""Chat on a real SQLite file and a real PostgreSQL server: events handled once by their id,
the outbox sent once with its retry key through failures, the month's quota, UNKNOWN sends."""

from __future__ import annotations

import json
import threading
from datetime import timedelta

import pytest

from db.uow import SqlUnitOfWorkFactory
from pos.domain.channels import Channel
from pos.domain.chat import (
    MAX_ATTEMPTS,
    MAX_ID,
    SEND_LEASE,
    InboundEvent,
    InboundKind,
    OutboxStatus,
    Purpose,
    TextOut,
)
from pos.ports.chat import ChatSendFailed, OutboxItem
from pos.services.chat import Chat
from pos.services.chat_outbox import Outbox
from tests.chat.conftest import Clock, FakeSender, server_error, timeout

USER = "U4af4980629a1b2c3d4e5f60718293a4b"


def _event(clock: Clock, event_id: str, text: str, *, redelivery: bool = False) -> InboundEvent:
    return InboundEvent(
        channel=Channel.LINE,
        event_id=event_id,
        user_id=USER,
        kind=InboundKind.TEXT,
        at=clock.now(),
        text=text,
        reply_token="",
        redelivery=redelivery,
        raw=json.dumps({"type": "message", "text": text}, ensure_ascii=False),
    )


def _contact(uow: SqlUnitOfWorkFactory, clock: Clock, channel: Channel = Channel.LINE) -> str:
    with uow(write=True) as u:
        contact = u.chat.upsert_contact(channel, USER, clock.now(), display_name="สมหญิง 🌸")
        u.commit()
    return contact.contact_id


def _push(
    uow: SqlUnitOfWorkFactory, chat: Chat, contact_id: str, text: str, reply_token: str = ""
) -> str:
    with uow(write=True) as u:
        outbox_id = chat.enqueue(
            u, contact_id, [TextOut(text)], Purpose.OTHER, reply_token=reply_token
        )
        u.commit()
    return outbox_id


def _item(uow: SqlUnitOfWorkFactory, outbox_id: str) -> OutboxItem:
    with uow() as u:
        item = u.chat.outbox_item(outbox_id)
    assert item is not None
    return item


def test_the_same_event_three_times_is_recorded_once(
    uow: SqlUnitOfWorkFactory, clock: Clock
) -> None:
    chat = Chat(uow, clock)
    first = _event(clock, "01HZX4M2QK7V3Y6T9R8P5N4B2C", "หา ผ้าไหม 😊")
    assert chat.receive([first]) == 1
    assert chat.receive([first, _event(clock, first.event_id, "x", redelivery=True)]) == 0
    other = _event(clock, "01HZX4M2QK7V3Y6T9R8P5N4B2D", "สถานะ")
    assert chat.receive([first, other]) == 1
    with uow() as u:
        pending = u.chat.pending_events(10)
    assert [e.event_id for _, e in pending] == [first.event_id, other.event_id]
    assert pending[0][1] == first  # Thai and emoji kept, the redelivery's copy ignored
    with uow(write=True) as u:
        assert u.chat.mark_handled(pending[0][0], clock.now(), "search")
        assert not u.chat.mark_handled(pending[0][0], clock.now(), "search")
        u.commit()
    with uow() as u:
        assert [e.event_id for _, e in u.chat.pending_events(10)] == [other.event_id]
    assert chat.receive([]) == 0


def test_an_item_is_sent_once_with_its_retry_key_after_two_failures(
    uow: SqlUnitOfWorkFactory, clock: Clock
) -> None:
    chat = Chat(uow, clock)
    contact = _contact(uow, clock)
    outbox_id = _push(uow, chat, contact, "คำสั่งซื้อ L2611270003 ส่งแล้ว 📦")
    sender = FakeSender(failures=[server_error(), timeout()])
    outbox = Outbox(uow, {Channel.LINE: sender}, clock, jitter=lambda: 0.0)

    assert outbox.send_due() == 0
    item = _item(uow, outbox_id)
    assert (item.status, item.attempts) == (OutboxStatus.PENDING, 1)
    assert item.next_at == clock.now() + timedelta(seconds=5)
    assert item.in_flight_at is None
    assert "500" in item.last_error
    assert outbox.send_due() == 0  # not due yet: nothing tried
    assert len(sender.calls) == 1

    clock.advance(seconds=5)
    assert outbox.send_due() == 0
    assert _item(uow, outbox_id).next_at == clock.now() + timedelta(seconds=30)
    clock.advance(seconds=30)
    assert outbox.send_due() == 1
    assert outbox.send_due() == 0
    item = _item(uow, outbox_id)
    assert (item.status, item.attempts, item.sent_at) == (OutboxStatus.SENT, 3, clock.now())
    assert len(sender.calls) == 3
    assert {c.retry_key for c in sender.calls} == {item.retry_key}
    assert [d.messages for d in sender.delivered] == [(TextOut("คำสั่งซื้อ L2611270003 ส่งแล้ว 📦"),)]
    with uow() as u:
        [log] = u.chat.conversation(contact, 10)
    assert (log.direction, log.by, log.status) == ("out", "bot", OutboxStatus.SENT)


def test_a_refused_message_fails_at_once_and_a_failing_one_after_max_attempts(
    uow: SqlUnitOfWorkFactory, clock: Clock
) -> None:
    chat = Chat(uow, clock)
    contact = _contact(uow, clock)
    refused = _push(uow, chat, contact, "one")
    bad = ChatSendFailed("400 bad request", "คำขอไม่ถูกต้อง", retryable=False, status=400)
    sender = FakeSender(failures=[bad])
    outbox = Outbox(uow, {Channel.LINE: sender}, clock, jitter=lambda: 0.0)
    outbox.send_due()
    assert _item(uow, refused).status is OutboxStatus.FAILED

    failing = _push(uow, chat, contact, "two")
    sender.failures = [server_error() for _ in range(MAX_ATTEMPTS)]
    for _ in range(MAX_ATTEMPTS):
        outbox.send_due()
        clock.advance(hours=2)
    item = _item(uow, failing)
    assert (item.status, item.attempts) == (OutboxStatus.FAILED, MAX_ATTEMPTS)
    assert not sender.delivered


def test_a_send_cut_off_is_resent_with_the_same_key_on_an_idempotent_channel(
    uow: SqlUnitOfWorkFactory, clock: Clock
) -> None:
    chat = Chat(uow, clock)
    contact = _contact(uow, clock)
    outbox_id = _push(uow, chat, contact, "ชำระเงินแล้ว")
    with uow(write=True) as u:  # what a process that died mid-send leaves behind
        u.chat.claim(outbox_id, clock.now())
        u.commit()
    sender = FakeSender()
    outbox = Outbox(uow, {Channel.LINE: sender}, clock)
    assert outbox.send_due() == 0  # it may still be sending: left alone within the lease
    clock.advance(seconds=SEND_LEASE.total_seconds() + 1)
    assert outbox.send_due() == 1
    item = _item(uow, outbox_id)
    assert [c.retry_key for c in sender.calls] == [item.retry_key]
    assert (item.status, item.attempts) == (OutboxStatus.SENT, 2)


def test_an_attempted_send_with_no_outcome_becomes_unknown_without_a_key(
    uow: SqlUnitOfWorkFactory, clock: Clock
) -> None:
    chat = Chat(uow, clock)
    contact = _contact(uow, clock, Channel.FACEBOOK)
    outbox_id = _push(uow, chat, contact, "ได้รับคำสั่งซื้อแล้ว")
    with uow(write=True) as u:
        u.chat.claim(outbox_id, clock.now())
        u.commit()
    clock.advance(seconds=SEND_LEASE.total_seconds() + 1)
    sender = FakeSender(channel=Channel.FACEBOOK, idempotent=False)
    outbox = Outbox(uow, {Channel.FACEBOOK: sender}, clock)
    assert outbox.send_due() == 0
    assert outbox.send_due() == 0
    assert not sender.calls  # never sent twice
    item = _item(uow, outbox_id)
    assert item.status is OutboxStatus.UNKNOWN
    assert "cut off" in item.last_error
    # staff resend it: a new key, sent once
    with uow(write=True) as u:
        assert u.chat.requeue(outbox_id, clock.now())
        u.commit()
    assert outbox.send_due() == 1
    assert len(sender.delivered) == 1
    assert sender.delivered[0].retry_key != item.retry_key


class _NoAnswer(ChatSendFailed):
    """A channel's "sent, no answer came" (web/facebook's OutcomeUnknown)."""

    outcome_unknown = True


def test_a_send_that_got_no_answer_becomes_unknown_and_the_push_says_its_purpose(
    uow: SqlUnitOfWorkFactory, clock: Clock
) -> None:
    chat = Chat(uow, clock)
    contact = _contact(uow, clock, Channel.FACEBOOK)
    outbox_id = _push(uow, chat, contact, "จัดส่งแล้ว")
    silent = _NoAnswer("no answer in 10 s", "ไม่มีคำตอบใน 10 วินาที", retryable=False, status=0)
    sender = FakeSender(channel=Channel.FACEBOOK, idempotent=False, failures=[silent])
    outbox = Outbox(uow, {Channel.FACEBOOK: sender}, clock)
    assert outbox.send_due() == 0
    item = _item(uow, outbox_id)
    assert item.status is OutboxStatus.UNKNOWN  # maybe delivered: not FAILED, never resent
    assert "no answer" in item.last_error
    clock.advance(hours=2)
    assert outbox.send_due() == 0
    assert len(sender.calls) == 1
    assert sender.purposes == [item.purpose]  # the sender knows what it sends (24-hour rule)


def test_at_the_quota_a_push_is_held_and_a_reply_is_not(
    uow: SqlUnitOfWorkFactory, clock: Clock
) -> None:
    chat = Chat(uow, clock)
    contact = _contact(uow, clock)
    quota = {Channel.LINE: 2}
    sender = FakeSender()
    outbox = Outbox(uow, {Channel.LINE: sender}, clock, quota=quota.get)
    pushes = [_push(uow, chat, contact, f"push {n}") for n in range(3)]
    reply = _push(uow, chat, contact, "ตอบกลับ", reply_token="nHuyWiB7yP5Zw52FIkcQobQuGDXCTA")
    assert outbox.send_due() == 3  # two pushes and the free reply
    assert [_item(uow, p).status for p in pushes] == [
        OutboxStatus.SENT,
        OutboxStatus.SENT,
        OutboxStatus.HELD_QUOTA,
    ]
    assert _item(uow, reply).status is OutboxStatus.SENT
    assert sender.replies == [("nHuyWiB7yP5Zw52FIkcQobQuGDXCTA", (TextOut("ตอบกลับ"),))]
    assert outbox.usage(Channel.LINE) == (2, 2)
    assert outbox.send_due() == 0  # still held this month

    quota[Channel.LINE] = 3  # the quota rises: released and sent
    assert outbox.send_due() == 1
    assert _item(uow, pushes[2]).status is OutboxStatus.SENT
    later = _push(uow, chat, contact, "next month")
    assert outbox.send_due() == 0
    assert _item(uow, later).status is OutboxStatus.HELD_QUOTA
    clock.advance(days=5)  # 2 December in Bangkok: a new month
    assert outbox.send_due() == 1
    assert outbox.usage(Channel.LINE) == (1, 3)
    assert len(sender.delivered) == 4


def test_a_refused_reply_token_goes_again_as_a_push(
    uow: SqlUnitOfWorkFactory, clock: Clock
) -> None:
    chat = Chat(uow, clock)
    contact = _contact(uow, clock)
    outbox_id = _push(uow, chat, contact, "ตอบช้าไป", reply_token="expired-token")
    expired = ChatSendFailed("400 Invalid reply token", "โทเค็นตอบกลับหมดอายุ", status=400)
    sender = FakeSender(failures=[expired])
    outbox = Outbox(uow, {Channel.LINE: sender}, clock)
    assert outbox.send_due() == 0
    item = _item(uow, outbox_id)
    assert (item.status, item.reply_token, item.counts_quota) == (OutboxStatus.PENDING, "", True)
    assert outbox.send_due() == 1
    assert [d.retry_key for d in sender.delivered] == [item.retry_key]
    assert sender.replies == []


def test_two_servers_handling_the_same_events_handle_each_once(
    uow: SqlUnitOfWorkFactory, clock: Clock
) -> None:
    chat = Chat(uow, clock)
    events = [_event(clock, f"01JTWOSERVERS{n:013d}", f"ข้อความ {n}") for n in range(12)]
    assert chat.receive(events) == 12
    results: list[int] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            results.append(Chat(uow, clock).process_pending())
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors
    assert sum(results) == 12  # each event by one of them
    with uow() as u:
        assert u.chat.pending_events(20) == []
        [contact] = u.chat.contacts(10, only_unread=False)
        log = u.chat.conversation(contact.contact_id, 100)
    assert sorted(m.text for m in log if m.direction == "in") == sorted(e.text for e in events)
    assert contact.unread == 12


def _messenger(clock: Clock, mid: str, text: str) -> InboundEvent:
    return InboundEvent(Channel.FACEBOOK, mid, "7788990011223344", InboundKind.TEXT,
                        clock.now(), text=text, message_id=mid)  # fmt: skip


def test_long_message_ids_are_kept_whole_and_one_too_long_is_refused_cleanly(
    uow: SqlUnitOfWorkFactory, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    chat = Chat(uow, clock)
    # Instagram-style mids: one long shared prefix (the account), the message at the end
    prefix = "aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQxNDAxOTk2NjE2OTM5OjM0MDI4MjM2Njg0MTcx" * 2
    first, second = prefix + "MTAzNjE3MzE0NzY2NzgyNjQ1", prefix + "MTAzNjE3MzE0NzY2NzgyOTk5"
    assert 100 < len(first) <= MAX_ID
    too_long = "m_" + "Q" * MAX_ID
    with caplog.at_level("WARNING", logger="pos.services.chat"):
        new = chat.receive([_messenger(clock, first, "สวัสดีค่ะ"), _messenger(clock, second,
                            "มีผ้าไหมสีแดงไหม"), _messenger(clock, too_long, "ยาวเกิน")])  # fmt: skip
    assert new == 2  # two events, not one taken for the other
    assert "event id is 257 characters (at most 255)" in caplog.text
    with uow() as u:
        pending = u.chat.pending_events(10)
    assert sorted(e.event_id for _, e in pending) == sorted([first, second])
    assert {e.message_id for _, e in pending} == {first, second}
    assert chat.receive([_messenger(clock, first, "สวัสดีค่ะ")]) == 0  # a redelivery: seen
    assert chat.process_pending() == 2
