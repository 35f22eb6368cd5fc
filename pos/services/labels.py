"""Shelf labels and story pages: choose products, print a batch, log it, export stories."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from pos.domain.curation import APPROVED
from pos.domain.labels import (
    LabelBatch,
    LabelData,
    LabelError,
    LabelLogLine,
    LabelProduct,
    LabelQuery,
    LabelTemplate,
    make_label,
    place_labels,
    placeholder_story_urls,
    story_url_for,
)
from pos.domain.settings import Settings
from pos.domain.shop_time import shop_day
from pos.domain.stories import ShopLinks, StoryPage
from pos.ports.clock import Clock, SystemClock
from pos.ports.labels import LabelChoices, LabelRenderer, LabelUnitOfWork, RenderedLabels
from pos.ports.stories import StorySiteWriter
from pos.ports.uow import UnitOfWorkFactory


@dataclass(frozen=True, slots=True)
class LabelItem:
    """One product on the label desk: its catalogue facts, its label, how many to print."""

    product: LabelProduct
    label: LabelData
    copies: int = 1


@dataclass(frozen=True, slots=True)
class PrintedBatch:
    batch: LabelBatch
    pages: int
    labels: int


def find_labels(
    uow: UnitOfWorkFactory[LabelUnitOfWork],
    settings: Settings,
    query: LabelQuery,
    *,
    copies: int = 1,
    sku_copies: Mapping[str, int] | None = None,
) -> list[LabelItem]:
    """The products `query` selects, each with its label and number of copies.

    SKUs asked for by name must all exist (and be active): a typo is reported, not skipped.
    """
    if not 0 <= copies <= 1000:
        raise LabelError("Copies must be 0-1000", "จำนวนสำเนาต้องอยู่ระหว่าง 0-1000")
    with uow() as read:
        products = read.labels.find_for_labels(query)
    if query.skus:
        found = {p.sku for p in products}
        missing = [s for s in query.skus if s not in found]
        if missing:
            raise LabelError(
                f"No active product with SKU {', '.join(missing)}",
                f"ไม่พบสินค้าที่ขายอยู่รหัส {', '.join(missing)}",
            )
    per_sku = sku_copies or {}
    today = shop_day(SystemClock().now())
    return [
        LabelItem(
            p,
            make_label(p, story_url_for(p.story_url, p.sku, settings), today),
            per_sku.get(p.sku, copies),
        )
        for p in products
    ]


def placeholder_warning(items: Sequence[LabelItem]) -> str | None:
    """A loud warning when labels would carry QR codes to the demo placeholder site, or None.

    The story base URL still set to https://otop.example/... (the demo default) makes QR codes
    that lead nowhere: set the story URL template (or each product's own story URL) first.
    """
    bad = placeholder_story_urls([i.label.story_url for i in items if i.copies])
    if not bad:
        return None
    skus = sorted({i.product.sku for i in items if i.copies and i.label.story_url in bad})
    shown = ", ".join(skus[:5]) + (f" (+{len(skus) - 5})" if len(skus) > 5 else "")
    return (
        f"คำเตือน: QR เรื่องราวสินค้าของ {len(skus)} รายการ ({shown}) ชี้ไปที่เว็บตัวอย่าง "
        f"{bad[0]} ซึ่งไม่มีอยู่จริง ตั้งค่าที่อยู่เว็บเรื่องราวก่อนพิมพ์\n"
        f"WARNING: the story QR code of {len(skus)} product(s) ({shown}) leads to the demo "
        f"placeholder {bad[0]}, which does not exist: set the story URL template "
        "(or the products' own story URLs) before printing."
    )


def preview_labels(
    renderer: LabelRenderer,
    items: Sequence[LabelItem],
    template: LabelTemplate,
    out: BinaryIO,
    *,
    start: int = 1,
) -> RenderedLabels:
    """Render without logging anything (the preview, a test print)."""
    placements = place_labels([i.copies for i in items], template, start)
    return renderer.render([i.label for i in items], placements, template, out)


def print_labels(
    uow: UnitOfWorkFactory[LabelUnitOfWork],
    renderer: LabelRenderer,
    clock: Clock,
    items: Sequence[LabelItem],
    template: LabelTemplate,
    out: BinaryIO,
    *,
    start: int = 1,
) -> PrintedBatch:
    """Render the labels, then log the batch: which price each product's labels carried.

    The log is written only once the document is complete, so a failed render leaves the
    products still "new" or "changed" for the next try.
    """
    placements = place_labels([i.copies for i in items], template, start)
    if not placements:
        raise LabelError("Nothing to print: no product or no copies", "ไม่มีฉลากที่จะพิมพ์")
    rendered = renderer.render([i.label for i in items], placements, template, out)
    batch = record_batch(uow, clock, items, template)
    return PrintedBatch(batch, rendered.pages, rendered.labels)


def record_batch(
    uow: UnitOfWorkFactory[LabelUnitOfWork],
    clock: Clock,
    items: Sequence[LabelItem],
    template: LabelTemplate,
) -> LabelBatch:
    """Log a printed batch (a PDF written, or pages sent to a printer by the labels window)."""
    counts: dict[str, int] = {}
    for item in items:
        if item.copies:
            counts[item.product.product_id] = counts.get(item.product.product_id, 0) + item.copies
    seen: set[str] = set()
    lines = []
    for item in items:
        pid = item.product.product_id
        if item.copies and pid not in seen:
            seen.add(pid)
            lines.append(LabelLogLine(pid, item.product.sku, item.label.price, counts[pid]))
    if not lines:
        raise LabelError("Nothing to print: no product or no copies", "ไม่มีฉลากที่จะพิมพ์")
    batch = LabelBatch(str(uuid.uuid4()), clock.now(), template.name, tuple(lines))
    with uow(write=True) as work:
        work.labels.record_label_batch(batch)
        work.commit()
    return batch


def label_choices(uow: UnitOfWorkFactory[LabelUnitOfWork]) -> LabelChoices:
    with uow() as read:
        return read.labels.label_choices()


def label_history(uow: UnitOfWorkFactory[LabelUnitOfWork], limit: int = 20) -> list[LabelBatch]:
    with uow() as read:
        return read.labels.label_batches(limit)


def story_pages(
    uow: UnitOfWorkFactory[LabelUnitOfWork], settings: Settings, today: date | None = None
) -> list[StoryPage]:
    """Every active product the committee approved, its story page, in SKU order; a
    certificate expired by `today` (the shop's day) is not shown as verified."""
    as_of = today or shop_day(SystemClock().now())
    with uow() as read:
        entries = list(read.catalog.export_entries())
    return [
        StoryPage(
            sku=p.sku,
            name_th=p.name_th,
            name_en=p.name_en,
            category=p.category,
            story_th=p.story_th,
            story_en=p.story_en,
            price=p.price,
            unit_th=p.unit_th,
            unit_en=p.unit_en,
            producer_th=pr.name_th,
            producer_en=pr.name_en,
            producer_kind=pr.kind,
            district_th=pr.district_th,
            district_en=pr.district_en,
            province_th=pr.province_th,
            province_en=pr.province_en,
            url=story_url_for(p.story_url, p.sku, settings),
            stars=p.stars,
            star_year=p.star_year,
            image=p.image,
            certifications=p.certifications,
            as_of=as_of,
        )
        for p, pr in entries
        if p.active and p.curation == APPROVED
    ]


def shop_links(settings: Settings) -> ShopLinks:
    return ShopLinks(
        name_th=settings.shop_name_th,
        name_en=settings.shop_name_en,
        address_th=settings.address_th,
        address_en=settings.address_en,
        line_url=settings.line_url,
        facebook_url=settings.facebook_url,
    )


def export_stories(
    uow: UnitOfWorkFactory[LabelUnitOfWork],
    settings: Settings,
    writer: StorySiteWriter,
    folder: Path,
) -> list[Path]:
    """Write the static story site (one page per active product and an index) into `folder`."""
    pages = story_pages(uow, settings)
    return writer.write(pages, shop_links(settings), settings.story_url_template, folder)


@dataclass
class LabelDesk:
    """What the labels window is handed by the composition root.

    `page_image(labels, placements, template, page, dpi)` draws one page for the preview and
    `paint_pages(device, labels, placements, template)` draws every page on a printer; both
    are Qt drawing of the very layout the PDF has (so the services never see Qt).
    """

    uow: UnitOfWorkFactory[LabelUnitOfWork]
    settings: Settings
    clock: Clock
    pdf_renderer: Callable[[], LabelRenderer]
    page_image: Callable[..., Any]
    paint_pages: Callable[..., int]

    def choices(self) -> LabelChoices:
        return label_choices(self.uow)

    def find(
        self, query: LabelQuery, copies: int = 1, sku_copies: Mapping[str, int] | None = None
    ) -> list[LabelItem]:
        return find_labels(self.uow, self.settings, query, copies=copies, sku_copies=sku_copies)

    def save_pdf(
        self, items: Sequence[LabelItem], template: LabelTemplate, start: int, path: Path
    ) -> PrintedBatch:
        """Write the PDF (atomically: a half-written file never replaces a good one), log it."""
        tmp = path.with_name(path.name + ".part")
        with open(tmp, "wb") as out:
            printed = print_labels(
                self.uow, self.pdf_renderer(), self.clock, items, template, out, start=start
            )
        os.replace(tmp, path)
        return printed

    def record(self, items: Sequence[LabelItem], template: LabelTemplate) -> LabelBatch:
        return record_batch(self.uow, self.clock, items, template)

    def history(self, limit: int = 20) -> list[LabelBatch]:
        return label_history(self.uow, limit)
