"""Product photos: a picture file resized (800 px at most) and kept under the data folder."""

from __future__ import annotations

import os
import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QImageReader, QImageWriter, QPainter

from pos.domain.errors import ShopError

MAX_SIDE = 800  # px: the longer side of a stored photo
MAX_SOURCE_BYTES = 50 * 1024 * 1024  # a phone's picture is a few MB; 50 MB is not a photo


class QtPhotoStore:
    """The `PhotoStore` of pos.ports.products: QImage reads, scales and writes a JPEG."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def store(self, source: Path, name: str) -> str:
        try:
            size = source.stat().st_size
        except OSError as exc:
            raise ShopError(f"Photo {source.name}: cannot be read ({exc.strerror})",
                            f"รูปภาพ {source.name} อ่านไม่ได้ ({exc.strerror})") from exc  # fmt: skip
        if size > MAX_SOURCE_BYTES:
            raise ShopError(f"Photo {source.name} is larger than 50 MB",
                            f"รูปภาพ {source.name} มีขนาดเกิน 50 MB")  # fmt: skip
        reader = QImageReader(str(source))
        reader.setAutoTransform(True)  # a phone's picture stands as it was taken
        image = reader.read()
        if image.isNull():
            raise ShopError(
                f"Photo {source.name} is not a picture this program can read (JPEG, PNG, ...)",
                f"รูปภาพ {source.name} ไม่ใช่ไฟล์รูปที่โปรแกรมอ่านได้ (JPEG, PNG ...)",
            )
        if max(image.width(), image.height()) > MAX_SIDE:
            image = image.scaled(MAX_SIDE, MAX_SIDE, Qt.AspectRatioMode.KeepAspectRatio,
                                 Qt.TransformationMode.SmoothTransformation)  # fmt: skip
        if image.hasAlphaChannel():  # JPEG has no transparency: on white, not black
            flat = QImage(image.size(), QImage.Format.Format_RGB32)
            flat.fill(Qt.GlobalColor.white)
            painter = QPainter(flat)
            painter.drawImage(0, 0, image)
            painter.end()
            image = flat
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self.folder / f"{re.sub(r'[^A-Za-z0-9._-]', '_', name)}.jpg"
        part = target.with_name(target.name + ".part")
        writer = QImageWriter(str(part), b"jpeg")
        writer.setQuality(85)
        if not writer.write(image):
            raise ShopError(f"Photo could not be saved in {self.folder}",
                            f"บันทึกรูปภาพใน {self.folder} ไม่สำเร็จ")  # fmt: skip
        os.replace(part, target)
        return str(target)
