"""A shop server that writes a chat message to the outbox, commits, and starts sending it to
an API at HOST:PORT that takes the request and never answers.

Usage: python chat_child.py DB_URL HOST:PORT line|facebook

Prints "COMMITTED <outbox id>" once the message is committed, then sends: its sender writes
the retry key on the connection and waits for an answer. Used by tests/chat/test_chat_kill.py,
which kills it with SIGKILL in the middle of that send.
"""

from __future__ import annotations

import socket
import sys
from collections.abc import Sequence

from db.engine import make_engine
from db.uow import SqlUnitOfWorkFactory
from pos.domain.channels import Channel
from pos.domain.chat import OutMessage, Purpose, TextOut
from pos.ports.clock import SystemClock
from pos.services.chat import Chat
from pos.services.chat_outbox import Outbox


class HangingSender:
    """Sends the retry key to the test's socket, then waits for an answer that never comes."""

    def __init__(self, channel: Channel, target: str) -> None:
        self.channel = channel
        self.idempotent = channel is Channel.LINE
        host, port = target.rsplit(":", 1)
        self.address = (host, int(port))

    def push(
        self,
        user_id: str,
        messages: Sequence[OutMessage],
        retry_key: str,
        purpose: Purpose | None = None,
    ) -> str:
        conn = socket.create_connection(self.address, timeout=120)
        conn.sendall(f"{retry_key}\n".encode())
        conn.recv(1)  # blocks until killed
        return "never"

    def reply(self, reply_token: str, messages: Sequence[OutMessage]) -> None:
        raise AssertionError("a push was expected")

    def check(self) -> str:
        return "hanging"


def main(url: str, target: str, channel_name: str) -> None:
    channel = Channel(channel_name)
    engine = make_engine(url)
    uow = SqlUnitOfWorkFactory(engine)
    clock = SystemClock()
    chat = Chat(uow, clock)
    with uow(write=True) as u:
        contact = u.chat.upsert_contact(channel, "U-killed-mid-send", clock.now())
        outbox_id = chat.enqueue(u, contact.contact_id, [TextOut("ส่งพัสดุแล้ว 📦")], Purpose.SHIPPED)
        u.commit()
    print(f"COMMITTED {outbox_id}", flush=True)
    Outbox(uow, {channel: HangingSender(channel, target)}, clock).send_due()
    print("SENT?!", flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:4])
