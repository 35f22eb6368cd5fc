"""Thailand Post's Track & Trace API (trackapi.thailandpost.co.th) as a TrackingSource.

The documented calls: POST /post/api/v1/authenticate/token with `Authorization: Token <the
API token made on track.thailandpost.co.th>` answers {"expire": "2026-12-31 12:00:00+07:00",
"token": "..."} (about a month); POST /post/api/v1/track with `Authorization: Token <that
token>` and {"status": "all", "language": "TH", "barcode": [up to 100]} answers
{"response": {"items": {"<barcode>": [event, ...]}, "track_count": {...}}, "message":
"successful", "status": true}. An event's dates read "26/10/2562 10:00:44+07:00" (the
Buddhist-era year in Thai answers); the hook API's pushes send the same events under
{"items": [event, ...], "track_datetime": ...}, minutes without seconds.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import httpx

from pos.domain.tracking import BATCH_LIMIT, THAILAND_POST, TrackingEvent
from pos.ports.clock import Clock
from pos.ports.tracking import TrackingRefused, TrackingUnavailable

log = logging.getLogger(__name__)

DEFAULT_BASE = "https://trackapi.thailandpost.co.th"
HOOK_BASE = "https://trackwebhook.thailandpost.co.th"  # the hook API: its own API token
TOKEN_PATH = "/post/api/v1/authenticate/token"
TRACK_PATH = "/post/api/v1/track"
HOOK_PATH = "/post/api/v1/hook"
_TIMEOUT = httpx.Timeout(20.0, connect=5.0)
_EARLY = timedelta(hours=1)  # a token is renewed this long before it expires
_BE_OFFSET = 543
_DATE = re.compile(
    r"(\d{1,2})/(\d{1,2})/(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([+-]\d{2}):?(\d{2})?"
)


class MalformedTracking(ValueError):
    """A body that is not Thailand Post's tracking shape (nothing of it is recorded)."""


def parse_date(text: str) -> datetime:
    """A Thailand Post date ("26/10/2019 10:00:44+07:00", Buddhist-era years too, seconds
    optional) in UTC."""
    found = _DATE.fullmatch(text.strip())
    if not found:
        raise MalformedTracking(f"not a Thailand Post date: {text[:40]!r}")
    day, month, year, hour, minute, second, tz_h, tz_m = found.groups()
    y = int(year)
    if y > 2400:
        y -= _BE_OFFSET
    sign = -1 if tz_h.startswith("-") else 1
    try:
        zone = timezone(timedelta(hours=int(tz_h), minutes=sign * int(tz_m or 0)))
        at = datetime(y, int(month), int(day), int(hour), int(minute), int(second or 0), 0, zone)
    except ValueError as exc:
        raise MalformedTracking(f"not a Thailand Post date: {text[:40]!r}") from exc
    return at.astimezone(UTC)


def _text(item: Mapping[str, Any], key: str, limit: int) -> str:
    value = item.get(key)
    if value is None:
        return ""
    if not isinstance(value, str | int):
        raise MalformedTracking(f"{key} is not a text")
    return str(value).strip()[:limit]


def parse_event(item: object) -> TrackingEvent:
    """One event of the track answer or a hook push."""
    if not isinstance(item, Mapping):
        raise MalformedTracking("an event is not an object")
    barcode = _text(item, "barcode", 40).upper()
    status = _text(item, "status", 8)
    if not barcode or not status.isdigit():
        raise MalformedTracking("an event without its barcode or status code")
    return TrackingEvent(
        barcode=barcode,
        status_code=status,
        description=_text(item, "status_description", 300),
        at=parse_date(_text(item, "status_date", 40)),
        location=_text(item, "location", 120),
        postcode=_text(item, "postcode", 10),
        delivered=status == "501" or _text(item, "delivery_status", 8) == "S",
        receiver=_text(item, "receiver_name", 120),
    )


def parse_items(items: object) -> list[TrackingEvent]:
    """The events of an "items" value: {barcode: [event, ...]} (track) or [event, ...]
    (hook); MalformedTracking when any part is not that shape."""
    if isinstance(items, Mapping):
        out: list[TrackingEvent] = []
        for events in items.values():
            if not isinstance(events, list):
                raise MalformedTracking("a barcode's events are not a list")
            out.extend(parse_event(e) for e in events)
        return out
    if isinstance(items, list):
        return [parse_event(e) for e in items]
    raise MalformedTracking("items is neither a list nor an object")


def parse_push(body: object) -> list[TrackingEvent]:
    """A hook push's events ({"items": ..., "track_datetime": ...})."""
    if not isinstance(body, Mapping) or "items" not in body:
        raise MalformedTracking("a push without items")
    return parse_items(body["items"])


