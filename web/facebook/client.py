"""The Messenger Send API client: `MessengerSender` (ChatSender, ChatProfiles, ChatContent).

What the page may send, and how (Meta's Messenger Platform policy): within 24 hours of the
customer's last message the page may send anything, as `messaging_type` RESPONSE (or UPDATE:
a message the page starts itself inside that window). After 24 hours only a message with a
tag is allowed, and the tag's use case only: POST_PURCHASE_UPDATE covers what an order's
messages say (the order confirmed, the payment received, shipped with its tracking number,
delivered, a problem with the order), never promotion (deals, offers, coupons, "new
products"). So an order's status message is sent as RESPONSE while the customer wrote in the
last 24 hours and as MESSAGE_TAG POST_PURCHASE_UPDATE after that; any other message outside
the window is refused here, not sent (Facebook would refuse it with (#10) 2018278 anyway).

The outbox does not say what a message is for, so without a `purpose` a message that names
an order number (W + 10 digits: every order message does) counts as that order's update.

Facebook's Send API has no idempotency key (`idempotent` is False): the outbox marks an
attempt before it sends, and an attempt that got no answer is never sent again by itself.
"""

from __future__ import annotations

import logging
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Any

import httpx

from pos.domain.channels import Channel
from pos.domain.chat import ORDER_PURPOSES, OutMessage, Purpose, message_text
from pos.ports.chat import ChatSendFailed, ChatUnavailable, ChatUnitOfWork, ContactProfile
from pos.ports.uow import UnitOfWorkFactory
from web.facebook.render import render

log = logging.getLogger(__name__)

WINDOW = timedelta(hours=24)  # the standard messaging window after the customer's message
ORDER_TAG = "POST_PURCHASE_UPDATE"
MAX_CONTENT_BYTES = 5 * 1024 * 1024  # a customer's photo fetched from Facebook's CDN
ORDER_NO = re.compile(r"\bW\d{10}\b")  # pos.domain.orders.order_number
HEARD_LOOKBACK = 50  # messages of the conversation read for the customer's last one
KEPT_PARTS = 500  # retry keys whose sent parts are remembered (a retry skips those)
TIMEOUT = httpx.Timeout(connect=3.0, read=10.0, write=10.0, pool=3.0)
# Graph error codes (developers.facebook.com/docs/graph-api/guides/error-handling and the
# Messenger Platform's error codes): worth trying again later, or not
RETRYABLE_CODES = frozenset({1, 2, 4, 17, 32, 341, 368, 613, 80006})
TOKEN_CODES = frozenset({102, 190})


class OutcomeUnknown(ChatSendFailed):
    """The request went out and no answer came back: Facebook may have delivered it, and
    with no idempotency key a retry could deliver it twice, so it is not retryable (the
    outbox keeps it for staff to look at and resend). `outcome_unknown` tells it apart."""

    outcome_unknown = True

    def __init__(self, message_en: str, message_th: str) -> None:
        super().__init__(message_en, message_th, retryable=False, status=0)


