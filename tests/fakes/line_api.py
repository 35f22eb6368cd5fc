"""A local fake of the LINE Platform on 127.0.0.1, written from the Messaging API reference.

Serves, on one port from the OS (both the api.line.me and the api-data.line.me paths):
POST /v2/bot/message/push (Bearer token checked; X-Line-Retry-Key: a UUID, one seen before ->
409 with `x-line-accepted-request-id`), POST /v2/bot/message/reply (a reply token once, used
or unknown -> 400 "Invalid reply token"; an X-Line-Retry-Key -> 400: LINE takes it on push,
multicast, narrowcast and broadcast only),
GET /v2/bot/info, /v2/bot/profile/{userId}, /v2/bot/message/quota, /quota/consumption,
GET /v2/bot/message/{id}/content, POST /oauth2/v2.1/verify (a LIFF ID token) and
GET /liff/sdk.js (a stand-in LIFF SDK). Knobs: `fail_next(n)`, `hang()`,
`hang_after_accept()`; `pushes` and `replies` record every accepted request. `post_webhook`
signs and posts as LINE does.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import secrets
import threading
import time
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

import httpx

MESSAGE_TYPES = {
    "text", "image", "video", "audio", "location", "sticker", "imagemap", "template", "flex",
}  # fmt: skip
MAX_TEXT = 5000
MAX_MESSAGES = 5
HANG_LIMIT_S = 30.0
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_URI = re.compile(r"^(https?://[^\s]+|line://[^\s]+|tel:[0-9+]+)$")
_PROFILE = re.compile(r"^/v2/bot/profile/([^/]+)$")
_CONTENT = re.compile(r"^/v2/bot/message/([^/]+)/content$")


@dataclass
class Accepted:
    """One accepted push or reply: its body, retry key (pushes) and request id."""

    body: dict[str, Any]
    retry_key: str
    request_id: str

    @property
    def messages(self) -> list[dict[str, Any]]:
        messages: list[dict[str, Any]] = self.body["messages"]
        return messages


@dataclass
class FakeLine:
    """The fake platform's state; `start()` serves it (a context manager)."""

    access_token: str = "fake-line-access-token"
    channel_secret: str = "fake-line-channel-secret"
    liff_channel_id: str = "1650000000"
    quota: int = 300
    profiles: dict[str, dict[str, str]] = field(default_factory=dict)
    contents: dict[str, tuple[bytes, str]] = field(default_factory=dict)
    pushes: list[Accepted] = field(default_factory=list)
    replies: list[Accepted] = field(default_factory=list)
    requests: list[tuple[str, str, int]] = field(default_factory=list)  # method, path, status
    url: str = ""
    liff_user: tuple[str, str] = ("U" + "0" * 31 + "1", "สมหญิง ใจดี")
    _retry_keys: dict[str, str] = field(default_factory=dict)
    _reply_tokens: set[str] = field(default_factory=set)
    _id_tokens: dict[str, dict[str, Any]] = field(default_factory=dict)
    _fail: list[int] = field(default_factory=list)
    _hang: threading.Event = field(default_factory=threading.Event)
    _release: threading.Event = field(default_factory=threading.Event)
    _hang_after: threading.Event = field(default_factory=threading.Event)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    # --- knobs -------------------------------------------------------------------------------
    def fail_next(self, n: int, status: int = 500) -> None:
        """The next `n` pushes and replies answer `status` without accepting anything."""
        with self._lock:
            self._fail.extend([status] * n)

    def hang(self) -> None:
        """Every request from now waits (no answer) until `answer()` or HANG_LIMIT_S."""
        self._release.clear()
        self._hang.set()

    def hang_after_accept(self) -> None:
        """Pushes and replies from now are accepted (recorded, a push's retry key or a
        reply's token taken) and then not answered until `answer()`: the sender cannot know
        LINE has them."""
        self._release.clear()
        self._hang_after.set()

    def answer(self) -> None:
        self._hang.clear()
        self._hang_after.clear()
        self._release.set()

    def reply_token(self) -> str:
        """A fresh reply token, as LINE puts in a webhook event (good for one reply)."""
        token = secrets.token_hex(16)
        with self._lock:
            self._reply_tokens.add(token)
        return token

    def id_token(self, user_id: str, name: str, client_id: str | None = None) -> str:
        """A LIFF ID token of `user_id` for the LIFF channel (or `client_id`)."""
        token = "eyJ" + secrets.token_urlsafe(24)
        now = int(time.time())
        claims = {
            "iss": "https://access.line.me", "sub": user_id,
            "aud": client_id or self.liff_channel_id, "exp": now + 3600, "iat": now,
            "amr": ["linesso"], "name": name, "picture": "https://profile.line-scdn.net/x",
        }  # fmt: skip
        with self._lock:
            self._id_tokens[token] = claims
        return token

    def pushed_to(self, user_id: str) -> list[Accepted]:
        with self._lock:
            return [p for p in self.pushes if p.body["to"] == user_id]

    # --- webhooks, as LINE sends them ----------------------------------------------------------
    def sign(self, body: bytes, secret: str | None = None) -> str:
        key = (secret or self.channel_secret).encode()
        return base64.b64encode(hmac.new(key, body, hashlib.sha256).digest()).decode()

    def post_webhook(
        self,
        target: str | httpx.Client,
        events: Sequence[dict[str, Any]] | bytes,
        *,
        signature: str | None = None,
        path: str = "/hooks/line",
    ) -> httpx.Response:
        """POST the events (or raw bytes) signed with the channel secret to our server."""
        if isinstance(events, bytes):
            body = events
        else:
            payload = {"destination": "U" + "f" * 32, "events": list(events)}
            body = json.dumps(payload, ensure_ascii=False).encode()
        headers = {
            "content-type": "application/json; charset=utf-8",
            "user-agent": "LineBotWebhook/2.0",
            "x-line-signature": self.sign(body) if signature is None else signature,
        }
        if not headers["x-line-signature"]:
            del headers["x-line-signature"]
        if isinstance(target, httpx.Client):
            return target.post(path, content=body, headers=headers)
        return httpx.post(target.rstrip("/") + path, content=body, headers=headers, timeout=10)

    # --- serving -------------------------------------------------------------------------------
    @contextmanager
    def start(self) -> Iterator[FakeLine]:
        server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        server.daemon_threads = True
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        self.url = f"http://127.0.0.1:{server.server_address[1]}"
        try:
            yield self
        finally:
            self.answer()
            server.shutdown()
            server.server_close()
            thread.join(5)

    # --- the endpoints -------------------------------------------------------------------------
    def handle(
        self, method: str, path: str, headers: dict[str, str], body: bytes
    ) -> tuple[int, dict[str, str], bytes]:
        if self._hang.is_set():
            self._release.wait(HANG_LIMIT_S)
        if method == "GET" and path == "/liff/sdk.js":
            return 200, {"content-type": "text/javascript"}, self._sdk_js().encode()
        if method == "POST" and path == "/oauth2/v2.1/verify":
            return self._verify(body)
        if headers.get("authorization") != f"Bearer {self.access_token}":
            return _json(401, {"message": "Authentication failed. Confirm that the access "
                               "token in the authorization header is valid."})  # fmt: skip
        if method == "POST" and path == "/v2/bot/message/push":
            return self._push(headers, body)
        if method == "POST" and path == "/v2/bot/message/reply":
            return self._reply(headers, body)
        if method == "GET":
            return self._get(path)
        return _json(404, {"message": "Not found"})

    def _failure(self) -> int | None:
        with self._lock:
            return self._fail.pop(0) if self._fail else None

    def _push(self, headers: dict[str, str], raw: bytes) -> tuple[int, dict[str, str], bytes]:
        key = headers.get("x-line-retry-key", "")
        if key and not _UUID.match(key.lower()):
            return _json(400, {"message": "The value for the 'X-Line-Retry-Key' header is "
                               "invalid"})  # fmt: skip
        body, problem = _body(raw, "to")
        if problem:
            return _json(400, problem)
        failure = self._failure()
        if failure is not None:
            return _json(failure, {"message": "An error occurred in the internal server."})
        request_id = str(uuid.uuid4())
        with self._lock:
            if key and key in self._retry_keys:
                return _json(
                    409, {"message": "The retry key is already accepted"},
                    {"x-line-accepted-request-id": self._retry_keys[key],
                     "x-line-request-id": request_id},
                )  # fmt: skip
            if key:
                self._retry_keys[key] = request_id
            self.pushes.append(Accepted(body, key, request_id))
        if self._hang_after.is_set():
            self._release.wait(HANG_LIMIT_S)
        return _json(200, _sent(body), {"x-line-request-id": request_id})

    def _reply(self, headers: dict[str, str], raw: bytes) -> tuple[int, dict[str, str], bytes]:
        if "x-line-retry-key" in headers:  # only push, multicast, narrowcast, broadcast take it
            return _json(400, {"message": "The 'X-Line-Retry-Key' header is not supported by "
                               "this API"})  # fmt: skip
        body, problem = _body(raw, "replyToken")
        if problem:
            return _json(400, problem)
        failure = self._failure()
        if failure is not None:
            return _json(failure, {"message": "An error occurred in the internal server."})
        with self._lock:
            if body["replyToken"] not in self._reply_tokens:
                return _json(400, {"message": "Invalid reply token"})
            self._reply_tokens.discard(body["replyToken"])
            request_id = str(uuid.uuid4())
            self.replies.append(Accepted(body, "", request_id))
        if self._hang_after.is_set():
            self._release.wait(HANG_LIMIT_S)
        return _json(200, _sent(body), {"x-line-request-id": request_id})

    def _get(self, path: str) -> tuple[int, dict[str, str], bytes]:
        if path == "/v2/bot/info":
            return _json(200, {
                "userId": "U" + "f" * 32, "basicId": "@123otop", "displayName": "OTOP ขอนแก่น",
                "chatMode": "bot", "markAsReadMode": "auto",
            })  # fmt: skip
        if path == "/v2/bot/message/quota":
            return _json(200, {"type": "limited", "value": self.quota})
        if path == "/v2/bot/message/quota/consumption":
            with self._lock:
                return _json(200, {"totalUsage": len(self.pushes)})
        if found := _PROFILE.match(path):
            profile = self.profiles.get(found.group(1))
            if profile is None:
                return _json(404, {"message": "Not found"})
            return _json(200, {"userId": found.group(1), **profile})
        if found := _CONTENT.match(path):
            content = self.contents.get(found.group(1))
            if content is None:
                return _json(404, {"message": "Not found"})
            return 200, {"content-type": content[1]}, content[0]
        return _json(404, {"message": "Not found"})

    def _verify(self, raw: bytes) -> tuple[int, dict[str, str], bytes]:
        form = {k: v[0] for k, v in parse_qs(raw.decode("utf-8", "replace")).items()}
        with self._lock:
            claims = self._id_tokens.get(form.get("id_token", ""))
        if claims is None or claims["exp"] < time.time():
            return _json(400, {"error": "invalid_request", "error_description": "Invalid IdToken."})
        if form.get("client_id") != claims["aud"]:
            return _json(400, {"error": "invalid_request",
                               "error_description": "Invalid IdToken Audience."})  # fmt: skip
        return _json(200, claims)

    def _sdk_js(self) -> str:
        """A stand-in for LINE's LIFF SDK: logged in as `liff_user` with a real ID token."""
        user_id, name = self.liff_user
        token = self.id_token(user_id, name)
        profile = json.dumps({"userId": user_id, "displayName": name}, ensure_ascii=False)
        return (
            "window.liff = (function () {\n"
            "  var ready = false;\n"
            "  return {\n"
            "    init: function (config) { ready = !!(config && config.liffId);\n"
            "      return ready ? Promise.resolve() : Promise.reject(new Error('liffId')); },\n"
            "    isLoggedIn: function () { return ready; },\n"
            "    isInClient: function () { return true; },\n"
            "    login: function () {},\n"
            f"    getIDToken: function () {{ return ready ? {json.dumps(token)} : null; }},\n"
            f"    getProfile: function () {{ return Promise.resolve({profile}); }}\n"
            "  };\n"
            "})();\n"
        )


