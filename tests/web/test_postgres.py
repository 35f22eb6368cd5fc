"""The shop on PostgreSQL, as in production: an order placed, a double click that is one
order, and a basket larger than the stock refused, all through the real pages."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import make_url

from db.web_role import WEB_ROLE, grant_web_role
from pos.app.bootstrap import Services, open_store
from pos.domain.settings import Settings
from tests.web.conftest import KEY, csrf_of, make_client
from tests.web.server import start_shop_at, stop_shop
from tests.web.test_checkout import (
    GOOD,
    MOO_YOR,
    SILK,
    add,
    checkout_form,
    order_count,
    order_of,
)
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


def test_the_shop_serves_and_takes_orders_as_its_least_privilege_role(
    pg_demo_url: str, pg_services: Services, tmp_path: Path
) -> None:
    """`otop-pos shop serve --db postgresql://otop_web…`: the role that reads the catalogue
    and writes orders only (db/web_role.py) runs the whole customer's side."""
    grant_web_role(pg_services.store.engine, password="web-shop-pass")
    url = make_url(pg_demo_url).set(username=WEB_ROLE, password="web-shop-pass")
    shop = start_shop_at(url.render_as_string(hide_password=False), tmp_path / "home")
    try:
        with httpx.Client(base_url=shop.url, follow_redirects=False) as browser:
            token = csrf_of(browser.get(f"/p/{MOO_YOR}").text)
            form = {"csrf_token": token, "kind": "product", "ref": MOO_YOR, "quantity": "2"}
            assert browser.post("/basket/add", data=form).status_code == 303
            page = browser.get("/checkout").text
            key = KEY.search(page)
            assert key
            placed = browser.post(
                "/checkout",
                data={"csrf_token": csrf_of(page), "idempotency_key": key.group(1), **GOOD},
            )
            assert placed.status_code == 303, placed.text[-2000:]
            confirmation = browser.get(placed.headers["location"])
            assert 'id="promptpay-qr"' in confirmation.text
    finally:
        stop_shop(shop)
    order_no = placed.headers["location"].rsplit("/", 1)[1]
    assert [(x.ref, x.quantity) for x in order_of(pg_services, order_no).lines] == [(MOO_YOR, 2)]
    assert "Traceback" not in shop.log.read_text()