class ThailandPostTracking:
    """Thailand Post's tracking API: one access token kept until shortly before it expires,
    renewed once when the API answers 401; timeouts and 5xx are TrackingUnavailable, a
    refused API token TrackingRefused."""

    carrier = THAILAND_POST

    def __init__(
        self,
        api_token: str,
        clock: Clock,
        base_url: str = DEFAULT_BASE,
        *,
        language: str = "TH",
        client: httpx.Client | None = None,
    ) -> None:
        self._api_token = api_token.strip()
        self._clock = clock
        self._base = base_url.rstrip("/")
        self._language = "EN" if language.upper() == "EN" else "TH"
        self._client = client or httpx.Client(timeout=_TIMEOUT)
        self._lock = threading.Lock()
        self._token = ""
        self._expires = datetime.min.replace(tzinfo=UTC)
        self.tokens_fetched = 0  # how many access tokens were asked for (the cache's count)

    def close(self) -> None:
        self._client.close()

    def _post(self, path: str, token: str, body: object | None) -> httpx.Response:
        try:
            return self._client.post(
                self._base + path,
                json=body if body is not None else {},
                headers={"Authorization": f"Token {token}", "Content-Type": "application/json"},
            )
        except httpx.HTTPError as exc:
            raise TrackingUnavailable(
                f"Thailand Post's tracking cannot be reached: {type(exc).__name__}",
                f"ติดต่อระบบติดตามพัสดุของไปรษณีย์ไทยไม่ได้: {type(exc).__name__}",
            ) from exc

    @staticmethod
    def _unavailable(response: httpx.Response) -> TrackingUnavailable:
        return TrackingUnavailable(
            f"Thailand Post's tracking answered {response.status_code}: try again later",
            f"ระบบติดตามพัสดุของไปรษณีย์ไทยตอบ {response.status_code} กรุณาลองใหม่ภายหลัง",
        )

    def _access_token(self, *, renew: bool = False) -> str:
        with self._lock:
            if not renew and self._token and self._clock.now() < self._expires - _EARLY:
                return self._token
            if not self._api_token:
                raise TrackingRefused(
                    "No Thailand Post API token is set", "ยังไม่ได้ตั้งค่าโทเค็น API ของไปรษณีย์ไทย"
                )
            response = self._post(TOKEN_PATH, self._api_token, None)
            if response.status_code in (401, 403):
                raise TrackingRefused(
                    "Thailand Post refused the API token: make a new one on "
                    "track.thailandpost.co.th and set it again",
                    "ไปรษณีย์ไทยไม่รับโทเค็น API กรุณาสร้างใหม่ที่ track.thailandpost.co.th แล้วตั้งค่าอีกครั้ง",
                )
            if response.status_code != 200:
                raise self._unavailable(response)
            try:
                answer = response.json()
                token = str(answer["token"])
                expires = _expiry(str(answer.get("expire", "")), self._clock.now())
            except (ValueError, KeyError, TypeError) as exc:
                raise TrackingUnavailable(
                    "Thailand Post's token answer was not understood",
                    "อ่านคำตอบโทเค็นของไปรษณีย์ไทยไม่ได้",
                ) from exc
            self._token, self._expires = token, expires
            self.tokens_fetched += 1
            return token

    def track(self, barcodes: Sequence[str]) -> dict[str, list[TrackingEvent]]:
        if len(barcodes) > BATCH_LIMIT:
            raise ValueError(f"Thailand Post tracks at most {BATCH_LIMIT} barcodes a call")
        body = {"status": "all", "language": self._language, "barcode": list(barcodes)}
        response = self._post(TRACK_PATH, self._access_token(), body)
        if response.status_code == 401:  # the token ran out early or was revoked: once more
            response = self._post(TRACK_PATH, self._access_token(renew=True), body)
        if response.status_code in (401, 403):
            raise TrackingRefused(
                "Thailand Post refused the tracking request", "ไปรษณีย์ไทยปฏิเสธคำขอติดตามพัสดุ"
            )
        if response.status_code != 200:
            raise self._unavailable(response)
        try:
            answer = response.json()
            if answer.get("status") is not True:
                raise MalformedTracking(str(answer.get("message", ""))[:200])
            events = parse_items(answer["response"]["items"])
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            log.warning("Thailand Post's track answer not understood: %s", exc)
            raise TrackingUnavailable(
                "Thailand Post's tracking answer was not understood",
                "อ่านคำตอบการติดตามพัสดุของไปรษณีย์ไทยไม่ได้",
            ) from exc
        out: dict[str, list[TrackingEvent]] = {b: [] for b in barcodes}
        for event in events:
            out.setdefault(event.barcode, []).append(event)
        return out

    def subscribe(self, barcodes: Sequence[str]) -> dict[str, bool]:
        """Ask the hook API (an instance on HOOK_BASE with the hook API's token) to push these
        parcels' events to the shop's webhook URL (set on track.thailandpost.co.th); returns
        which barcodes it took."""
        if len(barcodes) > BATCH_LIMIT:
            raise ValueError(f"Thailand Post takes at most {BATCH_LIMIT} barcodes a call")
        body = {"status": "all", "language": self._language, "barcode": list(barcodes)}
        response = self._post(HOOK_PATH, self._access_token(), body)
        if response.status_code == 401:
            response = self._post(HOOK_PATH, self._access_token(renew=True), body)
        if response.status_code in (401, 403):
            raise TrackingRefused(
                "Thailand Post refused the hook request", "ไปรษณีย์ไทยปฏิเสธคำขอแจ้งสถานะพัสดุ"
            )
        if response.status_code != 200:
            raise self._unavailable(response)
        try:
            listed = response.json()["response"]["items"]
            return {str(i["barcode"]).upper(): i.get("status") is True for i in listed}
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise TrackingUnavailable(
                "Thailand Post's hook answer was not understood",
                "อ่านคำตอบการแจ้งสถานะพัสดุของไปรษณีย์ไทยไม่ได้",
            ) from exc

    def check(self) -> str:
        self._access_token(renew=True)
        return f"Thailand Post tracking: token valid until {self._expires:%Y-%m-%d %H:%M} UTC"


def _expiry(text: str, now: datetime) -> datetime:
    """The token's expiry ("2026-12-31 12:00:00+07:00"); 25 days from now when unreadable."""
    try:
        found = datetime.fromisoformat(text.strip())
    except ValueError:
        return now + timedelta(days=25)
    if found.tzinfo is None:
        found = found.replace(tzinfo=UTC)
    return found.astimezone(UTC)
