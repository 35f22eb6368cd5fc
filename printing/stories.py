"""The static story site: one mobile-friendly page per product (Thai and English) + an index."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from html import escape
from pathlib import Path, PurePosixPath

from pos.domain.catalog import CATEGORY_NAMES, OtopCategory
from pos.domain.stories import CERT_NAMES, ShopLinks, StoryPage, story_file
from resources import FONTS

CSS = """\
@font-face { font-family: "OTOP Sans"; font-display: swap; font-weight: 400;
  src: url("OTOPSans-Regular.ttf") format("truetype"); }
@font-face { font-family: "OTOP Sans"; font-display: swap; font-weight: 700;
  src: url("OTOPSans-Bold.ttf") format("truetype"); }
:root { --ink: #222; --muted: #666; --silk: #7a1f3d; --gold: #c98a0c; --paper: #fffdf8; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--paper); color: var(--ink); line-height: 1.6;
  /* a phone's own Thai font first; the bundled one only where there is none */
  font-family: "Noto Sans Thai", "Noto Sans Thai UI", Thonburi, "Leelawadee UI", Sarabun,
    "OTOP Sans", system-ui, sans-serif; }
a { color: var(--silk); }
header.shop { background: var(--silk); color: #fff; padding: .7rem 1rem; }
header.shop a { color: #fff; text-decoration: none; font-weight: 600; }
header.shop small { display: block; font-weight: 400; opacity: .85; }
main { max-width: 40rem; margin: 0 auto; padding: 1rem; }
.photo { margin: 0 0 1rem; border-radius: .8rem; overflow: hidden; background: #efe7dc;
  aspect-ratio: 4 / 3; display: flex; align-items: center; justify-content: center; }
.photo img { width: 100%; height: 100%; object-fit: cover; display: block; }
.photo span { color: var(--muted); padding: 1rem; text-align: center; }
h1 { font-size: 1.6rem; line-height: 1.3; margin: .2rem 0; }
.en { color: var(--muted); margin: 0 0 .6rem; }
.stars { display: flex; align-items: center; gap: .15rem; margin: .4rem 0; }
.stars svg { width: 1.3rem; height: 1.3rem; }
.stars span { margin-left: .4rem; color: var(--muted); font-size: .9rem; }
.price { font-size: 1.8rem; font-weight: 700; margin: .4rem 0 1rem; }
.price small { font-size: .95rem; font-weight: 400; color: var(--muted); }
section { border-top: 1px solid #e6dccf; padding: .6rem 0; }
h2 { font-size: 1.05rem; margin: .3rem 0; color: var(--silk); }
.links { display: flex; gap: .7rem; flex-wrap: wrap; margin: 1.2rem 0; }
.links a { flex: 1 1 10rem; text-align: center; padding: .8rem; border-radius: .6rem;
  color: #fff; text-decoration: none; font-weight: 600; }
.links .line { background: #06c755; }
.links .fb { background: #1877f2; }
.badge { color: #1d7a3a; font-size: .85rem; white-space: nowrap; }
li.expired { color: var(--muted); }
footer { color: var(--muted); font-size: .85rem; text-align: center; padding: 1.5rem 1rem; }
.index input { width: 100%; padding: .7rem; font-size: 1rem; border: 1px solid #cbbfae;
  border-radius: .5rem; margin: .5rem 0 1rem; font-family: inherit; }
.index ul { list-style: none; padding: 0; margin: 0; }
.index li a { display: flex; justify-content: space-between; gap: 1rem; padding: .6rem .2rem;
  border-bottom: 1px solid #eee3d4; text-decoration: none; color: var(--ink); }
.index li small { display: block; color: var(--muted); }
.index li b { white-space: nowrap; }
"""

_FILTER_JS = """\
document.getElementById('q').addEventListener('input', function (e) {
  var q = e.target.value.toLowerCase();
  document.querySelectorAll('li[data-k]').forEach(function (li) {
    li.hidden = q && li.dataset.k.indexOf(q) < 0;
  });
});
"""

_STAR = (
    '<svg viewBox="0 0 24 24" aria-hidden="true"><path fill="{fill}" stroke="#c98a0c" '
    'stroke-width="1.2" d="M12 2.5l2.9 6.1 6.6.8-4.9 4.6 1.3 6.6L12 17.3l-5.9 3.3 1.3-6.6'
    '-4.9-4.6 6.6-.8z"/></svg>'
)


def _stars(stars: int | None, year: int | None) -> str:
    if not stars:
        return ""
    icons = "".join(_STAR.format(fill="#c98a0c" if i < stars else "none") for i in range(5))
    label = f"OTOP {stars}/5" + (f" ({year})" if year else "")
    year_text = f"<span>OTOP {escape(str(year))}</span>" if year else "<span>OTOP</span>"
    return f'<p class="stars" aria-label="{escape(label)}">{icons}{year_text}</p>'


def _paragraphs(text: str) -> str:
    parts = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    return "".join(f"<p>{escape(p).replace(chr(10), '<br>')}</p>" for p in parts)


def _head(title: str, root: str, description: str = "") -> str:
    meta = f'<meta name="description" content="{escape(description)}">' if description else ""
    og = f'<meta property="og:title" content="{escape(title)}">'
    return (
        '<!doctype html>\n<html lang="th">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n{meta}{og}\n"
        f'<link rel="stylesheet" href="{root}assets/story.css">\n</head>\n<body>\n'
    )


def _shop_header(shop: ShopLinks, root: str) -> str:
    return (
        f'<header class="shop"><a href="{root}index.html">{escape(shop.name_th)}'
        f'<small lang="en">{escape(shop.name_en)}</small></a></header>\n'
    )


def _links(shop: ShopLinks) -> str:
    items = []
    if shop.line_url:
        items.append(
            f'<a class="line" href="{escape(shop.line_url)}" rel="noopener">'
            "LINE · สั่งซื้อ/สอบถาม</a>"
        )
    if shop.facebook_url:
        items.append(
            f'<a class="fb" href="{escape(shop.facebook_url)}" rel="noopener">Facebook</a>'
        )
    return f'<nav class="links">{"".join(items)}</nav>\n' if items else ""


def _footer(shop: ShopLinks) -> str:
    return (
        f"<footer>{escape(shop.name_th)}<br>{escape(shop.address_th)}<br>"
        f'<span lang="en">{escape(shop.address_en)}</span></footer>\n</body>\n</html>\n'
    )


def story_html(page: StoryPage, shop: ShopLinks, root: str, image: str | None) -> str:
    """One product's page; `root` leads back to the site's top ('../../'), `image` is the
    photo's address relative to the page (None: no photo)."""
    cat_th, cat_en = page.category_names
    kind_th, kind_en = page.producer_kind_names
    unit_th, unit_en = (
        ("กก.", "kg") if page.unit_en == "kg" else (page.unit_th, page.unit_en)
    )
    photo = (
        f'<img src="{escape(image)}" alt="{escape(page.name_th)} · {escape(page.name_en)}">'
        if image
        else f"<span>{escape(cat_th)}<br>{escape(cat_en)}</span>"
    )
    certs = "".join(
        f'<li class="{"verified" if ok else "expired"}">'
        f"{escape(CERT_NAMES.get(c.kind, (c.kind, c.kind))[0])} "
        f"({escape(CERT_NAMES.get(c.kind, (c.kind, c.kind))[1])}) {escape(c.number)} "
        + (
            '<b class="badge">✓ ตรวจสอบแล้ว · <span lang="en">verified</span></b>'
            if ok
            else '<small>หมดอายุ · <span lang="en">expired</span></small>'
        )
        + "</li>"
        for c, ok in page.badges
    )
    place_th = f"อ.{page.district_th} จ.{page.province_th}"
    place_en = f"{page.district_en}, {page.province_en}"
    body = [
        _head(
            f"{page.name_th} · {page.name_en} | {shop.name_en}",
            root,
            page.story_en[:160] or page.name_en,
        ),
        _shop_header(shop, root),
        "<main>\n",
        f'<figure class="photo">{photo}</figure>\n',
        f'<h1>{escape(page.name_th)}</h1>\n<p class="en" lang="en">{escape(page.name_en)}</p>\n',
        _stars(page.stars, page.star_year),
        f'<p class="price">{escape(page.price_text)} <small>ต่อ {escape(unit_th)} · '
        f'<span lang="en">per {escape(unit_en)}</span></small></p>\n',
    ]
    if page.story_th:
        body.append(f"<section><h2>เรื่องราว</h2>{_paragraphs(page.story_th)}</section>\n")
    if page.story_en:
        body.append(
            f'<section lang="en"><h2>The story</h2>{_paragraphs(page.story_en)}</section>\n'
        )
    body.append(
        "<section><h2>ผู้ผลิต · <span lang=\"en\">Producer</span></h2>"
        f"<p>{escape(page.producer_th)}<br><span lang=\"en\">{escape(page.producer_en)}</span>"
        f"<br><small>{escape(kind_th)} · <span lang=\"en\">{escape(kind_en)}</span></small></p>"
        f"<p>{escape(place_th)}<br><span lang=\"en\">{escape(place_en)}</span></p></section>\n"
    )
    body.append(
        f"<section><h2>หมวด · <span lang=\"en\">Category</span></h2>"
        f"<p>{escape(cat_th)} · <span lang=\"en\">{escape(cat_en)}</span></p></section>\n"
    )
    if certs:
        body.append(
            "<section><h2>มาตรฐาน · <span lang=\"en\">Certifications</span></h2>"
            f"<ul>{certs}</ul></section>\n"
        )
    body.append(_links(shop))
    body.append("</main>\n")
    body.append(_footer(shop))
    return "".join(body)


def index_html(entries: Sequence[tuple[StoryPage, str]], shop: ShopLinks) -> str:
    """The list of every product, by category, with a filter box."""
    out = [
        _head(f"{shop.name_th} · {shop.name_en}", "", "OTOP product stories"),
        _shop_header(shop, ""),
        '<main class="index">\n<h1>เรื่องราวสินค้า OTOP</h1>\n'
        '<p class="en" lang="en">The stories of our OTOP products</p>\n'
        '<input id="q" type="search" placeholder="ค้นหา / Search" aria-label="Search">\n',
    ]
    by_cat: dict[OtopCategory, list[tuple[StoryPage, str]]] = {}
    for page, href in entries:
        by_cat.setdefault(page.category, []).append((page, href))
    for cat in OtopCategory:
        items = by_cat.get(cat)
        if not items:
            continue
        th, en = CATEGORY_NAMES[cat]
        out.append(f'<h2>{escape(th)} · <span lang="en">{escape(en)}</span></h2>\n<ul>\n')
        for page, href in items:
            key = f"{page.sku} {page.name_th} {page.name_en} {page.district_th} {page.district_en}"
            stars = f" · OTOP {page.stars} ดาว" if page.stars else ""
            out.append(
                f'<li data-k="{escape(key.lower())}"><a href="{escape(href)}">'
                f"<span>{escape(page.name_th)}<small lang=\"en\">{escape(page.name_en)}</small>"
                f"<small>อ.{escape(page.district_th)}{escape(stars)}</small></span>"
                f"<b>{escape(page.price_text)}</b></a></li>\n"
            )
        out.append("</ul>\n")
    out.append(_links(shop))
    out.append(f"</main>\n<script>\n{_FILTER_JS}</script>\n")
    out.append(_footer(shop))
    return "".join(out)


class StaticStorySite:
    """Writes the story site as plain files: any static web host (or a USB stick) serves it."""

    def __init__(self, image_root: Path | None = None) -> None:
        self.image_root = image_root

    def _photo(self, page: StoryPage, folder: Path, written: list[Path]) -> str | None:
        """Copy the product's photo into img/ and return its site path (None: no photo)."""
        if not page.image:
            return None
        source = Path(page.image)
        if not source.is_absolute() and self.image_root is not None:
            source = self.image_root / source
        if not source.is_file():
            return None
        target = folder / "img" / f"{page.sku}{source.suffix.lower()}"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        written.append(target)
        return f"img/{target.name}"

    def write(
        self, pages: Sequence[StoryPage], shop: ShopLinks, url_template: str, folder: Path
    ) -> list[Path]:
        folder.mkdir(parents=True, exist_ok=True)
        written: list[Path] = []
        assets = folder / "assets"
        assets.mkdir(exist_ok=True)
        (assets / "story.css").write_text(CSS, "utf-8")
        written.append(assets / "story.css")
        for name in ("OTOPSans-Regular.ttf", "OTOPSans-Bold.ttf", "OFL.txt"):
            shutil.copyfile(FONTS / name, assets / name)
            written.append(assets / name)
        entries: list[tuple[StoryPage, str]] = []
        for page in pages:
            rel = story_file(url_template, page.sku)
            depth = len(PurePosixPath(rel).parts) - 1
            root = "../" * depth
            photo = self._photo(page, folder, written)
            target = folder / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            html = story_html(page, shop, root, root + photo if photo else None)
            target.write_text(html, "utf-8")
            written.append(target)
            entries.append((page, rel))  # index.html named: works from a disk too
        index = folder / "index.html"
        index.write_text(index_html(entries, shop), "utf-8")
        written.append(index)
        return written
