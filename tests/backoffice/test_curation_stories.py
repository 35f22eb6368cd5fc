"""Story pages: a verified badge for each certificate still valid, none for an expired one."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pos.domain.catalog import CertificationEntry, OtopCategory
from pos.domain.settings import Settings
from pos.domain.stories import StoryPage
from pos.services.labels import shop_links
from printing.stories import story_html


def test_a_story_page_shows_a_verified_badge_only_for_a_certificate_still_valid() -> None:
    page = StoryPage(
        sku="X-2", name_th="ชาใบหม่อน", name_en="Mulberry tea", category=OtopCategory.BEVERAGE,
        story_th="", story_en="", price=Decimal("120"), unit_th="ห่อ", unit_en="pack",
        producer_th="กลุ่ม", producer_en="Group", producer_kind="group", district_th="พล",
        district_en="Phon", province_th="ขอนแก่น", province_en="Khon Kaen", url="https://x/p/X-2",
        certifications=(
            CertificationEntry("fda", "40-1-12345-5-0001", date(2027, 6, 1)),
            CertificationEntry("halal", "CICOT 77", date(2026, 12, 3)),  # expires today
            CertificationEntry("otop_stars", "4"),
        ),
        as_of=date(2026, 12, 3),
    )  # fmt: skip
    assert [ok for _, ok in page.badges] == [True, False, True]
    html = story_html(page, shop_links(Settings()), "../../", None)
    fda, halal, stars = html.split('<li class="')[1:4]
    assert fda.startswith("verified")
    assert "✓ ตรวจสอบแล้ว" in fda
    assert "verified</span>" in fda
    assert halal.startswith("expired")
    assert "CICOT 77" in halal
    assert "ตรวจสอบแล้ว" not in halal
    assert "ดาว OTOP (OTOP stars) 4" in stars
