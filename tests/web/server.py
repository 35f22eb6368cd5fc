"""`otop-pos shop serve` as a real server on 127.0.0.1 (tests, the screenshots, the benchmark)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class LiveShop:
    url: str
    db: Path
    home: Path  # OTOP_POS_HOME of the server: its data folder (slips, photos, the secret)
    process: subprocess.Popen[bytes]
    log: Path


def start_shop(db: Path, home: Path, *extra: str, timeout_s: float = 60) -> LiveShop:
    """`python -m pos shop serve --db DB` on a free port, returned once it answers."""
    return start_shop_at(str(db), home, *extra, timeout_s=timeout_s, db_path=db)


def start_shop_at(
    db: str, home: Path, *extra: str, timeout_s: float = 60, db_path: Path | None = None
) -> LiveShop:
    """The shop on the store at `db` (a SQLite path or a postgresql:// URL)."""
    port = free_port()
    home.mkdir(parents=True, exist_ok=True)
    log = home / "server.log"
    env = {**os.environ, "OTOP_POS_HOME": str(home), "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "pos", "shop", "serve", "--db", db, "--port", str(port)]
    with log.open("wb") as out:
        process = subprocess.Popen([*command, *extra], env=env, stdout=out, stderr=out, cwd=ROOT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout_s
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"the shop exited {process.returncode}: {log.read_text()}")
        try:
            if httpx.get(url + "/static/shop.css", timeout=1).status_code == 200:
                return LiveShop(url, db_path or Path(), home, process, log)
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            process.kill()
            process.wait(5)
            raise RuntimeError(f"the shop did not answer: {log.read_text()}")
        time.sleep(0.1)


def stop_shop(shop: LiveShop) -> None:
    shop.process.terminate()
    try:
        shop.process.wait(10)
    except subprocess.TimeoutExpired:
        shop.process.kill()
        shop.process.wait(5)
