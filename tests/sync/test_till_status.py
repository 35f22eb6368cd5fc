"""The till's sync indicator against a real PostgreSQL: online, sales drain, offline."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QToolButton
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import make_url

from pos.app.bootstrap import Store, build_till_context
from pos.services.till import TillContext
from tests.sync.conftest import Central
from tests.sync.test_refused import local_only_product, sell_product
from ui.app import create_till_window
from ui.till.window import TillWindow

pytestmark = pytest.mark.pg


def with_central(store: Store, url: str) -> TillContext:
    """The composition root's context for a counter whose settings name a central server."""
    store.settings = replace(store.settings, central_url=url)
    ctx = build_till_context(store)
    assert ctx.sync is not None
    return ctx


@pytest.fixture
def open_till(qtbot: QtBot) -> Iterator[list[TillWindow]]:
    windows: list[TillWindow] = []
    yield windows
    for w in windows:
        w.close()  # stops the sync loop before the counter's store is closed


def show(qtbot: QtBot, windows: list[TillWindow], ctx: TillContext) -> TillWindow:
    window = create_till_window(ctx, language="en")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    windows.append(window)
    return window


def closed_port_url(url: str) -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return (
        make_url(url)
        .set(host="127.0.0.1", port=port, query={})
        .render_as_string(hide_password=False)
    )


def test_the_indicator_goes_online_and_sales_waiting_drop_to_zero(
    qtbot: QtBot, central: Central, make_counter, open_till: list[TillWindow]
) -> None:
    c = make_counter("Counter 2")
    c.sell(3, seed=5)
    assert c.transport.pending() == 3
    till = show(qtbot, open_till, with_central(c.store, central.counter_url))
    indicator = till.sync_status

    qtbot.waitUntil(
        lambda: indicator.status is not None and indicator.status.online is True, timeout=20_000
    )
    status = indicator.status
    assert status is not None
    assert status.pending == 0
    assert status.last_sync_at is not None
    assert "Online" in indicator.text
    assert "0 sales waiting" in indicator.text
    assert "last sync " in indicator.text
    assert central.scalar("SELECT count(*) FROM sales WHERE total > 0") == 3

    # another sale, then "sync now": it reaches the central database and nothing waits
    c.sell(1, seed=6)
    first = status.last_sync_at
    button = indicator.findChild(QToolButton, "syncNow")
    assert isinstance(button, QToolButton)
    assert button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: indicator.status is not None and indicator.status.last_sync_at != first,
        timeout=20_000,
    )
    assert central.scalar("SELECT count(*) FROM sales WHERE total > 0") == 4
    assert indicator.status is not None
    assert indicator.status.pending == 0
    assert "0 sales waiting" in indicator.text


def test_the_indicator_is_offline_when_the_central_server_does_not_answer(
    qtbot: QtBot, central: Central, make_counter, open_till: list[TillWindow]
) -> None:
    c = make_counter("Counter 3")
    c.sell(2, seed=7)
    till = show(qtbot, open_till, with_central(c.store, closed_port_url(central.counter_url)))
    indicator = till.sync_status

    qtbot.waitUntil(
        lambda: indicator.status is not None and indicator.status.online is False, timeout=20_000
    )
    assert indicator.status is not None
    assert indicator.status.pending == 2
    assert "Offline" in indicator.text
    assert "2 sales waiting" in indicator.text
    assert till.message_kind != "error"  # the till keeps selling: no error in its banner


def test_without_a_central_server_the_till_is_stand_alone(
    qtbot: QtBot, make_counter, open_till: list[TillWindow]
) -> None:
    c = make_counter("Counter 4", pull=True)
    ctx = build_till_context(c.store)
    assert ctx.sync is None
    till = show(qtbot, open_till, ctx)
    assert till.sync_status.text == "Stand-alone"
    assert not till.sync_status.attached


def test_the_indicator_counts_refused_sales_and_names_them(
    qtbot: QtBot, central: Central, make_counter, open_till: list[TillWindow]
) -> None:
    c = make_counter("Counter 5")
    refused = sell_product(c, local_only_product(c))
    c.sell(2, seed=8)
    till = show(qtbot, open_till, with_central(c.store, central.counter_url))
    indicator = till.sync_status
    qtbot.waitUntil(
        lambda: indicator.status is not None and bool(indicator.status.problems), timeout=20_000
    )
    assert "Online" in indicator.text
    assert "1 refused by central" in indicator.text
    assert "1 sales waiting" in indicator.text  # kept, never dropped
    label = indicator.findChild(QLabel, "syncStatusText")
    assert isinstance(label, QLabel)
    assert refused in label.toolTip()
    assert "central catalogue" in label.toolTip()  # what to do
    assert label.property("kind") == "error"


def test_the_indicator_says_central_is_not_answering_when_the_network_goes_silent(
    qtbot: QtBot, central: Central, make_counter, proxy, open_till: list[TillWindow]
) -> None:
    p, url = proxy
    c = make_counter("Counter 6", url=url)
    c.sell(2, seed=9)
    c.store.settings = replace(c.store.settings, sync_round_timeout_s=5)
    p.stall_after = p.bytes_up  # silent from the first byte of the till's first round
    till = show(qtbot, open_till, with_central(c.store, url))
    indicator = till.sync_status
    qtbot.waitUntil(
        lambda: indicator.status is not None and indicator.status.online is False, timeout=9_000
    )
    assert "Central not answering" in indicator.text
    assert "2 sales waiting" in indicator.text
    p.stall_after = None
    qtbot.waitUntil(
        lambda: indicator.status is not None and indicator.status.online is True, timeout=20_000
    )
    assert "0 sales waiting" in indicator.text
