"""A pytest plugin for tests/unit/test_no_qt.py: after each test, whether a Qt application exists.

Loaded with `-p tests.helpers.no_qt_plugin` into a pytest run of its own; writes what it saw to
the JSON file named by $NO_QT_REPORT when the run ends.
"""

from __future__ import annotations

import json
import os
import sys

import pytest

_seen: dict[str, object] = {"passed": 0, "app_after": None, "app_type": None}


def _app_type() -> str | None:
    core = sys.modules.get("PySide6.QtCore")
    app = core.QCoreApplication.instance() if core is not None else None
    return None if app is None else type(app).__name__


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when == "call" and report.passed:
        _seen["passed"] = int(str(_seen["passed"])) + 1
    if report.when == "teardown" and _seen["app_after"] is None and (kind := _app_type()):
        _seen["app_after"], _seen["app_type"] = report.nodeid, kind


def pytest_sessionfinish(session: pytest.Session) -> None:
    with open(os.environ["NO_QT_REPORT"], "w", encoding="utf-8") as f:
        json.dump(_seen, f)
