"""A fake Graph API for Messenger on 127.0.0.1, and Facebook's side of our webhook (sign, POST).

Written from Meta's public reference: POST /v21.0/me/messages?access_token=... (the Send API:
`recipient.id`, `messaging_type` RESPONSE / UPDATE / MESSAGE_TAG with a `tag`, a `message` of
text up to 2,000 characters or one attachment: an image by URL, a generic template of up to
10 elements (title and subtitle up to 80, up to 3 buttons), a button template (text up to 640,
1-3 buttons); up to 13 quick replies), answered {"recipient_id", "message_id"}; GET
/v21.0/me (the page) and GET /v21.0/{psid}?fields=first_name,last_name,profile_pic (a
profile). Errors are Graph error bodies: {"error": {"message", "type", "code",
"error_subcode"?, "fbtrace_id"}} (190 bad token, 100 bad parameter, 2 service, 613 rate
limit, 10 / 2018278 outside the 24-hour window, 551 person not available).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx

VERSION = "v21.0"
MESSAGING_TYPES = ("RESPONSE", "UPDATE", "MESSAGE_TAG")
TAGS = ("CONFIRMED_EVENT_UPDATE", "POST_PURCHASE_UPDATE", "ACCOUNT_UPDATE", "HUMAN_AGENT")
TEXT_LIMIT = 2000
ELEMENTS_LIMIT = 10
TITLE_LIMIT = 80
BUTTON_TEXT_LIMIT = 640
BUTTON_TITLE_LIMIT = 20
QUICK_REPLIES_LIMIT = 13


class GraphError(Exception):
    """An error answer of the Graph API: HTTP status and the `error` object."""

    def __init__(self, status: int, code: int, message: str, subcode: int | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.body: dict[str, Any] = {
            "message": message,
            "type": "OAuthException",
            "code": code,
            "fbtrace_id": secrets.token_urlsafe(8),
        }
        if subcode is not None:
            self.body["error_subcode"] = subcode


def bad(message: str) -> GraphError:
    return GraphError(400, 100, f"(#100) {message}")


@dataclass
class Sent:
    """One message the fake accepted."""

    recipient: str
    messaging_type: str
    tag: str | None
    message: dict[str, Any]
    message_id: str


@dataclass
class FakeGraph:
    """The fake's state: tokens, profiles, what it accepted, and the knobs tests turn."""

    page_token: str = "EAAfake-page-token"
    page_id: str = "110000000000001"
    page_name: str = "ศูนย์ OTOP ขอนแก่น"
    profiles: dict[str, dict[str, str]] = field(default_factory=dict)
    sent: list[Sent] = field(default_factory=list)
    requests: list[tuple[str, str]] = field(default_factory=list)  # (method, path) of each
    attempts: int = 0  # send requests that reached the fake, answered or not
    window_closed: set[str] = field(default_factory=set)  # PSIDs last heard > 24 h ago
    unavailable: set[str] = field(default_factory=set)  # PSIDs who blocked or left
    photos: dict[str, bytes] = field(default_factory=dict)  # the CDN: /cdn/<name> (JPEG)
    attachments: dict[str, str] = field(default_factory=dict)  # message id -> its image URL
    _fail: list[GraphError] = field(default_factory=list)
    _silent: bool = False
    _release: threading.Event = field(default_factory=threading.Event)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    # --- knobs ---------------------------------------------------------------------------
    def fail_next(self, n: int, *, status: int = 500, code: int = 2) -> None:
        """The next `n` sends are refused: code 2 (service) or 613 (rate limit) with
        `status`, before anything is accepted."""
        message = {
            2: "An unexpected error has occurred. Please retry your request later.",
            613: "Calls to this api have exceeded the rate limit.",
        }.get(code, "Error")
        with self._lock:
            self._fail.extend(GraphError(status, code, message) for _ in range(n))

    def go_silent(self) -> None:
        """Sends are read and then never answered (until `speak` or the fake stops); the
        message is accepted all the same, as when the answer is lost on the way back."""
        self._release.clear()
        self._silent = True

    def speak(self) -> None:
        self._silent = False
        self._release.set()

    def photo_url(self, base_url: str, name: str, data: bytes, mid: str = "") -> str:
        """A customer's photo put on the fake's CDN; its URL, as a webhook names it (and the
        image of message `mid`, for GET /{mid}/attachments)."""
        self.photos[name] = data
        url = f"{base_url.rsplit('/', 1)[0]}/cdn/{name}"
        if mid:
            self.attachments[mid] = url
        return url

    def texts(self, psid: str | None = None) -> list[str]:
        """The text of each accepted text message (to `psid`), in order."""
        return [
            s.message["text"]
            for s in self.sent
            if "text" in s.message and (psid is None or s.recipient == psid)
        ]

    def templates(self, kind: str) -> list[Sent]:
        """The accepted messages with a `kind` ("generic", "button") template."""
        return [s for s in self.sent if _template_type(s.message) == kind]

    # --- the API -------------------------------------------------------------------------
    def _check_token(self, query: dict[str, list[str]]) -> None:
        token = query.get("access_token", [""])[0]
        if not hmac.compare_digest(token, self.page_token):
            raise GraphError(400, 190, "Invalid OAuth access token - Cannot parse access token")

    def handle_get(self, path: str, query: dict[str, list[str]]) -> dict[str, Any]:
        self._check_token(query)
        parts = path.strip("/").split("/")
        if len(parts) == 3 and parts[0] == VERSION and parts[2] == "attachments":
            return self._attachments(parts[1])
        if len(parts) != 2 or parts[0] != VERSION:
            raise GraphError(404, 803, "(#803) Some of the aliases you requested do not exist")
        if parts[1] == "me":
            return {"name": self.page_name, "id": self.page_id}
        profile = self.profiles.get(parts[1])
        if profile is None:
            raise GraphError(
                400, 100, f"Unsupported get request. Object with ID '{parts[1]}' does not exist",
                subcode=33,
            )  # fmt: skip
        wanted = query.get("fields", ["first_name,last_name,profile_pic"])[0].split(",")
        return {"id": parts[1], **{k: v for k, v in profile.items() if k in wanted}}

    def _attachments(self, mid: str) -> dict[str, Any]:
        """GET /{message-id}/attachments: the files of a message the page received."""
        url = self.attachments.get(mid)
        if url is None:
            raise GraphError(
                400, 100, f"Unsupported get request. Object with ID '{mid}' does not exist",
                subcode=33,
            )  # fmt: skip
        name = url.rsplit("/", 1)[-1]
        size = len(self.photos.get(name, b""))
        image = {"url": url, "preview_url": url, "width": 1200, "height": 900}
        return {
            "data": [
                {"id": "att_" + mid[-8:], "mime_type": "image/jpeg", "name": name,
                 "size": size, "image_data": image}
            ]
        }  # fmt: skip

    def handle_send(self, query: dict[str, list[str]], body: bytes) -> dict[str, Any]:
        with self._lock:
            self.attempts += 1
            failure = self._fail.pop(0) if self._fail else None
        self._check_token(query)
        if failure is not None:
            raise failure
        try:
            data = json.loads(body)
        except ValueError:
            raise bad("Invalid JSON") from None
        if not isinstance(data, dict):
            raise bad("Invalid JSON")
        recipient = (data.get("recipient") or {}).get("id")
        if not isinstance(recipient, str) or not recipient:
            raise bad("The parameter recipient is required")
        kind = data.get("messaging_type")
        if kind not in MESSAGING_TYPES:
            raise bad("Param messaging_type must be one of {RESPONSE, UPDATE, MESSAGE_TAG}")
        tag = data.get("tag")
        if kind == "MESSAGE_TAG" and tag not in TAGS:
            raise bad("Param tag must be a valid message tag")
        message = data.get("message")
        if not isinstance(message, dict):
            raise bad("The parameter message is required")
        _check_message(message)
        if recipient in self.unavailable:
            raise GraphError(400, 551, "This person isn't available right now.", subcode=1545041)
        if kind != "MESSAGE_TAG" and recipient in self.window_closed:
            raise GraphError(
                400, 10, "(#10) This message is sent outside of allowed window.", subcode=2018278
            )
        message_id = "m_" + secrets.token_urlsafe(24)
        with self._lock:
            self.sent.append(Sent(recipient, kind, tag, message, message_id))
        if self._silent:  # accepted, but the answer never comes back
            self._release.wait()
            raise ConnectionAbortedError
        return {"recipient_id": recipient, "message_id": message_id}


