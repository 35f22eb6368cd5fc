"""A shop server killed between the commit of a chat message and the end of its send: LINE
gets it again with the same retry key (delivered once), Messenger's becomes UNKNOWN."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from db.engine import make_engine
from db.uow import SqlUnitOfWorkFactory
from pos.domain.channels import Channel
from pos.domain.chat import SEND_LEASE, OutboxStatus, TextOut
from pos.ports.clock import SystemClock
from pos.services.chat_outbox import Outbox
from tests.chat.conftest import Clock, FakeSender
from tests.helpers.templates import FreshDatabase, migrate_only

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="needs SIGKILL"),
]

CHILD = Path(__file__).resolve().parents[1] / "helpers" / "chat_child.py"
ROOT = Path(__file__).resolve().parents[2]


def _killed_mid_send(url: str, channel: Channel, out: Path) -> tuple[str, str]:
    """Run the child until its send is on the wire, SIGKILL it; (outbox id, retry key sent)."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    server.settimeout(60)
    target = f"127.0.0.1:{server.getsockname()[1]}"
    with out.open("wb") as log:
        child = subprocess.Popen(
            [sys.executable, str(CHILD), url, target, channel.value],
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
    try:
        conn, _ = server.accept()
        conn.settimeout(30)
        key = conn.makefile("rb").readline().decode().strip()
        assert child.poll() is None
        child.kill()
        child.wait(timeout=30)
        conn.close()
    finally:
        if child.poll() is None:
            child.kill()
        server.close()
    said = out.read_text("utf-8")
    assert "COMMITTED" in said, said
    assert "SENT?!" not in said, said
    return said.split("COMMITTED ", 1)[1].split()[0], key


@pytest.mark.parametrize(
    ("backend", "channel"),
    [
        ("sqlite", Channel.LINE),
        ("sqlite", Channel.FACEBOOK),
        pytest.param("pg", Channel.LINE, marks=pytest.mark.pg),
    ],
)
def test_a_server_killed_mid_send(
    fresh_database: FreshDatabase, backend: str, channel: Channel, tmp_path: Path
) -> None:
    url = fresh_database(backend, "migrated", migrate_only)
    engine = make_engine(url)
    try:
        _resumed(url, SqlUnitOfWorkFactory(engine), channel, tmp_path)
    finally:
        engine.dispose()


def _resumed(url: str, uow: SqlUnitOfWorkFactory, channel: Channel, tmp_path: Path) -> None:
    outbox_id, key = _killed_mid_send(url, channel, tmp_path / "child.out")
    with uow() as u:
        item = u.chat.outbox_item(outbox_id)
    assert item is not None
    assert item.retry_key == key
    assert (item.status, item.attempts) == (OutboxStatus.PENDING, 1)
    assert item.in_flight_at is not None

    clock = Clock()
    clock.current = SystemClock().now() + SEND_LEASE + timedelta(seconds=1)
    sender = FakeSender(channel=channel, idempotent=channel is Channel.LINE)
    outbox = Outbox(uow, {channel: sender}, clock)
    for _ in range(2):  # a second round sends nothing again
        outbox.send_due()
    with uow() as u:
        after = u.chat.outbox_item(outbox_id)
    assert after is not None
    if channel is Channel.LINE:
        assert [c.retry_key for c in sender.calls] == [key]  # the same key: LINE delivers once
        assert [d.messages for d in sender.delivered] == [(TextOut("ส่งพัสดุแล้ว 📦"),)]
        assert after.status is OutboxStatus.SENT
    else:
        assert not sender.calls  # Messenger has no key: never sent twice
        assert after.status is OutboxStatus.UNKNOWN
