"""Choosing what to label, printing a batch and its log, on a real SQLite counter database."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select, update

from db import models as m
from pos.app.bootstrap import Store
from pos.domain.labels import LabelError, LabelQuery, Symbology, template_by_name
from pos.domain.settings import Settings
from pos.services.labels import (
    find_labels,
    label_choices,
    label_history,
    preview_labels,
    print_labels,
    story_pages,
)
from printing.labels import PdfLabelRenderer
from tests.labels.conftest import LABEL_SETTINGS
from tests.labels.pdfscan import read_pdf


class StepClock:
    def __init__(self) -> None:
        self.current = datetime(2026, 11, 27, 3, 0, tzinfo=UTC)

    def now(self) -> datetime:
        self.current += timedelta(minutes=1)
        return self.current


def skus(store: Store, query: LabelQuery) -> list[str]:
    return [i.product.sku for i in find_labels(store.uow, LABEL_SETTINGS, query)]


ACTIVE = ["KK-DINO-001", "KK-SILK-001", "KK-SILK-002", "KK-TEA-001", "KK-TEA-002"]


def test_selection_by_search_category_producer_and_district(label_store: Store):
    assert skus(label_store, LabelQuery()) == ACTIVE  # the discontinued one is not labelled
    assert skus(label_store, LabelQuery(text="silk")) == ["KK-SILK-001", "KK-SILK-002"]
    assert skus(label_store, LabelQuery(text="ไหม")) == ["KK-SILK-001", "KK-SILK-002"]
    assert skus(label_store, LabelQuery(text="8859999000")) == ["KK-DINO-001", "KK-SILK-001"]
    assert skus(label_store, LabelQuery(text="100%")) == []  # % is a character, not a wildcard
    assert skus(label_store, LabelQuery(category="beverage")) == ["KK-TEA-001", "KK-TEA-002"]
    assert skus(label_store, LabelQuery(producer="P-DINO")) == ["KK-DINO-001"]
    assert skus(label_store, LabelQuery(district="ชนบท")) == ["KK-SILK-001", "KK-SILK-002"]
    assert skus(label_store, LabelQuery(district="phu wiang")) == ["KK-DINO-001"]
    both = LabelQuery(category="textile", text="plain")
    assert skus(label_store, both) == ["KK-SILK-002"]


def test_a_list_of_skus_keeps_its_order_and_copies_and_refuses_unknown_ones(label_store: Store):
    query = LabelQuery(skus=("KK-TEA-001", "KK-SILK-001"))
    items = find_labels(
        label_store.uow, LABEL_SETTINGS, query, copies=2, sku_copies={"KK-SILK-001": 5}
    )
    assert [(i.product.sku, i.copies) for i in items] == [("KK-TEA-001", 2), ("KK-SILK-001", 5)]
    with pytest.raises(LabelError, match="KK-NOPE"):
        find_labels(label_store.uow, LABEL_SETTINGS, LabelQuery(skus=("KK-SILK-001", "KK-NOPE")))
    with pytest.raises(LabelError, match="KK-OLD-001"):
        find_labels(label_store.uow, LABEL_SETTINGS, LabelQuery(skus=("KK-OLD-001",)))


def test_labels_carry_the_catalogue_facts_and_the_story_url(label_store: Store):
    (silk,) = find_labels(label_store.uow, LABEL_SETTINGS, LabelQuery(skus=("KK-SILK-001",)))
    label = silk.label
    assert label.story_url == "https://kk-otop.example/p/KK-SILK-001"
    assert (label.barcode.symbology, label.barcode.value) == (Symbology.EAN13, "8859999000018")
    assert (label.district_th, label.producer_th) == ("ชนบท", "กลุ่มทอผ้าไหมบ้านโนนเขวา")
    assert (label.stars, label.star_year, label.unit_th) == (5, 2565, "ผืน")
    (powder,) = find_labels(label_store.uow, LABEL_SETTINGS, LabelQuery(skus=("KK-TEA-002",)))
    assert powder.label.by_weight
    assert powder.label.barcode.symbology is Symbology.CODE128


def test_printing_logs_each_products_price_copies_and_template(label_store: Store):
    clock = StepClock()
    items = find_labels(
        label_store.uow, LABEL_SETTINGS, LabelQuery(category="textile"), copies=3
    )
    out = io.BytesIO()
    template = template_by_name("a4-3x8")
    printed = print_labels(label_store.uow, PdfLabelRenderer(), clock, items, template, out)
    assert (printed.labels, printed.pages) == (6, 1)
    assert len(read_pdf(io.BytesIO(out.getvalue()))[0].labels()) == 6
    with label_store.uow() as read:
        rows = read.labels.label_batches(5)  # type: ignore[attr-defined]
    assert len(rows) == 1
    batch = rows[0]
    assert batch.batch_id == printed.batch.batch_id
    assert batch.template == "a4-3x8"
    assert batch.printed_at == clock.current
    assert [(ln.sku, ln.price, ln.copies) for ln in batch.lines] == [
        ("KK-SILK-001", Decimal("1850.00"), 3),
        ("KK-SILK-002", Decimal("950.00"), 3),
    ]
    assert label_history(label_store.uow)[0].label_count == 6


def test_new_and_changed_follow_the_print_log(label_store: Store):
    clock = StepClock()
    renderer = PdfLabelRenderer()
    template = template_by_name("roll-50x30")
    assert skus(label_store, LabelQuery(new=True)) == ACTIVE
    assert skus(label_store, LabelQuery(changed=True)) == []
    first = find_labels(label_store.uow, LABEL_SETTINGS, LabelQuery(skus=("KK-SILK-001",
                                                                          "KK-TEA-001")))
    print_labels(label_store.uow, renderer, clock, first, template, io.BytesIO())
    assert skus(label_store, LabelQuery(new=True)) == ["KK-DINO-001", "KK-SILK-002",
                                                       "KK-TEA-002"]
    # the price of tea goes up: its label is now out of date
    with label_store.uow(write=True) as work:
        work.session.execute(  # type: ignore[attr-defined]
            update(m.Product).where(m.Product.sku == "KK-TEA-001").values(unit_price=135)
        )
        work.commit()
    changed = find_labels(label_store.uow, LABEL_SETTINGS, LabelQuery(changed=True))
    assert [(i.product.sku, i.product.last_label_price, i.product.price) for i in changed] == [
        ("KK-TEA-001", Decimal("120.00"), Decimal("135.00"))
    ]
    both = LabelQuery(changed=True, new=True)
    assert skus(label_store, both) == ["KK-DINO-001", "KK-SILK-002", "KK-TEA-001", "KK-TEA-002"]
    # a preview logs nothing; printing the new label does
    preview_labels(renderer, changed, template, io.BytesIO())
    assert skus(label_store, LabelQuery(changed=True)) == ["KK-TEA-001"]
    print_labels(label_store.uow, renderer, clock, changed, template, io.BytesIO())
    assert skus(label_store, LabelQuery(changed=True)) == []
    # the price goes back to what the first label said: changed again, against the latest
    with label_store.uow(write=True) as work:
        work.session.execute(  # type: ignore[attr-defined]
            update(m.Product).where(m.Product.sku == "KK-TEA-001").values(unit_price=120)
        )
        work.commit()
    assert skus(label_store, LabelQuery(changed=True)) == ["KK-TEA-001"]
    with label_store.uow() as read:
        logged = read.session.scalars(  # type: ignore[attr-defined]
            select(m.LabelPrint.price)
            .where(m.LabelPrint.sku == "KK-TEA-001")
            .order_by(m.LabelPrint.printed_at)
        ).all()
    assert logged == [Decimal("120.00"), Decimal("135.00")]


def test_nothing_is_logged_when_there_is_nothing_to_print(label_store: Store):
    items = find_labels(label_store.uow, LABEL_SETTINGS, LabelQuery(category="food"))
    assert items == []
    with pytest.raises(LabelError):
        print_labels(label_store.uow, PdfLabelRenderer(), StepClock(), items,
                     template_by_name("a4-3x7"), io.BytesIO())  # fmt: skip
    assert label_history(label_store.uow) == []


def test_filter_choices_and_story_pages(label_store: Store):
    choices = label_choices(label_store.uow)
    assert [c for c, _, _ in choices.categories][:2] == ["food", "beverage"]
    assert {c for c, _, _ in choices.producers} == {"P-SILK", "P-DINO", "P-TEA"}
    assert ("ชนบท", "Chonnabot") in choices.districts
    pages = story_pages(label_store.uow, LABEL_SETTINGS)
    assert [p.sku for p in pages] == ACTIVE
    silk = pages[1]
    assert (silk.url, silk.producer_en, silk.district_en) == (
        "https://kk-otop.example/p/KK-SILK-001",
        "Ban Non Khwao silk group",
        "Chonnabot",
    )


def test_a_products_own_story_url_is_its_qr_and_its_story_page(label_store) -> None:
    """Issue 13 item 7: `catalog import` stores a per-product story_url; labels and the story
    site use it, and the settings' template only for products without one."""
    from dataclasses import replace as _replace

    from pos.services.labels import find_labels, placeholder_warning, story_pages
    from tests.labels.conftest import LABEL_SETTINGS, PRODUCTS

    own = "https://nonkhwao-silk.example.org/mudmee-naga"
    with label_store.uow(write=True) as work:
        work.catalog.upsert_products(
            [_replace(PRODUCTS[0], story_url=own)], label_store.terminal.terminal_id
        )
        work.commit()
    items = {
        i.product.sku: i.label.story_url
        for i in find_labels(label_store.uow, LABEL_SETTINGS, LabelQuery())
    }
    assert items["KK-SILK-001"] == own
    assert items["KK-SILK-002"] == "https://kk-otop.example/p/KK-SILK-002"
    pages = {p.sku: p.url for p in story_pages(label_store.uow, LABEL_SETTINGS)}
    assert pages["KK-SILK-001"] == own
    found = find_labels(label_store.uow, LABEL_SETTINGS, LabelQuery())
    assert placeholder_warning(found) is None
    demo = find_labels(label_store.uow, Settings(), LabelQuery())
    warning = placeholder_warning(demo)
    assert warning is not None
    assert "https://otop.example/p/" in warning
    assert "KK-SILK-001" not in warning  # its own URL is a real one