def _sent(body: dict[str, Any]) -> dict[str, Any]:
    return {"sentMessages": [
        {"id": str(secrets.randbelow(10**18)), "quoteToken": secrets.token_urlsafe(12)}
        for _ in body["messages"]
    ]}  # fmt: skip


def _body(raw: bytes, target: str) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """The request's JSON checked as the reference says; (body, None) or ({}, the 400 body)."""
    try:
        body = json.loads(raw)
    except ValueError:
        return {}, {"message": "The request body has 1 error(s)",
                    "details": [{"message": "Invalid JSON", "property": ""}]}  # fmt: skip
    details: list[dict[str, str]] = []
    if not isinstance(body, dict) or not isinstance(body.get(target), str) or not body[target]:
        details.append({"message": "must be specified", "property": target})
        body = body if isinstance(body, dict) else {}
    messages = body.get("messages")
    if not isinstance(messages, list) or not 1 <= len(messages) <= MAX_MESSAGES:
        details.append({"message": "Size must be between 1 and 5", "property": "messages"})
        messages = []
    for i, message in enumerate(messages):
        kind = message.get("type") if isinstance(message, dict) else None
        if kind not in MESSAGE_TYPES:
            details.append({"message": "Invalid message type", "property": f"messages[{i}].type"})
        elif kind == "text" and not 0 < len(str(message.get("text", ""))) <= MAX_TEXT:
            details.append({"message": "Length must be between 0 and 5000",
                            "property": f"messages[{i}].text"})  # fmt: skip
        elif kind in ("template", "flex") and not message.get("altText"):
            details.append({"message": "must be specified",
                            "property": f"messages[{i}].altText"})  # fmt: skip
        elif any(not _URI.match(uri) for uri in _uris(message)):
            details.append({"message": "invalid uri", "property": f"messages[{i}]"})
    if details:
        return {}, {"message": f"The request body has {len(details)} error(s)", "details": details}
    return body, None


def _uris(value: Any) -> Iterator[str]:
    """Every URL a message carries (action URIs, image URLs)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("uri", "url", "originalContentUrl", "previewImageUrl"):
                yield str(item)
            else:
                yield from _uris(item)
    elif isinstance(value, list):
        for item in value:
            yield from _uris(item)


def _json(
    status: int, body: dict[str, Any], headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], bytes]:
    data = json.dumps(body, ensure_ascii=False).encode()
    return status, {"content-type": "application/json", **(headers or {})}, data


def _handler(fake: FakeLine) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _serve(self, method: str) -> None:
            length = int(self.headers.get("content-length") or 0)
            body = self.rfile.read(length) if length else b""
            headers = {k.lower(): v for k, v in self.headers.items()}
            path = self.path.split("?", 1)[0]
            status, out, data = fake.handle(method, path, headers, body)
            with fake._lock:
                fake.requests.append((method, path, status))
            try:
                self.send_response(status)
                for name, value in {**out, "content-length": str(len(data))}.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)
            except OSError:
                pass  # the client gave up waiting (a timeout test)

        def do_GET(self) -> None:
            self._serve("GET")

        def do_POST(self) -> None:
            self._serve("POST")

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler
