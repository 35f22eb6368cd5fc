"""The server's own minute task: an unpaid PromptPay order past its time is cancelled and
its reserved stock is offered on the web again."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

from pos.app.bootstrap import Services
from tests.web.conftest import make_client
from tests.web.test_checkout import MOO_YOR, add, checkout_form
from web.security import TokenBucket


class MovingClock:
    """The services' clock, which the test moves on (the app and the store keep running)."""

    def __init__(self) -> None:
        self.current = datetime.now(UTC)

    def now(self) -> datetime:
        return self.current


def test_an_unpaid_order_is_cancelled_after_its_time_and_its_stock_returns(
    services: Services,
) -> None:
    clock = MovingClock()
    services.__dict__["clock"] = clock  # before the orders service is built with it
    orders = services.orders
    product_id = orders.product(MOO_YOR).product_id  # type: ignore[union-attr]
    before = orders.availability([product_id])[product_id]
    with make_client(services, expire_every_s=0.05, order_limit=TokenBucket(10, 1)) as client:
        add(client, MOO_YOR, "4")
        where = client.post("/checkout", data=checkout_form(client)).headers["location"]
        assert orders.availability([product_id])[product_id] == before - 4
        time.sleep(0.3)  # the task has run a few times: 30 minutes have not passed
        assert "รอชำระเงิน" in client.get(where).text
        assert orders.availability([product_id])[product_id] == before - 4

        clock.current += timedelta(minutes=services.settings.web_reservation_minutes, seconds=1)
        deadline = time.monotonic() + 5
        while "ยกเลิก" not in (page := client.get(where).text) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert 'class="cancelled">ยกเลิก' in page
        assert 'id="promptpay-qr"' not in page  # nothing left to pay
        assert orders.availability([product_id])[product_id] == before
