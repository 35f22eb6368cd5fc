"""`otop-pos orders track NO [--poll]`, and the shop server's PostgreSQL role polling and
moving a delivered order with only the web role's grants."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from db.engine import make_engine
from db.uow import SqlUnitOfWorkFactory
from db.web_role import WEB_ROLE, grant_web_role
from pos.app.bootstrap import Store
from pos.config import save_settings
from pos.domain.auth import Actor
from pos.domain.orders import OrderStatus
from pos.domain.settings import Settings
from pos.domain.shop_time import BANGKOK
from pos.services.order_desk import OrderDesk
from pos.services.orders import Orders
from pos.services.tracking import Tracking
from tests.fakes.thailandpost_api import FakeThailandPost, item
from tests.integration.conftest import FixedClock
from tests.integration.test_cli import cli
from tests.tracking.conftest import shipped_order
from web.carriers.thailandpost import ThailandPostTracking

DAY = datetime(2026, 11, 28, tzinfo=BANGKOK)


@pytest.fixture(autouse=True)
def _own_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OTOP_POS_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("OTOP_POS_SECRET_THAILANDPOST_TOKEN", raising=False)


@pytest.mark.parametrize("small_store_url", ["sqlite"], indirect=True)
def test_orders_track_prints_the_parcels_events(
    tracking: Tracking,
    fake_api: FakeThailandPost,
    orders: Orders,
    order_desk: OrderDesk,
    packer: Actor,
    manager: Actor,
    small_store_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    order = shipped_order(orders, order_desk, packer, manager)
    no = order.tracking_no
    code, out, _ = cli("orders", "track", order.order_no, "--db", small_store_url)
    assert code == 0
    assert out.strip() == f"{order.order_no}  no tracking yet"
    fake_api.events[no] = [
        item(no, "103", DAY.replace(hour=9)),
        item(no, "301", DAY.replace(hour=14)),
    ]
    assert tracking.poll() == 2
    code, out, _ = cli("orders", "track", order.order_no.lower(), "--db", small_store_url)
    assert code == 0
    assert out.splitlines() == [
        f"{order.order_no}  Out for delivery / กำลังนำจ่าย",
        "  2026-11-28 09:00  103  รับฝาก  ขอนแก่น 40000",
        "  2026-11-28 14:00  301  ออกไปนำจ่าย  ขอนแก่น 40000",
    ]
    # no API token set: --poll asks nobody and says so
    code, out, _ = cli("orders", "track", "--poll", "--db", small_store_url)
    assert code == 0
    assert out.startswith("0 new tracking event(s)")
    # with the API token and the API's address: the parcels due are asked (the wall clock)
    fake_api.events[no].append(item(no, "501", DAY.replace(hour=17)))
    monkeypatch.setenv("OTOP_POS_SECRET_THAILANDPOST_TOKEN", fake_api.api_token)
    conf = tmp_path / "settings.json"
    save_settings(Settings(thailandpost_api_base=fake_api.url), conf)
    code, out, err = cli("--settings", str(conf), "orders", "track", "--poll", order.order_no,
                         "--db", small_store_url)  # fmt: skip
    assert code == 0, err
    assert out.splitlines()[0] == "1 new tracking event(s) / สถานะพัสดุใหม่ 1 รายการ"
    assert out.splitlines()[1] == f"{order.order_no}  Delivered / นำจ่ายสำเร็จ"
    assert order_desk.order(order.order_no).status is OrderStatus.DELIVERED
    code, _, err = cli("orders", "track", "W0000000000", "--db", small_store_url)
    assert code != 0
    assert "W0000000000" in err
    assert "Traceback" not in err


@pytest.mark.pg
@pytest.mark.parametrize("small_store_url", ["pg"], indirect=True)
def test_the_web_role_polls_and_moves_a_delivered_order(
    store: Store,
    fake_api: FakeThailandPost,
    orders: Orders,
    order_desk: OrderDesk,
    packer: Actor,
    manager: Actor,
    settings: Settings,
    clock: FixedClock,
) -> None:
    order = shipped_order(orders, order_desk, packer, manager)
    no = order.tracking_no
    fake_api.events[no] = [
        item(no, "201", DAY.replace(hour=9)),
        item(no, "501", DAY.replace(hour=16)),
    ]
    grant_web_role(store.engine)
    url = store.engine.url.set(username=WEB_ROLE, password=None)
    web = make_engine(url.render_as_string(hide_password=False))
    source = ThailandPostTracking(fake_api.api_token, clock, fake_api.url)
    try:
        uow = SqlUnitOfWorkFactory(web)
        desk = OrderDesk(uow, settings, clock)
        tracking = Tracking(uow, desk, [source], clock, timedelta(minutes=30))
        assert tracking.poll() == 2
    finally:
        source.close()
        web.dispose()
    done = order_desk.order(order.order_no)
    assert done.status is OrderStatus.DELIVERED
    assert done.history[-1].at == datetime(2026, 11, 27, 4, 30, tzinfo=UTC)
