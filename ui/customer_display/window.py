"""The customer display's window: draws what it is told to show, takes no keyboard, no input."""

from __future__ import annotations

import logging
from decimal import Decimal

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QImage, QImageReader, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from pos.domain.promptpay import PromptPayError, promptpay_payload
from pos.services.customer_display import (
    IDLE,
    NO_SHOWCASE,
    MenuTile,
    Screen,
    Showcase,
    Shown,
    Slide,
)
from ui.customer_display.painting import Canvas, paint
from ui.customer_display.words import Words
from ui.qr import qr_image

log = logging.getLogger(__name__)

WINDOW_SIZE = QSize(1024, 600)  # a 10" customer screen; also the window mode's size


class CustomerDisplay(QWidget):
    """A top-level window that never takes the keyboard or the focus from the till."""

    painted = Signal(int)  # the revision just painted (benchmarks, tests)
    closedByUser = Signal()
    activated = Signal()  # it became the active window: the till takes the keyboard back

    def __init__(self, promptpay_id: str, shop_names: tuple[str, str], language: str = "th",
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.WindowDoesNotAcceptFocus)
        self.setObjectName("customerDisplay")
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setMinimumSize(480, 300)
        self.resize(WINDOW_SIZE)
        self.words = Words(language)
        self._promptpay_id = promptpay_id
        self._shop_names = shop_names
        self.shown: Shown = IDLE
        self.showcase: Showcase = NO_SHOWCASE
        self.slide_index = 0
        self.revision = 0
        self.painted_revision = -1
        self.texts: list[str] = []  # every text of the last paint
        self._closing = False
        self._photos: dict[tuple[str, int], QImage | None] = {}
        self._qr: tuple[str, int, QImage] | None = None
        self._retitle()

    # --- what it shows --------------------------------------------------------------------
    @property
    def language(self) -> str:
        return self.words.language

    def set_language(self, language: str) -> None:
        self.words.language = language
        self._retitle()
        self._changed()

    def show_state(self, shown: Shown) -> None:
        if shown == self.shown:
            return
        self.shown = shown
        self._changed(now=True)

    def set_showcase(self, showcase: Showcase) -> None:
        self.showcase = showcase
        self.slide_index = 0
        self._photos.clear()
        self._changed()

    def next_slide(self) -> None:
        if self.showcase.pages > 1:
            self.slide_index = (self.slide_index + 1) % self.showcase.pages
            self._changed()

    @property
    def slide(self) -> Slide | None:
        """The producer's story on the idle screen now (None: none, or the tea menu's page)."""
        slides = self.showcase.slides
        if not slides or self.on_tea_menu:
            return None
        return slides[self.slide_index % len(slides)]

    @property
    def on_tea_menu(self) -> bool:
        """The idle screen shows the tea corner's menu now (the slideshow's last page)."""
        pages = self.showcase.pages
        return bool(self.showcase.tea_menu) and self.slide_index % pages == pages - 1

    @property
    def tea_menu(self) -> tuple[MenuTile, ...]:
        return self.showcase.tea_menu if self.on_tea_menu else ()

    @property
    def payload(self) -> str:
        """The PromptPay payload of the QR on screen ('' when none is shown)."""
        if self.shown.screen is not Screen.PAYMENT or not self._promptpay_id:
            return ""
        try:
            return promptpay_payload(self._promptpay_id, self.shown.due)
        except PromptPayError:
            log.warning("PromptPay ID %r gives no QR code", self._promptpay_id)
            return ""

    def _changed(self, *, now: bool = False) -> None:
        """Draw again: at once (`now`, the sale changed: the customer sees it in the same
        frame as the till's cart), or with the next frame."""
        self.revision += 1
        if now and self.isVisible():
            self.repaint()
        else:
            self.update()

    def _retitle(self) -> None:
        th, en = self._shop_names
        self.setWindowTitle(self.words.pick(th, en))

    # --- drawing --------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        th, en = self._shop_names
        canvas = Canvas(painter, self.width(), self.height(), self.words)
        try:
            paint(canvas, self.shown, self.words.pick(th, en), slide=self.slide,
                  photo=self._photo, qr=self._qr_image, menu=self.tea_menu)  # fmt: skip
        finally:
            painter.end()
        self.texts = canvas.texts
        self.painted_revision = self.revision
        self.painted.emit(self.revision)

    def _qr_image(self, amount: Decimal, side: int) -> QImage | None:
        payload = self.payload
        if not payload:
            return None
        if self._qr is None or self._qr[:2] != (payload, side):
            image = qr_image(payload, side)
            self._qr = (payload, side, image)
        return self._qr[2]

    def _photo(self, key: str, side: int) -> QImage | None:
        """A product's photo (by SKU), cropped square at `side` px; cached."""
        cached = self._photos.get((key, side), False)
        if cached is not False:
            return cached  # type: ignore[return-value]
        path = self.showcase.photos.get(key)
        image = _square(path, side) if path else None
        if len(self._photos) > 400:
            self._photos.clear()
        self._photos[(key, side)] = image
        return image

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.WindowActivate:
            self.activated.emit()
        return super().event(event)

    # --- closing --------------------------------------------------------------------------
    def close_quietly(self) -> None:
        """The till closes it (its own close, or a lost screen): not the customer's doing."""
        self._closing = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._closing:
            self.closedByUser.emit()
        self._closing = False
        super().closeEvent(event)


def _square(path: str, side: int) -> QImage | None:
    """The picture at `path` read at about `side` px, cropped to its centre square."""
    reader = QImageReader(path)
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid() and min(size.width(), size.height()) > side:
        size.scale(side, side, Qt.AspectRatioMode.KeepAspectRatioByExpanding)
        reader.setScaledSize(size)
    image = reader.read()
    if image.isNull():
        log.warning("photo %s cannot be read: %s", path, reader.errorString())
        return None
    short = min(image.width(), image.height())
    image = image.copy((image.width() - short) // 2, (image.height() - short) // 2, short, short)
    return image.scaled(side, side, Qt.AspectRatioMode.IgnoreAspectRatio,
                        Qt.TransformationMode.SmoothTransformation)  # fmt: skip
