"""A counter ready to sell in tests: the demo users exist and the cashier has a shift open."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pos.domain.auth import Actor
from pos.ports.clock import SystemClock
from pos.services.auth import Argon2PinHasher, Auth
from pos.services.shifts import Shifts


class PlainTestHasher:
    """Fast stand-in for argon2 in tests that are about selling, not hashing."""

    def hash(self, pin: str) -> str:
        return f"test${pin[::-1]}"

    def verify(self, pin_hash: str, pin: str) -> bool:
        return pin_hash == self.hash(pin)

    def needs_rehash(self, pin_hash: str) -> bool:
        return False


def cashier_on_shift(uow: Any, settings: Any, terminal: Any, clock: Any = None) -> Actor:
    """The demo cashier (1111), logged in, with a shift open at the terminal (opened with a
    zero float if none is open yet); call it as often as you like."""
    clock = clock or SystemClock()
    auth = Auth(uow, settings, clock, PlainTestHasher(), terminal.terminal_id)
    auth.ensure_demo_users()
    actor = auth.login("cashier", "1111")
    shifts = Shifts(uow, auth, terminal, clock)
    if shifts.current() is None:
        shifts.open(actor, Decimal(0))
    return actor


def seller(checkout: Any) -> Actor:
    """`cashier_on_shift` for the store and clock a Checkout was built on."""
    return cashier_on_shift(checkout.uow, checkout.settings, checkout.terminal, checkout.clock)


class FastArgon2(Argon2PinHasher):
    """Real argon2id at its smallest cost: UI tests log in many times (the till's own hasher
    verifies these hashes too, since a hash carries its parameters)."""

    def __init__(self) -> None:
        super().__init__(time_cost=1, memory_cost=8, parallelism=1)
