"""`LineSender`: the Messaging API through line-bot-sdk v3 (push with a retry key, reply,
bot info, profiles, image content), every error a ChatSendFailed or ChatUnavailable."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import urllib3
from linebot.v3.messaging import (
    ApiClient,
    Configuration,
    MessagingApi,
    MessagingApiBlob,
    PushMessageRequest,
    ReplyMessageRequest,
)
from linebot.v3.messaging.exceptions import ApiException

from pos.domain.channels import Channel
from pos.domain.chat import OutMessage, Purpose
from pos.ports.chat import ChatSendFailed, ChatUnavailable, ContactProfile
from web.line.render import render

log = logging.getLogger(__name__)

API_BASE = "https://api.line.me"
DATA_API_BASE = "https://api-data.line.me"
CONNECT_S = 3.0
READ_S = 10.0
MAX_CONTENT = 10 * 1024 * 1024  # an image a customer sends (LINE keeps up to 10 MB)
T = TypeVar("T")


class _DataHostClient(ApiClient):  # type: ignore[misc]
    """The SDK names api-data.line.me in MessagingApiBlob itself: this sends those calls to
    the configured data API base instead (the tests' fake platform)."""

    def __init__(self, configuration: Configuration, data_base: str) -> None:
        super().__init__(configuration)
        self._data_base = data_base.rstrip("/")

    def call_api(self, *args: Any, **kwargs: Any) -> Any:
        if kwargs.get("_host") == DATA_API_BASE:
            kwargs["_host"] = self._data_base
        return super().call_api(*args, **kwargs)


class LineSender:
    """A ChatSender (+ ChatProfiles, ChatContent) for one LINE Official Account."""

    channel = Channel.LINE
    idempotent = True  # X-Line-Retry-Key: a push repeated with its key is delivered once

    def __init__(
        self,
        access_token: str,
        *,
        api_base: str = API_BASE,
        data_base: str = DATA_API_BASE,
        connect_s: float = CONNECT_S,
        read_s: float = READ_S,
    ) -> None:
        config = Configuration(host=api_base.rstrip("/"), access_token=access_token)
        config.retries = False  # the outbox retries, with backoff; never the SDK behind it
        self._client = _DataHostClient(config, data_base)
        self._api = MessagingApi(self._client)
        self._blob = MessagingApiBlob(self._client)
        self._timeout = (connect_s, read_s)

    def close(self) -> None:
        self._client.close()

    # --- ChatSender ----------------------------------------------------------------------------
    def push(
        self,
        user_id: str,
        messages: Sequence[OutMessage],
        retry_key: str,
        purpose: Purpose | None = None,  # LINE sends every purpose the same way
    ) -> str:
        """Push `messages` to `user_id`; the channel's request id. A 409 on the retry key
        means LINE accepted this push before: the id it accepted then."""
        request = PushMessageRequest.from_dict({"to": user_id, "messages": render(messages)})
        try:
            info = self._api.push_message_with_http_info(
                request, x_line_retry_key=retry_key, _request_timeout=self._timeout
            )
        except ApiException as exc:
            if exc.status == 409:  # "The retry key is already accepted"
                return _header(exc.headers, "x-line-accepted-request-id")
            raise _failure(exc) from None
        except (urllib3.exceptions.HTTPError, OSError) as exc:
            raise _unavailable(exc) from None
        return _header(info.headers, "x-line-request-id")

    def reply(self, reply_token: str, messages: Sequence[OutMessage]) -> None:
        request = ReplyMessageRequest.from_dict(
            {"replyToken": reply_token, "messages": render(messages)}
        )
        self._call(lambda: self._api.reply_message(request, _request_timeout=self._timeout))

    def check(self) -> str:
        """The bot's name and basic id ("test connection"), or ChatUnavailable/ChatSendFailed."""
        info = self._call(lambda: self._api.get_bot_info(_request_timeout=self._timeout))
        return f"LINE: {info.display_name} ({info.basic_id})"

    # --- ChatProfiles, ChatContent --------------------------------------------------------------
    def profile(self, user_id: str) -> ContactProfile | None:
        """The user's LINE profile; None when LINE has none for us (not a friend, blocked)."""
        try:
            found = self._call(
                lambda: self._api.get_profile(user_id, _request_timeout=self._timeout)
            )
        except ChatSendFailed as exc:
            if exc.status == 404:
                return None
            raise
        return ContactProfile(
            display_name=str(found.display_name or ""),
            picture_url=found.picture_url,
            language=found.language,
        )

    def content(self, message_id: str) -> bytes:
        """The bytes of an image a customer sent (from the data API)."""
        data = self._call(
            lambda: self._blob.get_message_content(message_id, _request_timeout=self._timeout)
        )
        return bytes(data)[:MAX_CONTENT]

    def quota(self) -> tuple[int, int | None]:
        """(pushes used this month, the account's monthly limit or None when unlimited)."""
        used = self._call(
            lambda: self._api.get_message_quota_consumption(_request_timeout=self._timeout)
        )
        limit = self._call(lambda: self._api.get_message_quota(_request_timeout=self._timeout))
        return int(used.total_usage), (int(limit.value) if limit.type == "limited" else None)

    def _call(self, run: Callable[[], T]) -> T:
        try:
            return run()
        except ApiException as exc:
            raise _failure(exc) from None
        except (urllib3.exceptions.HTTPError, OSError) as exc:
            raise _unavailable(exc) from None


def _unavailable(exc: Exception) -> ChatUnavailable:
    log.warning("LINE did not answer: %s", type(exc).__name__)
    return ChatUnavailable("LINE did not answer: try again later", "LINE ไม่ตอบ กรุณาลองใหม่ภายหลัง")


def _failure(exc: ApiException) -> ChatSendFailed:
    """The API's answer as an error: 429 and 5xx may be retried, other 4xx may not."""
    status = int(exc.status or 0)
    retryable = status == 429 or status >= 500 or status == 0
    log.warning("LINE answered %d", status)  # never the body: it may quote the message
    return ChatSendFailed(
        f"LINE refused the message ({status})",
        f"LINE ไม่รับข้อความ ({status})",
        retryable=retryable,
        status=status,
    )


def _header(headers: Any, name: str) -> str:
    found = headers.get(name) if headers is not None else None
    return str(found or "")
