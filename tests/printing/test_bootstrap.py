"""The bootstrap builds each shared service once: the till and the commands share them."""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from pos.app import main
from pos.app.bootstrap import Services, Store, build_till_context, open_store
from pos.app.cli.common import opened
from pos.config import save_settings
from pos.domain.settings import PrinterProfile, Settings
from pos.services.printing import PrintQueue, ZReports
from pos.services.returns import RefundSlips
from tests.printing.conftest import network_settings

MakeStore = Callable[..., Store]


def test_the_till_prints_everything_through_the_queue_its_banner_watches(
    make_store: MakeStore,
) -> None:
    labels = PrinterProfile(name="labels", connection="network", target="192.0.2.11:9100")
    store = make_store(network_settings("192.0.2.10:9100", vat_registered=True, more=(labels,)))
    ctx = build_till_context(store)
    queue = ctx.print_queue
    assert isinstance(queue, PrintQueue)
    assert ctx.checkout.sink is queue  # receipts
    assert ctx.shifts is not None
    assert isinstance(ctx.shifts.sink, ZReports)
    assert ctx.shifts.sink.queue is queue  # Z reports
    assert ctx.returns is not None
    assert isinstance(ctx.returns.sink, RefundSlips)
    assert ctx.returns.sink.queue is queue  # refund slips
    assert ctx.tax_invoices is not None
    assert ctx.tax_invoices.queue is queue


def test_one_auth_gives_the_approvals_checkout_shifts_and_refunds_accept(
    make_store: MakeStore,
) -> None:
    ctx = build_till_context(make_store(network_settings("192.0.2.10:9100")))
    assert ctx.auth is not None
    assert ctx.shifts is not None
    assert ctx.returns is not None
    assert ctx.checkout.auth is ctx.auth
    assert ctx.shifts.auth is ctx.auth
    assert ctx.returns.auth is ctx.auth


def test_each_service_is_built_once_and_the_till_gets_those(make_store: MakeStore) -> None:
    services = Services(make_store(network_settings("192.0.2.10:9100")))
    queue, auth, checkout = services.print_queue, services.auth, services.checkout
    assert services.print_queue is queue
    assert services.receipt_sink is queue
    assert services.auth is auth
    assert services.checkout is checkout
    ctx = services.till_context()
    assert (ctx.print_queue, ctx.auth, ctx.checkout) == (queue, auth, checkout)
    assert ctx.baskets is services.baskets
    assert ctx.shifts is services.shifts
    assert ctx.returns is services.returns
    assert services.label_desk is services.label_desk


def test_a_preview_receipt_printer_gets_no_jobs(make_store: MakeStore) -> None:
    """Receipts, slips and Z reports stay on screen; the other printers still get a queue
    (the setup dialog's test pages)."""
    labels = PrinterProfile(name="labels", connection="network", target="192.0.2.11:9100")
    ctx = build_till_context(make_store(Settings(printers=(PrinterProfile(), labels))))
    assert isinstance(ctx.print_queue, PrintQueue)
    assert ctx.checkout.sink is None
    assert ctx.shifts is not None
    assert ctx.shifts.sink is None
    assert ctx.returns is not None
    assert ctx.returns.sink is None


def test_a_command_queues_nothing_for_the_counters_printers(make_store: MakeStore) -> None:
    """A command prints where its options say; it shares one Auth among its services too."""
    store = make_store(network_settings("192.0.2.10:9100"))
    args = argparse.Namespace(db=store.url)
    with opened(args, store.settings) as services:
        assert services.print_queue is None
        assert services.checkout.sink is None
        assert services.returns.sink is None
        assert services.returns.auth is services.auth is services.checkout.auth
        assert services.store.terminal.terminal_id == store.terminal.terminal_id


def test_demo_sales_on_the_command_line_leave_the_tills_printer_alone(tmp_path: Path) -> None:
    """Sales a command rings up queue no receipt for the till to print when it next starts."""
    settings = network_settings("192.0.2.10:9100")
    path = save_settings(settings, tmp_path / "settings.json")
    db = str(tmp_path / "counter.sqlite3")
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["--settings", str(path), "demo", "--db", db, "--sales", "3"]) == 0
    store = open_store(db, settings)
    try:
        with store.uow() as read:
            assert read.sales.count() == 3
            assert read.print_jobs.open_jobs() == []
    finally:
        store.close()


IMPORT_ALL = r"""
import json, pkgutil, sys, importlib
import pos.app
for m in pkgutil.walk_packages(pos.app.__path__, "pos.app."):
    importlib.import_module(m.name)
print(json.dumps(sorted(sys.modules)))
"""


def test_importing_the_composition_root_opens_nothing() -> None:
    """The bootstrap and every command import no database layer, printer or service."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", IMPORT_ALL], capture_output=True, text=True, env=env, check=True
    )
    loaded = set(json.loads(done.stdout.strip().splitlines()[-1]))
    assert "pos.app.cli.report" in loaded
    heavy = {"sqlalchemy", "alembic", "db", "printing", "escpos", "psycopg", "PySide6", "ui"}
    assert sorted(m for m in loaded if m.split(".")[0] in heavy) == []
    assert sorted(m for m in loaded if m.startswith("pos.services")) == []
