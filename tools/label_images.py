"""Make docs/label-sheet.png, label-roll.png, label-window.png and story-page.png (demo store).

The label images are the PDF itself rasterised by pdftoppm (Debian's poppler-utils) when it
is installed, else Qt's drawing of the same layout. The story page is a phone-sized
screenshot by headless Chromium (Debian's chromium) when installed, else Qt's QTextDocument.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/label_images.py [DOCS_DIR]
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pos.app.bootstrap import load_demo, open_store  # noqa: E402
from pos.domain.labels import LabelQuery, place_labels, template_by_name  # noqa: E402
from pos.domain.settings import Settings  # noqa: E402
from pos.services.labels import LabelItem, export_stories, find_labels, preview_labels  # noqa: E402
from printing.labels import PdfLabelRenderer  # noqa: E402
from printing.stories import StaticStorySite  # noqa: E402

STORY_SKU_HINT = "ผ้าไหม"  # the story page shown: a silk product, the province's best known


def pick(items: list[LabelItem], count: int) -> list[LabelItem]:
    """A varied sheet: every category, stars or none, GS1, in-store and Code 128 labels."""
    by_cat: dict[str, list[LabelItem]] = {}
    for item in items:
        by_cat.setdefault(item.product.category, []).append(item)
    chosen: list[LabelItem] = []
    weighed = [i for i in items if i.label.by_weight]
    chosen.extend(weighed[:1])
    while len(chosen) < count and any(by_cat.values()):
        for group in by_cat.values():
            if group and len(chosen) < count:
                item = group.pop(len(group) // 2)
                if item not in chosen:
                    chosen.append(item)
    return chosen


def pdf_to_png(pdf: Path, png: Path, dpi: int, page: int = 1) -> bool:
    tool = shutil.which("pdftoppm")
    if tool is None:
        return False
    stem = png.with_suffix("")
    subprocess.run(
        [tool, "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile",
         str(pdf), str(stem)],
        check=True,
    )  # fmt: skip
    return png.exists()


def qt_page(items: list[LabelItem], template_name: str, png: Path, dpi: int) -> None:
    from printing.label_qt import page_image

    template = template_by_name(template_name)
    labels = [i.label for i in items]
    placements = place_labels([i.copies for i in items], template)
    page_image(labels, placements, template, 0, dpi).save(str(png))


def screenshot(html: Path, png: Path) -> bool:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        return False
    subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
         "--force-device-scale-factor=2", "--window-size=400,1700", "--virtual-time-budget=5000",
         f"--screenshot={png}", html.as_uri()],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    return png.exists()


def qt_story(html: Path, png: Path) -> None:
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QColor, QImage, QPainter, QTextDocument

    doc = QTextDocument()
    doc.setBaseUrl(QUrl.fromLocalFile(str(html)))
    doc.setHtml(html.read_text("utf-8"))
    doc.setTextWidth(400)
    image = QImage(800, int(doc.size().height() * 2) + 20, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.scale(2, 2)
    doc.drawContents(painter)
    painter.end()
    image.save(str(png))


def window_shot(store: object, png: Path) -> None:
    """The labels window on the demo store: the textile products found, the sheet previewed."""
    from PySide6.QtCore import QEventLoop, QTimer

    from pos.app.bootstrap import build_label_desk
    from ui import i18n
    from ui.labels_window import LabelsWindow

    i18n.install_language("th")
    window = LabelsWindow(build_label_desk(store), language="th")  # type: ignore[arg-type]
    window.resize(1366, 728)  # a 1366x768 laptop screen less its task bar
    window.show()
    loop = QEventLoop()
    window.itemsLoaded.connect(lambda _n: QTimer.singleShot(300, loop.quit))
    QTimer.singleShot(500, lambda: (
        window.category.setCurrentIndex(window.category.findData("textile")),
        window.find_products(),
    ))  # fmt: skip
    QTimer.singleShot(20_000, loop.quit)
    loop.exec()
    window.set_copies(0, 3)
    window.update_preview()
    window.grab().save(str(png))
    window.close()


def main(argv: list[str]) -> int:
    from printing.label_qt import ensure_fonts
    from ui.app import ensure_app

    docs = Path(argv[1]) if len(argv) > 1 else ROOT / "docs"
    docs.mkdir(exist_ok=True)
    app = ensure_app()  # widgets too: the labels window is shown as well
    ensure_fonts()
    settings = Settings()
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        store = open_store(str(work / "demo.sqlite3"), settings)
        try:
            load_demo(store)
            items = find_labels(store.uow, settings, LabelQuery())
            sheet = pick(items, 21)
            pdf = work / "sheet.pdf"
            with open(pdf, "wb") as out:
                renderer = PdfLabelRenderer(outline=True)
                preview_labels(renderer, sheet, template_by_name("a4-3x7"), out)
            how = "pdftoppm"
            if not pdf_to_png(pdf, docs / "label-sheet.png", 100):
                qt_page(sheet, "a4-3x7", docs / "label-sheet.png", 100)
                how = "Qt (pdftoppm not installed)"
            print(f"docs/label-sheet.png: A4 3x7, 21 labels ({how})")
            silk = [
                i
                for i in items
                if STORY_SKU_HINT in i.product.name_th
                and i.product.stars
                and i.product.category == "textile"
            ]
            story_item = (silk or items)[0]
            roll = work / "roll.pdf"
            with open(roll, "wb") as out:
                preview_labels(PdfLabelRenderer(outline=True), [story_item],
                               template_by_name("roll-50x30"), out)  # fmt: skip
            if not pdf_to_png(roll, docs / "label-roll.png", 300):
                qt_page([story_item], "roll-50x30", docs / "label-roll.png", 300)
            print(f"docs/label-roll.png: 50x30 mm roll label of {story_item.product.sku}")
            site = work / "site"
            export_stories(store.uow, settings, StaticStorySite(), site)
            window_shot(store, docs / "label-window.png")
            print("docs/label-window.png: the labels window")
        finally:
            store.close()
        page = site / "p" / story_item.product.sku / "index.html"
        how = "chromium"
        if not screenshot(page, docs / "story-page.png"):
            qt_story(page, docs / "story-page.png")
            how = "Qt QTextDocument (chromium not installed)"
        print(f"docs/story-page.png: story page of {story_item.product.sku} ({how})")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
