"""QR codes as SVG and PNG images (python-qrcode lays out the symbol; no Pillow, no Qt)."""

from __future__ import annotations

import base64
import struct
import zlib
from functools import lru_cache

import qrcode
from qrcode.constants import ERROR_CORRECT_M

QUIET_ZONE = 4  # modules of white around the symbol, as the standard asks


@lru_cache(maxsize=256)
def qr_svg(data: str, module_px: int = 8) -> str:
    """The QR code of `data` as an SVG document: one path of black squares."""
    code = qrcode.QRCode(border=0, error_correction=ERROR_CORRECT_M)
    code.add_data(data)
    code.make(fit=True)
    matrix = code.get_matrix()
    size = len(matrix) + 2 * QUIET_ZONE
    squares = "".join(
        f"M{x + QUIET_ZONE} {y + QUIET_ZONE}h1v1h-1z"
        for y, row in enumerate(matrix)
        for x, dark in enumerate(row)
        if dark
    )
    px = size * module_px
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{px}" height="{px}" '
        f'viewBox="0 0 {size} {size}" shape-rendering="crispEdges">'
        f'<rect width="{size}" height="{size}" fill="#fff"/>'
        f'<path d="{squares}" fill="#000"/></svg>'
    )


def qr_svg_data_uri(data: str) -> str:
    """The QR code of `data` as a data: URI an <img> shows (the page's CSP allows data:)."""
    return "data:image/svg+xml;base64," + base64.b64encode(qr_svg(data).encode()).decode()


def qr_png(data: str, size_px: int = 480) -> bytes:
    """The QR code of `data` as a greyscale PNG about `size_px` wide (whole pixels per
    module), written with zlib alone: what a chat app shows as an image message."""
    code = qrcode.QRCode(border=0, error_correction=ERROR_CORRECT_M)
    code.add_data(data)
    code.make(fit=True)
    matrix = code.get_matrix()
    modules = len(matrix) + 2 * QUIET_ZONE
    scale = max(1, size_px // modules)
    white = bytes([255]) * (QUIET_ZONE * scale)
    blank = b"\x00" + bytes([255]) * (modules * scale)
    rows = [blank] * (QUIET_ZONE * scale)
    for line in matrix:
        pixels = b"".join(bytes([0 if dark else 255]) * scale for dark in line)
        rows += [b"\x00" + white + pixels + white] * scale
    rows += [blank] * (QUIET_ZONE * scale)
    width = modules * scale
    header = struct.pack(">IIBBBBB", width, width, 8, 0, 0, 0, 0)  # 8-bit greyscale
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
        + _chunk(b"IEND", b"")
    )


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
