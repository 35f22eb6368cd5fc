"""A store whose tea corner was set up by a version before the derived ids (its menu and stock
items under random ids, drinks sold, a month summarised) re-keyed: no row names an old id, the
stock, the month summaries and the recipes are as they were under the new ids, the journal
verifies, the till sells on, and a second run does nothing."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import Engine, inspect, text

from db import models as m
from db.rekey import rekey_centre_rows
from pos.app.bootstrap import open_store
from pos.domain.catalog import CENTRE_CATEGORY, CENTRE_KIND, CENTRE_PRODUCER, centre_id
from pos.domain.settings import Settings
from pos.domain.shop_time import BANGKOK
from pos.domain.tea import MenuItem
from pos.services.demo import load_demo_store, load_demo_tea
from pos.services.journal import verify_journal
from pos.services.tea_menu import STOCK_ITEMS, default_menu
from resources import DEMO
from tests.helpers.templates import FreshDatabase
from tests.tea.conftest import MILK_L, MILK_S, OpenServices, stock_of, tea_settings
from tests.tea.test_tea_corner import ring

DRINKS = [("MENU-MILKTEA", MILK_L, 2), ("MENU-MILKTEA", MILK_S, 1)]


def build_old_tea_store(url: str) -> None:
    """The demo catalogue; the centre's producer and the tea corner's products made as older
    versions made them (random ids), then the demo menu on them (found by SKU)."""
    store = open_store(url, Settings())
    try:
        load_demo_store(store.uow, store.settings, store.terminal.terminal_id, DEMO)
        menu = default_menu({sku: "unused" for sku, *_ in STOCK_ITEMS})
        with store.uow(write=True) as tx:
            session = tx.session  # type: ignore[attr-defined]
            code, th, en = CENTRE_CATEGORY
            if session.get(m.Category, code) is None:
                session.add(m.Category(code=code, name_th=th, name_en=en, sort_order=99))
            producer = str(uuid.uuid4())
            session.add(
                m.Producer(id=producer, code=CENTRE_PRODUCER[0], name_th=CENTRE_PRODUCER[1],
                           name_en=CENTRE_PRODUCER[2], kind=CENTRE_KIND, district_th="",
                           district_en="", province_th="", province_en="")
            )  # fmt: skip
            made = [(sku, th, en, "goods", Decimal(0), False) for sku, th, en, *_ in STOCK_ITEMS]
            made += [(i.sku, i.name_th, i.name_en, "menu", i.price, i.vat_exempt) for i in menu]
            for sku, th, en, kind, price, exempt in made:
                session.add(
                    m.Product(id=str(uuid.uuid4()), sku=sku, name_th=th, name_en=en,
                              category_code=code, producer_id=producer, unit_price=price,
                              vat_exempt=exempt, kind=kind)
                )  # fmt: skip
            tx.commit()
        load_demo_tea(store.uow, _Clock(), store.terminal.terminal_id)
    finally:
        store.close()


class _Clock:
    def now(self) -> datetime:
        return datetime.now(UTC)


def _ids(engine: Engine) -> dict[str, str]:
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT sku, id FROM products WHERE category_code = 'SVC'"))
        return {str(sku): str(pid) for sku, pid in rows}


def _summaries(engine: Engine) -> dict[tuple[str, str, str], tuple[int, int]]:
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT s.month, p.sku, s.reason, s.quantity_milli, s.moves "
                "FROM stock_month_summaries s JOIN products p ON p.id = s.product_id"
            )
        )
        return {(mo, sku, r): (q, n) for mo, sku, r, q, n in rows}


def _naming(engine: Engine, old: set[str]) -> list[str]:
    """Every table and column whose text still holds one of the old ids (their notes and the
    Z reports, which the journal covers as written, aside)."""
    found: list[str] = []
    with engine.connect() as conn:
        for table in inspect(conn).get_table_names():
            if table in ("rekeyed_ids", "z_reports"):
                continue
            for col in inspect(conn).get_columns(table):
                name = col["name"]
                for o in old:
                    hit = conn.execute(
                        text(f"SELECT 1 FROM {table} WHERE CAST({name} AS TEXT) LIKE :p LIMIT 1"),
                        {"p": f"%{o}%"},
                    ).first()
                    if hit:
                        found.append(f"{table}.{name}")
    return found


def test_an_old_tea_corner_is_rekeyed_everywhere_and_sells_on(
    fresh_database: FreshDatabase, services: OpenServices
) -> None:
    url = fresh_database("sqlite", "tea-old-ids", build_old_tea_store)
    svc = services(url, tea_settings(None))
    engine = svc.store.engine
    old = _ids(engine)
    assert old["TEA-MILK"] != centre_id("product", "TEA-MILK")
    first = ring(svc, DRINKS)
    month = f"{first.sold_at.astimezone(BANGKOK):%Y-%m}"  # the sale's, on the test's clock
    opened = f"{datetime.now(UTC).astimezone(BANGKOK):%Y-%m}"  # the opening stock's
    with svc.store.uow(write=True) as keep:
        keep.stock.summarise_months(sorted({month, opened}), datetime.now(UTC))
        keep.commit()
    skus = ("TEA-LEAF", "TEA-MILK", "TEA-CUP-L", "TEA-CUP-S", "TEA-PEARL", "MENU-MILKTEA")
    stock = {sku: stock_of(svc.store, sku) for sku in skus}
    summaries = _summaries(engine)
    assert summaries[(month, "TEA-MILK", "sale")] == (-500_000, 2)  # two drink lines

    with engine.begin() as conn:
        done = rekey_centre_rows(conn)

    assert sorted(r.code for r in done) == sorted([*old, "CENTRE"])
    assert _ids(engine) == {sku: centre_id("product", sku) for sku in old}
    producer = next(r.old_id for r in done if r.kind == "producer")
    assert _naming(engine, {*old.values(), producer}) == []
    assert {sku: stock_of(svc.store, sku) for sku in skus} == stock
    assert _summaries(engine) == summaries
    milk: MenuItem = next(i for i in svc.tea.menu() if i.sku == "MENU-MILKTEA")
    assert milk.product_id == centre_id("product", "MENU-MILKTEA")
    assert {pid for pid, _ in milk.recipe} <= set(_ids(engine).values())
    assert verify_journal(svc.store.uow).ok  # the first sale's record still names the old ids

    again = ring(svc, DRINKS)  # the till sells on under the new ids
    assert again.total == first.total
    assert stock_of(svc.store, "TEA-MILK") == stock["TEA-MILK"] - 500
    assert _summaries(engine)[(month, "TEA-MILK", "sale")] == (-1_000_000, 4)
    assert verify_journal(svc.store.uow).ok
    with engine.begin() as conn:
        assert rekey_centre_rows(conn) == []