def _template_type(message: dict[str, Any]) -> str | None:
    attachment = message.get("attachment") or {}
    if attachment.get("type") != "template":
        return None
    kind = (attachment.get("payload") or {}).get("template_type")
    return kind if isinstance(kind, str) else None


def _check_message(message: dict[str, Any]) -> None:
    """A Send API `message` as the reference describes it, else a (#100) error."""
    text, attachment = message.get("text"), message.get("attachment")
    if (text is None) == (attachment is None):
        raise bad("Must send either message text or an attachment")
    if text is not None:
        if not isinstance(text, str) or not text.strip():
            raise bad("Message text is empty")
        if len(text) > TEXT_LIMIT:
            raise bad("Length of param message[text] must be less than or equal to 2000")
    else:
        _check_attachment(attachment)
    quick = message.get("quick_replies")
    if quick is not None:
        if not isinstance(quick, list) or not 1 <= len(quick) <= QUICK_REPLIES_LIMIT:
            raise bad("param message[quick_replies] must have 1-13 items")
        for reply in quick:
            if reply.get("content_type") == "text" and not (
                reply.get("title") and reply.get("payload")
            ):
                raise bad("A text quick reply needs a title and a payload")


def _check_attachment(attachment: Any) -> None:
    if not isinstance(attachment, dict):
        raise bad("param message[attachment] must be an object")
    payload = attachment.get("payload")
    if not isinstance(payload, dict):
        raise bad("param message[attachment][payload] must be an object")
    kind = attachment.get("type")
    if kind in ("image", "video", "audio", "file"):
        if not _is_url(payload.get("url")):
            raise bad("param message[attachment][payload][url] must be a valid URL")
        return
    if kind != "template":
        raise bad(
            "param message[attachment][type] must be one of image, video, audio, file, template"
        )
    template = payload.get("template_type")
    if template == "generic":
        elements = payload.get("elements")
        if not isinstance(elements, list) or not 1 <= len(elements) <= ELEMENTS_LIMIT:
            raise bad("param elements must be an array of 1-10 elements")
        for element in elements:
            _check_element(element)
    elif template == "button":
        text = payload.get("text")
        if not isinstance(text, str) or not text.strip() or len(text) > BUTTON_TEXT_LIMIT:
            raise bad("param text must be a non-empty UTF-8 string of up to 640 characters")
        _check_buttons(payload.get("buttons"), least=1)
    else:
        raise bad("Invalid template type")


