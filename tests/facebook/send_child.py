"""The shop server's outbox turn in a process of its own (the test SIGKILLs it mid-send).

Usage: python -m tests.facebook.send_child DB_URL GRAPH_BASE (the Page's secrets in the
environment, as `otop-pos shop serve` reads them).
"""

from __future__ import annotations

import sys
from dataclasses import replace

from pos.app.bootstrap import Services, open_store
from pos.domain.settings import Settings
from tests.facebook.conftest import SHOP_URL


def main(url: str, graph_base: str) -> None:
    settings = replace(
        Settings(),
        web_public_url=SHOP_URL,
        chat_enabled_channels="facebook",
        facebook_graph_base=graph_base,
    )
    services = Services(open_store(url, settings, create=False), queue_prints=False)
    print("SENDING", flush=True)
    services.chat_outbox().send_due()
    print("SENT?!", flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:3])
