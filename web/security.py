"""The shop's session cookie (signed), CSRF tokens, the order rate limit and security headers."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

SESSION_COOKIE = "shop"
MAX_BASKET_LINES = 30
MAX_PLACED_KEPT = 5

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'none'; "
        "object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}


@dataclass
class Session:
    """What the browser keeps between pages: its id, the basket (refs and quantities only,
    never prices) and the orders it placed (number and phone, to show them again)."""

    sid: str
    basket: list[tuple[str, str, int]] = field(default_factory=list)  # (kind, ref, quantity)
    placed: dict[str, tuple[str, str]] = field(default_factory=dict)  # key -> (order_no, phone)
    contact: tuple[str, str, str] | None = None  # chat (channel, user id, name): web.chat_links

    @classmethod
    def new(cls) -> Session:
        return cls(secrets.token_urlsafe(16))

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"sid": self.sid, "b": [list(x) for x in self.basket]}
        data["p"] = self.placed
        if self.contact is not None:
            data["c"] = list(self.contact)
        return data

    @classmethod
    def from_json(cls, data: Any) -> Session | None:
        """The session in `data`, or None when it is not one this app wrote."""
        try:
            sid = data["sid"]
            basket = [(str(k), str(r), int(q)) for k, r, q in data["b"]]
            placed = {str(k): (str(v[0]), str(v[1])) for k, v in data["p"].items()}
            c = data.get("c")
            contact = None if c is None else (str(c[0]), str(c[1]), str(c[2]))
        except (KeyError, TypeError, ValueError, AttributeError, IndexError):
            return None
        if not isinstance(sid, str) or len(basket) > MAX_BASKET_LINES:
            return None
        return cls(sid, basket, placed, contact)

    def remember(self, key: str, order_no: str, phone: str) -> None:
        """The order placed with idempotency key `key`; the last few only."""
        self.placed[key] = (order_no, phone)
        while len(self.placed) > MAX_PLACED_KEPT:
            del self.placed[next(iter(self.placed))]

    def phone_of(self, order_no: str) -> str | None:
        return next((phone for no, phone in self.placed.values() if no == order_no), None)


class Signer:
    """HMAC-SHA256 signatures with the app's secret: the session cookie and CSRF tokens."""

    def __init__(self, secret: bytes) -> None:
        self._secret = secret

    def _mac(self, purpose: str, data: bytes) -> str:
        digest = hmac.new(self._secret, purpose.encode() + b"\0" + data, hashlib.sha256)
        return base64.urlsafe_b64encode(digest.digest()).decode().rstrip("=")

    def dump_session(self, session: Session) -> str:
        raw = json.dumps(session.as_json(), separators=(",", ":")).encode()
        body = base64.urlsafe_b64encode(raw).decode().rstrip("=")
        return f"{body}.{self._mac('session', body.encode())}"

    def load_session(self, cookie: str | None) -> Session | None:
        """The session of a cookie this app signed; None for a missing or tampered one."""
        if not cookie or "." not in cookie or len(cookie) > 4000:
            return None
        body, mac = cookie.rsplit(".", 1)
        if not hmac.compare_digest(mac, self._mac("session", body.encode())):
            return None
        try:
            raw = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
            return Session.from_json(json.loads(raw))
        except ValueError:
            return None

    def csrf_token(self, session: Session) -> str:
        """The session's CSRF token: a form posted with another session's token is refused."""
        return self._mac("csrf", session.sid.encode())

    def csrf_ok(self, session: Session, token: str | None) -> bool:
        return bool(token) and hmac.compare_digest(str(token), self.csrf_token(session))


class TokenBucket:
    """A rate limit per client: `capacity` attempts at once, one more every `refill_s`."""

    def __init__(
        self,
        capacity: int,
        refill_s: float,
        clock: Callable[[], float] = time.monotonic,
        most_clients: int = 10_000,
    ) -> None:
        self.capacity = capacity
        self.refill_s = refill_s
        self._clock = clock
        self._most = most_clients
        self._buckets: dict[str, tuple[float, float]] = {}  # client -> (tokens, at)
        self._lock = threading.Lock()

    def take(self, client: str) -> bool:
        """Spend one token of `client`; False when it has none left (refuse the request)."""
        now = self._clock()
        with self._lock:
            tokens, at = self._buckets.get(client, (float(self.capacity), now))
            tokens = min(float(self.capacity), tokens + (now - at) / self.refill_s)
            if tokens < 1:
                self._buckets[client] = (tokens, now)
                return False
            if len(self._buckets) >= self._most and client not in self._buckets:
                self._buckets.clear()  # a flood of addresses: forget them, not the memory
            self._buckets[client] = (tokens - 1, now)
            return True