def _check_element(element: Any) -> None:
    if not isinstance(element, dict):
        raise bad("An element must be an object")
    title = element.get("title")
    if not isinstance(title, str) or not title.strip() or len(title) > TITLE_LIMIT:
        raise bad("param title must be a non-empty string of up to 80 characters")
    subtitle = element.get("subtitle")
    if subtitle is not None and (not isinstance(subtitle, str) or len(subtitle) > TITLE_LIMIT):
        raise bad("param subtitle must be a string of up to 80 characters")
    if not any(element.get(k) for k in ("subtitle", "image_url", "default_action", "buttons")):
        raise bad("At least one property must be set in addition to title")
    if "image_url" in element and not _is_url(element["image_url"]):
        raise bad("param image_url must be a valid URL")
    action = element.get("default_action")
    if action is not None and (
        action.get("type") != "web_url" or not _is_url(action.get("url")) or "title" in action
    ):
        raise bad("default_action must be a web_url without a title")
    if "buttons" in element:
        _check_buttons(element["buttons"], least=1)


def _check_buttons(buttons: Any, least: int) -> None:
    if not isinstance(buttons, list) or not least <= len(buttons) <= 3:
        raise bad("param buttons must have 1-3 buttons")
    for button in buttons:
        title = button.get("title")
        if not isinstance(title, str) or not title.strip() or len(title) > BUTTON_TITLE_LIMIT:
            raise bad("param title of a button must be a string of up to 20 characters")
        if button.get("type") == "web_url":
            if not _is_url(button.get("url")):
                raise bad("param url of a web_url button must be a valid URL")
        elif button.get("type") == "postback":
            if not button.get("payload"):
                raise bad("param payload of a postback button is required")
        else:
            raise bad("Invalid button type")


def _is_url(value: Any) -> bool:
    if not isinstance(value, str) or len(value) > 2000:
        return False
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


# --- the server --------------------------------------------------------------------------
class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _answer(self, status: int, body: dict[str, Any]) -> None:
        raw = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=UTF-8")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def _photo(self, data: bytes | None) -> None:
        if data is None:
            self._answer(404, {"error": "not found"})
            return
        self.send_response(200)
        self.send_header("Content-Type", "image/jpeg")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _run(self, method: str) -> None:
        url = urlsplit(self.path)
        query = parse_qs(url.query)
        graph = self.server.graph
        graph.requests.append((method, url.path))
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        if method == "GET" and url.path.startswith("/cdn/"):
            self._photo(graph.photos.get(url.path.removeprefix("/cdn/")))
            return
        try:
            if method == "POST" and url.path == f"/{VERSION}/me/messages":
                answer = graph.handle_send(query, body)
            elif method == "GET":
                answer = graph.handle_get(url.path, query)
            else:
                raise GraphError(400, 100, "Unsupported post request.")
        except GraphError as error:
            self._answer(error.status, {"error": error.body})
        except ConnectionAbortedError:
            self.close_connection = True
        else:
            self._answer(200, answer)

    def do_GET(self) -> None:
        self._run("GET")

    def do_POST(self) -> None:
        self._run("POST")


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    graph: FakeGraph


