"""The LIFF app in process: the LINE user's ID token verified at the (fake) platform, kept in
the session, the checkout prefilled, the order channel LINE; bad tokens change nothing."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from pos.app.bootstrap import Services
from pos.domain.channels import Channel
from pos.services.chat import Chat
from tests.fakes.line_api import FakeLine
from tests.web.conftest import KEY, SECRET, csrf_of
from tests.web.test_checkout import GOOD, SILK, add, order_of
from web.app import create_app
from web.line.liff import liff_csp
from web.line.webhook import LineChannel
from web.security import SESSION_COOKIE, Signer, TokenBucket

LIFF_ID = "1650000000-AbCdEfGh"
ORDER_NO = re.compile(r"/order/(W\d{10})$")
CSRF = re.compile(r'data-csrf="([^"]+)"')


def page_csrf(html: str) -> str:
    found = CSRF.search(html)
    assert found, "the LIFF page has no CSRF token"
    return found.group(1)


@pytest.fixture
def liff(services: Services, fake_line: FakeLine) -> Iterator[TestClient]:
    line = LineChannel(
        fake_line.channel_secret, Chat(services.store.uow, services.clock).receive,
        liff_id=LIFF_ID, api_base=fake_line.url, sdk_url=fake_line.url + "/liff/sdk.js",
    )  # fmt: skip
    app = create_app(
        services, secret=SECRET, expire_every_s=None, line=line,
        order_limit=TokenBucket(1000, 0.01),
    )  # fmt: skip
    with TestClient(app, base_url="http://127.0.0.1", follow_redirects=False) as client:
        yield client


def contact_in(client: TestClient) -> tuple[str, str, str] | None:
    session = Signer(SECRET).load_session(client.cookies.get(SESSION_COOKIE))
    assert session is not None
    return session.contact


def directives(csp: str) -> dict[str, list[str]]:
    """A Content-Security-Policy header as {directive: its sources, in order}."""
    parts = [p.split() for p in csp.split(";") if p.strip()]
    return {p[0]: p[1:] for p in parts}


def test_the_csp_with_the_real_sdk_address_names_each_origin_once() -> None:
    csp = directives(liff_csp("https://static.line-scdn.net/liff/edge/2/sdk.js"))
    assert csp["script-src"] == ["'self'", "https://static.line-scdn.net"]
    assert "https://liff.line.me" not in csp["connect-src"]


def log_in(client: TestClient, token: str) -> int:
    page = client.get(f"/liff/p/{SILK}")
    return client.post(
        "/liff/session", data={"id_token": token, "csrf_token": page_csrf(page.text)}
    ).status_code


def test_the_page_loads_the_sdk_and_leads_to_the_product(
    liff: TestClient, fake_line: FakeLine
) -> None:
    page = liff.get(f"/liff/p/{SILK}")
    assert page.status_code == 200
    assert f'data-liff-id="{LIFF_ID}"' in page.text
    assert f'data-next="/p/{SILK}"' in page.text
    assert f'<script src="{fake_line.url}/liff/sdk.js">' in page.text
    csp = directives(page.headers["content-security-policy"])
    assert csp["script-src"] == ["'self'", fake_line.url, "https://static.line-scdn.net"]
    assert csp["connect-src"] == [
        "'self'", "https://api.line.me", "https://access.line.me", "https://liffsdk.line-scdn.net"
    ]  # fmt: skip
    assert csp["default-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    for path in ("/", f"/p/{SILK}", "/order"):  # the LINE origins on /liff only
        other = liff.get(path).headers["content-security-policy"]
        assert "line.me" not in other
        assert "line-scdn" not in other
    assert "script-src 'none'" in liff.get("/").headers["content-security-policy"]
    assert 'data-next="/evil.example"' in liff.get("/liff//evil.example").text  # a path here
    assert 'data-next="/"' in liff.get("/liff/%5C%5Cevil.example").text


def test_a_verified_line_user_orders_on_channel_line_with_the_name_prefilled(
    liff: TestClient, fake_line: FakeLine, services: Services
) -> None:
    user, name = fake_line.liff_user
    assert log_in(liff, fake_line.id_token(user, name)) == 200
    assert contact_in(liff) == ("line", user, name)
    add(liff, SILK)
    page = liff.get("/checkout")
    assert f'name="name" value="{name}"' in page.text or f'value="{name}" name="name"' in page.text
    key = KEY.search(page.text)
    assert key
    form = {"csrf_token": csrf_of(page.text), "idempotency_key": key.group(1), **GOOD}
    placed = liff.post("/checkout", data=form)
    assert placed.status_code == 303
    found = ORDER_NO.search(placed.headers["location"])
    assert found
    assert order_of(services, found.group(1)).channel is Channel.LINE


def test_bad_foreign_or_missing_tokens_are_refused_and_the_session_keeps_no_user(
    liff: TestClient, fake_line: FakeLine
) -> None:
    user, name = fake_line.liff_user
    assert log_in(liff, "eyJnot-a-token") == 403
    assert log_in(liff, fake_line.id_token(user, name, client_id="1999999999")) == 403
    assert log_in(liff, "") == 400
    assert log_in(liff, "x" * 5000) == 400
    page = liff.get("/liff")
    token = fake_line.id_token(user, name)
    assert liff.post("/liff/session", data={"id_token": token}).status_code == 422  # no CSRF
    assert contact_in(liff) is None
    assert page_csrf(page.text)


def test_without_a_liff_app_there_is_no_liff_page(services: Services) -> None:
    app = create_app(services, secret=SECRET, expire_every_s=None)
    with TestClient(app, base_url="http://127.0.0.1") as client:
        assert client.get("/liff").status_code == 404
        assert client.post("/liff/session", data={"id_token": "x"}).status_code == 404
