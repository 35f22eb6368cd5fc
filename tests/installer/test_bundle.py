"""The PyInstaller one-folder bundle builds from build_installer.spec and passes its self-test."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_the_bundle_opens_the_till_on_a_fresh_demo_store(tmp_path: Path) -> None:
    build = subprocess.run(
        [sys.executable, "-m", "PyInstaller", str(ROOT / "build_installer.spec"), "--noconfirm",
         "--log-level", "ERROR", "--distpath", str(tmp_path / "dist"),
         "--workpath", str(tmp_path / "build")],
        cwd=ROOT, capture_output=True, text=True, timeout=480, check=False,
    )
    assert build.returncode == 0, build.stderr[-3000:]
    exe = tmp_path / "dist" / "otop-pos" / "otop-pos"
    bundled = {p.name for p in (exe.parent / "_internal" / "resources" / "fonts").iterdir()}
    assert {"OTOPSans-Regular.ttf", "OFL.txt"} <= bundled
    env = {**os.environ, "OTOP_POS_HOME": str(tmp_path / "home"), "QT_QPA_PLATFORM": "offscreen"}
    run = subprocess.run([str(exe), "--self-test"], env=env, capture_output=True, text=True,
                         timeout=180, check=False)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    assert "self-test ok" in run.stdout
    # the bundle created the demo store in the user-data folder it was given
    assert (tmp_path / "home" / "data" / "counter.db").exists()
    # the bundled commands (pos.app.cli) open that store through the same bootstrap
    verify = subprocess.run([str(exe), "journal", "verify"], env=env, capture_output=True,
                            text=True, timeout=120, check=False)
    assert verify.returncode == 0, verify.stdout[-2000:] + verify.stderr[-2000:]
    assert "journal intact" in verify.stdout
