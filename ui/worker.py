"""One ordered background worker: database work off the UI thread, results back by signals."""

from __future__ import annotations

import logging
import queue
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import count
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, Qt, QThread, Signal

from pos.domain.errors import ShopError

log = logging.getLogger(__name__)

T = TypeVar("T")
Success = Callable[[T], None]
Failure = Callable[[Exception], None]


@dataclass(eq=False)
class Op(Generic[T]):
    """One piece of background work and what to do with its outcome on the UI thread."""

    fn: Callable[[], T]
    on_success: Success[T] | None
    on_failure: Failure | None
    name: str
    op_id: int = field(default_factory=count(1).__next__)


class _Thread(QThread):
    """Runs queued ops one after the other, in the order they were queued."""

    def __init__(self, worker: Worker) -> None:
        super().__init__()
        self._worker = worker
        self.setObjectName("pos-worker")

    def run(self) -> None:
        jobs = self._worker._jobs
        while True:
            op = jobs.get()
            if op is None:
                return
            self._worker._execute(op)


class Worker(QObject):
    """Anki-style background ops on ONE thread, so scans and commits apply in the order typed.

    `run(fn, on_success, on_failure)` queues `fn`; its result goes to `on_success` on the UI
    thread (a queued signal). A `ShopError` goes to `on_failure` as is; any other exception is a
    bug: it is logged with its traceback here and `on_failure` receives it so the UI can show a
    generic message and unlock itself.
    """

    finished = Signal(object, bool, object)  # op, ok, result-or-exception
    busyChanged = Signal(bool)
    bug = Signal(str)  # an unexpected exception's summary (already logged with traceback)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # ops of every result type, in one queue (each op's callbacks match its own result)
        self._jobs: queue.SimpleQueue[Op[Any] | None] = queue.SimpleQueue()
        self._pending = 0
        self._closed = False
        self.finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._thread = _Thread(self)
        self._thread.start()

    @property
    def pending(self) -> int:
        """Ops queued or running whose outcome the UI has not seen yet."""
        return self._pending

    @property
    def closed(self) -> bool:
        return self._closed

    def run(
        self,
        fn: Callable[[], T],
        on_success: Success[T] | None = None,
        on_failure: Failure | None = None,
        *,
        name: str = "",
    ) -> Op[T]:
        """Queue `fn` behind everything queued before it."""
        if self._closed:
            raise RuntimeError("the worker is shut down")
        op = Op(fn, on_success, on_failure, name or getattr(fn, "__name__", "op"))
        self._pending += 1
        if self._pending == 1:
            self.busyChanged.emit(True)
        self._jobs.put(op)
        return op

    # --- worker thread -------------------------------------------------------------------
    def _execute(self, op: Op[Any]) -> None:
        try:
            result = op.fn()
        except ShopError as exc:
            log.info("%s failed: %s", op.name, exc.message_en)
            self.finished.emit(op, False, exc)
        except Exception as exc:
            log.exception("background op %s crashed", op.name)
            self.finished.emit(op, False, exc)
        else:
            self.finished.emit(op, True, result)

    # --- UI thread -----------------------------------------------------------------------
    def _deliver(self, op: Op[Any], ok: bool, outcome: object) -> None:
        self._pending -= 1
        if self._closed:
            return
        try:
            if ok:
                if op.on_success is not None:
                    op.on_success(outcome)
            else:
                assert isinstance(outcome, Exception)  # _execute sends only exceptions here
                if not isinstance(outcome, ShopError):
                    self.bug.emit(f"{op.name}: {type(outcome).__name__}: {outcome}")
                if op.on_failure is not None:
                    op.on_failure(outcome)
        finally:
            if self._pending == 0:
                self.busyChanged.emit(False)

    def shutdown(self, timeout_ms: int = 15_000) -> bool:
        """Finish what is queued (a sale being saved is never cut off), then stop the thread.

        Outcomes arriving after this are dropped. Returns False if the thread did not stop
        within `timeout_ms`.
        """
        if not self._closed:
            self._closed = True
            self._jobs.put(None)
        stopped = self._thread.wait(timeout_ms)
        if not stopped:
            log.error("the background worker did not stop within %d ms", timeout_ms)
        return bool(stopped)
