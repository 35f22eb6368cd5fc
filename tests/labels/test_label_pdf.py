"""The label PDF read back: pages, positions, text, barcodes and QR codes, Thai shaping."""

from __future__ import annotations

import io
import unicodedata
from decimal import Decimal

import pytest
import qrcode
from qrcode.constants import ERROR_CORRECT_M

from pos.domain.barcodes import gs1_check_digit, is_valid_gtin, with_check_digit
from pos.domain.labels import (
    LabelData,
    LabelProduct,
    LabelTemplate,
    Symbology,
    make_label,
    place_labels,
    template_by_name,
)
from pos.domain.settings import Settings
from printing.label_layout import MM, layout_label
from printing.label_text import Face
from printing.labels import PdfLabelRenderer
from tests.labels.decode import (
    decode_code128,
    decode_ean,
    modules,
    pdf_page_images,
    qr_grid,
    read_codes,
)
from tests.labels.pdfscan import (
    Page,
    RectFill,
    TextShow,
    as_text_layer,
    ink_outside,
    raster_text,
    read_pdf,
)

SETTINGS = Settings(story_url_template="https://kk-otop.example/story/{sku}")


def _product(sku: str, name_th: str, name_en: str, price: str, **kw: object) -> LabelProduct:
    return LabelProduct(
        product_id=f"id-{sku}",
        sku=sku,
        name_th=name_th,
        name_en=name_en,
        price=Decimal(price),
        producer_th="กลุ่มทอผ้าไหมบ้านโนนเขวา",
        district_th="ชนบท",
        **kw,  # type: ignore[arg-type]
    )


PRODUCTS = [
    _product(
        "KK-SILK-001", "ผ้าไหมมัดหมี่ลายนาค ปั้นหม้อ ญี่ปุ่น", "Mudmee silk, naga pattern",
        "1850", codes=(with_check_digit("885999900001"),), stars=5, star_year=2565,
        unit_th="ผืน", unit_en="piece",
    ),
    _product(
        "KK-DINO-002", "ตุ๊กตาไดโนเสาร์ภูเวียง", "Phu Wiang dinosaur figure", "250.50",
        codes=(with_check_digit("200000000042"),), stars=3, unit_th="ตัว", unit_en="piece",
    ),
    _product(
        "KK-BALM-003", "ยาหม่องสมุนไพรไพล", "Plai herbal balm", "65",
        codes=(with_check_digit("9638507"),), unit_th="ตลับ", unit_en="tin",
    ),
    _product(
        "KK-RICE-004", "ข้าวหอมมะลิอินทรีย์ น้ำผึ้งป่า", "Organic jasmine rice", "89",
        sold_by="weight", unit_th="กก.", unit_en="kg",
    ),
]  # fmt: skip
LABELS = [make_label(p, SETTINGS.story_url(p.sku)) for p in PRODUCTS]


def render(
    labels: list[LabelData], copies: list[int], template: LabelTemplate, start: int = 1, **kw: bool
) -> list[Page]:
    buf = io.BytesIO()
    PdfLabelRenderer(**kw).render(labels, place_labels(copies, template, start), template, buf)
    return read_pdf(io.BytesIO(buf.getvalue()))


def _slot_of(template: LabelTemplate, page: Page, key: tuple[float, float]) -> int:
    for slot in range(template.per_page):
        x, y = template.origin(slot)
        expected = (x * MM, page.height - (y + template.label_height) * MM)
        if abs(expected[0] - key[0]) < 0.01 and abs(expected[1] - key[1]) < 0.01:
            return slot
    raise AssertionError(f"no slot at {key}")


def _texts(label: dict[str, list[TextShow]]) -> list[str]:
    """The text runs of a label, ligatures ("ﬁ") read as their letters (as a search does)."""
    return [unicodedata.normalize("NFKC", t.text) for t in label["texts"]]


def _barcode(fills: list[RectFill]) -> RectFill:
    """The fill whose bars all start at one height (a QR code's rows do not)."""
    (bars,) = [f for f in fills if len({round(y + h, 2) for _, y, _, h in f.rects}) == 1]
    return bars


def _qr(fills: list[RectFill]) -> RectFill:
    (qr,) = [f for f in fills if len({round(y + h, 2) for _, y, _, h in f.rects}) > 1]
    return qr


