"""A fake Thailand Post Track & Trace API on 127.0.0.1 (a port from the OS), from its public
reference: POST /post/api/v1/authenticate/token (`Authorization: Token <API token>` ->
{"expire", "token"}), POST /post/api/v1/track ({"status", "language", "barcode": [<= 100]}
with `Authorization: Token <token>` -> {"response": {"items": {...}, "track_count": {...}},
"message": "successful", "status": true}) and POST /post/api/v1/hook (subscribe barcodes).

Knobs: `expire_tokens()` makes the tokens given so far answer 401; `down = True` answers 503
to everything; `refuse_hooks` are barcodes the hook call answers "status": false for;
`events[barcode]` is what a barcode's track shows; `requests` logs each call.
"""

from __future__ import annotations

import json
import secrets
import threading
from dataclasses import dataclass, field
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from pos.domain.shop_time import BANGKOK

TOKEN_PATH = "/post/api/v1/authenticate/token"
TRACK_PATH = "/post/api/v1/track"
HOOK_PATH = "/post/api/v1/hook"
BATCH_LIMIT = 100


DESCRIPTIONS = {"103": "รับฝาก", "201": "อยู่ระหว่างการขนส่ง", "301": "ออกไปนำจ่าย",
                "401": "นำจ่ายไม่สำเร็จ", "501": "นำจ่ายสำเร็จ"}  # fmt: skip


def item(
    barcode: str, status: str, at: datetime, description: str = "", **extra: str
) -> dict[str, str]:
    """One event as the API lists it: `at` in Bangkok time with the Buddhist-era year, as the
    Thai answers write it."""
    at = at.astimezone(BANGKOK)
    delivered = status == "501"
    date = f"{at:%d/%m}/{at.year + 543} {at:%H:%M:%S}+07:00"
    out = {
        "barcode": barcode, "status": status,
        "status_description": description or DESCRIPTIONS.get(status, "สถานะ"),
        "status_date": date, "location": "ขอนแก่น", "postcode": "40000",
        "delivery_status": "S" if delivered else "",
        "delivery_description": "ส่งสำเร็จ" if delivered else "",
        "delivery_datetime": date if delivered else "",
        "receiver_name": "สมชาย/ผู้รับ" if delivered else "", "signature": "",
    }  # fmt: skip
    out.update(extra)
    return out


@dataclass
class FakeThailandPost:
    api_token: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    expire: str = "2027-01-02 12:00:00+07:00"
    down: bool = False
    events: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    requests: list[tuple[str, Any]] = field(default_factory=list)  # (path, body)
    hooked: list[str] = field(default_factory=list)  # every barcode a hook call took
    refuse_hooks: set[str] = field(default_factory=set)  # barcodes a hook call answers false
    tokens: set[str] = field(default_factory=set)
    url: str = ""
    _server: ThreadingHTTPServer | None = None

    def expire_tokens(self) -> None:
        self.tokens.clear()

    def tracked(self) -> list[list[str]]:
        """The barcodes of each track call answered or refused, in order."""
        return [list(body.get("barcode", [])) for path, body in self.requests if path == TRACK_PATH]

    def start(self) -> FakeThailandPost:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:
                pass

            def _send(self, status: int, body: object) -> None:
                data = json.dumps(body, ensure_ascii=False).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                try:
                    body = json.loads(raw) if raw else {}
                except ValueError:
                    body = None
                fake.requests.append((self.path, body))
                if fake.down:
                    self._send(503, {"message": "Service Unavailable", "status": False})
                    return
                auth = self.headers.get("Authorization", "")
                token = auth[6:] if auth.startswith("Token ") else ""
                if self.path == TOKEN_PATH:
                    if token != fake.api_token:
                        self._send(401, {"detail": "Invalid token."})
                        return
                    issued = secrets.token_urlsafe(32)
                    fake.tokens.add(issued)
                    self._send(200, {"expire": fake.expire, "token": issued})
                    return
                if token not in fake.tokens:
                    self._send(401, {"detail": "Invalid token."})
                    return
                if not isinstance(body, dict) or not isinstance(body.get("barcode"), list):
                    self._send(400, {"message": "invalid request", "status": False})
                    return
                barcodes = [str(b) for b in body["barcode"]]
                if len(barcodes) > BATCH_LIMIT:
                    self._send(400, {"message": f"barcode limit {BATCH_LIMIT}", "status": False})
                    return
                if self.path == TRACK_PATH:
                    items = {b: list(fake.events.get(b, [])) for b in barcodes}
                    count = {"track_date": "03/12/2569", "count_number": len(barcodes),
                             "track_count_limit": 1500}  # fmt: skip
                    self._send(200, {"response": {"items": items, "track_count": count},
                                     "message": "successful", "status": True})  # fmt: skip
                    return
                if self.path == HOOK_PATH:
                    taken = [b for b in barcodes if b not in fake.refuse_hooks]
                    fake.hooked.extend(taken)
                    listed = [{"barcode": b, "status": b in taken} for b in barcodes]
                    self._send(200, {"response": {"items": listed}, "message": "successful",
                                     "status": True})  # fmt: skip
                    return
                self._send(404, {"message": "not found", "status": False})

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
