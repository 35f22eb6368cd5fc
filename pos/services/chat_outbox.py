"""Sending chat's outbox: due messages out through each channel's sender, once, with backoff.

A message is written to the outbox in the same transaction as what it tells of (an order's
step, a reply to an event) and sent after that commit. `send_due` claims the due items in one
short transaction (the claim marks the attempt: in_flight_at, attempts + 1), sends them with
no transaction open, and records each outcome in its own. An item whose claim is older than
SEND_LEASE with no outcome was cut off mid-send (the process died): a channel with an
idempotency key (LINE's X-Line-Retry-Key) gets it again with the same key, so the customer
sees it once; on a channel without one (Messenger) it becomes UNKNOWN and is never sent again
by itself (staff see it and may resend it). A LINE reply's token works once and has no retry
key: a reply is tried again with its token (a token LINE took before is refused, so it is
delivered at most once), and it becomes a push only when LINE refused its FIRST try at once
(nothing delivered); refused after a try with no outcome (cut off, timed out, 5xx) it is
UNKNOWN, never pushed by itself. Pushes that count against the month's quota are
HELD_QUOTA once the month's sent count reaches the quota, and released when it allows again.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import timedelta

from pos.domain.channels import Channel
from pos.domain.chat import (
    MAX_ATTEMPTS,
    SEND_LEASE,
    backoff,
    messages_from_json,
    month_bounds,
)
from pos.ports.chat import ChatSender, ChatSendFailed, ChatUnavailable, ChatUnitOfWork, OutboxItem
from pos.ports.clock import Clock
from pos.ports.uow import UnitOfWorkFactory

log = logging.getLogger(__name__)

Quota = Callable[[Channel], "int | None"]


@dataclass(frozen=True, slots=True)
class _Failure:
    error: str
    retryable: bool
    status: int = 0  # the channel's HTTP answer (0: none came)


class Outbox:
    def __init__(
        self,
        uow: UnitOfWorkFactory[ChatUnitOfWork],
        senders: Mapping[Channel, ChatSender],
        clock: Clock,
        quota: Quota = lambda channel: None,
        jitter: Callable[[], float] = random.random,
    ) -> None:
        self.uow = uow
        self.senders = dict(senders)
        self.clock = clock
        self.quota = quota
        self.jitter = jitter

    def send_due(self, limit: int = 20) -> int:
        """Send what is due; returns how many messages were sent."""
        claimed = self._claim(limit)
        return sum(self._send(item) for item in claimed)

    def usage(self, channel: Channel) -> tuple[int, int | None]:
        """Quota-counting messages sent this month, and the quota (None: no quota)."""
        with self.uow() as uow:
            used = uow.chat.sent_in_month(channel, *month_bounds(self.clock.now()))
        return used, self.quota(channel)

    def _claim(self, limit: int) -> list[OutboxItem]:
        now = self.clock.now()
        claimed: list[OutboxItem] = []
        with self.uow(write=True) as uow:
            used: dict[Channel, int] = {}
            for channel in self.senders:
                used[channel] = uow.chat.sent_in_month(channel, *month_bounds(now))
                quota = self.quota(channel)
                if quota is None or used[channel] < quota:
                    uow.chat.release_held(channel, now, limit)
            for item in uow.chat.due(now, now - SEND_LEASE, limit):
                sender = self.senders.get(item.channel)
                if sender is None:  # the channel is not set up here: the item waits
                    continue
                if item.in_flight_at is not None and not sender.idempotent:
                    uow.chat.mark_unknown(
                        item.outbox_id, "the send was cut off: it may have been delivered"
                    )
                    log.warning(
                        "chat message %s on %s was cut off mid-send: UNKNOWN, not resent",
                        item.outbox_id,
                        item.channel,
                    )
                    continue
                if item.counts_quota:
                    quota = self.quota(item.channel)
                    if quota is not None and used[item.channel] >= quota:
                        uow.chat.mark_held(item.outbox_id)
                        continue
                    used[item.channel] += 1
                uow.chat.claim(item.outbox_id, now)
                claimed.append(item)
            uow.commit()
        return claimed

    def _send(self, item: OutboxItem) -> int:
        sender = self.senders[item.channel]
        try:
            messages = messages_from_json(item.messages)
            if item.reply_token:
                sender.reply(item.reply_token, messages)
                external = ""
            else:
                external = sender.push(item.user_id, messages, item.retry_key, item.purpose)
        except ChatSendFailed as exc:
            if getattr(exc, "outcome_unknown", False):  # sent, no answer: maybe delivered
                return self._unknown(item, f"{exc.status} {exc.message('en')}")
            error = f"{exc.status} {exc.message('en')}"
            return self._failed(item, _Failure(error, exc.retryable, exc.status))
        except ChatUnavailable as exc:
            return self._failed(item, _Failure(exc.message("en"), True))
        except Exception as exc:  # an adapter's bug: logged, the item retried later
            log.exception("chat sender for %s failed on %s", item.channel, item.outbox_id)
            return self._failed(item, _Failure(type(exc).__name__, True))
        with self.uow(write=True) as uow:
            uow.chat.mark_sent(item.outbox_id, self.clock.now(), external)
            uow.commit()
        return 1

    def _unknown(self, item: OutboxItem, error: str) -> int:
        """A send the channel may have delivered (no answer, no idempotency key): never sent
        again by itself; staff see it and may resend it."""
        with self.uow(write=True) as uow:
            uow.chat.mark_unknown(item.outbox_id, error)
            uow.commit()
        log.warning("chat message %s on %s: no answer, UNKNOWN, not resent", item.outbox_id,
                    item.channel)  # fmt: skip
        return 0

    def _failed(self, item: OutboxItem, failure: _Failure) -> int:
        now = self.clock.now()
        attempts = item.attempts + 1
        with self.uow(write=True) as uow:
            if item.reply_token and _refused(failure) and item.attempts == 0:
                # refused at once on its first try, so nothing was delivered; a reply token
                # lives a minute and works once: the message goes as a push (its retry key)
                later = backoff(attempts, self.jitter()) if failure.retryable else timedelta()
                uow.chat.to_push(item.outbox_id, now + later, failure.error)
            elif item.reply_token and not failure.retryable:
                # an earlier try has no outcome (cut off, timed out, 5xx): LINE may have
                # delivered it and used the token, so it never becomes a push by itself
                uow.chat.mark_unknown(item.outbox_id, f"an earlier try may have delivered it: "
                                      f"{failure.error}")  # fmt: skip
                log.warning("chat reply %s on %s: refused after a try with no outcome, UNKNOWN",
                            item.outbox_id, item.channel)  # fmt: skip
            elif failure.retryable and attempts < MAX_ATTEMPTS:
                uow.chat.mark_retry(
                    item.outbox_id, now + backoff(attempts, self.jitter()), failure.error
                )
            else:
                uow.chat.mark_failed(item.outbox_id, now, failure.error)
                log.warning(
                    "chat message %s (%s) on %s FAILED after %d attempts: %s",
                    item.outbox_id,
                    item.purpose,
                    item.channel,
                    attempts,
                    failure.error,
                )
            uow.commit()
        return 0


def _refused(failure: _Failure) -> bool:
    """The channel answered with a refusal (4xx, 429 included): nothing was delivered."""
    return 400 <= failure.status < 500
