"""Carrier tracking updates: shipped orders' parcels polled (or pushed by the carrier), each
event recorded once, and a delivery moving its order to "delivered" once."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from datetime import timedelta

from pos.domain.auth import Actor, Role
from pos.domain.errors import ShopError
from pos.domain.orders import OrderStatus
from pos.domain.tracking import (
    BATCH_LIMIT,
    CARRIER_FAMILIES,
    Stage,
    TrackedParcel,
    TrackingEvent,
    batches,
    carriers_of,
    current_stage,
    due_for_poll,
)
from pos.ports.clock import Clock
from pos.ports.tracking import (
    TrackingRefused,
    TrackingSource,
    TrackingUnavailable,
    TrackingUnitOfWork,
    by_barcode,
)
from pos.ports.uow import UnitOfWorkFactory
from pos.services.order_desk import OrderDesk

log = logging.getLogger(__name__)

# who moves an order when the carrier reports its delivery (the order's history, the audit)
CARRIER_ACTOR = Actor(
    "00000000-0000-4000-8000-0000000000c1", "carrier", "ขนส่ง (carrier tracking)", Role.MANAGER
)


class Tracking:
    """Tracking of shipped orders (one per process): `poll` asks the carriers' APIs about the
    parcels due, `push` takes what a carrier sends; both record each event once and move a
    delivered order through the orders window's service (`OrderDesk.mark_delivered`: its
    status hooks run once, and an order already sold, COD included, is not sold again)."""

    def __init__(
        self,
        uow: UnitOfWorkFactory[TrackingUnitOfWork],
        order_desk: OrderDesk,
        sources: Sequence[TrackingSource],
        clock: Clock,
        every: timedelta = timedelta(minutes=30),
    ) -> None:
        self.uow = uow
        self.order_desk = order_desk
        self.sources: dict[str, TrackingSource] = {s.carrier: s for s in sources}
        self.clock = clock
        self.every = every

    def poll(self, limit: int = 1000) -> int:
        """Ask the carriers about the shipped parcels due (not asked in the last `every`, not
        at a final stage; at most `limit`), in batches of 100; returns the new events recorded.
        A carrier that cannot be reached leaves its parcels as they were (asked again next
        time); its error is raised after the other carriers' batches are recorded."""
        self.deliver_pending()
        failed: ShopError | None = None
        new = 0
        for family, source in self.sources.items():
            with self.uow() as read:
                parcels = read.tracking.shipped(carriers_of(family))
            due = due_for_poll(parcels, self.clock.now(), self.every, limit)
            try:
                new += self._poll_source(source, due)
            except (TrackingUnavailable, TrackingRefused) as exc:
                log.warning("tracking %s: %s", family, exc.message_en)
                failed = exc
        self.deliver_pending()
        if failed is not None:
            raise failed
        return new

    def _poll_source(self, source: TrackingSource, due: Sequence[TrackedParcel]) -> int:
        grouped = by_barcode(due)
        new = 0
        for batch in batches(sorted(grouped), BATCH_LIMIT):
            found = source.track(list(batch))  # outside any transaction: the network is slow
            now = self.clock.now()
            with self.uow(write=True) as uow:
                for barcode in batch:
                    for parcel in grouped[barcode]:
                        new += self._record(uow, parcel, found.get(barcode, ()))
                        uow.tracking.set_state(parcel.order_id, stage=None, polled_at=now)
                uow.commit()
        return new

    def push(self, family: str, events: Sequence[TrackingEvent], *, deliver: bool = True) -> int:
        """What a carrier's webhook sent: the events of its parcels that are shipped orders
        recorded once (others ignored); returns the new ones. With `deliver` the delivered
        orders are moved at once (the webhook leaves it to `deliver_pending` after answering)."""
        grouped: dict[str, list[TrackingEvent]] = {}
        for e in events:
            grouped.setdefault(e.barcode, []).append(e)
        new = 0
        with self.uow(write=True) as uow:
            parcels = uow.tracking.by_barcode(carriers_of(family), sorted(grouped))
            for parcel in parcels:
                new += self._record(uow, parcel, grouped.get(parcel.barcode, ()))
            uow.commit()
        if deliver:
            self.deliver_pending()
        return new

    def _record(
        self, uow: TrackingUnitOfWork, parcel: TrackedParcel, events: Sequence[TrackingEvent]
    ) -> int:
        """The parcel's new events stored and its stage brought up to date; returns how many
        were new."""
        now = self.clock.now()
        new = sum(uow.tracking.record(parcel.order_id, e, now) for e in events)
        if new:
            stage = current_stage(uow.tracking.events(parcel.order_id))
            uow.tracking.set_state(parcel.order_id, stage=stage, polled_at=None)
            log.info("order %s: %d tracking event(s), now %s", parcel.order_no, new, stage)
        return new

    def deliver_pending(self) -> int:
        """Shipped orders whose parcel is recorded as delivered moved to "delivered" (each
        once: a second call finds them delivered); returns how many were moved."""
        with self.uow() as read:
            parcels = [
                p
                for family in CARRIER_FAMILIES  # pushed ones too, with no API to poll
                for p in read.tracking.shipped(carriers_of(family))
                if p.stage is Stage.DELIVERED
            ]
        moved = 0
        for parcel in parcels:
            try:
                done = self.order_desk.mark_delivered(parcel.order_no, CARRIER_ACTOR)
            except ShopError as exc:  # moved meanwhile (staff, the webhook): nothing to do
                log.info("order %s not moved by tracking: %s", parcel.order_no, exc.message_en)
                continue
            moved += done.status is OrderStatus.DELIVERED
        return moved

    def events(self, order_no: str) -> list[TrackingEvent]:
        """The recorded carrier events of an order's parcel, oldest first."""
        with self.uow() as read:
            order_id = read.tracking.order_id(order_no.strip().upper())
            if order_id is None:
                raise ShopError(f"No order {order_no}", f"ไม่พบคำสั่งซื้อ {order_no}")
            return read.tracking.events(order_id)

    def check(self) -> Mapping[str, str]:
        """Each carrier API's "test connection" line (or its error in words)."""
        out: dict[str, str] = {}
        for family, source in self.sources.items():
            try:
                out[family] = source.check()
            except (TrackingUnavailable, TrackingRefused) as exc:
                out[family] = exc.message_en
        return out
