"""Carrier tracking updates: shipped orders' parcels polled (or pushed by the carrier), each
event recorded once, and a delivery moving its order to "delivered" once."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timedelta

from pos.domain.auth import Actor, Role
from pos.domain.errors import ShopError
from pos.domain.orders import OrderStatus
from pos.domain.tracking import (
    BATCH_LIMIT,
    CARRIER_FAMILIES,
    HOOK_LEASE,
    HookDue,
    HookState,
    Stage,
    TrackedParcel,
    TrackingEvent,
    batches,
    carriers_of,
    current_stage,
    due_for_poll,
    hook_backoff,
)
from pos.ports.clock import Clock
from pos.ports.orders import OrderView
from pos.ports.tracking import (
    TrackingRefused,
    TrackingSource,
    TrackingSubscriber,
    TrackingUnavailable,
    TrackingUnitOfWork,
    by_barcode,
)
from pos.ports.uow import AfterCommit, UnitOfWorkFactory
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
        *,
        subscriber: TrackingSubscriber | None = None,
        background: bool = True,
    ) -> None:
        self.uow = uow
        self.order_desk = order_desk
        self.sources: dict[str, TrackingSource] = {s.carrier: s for s in sources}
        self.clock = clock
        self.every = every
        # tracking by push: the carrier's hook API, asked for each shipped parcel's pushes
        self.subscriber = subscriber
        self.background = background  # a subscription after a ship on its own thread

    def poll(self, limit: int = 1000) -> int:
        """Ask the carriers about the shipped parcels due (not asked in the last `every`, not
        at a final stage; at most `limit`), in batches of 100; returns the new events recorded.
        A carrier that cannot be reached leaves its parcels as they were (asked again next
        time); its error is raised after the other carriers' batches are recorded."""
        self.deliver_pending()
        self.subscribe_pending()  # the parcels whose subscription failed before: again
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

    # --- tracking by push: the carrier's hook subscriptions ---------------------------
    def order_status(
        self, uow: object, order: OrderView, target: OrderStatus, at: datetime
    ) -> None:
        """OrderDesk's status hook (inside the move's transaction): a parcel shipped with the
        subscriber's carrier is subscribed once that transaction has committed (and, if that
        fails, by the tracking loop later: a shipment is never held up by it)."""
        ship_hook(lambda: self)(uow, order, target, at)

    def shipped(self, order: OrderView) -> None:
        """After a ship's commit: its parcel subscribed (on a thread of its own unless
        `background` is off), when push is set up and the carrier is the subscriber's."""
        subscriber = self.subscriber
        if subscriber is None or order.carrier not in carriers_of(subscriber.carrier):
            return
        if not self.background:
            self.subscribe_pending()
            return
        threading.Thread(target=self._subscribe_logged, name="tracking-hook", daemon=True).start()

    def _subscribe_logged(self) -> None:
        try:
            self.subscribe_pending()
        except Exception:  # the shipment stands; the tracking loop tries again
            log.exception("subscribing a shipped parcel failed")

    def subscribe_pending(self, limit: int = BATCH_LIMIT) -> int:
        """Subscribe the shipped parcels not subscribed yet whose try is due (each claimed for
        HOOK_LEASE, so two processes never ask for one twice); a failure is logged and kept
        for staff, and tried again after hook_backoff. Returns how many were subscribed."""
        subscriber = self.subscriber
        if subscriber is None:
            return 0
        now = self.clock.now()
        try:
            with self.uow(write=True) as uow:
                due = uow.tracking.claim_hooks(
                    carriers_of(subscriber.carrier), now, now + HOOK_LEASE, min(limit, BATCH_LIMIT)
                )
                uow.commit()
        except ShopError as exc:
            log.warning("tracking hooks: %s", exc.message_en)
            return 0
        if not due:
            return 0
        try:
            taken = subscriber.subscribe(sorted({d.barcode for d in due}))
        except (TrackingUnavailable, TrackingRefused) as exc:
            log.warning(
                "%s did not subscribe %d parcel(s): %s", subscriber.carrier, len(due),
                exc.message_en,
            )  # fmt: skip
            self._hook_failed(due, exc.message_en)
            return 0
        ok = [d for d in due if taken.get(d.barcode.upper())]
        refused = [d for d in due if not taken.get(d.barcode.upper())]
        with self.uow(write=True) as uow:
            for d in ok:
                uow.tracking.set_hooked(d.order_id, d.barcode, self.clock.now())
            uow.commit()
        if refused:
            log.warning(
                "%s refused the subscription of %s", subscriber.carrier,
                ", ".join(f"{d.order_no} ({d.barcode})" for d in refused),
            )  # fmt: skip
            self._hook_failed(refused, f"{subscriber.carrier} refused the parcel's subscription")
        if ok:
            log.info("%d parcel(s) subscribed to %s's pushes", len(ok), subscriber.carrier)
        return len(ok)

    def _hook_failed(self, due: Sequence[HookDue], error: str) -> None:
        now = self.clock.now()
        with self.uow(write=True) as uow:
            for d in due:
                uow.tracking.set_hook_retry(d.order_id, now + hook_backoff(d.attempts + 1), error)
            uow.commit()

    def hook_state(self, order_no: str) -> HookState | None:
        """Where the order's parcel's subscription to the carrier's pushes stands."""
        with self.uow() as read:
            order_id = read.tracking.order_id(order_no.strip().upper())
            return None if order_id is None else read.tracking.hook_state(order_id)

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


def ship_hook(
    tracking: Callable[[], Tracking],
) -> Callable[[object, OrderView, OrderStatus, datetime], None]:
    """OrderDesk's status hook subscribing a shipped parcel after the ship's commit, with the
    Tracking `tracking()` gives then (built after the commit, never inside the transaction)."""

    def hook(uow: object, order: OrderView, target: OrderStatus, at: datetime) -> None:
        if target is OrderStatus.SHIPPED and order.tracking_no and isinstance(uow, AfterCommit):
            uow.after_commit(lambda: tracking().shipped(order))

    return hook
