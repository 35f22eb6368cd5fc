"""`ZxingQrReader`: the QR codes in a photo a customer sends (zxing-cpp; Pillow decodes)."""

from __future__ import annotations

import io
import logging
import warnings

import zxingcpp
from PIL import Image, UnidentifiedImageError

log = logging.getLogger(__name__)

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a phone's photo is ~12 MP; a bigger "image" is refused unread
MAX_SIDE = 2000  # photos are scaled down to this first (QR codes read as well, much faster)


class ZxingQrReader:
    """A QrReader: the texts of the QR codes found in a JPEG/PNG/WebP photo ([] for none or
    for bytes that are no image)."""

    def read(self, image: bytes) -> list[str]:
        if not image or len(image) > MAX_BYTES:
            return []
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                with Image.open(io.BytesIO(image)) as opened:
                    if opened.width * opened.height > MAX_PIXELS:
                        return []
                    picture = opened.convert("L")
        except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombWarning):
            log.info("a photo that is no readable image (%d bytes)", len(image))
            return []
        picture.thumbnail((MAX_SIDE, MAX_SIDE))
        found = zxingcpp.read_barcodes(
            picture, formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)
        )
        return [str(code.text) for code in found if code.text]
