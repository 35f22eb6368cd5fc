"""Keep None, True and False alive on PySide6 builds that lose references to them.

PySide6 6.12.0 on CPython 3.11 returns None from C++ methods that return void (setText,
QPainter.save, ...) and True from Signal.emit() without taking a reference. Each such call
takes one reference away; after some hundreds of signals or tens of thousands of calls
(a few hundred scans at the till) the object is deallocated and Python aborts
("bool_dealloc: deallocating True or False", "none_dealloc: deallocating None").
CPython 3.12 made these objects immortal (PEP 683), which hides the bug. On an affected
interpreter we do what 3.12 does: give them a reference count so large that it can never
reach zero.
"""

from __future__ import annotations

import ctypes
import logging
import sys

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)

HEADROOM = 1 << 40  # a million lost references a second for twelve days
_PROBE_CALLS = 64
_guarded: set[str] = set()


class _Probe(QObject):
    ping = Signal()


def _drops(obj: object, call: object) -> bool:
    assert callable(call)
    before = sys.getrefcount(obj)
    for _ in range(_PROBE_CALLS):
        call()
    return before - sys.getrefcount(obj) >= _PROBE_CALLS


def void_calls_drop_none() -> bool:
    """True if calling a void Qt method takes a reference away from None."""
    probe = QObject()
    return _drops(None, lambda: probe.setObjectName("probe"))


def emits_drop_true() -> bool:
    """True if Signal.emit() takes a reference away from True."""
    probe = _Probe()
    return _drops(True, probe.ping.emit)


def leaking_singletons() -> list[str]:
    """Names of the singletons this PySide6 build loses references to."""
    if sys.version_info >= (3, 12):  # immortal there: nothing to lose
        return []
    names = []
    if void_calls_drop_none():
        names.append("None")
    if emits_drop_true():
        names += ["True", "False"]  # which of the two leaks depends on the call
    return names


def _immortalize(obj: object) -> bool:
    before = sys.getrefcount(obj)
    refcnt = ctypes.c_ssize_t.from_address(id(obj))  # ob_refcnt: first field of PyObject
    refcnt.value += HEADROOM
    if sys.getrefcount(obj) - before != HEADROOM:  # pragma: no cover - unexpected layout
        refcnt.value -= HEADROOM
        return False
    return True


def guard_singletons() -> bool:
    """Make the singletons this PySide6 build leaks effectively immortal; True if it did."""
    names = [n for n in leaking_singletons() if n not in _guarded]
    if not names:
        return bool(_guarded)
    if hasattr(sys, "gettotalrefcount"):  # a debug build lays PyObject out differently
        log.error("PySide6 loses references to %s and this debug build cannot be guarded",
                  ", ".join(names))
        return False
    objects = {"None": None, "True": True, "False": False}
    for name in names:
        if _immortalize(objects[name]):
            _guarded.add(name)
        else:  # pragma: no cover - unexpected layout
            log.error("could not guard %s against PySide6's reference leak", name)
    log.info("PySide6 %s loses references to %s: made immortal", _pyside_version(),
             ", ".join(sorted(_guarded)))
    return bool(_guarded)


def _pyside_version() -> str:
    import PySide6

    return str(PySide6.__version__)