def test_pages_and_labels_follow_copies_and_the_start_position():
    template = template_by_name("a4-3x7")
    pages = render(LABELS, [10, 10, 5, 1], template, start=3)
    assert len(pages) == 2  # 2 skipped + 26 labels = 28 positions: 21 + 7
    first, second = (p.labels() for p in pages)
    assert len(first) == 19
    assert len(second) == 7
    slots = sorted(_slot_of(template, pages[0], key) for key in first)
    assert slots == list(range(2, 21)), "positions 1 and 2 of the used sheet stay empty"
    assert sorted(_slot_of(template, pages[1], key) for key in second) == list(range(7))
    assert (pages[0].width, pages[0].height) == pytest.approx((210 * MM, 297 * MM))


def test_a_roll_has_one_label_per_page_of_the_label_size():
    pages = render(LABELS, [1, 1, 1, 1], template_by_name("roll-50x30"))
    assert len(pages) == 4
    assert all((p.width, p.height) == pytest.approx((50 * MM, 30 * MM)) for p in pages)
    assert all(len(p.labels()) == 1 for p in pages)


def test_each_label_shows_names_price_unit_origin_and_stars():
    template = template_by_name("a4-3x8")
    page = render(LABELS, [1, 1, 1, 1], template)[0]
    labels = sorted(page.labels().items(), key=lambda kv: _slot_of(template, page, kv[0]))
    for (_, drawn), label in zip(labels, LABELS, strict=True):
        texts = _texts(drawn)
        assert label.name_en in texts
        assert label.price_text in texts
        assert f"ต่อ {label.unit_th} · per {label.unit_en}" in texts
        assert "อ.ชนบท · กลุ่มทอผ้าไหมบ้านโนนเขวา" in texts
        # the Thai name: every line is in the PDF as the glyphs HarfBuzz chose for it
        lines = layout_label(label, template.label_width, template.label_height).text_of(
            "name_th"
        )
        assert "".join(lines).replace("\u00a0", "").replace(" ", "") == label.name_th.replace(
            " ", ""
        )
        for line in lines:
            # drawn with the glyphs HarfBuzz chose, and its text layer is the line itself
            assert as_text_layer(line) in texts
    silk_texts = _texts(labels[0][1])
    assert "OTOP 2565" in silk_texts
    assert "100 ก. = ฿8.90" in _texts(labels[3][1])


def test_barcodes_scan_back_to_the_products_codes():
    template = template_by_name("a4-4x10")
    page = render(LABELS, [1, 1, 1, 1], template)[0]
    labels = sorted(page.labels().items(), key=lambda kv: _slot_of(template, page, kv[0]))
    for (_, drawn), label in zip(labels, LABELS, strict=True):
        bars = modules(_barcode(drawn["fills"]))
        spec = label.barcode
        if spec.symbology is Symbology.CODE128:
            assert decode_code128(bars) == label.sku
            assert label.sku in _texts(drawn)
            continue
        digits = decode_ean(bars)
        assert digits == spec.value
        assert is_valid_gtin(digits)
        assert int(digits[-1]) == gs1_check_digit(digits[:-1])
        shown = "".join(t for t in _texts(drawn) if t.isdigit())
        assert shown == digits, "the digits under the bars are the code"
    assert [lab.barcode.symbology for lab in LABELS] == [
        Symbology.EAN13, Symbology.EAN13, Symbology.EAN8, Symbology.CODE128,
    ]  # fmt: skip


def test_qr_codes_encode_the_story_url():
    template = template_by_name("a4-3x7")
    page = render(LABELS, [1, 1, 1, 1], template)[0]
    labels = sorted(page.labels().items(), key=lambda kv: _slot_of(template, page, kv[0]))
    for (_, drawn), label in zip(labels, LABELS, strict=True):
        url = SETTINGS.story_url(label.sku)
        assert label.story_url == url == f"https://kk-otop.example/story/{label.sku}"
        reference = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
        reference.add_data(url)
        reference.make(fit=True)
        expected = tuple(tuple(bool(v) for v in row) for row in reference.get_matrix())
        assert qr_grid(_qr(drawn["fills"])) == expected
    # and another URL would have given another symbol
    other = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
    other.add_data(SETTINGS.story_url("KK-SILK-002"))
    other.make(fit=True)
    assert qr_grid(_qr(labels[0][1]["fills"])) != tuple(
        tuple(bool(v) for v in row) for row in other.get_matrix()
    )


