"""Rooms fixtures: a migrated store with the co-working room on both backends, the rooms
service on a clock the test moves, and the staff who book."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from db.engine import make_engine
from db.migrate import upgrade
from db.uow import SqlUnitOfWorkFactory
from pos.domain.auth import Actor, Role
from pos.domain.rooms import Room, RoomRules
from pos.domain.shop_time import BANGKOK
from pos.services.rooms import Rooms
from tests.helpers.templates import FreshDatabase
from tests.integration.conftest import FixedClock

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=BANGKOK)  # a Tuesday morning
MANAGER = Actor("u-manager", "manager", "Manager", Role.MANAGER)
CASHIER = Actor("u-cashier", "cashier", "Cashier", Role.CASHIER)
ROOM = Room("", "COWORK", "ห้องประชุม Co-working", "Co-working room", 12, ("Smart TV", "Wi-Fi"))


def build_rooms(url: str) -> None:
    """The schema at head and the one room with the default rules."""
    engine = make_engine(url)
    try:
        upgrade(engine)
        rooms = Rooms(SqlUnitOfWorkFactory(engine), FixedClock(NOW.astimezone(UTC)))
        room = rooms.save_room(MANAGER, ROOM)
        rooms.save_rules(MANAGER, room.id, RoomRules())
    finally:
        engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("pg", marks=pytest.mark.pg)])
def rooms_url(request: pytest.FixtureRequest, fresh_database: FreshDatabase) -> str:
    return fresh_database(str(request.param), "rooms", build_rooms)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW.astimezone(UTC))


@pytest.fixture
def uow(rooms_url: str) -> Iterator[SqlUnitOfWorkFactory]:
    engine = make_engine(rooms_url)
    try:
        yield SqlUnitOfWorkFactory(engine)
    finally:
        engine.dispose()


@pytest.fixture
def rooms(uow: SqlUnitOfWorkFactory, clock: FixedClock) -> Rooms:
    return Rooms(uow, clock)


@pytest.fixture
def room_id(rooms: Rooms) -> str:
    return rooms.rooms()[0].id


def build_rooms_shop(url: str) -> None:
    """The small catalogue (a shop that sells) with the co-working room."""
    from tests.integration.conftest import build_small_store

    build_small_store(url)
    build_rooms(url)


@pytest.fixture(params=["sqlite", pytest.param("pg", marks=pytest.mark.pg)])
def shop_url(request: pytest.FixtureRequest, fresh_database: FreshDatabase) -> str:
    return fresh_database(str(request.param), "rooms_shop", build_rooms_shop)
