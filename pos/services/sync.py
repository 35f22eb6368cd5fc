"""Sync with the central database: one round (push, then pull), its status, a backoff loop."""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

from pos.domain.errors import CentralNotAnswering, CentralUnavailable
from pos.ports.clock import Clock
from pos.ports.sync import SyncProblem, SyncTransport

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class SyncResult:
    pushed: int  # sales (outbox events) the central database now has
    batches: int
    pulled: int  # catalogue rows changed on this counter
    tombstones: int
    stock_rows: int
    pending: int  # events still waiting (0 after a full round; refused ones wait too)
    catalog_seq: int
    at: datetime
    refused: tuple[SyncProblem, ...] = ()  # events central refused this round (parked)


@dataclass(frozen=True, slots=True)
class SyncStatus:
    """What the till's status indicator shows."""

    online: bool | None  # None: no round tried yet
    last_sync_at: datetime | None  # the last round that completed
    pending: int  # sales waiting to be sent
    failures: int  # rounds failed in a row
    last_error: str  # plain words, "" when the last round worked
    last_error_th: str = ""
    problems: tuple[SyncProblem, ...] = ()  # sales and refunds central refuses (parked)
    not_answering: bool = False  # the last round was abandoned at its deadline


@dataclass(frozen=True, slots=True)
class ShiftCloseCheck:
    ok: bool
    pending: int
    message_en: str
    message_th: str


class SyncService:
    """One sync round at a time; safe to call from a worker thread."""

    def __init__(self, transport: SyncTransport, clock: Clock, batch_size: int = 1000) -> None:
        self.transport = transport
        self.clock = clock
        self.batch_size = batch_size
        self._lock = threading.Lock()
        self._status = SyncStatus(None, None, 0, 0, "")

    def sync_once(self) -> SyncResult:
        """Push every waiting sale, then pull catalogue, prices and stock, within the
        transport's deadline (a round central stops answering is abandoned and rolled back).

        A sale or refund central refuses does not stop the round: it is parked (still in the
        outbox, tried again every round) and listed in `problems()`.
        """
        with self._lock:
            try:
                with self.transport.deadline():
                    pushed = self.transport.push(self.batch_size)
                    pulled = self.transport.pull()
            except CentralUnavailable as exc:
                self._status = replace(
                    self._status,
                    online=False,
                    failures=self._status.failures + 1,
                    last_error=exc.message_en,
                    last_error_th=exc.message_th,
                    not_answering=isinstance(exc, CentralNotAnswering),
                    pending=self._pending_or(self._status.pending),
                )
                raise
            pending = self.transport.pending()
            now = self.clock.now()
            problems = tuple(self._problems_or(()))
            self._status = SyncStatus(True, now, pending, 0, "", "", problems)
            return SyncResult(
                pushed.events,
                pushed.batches,
                pulled.changes,
                pulled.tombstones,
                pulled.stock_rows,
                pending,
                pulled.catalog_seq,
                now,
                pushed.refused,
            )

    def problems(self) -> list[SyncProblem]:
        """The sales and refunds central refused, with why and what to do (oldest first);
        for the till's status and the back office. Read from the counter's own file."""
        return self.transport.problems()

    def _problems_or(self, default: tuple[SyncProblem, ...]) -> list[SyncProblem]:
        try:
            return self.transport.problems()
        except Exception:  # the local file is the till's problem, not the sync's
            log.exception("could not read the sync problems")
            return list(default)

    def _pending_or(self, default: int) -> int:
        try:
            return self.transport.pending()
        except Exception:  # the local file is the till's problem, not the sync's
            log.exception("could not count the outbox")
            return default

    def close(self) -> None:
        """Let go of the central connections (the transport may hold a pool)."""
        close = getattr(self.transport, "close", None)
        if close is not None:
            close()

    def status(self) -> SyncStatus:
        return replace(
            self._status,
            pending=self._pending_or(self._status.pending),
            problems=tuple(self._problems_or(self._status.problems)),
        )

    def shift_close_check(self) -> ShiftCloseCheck:
        """Closing a shift warns while sales are unsent (they stay safe on this counter)."""
        n = self._pending_or(0)
        if n == 0:
            return ShiftCloseCheck(True, 0, "", "")
        what = "1 sale or refund has" if n == 1 else f"{n} sales and refunds have"
        return ShiftCloseCheck(
            False,
            n,
            f"{what} not reached the central database yet. They are safe on this "
            "counter and will be sent when the connection is back.",
            f"มี {n} รายการขายหรือคืนเงินที่ยังไม่ได้ส่งถึงฐานข้อมูลกลาง ข้อมูลยังอยู่ครบในเครื่องนี้ และจะส่งเมื่อเชื่อมต่อได้",
        )


@dataclass(frozen=True, slots=True)
class Backoff:
    """How long to wait before the next round: `period` when healthy, doubling on failures.

    Pure: the random source is passed in, so tests see exact delays.
    """

    period: float = 15.0  # seconds between rounds when all is well
    first_retry: float = 2.0
    factor: float = 2.0
    cap: float = 300.0
    jitter: float = 0.2  # +/- this fraction, so counters do not retry in step

    def delay(self, failures: int, rand: Callable[[], float] = random.random) -> float:
        if failures <= 0:
            base = self.period
        else:
            base = min(self.cap, self.first_retry * self.factor ** (failures - 1))
        spread = (rand() * 2 - 1) * self.jitter
        return max(0.0, base * (1 + spread))


class SyncLoop:
    """Runs sync rounds in a background thread until stopped (never on the UI thread).

    `on_round` gets each result or error (from the worker thread: a Qt caller re-emits it as
    a signal). `sync_now()` wakes the loop for an immediate round.
    """

    def __init__(
        self,
        service: SyncService,
        backoff: Backoff | None = None,
        on_round: Callable[[SyncResult | Exception], None] | None = None,
        rand: Callable[[], float] = random.random,
    ) -> None:
        self.service = service
        self.backoff = backoff or Backoff()
        self.on_round = on_round
        self.rand = rand
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self.run, name="otop-sync", daemon=True)
            self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def sync_now(self) -> None:
        self._wake.set()

    def run(self) -> None:
        failures = 0
        while not self._stop.is_set():
            outcome: SyncResult | Exception
            try:
                outcome = self.service.sync_once()
                failures = 0
            except CentralUnavailable as exc:
                outcome = exc
                failures += 1
            except Exception as exc:  # a bug: logged with its traceback, the loop goes on
                log.exception("sync round failed")
                outcome = exc
                failures += 1
            if self.on_round is not None:
                self.on_round(outcome)
            self._wake.wait(self.backoff.delay(failures, self.rand))
            self._wake.clear()