@pytest.mark.parametrize("name", ["a4-3x7", "a4-4x10", "roll-50x30"])
def test_an_independent_reader_scans_every_code_off_the_printed_page(name: str):
    """zxing-cpp, reading the page as pdfium draws it at 300 dpi, finds each label's barcode
    (EAN-13, EAN-8, Code 128 for a product without one) and its story QR code."""
    template = template_by_name(name)
    buf = io.BytesIO()
    PdfLabelRenderer().render(LABELS, place_labels([1, 1, 1, 1], template, 1), template, buf)
    read = [code for image in pdf_page_images(buf.getvalue()) for code in read_codes(image)]
    kinds = {Symbology.EAN13: "EAN13", Symbology.EAN8: "EAN8", Symbology.CODE128: "Code128"}
    expected = [(kinds[lab.barcode.symbology], lab.barcode.value) for lab in LABELS]
    expected += [("QRCode", SETTINGS.story_url(lab.sku)) for lab in LABELS]
    assert sorted(read) == sorted(expected)


def test_qr_codes_can_be_links_in_the_pdf():
    page = render(LABELS, [1, 1, 1, 1], template_by_name("a4-3x7"), links=True)[0]
    uris = sorted(str(a["/A"]["/URI"]) for a in page.annotations)
    assert uris == sorted(label.story_url for label in LABELS)
    assert render(LABELS, [1], template_by_name("a4-3x7"))[0].annotations == []


@pytest.mark.parametrize("template", ["roll-50x30", "a4-4x10"])
def test_thai_in_the_pdf_looks_as_qt_draws_it(qapp, template: str):
    """Rasterise the PDF's text from its embedded font subset and compare it with Qt's own
    rendering of the same text runs: with shaping, no ink is out of place; without it, the
    tone marks and vowels land elsewhere (the test can fail)."""
    from printing import label_qt

    label_qt.ensure_fonts()
    tpl = template_by_name(template)
    label = LABELS[0]
    drawing = layout_label(label, tpl.label_width, tpl.label_height)
    dpi = 400
    scale = dpi / 72
    qt_image = label_qt.blank_image(drawing.width, drawing.height, dpi)
    from PySide6.QtGui import QPainter

    painter = QPainter(qt_image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(scale, scale)
    label_qt.draw_text_runs(painter, drawing.texts, scale, color=False)
    painter.end()

    def pdf_image(shaping: bool):  # type: ignore[no-untyped-def]
        page = render([label], [1], tpl, shaping=shaping)[0]
        ((key, drawn),) = page.labels().items()
        return raster_text(page, drawn["texts"], key, drawing.width, drawing.height, dpi)

    shaped = pdf_image(True)
    stray, ink = ink_outside(shaped, qt_image)
    missing, qt_ink = ink_outside(qt_image, shaped)
    assert ink > 10_000
    assert qt_ink > 10_000
    assert (stray, missing) == (0, 0)
    unshaped = pdf_image(False)
    assert ink_outside(qt_image, unshaped)[0] > 200, "unshaped Thai should differ visibly"


def test_qt_draws_the_same_page_for_previews(qapp):
    from printing.label_qt import page_image

    template = template_by_name("a4-3x7")
    image = page_image(LABELS, place_labels([1, 1, 1, 1], template, 2), template, dpi=50)
    assert (image.width(), image.height()) == (round(210 * MM * 50 / 72), round(297 * MM * 50 / 72))
    gray = image.convertToFormat(image.Format.Format_Grayscale8)
    dark = sum(1 for v in bytes(gray.constBits()) if v < 100)
    assert dark > 2_000


def test_the_fast_shaper_gives_what_reportlab_shapestr_gives():
    """Every word of the demo catalogue (Thai and English), shaped both ways, is the same
    string with the same glyph positions."""
    import json

    from reportlab.pdfbase.ttfonts import shapeStr

    from printing.labels import _Shaper, register_fonts
    from resources import DEMO

    register_fonts()
    names = json.loads((DEMO / "products.json").read_text("utf-8"))
    words = {w for p in names for key in ("name_th", "name_en") for w in p[key].split()}
    words |= {"ปั้นหม้อ", "ญี่ปุ่น", "น้ำผึ้ง", "ฐานะ", "ฎีกา", "AVATAR", "office", "฿1,850"}
    assert len(words) > 300
    for face in Face:
        fast = _Shaper(face)
        for word in sorted(words):
            mine, theirs = fast(word), shapeStr(word, face.value, 10)
            assert str(mine) == str(theirs), word
            assert type(mine) is type(theirs), word
            assert getattr(mine, "__shapeData__", None) == getattr(theirs, "__shapeData__", None)
