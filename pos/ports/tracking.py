"""Carrier tracking: the carriers' tracking APIs and the parcels' recorded events."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Protocol

from pos.domain.errors import ShopError
from pos.domain.tracking import HookDue, HookState, Stage, TrackedParcel, TrackingEvent
from pos.ports.uow import Transaction


class TrackingUnavailable(ShopError):
    """The carrier's API cannot be reached now (down, timed out, busy): try again later."""


class TrackingRefused(ShopError):
    """The carrier's API refuses the shop (a wrong API token, a request it rejects): a person
    must fix the setup; retrying as it is will not help."""


class TrackingSource(Protocol):
    """One carrier's tracking API."""

    @property
    def carrier(self) -> str:
        """The carrier family it tracks ("thailand_post": EMS and registered)."""
        ...

    def track(self, barcodes: Sequence[str]) -> dict[str, list[TrackingEvent]]:
        """The events of each barcode asked (at most the carrier's batch limit); a barcode the
        carrier has nothing for is missing or has an empty list."""
        ...

    def check(self) -> str:
        """A line for "test connection" (e.g. the token's expiry), or TrackingRefused /
        TrackingUnavailable."""
        ...


class TrackingSubscriber(Protocol):
    """A carrier's hook API: asked to push a parcel's events to the shop's webhook."""

    @property
    def carrier(self) -> str: ...

    def subscribe(self, barcodes: Sequence[str]) -> dict[str, bool]:
        """Subscribe these parcels (at most the carrier's batch limit); which ones it took.
        Raises TrackingUnavailable (try later) or TrackingRefused (the setup is wrong)."""
        ...


class TrackingRepository(Protocol):
    def shipped(self, carriers: Sequence[str]) -> list[TrackedParcel]:
        """The shipped orders with a tracking number of these carriers (order status
        "shipped"), with when they were last polled and their stage."""
        ...

    def by_barcode(self, carriers: Sequence[str], barcodes: Sequence[str]) -> list[TrackedParcel]:
        """The shipped orders of these carriers carrying these tracking numbers."""
        ...

    def record(self, order_id: str, event: TrackingEvent, recorded_at: datetime) -> bool:
        """Store the event once: False when the order has it already (same code, same time)."""
        ...

    def events(self, order_id: str) -> list[TrackingEvent]:
        """The order's recorded events, oldest first."""
        ...

    def set_state(self, order_id: str, *, stage: Stage | None, polled_at: datetime | None) -> None:
        """The parcel's stage and when the carrier was last asked (None: leave as it is)."""
        ...

    def order_id(self, order_no: str) -> str | None: ...

    # --- the carrier's hook subscriptions ----------------------------------------------
    def claim_hooks(
        self, carriers: Sequence[str], now: datetime, lease_until: datetime, limit: int
    ) -> list[HookDue]:
        """Shipped parcels of these carriers not subscribed yet (their barcode), not at a
        final stage, their next try due; each claimed until `lease_until` (locked on
        PostgreSQL, others skipped)."""
        ...

    def set_hooked(self, order_id: str, barcode: str, at: datetime) -> None: ...
    def set_hook_retry(self, order_id: str, next_at: datetime, error: str) -> None:
        """One more failed try: the next at `next_at`, the error kept for staff."""
        ...

    def hook_state(self, order_id: str) -> HookState | None: ...


class TrackingUnitOfWork(Transaction, Protocol):
    @property
    def tracking(self) -> TrackingRepository: ...


def by_barcode(parcels: Sequence[TrackedParcel]) -> Mapping[str, list[TrackedParcel]]:
    """The parcels grouped by tracking number (two orders may share one parcel)."""
    out: dict[str, list[TrackedParcel]] = {}
    for p in parcels:
        out.setdefault(p.barcode, []).append(p)
    return out
