"""Carrier tracking: a parcel's events, the stages they mean, what to poll and in what batches.

Thailand Post's status codes, from its Track & Trace API (track.thailandpost.co.th
developerGuide, "Status Code"; the same list in the public SDKs, e.g. xerodotc/thailandpost-sdk-go
status.go): 101 preload (the sender keyed it in), 102 accepted by an agent, 103 accepted at the
counter; 201 in transit, 202 customs clearance, 203 returned to the sender, 204/205 at the
outward/inward exchange, 206 at the post office, 207 preparing transit; 301 out for delivery,
302 waiting at the post office for the addressee to collect; 401 delivery failed; 501
delivered. A code not in the list takes the stage of its hundreds (1xx accepted ... 5xx
delivered), so a new code never stops the tracking.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import TypeVar

from pos.domain.bilingual import Bilingual

BATCH_LIMIT = 100  # Thailand Post's track call takes up to 100 barcodes
T = TypeVar("T")


class Stage(StrEnum):
    """Where a parcel is, in the shop's words (stored: never rename the values)."""

    ACCEPTED = "accepted"
    IN_TRANSIT = "in_transit"
    OUT_FOR_DELIVERY = "out_for_delivery"
    FAILED_ATTEMPT = "failed_attempt"
    RETURNED = "returned"
    DELIVERED = "delivered"

    @property
    def label(self) -> Bilingual:
        return _LABELS[self]

    @property
    def final(self) -> bool:
        """Nothing more to ask the carrier: delivered, or on its way back to the shop."""
        return self in (Stage.DELIVERED, Stage.RETURNED)


_LABELS = {
    Stage.ACCEPTED: Bilingual("รับฝากแล้ว", "Accepted"),
    Stage.IN_TRANSIT: Bilingual("ระหว่างขนส่ง", "In transit"),
    Stage.OUT_FOR_DELIVERY: Bilingual("กำลังนำจ่าย", "Out for delivery"),
    Stage.FAILED_ATTEMPT: Bilingual("นำจ่ายไม่สำเร็จ", "Delivery attempt failed"),
    Stage.RETURNED: Bilingual("ส่งคืนผู้ฝาก", "Returned to the shop"),
    Stage.DELIVERED: Bilingual("นำจ่ายสำเร็จ", "Delivered"),
}

THAILAND_POST_STAGES: dict[str, Stage] = {
    "101": Stage.ACCEPTED,
    "102": Stage.ACCEPTED,
    "103": Stage.ACCEPTED,
    "201": Stage.IN_TRANSIT,
    "202": Stage.IN_TRANSIT,
    "203": Stage.RETURNED,
    "204": Stage.IN_TRANSIT,
    "205": Stage.IN_TRANSIT,
    "206": Stage.IN_TRANSIT,
    "207": Stage.IN_TRANSIT,
    "301": Stage.OUT_FOR_DELIVERY,
    "302": Stage.FAILED_ATTEMPT,  # not handed over: the addressee collects it at the office
    "401": Stage.FAILED_ATTEMPT,
    "501": Stage.DELIVERED,
}
_BY_HUNDREDS = {
    "1": Stage.ACCEPTED,
    "2": Stage.IN_TRANSIT,
    "3": Stage.OUT_FOR_DELIVERY,
    "4": Stage.FAILED_ATTEMPT,
    "5": Stage.DELIVERED,
}


def stage_of(status_code: str) -> Stage:
    """The stage a Thailand Post status code means (unknown codes by their hundreds)."""
    code = status_code.strip()
    found = THAILAND_POST_STAGES.get(code)
    if found is not None:
        return found
    return _BY_HUNDREDS.get(code[:1], Stage.IN_TRANSIT)


@dataclass(frozen=True, slots=True)
class TrackingEvent:
    """One step of a parcel as the carrier reports it (`at` in UTC)."""

    barcode: str
    status_code: str
    description: str
    at: datetime
    location: str = ""
    postcode: str = ""
    delivered: bool = False
    receiver: str = ""

    @property
    def stage(self) -> Stage:
        return stage_of(self.status_code)


def current_stage(events: Iterable[TrackingEvent]) -> Stage | None:
    """The parcel's stage after `events`: the latest event's, except that a parcel once sent
    back stays returned (its later "delivered" is the delivery back to the shop)."""
    ordered = sorted(events, key=lambda e: (e.at, e.status_code))
    if not ordered:
        return None
    if any(e.stage is Stage.RETURNED for e in ordered):
        return Stage.RETURNED
    return ordered[-1].stage


def delivered_to_customer(events: Iterable[TrackingEvent]) -> bool:
    """A delivery event with no return before it: the customer has the parcel."""
    return current_stage(events) is Stage.DELIVERED


def batches(seq: Sequence[T], size: int = BATCH_LIMIT) -> Iterator[Sequence[T]]:
    """`seq` in consecutive slices of at most `size`."""
    if size < 1:
        raise ValueError("a batch holds at least one item")
    for start in range(0, len(seq), size):
        yield seq[start : start + size]


@dataclass(frozen=True, slots=True)
class TrackedParcel:
    """A shipped order's parcel as the poll sees it."""

    order_id: str
    order_no: str
    carrier: str
    barcode: str
    polled_at: datetime | None
    stage: Stage | None


def due_for_poll(
    parcels: Iterable[TrackedParcel], now: datetime, every: timedelta, limit: int
) -> list[TrackedParcel]:
    """The parcels to ask about now: not at a final stage, not asked in the last `every`;
    never asked first, then the longest ago; at most `limit`."""
    due = [
        p
        for p in parcels
        if not (p.stage is not None and p.stage.final)
        and (p.polled_at is None or p.polled_at <= now - every)
    ]
    due.sort(key=lambda p: (p.polled_at is not None, p.polled_at or now, p.order_no))
    return due[: max(0, limit)]


THAILAND_POST = "thailand_post"
# the carriers (pos.domain.shipping.Carrier values) each tracking API answers for
CARRIER_FAMILIES: dict[str, tuple[str, ...]] = {
    THAILAND_POST: ("thailand_post_ems", "thailand_post_registered"),
}


def carriers_of(family: str) -> tuple[str, ...]:
    """The order carriers a tracking API family covers (none for an unknown family)."""
    return CARRIER_FAMILIES.get(family, ())


# a carrier's hook subscription (its pushes of a parcel's events) tried again after a failure
_HOOK_BACKOFF = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=6),
)
HOOK_LEASE = timedelta(minutes=2)  # a subscription begun with no outcome after this: again


def hook_backoff(attempts: int) -> timedelta:
    """How long to wait before subscribing a parcel again after `attempts` failed tries
    (1 min, 5 min, 30 min, 2 h, then every 6 h)."""
    return _HOOK_BACKOFF[max(0, min(attempts, len(_HOOK_BACKOFF)) - 1)]


@dataclass(frozen=True, slots=True)
class HookDue:
    """A shipped parcel to subscribe to its carrier's pushes (not subscribed yet)."""

    order_id: str
    order_no: str
    barcode: str
    attempts: int


@dataclass(frozen=True, slots=True)
class HookState:
    """Where an order's parcel's subscription stands (`orders track` shows it)."""

    barcode: str  # the barcode subscribed ("" : none yet)
    subscribed_at: datetime | None
    attempts: int  # failed tries since
    next_at: datetime | None  # the next try (None: none planned)
    error: str  # the last failure, in words ("" : none)