class MessengerSender:
    """Sends through a Facebook Page (its page access token) to a PSID, one Send API request
    per message; `last_heard(psid)` tells when the customer last wrote (the 24-hour window),
    `now` is the clock. Never logs a token or a message's text."""

    channel = Channel.FACEBOOK
    idempotent = False

    def __init__(
        self,
        page_token: str,
        graph_base: str,
        *,
        last_heard: Callable[[str], datetime | None],
        now: Callable[[], datetime],
        timeout: httpx.Timeout = TIMEOUT,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        _quiet_tokens()
        self._token = page_token
        self._base = graph_base.rstrip("/")
        self._last_heard = last_heard
        self._now = now
        self._http = httpx.Client(timeout=timeout, transport=transport, follow_redirects=False)
        self._parts: OrderedDict[str, int] = OrderedDict()  # retry key -> parts accepted
        self._lock = threading.Lock()

    def close(self) -> None:
        self._http.close()

    # --- ChatSender ----------------------------------------------------------------------
    def push(
        self,
        user_id: str,
        messages: Sequence[OutMessage],
        retry_key: str,
        purpose: Purpose | None = None,
    ) -> str:
        """Send `messages` to the PSID `user_id`, in order; returns the last message's id.

        A retry of the same `retry_key` in this process skips the parts Facebook accepted
        before (a push of four messages that failed on the third resends the last two)."""
        kind, tag = self.messaging_type(user_id, purpose, messages)
        with self._lock:
            done = self._parts.get(retry_key, 0)
        message_id = ""
        for index, message in enumerate(messages):
            if index < done:
                continue
            body: dict[str, Any] = {
                "recipient": {"id": user_id},
                "messaging_type": kind,
                "message": render(message),
            }
            if tag:
                body["tag"] = tag
            answer = self._call("POST", "/me/messages", json=body)
            message_id = str(answer.get("message_id", ""))
            self._remember(retry_key, index + 1)
        self._forget(retry_key)
        return message_id

    def messaging_type(
        self, user_id: str, purpose: Purpose | None, messages: Sequence[OutMessage] = ()
    ) -> tuple[str, str | None]:
        """(messaging_type, tag) for a message to `user_id` now, by the 24-hour rule; raises
        ChatSendFailed (not retryable) for a message the page may not send now."""
        heard = self._last_heard(user_id)
        if heard is not None and self._now() - heard < WINDOW:
            return "RESPONSE", None
        if purpose in ORDER_PURPOSES or (purpose is None and about_an_order(messages)):
            return "MESSAGE_TAG", ORDER_TAG
        raise ChatSendFailed(
            "The customer last wrote more than 24 hours ago: Messenger allows only order "
            "updates now",
            "ลูกค้าส่งข้อความล่าสุดเกิน 24 ชั่วโมงแล้ว Messenger อนุญาตให้ส่งได้เฉพาะข่าวคำสั่งซื้อ",
            retryable=False,
            status=400,
        )

    def reply(self, reply_token: str, messages: Sequence[OutMessage]) -> None:
        raise ChatSendFailed(
            "Messenger has no reply tokens: messages are pushed to the customer",
            "Messenger ไม่มีโทเค็นตอบกลับ ข้อความจะถูกส่งถึงลูกค้าโดยตรง",
            retryable=False,
        )

    def check(self) -> str:
        """ "Facebook Page <name> (<id>)" for "test connection"; ChatUnavailable if not."""
        try:
            page = self._call("GET", "/me", params={"fields": "name,id"})
        except ChatSendFailed as exc:
            raise ChatUnavailable(
                f"Facebook refused the page access token ({exc.status})",
                f"Facebook ไม่ยอมรับโทเค็นของเพจ ({exc.status})",
            ) from None
        return f"Facebook Page {page.get('name', '?')} ({page.get('id', '?')})"

    # --- ChatProfiles, ChatContent -------------------------------------------------------
    def profile(self, user_id: str) -> ContactProfile | None:
        """The customer's name and picture (None when Facebook gives none)."""
        if not re.fullmatch(r"[0-9]{1,40}", user_id):
            return None
        try:
            found = self._call(
                "GET", f"/{user_id}", params={"fields": "first_name,last_name,profile_pic"}
            )
        except (ChatSendFailed, ChatUnavailable) as exc:
            log.warning("no Messenger profile for a customer: %s", exc.message_en)
            return None
        name = " ".join(str(found.get(k, "")).strip() for k in ("first_name", "last_name"))
        picture = found.get("profile_pic")
        return ContactProfile(
            display_name=name.strip()[:100],
            picture_url=picture if isinstance(picture, str) else None,
        )

    def content(self, message_id: str) -> bytes:
        """A customer's photo: `message_id` is its CDN URL (from the webhook), or the
        message's mid, whose image URL the Graph API's /{mid}/attachments gives."""
        url = message_id
        if not url.startswith(("https://", "http://")):
            url = self._attachment_url(message_id)
        try:
            with self._http.stream("GET", url) as answer:
                if answer.status_code != 200:
                    raise ChatSendFailed(
                        f"The photo could not be fetched ({answer.status_code})",
                        f"ดึงรูปภาพไม่ได้ ({answer.status_code})",
                        retryable=answer.status_code >= 500,
                        status=answer.status_code,
                    )
                data = bytearray()
                for chunk in answer.iter_bytes():
                    data += chunk
                    if len(data) > MAX_CONTENT_BYTES:
                        raise ChatSendFailed("The photo is too large", "รูปภาพใหญ่เกินไป")
                return bytes(data)
        except httpx.HTTPError as exc:
            raise ChatUnavailable(
                f"Facebook could not be reached ({type(exc).__name__})",
                f"ติดต่อ Facebook ไม่ได้ ({type(exc).__name__})",
            ) from None

    def _attachment_url(self, mid: str) -> str:
        if not re.fullmatch(r"[A-Za-z0-9_.:\-]{1,128}", mid):
            raise ChatSendFailed("Not a message id", "ไม่ใช่รหัสข้อความ")
        found = self._call("GET", f"/{mid}/attachments")
        for item in found.get("data") or []:
            image = item.get("image_data") if isinstance(item, dict) else None
            url = image.get("url") if isinstance(image, dict) else None
            if isinstance(url, str) and url.startswith(("https://", "http://")):
                return url
        raise ChatSendFailed("The message has no image", "ข้อความนี้ไม่มีรูปภาพ")

    # --- the HTTP call -------------------------------------------------------------------
    def _call(
        self,
        method: str,
        path: str,
        *,
        json: dict[str, Any] | None = None,
        params: dict[str, str] | None = None,
    ) -> dict[str, Any]:
        query = {**(params or {}), "access_token": self._token}
        try:
            answer = self._http.request(method, self._base + path, params=query, json=json)
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
            raise ChatUnavailable(  # nothing went out: safe to try again
                f"Facebook could not be reached ({type(exc).__name__})",
                f"ติดต่อ Facebook ไม่ได้ ({type(exc).__name__})",
            ) from None
        except httpx.HTTPError as exc:  # sent, and the answer timed out or broke off
            raise OutcomeUnknown(
                f"Facebook did not answer ({type(exc).__name__}): the message may have "
                "been delivered",
                f"Facebook ไม่ตอบ ({type(exc).__name__}) ข้อความอาจส่งถึงแล้ว",
            ) from None
        data = _json(answer)
        if answer.status_code == 200 and "error" not in data:
            return data
        raise _failure(answer.status_code, data.get("error"))

    def _remember(self, retry_key: str, parts: int) -> None:
        with self._lock:
            self._parts[retry_key] = parts
            self._parts.move_to_end(retry_key)
            while len(self._parts) > KEPT_PARTS:
                self._parts.popitem(last=False)

    def _forget(self, retry_key: str) -> None:
        with self._lock:
            self._parts.pop(retry_key, None)


def last_heard_from(uow: UnitOfWorkFactory[ChatUnitOfWork]) -> Callable[[str], datetime | None]:
    """`last_heard` on chat's storage: when the PSID last wrote to the page (an incoming
    message among the conversation's latest; None: not lately, or never)."""

    def last_heard(psid: str) -> datetime | None:
        with uow() as tx:
            contact = tx.chat.contact(Channel.FACEBOOK, psid)
            if contact is None:
                return None
            recent = tx.chat.conversation(contact.contact_id, HEARD_LOOKBACK)
        return max((m.at for m in recent if m.direction == "in"), default=None)

    return last_heard


def about_an_order(messages: Sequence[OutMessage]) -> bool:
    """Whether the messages name an order by its number (an order's update)."""
    return any(ORDER_NO.search(message_text(m)) for m in messages)


def _json(answer: httpx.Response) -> dict[str, Any]:
    try:
        data = answer.json()
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _failure(status: int, error: Any) -> ChatSendFailed:
    """A Graph error answer as ChatSendFailed, retryable for outages and rate limits."""
    error = error if isinstance(error, dict) else {}
    code = error.get("code") if isinstance(error.get("code"), int) else 0
    subcode = error.get("error_subcode") if isinstance(error.get("error_subcode"), int) else 0
    retryable = status >= 500 or status == 429 or code in RETRYABLE_CODES
    label = f"HTTP {status}, code {code}" + (f"/{subcode}" if subcode else "")
    if code in TOKEN_CODES:
        en = f"Facebook refused the page access token ({label}): set a new one"
        th = f"Facebook ไม่ยอมรับโทเค็นของเพจ ({label}) กรุณาตั้งโทเค็นใหม่"
    elif code == 10 and subcode == 2018278:
        en = f"Outside Messenger's 24-hour window ({label})"
        th = f"เกินช่วง 24 ชั่วโมงของ Messenger ({label})"
    elif code == 551:
        en = f"The customer cannot be reached on Messenger ({label})"
        th = f"ติดต่อลูกค้าทาง Messenger ไม่ได้ ({label})"
    elif code in (4, 17, 32, 613, 80006) or status == 429:
        en = f"Facebook's rate limit ({label}): trying again later"
        th = f"ส่งถี่เกินกำหนดของ Facebook ({label}) จะลองใหม่ภายหลัง"
    else:
        en = f"Facebook refused the message ({label})"
        th = f"Facebook ไม่รับข้อความ ({label})"
    return ChatSendFailed(en, th, retryable=retryable, status=status)


class _NoTokens(logging.Filter):
    """Takes a page token out of httpx's request lines (they carry the query string)."""

    PATTERN = re.compile(r"(access_token=)[^&\s\"']+")

    def filter(self, record: logging.LogRecord) -> bool:
        if record.args:
            record.msg = record.getMessage()
            record.args = None
        record.msg = self.PATTERN.sub(r"\1***", str(record.msg))
        return True


_FILTER = _NoTokens()


def _quiet_tokens() -> None:
    for name in ("httpx", "httpcore"):
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)
