"""The static story site: a page where every QR code points, readable on a phone, no server."""

from __future__ import annotations

from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

from pos.app.bootstrap import Store
from pos.domain.catalog import CertificationEntry, OtopCategory
from pos.domain.stories import StoryPage, story_file
from pos.services.labels import export_stories, shop_links
from printing.stories import StaticStorySite, story_html
from tests.labels.conftest import LABEL_SETTINGS

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cf000000020001e221bc330000000049454e44ae426082"
)


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        for key in ("href", "src"):
            if a.get(key):
                self.links.append(str(a[key]))
        if tag == "meta" and a.get("name"):
            self.meta[str(a["name"])] = str(a.get("content"))


def export(store: Store, tmp_path: Path) -> Path:
    photos = tmp_path / "photos"
    photos.mkdir()
    (photos / "silk.png").write_bytes(PNG)
    site = tmp_path / "site"
    export_stories(store.uow, LABEL_SETTINGS, StaticStorySite(photos), site)
    return site


def test_one_page_per_active_product_where_its_qr_code_points(label_store: Store, tmp_path):
    site = export(label_store, tmp_path)
    pages = sorted(p.parent.name for p in (site / "p").glob("*/index.html"))
    assert pages == ["KK-DINO-001", "KK-SILK-001", "KK-SILK-002", "KK-TEA-001", "KK-TEA-002"]
    # the QR payload https://kk-otop.example/p/KK-SILK-001 is this file on the web host
    url = LABEL_SETTINGS.story_url("KK-SILK-001")
    assert (site / story_file(LABEL_SETTINGS.story_url_template, "KK-SILK-001")).is_file()
    assert url.endswith("/p/KK-SILK-001")


def test_a_story_page_tells_the_story_in_thai_and_english(label_store: Store, tmp_path):
    site = export(label_store, tmp_path)
    html = (site / "p" / "KK-SILK-001" / "index.html").read_text("utf-8")
    for text in (
        "ผ้าไหมมัดหมี่ลายนาค", "Mudmee silk, naga pattern",
        "<p>ทอมือทีละเส้น</p><p>สีจากธรรมชาติ</p>", "Woven by hand, thread by thread.",
        "กลุ่มทอผ้าไหมบ้านโนนเขวา", "Ban Non Khwao silk group", "กลุ่มผู้ผลิตชุมชน",
        "อ.ชนบท จ.ขอนแก่น", "Chonnabot, Khon Kaen", "฿1,850", "ต่อ ผืน", "OTOP 2565",
        "ผ้า/เครื่องแต่งกาย", 'href="https://line.me/R/ti/p/@kkotop"',
        'href="https://www.facebook.com/kkotopcenter"',
    ):  # fmt: skip
        assert text in html, text
    assert html.count('fill="#c98a0c"') == 5  # five OTOP stars, drawn (no star glyph needed)
    parser = Links()
    parser.feed(html)
    assert parser.meta["viewport"] == "width=device-width, initial-scale=1"
    assert '<img src="../../img/KK-SILK-001.png"' in html
    assert (site / "img" / "KK-SILK-001.png").read_bytes() == PNG
    tea = (site / "p" / "KK-TEA-001" / "index.html").read_text("utf-8")
    assert "<img" not in tea  # no photo: the category stands in for it
    assert "เครื่องดื่ม" in tea


def test_every_relative_link_resolves_so_any_static_host_serves_the_site(
    label_store: Store, tmp_path
):
    site = export(label_store, tmp_path)
    html_files = list(site.rglob("*.html"))
    assert len(html_files) == 6
    for page in html_files:
        parser = Links()
        parser.feed(page.read_text("utf-8"))
        for link in parser.links:
            if link.startswith(("https://", "http://")):
                continue
            assert (page.parent / link).resolve().is_file(), f"{page}: {link}"
    index = (site / "index.html").read_text("utf-8")
    assert index.count('href="p/') == 5
    assert "ผ้า/เครื่องแต่งกาย" in index
    assert "Dinosaur figure" in index
    assert (site / "assets" / "OTOPSans-Regular.ttf").is_file()
    assert (site / "assets" / "OFL.txt").is_file()


def test_catalogue_text_is_escaped():
    page = StoryPage(
        sku="X-1", name_th="ชา <b>", name_en="Tea & \"herbs\"", category=OtopCategory.HERBAL,
        story_th="", story_en="<script>alert(1)</script>", price=Decimal("9.50"), unit_th="ซอง",
        unit_en="bag", producer_th="กลุ่ม", producer_en="Group", producer_kind="group",
        district_th="พล", district_en="Phon", province_th="ขอนแก่น", province_en="Khon Kaen",
        url="https://x/p/X-1",
        certifications=(CertificationEntry("fda", "40-1-12345-5-0001"),),
    )  # fmt: skip
    html = story_html(page, shop_links(LABEL_SETTINGS), "../../", None)
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html
    assert "ชา &lt;b&gt;" in html
    assert "Tea &amp; &quot;herbs&quot;" in html
    assert "อย. (Thai FDA) 40-1-12345-5-0001" in html
    assert "฿9.50" in html
