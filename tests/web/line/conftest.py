"""LINE fixtures: the fake LINE Platform on 127.0.0.1 (one per test: its records are the test's)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.fakes.line_api import FakeLine


@pytest.fixture
def fake_line() -> Iterator[FakeLine]:
    with FakeLine().start() as fake:
        yield fake
