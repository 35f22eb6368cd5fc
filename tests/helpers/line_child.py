"""A shop server's outbox loop, once: the due chat messages sent to the LINE Platform at URL.

Usage: python line_child.py DB_URL LINE_API_URL ACCESS_TOKEN

Prints "SENDING" and runs `Outbox.send_due` with the real LineSender (what `shop serve` does
every second); prints "SENT <n>" when it returns. Used by tests/web/line/test_line_kill.py,
which SIGKILLs it while the fake platform holds the answer to a push it has accepted.
"""

from __future__ import annotations

import sys

from db.engine import make_engine
from db.uow import SqlUnitOfWorkFactory
from pos.domain.channels import Channel
from pos.ports.clock import SystemClock
from pos.services.chat_outbox import Outbox
from web.line.client import LineSender


def main(url: str, api: str, token: str) -> None:
    uow = SqlUnitOfWorkFactory(make_engine(url))
    sender = LineSender(token, api_base=api, data_base=api, read_s=120)
    print("SENDING", flush=True)
    sent = Outbox(uow, {Channel.LINE: sender}, SystemClock()).send_due()
    print(f"SENT {sent}", flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:4])