@dataclass
class RunningGraph:
    graph: FakeGraph
    base_url: str  # what the shop's `facebook_graph_base` setting points at


@contextmanager
def running_graph(graph: FakeGraph | None = None) -> Iterator[RunningGraph]:
    """The fake serving on 127.0.0.1 on a port from the OS until the block ends."""
    server = _Server(("127.0.0.1", 0), _Handler)
    server.graph = graph or FakeGraph()
    thread = threading.Thread(target=server.serve_forever, name="fake-graph", daemon=True)
    thread.start()
    try:
        port = server.server_address[1]
        yield RunningGraph(server.graph, f"http://127.0.0.1:{port}/{VERSION}")
    finally:
        server.graph.speak()  # a silent handler lets go
        server.shutdown()
        server.server_close()
        thread.join(5)


# --- Facebook's side of our webhook ------------------------------------------------------
def signature(body: bytes, app_secret: str) -> str:
    """The X-Hub-Signature-256 header of `body`: sha256= and the HMAC's lowercase hex."""
    return "sha256=" + hmac.new(app_secret.encode(), body, hashlib.sha256).hexdigest()


def encode(payload: dict[str, Any]) -> bytes:
    """A webhook body as Facebook writes it (non-ASCII escaped as \\uXXXX)."""
    return json.dumps(payload, ensure_ascii=True, separators=(",", ":")).encode()


def deliver(
    client: httpx.Client,
    url: str,
    payload: dict[str, Any] | bytes,
    app_secret: str | None,
    *,
    sign_with: str | None = None,
) -> httpx.Response:
    """POST a webhook body to our server as Facebook does, signed with `app_secret` (or a
    wrong `sign_with`; None and None: unsigned)."""
    body = payload if isinstance(payload, bytes) else encode(payload)
    headers = {"Content-Type": "application/json"}
    secret = sign_with if sign_with is not None else app_secret
    if secret is not None:
        headers["X-Hub-Signature-256"] = signature(body, secret)
    return client.post(url, content=body, headers=headers)


def handshake(
    client: httpx.Client, url: str, verify_token: str, challenge: str = "1158201444"
) -> httpx.Response:
    """The GET Facebook makes when the webhook's callback URL is saved."""
    params = {"hub.mode": "subscribe", "hub.verify_token": verify_token, "hub.challenge": challenge}
    return client.get(url, params=params)


def _now_ms() -> int:
    return int(time.time() * 1000)


def page_body(page_id: str, *messaging: dict[str, Any]) -> dict[str, Any]:
    """A webhook body of one entry of the page with `messaging` events."""
    return {
        "object": "page",
        "entry": [{"id": page_id, "time": _now_ms(), "messaging": list(messaging)}],
    }


def text_event(
    page_id: str, psid: str, text: str, *, mid: str | None = None, at_ms: int | None = None
) -> dict[str, Any]:
    return {
        "sender": {"id": psid},
        "recipient": {"id": page_id},
        "timestamp": at_ms or _now_ms(),
        "message": {"mid": mid or "m_" + secrets.token_urlsafe(16), "text": text},
    }


def image_event(page_id: str, psid: str, url: str, *, mid: str | None = None) -> dict[str, Any]:
    return {
        "sender": {"id": psid},
        "recipient": {"id": page_id},
        "timestamp": _now_ms(),
        "message": {
            "mid": mid or "m_" + secrets.token_urlsafe(16),
            "attachments": [{"type": "image", "payload": {"url": url}}],
        },
    }


def postback_event(
    page_id: str, psid: str, payload: str, title: str = "", *, at_ms: int | None = None
) -> dict[str, Any]:
    return {
        "sender": {"id": psid},
        "recipient": {"id": page_id},
        "timestamp": at_ms or _now_ms(),
        "postback": {
            "title": title or payload,
            "payload": payload,
            "mid": "m_" + secrets.token_urlsafe(16),
        },
    }


def echo_event(page_id: str, psid: str, text: str) -> dict[str, Any]:
    """The page's own message coming back (`message_echoes`)."""
    return {
        "sender": {"id": page_id},
        "recipient": {"id": psid},
        "timestamp": _now_ms(),
        "message": {"is_echo": True, "app_id": 1517776481860111, "mid": "m_echo", "text": text},
    }


def delivery_event(page_id: str, psid: str) -> dict[str, Any]:
    return {
        "sender": {"id": psid},
        "recipient": {"id": page_id},
        "timestamp": _now_ms(),
        "delivery": {"mids": ["m_x"], "watermark": _now_ms()},
    }


def read_event(page_id: str, psid: str) -> dict[str, Any]:
    return {
        "sender": {"id": psid},
        "recipient": {"id": page_id},
        "timestamp": _now_ms(),
        "read": {"watermark": _now_ms()},
    }
