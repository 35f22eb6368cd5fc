"""A counter's keyed copy of a central argon2 PIN hash, checked without a database."""

from __future__ import annotations

import hashlib

from pos.services.auth import Argon2PinHasher, verify_counter_copy

KEY = bytes(range(32))


def copy_of(central_hash: str, key: bytes) -> str:
    """What the central database's otop_counter_users() makes of a hash (SQL there)."""
    prefix, digest = central_hash.rsplit("$", 1)
    mac = hashlib.sha256(key + central_hash.encode()).hexdigest()
    return f"otop-hmac${mac}${len(digest) * 3 // 4}{prefix}"


def test_the_right_pin_and_key_verify_a_copy_and_nothing_else_does() -> None:
    central = Argon2PinHasher(time_cost=1, memory_cost=8, parallelism=1).hash("4821")
    copy = copy_of(central, KEY)
    assert central not in copy  # the central hash itself is not in the copy
    assert verify_counter_copy(copy, "4821", KEY)
    assert not verify_counter_copy(copy, "4822", KEY)
    assert not verify_counter_copy(copy, "4821", bytes(32))  # another counter's key
    assert not verify_counter_copy(copy, "4821", None)  # an unregistered counter
    for bad in ("", "otop-hmac$", copy.replace("$argon2id", "$argon2x"), copy[:-3]):
        assert not verify_counter_copy(bad, "4821", KEY)
