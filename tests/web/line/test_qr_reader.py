"""ZxingQrReader: a shelf label's story link read off a photo; junk bytes read as nothing."""

from __future__ import annotations

import io

import qrcode
from PIL import Image

from web.line.qr_reader import ZxingQrReader

STORY = "https://shop.example.th/p/KK-TX-0001?s=label"


def photo(text: str, fmt: str = "JPEG") -> bytes:
    """The QR code on a grey shelf, a bit turned, as a phone's JPEG."""
    code = qrcode.make(text, border=4).get_image().convert("L").resize((300, 300))
    shelf = Image.new("L", (1200, 900), 170)
    shelf.paste(code.rotate(8, expand=True, fillcolor=170), (420, 260))
    out = io.BytesIO()
    shelf.save(out, fmt, quality=80)
    return out.getvalue()


def test_the_story_link_is_read_off_a_photo_of_the_label() -> None:
    reader = ZxingQrReader()
    assert reader.read(photo(STORY)) == [STORY]
    assert reader.read(photo(STORY, "PNG")) == [STORY]


def test_no_code_or_no_image_reads_as_nothing() -> None:
    reader = ZxingQrReader()
    blank = io.BytesIO()
    Image.new("RGB", (640, 480), "white").save(blank, "PNG")
    assert reader.read(blank.getvalue()) == []
    assert reader.read(b"") == []
    assert reader.read(b"\xff\xd8\xff\xe0 not really a jpeg") == []
    assert reader.read(b"GIF89a" + b"\0" * 100) == []
