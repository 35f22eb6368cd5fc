"""The shop on PostgreSQL, as in production: an order placed, a double click that is one
order, and a basket larger than the stock refused, all through the real pages."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from pos.app.bootstrap import Services, open_store
from pos.domain.settings import Settings
from tests.web.conftest import make_client
from tests.web.test_checkout import MOO_YOR, SILK, add, checkout_form, order_count, order_of
from web.security import TokenBucket

pytestmark = pytest.mark.pg


@pytest.fixture
def pg_services(
    pg_demo_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Services]:
    monkeypatch.setenv("OTOP_POS_HOME", str(tmp_path / "home"))
    opened = Services(open_store(pg_demo_url, Settings(), create=False), queue_prints=False)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def pg_client(pg_services: Services) -> Iterator[TestClient]:
    with make_client(pg_services, order_limit=TokenBucket(1000, 0.01)) as c:
        yield c


def test_an_order_is_placed_on_postgresql_and_read_back(
    pg_client: TestClient, pg_services: Services
) -> None:
    add(pg_client, SILK)
    add(pg_client, MOO_YOR, "2")
    placed = pg_client.post("/checkout", data=checkout_form(pg_client))
    assert placed.status_code == 303
    order_no = placed.headers["location"].rsplit("/", 1)[1]
    page = pg_client.get(placed.headers["location"])
    assert order_no in page.text
    assert 'id="promptpay-qr"' in page.text
    assert [(x.ref, x.quantity) for x in order_of(pg_services, order_no).lines] == [
        (SILK, 1),
        (MOO_YOR, 2),
    ]
    assert order_count(pg_services) == 1


def test_a_double_click_on_postgresql_makes_one_order(
    pg_client: TestClient, pg_services: Services
) -> None:
    add(pg_client, MOO_YOR)
    form = checkout_form(pg_client)
    cookies = dict(pg_client.cookies)
    answers: list[Any] = []
    start = threading.Barrier(3)

    def post() -> None:
        with make_client(pg_services, order_limit=TokenBucket(100, 1)) as other:
            other.cookies.update(cookies)
            start.wait()
            answers.append(other.post("/checkout", data=form))

    threads = [threading.Thread(target=post) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [a.status_code for a in answers] == [303, 303, 303]
    assert len({a.headers["location"] for a in answers}) == 1
    assert order_count(pg_services) == 1


def test_more_than_is_left_is_refused_on_postgresql(
    pg_client: TestClient, pg_services: Services
) -> None:
    product = pg_services.orders.product(SILK)
    assert product is not None
    left = product.available
    add(pg_client, SILK, str(left + 1))
    refused = pg_client.post("/checkout", data=checkout_form(pg_client))
    assert refused.status_code == 409
    assert f"เหลือเพียง {left} ชิ้น" in refused.text
    assert order_count(pg_services) == 0
