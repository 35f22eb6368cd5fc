"""The sync loop's timing and the status the till shows (no database)."""

from __future__ import annotations

import contextlib
import threading
from datetime import UTC, datetime

import pytest

from pos.domain.errors import CentralUnavailable
from pos.ports.sync import PullResult, PushResult, SyncProblem
from pos.services.sync import Backoff, ShiftCloseCheck, SyncLoop, SyncResult, SyncService


def test_backoff_doubles_from_the_first_retry_up_to_the_cap() -> None:
    b = Backoff(period=15, first_retry=2, factor=2, cap=60, jitter=0)
    assert [b.delay(n) for n in range(8)] == [15, 2, 4, 8, 16, 32, 60, 60]


def test_backoff_jitter_stays_within_its_fraction() -> None:
    b = Backoff(period=10, jitter=0.2)
    assert b.delay(0, rand=lambda: 0.0) == pytest.approx(8)
    assert b.delay(0, rand=lambda: 1.0) == pytest.approx(12)
    assert b.delay(0, rand=lambda: 0.5) == pytest.approx(10)


class FakeTransport:
    def __init__(self) -> None:
        self.waiting = 3
        self.down = False

    def pending(self) -> int:
        return self.waiting

    def push(self, batch_size: int = 1000, max_batches: int | None = None) -> PushResult:
        if self.down:
            raise CentralUnavailable("server down")
        sent, self.waiting = self.waiting, 0
        return PushResult(sent, 1 if sent else 0)

    def pull(self) -> PullResult:
        return PullResult(2, 0, 9, 42)

    def problems(self) -> list[SyncProblem]:
        return []

    def deadline(self) -> contextlib.nullcontext[None]:
        return contextlib.nullcontext()


class Clock:
    def now(self) -> datetime:
        return datetime(2026, 11, 27, 5, 0, tzinfo=UTC)


def test_status_goes_offline_and_back_online() -> None:
    t = FakeTransport()
    s = SyncService(t, Clock())
    assert s.status().online is None
    t.down = True
    with pytest.raises(CentralUnavailable):
        s.sync_once()
    st = s.status()
    assert (st.online, st.pending, st.failures, st.last_error) == (False, 3, 1, "server down")
    assert not s.shift_close_check().ok
    t.down = False
    r = s.sync_once()
    assert (r.pushed, r.pulled, r.pending, r.catalog_seq) == (3, 2, 0, 42)
    st = s.status()
    assert (st.online, st.pending, st.failures, st.last_sync_at) == (True, 0, 0, Clock().now())
    assert s.shift_close_check().ok


def test_the_loop_backs_off_while_the_server_is_down() -> None:
    t = FakeTransport()
    t.down = True
    outcomes: list[SyncResult | Exception] = []
    enough = threading.Event()

    def on_round(o: SyncResult | Exception) -> None:
        outcomes.append(o)
        if len(outcomes) == 3:
            t.down = False
        if len(outcomes) == 4:
            enough.set()

    loop = SyncLoop(
        SyncService(t, Clock()),
        Backoff(period=30, first_retry=0.01, cap=0.05, jitter=0),
        on_round,
    )
    loop.start()
    assert enough.wait(5)
    loop.stop()
    assert [type(o).__name__ for o in outcomes[:4]] == [
        "CentralUnavailable",
        "CentralUnavailable",
        "CentralUnavailable",
        "SyncResult",
    ]


def test_closing_a_shift_warns_in_both_languages_while_sales_are_unsent() -> None:
    transport = FakeTransport()
    service = SyncService(transport, Clock())
    transport.down = True
    check = service.shift_close_check()
    assert (check.ok, check.pending) == (False, 3)
    assert check.message_en.startswith("3 sales and refunds have not reached the central")
    assert "safe on this counter" in check.message_en
    assert check.message_th.startswith("มี 3 รายการขายหรือคืนเงินที่ยังไม่ได้ส่งถึงฐานข้อมูลกลาง")
    transport.waiting = 1
    assert service.shift_close_check().message_en.startswith("1 sale or refund has not")
    # once a round has sent them, closing is quiet
    transport.down = False
    service.sync_once()
    assert service.shift_close_check() == ShiftCloseCheck(True, 0, "", "")
