"""The print-job and tax-invoice repositories on the counter's SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from pos.app.bootstrap import Store, open_store
from pos.domain.errors import TaxInvoiceError
from pos.domain.settings import Settings
from pos.domain.taxinvoice import Buyer
from pos.services.demo import load_demo_store
from tests.printing.conftest import SHOP, FixedClock, sell

BUYER = Buyer("บริษัท ก จำกัด", "ขอนแก่น", "0994000617721")


@pytest.fixture
def store(migrated_db_url: str) -> Iterator[Store]:
    opened = open_store(migrated_db_url, Settings())
    load_demo_store(opened.uow, opened.settings, opened.terminal.terminal_id, SHOP)
    try:
        yield opened
    finally:
        opened.close()


def test_a_job_is_claimed_once(store: Store, clock: FixedClock) -> None:
    with store.uow(write=True) as uow:
        job = uow.print_jobs.add("receipt", "receipt", "KK01-00000001", False, clock.now())
        uow.commit()
    with store.uow(write=True) as uow:
        claimed = uow.print_jobs.claim(job.job_id, "backup")
        assert claimed is not None
        assert (claimed.status, claimed.attempts, claimed.printer) == ("printing", 1, "backup")
        assert uow.print_jobs.claim(job.job_id) is None
        uow.commit()
    with store.uow(write=True) as uow:
        uow.print_jobs.fail(job.job_id, "paper out")
        uow.commit()
    with store.uow(write=True) as uow:
        again = uow.print_jobs.claim(job.job_id)
        assert again is not None
        assert again.attempts == 2
        uow.print_jobs.finish(job.job_id, clock.now())
        uow.commit()
    with store.uow() as uow:
        done = uow.print_jobs.get(job.job_id)
        assert done is not None
        assert (done.status, done.printed_at, done.last_error) == ("done", clock.now(), "")
        assert uow.print_jobs.open_jobs() == []


def test_tax_invoice_numbers_are_their_own_series(store: Store, clock: FixedClock) -> None:
    first = sell(store, clock, None)
    second = sell(store, clock, None)
    with store.uow(write=True) as uow:
        a = uow.tax_invoices.issue(first.receipt_no, store.terminal, BUYER, clock.now())
        b = uow.tax_invoices.issue(second.receipt_no, store.terminal, BUYER, clock.now())
        uow.commit()
    assert (a.number, b.number) == ("KK01-T00000001", "KK01-T00000002")
    with store.uow() as uow:
        found = uow.tax_invoices.by_number("KK01-T00000002")
        assert found is not None
        assert (found.receipt_no, found.buyer) == (second.receipt_no, BUYER)
        assert uow.tax_invoices.for_receipt(first.receipt_no) == a
    with store.uow(write=True) as uow, pytest.raises(TaxInvoiceError, match="No receipt"):
        uow.tax_invoices.issue("KK01-00000099", store.terminal, BUYER, clock.now())
