"""The products service on both backends: add, edit, prices and their history, deactivate,
roles refused in the service, every field's bad input refused with nothing written."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage
from sqlalchemy import func, select

from db import models as m
from pos.app.bootstrap import Store, open_store
from pos.domain.auth import Actor, PermissionDenied, Role
from pos.domain.barcodes import in_store_code, with_check_digit
from pos.domain.errors import ShopError
from pos.domain.labels import LabelQuery
from pos.domain.settings import Settings
from pos.services.demo import load_demo_store
from pos.services.products import ProductDraft, ProductFieldError, Products, draft_of
from printing.photos import QtPhotoStore
from tests.ui.conftest import DATA, SILK, TEA

WHEN = datetime(2026, 12, 3, 2, 0, tzinfo=UTC)
MANAGER = Actor("u-m", "manager", "Manager", Role.MANAGER)
ADMIN = Actor("u-a", "admin", "Admin", Role.ADMIN)


class StepClock:
    """A clock that moves on a minute each time it is read."""

    def __init__(self) -> None:
        self.at = WHEN

    def now(self) -> datetime:
        self.at += timedelta(minutes=1)
        return self.at


def _demo(url: str) -> None:
    from tests.helpers.templates import migrate_only

    migrate_only(url)
    store = open_store(url, Settings())
    try:
        load_demo_store(store.uow, store.settings, store.terminal.terminal_id, DATA)
    finally:
        store.close()


@pytest.fixture(params=["sqlite", pytest.param("pg", marks=pytest.mark.pg)])
def shop(request: pytest.FixtureRequest, fresh_database) -> Iterator[Store]:  # type: ignore[no-untyped-def]
    url = fresh_database(str(request.param), "backoffice-demo", _demo)
    store = open_store(url, Settings())
    try:
        yield store
    finally:
        store.close()


@pytest.fixture
def products(shop: Store, tmp_path: Path) -> Products:
    return Products(shop.uow, shop.settings, StepClock(), QtPhotoStore(tmp_path / "photos"),
                    shop.terminal.terminal_id)  # fmt: skip


def basket_draft(**changes: object) -> ProductDraft:
    draft = ProductDraft(
        sku="KK-MAT-009", name_th="เสื่อกกลายขิด", name_en="Reed mat, khit pattern",
        category="household", producer="KK-PWG-03", price="350",
    )  # fmt: skip
    return replace(draft, **changes)  # type: ignore[arg-type]


def written(shop: Store) -> tuple[int, int, int, int]:
    """Products, barcodes, price changes and audit rows in the database."""
    with shop.engine.connect() as conn:
        return tuple(  # type: ignore[return-value]
            conn.execute(select(func.count()).select_from(t)).scalar_one()
            for t in (m.Product, m.ProductBarcode, m.PriceChange, m.AuditEntry)
        )


def test_a_product_added_with_a_new_in_store_code_is_stored_scannable_and_audited(
    shop: Store, products: Products
) -> None:
    with shop.uow() as read:
        given = read.products.codes_with_prefix("20")
    code = products.new_in_store_code()
    number = int(code[2:-1])
    assert code == in_store_code("20", number)  # the shop's prefix, its check digit
    assert number == max(int(c[2:-1]) for c in given) + 1  # after the highest given
    added = products.add(MANAGER, basket_draft(barcodes=(code,), commission_pct="15",
                                               stars="4", star_year="2566",
                                               story_url="https://otop.example/mat"))  # fmt: skip
    assert added.price == Decimal("350.00")
    assert added.unit_th == "ชิ้น"
    assert products.get("kk-mat-009") == added
    with shop.uow() as read:
        info = read.catalog.product_by_barcode(code)
        entries = read.audit.entries(key="KK-MAT-009")
    assert info is not None
    assert info.sku == "KK-MAT-009"
    assert info.unit_price == Decimal("350.00")
    assert [(e.action, e.actor_name) for e in entries] == [("product.add", "manager")]
    assert entries[0].after["barcodes"] == [code]
    assert entries[0].after["commission_pct"] == "15.00"
    with shop.engine.connect() as conn:
        kind = conn.execute(
            select(m.ProductBarcode.kind).where(m.ProductBarcode.code == code)
        ).scalar_one()
    assert kind == "instore"
    # the next code is the one after, never the same again
    assert products.new_in_store_code() == in_store_code("20", number + 1)


def test_a_price_edit_is_kept_in_its_history_and_audited_apart(
    shop: Store, products: Products
) -> None:
    silk = products.get("KK-SILK-001")
    products.edit(MANAGER, silk.sku, replace(draft_of(silk), price="1,990"))
    products.edit(ADMIN, silk.sku, replace(draft_of(products.get(silk.sku)), price="1950.50",
                                           name_en="Mudmee silk, naga"))  # fmt: skip
    history = products.price_history(silk.sku)
    assert [(h.old, h.new, h.by) for h in history] == [
        (Decimal("1990.00"), Decimal("1950.50"), "admin"),
        (Decimal("1850.00"), Decimal("1990.00"), "manager"),
    ]
    assert history[0].at > history[1].at
    with shop.uow() as read:
        entries = read.audit.entries(key=silk.sku)
    assert sorted((e.action, e.actor_name, str(e.before), str(e.after)) for e in entries) == [
        ("product.edit", "admin", "{'name_en': 'Mudmee silk, naga pattern'}",
         "{'name_en': 'Mudmee silk, naga'}"),
        ("product.price", "admin", "{'price': '1990.00'}", "{'price': '1950.50'}"),
        ("product.price", "manager", "{'price': '1850.00'}", "{'price': '1990.00'}"),
    ]  # fmt: skip
    # saving it unchanged writes nothing
    before = written(shop)
    products.edit(MANAGER, silk.sku, draft_of(products.get(silk.sku)))
    assert written(shop) == before


def test_deactivated_a_product_is_not_sold_and_reactivated_it_is(
    shop: Store, products: Products
) -> None:
    products.deactivate(MANAGER, "KK-TEA-001")
    with shop.uow() as read:
        assert read.catalog.product_by_barcode(TEA) is None
    assert products.get("KK-TEA-001").active is False
    products.reactivate(MANAGER, "KK-TEA-001")
    with shop.uow() as read:
        assert read.catalog.product_by_barcode(TEA) is not None
        actions = [e.action for e in read.audit.entries(key="KK-TEA-001")]
    assert sorted(actions) == ["product.deactivate", "product.reactivate"]


@pytest.mark.parametrize("role", [Role.CASHIER, Role.LABELS])
def test_each_change_is_refused_in_the_service_for_a_role_that_may_not(
    shop: Store, products: Products, role: Role
) -> None:
    actor = Actor("u-x", "someone", "Someone", role)
    silk = products.get("KK-SILK-001")
    before = written(shop)
    changes = (
        lambda: products.add(actor, basket_draft()),
        lambda: products.edit(actor, silk.sku, replace(draft_of(silk), price="1")),
        lambda: products.deactivate(actor, silk.sku),
        lambda: products.reactivate(actor, silk.sku),
    )
    for change in changes:
        with pytest.raises(PermissionDenied, match="may not change products"):
            change()
    assert written(shop) == before
    assert products.get("KK-SILK-001") == silk


BAD = [
    ("sku", {"sku": ""}, "SKU is empty", "รหัสสินค้า"),
    ("sku", {"sku": "KK MAT 9"}, "SKU 'KK MAT 9' may hold only", "รหัสสินค้า"),
    ("sku", {"sku": "KK-SILK-001"}, "already a product", "มีอยู่แล้ว"),
    ("name_th", {"name_th": " "}, "Thai name is empty", "ชื่อภาษาไทย"),
    ("name_th", {"name_th": "=HYPERLINK(1)"}, "spreadsheet", "ชื่อภาษาไทย"),
    ("name_en", {"name_en": "x" * 301}, "English name is 301 characters", "ชื่อภาษาอังกฤษ"),
    ("name_en", {"name_en": "mat\x07"}, "control character", "ชื่อภาษาอังกฤษ"),
    ("category", {"category": "cars"}, "Category 'cars' is not one of", "หมวดหมู่"),
    ("producer", {"producer": "NOBODY"}, "Producer 'NOBODY' is not", "ผู้ผลิต"),
    ("price", {"price": "0"}, "Price", "ราคา"),
    ("price", {"price": "abc"}, "Price 'abc' is not a number", "ราคา"),
    ("price", {"price": "1e5"}, "exponent", "ราคา"),
    ("price", {"price": "12.345"}, "Price", "ราคา"),
    ("sold_by", {"sold_by": "box"}, "Sold by 'box' must be unit or weight", "วิธีขาย"),
    ("unit_th", {"unit_th": "ก" * 21}, "Thai unit is 21 characters", "หน่วยภาษาไทย"),
    ("barcodes", {"barcodes": ("8859999000019",)}, "wrong check digit", "บาร์โค้ด"),
    ("barcodes", {"barcodes": ("12345",)}, "wrong check digit or length", "บาร์โค้ด"),
    ("barcodes", {"barcodes": (SILK,)}, "already belongs to KK-SILK-001", "เป็นของ"),
    ("barcodes", {"barcodes": (in_store_code("25", 7),)}, "outside this shop's prefix 20",
     "บาร์โค้ด"),
    ("barcodes", {"barcodes": (with_check_digit("210000100000"),)}, "outside this shop's",
     "บาร์โค้ด"),
    ("barcodes", {"barcodes": (in_store_code("20", 5), in_store_code("20", 5))}, "given twice",
     "ซ้ำกัน"),
    ("story_th", {"story_th": "ok\x00"}, "Thai story has a control character", "เรื่องราว"),
    ("story_url", {"story_url": "ftp://otop.example/x"}, "must be a web address", "ลิงก์"),
    ("story_url", {"story_url": "javascript:alert(1)"}, "must be a web address", "ลิงก์"),
    ("photo", {"photo": "/no/such/photo.jpg"}, "is not a file", "รูปภาพ"),
    ("commission_pct", {"commission_pct": "101"}, "ommission", "ค่าคอมมิชชัน"),
    ("commission_pct", {"commission_pct": "-5"}, "ommission", "ค่าคอมมิชชัน"),
    ("stars", {"stars": "6", "star_year": "2566"}, "OTOP stars 6 must be 1 to 5", "ดาว"),
    ("stars", {"stars": "four", "star_year": "2566"}, "not a whole number", "ดาว"),
    ("stars", {"star_year": "2566"}, "are empty although a year", "ดาว"),
    ("star_year", {"stars": "3"}, "Year of the stars is empty", "ปีที่ได้ดาว"),
    ("star_year", {"stars": "3", "star_year": "1999"}, "must be 2001-2100", "ปีที่ได้ดาว"),
]


@pytest.mark.parametrize(
    ("field", "changes", "en", "th"), BAD, ids=[f"{b[0]}-{i}" for i, b in enumerate(BAD)]
)
def test_bad_input_is_refused_naming_its_field_and_nothing_is_written(
    shop: Store, products: Products, field: str, changes: dict[str, object], en: str, th: str
) -> None:
    before = written(shop)
    with pytest.raises(ShopError) as refused:
        products.add(MANAGER, basket_draft(**changes))
    assert en in refused.value.message_en
    assert th in refused.value.message_th
    assert isinstance(refused.value, ProductFieldError)
    assert refused.value.field == field
    assert written(shop) == before
    # an edit of an existing product refuses the same, and leaves it as it was
    if field != "sku":
        dino = products.get("KK-DINO-001")  # no stars, no story, no photo
        with pytest.raises(ShopError):
            products.edit(MANAGER, dino.sku, replace(draft_of(dino), **changes))  # type: ignore[arg-type]
        assert products.get("KK-DINO-001") == dino
        assert written(shop) == before


def test_a_code_of_a_basket_template_is_refused(shop: Store, products: Products) -> None:
    code = in_store_code("20", 9_000_040)
    with shop.uow(write=True) as w:
        w.session.execute(m.BasketTemplate.__table__.update().values(barcode=code))
        w.commit()
    with pytest.raises(ProductFieldError, match="already belongs to basket GIFT-NY-01"):
        products.add(MANAGER, basket_draft(barcodes=(code,)))
    assert products.new_in_store_code() == in_store_code("20", 9_000_041)


def test_a_counter_that_takes_central_s_catalogue_changes_nothing_of_it(
    shop: Store, products: Products
) -> None:
    if shop.engine.dialect.name != "sqlite":
        pytest.skip("a counter is a SQLite store")
    with shop.uow(write=True) as w:
        w.session.add(m.SyncState(key="catalog_seq", value="12"))
        w.commit()
    before = written(shop)
    silk = products.get("KK-SILK-001")
    for change in (
        lambda: products.add(MANAGER, basket_draft()),
        lambda: products.edit(MANAGER, silk.sku, replace(draft_of(silk), price="1")),
        lambda: products.deactivate(MANAGER, silk.sku),
    ):
        with pytest.raises(ShopError, match="otop-pos backoffice --db postgresql://"):
            change()
    assert written(shop) == before
    # and one that names a central server in its settings, before its first pull, too
    with shop.uow(write=True) as w:
        w.session.execute(m.SyncState.__table__.delete())
        w.commit()
    named = Products(shop.uow, Settings(central_url="postgresql://central/otop"), StepClock())
    with pytest.raises(ShopError, match="central database"):
        named.add(MANAGER, basket_draft())
    assert written(shop) == before


def test_a_photo_is_resized_and_kept_under_the_data_folder(
    products: Products, tmp_path: Path
) -> None:
    picture = tmp_path / "mat.png"
    image = QImage(2000, 1000, QImage.Format.Format_RGB32)
    image.fill(QColor("darkgreen"))
    assert image.save(str(picture))
    added = products.add(MANAGER, basket_draft(photo=str(picture)))
    assert added.photo is not None
    stored = Path(added.photo)
    assert stored.parent == tmp_path / "photos"
    assert stored.name == "KK-MAT-009.jpg"
    kept = QImage(str(stored))
    assert (kept.width(), kept.height()) == (800, 400)
    # an edit that keeps the photo stores nothing again; a file that is no picture is refused
    again = products.edit(MANAGER, added.sku, replace(draft_of(added), name_en="Reed mat"))
    assert again.photo == added.photo
    junk = tmp_path / "notes.jpg"
    junk.write_text("not a picture")
    with pytest.raises(ShopError, match="not a picture"):
        products.edit(MANAGER, added.sku, replace(draft_of(again), photo=str(junk)))
    assert products.get(added.sku).photo == added.photo


def test_the_labels_changed_selection_finds_a_price_edited_since_its_last_label(
    shop: Store, products: Products
) -> None:
    from pos.domain.labels import LabelBatch, LabelLogLine

    with shop.uow(write=True) as w:
        batch = LabelBatch(
            batch_id="b-1", template="a4-3x7", printed_at=WHEN,
            lines=tuple(
                LabelLogLine(product_id=p.id, sku=p.sku, price=p.unit_price, copies=1)
                for p in w.session.scalars(select(m.Product))
            ),
        )  # fmt: skip
        w.labels.record_label_batch(batch)
        w.commit()

    def changed() -> list[str]:
        with shop.uow() as read:
            return [p.sku for p in read.labels.find_for_labels(LabelQuery(changed=True))]

    assert changed() == []
    silk = products.get("KK-SILK-001")
    products.edit(MANAGER, silk.sku, replace(draft_of(silk), price="1990"))
    assert changed() == ["KK-SILK-001"]
    # back to the label's price, but changed since the label: its label is reprinted too
    products.edit(MANAGER, silk.sku, replace(draft_of(products.get(silk.sku)), price="1850"))
    assert changed() == ["KK-SILK-001"]


def test_the_back_office_and_the_labels_find_a_thai_name_typed_without_its_tone_marks(
    shop: Store, products: Products
) -> None:
    from pos.ports.products import ProductFilter

    def labels(text: str) -> list[str]:
        with shop.uow() as read:
            return [p.sku for p in read.labels.find_for_labels(LabelQuery(text=text))]

    def listed(text: str) -> list[str]:
        return [row.sku for row in products.search(ProductFilter(text=text))]

    for typed in ("ผ้าไหม", "ผาไหม"):  # ผ้าไหมมัดหมี่ลายนาค, its mai tho left out
        assert listed(typed) == ["KK-SILK-001"], typed
        assert labels(typed) == ["KK-SILK-001"], typed
    assert listed("ยาหมอง") == ["KK-BALM-001"]  # ยาหม่องสมุนไพรไพล
    assert listed("ผ้าไหมม") == ["KK-SILK-001"]
    assert listed("ผาไหมแดง") == []
    assert listed("100%_") == []  # LIKE's wildcards are still literal
