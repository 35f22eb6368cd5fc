"""QR codes drawn with QPainter from qrcode's module matrix (no PIL needed)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap

BORDER = 4  # quiet-zone modules, as the QR standard asks


def qr_matrix(text: str) -> list[list[bool]]:
    """The code's modules including the quiet zone (True = dark)."""
    import qrcode  # imported on the first QR code: the till's first frame does not need it

    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M, border=BORDER, box_size=1
    )
    code.add_data(text)
    code.make(fit=True)
    return [list(row) for row in code.get_matrix()]


def qr_image(text: str, min_px: int = 320) -> QImage:
    """A crisp QR image at least `min_px` wide: every module the same whole number of pixels.

    One grey pixel per module, scaled up without smoothing, so the edges stay sharp.
    """
    matrix = qr_matrix(text)
    n = len(matrix)
    module = max(1, -(-min_px // n))
    pixels = bytes(0 if dark else 255 for row in matrix for dark in row)
    small = QImage(pixels, n, n, n, QImage.Format.Format_Grayscale8).copy()
    return small.scaled(
        n * module,
        n * module,
        Qt.AspectRatioMode.IgnoreAspectRatio,
        Qt.TransformationMode.FastTransformation,
    ).convertToFormat(QImage.Format.Format_RGB32)


def qr_pixmap(text: str, min_px: int = 320) -> QPixmap:
    return QPixmap.fromImage(qr_image(text, min_px))
