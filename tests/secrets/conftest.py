"""Secrets fixtures: the sync tests' central database and counters (tests/sync/conftest.py)."""

from __future__ import annotations

from tests.sync.conftest import central, make_counter

__all__ = ["central", "make_counter"]
