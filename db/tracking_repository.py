"""Carrier tracking in the database: shipped orders' parcels, their stage and events."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from db import models as m
from pos.domain.orders import OrderStatus
from pos.domain.tracking import HookDue, HookState, Stage, TrackedParcel, TrackingEvent

_FINAL = [s.value for s in Stage if s.final]


class SqlTrackingRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def _parcels(
        self, carriers: Sequence[str], barcodes: Sequence[str] | None
    ) -> list[TrackedParcel]:
        query = (
            select(
                m.Order.id, m.Order.order_no, m.Order.carrier, m.Order.tracking_no,
                m.OrderTracking.polled_at, m.OrderTracking.stage,
            )
            .outerjoin(m.OrderTracking, m.OrderTracking.order_id == m.Order.id)
            .where(
                m.Order.status == OrderStatus.SHIPPED.value,
                m.Order.carrier.in_(list(carriers)),
                m.Order.tracking_no != "",
            )
            .order_by(m.Order.order_no)
        )  # fmt: skip
        if barcodes is not None:
            query = query.where(m.Order.tracking_no.in_(list(barcodes)))
        return [
            TrackedParcel(oid, no, carrier, barcode, polled, Stage(stage) if stage else None)
            for oid, no, carrier, barcode, polled, stage in self.session.execute(query)
        ]

    def shipped(self, carriers: Sequence[str]) -> list[TrackedParcel]:
        return self._parcels(carriers, None)

    def by_barcode(self, carriers: Sequence[str], barcodes: Sequence[str]) -> list[TrackedParcel]:
        if not barcodes:
            return []
        return self._parcels(carriers, barcodes)

    def record(self, order_id: str, event: TrackingEvent, recorded_at: datetime) -> bool:
        seen = self.session.scalar(
            select(m.OrderTrackingEvent.id).where(
                m.OrderTrackingEvent.order_id == order_id,
                m.OrderTrackingEvent.status_code == event.status_code,
                m.OrderTrackingEvent.at == event.at,
            )
        )
        if seen is not None:
            return False
        row = m.OrderTrackingEvent(
            order_id=order_id,
            barcode=event.barcode[:40],
            status_code=event.status_code[:8],
            at=event.at,
            description=event.description[:300],
            location=event.location[:120],
            postcode=event.postcode[:10],
            delivered=event.delivered,
            receiver=event.receiver[:120],
            recorded_at=recorded_at,
        )
        try:
            with self.session.begin_nested():  # a push and a poll at once: the first one wins
                self.session.add(row)
        except IntegrityError:
            return False
        return True

    def events(self, order_id: str) -> list[TrackingEvent]:
        rows = self.session.scalars(
            select(m.OrderTrackingEvent)
            .where(m.OrderTrackingEvent.order_id == order_id)
            .order_by(m.OrderTrackingEvent.at, m.OrderTrackingEvent.status_code)
        )
        return [
            TrackingEvent(
                r.barcode, r.status_code, r.description, r.at, r.location, r.postcode,
                r.delivered, r.receiver,
            )
            for r in rows
        ]  # fmt: skip

    def set_state(self, order_id: str, *, stage: Stage | None, polled_at: datetime | None) -> None:
        row = self.session.get(m.OrderTracking, order_id)
        if row is None:
            row = m.OrderTracking(order_id=order_id)
            self.session.add(row)
        if stage is not None:
            row.stage = stage.value
        if polled_at is not None:
            row.polled_at = polled_at
            row.updated_at = polled_at
        self.session.flush()

    def order_id(self, order_no: str) -> str | None:
        return self.session.scalar(select(m.Order.id).where(m.Order.order_no == order_no))

    # --- the carrier's hook subscriptions ----------------------------------------------
    @property
    def _pg(self) -> bool:
        return self.session.get_bind().dialect.name == "postgresql"

    def _hook_due(self, carriers: Sequence[str], now: datetime) -> list[object]:
        return [
            m.Order.status == OrderStatus.SHIPPED.value,
            m.Order.carrier.in_(list(carriers)),
            m.Order.tracking_no != "",
            or_(m.OrderTracking.stage.is_(None), m.OrderTracking.stage.not_in(_FINAL)),
            or_(
                m.OrderTracking.hook_barcode.is_(None),
                m.OrderTracking.hook_barcode != m.Order.tracking_no,
            ),
            or_(m.OrderTracking.hook_next_at.is_(None), m.OrderTracking.hook_next_at <= now),
        ]

    def claim_hooks(
        self, carriers: Sequence[str], now: datetime, lease_until: datetime, limit: int
    ) -> list[HookDue]:
        if not carriers or limit < 1:
            return []
        wanted = list(
            self.session.scalars(
                select(m.Order.id)
                .outerjoin(m.OrderTracking, m.OrderTracking.order_id == m.Order.id)
                .where(*self._hook_due(carriers, now))  # type: ignore[arg-type]
                .order_by(m.Order.order_no)
                .limit(limit)
            )
        )
        if not wanted:
            return []
        insert = pg_insert if self._pg else sqlite_insert
        self.session.execute(  # every candidate has its row, so the claim can lock it
            insert(m.OrderTracking)
            .values([{"order_id": oid, "updated_at": now} for oid in wanted])
            .on_conflict_do_nothing(index_elements=["order_id"])
        )
        query = (
            select(m.Order.id, m.Order.order_no, m.Order.tracking_no, m.OrderTracking.hook_attempts)
            .join(m.OrderTracking, m.OrderTracking.order_id == m.Order.id)
            .where(m.Order.id.in_(wanted), *self._hook_due(carriers, now))  # type: ignore[arg-type]
            .order_by(m.Order.order_no)
        )
        if self._pg:
            query = query.with_for_update(skip_locked=True, of=m.OrderTracking)
        due = [HookDue(oid, no, barcode, attempts or 0) for oid, no, barcode, attempts in
               self.session.execute(query)]  # fmt: skip
        if due:
            self.session.execute(
                update(m.OrderTracking)
                .where(m.OrderTracking.order_id.in_([d.order_id for d in due]))
                .values(hook_next_at=lease_until)
                .execution_options(synchronize_session=False)
            )
        return due

    def set_hooked(self, order_id: str, barcode: str, at: datetime) -> None:
        self.session.execute(
            update(m.OrderTracking)
            .where(m.OrderTracking.order_id == order_id)
            .values(
                hook_barcode=barcode[:40],
                hook_at=at,
                hook_attempts=0,
                hook_next_at=None,
                hook_error="",
            )
            .execution_options(synchronize_session=False)
        )

    def set_hook_retry(self, order_id: str, next_at: datetime, error: str) -> None:
        self.session.execute(
            update(m.OrderTracking)
            .where(m.OrderTracking.order_id == order_id)
            .values(
                hook_attempts=m.OrderTracking.hook_attempts + 1,
                hook_next_at=next_at,
                hook_error=error[:300],
            )
            .execution_options(synchronize_session=False)
        )

    def hook_state(self, order_id: str) -> HookState | None:
        row = self.session.get(m.OrderTracking, order_id)
        if row is None:
            return None
        return HookState(row.hook_barcode or "", row.hook_at, row.hook_attempts or 0,
                         row.hook_next_at, row.hook_error or "")  # fmt: skip
