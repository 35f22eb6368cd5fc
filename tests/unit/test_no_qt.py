"""The unit tests (domain and services with fakes) run without Qt: no QApplication is started
for them, and the domain and services import no PySide6 at all."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONPATH": str(ROOT), **env}
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=environment, capture_output=True, text=True,
        timeout=300, check=False,
    )  # fmt: skip


def test_the_domain_and_the_services_import_no_qt() -> None:
    code = (
        "import importlib, pkgutil, sys\n"
        "import pos.domain, pos.services\n"
        "names = [m.name for p in (pos.domain, pos.services)\n"
        "         for m in pkgutil.walk_packages(p.__path__, p.__name__ + '.')]\n"
        "for name in names:\n"
        "    importlib.import_module(name)\n"
        "print(len(names), sorted(m for m in sys.modules if m.split('.')[0] == 'PySide6'))\n"
    )
    done = _run(["-c", code])
    assert done.returncode == 0, done.stderr
    count, qt = done.stdout.split(" ", 1)
    assert int(count) > 20  # every module of both packages was imported
    assert qt.strip() == "[]"


def test_the_unit_tests_start_no_qt_application(tmp_path: Path) -> None:
    """tests/unit in a pytest run of its own (a whole run's earlier directories would have
    started Qt already): after every test, still no Qt application."""
    report = tmp_path / "no_qt.json"
    done = _run(
        ["-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "tests.helpers.no_qt_plugin",
         "tests/unit", "--ignore", str(Path(__file__).relative_to(ROOT))],
        NO_QT_REPORT=str(report),
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    seen = json.loads(report.read_text(encoding="utf-8"))
    assert seen["passed"] > 100
    assert (seen["app_after"], seen["app_type"]) == (None, None)
