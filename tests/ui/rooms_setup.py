"""The meeting room for the room UI tests: one room, rules open every day, a settable clock."""

from __future__ import annotations

from datetime import UTC, datetime, time
from decimal import Decimal
from typing import Any

from pos.domain.auth import Actor
from pos.domain.rooms import DepositKind, DepositRule, Room, RoomRules

# Tuesday 15 December 2026, 10:05 in Bangkok
NOW = datetime(2026, 12, 15, 3, 5, tzinfo=UTC)

RULES = RoomRules(
    open_hours=dict.fromkeys(range(7), (time(8, 0), time(18, 0))),
    slot_minutes=30,
    min_minutes=60,
    max_minutes=480,
    max_days_ahead=60,
    buffer_minutes=15,
    price_hour=Decimal("200.00"),
    price_half_day=Decimal("700.00"),
    price_day=Decimal("1200.00"),
    deposit=DepositRule(DepositKind.PERCENT, Decimal(50)),
    cancel_cutoff_hours=24,
    refund_before_pct=Decimal(100),
    refund_after_pct=Decimal(50),
    no_show_minutes=30,
    hold_minutes=30,
)


class SetClock:
    """The rooms service's clock in a test: a moment the test sets."""

    def __init__(self, at: datetime = NOW) -> None:
        self.current = at

    def now(self) -> datetime:
        return self.current


def set_up_room(services: Any, manager: Actor, clock: SetClock) -> Room:
    """The store's room (the demo's, or one made here) with RULES, no closed days, and the
    rooms service reading `clock`."""
    rooms = services.rooms
    rooms.clock = clock
    existing = rooms.rooms(active_only=True)
    room = (
        existing[0]
        if existing
        else rooms.save_room(
            manager,
            Room("", "CW1", "ห้องประชุม Co-working", "Co-working room", 12, ("Smart TV", "Wi-Fi")),
        )
    )
    rooms.save_rules(manager, room.id, RULES)
    rooms.set_holidays(manager, [])
    return room
